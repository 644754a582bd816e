/*
 * store-progress.c — how far a cycle's data has come, for the office's
 * dashboard (kh_store_cycle_progress, store.h).
 *
 * Three tables of (kind, key, done, expected):
 *   values   per department: year-end values present of its quant leaves,
 *            counted only where the leaf applies to the unit's township
 *            type (SPEC §11.11: the leaf and every ancestor have weight > 0
 *            in that category).  The rule is applicability.h's
 *            kh_node_applies, run on a skeleton of the indicator tree —
 *            codes, parents, kinds and weights, read from the store —
 *            because loading and validating the whole cycle would cost
 *            seconds on a national cycle and fail on a cycle still being
 *            set up (missing targets), which is exactly when the dashboard
 *            is read.  Expected = Σ over the department's quant leaves of
 *            the units of the categories where the leaf applies; done
 *            counts the values of those (leaf, unit) pairs only.
 *   ratings  per rater group: raters who have entered at least one rating,
 *            of the group's raters;
 *   survey   per unit: distinct responses, of cycle.csv min_sample (200
 *            when not set, SPEC §5).
 * Each table is scanned once and grouped in SQL (no per-row subqueries):
 * the national preset has ten million ratings and eight million answers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/applicability.h"
#include "kaohe/authz.h"
#include "kaohe/error.h"
#include "kaohe/strmap.h"
#include "kaohe/xalloc.h"
#include "store/store-int.h"

/* The indicator tree as far as applicability needs it. */
struct skeleton {
    struct kh_bundle b;          /* nodes[].parent, kind, weights; ncategories */
    char **codes, **parents, **departments, **ords;    /* [nnodes], owned */
    int32_t cap;
    struct kh_strmap node_ix, ord_ix, cat_ix;
    char **cat_codes;            /* [ncategories], owned */
    long *units_in;              /* [ncategories] */
    long *done;                  /* [nnodes × ncategories]: values present */
};

static int cat_row(void *ctx, int ncols, const char *const *c)
{
    struct skeleton *k = ctx;
    if (ncols < 1 || c[0] == NULL)
        return 0;
    int32_t i = k->b.ncategories++;
    k->cat_codes = kh_xrealloc(k->cat_codes, (size_t)k->b.ncategories * sizeof *k->cat_codes);
    k->cat_codes[i] = kh_xstrdup(c[0]);
    kh_strmap_put(&k->cat_ix, k->cat_codes[i], i);
    return 0;
}

static enum kh_node_kind kind_of(const char *s)
{
    for (int k = KH_KIND_NODE; k <= KH_KIND_VETO; k++)
        if (s && strcmp(s, kh_node_kind_name((enum kh_node_kind)k)) == 0)
            return (enum kh_node_kind)k;
    return KH_KIND_NODE;
}

/* ord, code, parent, kind, department — in ord order. */
static int node_row(void *ctx, int ncols, const char *const *c)
{
    struct skeleton *k = ctx;
    if (ncols < 5 || c[1] == NULL)
        return 0;
    if (k->b.nnodes == k->cap) {
        k->cap = k->cap ? 2 * k->cap : 64;
        k->b.nodes = kh_xrealloc(k->b.nodes, (size_t)k->cap * sizeof *k->b.nodes);
        k->codes = kh_xrealloc(k->codes, (size_t)k->cap * sizeof *k->codes);
        k->parents = kh_xrealloc(k->parents, (size_t)k->cap * sizeof *k->parents);
        k->departments = kh_xrealloc(k->departments, (size_t)k->cap * sizeof *k->departments);
        k->ords = kh_xrealloc(k->ords, (size_t)k->cap * sizeof *k->ords);
    }
    int32_t n = k->b.nnodes++;
    memset(&k->b.nodes[n], 0, sizeof k->b.nodes[n]);
    k->codes[n] = kh_xstrdup(c[1]);
    k->parents[n] = kh_xstrdup(c[2] ? c[2] : "");
    k->departments[n] = kh_xstrdup(c[4] ? c[4] : "");
    k->ords[n] = kh_xstrdup(c[0] ? c[0] : "");
    kh_strmap_put(&k->ord_ix, k->ords[n], n);
    k->b.nodes[n].code = k->codes[n];
    k->b.nodes[n].kind = kind_of(c[3]);
    k->b.nodes[n].weights = kh_xcalloc((size_t)k->b.ncategories + 1, sizeof(double));
    kh_strmap_put(&k->node_ix, k->codes[n], n);
    return 0;
}

/* ord (the indicators row's ord), category, weight. */
static int weight_row(void *ctx, int ncols, const char *const *c)
{
    struct skeleton *k = ctx;
    if (ncols < 3 || c[0] == NULL || c[1] == NULL)
        return 0;
    int32_t cat = kh_strmap_get(&k->cat_ix, c[1]);
    int32_t n = kh_strmap_get(&k->ord_ix, c[0]);
    if (cat < 0 || n < 0)
        return 0;
    k->b.nodes[n].weights[cat] = c[2] && c[2][0] ? strtod(c[2], NULL) : 0;
    return 0;
}

static int units_row(void *ctx, int ncols, const char *const *c)
{
    struct skeleton *k = ctx;
    int32_t cat = ncols >= 2 && c[0] ? kh_strmap_get(&k->cat_ix, c[0]) : -1;
    if (cat >= 0)
        k->units_in[cat] = strtol(c[1] ? c[1] : "0", NULL, 10);
    return 0;
}

/* indicator, category, count of year-end values. */
static int values_row(void *ctx, int ncols, const char *const *c)
{
    struct skeleton *k = ctx;
    if (ncols < 3 || c[0] == NULL || c[1] == NULL)
        return 0;
    int32_t n = kh_strmap_get(&k->node_ix, c[0]), cat = kh_strmap_get(&k->cat_ix, c[1]);
    if (n >= 0 && cat >= 0)
        k->done[(size_t)n * (size_t)k->b.ncategories + (size_t)cat] += strtol(c[2] ? c[2] : "0", NULL, 10);
    return 0;
}

static void skeleton_release(struct skeleton *k)
{
    for (int32_t n = 0; n < k->b.nnodes; n++) {
        free(k->codes[n]);
        free(k->parents[n]);
        free(k->departments[n]);
        free(k->ords[n]);
        free(k->b.nodes[n].weights);
    }
    for (int32_t i = 0; i < k->b.ncategories; i++)
        free(k->cat_codes[i]);
    free(k->b.nodes);
    free(k->codes);
    free(k->parents);
    free(k->departments);
    free(k->ords);
    free(k->cat_codes);
    free(k->units_in);
    free(k->done);
    kh_strmap_release(&k->node_ix);
    kh_strmap_release(&k->ord_ix);
    kh_strmap_release(&k->cat_ix);
}

static int cmp_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The values table: one row per department, in code order ("" first). */
static int values_progress(struct kh_store *s, const char *cycle_id, kh_store_row_fn fn, void *ctx,
                           struct kh_error *err)
{
    struct skeleton k;
    memset(&k, 0, sizeof k);
    kh_strmap_init(&k.node_ix);
    kh_strmap_init(&k.ord_ix);
    kh_strmap_init(&k.cat_ix);
    const char *p[] = {cycle_id};
    int rc = kh_store_query(s, "SELECT code FROM categories WHERE cycle_id = $1 ORDER BY ord", p, 1,
                            cat_row, &k, err);
    if (rc == 0)
        rc = kh_store_query(s, "SELECT ord, code, parent, kind, department FROM indicators "
                               "WHERE cycle_id = $1 ORDER BY ord", p, 1, node_row, &k, err);
    for (int32_t n = 0; rc == 0 && n < k.b.nnodes; n++) {
        k.b.nodes[n].parent = k.parents[n][0] ? kh_strmap_get(&k.node_ix, k.parents[n]) : -1;
        /* a parent may be a later row (read-tree.c); a stored cycle was
         * validated on import, so parents never loop — only a row naming
         * itself is guarded, as a root */
        if (k.b.nodes[n].parent == n)
            k.b.nodes[n].parent = -1;
    }
    k.units_in = kh_xcalloc((size_t)k.b.ncategories + 1, sizeof *k.units_in);
    k.done = kh_xcalloc((size_t)k.b.nnodes * (size_t)k.b.ncategories + 1, sizeof *k.done);
    if (rc == 0)
        rc = kh_store_query(s, "SELECT ord, category, weight FROM indicator_weights WHERE cycle_id = $1",
                            p, 1, weight_row, &k, err);
    if (rc == 0)
        rc = kh_store_query(s, "SELECT category, COUNT(*) FROM units WHERE cycle_id = $1 GROUP BY category",
                            p, 1, units_row, &k, err);
    if (rc == 0)
        rc = kh_store_query(s,
                            "SELECT v.indicator, u.category, COUNT(*) FROM indicator_values v JOIN units u "
                            "ON u.cycle_id = v.cycle_id AND u.code = v.unit WHERE v.cycle_id = $1 AND "
                            "v.period = 'Y' GROUP BY v.indicator, u.category",
                            p, 1, values_row, &k, err);
    /* departments of the quant leaves, sorted and unique */
    char **depts = kh_xcalloc((size_t)k.b.nnodes + 1, sizeof *depts);
    int32_t nd = 0;
    for (int32_t n = 0; rc == 0 && n < k.b.nnodes; n++)
        if (k.b.nodes[n].kind == KH_KIND_QUANT)
            depts[nd++] = k.departments[n];
    qsort(depts, (size_t)nd, sizeof *depts, cmp_text);
    for (int32_t i = 0; rc == 0 && i < nd; i++) {
        if (i > 0 && strcmp(depts[i], depts[i - 1]) == 0)
            continue;
        long done = 0, want = 0;
        for (int32_t n = 0; n < k.b.nnodes; n++) {
            if (k.b.nodes[n].kind != KH_KIND_QUANT || strcmp(k.departments[n], depts[i]) != 0)
                continue;
            for (int32_t cat = 0; cat < k.b.ncategories; cat++)
                if (kh_node_applies(&k.b, n, cat)) {
                    want += k.units_in[cat];
                    done += k.done[(size_t)n * (size_t)k.b.ncategories + (size_t)cat];
                }
        }
        char d[24], w[24];
        snprintf(d, sizeof d, "%ld", done);
        snprintf(w, sizeof w, "%ld", want);
        const char *row[] = {"values", depts[i], d, w};
        rc = fn(ctx, 4, row);
    }
    free(depts);
    skeleton_release(&k);
    return rc;
}

struct progress_ctx {
    kh_store_row_fn fn;
    void *ctx;
    const char *kind;
    const char *expected;    /* fixed expected count, or NULL: the row's third cell */
};

static int progress_row(void *ctx, int ncols, const char *const *c)
{
    struct progress_ctx *x = ctx;
    if (ncols < 2)
        return 0;
    const char *row[] = {x->kind, c[0] ? c[0] : "", c[1] ? c[1] : "0",
                         x->expected ? x->expected : ncols > 2 && c[2] ? c[2] : "0"};
    return x->fn(x->ctx, 4, row);
}

int kh_store_cycle_progress(struct kh_store *s, const struct kh_actor *a, const char *code,
                            kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    struct kh_cycle_row c;
    int rc = kh__store_cycle_get(s, code, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a, KH_ACT_PROGRESS_SHOW, &c, NULL, err);
    if (rc != 0)
        return rc;
    const char *p[] = {c.id};
    rc = values_progress(s, c.id, fn, ctx, err);
    struct progress_ctx x = {fn, ctx, "ratings", NULL};
    if (rc == 0)
        rc = kh_store_query(s,
                            "SELECT g.code, COALESCE(d.n, 0), COALESCE(t.n, 0) FROM rater_groups g "
                            "LEFT JOIN (SELECT \"group\" AS grp, COUNT(*) AS n FROM raters WHERE cycle_id = $1 "
                            "GROUP BY \"group\") t ON t.grp = g.code "
                            "LEFT JOIN (SELECT \"group\" AS grp, COUNT(*) AS n FROM raters WHERE cycle_id = $1 AND "
                            "code IN (SELECT DISTINCT rater FROM ratings WHERE cycle_id = $1) GROUP BY \"group\") d "
                            "ON d.grp = g.code WHERE g.cycle_id = $1 ORDER BY g.ord",
                            p, 1, progress_row, &x, err);
    char min_sample[32] = "200";
    if (rc == 0 && kh_store_query_text(s, "SELECT value FROM cycle_settings WHERE cycle_id = $1 AND key = "
                                          "'min_sample'", p, 1, min_sample, sizeof min_sample, NULL, NULL) != 0)
        snprintf(min_sample, sizeof min_sample, "200");
    x.kind = "survey";
    x.expected = min_sample;
    if (rc == 0)
        rc = kh_store_query(s,
                            "SELECT u.code, COALESCE(c.n, 0) FROM units u LEFT JOIN (SELECT unit, "
                            "COUNT(DISTINCT response) AS n FROM responses WHERE cycle_id = $1 GROUP BY unit) c "
                            "ON c.unit = u.code WHERE u.cycle_id = $1 "
                            "AND EXISTS (SELECT 1 FROM survey_items WHERE cycle_id = $1) ORDER BY u.ord",
                            p, 1, progress_row, &x, err);
    return rc;
}
