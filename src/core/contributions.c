/*
 * contributions.c — a unit's composite as a sum over its leaves
 * (contributions.h has the formulas).
 *
 * Computed from the results alone (scores, effective global weights, point
 * sums and the applied bonus and penalty), never by re-running the method,
 * so an explanation can never disagree with the numbers it explains.
 */
#include <math.h>
#include "kaohe/contributions.h"

void kh_unit_contributions(const struct kh_bundle *b, const struct kh_results *r, int32_t u,
                           double *out)
{
    const int32_t N = b->nnodes;
    const struct kh_node_result *row = &r->nodes[(size_t)u * N];
    const struct kh_unit_result *ur = &r->units[u];
    double raw_bonus = 0, raw_penalty = 0;
    for (int32_t n = 0; n < N; n++) {
        out[n] = NAN;
        if (!(row[n].flags & KH_NR_APPLICABLE) || b->nodes[n].first_child >= 0)
            continue;
        enum kh_node_kind k = b->nodes[n].kind;
        double pts = row[n].flags & KH_NR_HAS_VALUE ? row[n].value : 0;
        if (k == KH_KIND_BONUS)
            raw_bonus += pts;
        else if (k == KH_KIND_PENALTY)
            raw_penalty += pts;
    }
    for (int32_t n = 0; n < N; n++) {
        if (!(row[n].flags & KH_NR_APPLICABLE) || b->nodes[n].first_child >= 0)
            continue;
        enum kh_node_kind k = b->nodes[n].kind;
        double pts = row[n].flags & KH_NR_HAS_VALUE ? row[n].value : 0;
        if (k == KH_KIND_BONUS)
            out[n] = raw_bonus > 0 ? pts * (ur->bonus / raw_bonus) : 0;
        else if (k == KH_KIND_PENALTY)
            out[n] = raw_penalty > 0 ? -pts * (ur->penalty / raw_penalty) : 0;
        else if (k == KH_KIND_VETO)
            out[n] = 0;
        else
            out[n] = row[n].flags & KH_NR_HAS_SCORE && row[n].weight_global > 0
                         ? row[n].score * row[n].weight_global
                         : 0;
    }
}
