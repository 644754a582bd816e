/*
 * hand-bundle.h — build a validated struct kh_bundle by hand in unit tests,
 * without the bundle reader.  Header-only (static functions); arrays are
 * malloc'd so kh_bundle_release() frees everything.  Codes must be string
 * literals (they are not copied).  Call hb_finish() after the last node.
 */
#ifndef KH_TEST_HAND_BUNDLE_H
#define KH_TEST_HAND_BUNDLE_H

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/model.h"
#include "kaohe/xalloc.h"

#define HB_PUSH(arr, n) (arr = kh_xreallocarray(arr, (size_t)(n) + 1, sizeof *(arr)), \
                         memset(&(arr)[n], 0, sizeof *(arr)), &(arr)[(n)++])

static inline void hb_init(struct kh_bundle *b, int32_t ncat)
{
    static const char *const cats[] = {"U", "I", "A", "E"};
    kh_bundle_init(b);
    for (int32_t c = 0; c < ncat; c++) {
        struct kh_category *k = HB_PUSH(b->categories, b->ncategories);
        k->code = k->name = cats[c];
    }
    for (int32_t d = 0; d < 3; d++) {
        static const char *const ds[] = {"D1", "D2", "D3"};
        const char **s = HB_PUSH(b->districts, b->ndistricts);
        *s = ds[d];
    }
}

static inline int32_t hb_unit(struct kh_bundle *b, const char *code, int32_t cat, int32_t district)
{
    struct kh_unit *u = HB_PUSH(b->units, b->nunits);
    u->code = u->name = code;
    u->district_name = b->districts[district];
    u->zone = u->kind = "";
    u->district = district;
    u->category = cat;
    return b->nunits - 1;
}

/* weights: one per category (ncategories values). */
static inline int32_t hb_node(struct kh_bundle *b, const char *code, int32_t parent,
                              enum kh_node_kind kind, enum kh_method method,
                              enum kh_direction dir, const double *weights)
{
    struct kh_node *n = HB_PUSH(b->nodes, b->nnodes);
    n->code = n->name = code;
    n->parent = parent;
    n->kind = kind;
    n->method = method;
    n->direction = dir;
    n->missing = KH_MISSING_ZERO;
    n->params.alpha = 1;
    n->params.cap = 1;
    n->params.rank_floor = 60;
    n->params.center = 75;
    n->params.spread = 10;
    n->params.denominator = -1;
    n->scale = -1;
    n->weights = kh_arena_calloc(&b->arena, (size_t)b->ncategories, sizeof(double));
    for (int32_t c = 0; c < b->ncategories; c++)
        n->weights[c] = weights[c];
    return b->nnodes - 1;
}

static inline void hb_preorder(struct kh_bundle *b, int32_t n, int32_t *at, int32_t depth)
{
    b->preorder[(*at)++] = n;
    b->nodes[n].depth = depth;
    for (int32_t c = b->nodes[n].first_child; c >= 0; c = b->nodes[c].next_sibling)
        hb_preorder(b, c, at, depth + 1);
}

static inline void hb_finish(struct kh_bundle *b)
{
    int32_t at = 0;
    for (int32_t i = 0; i < b->nnodes; i++)
        b->nodes[i].first_child = b->nodes[i].next_sibling = -1;
    for (int32_t i = b->nnodes - 1; i >= 0; i--) {
        int32_t p = b->nodes[i].parent;
        if (p >= 0) {
            b->nodes[i].next_sibling = b->nodes[p].first_child;
            b->nodes[p].first_child = i;
        }
    }
    b->preorder = kh_xcalloc((size_t)b->nnodes + 1, sizeof *b->preorder);
    for (int32_t i = 0; i < b->nnodes; i++)
        if (b->nodes[i].parent < 0)
            hb_preorder(b, i, &at, 0);
}

static inline void hb_value(struct kh_bundle *b, int32_t u, int32_t n, int period, double v)
{
    struct kh_value *x = HB_PUSH(b->values, b->nvalues);
    x->unit = u;
    x->node = n;
    x->period = period;
    x->value = v;
    x->source = "";
}

static inline void hb_target(struct kh_bundle *b, int32_t u, int32_t n, double t, double base)
{
    struct kh_target *x = HB_PUSH(b->targets, b->ntargets);
    x->unit = u;
    x->node = n;
    x->target = t;
    x->baseline = base;
    x->status = KH_TARGET_APPROVED;
    x->status_text = "";
}

static inline int32_t hb_group(struct kh_bundle *b, const char *code, enum kh_combine how)
{
    struct kh_rater_group *g = HB_PUSH(b->groups, b->ngroups);
    g->code = g->name = code;
    g->combine = how;
    g->combine_text = "";
    return b->ngroups - 1;
}

static inline int32_t hb_rater(struct kh_bundle *b, const char *code, int32_t group)
{
    struct kh_rater *r = HB_PUSH(b->raters, b->nraters);
    r->code = r->name = code;
    r->group = group;
    return b->nraters - 1;
}

/* level -1 for a number; points NaN for an abstention */
static inline void hb_rating(struct kh_bundle *b, int32_t rater, int32_t ratee, bool cadre,
                             int32_t item, int level, double points)
{
    struct kh_rating *r = HB_PUSH(b->ratings, b->nratings);
    r->rater = rater;
    r->ratee = ratee;
    r->ratee_is_cadre = cadre;
    r->item = item;
    r->level = (int16_t)level;
    r->points = points;
}

static inline void hb_node_raters(struct kh_bundle *b, int32_t n, int32_t ng, const int32_t *g,
                                  const double *w)
{
    struct kh_node *nd = &b->nodes[n];
    nd->raters = kh_arena_calloc(&b->arena, (size_t)ng, sizeof *nd->raters);
    nd->nraters = ng;
    for (int32_t i = 0; i < ng; i++) {
        nd->raters[i].idx = g[i];
        nd->raters[i].w = w[i];
    }
}

static inline void hb_adjust(struct kh_bundle *b, int32_t subject, bool cadre, int32_t node,
                             double amount)
{
    struct kh_adjustment *a = HB_PUSH(b->adjustments, b->nadjustments);
    a->subject = subject;
    a->subject_is_cadre = cadre;
    a->node = node;
    a->amount = amount;
    a->reason = "";
}

/* A level scale (levels top first, points NaN = abstention). */
static inline int32_t hb_scale(struct kh_bundle *b, const char *name, int32_t n,
                               const char *const *levels, const double *points)
{
    struct kh_scale *s = HB_PUSH(b->scales, b->nscales);
    s->name = name;
    s->levels = kh_arena_calloc(&b->arena, (size_t)n, sizeof *s->levels);
    s->nlevels = n;
    for (int32_t i = 0; i < n; i++) {
        s->levels[i].name = levels[i];
        s->levels[i].points = points[i];
    }
    return b->nscales - 1;
}

#endif
