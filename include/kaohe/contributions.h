/*
 * contributions.h — how a unit's composite is made up, leaf by leaf (score
 * explanation, SPEC §6, §7, §9.6): the data behind results_contributions.csv
 * and the report cards' leaf tables.
 *
 *   weighted leaf (quant, qual, survey) with a row:
 *       contribution = score × weight_global          (0 when excluded)
 *   bonus leaf:    + points × applied / raw         (applied = min(Σ bonus, bonus_cap))
 *   penalty leaf:  − points × applied / raw         (the same with the penalty cap)
 *   veto leaf:     0 (a veto decides the grade, not the composite)
 *
 * The weighted contributions add up to the base (weight_global is the
 * effective weight after exclusions, §11.22), and a cap is shared among the
 * leaves of its kind in proportion to their points, so the contributions of
 * a unit add up to its composite (to rounding, 1e-9; tests/cli checks every
 * golden case).  A unit without a score (no_score: base 0) has weighted
 * contributions 0 and keeps its bonus and penalty, as its composite does.
 */
#ifndef KAOHE_CONTRIBUTIONS_H
#define KAOHE_CONTRIBUTIONS_H

#include "kaohe/engine.h"
#include "kaohe/model.h"

/* out[n] for every node n of unit u: its contribution, or NaN when the node
 * is not a leaf with a row in results_nodes (nodes, inapplicable leaves).
 * out has b->nnodes entries. */
void kh_unit_contributions(const struct kh_bundle *b, const struct kh_results *r, int32_t u,
                           double *out);

#endif
