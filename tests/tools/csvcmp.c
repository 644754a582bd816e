/*
 * csvcmp.c — compare two CSV files cell by cell, numbers with a tolerance.
 *
 * usage: csvcmp [--tol T] EXPECTED ACTUAL
 *
 * The golden cases' expected files were computed by hand (shared/examples:
 * "compared at 1e-12"), so a number may differ from ours in its last bit.
 * Two cells are equal when their text is equal, or both parse as numbers
 * (numfmt.h rules, plus "inf") and |a − b| ≤ T·max(1, |a|, |b|).  Everything
 * else — row count, field count, text cells, empty vs non-empty — must
 * match exactly.  Prints the first differences as file:line:column and exits
 * 1 when any differ, 2 on usage or I/O errors.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/buf.h"
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/numfmt.h"

struct table {
    struct kh_buf text;
    size_t nrows;
    char ***rows;      /* rows[i][j] */
    size_t *ncells;
    long *lines;
};

static void table_release(struct table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncells[r]; c++)
            free(t->rows[r][c]);
        free(t->rows[r]);
    }
    free(t->rows);
    free(t->ncells);
    free(t->lines);
    kh_buf_release(&t->text);
    memset(t, 0, sizeof *t);
}

static bool parse_num(const char *s, double *x)
{
    if (strcmp(s, "inf") == 0) {
        *x = INFINITY;
        return true;
    }
    if (strcmp(s, "-inf") == 0) {
        *x = -INFINITY;
        return true;
    }
    return kh_parse_double(s, x);
}

static int load(const char *path, struct table *t)
{
    struct kh_error err;
    struct kh_csv_reader r;
    memset(t, 0, sizeof *t);
    if (kh_buf_read_file(&t->text, path, &err) != 0) {
        kh_buf_release(&t->text);
        fprintf(stderr, "csvcmp: cannot read %s: %s\n", path,
                kh_error_text(&err, KH_LANG_EN, (char[1600]){0}, 1600));
        return -1;
    }
    kh_csv_reader_init(&r, t->text.data ? t->text.data : "", t->text.len);
    int rc;
    while ((rc = kh_csv_next(&r, &err)) == 1) {
        t->rows = realloc(t->rows, (t->nrows + 1) * sizeof *t->rows);
        t->ncells = realloc(t->ncells, (t->nrows + 1) * sizeof *t->ncells);
        t->lines = realloc(t->lines, (t->nrows + 1) * sizeof *t->lines);
        char **cells = calloc(r.nfields, sizeof *cells);
        for (size_t i = 0; i < r.nfields; i++)
            cells[i] = strdup(r.fields[i]);
        t->rows[t->nrows] = cells;
        t->ncells[t->nrows] = r.nfields;
        t->lines[t->nrows] = r.line;
        t->nrows++;
    }
    kh_csv_reader_release(&r);
    if (rc < 0) {
        fprintf(stderr, "csvcmp: %s:%ld: %s\n", path, err.line,
                kh_error_text(&err, KH_LANG_EN, (char[1600]){0}, 1600));
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    double tol = 1e-12;
    int i = 1;
    if (argc > 2 && strcmp(argv[1], "--tol") == 0) {
        tol = strtod(argv[2], NULL);
        i = 3;
    }
    if (argc - i != 2) {
        fprintf(stderr, "usage: csvcmp [--tol T] EXPECTED ACTUAL\n");
        return 2;
    }
    struct table a, b;
    memset(&b, 0, sizeof b);
    if (load(argv[i], &a) != 0 || load(argv[i + 1], &b) != 0) {
        table_release(&a);
        table_release(&b);
        return 2;
    }
    int diffs = 0;
    if (a.nrows != b.nrows) {
        fprintf(stderr, "%s: %zu rows, expected %zu\n", argv[i + 1], b.nrows, a.nrows);
        diffs++;
    }
    size_t n = a.nrows < b.nrows ? a.nrows : b.nrows;
    for (size_t r = 0; r < n && diffs < 20; r++) {
        if (a.ncells[r] != b.ncells[r]) {
            fprintf(stderr, "%s:%ld: %zu cells, expected %zu\n", argv[i + 1], b.lines[r],
                    b.ncells[r], a.ncells[r]);
            diffs++;
            continue;
        }
        for (size_t c = 0; c < a.ncells[r]; c++) {
            const char *x = a.rows[r][c], *y = b.rows[r][c];
            if (strcmp(x, y) == 0)
                continue;
            double dx, dy;
            if (parse_num(x, &dx) && parse_num(y, &dy)) {
                double scale = fmax(1.0, fmax(fabs(dx), fabs(dy)));
                if (dx == dy || fabs(dx - dy) <= tol * scale)
                    continue;
            }
            fprintf(stderr, "%s:%ld:%s: got \"%s\", expected \"%s\"\n", argv[i + 1], b.lines[r],
                    c < a.ncells[0] ? a.rows[0][c] : "?", y, x);
            diffs++;
        }
    }
    table_release(&a);
    table_release(&b);
    return diffs ? 1 : 0;
}
