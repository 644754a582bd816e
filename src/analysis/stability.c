/*
 * stability.c — Monte-Carlo rank stability (stability.h, SPEC §8).
 *
 * Cost.  The engine's split API (src/core/engine-internal.h) separates what
 * depends on weights from what does not: kh__prep_build() scores every leaf
 * once; each run is then kh__aggregate() + kh__rank_grade(), O(units·nodes)
 * plus one sort — about 0.1 ms for the 182-unit Beijing sample, so 1,000
 * runs take well under a second.  Multiplying positive weights by positive
 * factors keeps the set of applicable nodes, which is the split API's
 * precondition; δ < 1 guarantees positive factors.
 *
 * Memory: one int32 rank per (run, unit), so 1,000 runs × 40,000 units is
 * 160 MB; the ranks of one unit are gathered and sorted once at the end.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "core/engine-internal.h"
#include "kaohe/error.h"
#include "kaohe/rng.h"
#include "kaohe/stability.h"
#include "kaohe/xalloc.h"
#include "kaohe/msg-analysis.h"

void kh_stability_release(struct kh_stability *s)
{
    if (s == NULL)
        return;
    free(s->units);
    memset(s, 0, sizeof *s);
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* units of category c sorted by (base rank, input order) */
struct order { int32_t rank, u; };

static int cmp_order(const void *a, const void *b)
{
    const struct order *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return (x->u > y->u) - (x->u < y->u);
}

int kh_stability_run(const struct kh_bundle *b, const struct kh_stability_opts *o,
                     struct kh_stability *s, struct kh_error *err)
{
    memset(s, 0, sizeof *s);
    if (o->runs < 1)
        return KH_ERR(err, KH_EINVAL, STABILITY_RUNS);
    if (!(o->delta >= 0 && o->delta < 1))
        return KH_ERR(err, KH_EINVAL, STABILITY_DELTA);
    struct kh__prep p;
    memset(&p, 0, sizeof p);
    int rc = kh__prep_build(b, &p, err);
    if (rc != 0) {
        kh__prep_release(&p);
        return rc;
    }
    const int32_t U = b->nunits, N = b->nnodes, C = b->ncategories, R = o->runs;
    size_t nw = (size_t)N * (size_t)C;
    double *W0 = kh__weights_from_bundle(b, NULL);
    double *W = kh_xmalloc((nw + 1) * sizeof *W);
    struct kh_unit_result *ur = kh_xcalloc((size_t)U + 1, sizeof *ur);
    int32_t *ranks = kh_xmalloc(((size_t)R * (size_t)U + 1) * sizeof *ranks);
    int32_t *tops = kh_xcalloc((size_t)U + 1, sizeof *tops);
    s->nunits = U;
    s->units = kh_xcalloc((size_t)U + 1, sizeof *s->units);

    kh__aggregate(&p, W0, ur, NULL);
    kh__rank_grade(&p, ur);
    for (int32_t u = 0; u < U; u++) {
        s->units[u].rank_base = ur[u].rank_category;
        s->units[u].grade_base = ur[u].grade;
    }

    struct kh_rng rng;
    kh_rng_seed(&rng, o->seed);
    const double lo = 1 - o->delta, span = 2 * o->delta;
    for (int32_t r = 0; r < R; r++) {
        for (size_t i = 0; i < nw; i++)
            W[i] = W0[i] * (lo + span * kh_rng_uniform(&rng));
        kh__aggregate(&p, W, ur, NULL);
        kh__rank_grade(&p, ur);
        int32_t *row = ranks + (size_t)r * (size_t)U;
        for (int32_t u = 0; u < U; u++) {
            row[u] = ur[u].rank_category;
            if (ur[u].grade == 0)
                tops[u]++;
        }
    }

    int32_t *col = kh_xmalloc(((size_t)R + 1) * sizeof *col);
    size_t k05 = ((size_t)R * 5 + 99) / 100, k95 = ((size_t)R * 95 + 99) / 100;
    if (k05 < 1)
        k05 = 1;
    for (int32_t u = 0; u < U; u++) {
        for (int32_t r = 0; r < R; r++)
            col[r] = ranks[(size_t)r * (size_t)U + (size_t)u];
        qsort(col, (size_t)R, sizeof *col, cmp_i32);
        struct kh_stability_unit *su = &s->units[u];
        su->rank_median = R % 2 ? col[R / 2] : ((double)col[R / 2 - 1] + col[R / 2]) / 2;
        su->rank_p05 = col[k05 - 1];
        su->rank_p95 = col[k95 - 1];
        su->top_share = (double)tops[u] / R;
        su->flip_share = NAN;
    }

    /* neighbours in the base ranking of each category */
    struct order *ord = kh_xmalloc(((size_t)U + 1) * sizeof *ord);
    for (int32_t c = 0; c < C; c++) {
        size_t n = 0;
        for (int32_t u = 0; u < U; u++)
            if (b->units[u].category == c)
                ord[n++] = (struct order){s->units[u].rank_base, u};
        qsort(ord, n, sizeof *ord, cmp_order);
        for (size_t i = 0; i + 1 < n; i++) {
            struct kh_stability_unit *a = &s->units[ord[i].u], *z = &s->units[ord[i + 1].u];
            if (a->rank_p95 >= z->rank_p05 && z->rank_p95 >= a->rank_p05)
                a->overlap = z->overlap = true;
            int32_t flips = 0;
            for (int32_t r = 0; r < R; r++) {
                const int32_t *row = ranks + (size_t)r * (size_t)U;
                if (row[ord[i].u] > row[ord[i + 1].u])
                    flips++;
            }
            a->flip_share = (double)flips / R;
        }
    }

    free(ord);
    free(col);
    free(W0);
    free(W);
    free(ur);
    free(ranks);
    free(tops);
    kh__prep_release(&p);
    return 0;
}
