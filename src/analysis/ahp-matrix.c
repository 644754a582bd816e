/*
 * ahp-matrix.c — reading one pairwise-comparison matrix file (ahp.h).
 *
 * The file is whatever an assessment office types into a spreadsheet: n rows
 * of n judgements, with or without a header row of criterion codes and a
 * first column of the same codes.  We decide the layout from the content
 * (a first record without a number after its first cell is a header; data
 * rows with n + 1 cells carry codes in front) rather than from options, so both common
 * layouts just work.  Every defect names the physical line and the column —
 * by criterion code when the file has codes, by 1-based position otherwise —
 * because the person fixing it is looking at the spreadsheet.
 *
 * CSV decoding is the util reader's (csv.h, SPEC §11.2 trimming); numbers go
 * through kh_parse_double (numfmt.h) so `12,5` or `1O` are errors here as
 * everywhere else.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/ahp.h"
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/numfmt.h"
#include "kaohe/xalloc.h"
#include "kaohe/msg-analysis.h"

bool kh_ahp_parse_cell(const char *s, double *out)
{
    char tmp[128];
    size_t len = strlen(s);
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    while (len > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    if (len == 0 || len >= sizeof tmp)
        return false;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    char *slash = strchr(tmp, '/');
    if (slash == NULL)
        return kh_parse_double(tmp, out);
    *slash = '\0';
    double num, den;
    /* trim around the slash: "1 / 7" */
    char *a = tmp, *b = slash + 1;
    size_t la = strlen(a);
    while (la > 0 && (a[la - 1] == ' ' || a[la - 1] == '\t'))
        a[--la] = '\0';
    while (*b == ' ' || *b == '\t')
        b++;
    if (strchr(b, '/') != NULL || !kh_parse_double(a, &num) || !kh_parse_double(b, &den) ||
        den == 0)
        return false;
    *out = num / den;
    return true;
}

void kh_ahp_matrix_release(struct kh_ahp_matrix *m)
{
    for (int i = 0; i < KH_AHP_MAX_N; i++) {
        free(m->codes[i]);
        m->codes[i] = NULL;
    }
    m->n = 0;
}

const char *kh_ahp_matrix_column(const struct kh_ahp_matrix *m, int col, char *buf, size_t n)
{
    if (m->codes[col] != NULL)
        snprintf(buf, n, "%s", m->codes[col]);
    else
        snprintf(buf, n, "%d", col + 1 + m->first_col);
    return buf;
}

/* Records of the file, cells copied (the reader reuses its storage). */
struct rec {
    long line;
    size_t n;
    char **cells;
};

static void recs_free(struct rec *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < r[i].n; j++)
            free(r[i].cells[j]);
        free(r[i].cells);
    }
    free(r);
}

static bool any_number(const struct rec *r, size_t from)
{
    double x;
    for (size_t j = from; j < r->n; j++)
        if (kh_ahp_parse_cell(r->cells[j], &x))
            return true;
    return false;
}

int kh_ahp_matrix_parse(const char *data, size_t len, const char *fname,
                        struct kh_ahp_matrix *m, struct kh_error *err)
{
    struct kh_csv_reader rd;
    struct rec *recs = NULL;
    size_t nrecs = 0, cap = 0;
    int rc = 0;
    char colbuf[64];

    memset(m, 0, sizeof *m);
    kh_csv_reader_init(&rd, data, len);
    for (;;) {
        int got = kh_csv_next(&rd, err);
        if (got < 0) {
            if (err != NULL)
                snprintf(err->file, sizeof err->file, "%s", fname);
            rc = got;
            goto out;
        }
        if (got == 0)
            break;
        if (kh_csv_record_blank(&rd))
            continue;
        if (nrecs > KH_AHP_MAX_N + 1) {
            rc = KH_ERR_AT(err, KH_EINVAL, fname, rd.line, NULL, AHP_TOO_LARGE, KH_ARG_LONG(KH_AHP_MAX_N));
            goto out;
        }
        KH_GROW(recs, nrecs + 1, cap);
        struct rec *r = &recs[nrecs++];
        r->line = rd.line;
        r->n = rd.nfields;
        r->cells = kh_xcalloc(rd.nfields, sizeof *r->cells);
        for (size_t j = 0; j < rd.nfields; j++)
            r->cells[j] = kh_xstrdup(rd.fields[j]);
    }
    if (nrecs == 0) {
        rc = KH_ERR_AT(err, KH_EINVAL, fname, 0, NULL, MATRIX_EMPTY);
        goto out;
    }

    /* Header: no cell of the first record is a number, its first cell aside
     * (a row code or a corner label); a lone cell must not be a number.  A
     * typo in a data row leaves its other numbers, so it is still data. */
    size_t first = 0;
    bool header = recs[0].n == 1 ? !any_number(&recs[0], 0) : !any_number(&recs[0], 1);
    if (header)
        first = 1;
    size_t n = nrecs - first;
    if (n == 0) {
        rc = KH_ERR_AT(err, KH_EINVAL, fname, recs[0].line, NULL, AHP_NO_ROWS);
        goto out;
    }
    if (n > KH_AHP_MAX_N) {
        rc = KH_ERR_AT(err, KH_EINVAL, fname, recs[first + KH_AHP_MAX_N].line, NULL, AHP_TOO_LARGE, KH_ARG_LONG(KH_AHP_MAX_N));
        goto out;
    }
    m->n = (int)n;
    /* First column of codes: data rows have n + 1 cells. */
    m->first_col = recs[first].n == n + 1 ? 1 : 0;
    for (size_t i = first; i < nrecs; i++) {
        if (recs[i].n != n + (size_t)m->first_col) {
            rc = KH_ERR_AT(err, KH_EINVAL, fname, recs[i].line, NULL, AHP_NOT_SQUARE, KH_ARG_SIZE(n), KH_ARG_SIZE(recs[i].n - (size_t)m->first_col));
            goto out;
        }
    }
    if (header) {
        size_t hn = recs[0].n;
        size_t off;
        if (hn == n)
            off = 0;
        else if (hn == n + 1)
            off = 1;    /* a corner cell, whatever it says */
        else {
            rc = KH_ERR_AT(err, KH_EINVAL, fname, recs[0].line, NULL, AHP_HEADER_COUNT, KH_ARG_SIZE(hn), KH_ARG_SIZE(n));
            goto out;
        }
        if (off == 1 && !m->first_col) {
            rc = KH_ERR_AT(err, KH_EINVAL, fname, recs[0].line, NULL, AHP_HEADER_EXTRA);
            goto out;
        }
        for (size_t j = 0; j < n; j++) {
            const char *code = recs[0].cells[j + off];
            if (code[0] == '\0') {
                rc = KH_ERR_AT(err, KH_EINVAL, fname, recs[0].line, NULL, AHP_HEADER_CODE_EMPTY, KH_ARG_SIZE(j + 1));
                goto out;
            }
            m->codes[j] = kh_xstrdup(code);
        }
    }
    for (size_t i = 0; i < n; i++) {
        const struct rec *r = &recs[first + i];
        m->line[i] = r->line;
        if (m->first_col) {
            const char *code = r->cells[0];
            if (m->codes[i] == NULL)
                m->codes[i] = kh_xstrdup(code);
            else if (strcmp(m->codes[i], code) != 0) {
                rc = KH_ERR_AT(err, KH_EINVAL, fname, r->line, NULL, AHP_ROW_CODE, code, KH_ARG_SIZE(i + 1), m->codes[i]);
                goto out;
            }
        }
        for (size_t j = 0; j < n; j++) {
            const char *cell = r->cells[j + (size_t)m->first_col];
            if (!kh_ahp_parse_cell(cell, &m->a[i * n + j])) {
                rc = KH_ERR_AT(err, KH_EINVAL, fname, r->line, kh_ahp_matrix_column(m, (int)j, colbuf, sizeof colbuf), AHP_NOT_NUMBER, cell);
                goto out;
            }
        }
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; m->codes[i] != NULL && j < n; j++)
            if (strcmp(m->codes[i], m->codes[j]) == 0) {
                rc = KH_ERR_AT(err, KH_EINVAL, fname, recs[0].line, NULL, AHP_CODE_REPEATED, m->codes[i]);
                goto out;
            }

    int ri, ci;
    enum kh_ahp_defect d = kh_ahp_check(m->a, m->n, &ri, &ci);
    if (d == KH_AHP_NOT_POSITIVE) {
        rc = KH_ERR_AT(err, KH_EINVAL, fname, m->line[ri], kh_ahp_matrix_column(m, ci, colbuf, sizeof colbuf), AHP_NOT_POSITIVE, KH_ARG_NUM(m->a[ri * m->n + ci]));
        goto out;
    }
    if (d == KH_AHP_NOT_RECIPROCAL) {
        double x = m->a[ri * m->n + ci], y = m->a[ci * m->n + ri];
        if (ri == ci)
            rc = KH_ERR_AT(err, KH_EINVAL, fname, m->line[ri], kh_ahp_matrix_column(m, ci, colbuf, sizeof colbuf), AHP_DIAGONAL, KH_ARG_NUM(x));
        else
            rc = KH_ERR_AT(err, KH_EINVAL, fname, m->line[ri], kh_ahp_matrix_column(m, ci, colbuf, sizeof colbuf), AHP_NOT_RECIPROCAL, KH_ARG_LONG(ri + 1), KH_ARG_LONG(ci + 1), KH_ARG_NUM(x), KH_ARG_NUM(y));
        goto out;
    }
out:
    recs_free(recs, nrecs);
    kh_csv_reader_release(&rd);
    if (rc != 0)
        kh_ahp_matrix_release(m);
    return rc;
}
