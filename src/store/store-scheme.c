/*
 * store-scheme.c — weight changes to a stored cycle, previewed and stored
 * (store-scheme.h).
 *
 * A weight lives in two forms: a row of indicator_weights (cycle, the
 * indicator's ord, category, text) and, when the cycle is loaded, a
 * `weight.<CAT>` cell of the rebuilt indicators.csv.  Both operations
 * work on the second form first: the cycle is loaded with its
 * indicators.csv passed through patch_file below, which rewrites exactly
 * the named cells, so the bundle validator — the one that checks an
 * import — decides whether the changed scheme is valid (a weight that is
 * not a number, sums per parent that no longer hold, an indicator left
 * with no weight anywhere).  No rule about weights is written here.
 *
 * Preview then runs the engine twice, on the stored and on the patched
 * bundle, in one read transaction so both see the same data; set writes
 * the changed cells with one UPDATE each, audited before/after, in the
 * transaction that validated them.  The engine is deterministic, so the
 * preview's "after" is exactly what compute would store.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/csv.h"
#include "kaohe/engine.h"
#include "kaohe/error.h"
#include "kaohe/msg-store.h"
#include "kaohe/store-scheme.h"
#include "kaohe/xalloc.h"
#include "store/store-int.h"

#define WEIGHT_PREFIX "weight."

struct patch {
    const struct kh_weight_change *ch;
    size_t n;
    char (*before)[64];       /* [n] the stored text of each cell */
    unsigned char *found;     /* [n] bit 1: indicator row seen, bit 2: category column seen */
    size_t changed;
};

/* Column index of weight.<category> in the header, or -1. */
static int weight_column(const struct kh_csv_reader *r, const char *category)
{
    size_t k = strlen(WEIGHT_PREFIX);
    for (size_t i = 0; i < r->nfields; i++)
        if (strncmp(r->fields[i], WEIGHT_PREFIX, k) == 0 && strcmp(r->fields[i] + k, category) == 0)
            return (int)i;
    return -1;
}

static int code_column(const struct kh_csv_reader *r)
{
    for (size_t i = 0; i < r->nfields; i++)
        if (strcmp(r->fields[i], "code") == 0)
            return (int)i;
    return -1;
}

/*
 * kh__file_edit_fn: rewrite indicators.csv with the changed cells (other
 * files pass untouched).  The file is the store's own rebuild (canonical
 * header, no blank records), so a parse error here is a damaged database.
 */
static int patch_file(void *ctx, const char *file, struct kh_buf *data, struct kh_error *err)
{
    struct patch *x = ctx;
    if (strcmp(file, "indicators.csv") != 0)
        return 0;
    struct kh_csv_reader r;
    struct kh_buf out = KH_BUF_INIT;
    int *cols = kh_xcalloc(x->n ? x->n : 1, sizeof *cols);
    int code = -1;
    kh_csv_reader_init(&r, data->data, data->len);
    int rc = kh_csv_next(&r, err);
    if (rc == 1) {
        code = code_column(&r);
        for (size_t i = 0; i < x->n; i++) {
            cols[i] = weight_column(&r, x->ch[i].category);
            if (cols[i] >= 0)
                x->found[i] |= 2;
        }
        kh_csv_put_row(&out, (const char *const *)r.fields, r.nfields);
    }
    while (rc == 1 && code >= 0 && (rc = kh_csv_next(&r, err)) == 1) {
        for (size_t i = 0; i < x->n; i++) {
            if (cols[i] < 0 || (size_t)cols[i] >= r.nfields || strcmp(r.fields[code], x->ch[i].indicator) != 0)
                continue;
            x->found[i] |= 1;
            char **cell = &r.fields[cols[i]];
            snprintf(x->before[i], sizeof x->before[i], "%s", *cell);
            if (strcmp(*cell, x->ch[i].weight) != 0)
                x->changed++;
            *cell = (char *)x->ch[i].weight;   /* the reader's cells are rebuilt on the next call */
        }
        kh_csv_put_row(&out, (const char *const *)r.fields, r.nfields);
    }
    kh_csv_reader_release(&r);
    free(cols);
    if (rc < 0) {
        kh_buf_release(&out);
        return rc;
    }
    kh_buf_release(data);
    *data = out;
    return 0;
}

/* The first change naming an indicator or a category the cycle lacks. */
static int check_found(const struct patch *x, const char *cycle, struct kh_error *err)
{
    for (size_t i = 0; i < x->n; i++) {
        if (!(x->found[i] & 2))
            return KH_ERR(err, KH_EINVAL, SCHEME_NO_CATEGORY, cycle, x->ch[i].category);
        if (!(x->found[i] & 1))
            return KH_ERR(err, KH_EINVAL, SCHEME_NO_INDICATOR, cycle, x->ch[i].indicator);
    }
    return 0;
}

static void patch_init(struct patch *x, const struct kh_weight_change *ch, size_t n)
{
    *x = (struct patch){.ch = ch, .n = n};
    x->before = kh_xcalloc(n ? n : 1, sizeof *x->before);
    x->found = kh_xcalloc(n ? n : 1, 1);
}

static void patch_release(struct patch *x)
{
    free(x->before);
    free(x->found);
}

/*
 * In the caller's transaction: check action on the cycle, then load it
 * with the changes applied into b.  KH_EINVAL with diags when the changed
 * scheme does not validate.
 */
static int load_patched(struct kh_store *s, const struct kh_actor *a, enum kh_action act, const char *cycle,
                        struct patch *x, struct kh_bundle *b, struct kh_diags *diags, struct kh_error *err)
{
    struct kh_cycle_row c;
    int rc = kh__store_cycle_get(s, cycle, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a, act, &c, NULL, err);
    if (rc != 0)
        return rc;
    if (x->n == 0)
        return KH_ERR(err, KH_EINVAL, SCHEME_NO_CHANGE);
    rc = kh__store_load_edited(s, cycle, patch_file, x, b, diags, err);
    if (rc == 0 || rc == KH_EINVAL) {
        int missing = check_found(x, cycle, err);
        if (missing != 0)
            return missing;
    }
    if (rc == KH_EINVAL)
        rc = KH_ERR(err, KH_EINVAL, SCHEME_INVALID, cycle);
    return rc;
}

/* ---- preview ---- */

struct preview_ctx {
    const struct kh_actor *a;
    const char *cycle;
    struct patch x;
    struct kh_scheme_preview *p;
    struct kh_diags *diags;
};

static const char *grade_name(const struct kh_bundle *b, int32_t g)
{
    return g >= 0 && g < b->cycle.team_grades.n ? b->cycle.team_grades.names[g] : "";
}

/*
 * In the caller's transaction, after load_patched: run the engine on the
 * stored cycle and on the patched bundle after, and fill p (released
 * first) with every unit both ways.
 */
static int compare(struct kh_store *s, const char *cycle, const struct kh_bundle *after, const struct patch *x,
                   struct kh_scheme_preview *p, struct kh_error *err)
{
    struct kh_bundle before = {0};
    struct kh_results rb = {0}, ra = {0};
    struct kh_diags stored;
    kh_diags_init(&stored, 5);
    int rc = kh__store_load(s, cycle, &before, &stored, err);
    kh_diags_release(&stored);
    if (rc == 0)
        rc = kh_engine_run(&before, NULL, &rb, err);
    if (rc == 0)
        rc = kh_engine_run(after, NULL, &ra, err);
    if (rc == 0) {
        kh_scheme_preview_release(p);
        p->n = (size_t)after->nunits;
        p->changed = x->changed;
        p->units = kh_xcalloc(p->n ? p->n : 1, sizeof *p->units);
        for (int32_t u = 0; u < after->nunits; u++) {
            struct kh_scheme_unit *o = &p->units[u];
            const struct kh_unit *un = &after->units[u];
            snprintf(o->code, sizeof o->code, "%s", un->code);
            snprintf(o->name, sizeof o->name, "%s", un->name ? un->name : "");
            snprintf(o->category, sizeof o->category, "%s", after->categories[un->category].code);
            o->before = rb.units[u].composite;
            o->after = ra.units[u].composite;
            o->rank_before = rb.units[u].rank_category;
            o->rank_after = ra.units[u].rank_category;
            snprintf(o->grade_before, sizeof o->grade_before, "%s", grade_name(&before, rb.units[u].grade));
            snprintf(o->grade_after, sizeof o->grade_after, "%s", grade_name(after, ra.units[u].grade));
        }
    }
    kh_results_release(&rb);
    kh_results_release(&ra);
    kh_bundle_release(&before);
    return rc;
}

static int preview_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct preview_ctx *v = ctx;
    struct kh_bundle after = {0};
    v->x.changed = 0;
    memset(v->x.found, 0, v->x.n);
    int rc = load_patched(s, v->a, KH_ACT_SCHEME_PREVIEW, v->cycle, &v->x, &after, v->diags, err);
    if (rc == 0)
        rc = compare(s, v->cycle, &after, &v->x, v->p, err);
    kh_bundle_release(&after);
    return rc;
}

int kh_store_scheme_preview(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                            const struct kh_weight_change *ch, size_t n, struct kh_scheme_preview *p,
                            struct kh_diags *diags, struct kh_error *err)
{
    struct preview_ctx v = {.a = a, .cycle = cycle, .p = p, .diags = diags};
    patch_init(&v.x, ch, n);
    int rc = kh_store_tx(s, preview_tx, &v, err);
    patch_release(&v.x);
    return rc;
}

void kh_scheme_preview_release(struct kh_scheme_preview *p)
{
    free(p->units);
    p->units = NULL;
    p->n = p->changed = 0;
}

/* ---- set ---- */

struct set_ctx {
    const struct kh_actor *a;
    const char *cycle;
    struct patch x;
    struct kh_scheme_preview *p;
    struct kh_diags *diags;
};

static int set_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct set_ctx *v = ctx;
    struct kh_bundle b = {0};
    v->x.changed = 0;
    memset(v->x.found, 0, v->x.n);
    int rc = load_patched(s, v->a, KH_ACT_SCHEME_EDIT, v->cycle, &v->x, &b, v->diags, err);
    if (rc == 0 && v->p)
        rc = compare(s, v->cycle, &b, &v->x, v->p, err);
    kh_bundle_release(&b);
    struct kh_cycle_row c;
    if (rc == 0)
        rc = kh__store_cycle_get(s, v->cycle, &c, err);
    for (size_t i = 0; rc == 0 && i < v->x.n; i++) {
        const struct kh_weight_change *w = &v->x.ch[i];
        if (strcmp(v->x.before[i], w->weight) == 0)
            continue;
        const char *op[] = {c.id, w->indicator};
        char ord[24];
        rc = kh_store_query_text(s, "SELECT ord FROM indicators WHERE cycle_id = $1 AND code = $2", op, 2, ord,
                                 sizeof ord, NULL, err);
        const char *p[] = {w->weight, c.id, w->category, ord};
        if (rc == 0)
            rc = kh__file_row_update(s, c.id, "indicators.csv", atol(ord),
                                     "UPDATE indicator_weights SET weight = $1 WHERE cycle_id = $2 AND "
                                     "category = $3 AND ord = CAST($4 AS BIGINT)", p, 4, err);
        char key[512];
        snprintf(key, sizeof key, "%s/%s/%s", v->cycle, w->indicator, w->category);
        char *before = kh__store_json("weight", v->x.before[i], NULL);
        char *after = kh__store_json("weight", w->weight, NULL);
        if (rc == 0)
            rc = kh_store_audit(s, v->a, "update", "scheme", key, before, after, NULL, err);
        free(before);
        free(after);
    }
    return rc;
}

int kh_store_scheme_set(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                        const struct kh_weight_change *ch, size_t n, struct kh_scheme_preview *p,
                        size_t *changed, struct kh_diags *diags, struct kh_error *err)
{
    struct set_ctx v = {.a = a, .cycle = cycle, .p = p, .diags = diags};
    patch_init(&v.x, ch, n);
    int rc = kh_store_tx(s, set_tx, &v, err);
    if (changed)
        *changed = rc == 0 ? v.x.changed : 0;
    patch_release(&v.x);
    return rc;
}

int kh_store_scheme_weights(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                            kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    struct kh_cycle_row c;
    int rc = kh__store_cycle_get(s, cycle, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a, KH_ACT_CYCLE_SHOW, &c, NULL, err);
    if (rc != 0)
        return rc;
    const char *p[] = {c.id};
    return kh_store_query(s, "SELECT i.code, w.category, COALESCE(w.weight, '') FROM indicator_weights w "
                             "JOIN indicators i ON i.cycle_id = w.cycle_id AND i.ord = w.ord "
                             "LEFT JOIN categories k ON k.cycle_id = w.cycle_id AND k.code = w.category "
                             "WHERE w.cycle_id = $1 ORDER BY w.ord, k.ord, w.category",
                          p, 1, fn, ctx, err);
}
