/*
 * score.h — the scoring methods of SPEC §3 as small pure functions.
 *
 * Each function maps one (already transformed) value x to a score, given the
 * leaf's direction and parameters and, where the method needs them, the
 * population figures of the leaf in the unit's category (population.c).
 * None of them sees a missing value: callers handle NaN x before calling
 * (the missing-value policy is aggregate.c's business, SPEC §3, §11.14).
 * They never allocate, never fail, and return the same bits for the same
 * arguments (no FMA: the build uses -ffp-contract=off).
 *
 * The dispatcher kh__score_quant() picks the method of a node and resolves
 * pop_min/pop_max bounds (SPEC §11.12, §11.27) from a struct kh__popstat.
 */
#ifndef KH_CORE_SCORE_H
#define KH_CORE_SCORE_H

#include <stdint.h>
#include "kaohe/model.h"

/* target (§3): r = x/t (benefit) or t/x (cost; x = 0 → r = +∞);
 * s = 100·clamp(1 + α·(r − 1), 0, cap).  r = +∞ takes the limit (§11.27):
 * cap for α > 0, 100·clamp(1, 0, cap) for α = 0, 0 for α < 0. */
double kh_score_target(double x, double t, enum kh_direction dir, double alpha, double cap);

/* efficacy (§3): clamp(60 + 40·(x − xs)/(xh − xs), lo, 100); xh = xs → 100.
 * xs/xh are already resolved (fixed or population extremes). */
double kh_score_efficacy(double x, double xs, double xh, double lo);

/* minmax (§3): 100·clamp((x − lo)/(hi − lo), 0, 1) for benefit,
 * 100·clamp((hi − x)/(hi − lo), 0, 1) for cost; hi = lo → 100. */
double kh_score_minmax(double x, double lo, double hi, enum kh_direction dir);

/* bands (§3, §11.13): the first (threshold, score) in listed order that x
 * reaches (≥ benefit, ≤ cost); none → else_score. */
double kh_score_bands(double x, const struct kh_pair *bands, int32_t n, double else_score,
                      enum kh_direction dir);

/* piecewise (§3): breakpoints sorted by x (no two equal); linear between
 * neighbours, constant beyond the ends.  n = 0 → 0. */
double kh_score_piecewise(double x, const struct kh_pair *breaks, int32_t n);

/* rank (§3): competition rank k (1-based) among n: with a points list,
 * points[min(k, npoints) − 1]; else 100 − (k − 1)·(100 − floor)/(n − 1),
 * n = 1 → 100. */
double kh_score_rank(int32_t k, int32_t n, double floor_score, const double *points,
                     int32_t npoints);

/* binary (§3, §11.13): x ≥ threshold (benefit) or x ≤ threshold (cost) → 100, else 0. */
double kh_score_binary(double x, double threshold, enum kh_direction dir);

/* zscore (§3, §11.12): z = (x − mean)/sigma, negated for cost;
 * clamp(center + spread·z, 0, 100).  all_equal → center (σ = 0 is decided by
 * the values being equal, not by a computed σ that rounding made tiny). */
double kh_score_zscore(double x, double mean, double sigma, bool all_equal,
                       enum kh_direction dir, double center, double spread);

/* Population figures of one leaf in one category (population.c). */
struct kh__popstat {
    int32_t n;            /* units with a present transformed value */
    double min, max, mean, sigma;
    bool all_equal;
};

/* Score a quant leaf: node's method with its params, transformed value x
 * (not NaN), the unit's approved target t (NaN unless method target), the
 * population `pop` of the leaf in the unit's category and the unit's
 * competition rank in it (rank method; 0 otherwise). */
double kh__score_quant(const struct kh_node *node, double x, double t,
                       const struct kh__popstat *pop, int32_t rank);

#endif
