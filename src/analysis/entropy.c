/*
 * entropy.c — the entropy weight method and weight combination (entropy.h,
 * SPEC §8).
 *
 * The idea (Shannon 1948; as a weighting method Zeleny 1982, and in Chinese
 * practice 熵权法): a criterion on which the units differ a lot carries
 * information and deserves weight; one on which they are all alike does
 * not.  With p_ij the share of unit i in column j, the normalised entropy
 *     e_j = −(1/ln m)·Σ_i p_ij ln p_ij      (0 ≤ e_j ≤ 1, 0·ln 0 = 0)
 * is 1 for a uniform column and 0 when one unit holds everything; the
 * weight is the normalised divergence w_j = (1 − e_j)/Σ_k (1 − e_k).
 *
 * Minmax normalisation maps each column's worst unit to 0; its p_ij is then
 * 0 and contributes nothing, which is why 0·ln 0 = 0 matters in practice.
 */
#include <math.h>
#include <stdlib.h>
#include "kaohe/entropy.h"
#include "kaohe/error.h"
#include "kaohe/xalloc.h"
#include "kaohe/msg-analysis.h"

int kh_entropy_weights(const double *x, size_t m, size_t n, const bool *cost,
                       enum kh_entropy_norm norm, double *e, double *d, double *w,
                       struct kh_error *err)
{
    if (m < 2)
        return KH_ERR(err, KH_EINVAL, ENTROPY_FEW_UNITS, KH_ARG_SIZE(m));
    if (n < 1)
        return KH_ERR(err, KH_EINVAL, ENTROPY_NO_CRITERIA);
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) {
            double v = x[i * n + j];
            if (!isfinite(v))
                return KH_ERR(err, KH_EINVAL, ENTROPY_NOT_FINITE, KH_ARG_SIZE(i + 1), KH_ARG_SIZE(j + 1));
            if (norm == KH_ENTROPY_NONE && v < 0)
                return KH_ERR(err, KH_EINVAL, ENTROPY_NEGATIVE, KH_ARG_SIZE(i + 1), KH_ARG_SIZE(j + 1));
        }
    if (norm == KH_ENTROPY_NONE && cost != NULL)
        for (size_t j = 0; j < n; j++)
            if (cost[j])
                return KH_ERR(err, KH_EINVAL, ENTROPY_COST_NONE, KH_ARG_SIZE(j + 1));

    double *dv = kh_xcalloc(n, sizeof *dv);
    double *ev = kh_xcalloc(n, sizeof *ev);
    double *col = kh_xcalloc(m, sizeof *col);
    double lnm = log((double)m), dsum = 0;
    for (size_t j = 0; j < n; j++) {
        double lo = x[j], hi = x[j];
        for (size_t i = 1; i < m; i++) {
            lo = fmin(lo, x[i * n + j]);
            hi = fmax(hi, x[i * n + j]);
        }
        if (lo == hi) {     /* constant column, zeros included: no information */
            ev[j] = 1;
            dv[j] = 0;
            continue;
        }
        double sum = 0;
        for (size_t i = 0; i < m; i++) {
            double v = x[i * n + j];
            if (norm == KH_ENTROPY_MINMAX)
                v = cost != NULL && cost[j] ? (hi - v) / (hi - lo) : (v - lo) / (hi - lo);
            col[i] = v;
            sum += v;
        }
        double h = 0;
        for (size_t i = 0; i < m; i++) {
            double p = col[i] / sum;
            if (p > 0)
                h -= p * log(p);
        }
        ev[j] = h / lnm;
        dv[j] = fmax(0.0, 1 - ev[j]);
        dsum += dv[j];
    }
    int rc = 0;
    if (!(dsum > 0)) {
        rc = KH_ERR(err, KH_EDATA, ENTROPY_CONSTANT);
        goto out;
    }
    for (size_t j = 0; j < n; j++) {
        if (e)
            e[j] = ev[j];
        if (d)
            d[j] = dv[j];
        w[j] = dv[j] / dsum;
    }
out:
    free(dv);
    free(ev);
    free(col);
    return rc;
}

int kh_weights_combine(double alpha, const double *subj, const double *obj, size_t n,
                       double *out, struct kh_error *err)
{
    if (!(alpha >= 0 && alpha <= 1))
        return KH_ERR(err, KH_EINVAL, ENTROPY_ALPHA);
    double ss = 0, so = 0;
    for (size_t j = 0; j < n; j++) {
        if (!(subj[j] >= 0) || !(obj[j] >= 0) || isinf(subj[j]) || isinf(obj[j]))
            return KH_ERR(err, KH_EINVAL, WEIGHTS_NEGATIVE, KH_ARG_SIZE(j + 1));
        ss += subj[j];
        so += obj[j];
    }
    if (!(ss > 0) || !(so > 0))
        return KH_ERR(err, KH_EINVAL, WEIGHTS_ZERO_SUM);
    for (size_t j = 0; j < n; j++)
        out[j] = alpha * (subj[j] / ss) + (1 - alpha) * (obj[j] / so);
    return 0;
}
