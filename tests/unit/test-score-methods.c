/* test-score-methods.c — SPEC §3 methods, each case computed by hand from the formulas. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>
#include "core/score.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-12)

static void test_target(void **state)
{
    (void)state;
    /* benefit, α 1, cap 1: s = min(100·r, 100) */
    NEAR(kh_score_target(90, 100, KH_BENEFIT, 1, 1), 90);
    /* r − 1 overflows to +inf with in-range inputs; α = 0 still gives 100, not NaN */
    NEAR(kh_score_target(1e-300, 1e15, KH_COST, 0, 1.5), 100);
    NEAR(kh_score_target(1e15, 1e-300, KH_BENEFIT, 0, 1), 100);
    NEAR(kh_score_target(1e15, 1e-300, KH_BENEFIT, 2, 1.2), 120);
    NEAR(kh_score_target(120, 100, KH_BENEFIT, 1, 1), 100);
    NEAR(kh_score_target(50, 80, KH_BENEFIT, 1, 1), 62.5);
    /* α 2, cap 1.2 (golden 03): r 1.2 → 1.4 → cap 1.2; r 0.5 → 0; r 0.8 → 0.6 */
    NEAR(kh_score_target(12, 10, KH_BENEFIT, 2, 1.2), 120);
    NEAR(kh_score_target(5, 10, KH_BENEFIT, 2, 1.2), 0);
    NEAR(kh_score_target(8, 10, KH_BENEFIT, 2, 1.2), 60);
    /* cost: r = t/x */
    NEAR(kh_score_target(5, 4, KH_COST, 1, 1), 80);
    NEAR(kh_score_target(2, 4, KH_COST, 1, 1.5), 150);
    NEAR(kh_score_target(2, 4, KH_COST, 0.5, 1.5), 150);   /* 1 + 0.5·1 = 1.5 */
    /* cost x = 0 → r = +∞ → the limit: cap for α > 0 */
    NEAR(kh_score_target(0, 4, KH_COST, 1, 1), 100);
    NEAR(kh_score_target(0, 4, KH_COST, 2, 1.3), 130);
    NEAR(kh_score_target(0, 4, KH_COST, 0, 1.3), 100);
    assert_false(isnan(kh_score_target(0, 4, KH_COST, 0, 1)));
}

static void test_efficacy(void **state)
{
    (void)state;
    /* SPEC §3's own example: 60 + 40·(5.81 − 6)/(12 − 6) = 58.7333… */
    NEAR(kh_score_efficacy(5.81, 6, 12, 0), 60 - 40 * 0.19 / 6);
    assert_true(fabs(kh_score_efficacy(5.81, 6, 12, 0) - 58.7333333333) < 1e-9);
    NEAR(kh_score_efficacy(15, 10, 20, 0), 80);
    NEAR(kh_score_efficacy(30, 10, 20, 0), 100);           /* clamp high */
    NEAR(kh_score_efficacy(-100, 10, 20, 0), 0);           /* 60 − 440 → clamp 0 */
    NEAR(kh_score_efficacy(1, 4, 8, 40), 40);              /* 30 → lo 40 */
    NEAR(kh_score_efficacy(7, 7, 7, 0), 100);              /* xh = xs → 100 */
    NEAR(kh_score_efficacy(3, 7, 7, 50), 100);
    /* cost with fixed bounds xs 10 (worse) > xh 2: x 6 → 60 + 40·(−4)/(−8) = 80 */
    NEAR(kh_score_efficacy(6, 10, 2, 0), 80);
}

static void test_efficacy_population(void **state)
{
    (void)state;
    struct kh_node nd = {0};
    struct kh__popstat pop = {.n = 3, .min = 10, .max = 20, .mean = 15, .sigma = 1, .all_equal = false};
    nd.kind = KH_KIND_QUANT;
    nd.method = KH_METHOD_EFFICACY;
    nd.params.xs.kind = KH_BOUND_POP_MIN;
    nd.params.xh.kind = KH_BOUND_POP_MAX;
    nd.direction = KH_BENEFIT;
    NEAR(kh__score_quant(&nd, 15, NAN, &pop, 0), 80);     /* xs 10, xh 20 */
    /* cost: xs is the worst (max 20), xh the best (min 10), whatever keyword */
    nd.direction = KH_COST;
    NEAR(kh__score_quant(&nd, 12, NAN, &pop, 0), 60 + 40.0 * (12 - 20) / (10 - 20));   /* 92 */
    NEAR(kh__score_quant(&nd, 20, NAN, &pop, 0), 60);
    /* zero variance: min = max → xh = xs → 100 */
    pop.min = pop.max = 5;
    NEAR(kh__score_quant(&nd, 5, NAN, &pop, 0), 100);
    /* minmax takes pop bounds literally even for cost */
    nd.method = KH_METHOD_MINMAX;
    nd.params.lo.kind = KH_BOUND_POP_MIN;
    nd.params.hi.kind = KH_BOUND_POP_MAX;
    pop.min = 3;
    pop.max = 5;
    NEAR(kh__score_quant(&nd, 4, NAN, &pop, 0), 50);
    NEAR(kh__score_quant(&nd, 3, NAN, &pop, 0), 100);
    pop.min = pop.max = 4;
    NEAR(kh__score_quant(&nd, 4, NAN, &pop, 0), 100);     /* hi = lo → 100 */
}

static void test_minmax(void **state)
{
    (void)state;
    NEAR(kh_score_minmax(150, 0, 200, KH_BENEFIT), 75);
    NEAR(kh_score_minmax(2.5, 0, 10, KH_COST), 75);
    NEAR(kh_score_minmax(12, 0, 10, KH_COST), 0);
    NEAR(kh_score_minmax(-3, 0, 10, KH_BENEFIT), 0);
    NEAR(kh_score_minmax(11, 0, 10, KH_BENEFIT), 100);
    NEAR(kh_score_minmax(1, 5, 5, KH_BENEFIT), 100);
    NEAR(kh_score_minmax(9, 5, 5, KH_COST), 100);
}

static void test_bands(void **state)
{
    (void)state;
    const struct kh_pair b[] = {{90, 100}, {80, 80}};
    const struct kh_pair c[] = {{0, 100}, {2, 80}, {5, 60}};
    const struct kh_pair odd[] = {{80, 80}, {90, 100}};     /* listed order wins */
    NEAR(kh_score_bands(95, b, 2, 50, KH_BENEFIT), 100);
    NEAR(kh_score_bands(90, b, 2, 50, KH_BENEFIT), 100);   /* reaches = ≥ */
    NEAR(kh_score_bands(85, b, 2, 50, KH_BENEFIT), 80);
    NEAR(kh_score_bands(70, b, 2, 50, KH_BENEFIT), 50);    /* else */
    NEAR(kh_score_bands(0, c, 3, 0, KH_COST), 100);
    NEAR(kh_score_bands(3, c, 3, 0, KH_COST), 60);
    NEAR(kh_score_bands(2, c, 3, 0, KH_COST), 80);
    NEAR(kh_score_bands(6, c, 3, 0, KH_COST), 0);
    NEAR(kh_score_bands(95, odd, 2, 0, KH_BENEFIT), 80);
}

static void test_piecewise(void **state)
{
    (void)state;
    const struct kh_pair br[] = {{0, 0}, {50, 60}, {100, 100}};
    NEAR(kh_score_piecewise(25, br, 3), 30);
    NEAR(kh_score_piecewise(75, br, 3), 80);
    NEAR(kh_score_piecewise(120, br, 3), 100);
    NEAR(kh_score_piecewise(-5, br, 3), 0);
    NEAR(kh_score_piecewise(50, br, 3), 60);
    NEAR(kh_score_piecewise(7, br, 1), 0);
    /* decreasing scores (a cost-like curve) */
    const struct kh_pair dn[] = {{0, 100}, {10, 0}};
    NEAR(kh_score_piecewise(2.5, dn, 2), 75);
}

static void test_rank(void **state)
{
    (void)state;
    const double pts[] = {100, 95, 90};
    NEAR(kh_score_rank(1, 1, 60, NULL, 0), 100);            /* n = 1 → 100 */
    NEAR(kh_score_rank(3, 4, 60, NULL, 0), 100 - 2 * 40.0 / 3);
    NEAR(kh_score_rank(4, 4, 60, NULL, 0), 60);
    NEAR(kh_score_rank(1, 4, 60, NULL, 0), 100);
    NEAR(kh_score_rank(2, 3, 0, NULL, 0), 50);
    NEAR(kh_score_rank(1, 5, 60, pts, 3), 100);
    NEAR(kh_score_rank(3, 5, 60, pts, 3), 90);
    NEAR(kh_score_rank(5, 5, 60, pts, 3), 90);              /* last entry repeated */
}

static void test_binary(void **state)
{
    (void)state;
    NEAR(kh_score_binary(10, 10, KH_COST), 100);
    NEAR(kh_score_binary(11, 10, KH_COST), 0);
    NEAR(kh_score_binary(10, 10, KH_BENEFIT), 100);
    NEAR(kh_score_binary(9.999, 10, KH_BENEFIT), 0);
}

static void test_zscore(void **state)
{
    (void)state;
    double s5 = sqrt(125.0);
    /* golden 02: values 60, 70, 80, 90: μ 75, σ √125 */
    NEAR(kh_score_zscore(60, 75, s5, false, KH_BENEFIT, 75, 10), 75 - 150 / s5);
    assert_true(fabs(kh_score_zscore(60, 75, s5, false, KH_BENEFIT, 75, 10) - 61.583592135001261) < 1e-12);
    NEAR(kh_score_zscore(90, 75, s5, false, KH_BENEFIT, 75, 10), 88.416407864998732);
    /* cost negates z */
    NEAR(kh_score_zscore(90, 75, s5, false, KH_COST, 75, 10), 61.583592135001261);
    /* all equal → center, whatever σ rounding left */
    NEAR(kh_score_zscore(0.1, 0.1, 1e-17, true, KH_BENEFIT, 75, 10), 75);
    NEAR(kh_score_zscore(3, 3, 0, false, KH_BENEFIT, 70, 10), 70);
    /* clamp */
    NEAR(kh_score_zscore(100, 0, 1, false, KH_BENEFIT, 75, 10), 100);
    NEAR(kh_score_zscore(-100, 0, 1, false, KH_BENEFIT, 75, 10), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_target),
        cmocka_unit_test(test_efficacy),
        cmocka_unit_test(test_efficacy_population),
        cmocka_unit_test(test_minmax),
        cmocka_unit_test(test_bands),
        cmocka_unit_test(test_piecewise),
        cmocka_unit_test(test_rank),
        cmocka_unit_test(test_binary),
        cmocka_unit_test(test_zscore),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
