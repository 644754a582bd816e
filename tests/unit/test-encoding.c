/* test-encoding.c — UTF-8 validation, GB18030 detection, forced encodings. */
#include <stdarg.h>
#include <stdbool.h>
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

/* Reference: the strict decoder written the plain way (RFC 3629 table). */
static bool ref_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t len;
        unsigned lo = 0x80, hi = 0xBF;
        if (c < 0x80) { i++; continue; }
        else if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c == 0xE0) { len = 3; lo = 0xA0; }
        else if (c == 0xED) { len = 3; hi = 0x9F; }
        else if (c >= 0xE1 && c <= 0xEF) len = 3;
        else if (c == 0xF0) { len = 4; lo = 0x90; }
        else if (c == 0xF4) { len = 4; hi = 0x8F; }
        else if (c >= 0xF1 && c <= 0xF3) len = 4;
        else return false;
        if (n - i < len || s[i + 1] < lo || s[i + 1] > hi)
            return false;
        for (size_t k = 2; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
        i += len;
    }
    return true;
}

/* The validator's fast paths (eight ASCII bytes at a time, common
 * three-byte sequences) accept exactly what the reference accepts. */
static void test_valid_random(void **state)
{
    (void)state;
    static const unsigned char pool[] = {'a', ',', '\n', 0x80, 0x8F, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2,
                                         0xDF, 0xE0, 0xE1, 0xE4, 0xEC, 0xED, 0xEE, 0xEF, 0xF0,
                                         0xF4, 0xF5, 0xFF};
    uint32_t r = 12345;
    unsigned char buf[40];
    for (int t = 0; t < 300000; t++) {
        size_t n = (size_t)(t % 40);
        for (size_t i = 0; i < n; i++) {
            r = r * 1103515245u + 12345u;
            unsigned x = r >> 16;
            buf[i] = (x & 3) == 0 ? (unsigned char)'x' : pool[(x >> 2) % sizeof pool];
        }
        assert_int_equal(kh_utf8_valid((const char *)buf, n), ref_valid(buf, n));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_valid_random),
        cmocka_unit_test(test_auto),
        cmocka_unit_test(test_forced),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
