/*
 * leaf-scores.c — the score of every (unit, scored leaf) with its missing-value policy
 * (SPEC §3, §4, §5, §11.12, §11.14, §11.22).
 *
 * What it owns: p->score and the MISSING / IMPUTED / EXCLUDED leaf flags.
 *
 *   quant   the leaf's method on the transformed x (score.h), with the
 *           population of the unit's category where the method needs it
 *   qual    the combined rating (ratings.c)
 *   survey  the unit's index, or 100·rate with use=rate (survey.c); this is
 *           also the leaf's `value`
 *
 * A leaf without a score is *missing* (flagged whatever the policy, §3) and
 * then, by its policy (§11.14):
 *   zero           score 0 (imputed)
 *   exclude        no score: dropped from its parent, siblings renormalised
 *   category_mean  the mean of the scores of the units of the category that
 *                  have a real one (summed in input order); none → excluded
 *
 * Leaf scores are computed for every unit, whether or not the leaf applies in
 * its category: that keeps this phase independent of weights (see
 * engine-internal.h); rows are filtered by applicability in aggregate.c.
 */
#include <math.h>
#include <stdlib.h>
#include "kaohe/xalloc.h"
#include "core/engine-internal.h"
#include "core/population.h"
#include "core/score.h"

static bool needs_population(const struct kh_node *nd)
{
    const struct kh_params *pr = &nd->params;
    switch (nd->method) {
    case KH_METHOD_EFFICACY:
        return pr->xs.kind != KH_BOUND_FIXED || pr->xh.kind != KH_BOUND_FIXED;
    case KH_METHOD_MINMAX:
        return pr->lo.kind != KH_BOUND_FIXED || pr->hi.kind != KH_BOUND_FIXED;
    case KH_METHOD_RANK:
    case KH_METHOD_ZSCORE:
        return true;
    default:
        return false;
    }
}

static void apply_policy(struct kh__prep *p, int32_t n)
{
    const int32_t N = p->N;
    enum kh_missing pol = p->b->nodes[n].missing;

    for (int32_t c = 0; c < p->C; c++) {
        double sum = 0.0, fill = NAN;
        int32_t have = 0;
        if (pol == KH_MISSING_CATEGORY_MEAN) {
            for (int32_t k = p->cat_start[c]; k < p->cat_start[c + 1]; k++) {
                double s = p->score[(size_t)p->cat_units[k] * N + n];
                if (!kh_isnan(s)) {
                    sum += s;
                    have++;
                }
            }
            if (have)
                fill = sum / (double)have;
        } else if (pol == KH_MISSING_ZERO) {
            fill = 0.0;
        }
        for (int32_t k = p->cat_start[c]; k < p->cat_start[c + 1]; k++) {
            size_t at = (size_t)p->cat_units[k] * N + n;
            if (!kh_isnan(p->score[at]))
                continue;
            p->lflags[at] |= KH__LF_MISSING;
            if (kh_isnan(fill)) {
                p->lflags[at] |= KH__LF_EXCLUDED;
            } else {
                p->score[at] = fill;
                p->lflags[at] |= KH__LF_IMPUTED;
            }
        }
    }
}

void kh__leaf_scores(struct kh__prep *p)
{
    const struct kh_bundle *b = p->b;
    const int32_t N = p->N, U = p->U;
    struct kh__popstat *st = kh_xcalloc((size_t)p->C + 1, sizeof *st);
    struct kh__popitem *scratch = kh_xmalloc(((size_t)U + 1) * sizeof *scratch);
    int32_t *rank = kh_xcalloc((size_t)U + 1, sizeof *rank);

    for (int32_t n = 0; n < N; n++) {
        const struct kh_node *nd = &b->nodes[n];
        if (!kh_kind_is_scored(nd->kind))
            continue;
        if (nd->kind == KH_KIND_QUANT) {
            bool pop = needs_population(nd);
            if (pop)
                kh__population(p, n, nd->method == KH_METHOD_RANK, st, rank, scratch);
            for (int32_t u = 0; u < U; u++) {
                size_t at = (size_t)u * N + n;
                if (!(p->lflags[at] & KH__LF_HAS_VALUE))
                    continue;
                p->score[at] = kh__score_quant(nd, p->value[at], p->target[at],
                                               pop ? &st[b->units[u].category] : NULL,
                                               nd->method == KH_METHOD_RANK ? rank[u] : 0);
            }
        } else {
            for (int32_t u = 0; u < U; u++) {
                size_t at = (size_t)u * N + n;
                if (nd->kind == KH_KIND_SURVEY) {
                    const struct kh_survey_result *sr = p->surveys ? &p->surveys[u] : NULL;
                    double v = NAN;
                    if (sr && sr->n > 0)
                        v = nd->params.use_rate ? 100.0 * sr->rate : sr->mean;
                    p->value[at] = p->raw_value[at] = v;
                    if (!kh_isnan(v))
                        p->lflags[at] |= KH__LF_HAS_VALUE;
                }
                p->score[at] = p->value[at];
            }
        }
        apply_policy(p, n);
    }
    free(st);
    free(scratch);
    free(rank);
}
