/* test-numfmt.c — number output spellings, strict parsing, round2. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
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
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_round2),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
