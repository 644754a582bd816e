/*
 * score-methods.c — SPEC §3 scoring methods, one pure function each.
 *
 * What this file owns: the arithmetic that turns one unit's transformed
 * year-end value x of a quant leaf into a score.  Everything around it —
 * finding x (transform.c), the population of the category (population.c),
 * the missing-value policy and aggregation (aggregate.c) — lives elsewhere,
 * so each formula here can be read against the SPEC line by line.
 *
 * Invariants: no function sees NaN x; parameters come from a validated
 * bundle (defaults filled, piecewise breaks sorted and distinct, bands in
 * listed order).  Scores lie in [0,100] except target with cap > 1 and the
 * configured points of bands/piecewise/rank (SPEC §3, first paragraph).
 *
 * Formulas (SPEC §3, §11.12, §11.13, §11.27):
 *   target     r = x/t | t/x;  s = 100·clamp(1 + α(r − 1), 0, cap);  x = 0 (cost) → r = +∞
 *   efficacy   s = clamp(60 + 40·(x − xs)/(xh − xs), lo, 100);  xh = xs → 100
 *   minmax     s = 100·clamp((x − lo)/(hi − lo), 0, 1) | (hi − x)/(hi − lo);  hi = lo → 100
 *   bands      first listed threshold reached (≥ | ≤), else `else`
 *   piecewise  linear between sorted breakpoints, constant beyond the ends
 *   rank       100 − (k − 1)(100 − floor)/(n − 1), n = 1 → 100; or points[k], last repeated
 *   binary     x ≥ thr | x ≤ thr → 100, else 0
 *   zscore     clamp(center + spread·z, 0, 100), z negated for cost; equal values → center
 *
 * Floating point: expressions are evaluated left to right (C semantics,
 * -ffp-contract=off), so the bits are stable across compilers.  Two
 * rewritings save a rounding each and make exact cases exact: target uses
 * r − 1 = (x − t)/t (one quotient; 8/10 then scores exactly 60 with α = 2), and
 * zscore computes spread·(x − μ)/σ rather than spread·((x − μ)/σ).
 */
#include <math.h>
#include "core/score.h"

static double clamp(double v, double lo, double hi)
{
    if (v < lo)
        return lo;
    if (v > hi)
        return hi;
    return v;
}

double kh_score_target(double x, double t, enum kh_direction dir, double alpha, double cap)
{
    double d;   /* r − 1, computed as one quotient: (x − t)/t or (t − x)/x */

    if (dir == KH_COST) {
        if (x == 0.0) {
            /* r = +∞: the limit of 1 + α(r − 1) (SPEC §11.27). */
            if (alpha > 0.0)
                return 100.0 * clamp(HUGE_VAL, 0.0, cap);
            if (alpha < 0.0)
                return 0.0;
            return 100.0 * clamp(1.0, 0.0, cap);
        }
        d = (t - x) / x;
    } else {
        d = (x - t) / t;
    }
    /* d can be ±inf even for in-range inputs (t − x over a tiny x, or over a
     * tiny t): α = 0 must still give 1, not 0·inf = NaN. */
    if (alpha == 0.0)
        return 100.0 * clamp(1.0, 0.0, cap);
    return 100.0 * clamp(1.0 + alpha * d, 0.0, cap);
}

double kh_score_efficacy(double x, double xs, double xh, double lo)
{
    if (xh == xs)
        return 100.0;
    return clamp(60.0 + 40.0 * (x - xs) / (xh - xs), lo, 100.0);
}

double kh_score_minmax(double x, double lo, double hi, enum kh_direction dir)
{
    if (hi == lo)
        return 100.0;
    if (dir == KH_COST)
        return 100.0 * clamp((hi - x) / (hi - lo), 0.0, 1.0);
    return 100.0 * clamp((x - lo) / (hi - lo), 0.0, 1.0);
}

double kh_score_bands(double x, const struct kh_pair *bands, int32_t n, double else_score,
                      enum kh_direction dir)
{
    for (int32_t i = 0; i < n; i++) {
        if (dir == KH_COST ? x <= bands[i].x : x >= bands[i].x)
            return bands[i].y;
    }
    return else_score;
}

double kh_score_piecewise(double x, const struct kh_pair *br, int32_t n)
{
    int32_t lo, hi;

    if (n <= 0)
        return 0.0;
    if (x <= br[0].x)
        return br[0].y;
    if (x >= br[n - 1].x)
        return br[n - 1].y;
    /* Binary search for the segment br[lo].x <= x < br[hi].x, hi = lo + 1. */
    lo = 0;
    hi = n - 1;
    while (hi - lo > 1) {
        int32_t mid = lo + (hi - lo) / 2;
        if (br[mid].x <= x)
            lo = mid;
        else
            hi = mid;
    }
    return br[lo].y + (br[hi].y - br[lo].y) * (x - br[lo].x) / (br[hi].x - br[lo].x);
}

double kh_score_rank(int32_t k, int32_t n, double floor_score, const double *points,
                     int32_t npoints)
{
    if (npoints > 0)
        return points[(k < npoints ? k : npoints) - 1];
    if (n <= 1)
        return 100.0;
    return 100.0 - (double)(k - 1) * (100.0 - floor_score) / (double)(n - 1);
}

double kh_score_binary(double x, double threshold, enum kh_direction dir)
{
    if (dir == KH_COST)
        return x <= threshold ? 100.0 : 0.0;
    return x >= threshold ? 100.0 : 0.0;
}

double kh_score_zscore(double x, double mean, double sigma, bool all_equal,
                       enum kh_direction dir, double center, double spread)
{
    double dev;

    if (all_equal || sigma == 0.0)
        return center;
    dev = dir == KH_COST ? mean - x : x - mean;   /* z negated for cost */
    return clamp(center + spread * dev / sigma, 0.0, 100.0);
}

/* Resolve one efficacy bound: with pop_* the direction chooses the end
 * (xs the worst population value, xh the best: SPEC §11.12). */
static double efficacy_bound(const struct kh_bound *bd, bool worst, enum kh_direction dir,
                             const struct kh__popstat *pop)
{
    bool want_min;

    if (bd->kind == KH_BOUND_FIXED)
        return bd->v;
    want_min = (dir == KH_COST) ? !worst : worst;
    return want_min ? pop->min : pop->max;
}

/* minmax takes pop_min/pop_max literally (SPEC §11.27). */
static double literal_bound(const struct kh_bound *bd, const struct kh__popstat *pop)
{
    switch (bd->kind) {
    case KH_BOUND_POP_MIN: return pop->min;
    case KH_BOUND_POP_MAX: return pop->max;
    default:               return bd->v;
    }
}

double kh__score_quant(const struct kh_node *node, double x, double t,
                       const struct kh__popstat *pop, int32_t rank)
{
    const struct kh_params *p = &node->params;
    enum kh_direction dir = node->direction;

    switch (node->method) {
    case KH_METHOD_TARGET:
        return kh_score_target(x, t, dir, p->alpha, p->cap);
    case KH_METHOD_EFFICACY:
        return kh_score_efficacy(x, efficacy_bound(&p->xs, true, dir, pop),
                                 efficacy_bound(&p->xh, false, dir, pop), p->efficacy_lo);
    case KH_METHOD_MINMAX:
        return kh_score_minmax(x, literal_bound(&p->lo, pop), literal_bound(&p->hi, pop), dir);
    case KH_METHOD_BANDS:
        return kh_score_bands(x, p->bands, p->nbands, p->else_score, dir);
    case KH_METHOD_PIECEWISE:
        return kh_score_piecewise(x, p->breaks, p->nbreaks);
    case KH_METHOD_RANK:
        return kh_score_rank(rank, pop->n, p->rank_floor, p->points, p->npoints);
    case KH_METHOD_BINARY:
        return kh_score_binary(x, p->threshold, dir);
    case KH_METHOD_ZSCORE:
        return kh_score_zscore(x, pop->mean, pop->sigma, pop->all_equal, dir, p->center,
                               p->spread);
    case KH_METHOD_NONE:
        break;
    }
    return NAN;
}
