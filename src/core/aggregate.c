/*
 * aggregate.c — tree aggregation, effective global weights, base and composite
 * (SPEC §6, §11.11, §11.17, §11.22).
 *
 * What it owns: phase 2 of the engine for one set of weights W[c*N + n].
 *
 * Applicability (§11.11, the rule itself in applicability.c): a node applies
 * in category c when it and every ancestor have weight > 0 there.  A point
 * leaf (bonus/penalty/veto) never enters a mean and has no weight of its own
 * (§11.17): it has a row when its ancestors apply.
 *
 * Node score (§6): s = Σ w_c·s_c / Σ w_c over the applicable children that
 * have a score, summed in input order of the children; a node with no scored
 * child has no score and drops out of its parent (§11.17).  The base is the
 * same mean over the first-level dimensions; none scored → base 0, no_score.
 *
 * Effective global weight (§7, §11.22): the product of the normalised weights
 * along the path, after exclusions; 0 for excluded leaves and unscored nodes.
 * It is computed as (Π w) / (Π Σw) — the product of the raw weights over the
 * product of the sibling sums — rather than Π (w/Σw): one rounding instead of
 * one per level, so 60/100 · 3/4 gives the double nearest 0.45.
 *
 * Composite (§6): base + min(Σ bonus, cap) − min(Σ penalty, cap), caps
 * already applied in adjust.c; not clamped (§11.17).  rounded = round2.
 *
 * Cost: O(units · nodes) per call, no allocation proportional to units.
 */
#include <math.h>
#include <stdlib.h>
#include "kaohe/applicability.h"
#include "kaohe/round2.h"
#include "kaohe/xalloc.h"
#include "core/engine-internal.h"

double *kh__weights_from_bundle(const struct kh_bundle *b, const double *ovr)
{
    const int32_t N = b->nnodes, C = b->ncategories;
    double *W = kh_xmalloc(((size_t)N * C + 1) * sizeof *W);
    for (int32_t n = 0; n < N; n++)
        for (int32_t c = 0; c < C; c++)
            W[(size_t)c * N + n] = ovr ? ovr[(size_t)n * C + c] : b->nodes[n].weights[c];
    return W;
}

void kh__aggregate(const struct kh__prep *p, const double *W, struct kh_unit_result *units,
                   struct kh_node_result *nodes)
{
    const struct kh_bundle *b = p->b;
    const int32_t N = p->N, C = p->C;
    uint8_t *app = kh_xmalloc((size_t)C * N + 1);     /* bit 1: applicable, bit 2: has a row */
    double *s = kh_xmalloc(((size_t)N + 1) * sizeof *s);
    double *cden = kh_xmalloc(((size_t)N + 1) * sizeof *cden);
    double *gnum = kh_xmalloc(((size_t)N + 1) * sizeof *gnum);
    double *gden = kh_xmalloc(((size_t)N + 1) * sizeof *gden);
    uint8_t *has = kh_xmalloc((size_t)N + 1);

    /* applicability per category (applicability.h); a point leaf that
     * applies has a row but enters no mean */
    for (int32_t c = 0; c < C; c++) {
        uint8_t *a = app + (size_t)c * N;
        kh_applicability_mask(b, W + (size_t)c * N, a);
        for (int32_t n = 0; n < N; n++)
            if (a[n])
                a[n] = kh_kind_is_points(b->nodes[n].kind) ? 2 : 3;
    }

    for (int32_t u = 0; u < p->U; u++) {
        const int32_t c = b->units[u].category;
        const uint8_t *a = app + (size_t)c * N;
        const double *w = W + (size_t)c * N;
        struct kh_unit_result *ur = &units[u];
        double bnum = 0.0, bden = 0.0;

        /* bottom-up: reverse pre-order visits children before parents */
        for (int32_t i = N - 1; i >= 0; i--) {
            int32_t n = b->preorder[i];
            enum kh_node_kind k = b->nodes[n].kind;
            has[n] = 0;
            if (!(a[n] & 1))
                continue;
            if (k == KH_KIND_NODE) {
                double num = 0.0, den = 0.0;
                for (int32_t ch = b->nodes[n].first_child; ch >= 0; ch = b->nodes[ch].next_sibling) {
                    if (has[ch]) {
                        num += w[ch] * s[ch];
                        den += w[ch];
                    }
                }
                cden[n] = den;
                if (den > 0) {
                    s[n] = num / den;
                    has[n] = 1;
                }
            } else {
                s[n] = p->score[(size_t)u * N + n];
                has[n] = !kh_isnan(s[n]);
            }
        }
        for (int32_t i = 0; i < N; i++) {
            int32_t n = b->preorder[i];
            if (b->nodes[n].parent < 0 && has[n]) {
                bnum += w[n] * s[n];
                bden += w[n];
            }
        }
        ur->no_score = !(bden > 0);
        ur->base = bden > 0 ? bnum / bden : 0.0;
        ur->bonus = p->bonus[u];
        ur->penalty = p->penalty[u];
        ur->composite = ur->base + ur->bonus - ur->penalty;
        ur->rounded = kh_round2(ur->composite);
        ur->vetoed = p->vetoed[u] != 0;
        ur->sample_small = p->surveys ? p->surveys[u].sample_small : false;

        if (nodes == NULL)
            continue;
        /* top-down: effective global weights and the rows */
        for (int32_t i = 0; i < N; i++) {
            int32_t n = b->preorder[i], par = b->nodes[n].parent;
            size_t at = (size_t)u * N + n;
            struct kh_node_result *nr = &nodes[at];
            enum kh_node_kind k = b->nodes[n].kind;

            nr->value = nr->raw_value = nr->score = nr->weight_global = NAN;
            nr->flags = 0;
            if (!a[n])
                continue;
            nr->flags = KH_NR_APPLICABLE;
            if (kh_kind_is_points(k)) {
                nr->flags |= KH_NR_POINTS | KH_NR_HAS_VALUE;
                nr->value = p->points[at];
                continue;
            }
            if (has[n]) {
                gnum[n] = (par < 0 ? 1.0 : gnum[par]) * w[n];
                gden[n] = (par < 0 ? 1.0 : gden[par]) * (par < 0 ? bden : cden[par]);
                nr->weight_global = gnum[n] / gden[n];
                nr->score = s[n];
                nr->flags |= KH_NR_HAS_SCORE;
            } else {
                nr->weight_global = 0.0;
                nr->flags |= KH_NR_EXCLUDED;
            }
            if (k != KH_KIND_NODE) {
                nr->flags |= p->lflags[at] & (KH_NR_MISSING | KH_NR_IMPUTED | KH_NR_HAS_VALUE);
                if (p->lflags[at] & KH__LF_HAS_VALUE)
                    nr->value = p->value[at];
                nr->raw_value = p->raw_value[at];
            }
        }
    }
    free(app);
    free(s);
    free(cden);
    free(gnum);
    free(gden);
    free(has);
}
