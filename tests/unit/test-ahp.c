/*
 * test-ahp.c — AHP against Saaty's published examples (tests/analysis/README.md)
 * and its properties: RI table, weights sum to 1, a consistent matrix has
 * CR 0, permuting criteria permutes weights, matrix files are read in every
 * layout and defects are named by line and column.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "kaohe/ahp.h"
#include "kaohe/buf.h"
#include "kaohe/error.h"

static int load(const char *name, struct kh_ahp_matrix *m, struct kh_error *err)
{
    char path[1024];
    const char *dir = getenv("KH_TEST_DATA");
    snprintf(path, sizeof path, "%s/analysis/%s", dir ? dir : "tests", name);
    struct kh_buf b = KH_BUF_INIT;
    assert_int_equal(kh_buf_read_file(&b, path, err), 0);
    int rc = kh_ahp_matrix_parse(b.data, b.len, name, m, err);
    kh_buf_release(&b);
    return rc;
}

static int parse_str(const char *s, struct kh_ahp_matrix *m, struct kh_error *err)
{
    return kh_ahp_matrix_parse(s, strlen(s), "m.csv", m, err);
}

/* round to d decimals, as printed */
static double rnd(double x, int d)
{
    double f = pow(10, d);
    return round(x * f) / f;
}

static void test_ri_table(void **state)
{
    (void)state;
    static const double ri[] = {0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48,
                                1.56, 1.57, 1.59};
    assert_true(kh_ahp_random_index(1) == 0 && kh_ahp_random_index(2) == 0);
    for (int n = 3; n <= 15; n++)
        assert_true(kh_ahp_random_index(n) == ri[n - 3]);
    assert_true(isnan(kh_ahp_random_index(16)));
}

static void test_saaty_house(void **state)
{
    (void)state;
    struct kh_ahp_matrix m;
    struct kh_error err;
    assert_int_equal(load("saaty-house.csv", &m, &err), 0);
    assert_int_equal(m.n, 8);
    assert_string_equal(m.codes[7], "financing");
    struct kh_ahp_result r;
    assert_int_equal(kh_ahp_solve(m.a, m.n, &r, &err), 0);
    static const double w[] = {.173, .054, .188, .018, .031, .036, .167, .333};
    for (int i = 0; i < 8; i++)
        assert_true(rnd(r.weights[i], 3) == w[i]);
    assert_true(rnd(r.lambda_max, 3) == 9.669);
    assert_true(rnd(r.ci, 3) == 0.238);
    assert_true(rnd(r.cr, 3) == 0.169);
    assert_true(r.ri == 1.41);
    assert_false(r.consistent);
    kh_ahp_matrix_release(&m);
}

static void test_saaty_wealth(void **state)
{
    (void)state;
    struct kh_ahp_matrix m;
    struct kh_error err;
    assert_int_equal(load("saaty-wealth.csv", &m, &err), 0);
    struct kh_ahp_result r;
    assert_int_equal(kh_ahp_solve(m.a, m.n, &r, &err), 0);
    static const double w[] = {.427, .230, .021, .052, .052, .123, .094};
    for (int i = 0; i < 7; i++)
        assert_true(rnd(r.weights[i], 3) == w[i]);
    assert_true(rnd(r.lambda_max, 2) == 7.61);
    assert_true(rnd(r.cr, 2) == 0.08);
    assert_true(r.consistent);
    kh_ahp_matrix_release(&m);
}

static void test_consistent_and_sum(void **state)
{
    (void)state;
    struct kh_ahp_matrix m;
    struct kh_error err;
    assert_int_equal(load("consistent-3.csv", &m, &err), 0);
    struct kh_ahp_result r;
    assert_int_equal(kh_ahp_solve(m.a, m.n, &r, &err), 0);
    assert_true(r.cr == 0 && r.ci == 0);
    assert_true(fabs(r.lambda_max - 3) < 1e-12);
    assert_true(fabs(r.weights[0] - 4.0 / 7) < 1e-12);
    assert_true(r.iterations <= 2);
    double s = r.weights[0] + r.weights[1] + r.weights[2];
    assert_true(fabs(s - 1) < 1e-15);
    kh_ahp_matrix_release(&m);

    /* a consistent 6x6 from arbitrary weights */
    double v[6] = {3, 1, 7, 2, 5, 0.5}, a[36];
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 6; j++)
            a[i * 6 + j] = v[i] / v[j];
    assert_int_equal(kh_ahp_solve(a, 6, &r, &err), 0);
    assert_true(r.cr == 0);
    for (int i = 0; i < 6; i++)
        assert_true(fabs(r.weights[i] - v[i] / 18.5) < 1e-12);
}

static void test_small_orders(void **state)
{
    (void)state;
    struct kh_ahp_result r;
    double one = 1, two[4] = {1, 3, 1.0 / 3, 1};
    assert_int_equal(kh_ahp_solve(&one, 1, &r, NULL), 0);
    assert_true(r.weights[0] == 1 && r.cr == 0);
    assert_int_equal(kh_ahp_solve(two, 2, &r, NULL), 0);
    assert_true(fabs(r.weights[0] - 0.75) < 1e-12 && r.cr == 0 && r.ri == 0);
}

static void test_permutation(void **state)
{
    (void)state;
    struct kh_ahp_matrix m;
    struct kh_error err;
    assert_int_equal(load("saaty-house.csv", &m, &err), 0);
    int n = m.n, perm[8] = {3, 7, 0, 5, 1, 6, 2, 4};
    double b[64];
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            b[i * n + j] = m.a[perm[i] * n + perm[j]];
    struct kh_ahp_result r1, r2;
    assert_int_equal(kh_ahp_solve(m.a, n, &r1, &err), 0);
    assert_int_equal(kh_ahp_solve(b, n, &r2, &err), 0);
    for (int i = 0; i < n; i++)
        assert_true(fabs(r2.weights[i] - r1.weights[perm[i]]) < 1e-11);
    assert_true(fabs(r1.lambda_max - r2.lambda_max) < 1e-10);
    kh_ahp_matrix_release(&m);
}

static void test_geomean(void **state)
{
    (void)state;
    double a[9] = {1, 2, 8, 0.5, 1, 4, 0.125, 0.25, 1};
    double b[9] = {1, 8, 2, 0.125, 1, 1, 0.5, 1, 1};
    const double *ms[2] = {a, b};
    double g[9];
    kh_ahp_geomean(ms, 2, 3, g);
    assert_true(fabs(g[1] - 4) < 1e-12 && fabs(g[2] - 4) < 1e-12 && fabs(g[5] - 2) < 1e-12);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            assert_true(g[i * 3 + j] * g[j * 3 + i] == 1 || fabs(g[i * 3 + j] * g[j * 3 + i] - 1) < 1e-15);
    const double *one[1] = {a};
    kh_ahp_geomean(one, 1, 3, g);
    for (int i = 0; i < 9; i++)
        assert_true(fabs(g[i] - a[i]) < 1e-12);
}

static void test_cells(void **state)
{
    (void)state;
    double x;
    assert_true(kh_ahp_parse_cell("7", &x) && x == 7);
    assert_true(kh_ahp_parse_cell("1/7", &x) && x == 1.0 / 7);
    assert_true(kh_ahp_parse_cell(" 1 / 3 ", &x) && x == 1.0 / 3);
    assert_true(kh_ahp_parse_cell("0.5", &x) && x == 0.5);
    assert_false(kh_ahp_parse_cell("1/0", &x));
    assert_false(kh_ahp_parse_cell("1/2/3", &x));
    assert_false(kh_ahp_parse_cell("", &x));
    assert_false(kh_ahp_parse_cell("abc", &x));
}

static void test_layouts(void **state)
{
    (void)state;
    struct kh_ahp_matrix m;
    struct kh_error err;
    /* no codes */
    assert_int_equal(parse_str("1,3\n1/3,1\n", &m, &err), 0);
    assert_true(m.n == 2 && m.codes[0] == NULL && m.first_col == 0);
    kh_ahp_matrix_release(&m);
    /* header only */
    assert_int_equal(parse_str("A,B\n1,3\n1/3,1\n", &m, &err), 0);
    assert_true(m.n == 2 && strcmp(m.codes[1], "B") == 0 && m.line[0] == 2);
    kh_ahp_matrix_release(&m);
    /* first column only */
    assert_int_equal(parse_str("A,1,3\nB,1/3,1\n", &m, &err), 0);
    assert_true(m.n == 2 && m.first_col == 1 && strcmp(m.codes[0], "A") == 0);
    kh_ahp_matrix_release(&m);
    /* both, empty corner, blank line skipped */
    assert_int_equal(parse_str(",A,B\n\nA,1,3\nB,1/3,1\n", &m, &err), 0);
    assert_true(m.n == 2 && m.line[1] == 4 && m.a[1] == 3);
    kh_ahp_matrix_release(&m);
    /* row codes disagree with the header */
    assert_int_equal(parse_str(",A,B\nA,1,3\nC,1/3,1\n", &m, &err), KH_EINVAL);
    assert_int_equal(err.line, 3);
}

static void test_defects(void **state)
{
    (void)state;
    struct kh_ahp_matrix m;
    struct kh_error err;
    assert_int_equal(load("nonreciprocal.csv", &m, &err), KH_EINVAL);
    assert_string_equal(err.file, "nonreciprocal.csv");
    assert_int_equal(err.line, 4);          /* a[3][2] = 1/3 against a[2][3] = 2 */
    assert_string_equal(err.column, "C2");
    assert_int_equal(load("nonsquare.csv", &m, &err), KH_EINVAL);
    assert_int_equal(err.line, 2);
    assert_int_equal(load("nonpositive.csv", &m, &err), KH_EINVAL);
    assert_int_equal(err.line, 2);
    assert_string_equal(err.column, "C2");
    assert_int_equal(parse_str("1,x,3\n1,1,1\n1,1,1\n", &m, &err), KH_EINVAL);
    assert_int_equal(err.line, 1);
    assert_string_equal(err.column, "2");
    assert_int_equal(parse_str("2,1\n1,1\n", &m, &err), KH_EINVAL);   /* diagonal */
    assert_int_equal(err.line, 1);
    assert_string_equal(err.column, "1");
    /* 16 rows */
    char big[2048] = "";
    for (int i = 0; i < 16; i++) {
        for (int j = 0; j < 16; j++)
            strcat(big, j ? ",1" : "1");
        strcat(big, "\n");
    }
    assert_int_equal(parse_str(big, &m, &err), KH_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ri_table),      cmocka_unit_test(test_saaty_house),
        cmocka_unit_test(test_saaty_wealth),  cmocka_unit_test(test_consistent_and_sum),
        cmocka_unit_test(test_small_orders),  cmocka_unit_test(test_permutation),
        cmocka_unit_test(test_geomean),       cmocka_unit_test(test_cells),
        cmocka_unit_test(test_layouts),       cmocka_unit_test(test_defects),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
