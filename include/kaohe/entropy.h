/*
 * entropy.h — objective weights by the entropy method (熵权法) and their
 * combination with subjective weights (SPEC §8).
 *
 * Data: m units (rows) × n criteria (columns), flat row-major x[i*n + j].
 * Normalisation per column j:
 *   minmax (default)  benefit (x − min)/(max − min), cost (max − x)/(max − min)
 *   none              the raw values, which must be ≥ 0 (benefit only)
 * then p_ij = x_ij / Σ_i x_ij, e_j = −(1/ln m)·Σ_i p_ij ln p_ij with
 * 0·ln 0 = 0, d_j = 1 − e_j, w_j = d_j / Σ_k d_k.
 *
 * Decisions where the formula is silent (documented in docs/analysis.md):
 * - A column whose values are all equal (max = min, or all zero under
 *   `none`) carries no information: e_j = 1, d_j = 0, w_j = 0 exactly —
 *   decided by comparing values, not by rounding luck.
 * - m < 2: ln m = 0, entropy undefined → KH_EINVAL.
 * - Every column constant: Σ d = 0, weights undefined → KH_EDATA.  We do not
 *   invent equal weights: the office should know its data cannot speak.
 * - Rounding can push e_j a hair above 1; d_j is clamped at 0.
 */
#ifndef KAOHE_ENTROPY_H
#define KAOHE_ENTROPY_H

#include <stdbool.h>
#include <stddef.h>

struct kh_error;

enum kh_entropy_norm { KH_ENTROPY_MINMAX, KH_ENTROPY_NONE };

/*
 * Compute e[n], d[n] and w[n] (caller's arrays; any may be NULL except w).
 * cost may be NULL (all benefit).  Returns 0; KH_EINVAL for m < 2, n < 1, a
 * NaN or infinite value, a negative value or a cost column under `none`
 * (err names the 1-based row and column); KH_EDATA when every column is
 * constant.
 */
int kh_entropy_weights(const double *x, size_t m, size_t n, const bool *cost,
                       enum kh_entropy_norm norm, double *e, double *d, double *w,
                       struct kh_error *err);

/*
 * w = α·subj + (1 − α)·obj, each input first divided by its own sum so that
 * weights "out of 100" and fractions mix.  Returns 0; KH_EINVAL when α is
 * outside [0, 1], a weight is negative or not finite, or an input sums to 0.
 */
int kh_weights_combine(double alpha, const double *subj, const double *obj, size_t n,
                       double *out, struct kh_error *err);

#endif
