/*
 * weights-file.c — weight files, and weights written into indicators.csv
 * (weights-file.h).
 *
 * Rewriting indicators.csv.  The util CSV reader parses the file record by
 * record; before and after each kh_csv_next() its `p` marks the raw bytes
 * of the record, so unchanged records are copied verbatim.  In a record
 * whose weight changes, one short quote-aware scan finds the raw span of the
 * weight cell (from just after the previous comma to just before the next
 * comma or line end, quotes and padding included) and only that span is
 * replaced.  New weights are numbers, which never need quoting.
 *
 * Validation is local to what we touch: the header must have `code`,
 * `parent` and `weight.<CAT>`; the node must exist; the codes must be its
 * weighted children.  The rest of the bundle is the reader's business
 * (`kaohe validate` after editing, or the CLI re-reads the bundle).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/numfmt.h"
#include "kaohe/weights-file.h"
#include "kaohe/xalloc.h"
#include "kaohe/msg-analysis.h"

void kh_weight_list_release(struct kh_weight_list *wl)
{
    if (wl == NULL)
        return;
    for (size_t i = 0; i < wl->n; i++)
        free(wl->codes[i]);
    free(wl->codes);
    free(wl->weights);
    free(wl->lines);
    memset(wl, 0, sizeof *wl);
}

static int find_col(const struct kh_csv_reader *r, const char *const *names)
{
    for (size_t i = 0; i < r->nfields; i++)
        for (size_t k = 0; names[k]; k++)
            if (strcmp(r->fields[i], names[k]) == 0)
                return (int)i;
    return -1;
}

int kh_weight_list_parse(const char *data, size_t len, const char *fname,
                         struct kh_weight_list *wl, struct kh_error *err)
{
    static const char *const code_names[] = {"code", "编码", "指标编码", NULL};
    static const char *const weight_names[] = {"weight", "权重", NULL};
    struct kh_csv_reader r;
    size_t cap = 0, cap2 = 0, cap3 = 0;
    int rc = 0, ccode = -1, cweight = -1;
    bool have_header = false;

    memset(wl, 0, sizeof *wl);
    kh_csv_reader_init(&r, data, len);
    for (;;) {
        int got = kh_csv_next(&r, err);
        if (got < 0) {
            if (err)
                snprintf(err->file, sizeof err->file, "%s", fname);
            rc = got;
            goto out;
        }
        if (got == 0)
            break;
        if (kh_csv_record_blank(&r))
            continue;
        if (!have_header) {
            have_header = true;
            ccode = find_col(&r, code_names);
            cweight = find_col(&r, weight_names);
            if (ccode < 0 || cweight < 0 || r.nfields != 2) {
                rc = KH_ERR_AT(err, KH_EINVAL, fname, r.line, NULL, WEIGHTS_HEADER);
                goto out;
            }
            continue;
        }
        if (r.nfields != 2) {
            rc = KH_ERR_AT(err, KH_EINVAL, fname, r.line, NULL, WEIGHTS_FIELD_COUNT, KH_ARG_SIZE(r.nfields));
            goto out;
        }
        const char *code = r.fields[ccode], *ws = r.fields[cweight];
        double w;
        if (code[0] == '\0') {
            rc = KH_ERR_AT(err, KH_EINVAL, fname, r.line, "code", WEIGHTS_CODE_EMPTY);
            goto out;
        }
        if (!kh_parse_double(ws, &w) || !(w >= 0) || w > 1e300) {
            rc = KH_ERR_AT(err, KH_EINVAL, fname, r.line, "weight", WEIGHTS_NOT_NONNEG, ws);
            goto out;
        }
        for (size_t i = 0; i < wl->n; i++)
            if (strcmp(wl->codes[i], code) == 0) {
                rc = KH_ERR_AT(err, KH_EINVAL, fname, r.line, "code", WEIGHTS_CODE_REPEATED, code, KH_ARG_LONG(wl->lines[i]));
                goto out;
            }
        KH_GROW(wl->codes, wl->n + 1, cap);
        KH_GROW(wl->weights, wl->n + 1, cap2);
        KH_GROW(wl->lines, wl->n + 1, cap3);
        wl->codes[wl->n] = kh_xstrdup(code);
        wl->weights[wl->n] = w;
        wl->lines[wl->n] = r.line;
        wl->n++;
    }
    if (!have_header || wl->n == 0)
        rc = KH_ERR_AT(err, KH_EINVAL, fname, 0, NULL, WEIGHTS_NONE);
out:
    kh_csv_reader_release(&r);
    if (rc != 0)
        kh_weight_list_release(wl);
    return rc;
}

int kh_weight_list_render(const char *const *codes, const double *weights, size_t n,
                          struct kh_buf *out)
{
    char num[32];
    int rc = kh_buf_puts(out, "code,weight\n");
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const char *cells[2] = {codes[i], kh_fmt_double(weights[i], num)};
        rc = kh_csv_put_row(out, cells, 2);
    }
    return rc;
}

/* Raw span [*b, *e) of cell `k` of the record at [p, end). */
static void cell_span(const char *p, const char *end, size_t k, const char **b, const char **e)
{
    for (size_t i = 0;; i++) {
        const char *start = p;
        const char *q = p;
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
        if (q < end && *q == '"') {
            q++;
            while (q < end) {
                if (*q == '"') {
                    if (q + 1 < end && q[1] == '"') {
                        q += 2;
                        continue;
                    }
                    q++;
                    break;
                }
                q++;
            }
        }
        while (q < end && *q != ',' && *q != '\r' && *q != '\n')
            q++;
        if (i == k) {
            *b = start;
            *e = q;
            return;
        }
        if (q >= end || *q != ',') {
            *b = *e = q;    /* fewer cells than expected: cannot happen after the count check */
            return;
        }
        p = q + 1;
    }
}

static bool points_kind(const char *kind)
{
    return strcmp(kind, "bonus") == 0 || strcmp(kind, "penalty") == 0 || strcmp(kind, "veto") == 0;
}

int kh_indicators_set_weights(const char *data, size_t len, const char *node,
                              const char *category, const char *const *codes,
                              const double *weights, size_t n, struct kh_buf *out,
                              struct kh_error *err)
{
    /* header aliases as the bundle reader accepts them (docs/formats.md) */
    static const char *const code_names[] = {"code", "指标编码", "指标", "编码", "代码", NULL};
    static const char *const parent_names[] = {"parent", "上级", "上级指标", NULL};
    static const char *const kind_names[] = {"kind", "类型", NULL};
    const char *F = "indicators.csv";
    struct kh_csv_reader r;
    char col[80], col_zh[96], num[32];
    snprintf(col, sizeof col, "weight.%s", category);
    snprintf(col_zh, sizeof col_zh, "权重.%s", category);
    const char *weight_names[] = {col, col_zh, NULL};
    int rc = 0, ccode = -1, cparent = -1, ckind = -1, cw = -1;
    size_t nheader = 0;
    bool node_seen = false;
    long *line_of = kh_xcalloc(n ? n : 1, sizeof *line_of);   /* 0 = not found yet */
    const char *data0 = data;

    kh_csv_reader_init(&r, data, len);
    /* the reader skips a BOM: copy it through */
    if (r.p > data0) {
        kh_buf_append(out, data0, (size_t)(r.p - data0));
    }
    /* pass 1: find the columns, the node and the children, check the set */
    struct child { char *code; long line; double w; bool weighted; } *kids = NULL;
    size_t nkids = 0, kcap = 0;
    for (;;) {
        int got = kh_csv_next(&r, err);
        if (got < 0) {
            if (err)
                snprintf(err->file, sizeof err->file, "%s", F);
            rc = got;
            goto out;
        }
        if (got == 0)
            break;
        if (kh_csv_record_blank(&r))
            continue;
        if (nheader == 0) {
            nheader = r.nfields;
            ccode = find_col(&r, code_names);
            cparent = find_col(&r, parent_names);
            ckind = find_col(&r, kind_names);
            cw = find_col(&r, weight_names);
            if (ccode < 0 || cparent < 0) {
                rc = KH_ERR_AT(err, KH_EINVAL, F, r.line, NULL, WEIGHTS_NO_CODE_PARENT);
                goto out;
            }
            if (cw < 0) {
                rc = KH_ERR_AT(err, KH_EINVAL, F, r.line, NULL, WEIGHTS_NO_CATEGORY, col, category);
                goto out;
            }
            continue;
        }
        if (r.nfields != nheader) {
            rc = KH_ERR_AT(err, KH_EINVAL, F, r.line, NULL, WEIGHTS_CELL_COUNT, KH_ARG_SIZE(r.nfields), KH_ARG_SIZE(nheader));
            goto out;
        }
        if (strcmp(r.fields[ccode], node) == 0)
            node_seen = true;
        if (strcmp(r.fields[cparent], node) == 0) {
            KH_GROW(kids, nkids + 1, kcap);
            struct child *k = &kids[nkids++];
            k->code = kh_xstrdup(r.fields[ccode]);
            k->line = r.line;
            k->weighted = ckind < 0 || !points_kind(r.fields[ckind]);
            const char *ws = r.fields[cw];
            k->w = 0;
            if (ws[0] != '\0' && !kh_parse_double(ws, &k->w)) {
                rc = KH_ERR_AT(err, KH_EINVAL, F, r.line, col, WEIGHTS_NOT_NUMBER, ws);
                goto out;
            }
        }
    }
    if (nheader == 0) {
        rc = KH_ERR_AT(err, KH_EINVAL, F, 0, NULL, MATRIX_EMPTY);
        goto out;
    }
    if (!node_seen) {
        rc = KH_ERR_AT(err, KH_EINVAL, F, 0, "code", WEIGHTS_NO_INDICATOR, node);
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        size_t k;
        for (k = 0; k < nkids; k++)
            if (strcmp(kids[k].code, codes[i]) == 0)
                break;
        if (k == nkids || !kids[k].weighted) {
            rc = KH_ERR_AT(err, KH_EINVAL, F, k < nkids ? kids[k].line : 0, NULL, WEIGHTS_NOT_CHILD, codes[i], node);
            goto out;
        }
        line_of[i] = kids[k].line;
    }
    for (size_t k = 0; k < nkids; k++) {
        if (!kids[k].weighted || kids[k].w == 0)
            continue;
        size_t i;
        for (i = 0; i < n; i++)
            if (strcmp(kids[k].code, codes[i]) == 0)
                break;
        if (i == n) {
            rc = KH_ERR_AT(err, KH_EINVAL, F, kids[k].line, col, WEIGHTS_CHILD_MISSING, kids[k].code, col);
            goto out;
        }
    }

    /* pass 2: copy, replacing the weight cell of the given children */
    kh_csv_reader_release(&r);
    kh_csv_reader_init(&r, data, len);
    for (;;) {
        const char *start = r.p;
        int got = kh_csv_next(&r, NULL);
        if (got <= 0)
            break;
        const char *end = r.p;
        size_t i = n;
        if (!kh_csv_record_blank(&r) && r.nfields == nheader)
            for (i = 0; i < n; i++)
                if (line_of[i] == r.line)
                    break;
        if (i == n) {
            kh_buf_append(out, start, (size_t)(end - start));
            continue;
        }
        const char *b, *e;
        cell_span(start, end, (size_t)cw, &b, &e);
        kh_buf_append(out, start, (size_t)(b - start));
        kh_buf_puts(out, kh_fmt_double_short(weights[i], num));
        kh_buf_append(out, e, (size_t)(end - e));
    }
out:
    for (size_t k = 0; k < nkids; k++)
        free(kids[k].code);
    free(kids);
    free(line_of);
    kh_csv_reader_release(&r);
    return rc;
}
