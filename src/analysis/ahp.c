/*
 * ahp.c — weights and consistency of a pairwise-comparison matrix (SPEC §8).
 *
 * Weights.  For a positive matrix A the Perron–Frobenius theorem gives one
 * real eigenvalue λmax of largest modulus, simple, with a positive
 * eigenvector; power iteration w ← Aw / Σ(Aw) from w = (1/n, …) therefore
 * converges to it for every input this module accepts.  We stop when no
 * component moves by KH_AHP_TOL (1e-12) between two steps.  A perfectly
 * consistent matrix (a_ij = w_i/w_j) has rank one and converges in one step.
 *
 * Consistency (Saaty 1977, 1980).  λmax = mean over i of (Aw)_i / w_i, which
 * equals the eigenvalue at convergence and is the estimator SPEC §8 fixes.
 * CI = (λmax − n)/(n − 1); CR = CI/RI(n), with Saaty's random index
 *     n  : 3    4    5    6    7    8    9    10   11   12   13   14   15
 *     RI : 0.58 0.90 1.12 1.24 1.32 1.41 1.45 1.49 1.51 1.48 1.56 1.57 1.59
 * (as printed in SPEC §8; the values for n ≥ 11 are those of Saaty's later
 * tables).  Matrices of order 1 and 2 are always consistent: CI = CR = 0.
 * For a positive reciprocal matrix λmax ≥ n (Saaty 1977), so a CI below zero
 * can only be rounding error and is reported as 0.
 *
 * Pooling experts.  The element-wise geometric mean is the only
 * aggregation that keeps reciprocity (Aczél & Saaty 1983); we compute it as
 * exp(mean ln) and then restore exact reciprocity below the diagonal.
 */
#include <math.h>
#include <string.h>
#include "kaohe/ahp.h"
#include "kaohe/error.h"
#include "kaohe/msg-analysis.h"

#define MAX_ITER 1000000

static const double saaty_ri[KH_AHP_MAX_N + 1] = {
    0, 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
};

double kh_ahp_random_index(int n)
{
    if (n < 1 || n > KH_AHP_MAX_N)
        return NAN;
    return saaty_ri[n];
}

enum kh_ahp_defect kh_ahp_check(const double *a, int n, int *row, int *col)
{
    *row = *col = 0;
    if (n < 1 || n > KH_AHP_MAX_N)
        return KH_AHP_TOO_LARGE;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double x = a[i * n + j];
            if (!(x > 0) || isinf(x)) {
                *row = i;
                *col = j;
                return KH_AHP_NOT_POSITIVE;
            }
        }
    for (int i = 0; i < n; i++)
        for (int j = 0; j <= i; j++)
            if (fabs(a[i * n + j] * a[j * n + i] - 1) > KH_AHP_RECIPROCAL_TOL) {
                *row = i;
                *col = j;
                return KH_AHP_NOT_RECIPROCAL;
            }
    return KH_AHP_OK;
}

int kh_ahp_solve(const double *a, int n, struct kh_ahp_result *out, struct kh_error *err)
{
    int r, c;
    enum kh_ahp_defect d = kh_ahp_check(a, n, &r, &c);
    memset(out, 0, sizeof *out);
    if (d == KH_AHP_TOO_LARGE)
        return KH_ERR(err, KH_EINVAL, AHP_ORDER, KH_ARG_LONG(n), KH_ARG_LONG(KH_AHP_MAX_N));
    if (d != KH_AHP_OK)
        return kh_error_msg(err, KH_EINVAL, NULL, 0, NULL,
                            d == KH_AHP_NOT_POSITIVE ? &KH_M_AHP_CELL_NOT_POSITIVE
                                                     : &KH_M_AHP_CELL_NOT_RECIPROCAL,
                            KH_ARG_LONG(r + 1), KH_ARG_LONG(c + 1), (const char *)NULL);
    out->n = n;
    double w[KH_AHP_MAX_N], aw[KH_AHP_MAX_N];
    for (int i = 0; i < n; i++)
        w[i] = 1.0 / n;
    int it;
    for (it = 1; it <= MAX_ITER; it++) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++)
                s += a[i * n + j] * w[j];
            aw[i] = s;
            sum += s;
        }
        double move = 0;
        for (int i = 0; i < n; i++) {
            double v = aw[i] / sum;
            move = fmax(move, fabs(v - w[i]));
            w[i] = v;
        }
        if (move < KH_AHP_TOL)
            break;
    }
    if (it > MAX_ITER)
        return KH_ERR(err, KH_EDATA, AHP_NO_CONVERGENCE);
    out->iterations = it;
    /* Normalise exactly once more so Σw = 1 to rounding, then λmax from the final w. */
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += w[i];
    double lambda = 0;
    for (int i = 0; i < n; i++) {
        out->weights[i] = w[i] / sum;
    }
    for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++)
            s += a[i * n + j] * out->weights[j];
        lambda += s / out->weights[i];
    }
    out->lambda_max = lambda / n;
    if (n <= 2) {
        out->ci = out->ri = out->cr = 0;
    } else {
        out->ci = fmax(0.0, (out->lambda_max - n) / (n - 1));
        out->ri = saaty_ri[n];
        out->cr = out->ci / out->ri;
    }
    out->consistent = out->cr < KH_AHP_CR_LIMIT;
    return 0;
}

void kh_ahp_geomean(const double *const *mats, size_t k, int n, double *out)
{
    for (int i = 0; i < n; i++) {
        out[i * n + i] = 1;
        for (int j = 0; j < i; j++) {
            double s = 0;
            for (size_t e = 0; e < k; e++)
                s += log(mats[e][i * n + j]);
            double g = exp(s / (double)k);
            out[i * n + j] = g;
            out[j * n + i] = 1 / g;
        }
    }
}
