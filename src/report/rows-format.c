/*
 * rows-format.c — store rows as CSV or JSON (rows-format.h).  CSV through
 * kh_csv_put_row, JSON through jansson with the keys in column order.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/csv.h"
#include "kaohe/rows-format.h"

int kh_rows_fmt_parse(const char *name, enum kh_rows_fmt *out)
{
    if (name == NULL || strcmp(name, "csv") == 0)
        *out = KH_ROWS_CSV;
    else if (strcmp(name, "json") == 0)
        *out = KH_ROWS_JSON;
    else
        return -1;
    return 0;
}

void kh_rows_out_begin(struct kh_rows_out *o, enum kh_rows_fmt fmt, const char *const *names,
                       int ncols, struct kh_buf *out)
{
    o->fmt = fmt;
    o->names = names;
    o->ncols = ncols;
    o->out = out;
    o->json = NULL;
    if (fmt == KH_ROWS_CSV)
        kh_csv_put_row(out, names, (size_t)ncols);
    else
        o->json = json_array();
}

int kh_rows_out_row(void *ctx, int ncols, const char *const *cells)
{
    struct kh_rows_out *o = ctx;
    int n = ncols < o->ncols ? ncols : o->ncols;
    const char *row[64];
    if (n > 64)
        n = 64;
    for (int i = 0; i < n; i++)
        row[i] = cells[i] ? cells[i] : "";
    for (int i = n; i < o->ncols && i < 64; i++)
        row[i] = "";
    int m = o->ncols < 64 ? o->ncols : 64;
    if (o->fmt == KH_ROWS_CSV)
        return kh_csv_put_row(o->out, row, (size_t)m);
    json_t *obj = json_object();
    for (int i = 0; i < m; i++) {
        json_t *v = json_string(row[i]);   /* NULL for bytes that are not UTF-8 */
        json_object_set_new(obj, o->names[i], v ? v : json_null());
    }
    json_array_append_new(o->json, obj);
    return 0;
}

void kh_rows_out_end(struct kh_rows_out *o)
{
    if (o->json == NULL)
        return;
    char *text = json_dumps(o->json, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (text != NULL) {
        kh_buf_puts(o->out, text);
        kh_buf_puts(o->out, "\n");
        free(text);
    }
    json_decref(o->json);
    o->json = NULL;
}
