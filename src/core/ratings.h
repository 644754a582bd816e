/*
 * ratings.h — combining ratings (SPEC §4, §11.15): the pure pieces.
 *
 * kh__ratings() (engine-internal.h) runs the whole step over a bundle; the
 * two functions here are its arithmetic, exposed for unit tests.
 */
#ifndef KH_CORE_RATINGS_H
#define KH_CORE_RATINGS_H

#include <stdint.h>
#include "kaohe/model.h"

/* Combine the n ≥ 1 counted ratings of one ratee on one item in one group:
 * mean (summed in the given order), trimmed (n ≥ 5: drop exactly one
 * highest and one lowest, mean of the rest; n < 5: plain mean) or median
 * (even n: mean of the two middle values).  May reorder v. */
double kh_rating_combine(double *v, int32_t n, enum kh_combine how);

/* Rater-bias correction of one rating x of rater j (mean m, population sd d)
 * in a group with pooled mean M and population sd D:
 * x' = M + (x − m)·D/d, d = 0 → M + (x − m); clamped to [0, 100]. */
double kh_rating_correct(double x, double m, double d, double M, double D);

#endif
