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

int kh_entropy_weights(const double *x, size_t m, size_t n, const bool *cost,
                       enum kh_entropy_norm norm, double *e, double *d, double *w,
                       struct kh_error *err)
{
    if (m < 2)
        return kh_error_set(err, KH_EINVAL, NULL, 0, NULL,
                            "熵权法至少需要 2 个单位（现有 %zu 个） / the entropy method needs at "
                            "least 2 units (got %zu)", m, m);
    if (n < 1)
        return kh_error_set(err, KH_EINVAL, NULL, 0, NULL, "没有指标列 / no criteria columns");
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) {
            double v = x[i * n + j];
            if (!isfinite(v))
                return kh_error_set(err, KH_EINVAL, NULL, 0, NULL,
                                    "第 %zu 行第 %zu 列不是有限数值 / row %zu column %zu is not a "
                                    "finite number", i + 1, j + 1, i + 1, j + 1);
            if (norm == KH_ENTROPY_NONE && v < 0)
                return kh_error_set(err, KH_EINVAL, NULL, 0, NULL,
                                    "不做标准化时数值不能为负（第 %zu 行第 %zu 列） / with "
                                    "normalisation `none` values must be ≥ 0 (row %zu column %zu)",
                                    i + 1, j + 1, i + 1, j + 1);
        }
    if (norm == KH_ENTROPY_NONE && cost != NULL)
        for (size_t j = 0; j < n; j++)
            if (cost[j])
                return kh_error_set(err, KH_EINVAL, NULL, 0, NULL,
                                    "不做标准化时不能有成本型指标（第 %zu 列） / normalisation "
                                    "`none` takes benefit criteria only (column %zu)", j + 1, j + 1);

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
        rc = kh_error_set(err, KH_EDATA, NULL, 0, NULL,
                          "所有指标列取值都相同，熵权无定义 / every column is constant: entropy "
                          "weights are undefined");
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
        return kh_error_set(err, KH_EINVAL, NULL, 0, NULL,
                            "α 必须在 0 与 1 之间 / alpha must lie in [0, 1]");
    double ss = 0, so = 0;
    for (size_t j = 0; j < n; j++) {
        if (!(subj[j] >= 0) || !(obj[j] >= 0) || isinf(subj[j]) || isinf(obj[j]))
            return kh_error_set(err, KH_EINVAL, NULL, 0, NULL,
                                "权重必须为非负有限数（第 %zu 项） / weights must be finite and "
                                "non-negative (entry %zu)", j + 1, j + 1);
        ss += subj[j];
        so += obj[j];
    }
    if (!(ss > 0) || !(so > 0))
        return kh_error_set(err, KH_EINVAL, NULL, 0, NULL,
                            "权重之和为 0 / a weight set sums to 0");
    for (size_t j = 0; j < n; j++)
        out[j] = alpha * (subj[j] / ss) + (1 - alpha) * (obj[j] / so);
    return 0;
}
