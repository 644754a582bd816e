/*
 * engine.c — kh_engine_run(): the whole method of SPEC §3–§7, §9.3 over one
 * validated bundle, as a sequence of pure steps.
 *
 * What it owns: the order of the steps and the memory of the results.
 *
 *   phase 1  kh__prep_build        adjust.c, transform.c, ratings.c, survey.c,
 *                                  leaf-scores.c (population.c, score-methods.c)
 *   phase 2  kh__aggregate         aggregate.c   (weights: bundle or opts->weights)
 *            kh__rank_grade        rank-grade.c
 *   phase 3  kh__cadres            cadres.c      (needs unit grades and weight_global)
 *            kh__tracking          tracking.c
 *            kh__flags             flags.c
 *
 * Phase 3 is skipped with opts->units_only (rank-stability runs); the split
 * API of engine-internal.h lets a caller run phase 1 once and phase 2 many
 * times.  Invariants: the bundle is never written; scratch memory is malloc'd
 * and freed here; everything handed out lives in r->arena, released by
 * kh_results_release().  On error r is released and zeroed.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/arena.h"
#include "kaohe/error.h"
#include "kaohe/xalloc.h"
#include "core/engine-internal.h"

static void *zalloc(size_t n, size_t size)
{
    return kh_xcalloc(n + 1, size);
}

static double *nan_array(size_t n)
{
    double *a = kh_xmalloc((n + 1) * sizeof *a);
    for (size_t i = 0; i < n; i++)
        a[i] = NAN;
    return a;
}

void kh__prep_release(struct kh__prep *p)
{
    if (p == NULL)
        return;
    free(p->cat_start);
    free(p->cat_units);
    free(p->pre_pos);
    free(p->pre_end);
    free(p->value);
    free(p->raw_value);
    free(p->score);
    free(p->lflags);
    free(p->points);
    free(p->target);
    free(p->bonus);
    free(p->penalty);
    free(p->vetoed);
    free(p->surveys);
    free(p->cadre_dim);
    free(p->vote_good);
    free(p->vote_bad);
    free(p->vote_total);
    free(p->cadre_penalty);
    free(p->cadre_veto);
    free(p->cadre_veto_leaf);
    memset(p, 0, sizeof *p);
}

int kh__prep_build(const struct kh_bundle *b, struct kh__prep *p, struct kh_error *err)
{
    const int32_t U = b->nunits, N = b->nnodes, C = b->ncategories, K = b->ncadres;
    const size_t UN = (size_t)U * (size_t)N;
    int rc;

    memset(p, 0, sizeof *p);
    p->b = b;
    p->U = U;
    p->N = N;
    p->C = C;
    p->K = K;
    p->D = b->ndims;

    /* units by category: a counting sort, stable */
    p->cat_start = zalloc((size_t)C + 1, sizeof *p->cat_start);
    p->cat_units = zalloc((size_t)U, sizeof *p->cat_units);
    for (int32_t u = 0; u < U; u++)
        p->cat_start[b->units[u].category + 1]++;
    for (int32_t c = 0; c < C; c++)
        p->cat_start[c + 1] += p->cat_start[c];
    {
        int32_t *fill = zalloc((size_t)C + 1, sizeof *fill);
        memcpy(fill, p->cat_start, ((size_t)C + 1) * sizeof *fill);
        for (int32_t u = 0; u < U; u++)
            p->cat_units[fill[b->units[u].category]++] = u;
        free(fill);
    }

    /* pre-order positions and subtree ends */
    p->pre_pos = zalloc((size_t)N, sizeof *p->pre_pos);
    p->pre_end = zalloc((size_t)N, sizeof *p->pre_end);
    for (int32_t i = 0; i < N; i++)
        p->pre_pos[b->preorder[i]] = i;
    for (int32_t i = N - 1; i >= 0; i--) {
        int32_t n = b->preorder[i], end = i + 1;
        for (int32_t ch = b->nodes[n].first_child; ch >= 0; ch = b->nodes[ch].next_sibling)
            if (p->pre_end[ch] > end)
                end = p->pre_end[ch];
        p->pre_end[n] = end;
    }

    p->value = nan_array(UN);
    p->raw_value = nan_array(UN);
    p->score = nan_array(UN);
    p->target = nan_array(UN);
    p->lflags = zalloc(UN, 1);
    p->points = zalloc(UN, sizeof *p->points);
    p->bonus = zalloc((size_t)U, sizeof *p->bonus);
    p->penalty = zalloc((size_t)U, sizeof *p->penalty);
    p->vetoed = zalloc((size_t)U, 1);
    if (b->nitems > 0)
        p->surveys = zalloc((size_t)U, sizeof *p->surveys);
    p->cadre_dim = nan_array((size_t)K * (size_t)p->D);
    p->vote_good = zalloc((size_t)K, sizeof *p->vote_good);
    p->vote_bad = zalloc((size_t)K, sizeof *p->vote_bad);
    p->vote_total = zalloc((size_t)K, sizeof *p->vote_total);
    p->cadre_penalty = zalloc((size_t)K, sizeof *p->cadre_penalty);
    p->cadre_veto = zalloc((size_t)K, 1);
    p->cadre_veto_leaf = zalloc((size_t)K * (size_t)N, 1);

    kh__adjustments(p);
    rc = kh__transform(p, err);
    if (rc < 0) {
        kh__prep_release(p);
        return rc;
    }
    kh__ratings(p);
    kh__surveys(p);
    kh__leaf_scores(p);
    return 0;
}

int kh_engine_run(const struct kh_bundle *b, const struct kh_engine_opts *opts,
                  struct kh_results *r, struct kh_error *err)
{
    struct kh__prep p;
    double *W;
    bool units_only = opts && opts->units_only;
    int rc;

    memset(r, 0, sizeof *r);
    kh_arena_init(&r->arena, 0);
    rc = kh__prep_build(b, &p, err);
    if (rc < 0) {
        kh_results_release(r);
        return rc;
    }
    r->nunits = b->nunits;
    r->nnodes = b->nnodes;
    r->ncadres = b->ncadres;
    r->units = kh_arena_calloc(&r->arena, (size_t)b->nunits + 1, sizeof *r->units);
    r->nodes = kh_arena_calloc(&r->arena, (size_t)b->nunits * (size_t)b->nnodes + 1,
                               sizeof *r->nodes);

    W = kh__weights_from_bundle(b, opts ? opts->weights : NULL);
    kh__aggregate(&p, W, r->units, r->nodes);
    free(W);
    kh__rank_grade(&p, r->units);

    if (p.surveys) {
        r->surveys = kh_arena_alloc(&r->arena, ((size_t)b->nunits + 1) * sizeof *r->surveys);
        memcpy(r->surveys, p.surveys, (size_t)b->nunits * sizeof *r->surveys);
    }
    if (!units_only) {
        r->cadres = kh_arena_calloc(&r->arena, (size_t)b->ncadres + 1, sizeof *r->cadres);
        kh__cadres(&p, r, r->cadres);
        kh__tracking(&p, r);
        kh__flags(&p, r);
    }
    kh__prep_release(&p);
    return 0;
}

void kh_results_release(struct kh_results *r)
{
    if (r == NULL)
        return;
    kh_arena_release(&r->arena);
    memset(r, 0, sizeof *r);
}
