/*
 * rows.c — store rows and CSV tables as the pages see them.
 *
 * The store hands rows to a callback (kh_store_row_fn); pages want them as
 * an array to sort, group and count.  kh__rows_fn copies each row into the
 * request's arena (so nothing is freed by hand), keeping at most `limit`
 * rows while counting all of them — a page that shows the latest 200
 * ratings must not hold a million.  Result tables come from the store as
 * CSV text (kh_store_results_csv, the same bytes `kaohe results` prints),
 * parsed here with the project's one CSV reader.
 */
#include <string.h>
#include "http/http-int.h"
#include "kaohe/csv.h"
#include "kaohe/numfmt.h"
#include "kaohe/round2.h"
#include "kaohe/strmap.h"

void kh__rows_init(struct kh__rows *x, struct kh_req *r, long limit)
{
    memset(x, 0, sizeof *x);
    x->r = r;
    x->limit = limit;
}

static void push(struct kh__rows *x, int ncols, const char *const *cells)
{
    x->total++;
    if (x->limit > 0 && x->n >= x->limit)
        return;
    if (x->n == x->cap) {
        long cap = x->cap ? x->cap * 2 : 64;
        const char ***rows = kh_arena_alloc(&x->r->arena, (size_t)cap * sizeof *rows);
        if (x->n)
            memcpy(rows, x->rows, (size_t)x->n * sizeof *rows);
        x->rows = rows;
        x->cap = cap;
    }
    int want = ncols > x->ncols ? ncols : x->ncols;
    const char **row = kh_arena_alloc(&x->r->arena, (size_t)(want > 0 ? want : 1) * sizeof *row);
    for (int i = 0; i < want; i++)
        row[i] = i < ncols && cells[i] ? kh_arena_strdup(&x->r->arena, cells[i]) : "";
    if (ncols > x->ncols)
        x->ncols = ncols;
    x->rows[x->n++] = row;
}

int kh__rows_fn(void *ctx, int ncols, const char *const *cells)
{
    push(ctx, ncols, cells);
    return 0;
}

json_t *kh__rows_json(const struct kh__rows *x, const char *const *names)
{
    json_t *a = json_array();
    for (long i = 0; i < x->n; i++) {
        json_t *o = json_object();
        for (int j = 0; names[j] && j < x->ncols; j++)
            json_object_set_new(o, names[j], json_string(x->rows[i][j]));
        json_array_append_new(a, o);
    }
    return a;
}

int kh__rows_csv(struct kh__rows *x, const char *csv, const char ***names, struct kh_error *err)
{
    struct kh_csv_reader rd;
    kh_csv_reader_init(&rd, csv, strlen(csv));
    int rc, ncols = 0;
    *names = NULL;
    while ((rc = kh_csv_next(&rd, err)) == 1) {
        if (*names == NULL) {
            ncols = (int)rd.nfields;
            const char **h = kh_arena_calloc(&x->r->arena, (size_t)ncols + 1, sizeof *h);
            for (int i = 0; i < ncols; i++)
                h[i] = kh_arena_strdup(&x->r->arena, rd.fields[i]);
            *names = h;
            x->ncols = ncols;
            continue;
        }
        if (kh_csv_record_blank(&rd))
            continue;
        push(x, (int)rd.nfields, (const char *const *)rd.fields);
    }
    kh_csv_reader_release(&rd);
    if (x->ncols < ncols)
        x->ncols = ncols;
    return rc < 0 ? rc : 0;
}

int kh__col(const char *const *names, int ncols, const char *name)
{
    for (int i = 0; names && i < ncols && names[i]; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}

int kh__names_load(struct kh__names *n, struct kh_req *r, const char *cycle, const char *file)
{
    kh__rows_init(&n->x, r, 0);
    kh_strmap_init(&n->m);
    int rc = kh_store_scheme_rows(r->store, &r->actor, cycle, file, kh__rows_fn, &n->x, NULL);
    int name_col = strcmp(file, "indicators.csv") == 0 ? 2 : 1;
    for (long i = 0; rc == 0 && i < n->x.n; i++)
        kh_strmap_put(&n->m, n->x.rows[i][0], (int32_t)i);
    n->name_col = name_col;
    return rc;
}

const char **kh__names_row(const struct kh__names *n, const char *code)
{
    int32_t i = code ? kh_strmap_get(&n->m, code) : -1;
    return i < 0 ? NULL : n->x.rows[i];
}

const char *kh__name_of(const struct kh__names *n, const char *code)
{
    const char **row = kh__names_row(n, code);
    return row && row[n->name_col][0] ? row[n->name_col] : code;
}

void kh__names_release(struct kh__names *n)
{
    kh_strmap_release(&n->m);
}

const char *kh__fmt(struct kh_req *r, const char *cell, int decimals)
{
    double x;
    if (cell == NULL || cell[0] == '\0' || !kh_parse_double(cell, &x))
        return cell ? cell : "";
    if (decimals == 2)
        return kh_arena_printf(&r->arena, "%.2f", kh_round2(x));
    char *s = kh_arena_printf(&r->arena, "%.*f", decimals < 0 ? 4 : decimals, x);
    if (decimals < 0 && strchr(s, '.')) {
        size_t n = strlen(s);
        while (n > 0 && s[n - 1] == '0')
            s[--n] = '\0';
        if (n > 0 && s[n - 1] == '.')
            s[--n] = '\0';
    }
    return s;
}
