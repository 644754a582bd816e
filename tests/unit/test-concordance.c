/*
 * test-concordance.c — Kendall's W, ICC(2,1) and Spearman against published
 * examples (sources in tests/analysis/README.md).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "kaohe/concordance.h"
#include "kaohe/bundle.h"

static double rnd(double x, int d)
{
    double f = pow(10, d);
    return round(x * f) / f;
}

/* Shrout & Fleiss 1979, Table 2: 6 targets (columns here) × 4 judges (rows). */
static const double sf[4 * 6] = {
    9, 6, 8, 7, 10, 6,     /* judge 1 */
    2, 1, 4, 1, 5, 2,      /* judge 2 */
    5, 3, 6, 2, 6, 4,      /* judge 3 */
    8, 2, 8, 6, 9, 7,      /* judge 4 */
};

static void test_shrout_fleiss(void **state)
{
    (void)state;
    double icc = kh_icc21(sf, 4, 6);
    assert_true(rnd(icc, 2) == 0.29);
    assert_true(fabs(icc - 0.28976) < 5e-5);
}

static void test_siegel_w(void **state)
{
    (void)state;
    /* Siegel 1956: executives X, Y, Z rank six applicants; S = 25.5, W = 0.16. */
    double x[3 * 6] = {1, 6, 3, 2, 5, 4,
                       1, 5, 6, 4, 2, 3,
                       6, 3, 2, 5, 4, 1};
    double s, chi2;
    double w = kh_kendall_w(x, 3, 6, &s, &chi2);
    assert_true(s == 25.5);
    assert_true(rnd(w, 2) == 0.16);
    assert_true(fabs(chi2 - 3 * 5 * w) < 1e-12);
}

static void test_strawberries_w(void **state)
{
    (void)state;
    /* influentialpoints.com worked example I: 4 raters × 8 farms, SS = 500, W = 0.744. */
    double x[4 * 8] = {8, 4, 2, 3, 5, 1, 6, 7,
                       7, 3, 1, 4, 5, 2, 6, 8,
                       8, 2, 5, 6, 7, 1, 4, 3,
                       8, 3, 4, 2, 5, 1, 6, 7};
    double s;
    double w = kh_kendall_w(x, 4, 8, &s, NULL);
    assert_true(s == 500);
    assert_true(rnd(w, 3) == 0.744);
}

static void test_w_ties(void **state)
{
    (void)state;
    /*
     * Scores (not ranks), 3 raters × 4 ratees, with ties:
     *   r1: 80 80 60 100 → ranks 2.5 2.5 1 4   (one tie of 2: t³−t = 6)
     *   r2: 90 70 70 70  → ranks 4 2 2 2       (one tie of 3: 24)
     *   r3: 60 80 70 90  → ranks 1 3 2 4
     * R = (7.5, 7.5, 5, 10), mean 7.5, S = 0 + 0 + 6.25 + 6.25 = 12.5,
     * W = 12·12.5 / (9·60 − 3·30) = 150/450 = 1/3.
     */
    double x[3 * 4] = {80, 80, 60, 100, 90, 70, 70, 70, 60, 80, 70, 90};
    double s;
    double w = kh_kendall_w(x, 3, 4, &s, NULL);
    assert_true(s == 12.5);
    assert_true(fabs(w - 1.0 / 3) < 1e-15);
    /* all tied → undefined */
    double flat[2 * 3] = {5, 5, 5, 7, 7, 7};
    assert_true(isnan(kh_kendall_w(flat, 2, 3, NULL, NULL)));
    assert_true(isnan(kh_icc21(flat, 2, 3)) || kh_icc21(flat, 2, 3) <= 0);
}

static void test_ranks_spearman(void **state)
{
    (void)state;
    double x[] = {10, 20, 10, 30, 20}, r[5];
    double t = kh_rank_average(x, 5, r);
    assert_true(r[0] == 1.5 && r[2] == 1.5 && r[1] == 3.5 && r[4] == 3.5 && r[3] == 5);
    assert_true(t == 12);
    double a[] = {1, 2, 3, 4, 5}, b[] = {5, 6, 7, 8, 7};
    assert_true(fabs(kh_spearman(a, a, 5) - 1) < 1e-15);
    double c[] = {5, 4, 3, 2, 1};
    assert_true(fabs(kh_spearman(a, c, 5) + 1) < 1e-15);
    /* b ranks 1 2 3.5 5 3.5: ρ = Σd.../ computed as Pearson on ranks */
    double rho = kh_spearman(a, b, 5);
    assert_true(rho > 0.8 && rho < 0.9);
    double k[] = {3, 3, 3, 3, 3};
    assert_true(isnan(kh_spearman(a, k, 5)));
}

/* tests/analysis/shrout-fleiss: the same table as a bundle, through the block logic. */
static void test_bundle_blocks(void **state)
{
    (void)state;
    char path[1024];
    const char *dir = getenv("KH_TEST_DATA");
    snprintf(path, sizeof path, "%s/analysis/shrout-fleiss", dir ? dir : "tests");
    struct kh_diags d;
    kh_diags_init(&d, 0);
    struct kh_bundle b = {0};
    memset(&b, 0, sizeof b);
    assert_int_equal(kh_bundle_read_dir(path, NULL, &b, &d), 0);
    kh_diags_release(&d);
    struct kh_concordance a;
    assert_int_equal(kh_concordance_compute(&b, &a, NULL), 0);
    assert_int_equal(a.nitems, 2);     /* X1's rating on A1 is left out: group has no weight */
    assert_int_equal(a.items[0].status, KH_CONC_OK);
    assert_int_equal(a.items[0].nraters, 4);
    assert_int_equal(a.items[0].nratees, 6);
    assert_true(rnd(a.items[0].icc, 2) == 0.29);
    assert_true(fabs(a.items[0].w - 2874.0 / 3240) < 1e-15);
    assert_int_equal(a.nraters, 7);
    for (int k = 0; k < 6; k++)
        assert_false(a.raters[k].flagged);
    assert_true(a.raters[6].flagged && a.raters[6].spearman < 0);
    /* leniencies sum to 0 within a block */
    double sum = 0;
    for (int k = 0; k < 4; k++)
        sum += a.raters[k].leniency;
    assert_true(fabs(sum) < 1e-12);
    kh_concordance_release(&a);
    kh_bundle_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shrout_fleiss), cmocka_unit_test(test_siegel_w),
        cmocka_unit_test(test_strawberries_w), cmocka_unit_test(test_w_ties),
        cmocka_unit_test(test_ranks_spearman), cmocka_unit_test(test_bundle_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
