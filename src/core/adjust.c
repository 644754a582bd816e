/*
 * adjust.c — bonus, penalty and veto adjustments (SPEC §6, §7, §11.9, §11.17, §11.20).
 *
 * What it owns: turning adjustments.csv rows into
 *   - per (unit, point leaf) summed points, the `value` of the point leaf's
 *     row in results_nodes (veto leaves show 1 when triggered, else 0);
 *   - per unit the *applied* bonus and penalty: min(Σ bonus, bonus_cap) and
 *     min(Σ penalty, penalty_cap), and whether any veto is triggered;
 *   - per cadre the individual penalty (not capped), individual vetoes;
 *     cadre bonuses are ignored (§11.20).
 *
 * Invariants: rows add up per (subject, leaf) (§11.9).  A veto leaf counts as
 * triggered when its summed amount is positive (validation allows only 0 and
 * 1 per row).  Point leaves apply in every category (§11.17): the sums do not
 * look at weights or applicability.  Caps apply to the sums over all leaves of
 * a kind, as §6 writes them: min(Σ bonus, cap).
 */
#include <string.h>
#include "core/engine-internal.h"

void kh__adjustments(struct kh__prep *p)
{
    const struct kh_bundle *b = p->b;
    const int32_t N = p->N;
    double *bonus_raw = p->bonus, *pen_raw = p->penalty;

    for (int32_t i = 0; i < b->nadjustments; i++) {
        const struct kh_adjustment *a = &b->adjustments[i];
        enum kh_node_kind k = b->nodes[a->node].kind;

        if (a->subject_is_cadre) {
            if (k == KH_KIND_PENALTY) {
                p->cadre_penalty[a->subject] += a->amount;
            } else if (k == KH_KIND_VETO && a->amount > 0) {
                p->cadre_veto[a->subject] = 1;
                p->cadre_veto_leaf[(size_t)a->subject * N + a->node] = 1;
            }
            continue;
        }
        p->points[(size_t)a->subject * N + a->node] += a->amount;
        if (k == KH_KIND_BONUS)
            bonus_raw[a->subject] += a->amount;
        else if (k == KH_KIND_PENALTY)
            pen_raw[a->subject] += a->amount;
    }
    for (int32_t u = 0; u < p->U; u++) {
        /* veto leaves: 1/0 display, unit vetoed when any is triggered */
        for (int32_t n = 0; n < N; n++) {
            double *pt = &p->points[(size_t)u * N + n];
            if (b->nodes[n].kind == KH_KIND_VETO) {
                *pt = *pt > 0 ? 1.0 : 0.0;
                if (*pt > 0)
                    p->vetoed[u] = 1;
            }
        }
        if (bonus_raw[u] > b->cycle.bonus_cap)
            bonus_raw[u] = b->cycle.bonus_cap;
        if (pen_raw[u] > b->cycle.penalty_cap)
            pen_raw[u] = b->cycle.penalty_cap;
    }
}
