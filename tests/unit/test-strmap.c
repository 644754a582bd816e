/* test-strmap.c — kh_strmap and kh_u64map under growth. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include "kaohe/strmap.h"

static void test_strmap(void **state)
{
    (void)state;
    enum { N = 100000 };
    static char keys[N][16];
    struct kh_strmap m = KH_STRMAP_INIT;
    for (int i = 0; i < N; i++) {
        snprintf(keys[i], sizeof keys[i], "k%d", i);
        assert_int_equal(kh_strmap_put(&m, keys[i], i), -1);
    }
    assert_int_equal(m.n, N);
    assert_true(m.cap >= 2 * m.n);
    for (int i = 0; i < N; i++)
        assert_int_equal(kh_strmap_get(&m, keys[i]), i);
    assert_int_equal(kh_strmap_put(&m, "k7", 99), 7);
    assert_int_equal(kh_strmap_get(&m, "k7"), 7);
    assert_int_equal(kh_strmap_get(&m, "absent"), -1);
    assert_int_equal(kh_strmap_get(&m, ""), -1);
    kh_strmap_release(&m);
    assert_int_equal(kh_strmap_get(&m, "k1"), -1);
}

static void test_u64map(void **state)
{
    (void)state;
    struct kh_u64map m = KH_U64MAP_INIT;
    for (int32_t a = 0; a < 300; a++)
        for (int32_t b = 0; b < 300; b++)
            assert_int_equal(kh_u64map_put(&m, KH_U64_KEY(a, b), a * 300 + b), -1);
    for (int32_t a = 0; a < 300; a++)
        for (int32_t b = 0; b < 300; b++)
            assert_int_equal(kh_u64map_get(&m, KH_U64_KEY(a, b)), a * 300 + b);
    assert_int_equal(kh_u64map_put(&m, KH_U64_KEY(1, 1), 5), 301);
    assert_int_equal(kh_u64map_get(&m, KH_U64_KEY(300, 0)), -1);
    assert_int_equal(kh_u64map_get(&m, 0), 0);
    kh_u64map_release(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strmap),
        cmocka_unit_test(test_u64map),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
