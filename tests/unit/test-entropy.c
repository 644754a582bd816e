/*
 * test-entropy.c — entropy weights (SPEC §8) and weight combination.
 *
 * Reference values: with m = 2 units and normalisation `none`, e_j is the
 * binary entropy H(p) of the column's shares (Shannon 1948), H(1/4) =
 * 0.8112781244591328… bits, H(1/2) = 1.  With minmax, a 2-unit column
 * becomes (0, 1) and has e = 0.  The three-unit case is worked by hand in
 * its comment.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>
#include "kaohe/entropy.h"
#include "kaohe/error.h"

static void test_binary_entropy(void **state)
{
    (void)state;
    /* columns: shares (1/4, 3/4), (1/2, 1/2) but not constant? no: (2,2) is
     * constant → weight 0; (1, 3) → H(1/4). */
    double x[] = {1, 2, 5,
                  3, 2, 5};
    double e[3], d[3], w[3];
    assert_int_equal(kh_entropy_weights(x, 2, 3, NULL, KH_ENTROPY_NONE, e, d, w, NULL), 0);
    assert_true(fabs(e[0] - 0.8112781244591328) < 1e-15);
    assert_true(e[1] == 1 && e[2] == 1 && w[1] == 0 && w[2] == 0);
    assert_true(w[0] == 1);
    /* minmax: (0,1) column → e = 0 */
    assert_int_equal(kh_entropy_weights(x, 2, 3, NULL, KH_ENTROPY_MINMAX, e, d, w, NULL), 0);
    assert_true(e[0] == 0 && d[0] == 1 && w[0] == 1);
}

static void test_three_units(void **state)
{
    (void)state;
    /*
     * Column A = (1, 2, 3) benefit, minmax → (0, .5, 1) → p = (0, 1/3, 2/3),
     *   e_A = −(1/3 ln 1/3 + 2/3 ln 2/3)/ln 3 = 0.5793801642856950.
     * Column B = (10, 30, 20) cost, minmax → (1, 0, .5) → p = (2/3, 0, 1/3): e_B = e_A.
     * Column C = (1, 1, 4) benefit → (0, 0, 1) → e_C = 0.
     * d = (.42062, .42062, 1) → w_C = 1/(2·0.4206198357143050 + 1).
     */
    double x[] = {1, 10, 1,
                  2, 30, 1,
                  3, 20, 4};
    bool cost[] = {false, true, false};
    double e[3], w[3];
    assert_int_equal(kh_entropy_weights(x, 3, 3, cost, KH_ENTROPY_MINMAX, e, NULL, w, NULL), 0);
    double ea = -(1.0 / 3 * log(1.0 / 3) + 2.0 / 3 * log(2.0 / 3)) / log(3);
    assert_true(fabs(ea - 0.5793801642856950) < 1e-15);
    assert_true(fabs(e[0] - ea) < 1e-15 && fabs(e[1] - ea) < 1e-15 && e[2] == 0);
    assert_true(fabs(w[2] - 1 / (2 * (1 - ea) + 1)) < 1e-15);
    assert_true(fabs(w[0] + w[1] + w[2] - 1) < 1e-15);
}

static void test_sum_and_permutation(void **state)
{
    (void)state;
    double x[5 * 4], y[5 * 4];
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 4; j++)
            x[i * 4 + j] = 1 + (double)((i * 7 + j * 3) % 11) * (j + 1);
    int perm[4] = {2, 0, 3, 1};
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 4; j++)
            y[i * 4 + j] = x[i * 4 + perm[j]];
    double w[4], v[4];
    assert_int_equal(kh_entropy_weights(x, 5, 4, NULL, KH_ENTROPY_NONE, NULL, NULL, w, NULL), 0);
    assert_int_equal(kh_entropy_weights(y, 5, 4, NULL, KH_ENTROPY_NONE, NULL, NULL, v, NULL), 0);
    double s = 0;
    for (int j = 0; j < 4; j++) {
        s += w[j];
        assert_true(fabs(v[j] - w[perm[j]]) < 1e-15);
    }
    assert_true(fabs(s - 1) < 1e-15);
}

static void test_degenerate(void **state)
{
    (void)state;
    double one[] = {1, 2};
    double w[2];
    struct kh_error err;
    assert_int_equal(kh_entropy_weights(one, 1, 2, NULL, KH_ENTROPY_MINMAX, NULL, NULL, w, &err),
                     KH_EINVAL);
    double flat[] = {3, 0, 3, 0};
    assert_int_equal(kh_entropy_weights(flat, 2, 2, NULL, KH_ENTROPY_NONE, NULL, NULL, w, &err),
                     KH_EDATA);
    double neg[] = {-1, 1, 2, 3};
    assert_int_equal(kh_entropy_weights(neg, 2, 2, NULL, KH_ENTROPY_NONE, NULL, NULL, w, &err),
                     KH_EINVAL);
    bool cost[] = {true, false};
    double ok[] = {1, 1, 2, 3};
    assert_int_equal(kh_entropy_weights(ok, 2, 2, cost, KH_ENTROPY_NONE, NULL, NULL, w, &err),
                     KH_EINVAL);
    assert_int_equal(kh_entropy_weights(neg, 2, 2, cost, KH_ENTROPY_MINMAX, NULL, NULL, w, &err), 0);
}

static void test_combine(void **state)
{
    (void)state;
    double s[] = {50, 30, 20}, o[] = {0.2, 0.2, 0.6}, w[3];
    assert_int_equal(kh_weights_combine(0.5, s, o, 3, w, NULL), 0);
    assert_true(fabs(w[0] - 0.35) < 1e-15 && fabs(w[1] - 0.25) < 1e-15 &&
                fabs(w[2] - 0.4) < 1e-15);
    assert_int_equal(kh_weights_combine(1, s, o, 3, w, NULL), 0);
    assert_true(fabs(w[0] - 0.5) < 1e-15);
    assert_int_equal(kh_weights_combine(1.5, s, o, 3, w, NULL), KH_EINVAL);
    double z[] = {0, 0, 0};
    assert_int_equal(kh_weights_combine(0.5, s, z, 3, w, NULL), KH_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_binary_entropy), cmocka_unit_test(test_three_units),
        cmocka_unit_test(test_sum_and_permutation), cmocka_unit_test(test_degenerate),
        cmocka_unit_test(test_combine),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
