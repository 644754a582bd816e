/*
 * strengths.h — a unit's strengths and weaknesses against its peers (SPEC
 * §9.6, the feedback report; results_strengths.csv).
 *
 * For every weighted leaf i (quant, qual, survey) of unit u that has a score
 * and an effective global weight w_i > 0 (results_nodes' weight_global):
 *
 *     mean_i = plain mean of score_i over the units of u's township type
 *              (category) that have a score on i, u included
 *     gap_i  = w_i × (score_u,i − mean_i)
 *
 * gap_i is the number of composite points the unit gains (gap > 0) or loses
 * (gap < 0) on that leaf against a peer with the type's mean score, so a
 * light leaf far from the mean and a heavy leaf near it compare fairly.
 * Strengths are the KH_STRENGTHS_MAX leaves with the largest positive gaps,
 * weaknesses the KH_STRENGTHS_MAX with the most negative gaps; ties are
 * broken by leaf code (byte order, ascending); a gap of exactly 0 is neither.
 * Computed from the results alone, like contributions.h.
 */
#ifndef KAOHE_STRENGTHS_H
#define KAOHE_STRENGTHS_H

#include "kaohe/engine.h"
#include "kaohe/model.h"

#define KH_STRENGTHS_MAX 5

struct kh_strength {
    int32_t leaf;                /* node index */
    double gap, score, mean, weight;
};

struct kh_strengths {
    struct kh_strength strengths[KH_STRENGTHS_MAX], weaknesses[KH_STRENGTHS_MAX];
    int32_t nstrengths, nweaknesses;   /* rank = position + 1 */
};

/* Type means of every node: out[cat * b->nnodes + node], NaN when no unit of
 * the category has a score on it.  out has ncategories × nnodes entries. */
void kh_type_means(const struct kh_bundle *b, const struct kh_results *r, double *out);

/* Strengths and weaknesses of unit u, given the type means of
 * kh_type_means. */
void kh_unit_strengths(const struct kh_bundle *b, const struct kh_results *r, const double *means,
                       int32_t u, struct kh_strengths *out);

#endif
