/* test-encoding.c — UTF-8 validation, GB18030 detection, forced encodings. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "kaohe/encoding.h"
#include "kaohe/error.h"

/* "甲镇" in GBK */
#define GBK_JIAZHEN "\xBC\xD7\xD5\xF2"

static void test_valid(void **state)
{
    (void)state;
    assert_true(kh_utf8_valid("abc 中文", strlen("abc 中文")));
    assert_false(kh_utf8_valid("\xC0\x80", 2));          /* overlong */
    assert_false(kh_utf8_valid("\xED\xA0\x80", 3));      /* surrogate */
    assert_false(kh_utf8_valid("\xE4\xB8", 2));          /* truncated */
    assert_false(kh_utf8_valid(GBK_JIAZHEN, 4));
    assert_int_equal(kh_utf8_len("a中文"), 3);
}

static void test_auto(void **state)
{
    (void)state;
    struct kh_buf out = KH_BUF_INIT;
    struct kh_error err;
    assert_int_equal(kh_to_utf8("\xEF\xBB\xBF" "a,中", 8, NULL, &out, &err), 0);
    assert_string_equal(kh_buf_cstr(&out), "a,中");
    const char gbk[] = "code,name\nT1," GBK_JIAZHEN "\n";
    assert_int_equal(kh_to_utf8(gbk, strlen(gbk), "auto", &out, &err), 0);
    assert_string_equal(kh_buf_cstr(&out), "code,name\nT1,甲镇\n");
    assert_int_equal(kh_to_utf8(gbk, strlen(gbk), "gbk", &out, &err), 0);
    assert_string_equal(kh_buf_cstr(&out), "code,name\nT1,甲镇\n");
    kh_buf_release(&out);
}

static void test_forced(void **state)
{
    (void)state;
    struct kh_buf out = KH_BUF_INIT;
    struct kh_error err;
    const char gbk[] = "code,name\r\nT0,x\nT1," GBK_JIAZHEN "\n";
    assert_int_equal(kh_to_utf8(gbk, strlen(gbk), "utf-8", &out, &err), KH_EINVAL);
    assert_int_equal(err.line, 3);
    const char bad[] = "a\n\x81\x20\n";  /* 0x81 0x20 is not GB18030 */
    assert_int_equal(kh_to_utf8(bad, strlen(bad), "gb18030", &out, &err), KH_EINVAL);
    assert_int_equal(err.line, 2);
    assert_int_equal(kh_to_utf8("a", 1, "latin-9", &out, &err), KH_EINVAL);
    kh_buf_release(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_auto),
        cmocka_unit_test(test_forced),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
