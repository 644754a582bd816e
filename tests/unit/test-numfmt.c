/* test-numfmt.c — number output spellings, strict parsing, round2. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>
#include "kaohe/numfmt.h"
#include "kaohe/round2.h"

static void test_fmt(void **state)
{
    (void)state;
    char buf[32];
    assert_string_equal(kh_fmt_double(-0.0, buf), "0");
    assert_string_equal(kh_fmt_double(INFINITY, buf), "inf");
    assert_string_equal(kh_fmt_double(-INFINITY, buf), "-inf");
    assert_string_equal(kh_fmt_double(NAN, buf), "");
    assert_string_equal(kh_fmt_double(0.1, buf), "0.10000000000000001");
    assert_string_equal(kh_fmt_double(100, buf), "100");
    assert_string_equal(kh_fmt_double_short(0.1, buf), "0.1");
    assert_string_equal(kh_fmt_double_short(94.99499999999999, buf), "94.99499999999999");
    assert_string_equal(kh_fmt_double_short(1.0 / 3, buf), "0.3333333333333333");
    assert_string_equal(kh_fmt_double_short(-0.0, buf), "0");
    assert_string_equal(kh_fmt_double_short(NAN, buf), "");
    double x;
    for (double v = 0.001; v < 1e6; v *= 1.37) {
        assert_true(kh_parse_double(kh_fmt_double_short(v, buf), &x));
        assert_true(x == v);
    }
}

/* kh_fmt_double formats most values without printf; it must give printf's
 * bytes: random bit patterns, log-uniform values, integers, dyadic fractions
 * (whose 18th digit can be an exact tie, rounded to even), values a few ulps
 * around every power of ten in range. */
static uint64_t fmt_rng = 88172645463325252ULL;
static uint64_t fmt_next(void)
{
    fmt_rng ^= fmt_rng << 13;
    fmt_rng ^= fmt_rng >> 7;
    fmt_rng ^= fmt_rng << 17;
    return fmt_rng;
}

static void fmt_same_as_printf(double x)
{
    char want[64], got[32];
    if (x != x || isinf(x) || x == 0)
        return;
    snprintf(want, sizeof want, "%.17g", x);
    assert_string_equal(kh_fmt_double(x, got), want);
}

static void test_fmt_fast_path(void **state)
{
    (void)state;
    for (int i = 0; i < 100000; i++) {
        uint64_t r = fmt_next();
        double x;
        memcpy(&x, &r, sizeof x);
        fmt_same_as_printf(x);
        double y = exp((double)(fmt_next() % 100000) / 100000.0 * 60 - 25);
        fmt_same_as_printf(y);
        fmt_same_as_printf(-nextafter(y, 0));
        fmt_same_as_printf((double)(int64_t)(fmt_next() >> (fmt_next() % 64)));
        fmt_same_as_printf((double)(fmt_next() >> 11) / ldexp(1, (int)(fmt_next() % 70)));
        fmt_same_as_printf((double)(fmt_next() % 2000000) / ldexp(1, (int)(fmt_next() % 40)));
        fmt_same_as_printf(round(y * 100) / 100);
    }
    fmt_same_as_printf(1 + ldexp(1, -17));   /* 1.00000762939453125: a tie at 17 digits */
    for (int p = -6; p <= 18; p++) {
        double up = pow(10, p), down = up;
        for (int k = 0; k < 20; k++) {
            fmt_same_as_printf(up);
            fmt_same_as_printf(-down);
            up = nextafter(up, INFINITY);
            down = nextafter(down, 0);
        }
    }
}

static void test_parse(void **state)
{
    (void)state;
    double x;
    assert_true(kh_parse_double("12.5", &x) && x == 12.5);
    assert_true(kh_parse_double("-3", &x) && x == -3);
    assert_true(kh_parse_double("+.5", &x) && x == 0.5);
    assert_true(kh_parse_double("5.", &x) && x == 5);
    assert_true(kh_parse_double("1e3", &x) && x == 1000);
    assert_true(kh_parse_double("1.5E-2", &x) && x == 0.015);
    const char *bad[] = {"", "12,5", "inf", "nan", "-inf", "0x10", " 1", "1 ", "1 2", "1e",
                         ".", "-", "1O", "1e999", "١"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(kh_parse_double(bad[i], &x));
    long l;
    assert_true(kh_parse_long("15", 0, 100, &l) && l == 15);
    assert_false(kh_parse_long("150", 0, 100, &l));
    assert_false(kh_parse_long("1.5", 0, 100, &l));
    assert_false(kh_parse_long("", 0, 100, &l));
}

static void test_round2(void **state)
{
    (void)state;
    assert_true(kh_round2(94.995) == 95.0);
    assert_true(kh_round2(89.994) == 89.99);
    assert_true(kh_round2(0.005) == 0.01);
    assert_true(kh_round2(-1.234) == -1.23);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fmt),
        cmocka_unit_test(test_fmt_fast_path),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_round2),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
