/*
 * test-msg.c — messages as data (msg.h, error.h): rendering, errors that
 * keep their arguments, diagnostics, and every catalog of kaohe checked for
 * the rules of msg.h (both languages present, the same placeholders in
 * both, a Chinese template that is Chinese and an English one that does
 * not carry the Chinese sentence in brackets as the old convention did).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "kaohe/error.h"
#include "kaohe/msg-all.h"

static const struct kh_msg M_ORDER = {"T_ORDER", "用户 {1} 无权{2}", "user {1} may not {2}"};
static const struct kh_msg M_SWAP = {"T_SWAP", "{2} 在 {1} 之前", "{1} after {2} {{literal}"};

static void test_render(void **state)
{
    (void)state;
    char out[128];
    const char *a[] = {"wang", "发布结果"};
    assert_string_equal(kh_msg_render(&M_ORDER, KH_LANG_ZH, a, 2, out, sizeof out),
                        "用户 wang 无权发布结果");
    const char *b[] = {"wang", "publish results"};
    assert_string_equal(kh_msg_render(&M_ORDER, KH_LANG_EN, b, 2, out, sizeof out),
                        "user wang may not publish results");
    const char *c[] = {"A", "B"};
    assert_string_equal(kh_msg_render(&M_SWAP, KH_LANG_ZH, c, 2, out, sizeof out), "B 在 A 之前");
    assert_string_equal(kh_msg_render(&M_SWAP, KH_LANG_EN, c, 2, out, sizeof out),
                        "A after B {literal}");
    /* a missing argument renders as nothing */
    assert_string_equal(kh_msg_render(&M_ORDER, KH_LANG_EN, a, 1, out, sizeof out),
                        "user wang may not ");
    /* truncation never splits a UTF-8 character: "用户 " is 7 bytes, 用 3 */
    char tiny[9];
    kh_msg_render(&M_ORDER, KH_LANG_ZH, a, 2, tiny, sizeof tiny);
    assert_string_equal(tiny, "用户 w");
    char cut[13];   /* "用户 wang " is 12 bytes: 无 does not fit */
    kh_msg_render(&M_ORDER, KH_LANG_ZH, a, 2, cut, sizeof cut);
    assert_string_equal(cut, "用户 wang ");
    char cut2[14];
    kh_msg_render(&M_ORDER, KH_LANG_ZH, a, 2, cut2, sizeof cut2);
    assert_string_equal(cut2, "用户 wang ");
    char four[4];
    kh_msg_render(&M_ORDER, KH_LANG_ZH, a, 2, four, sizeof four);
    assert_string_equal(four, "用");
}

static void test_lang(void **state)
{
    (void)state;
    assert_int_equal(kh_lang_parse("en"), KH_LANG_EN);
    assert_int_equal(kh_lang_parse("en_US.UTF-8"), KH_LANG_EN);
    assert_int_equal(kh_lang_parse("EN-gb"), KH_LANG_EN);
    assert_int_equal(kh_lang_parse("zh"), KH_LANG_ZH);
    assert_int_equal(kh_lang_parse("english"), KH_LANG_ZH);
    assert_int_equal(kh_lang_parse(NULL), KH_LANG_ZH);
    assert_int_equal(kh_lang_from_accept("en-US,en;q=0.9,zh-CN;q=0.8"), KH_LANG_EN);
    assert_int_equal(kh_lang_from_accept("zh-CN,zh;q=0.9,en;q=0.8"), KH_LANG_ZH);
    assert_int_equal(kh_lang_from_accept("fr-FR, en;q=0.5"), KH_LANG_EN);
    assert_int_equal(kh_lang_from_accept("en;q=0, zh;q=0.1"), KH_LANG_ZH);
    assert_int_equal(kh_lang_from_accept("zh;q=0.3, en;q=0.7"), KH_LANG_EN);
    assert_int_equal(kh_lang_from_accept("de"), KH_LANG_ZH);
    assert_int_equal(kh_lang_from_accept(NULL), KH_LANG_ZH);
    assert_int_equal(kh_lang_from_accept(""), KH_LANG_ZH);
    assert_int_equal(kh_lang_from_accept("enx, en-GB;q=0.2"), KH_LANG_EN);
}

static void test_error(void **state)
{
    (void)state;
    struct kh_error err;
    kh_error_clear(&err);
    int rc = KH_ERR_AT(&err, KH_EINVAL, "values.csv", 17, "value", ENC_INVALID_BYTES,
                       KH_ARG_LONG(42), "GB18030");
    assert_int_equal(rc, KH_EINVAL);
    assert_int_equal(err.code, KH_EINVAL);
    assert_ptr_equal(err.msg, &KH_M_ENC_INVALID_BYTES);
    assert_int_equal(err.nargs, 2);
    assert_string_equal(kh_error_arg(&err, 0), "42");
    assert_string_equal(kh_error_arg(&err, 1), "GB18030");
    assert_string_equal(kh_error_arg(&err, 2), "");
    char buf[256];
    assert_string_equal(kh_error_render(&err, KH_LANG_ZH, buf, sizeof buf),
                        "values.csv:17:value: 第 42 字节不是有效的 GB18030 编码");
    assert_string_equal(kh_error_render(&err, KH_LANG_EN, buf, sizeof buf),
                        "values.csv:17:value: invalid GB18030 bytes at byte 42");
    assert_string_equal(kh_error_text(&err, KH_LANG_EN, buf, sizeof buf), "invalid GB18030 bytes at byte 42");
    /* no message: the code's own text */
    kh_error_clear(&err);
    err.code = KH_EPERM;
    assert_string_equal(kh_error_text(&err, KH_LANG_EN, buf, sizeof buf), "permission denied");
    assert_string_equal(kh_error_text(&err, KH_LANG_ZH, buf, sizeof buf), "权限不足");
    /* NULL err: only the code */
    assert_int_equal(KH_ERR(NULL, KH_EIO, FILE_TOO_LARGE), KH_EIO);
    /* more arguments than fit: the first ones are kept, none overflows */
    char big[700];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    KH_ERR(&err, KH_EINVAL, ENC_INVALID_BYTES, big, big, big, "a", "b", "c", "d", "e", "f", "g");
    assert_int_equal(err.nargs, KH_MSG_MAXARGS);
    assert_int_equal(strlen(kh_error_arg(&err, 0)), sizeof big - 1);
    assert_true(strlen(kh_error_arg(&err, 1)) < sizeof err.argbuf);
    kh_error_text(&err, KH_LANG_EN, buf, sizeof buf);
    assert_true(strlen(buf) < sizeof buf);
    /* copy and relocate */
    struct kh_error b;
    KH_ERR(&err, KH_EIO, FILE_READ, "gone");
    assert_int_equal(kh_error_copy(&b, &err), KH_EIO);
    kh_error_locate(&b, "units.csv", 3, NULL);
    assert_string_equal(kh_error_render(&b, KH_LANG_EN, buf, sizeof buf), "units.csv:3: read error: gone");
}

static void test_diags(void **state)
{
    (void)state;
    struct kh_diags d;
    kh_diags_init(&d, 2);
    KH_DIAG(&d, "units.csv", 4, "category", ENC_UNSUPPORTED, "x");
    struct kh_error err;
    KH_ERR_AT(&err, KH_EINVAL, NULL, 9, NULL, CSV_UNTERMINATED_QUOTE);
    kh_diags_add_error(&d, "values.csv", 0, NULL, &err);
    KH_DIAG(&d, "a.csv", 1, NULL, FILE_TOO_LARGE);   /* past the limit: counted only */
    assert_int_equal(d.n, 2);
    assert_int_equal(d.total, 3);
    char buf[256];
    assert_string_equal(kh_diag_render(&d.items[0], KH_LANG_EN, buf, sizeof buf),
                        "units.csv:4:category: unsupported encoding x");
    assert_string_equal(kh_diag_render(&d.items[1], KH_LANG_ZH, buf, sizeof buf), "values.csv:9: 引号未闭合");
    assert_string_equal(kh_diag_text(&d.items[1], KH_LANG_EN, buf, sizeof buf), "unterminated quote");
    kh_diags_sort(&d);
    assert_string_equal(d.items[0].file, "units.csv");
    kh_diags_release(&d);
    kh_diags_release(&d);   /* the empty state is accepted */
    /* a message placed at a cell of a sheet, in either language */
    kh_diags_init(&d, 0);
    kh_diags_msg_cell(&d, "数据", 17, "D", &KH_M_ENC_UNSUPPORTED, "x", (const char *)NULL);
    kh_diags_msg_cell(&d, "values", 3, NULL, &KH_M_FILE_TOO_LARGE, (const char *)NULL);
    assert_string_equal(kh_diag_render(&d.items[0], KH_LANG_EN, buf, sizeof buf),
                        "数据!D17: unsupported encoding x");
    assert_string_equal(kh_diag_render(&d.items[0], KH_LANG_ZH, buf, sizeof buf), "数据!D17: 不支持的编码 x");
    assert_string_equal(kh_diag_render(&d.items[1], KH_LANG_EN, buf, sizeof buf),
                        "values!3:3: file too large");
    kh_diags_release(&d);
}

/* The placeholders {1}..{9} a template uses, as a bit set. */
static unsigned placeholders(const char *t)
{
    unsigned set = 0;
    for (const char *p = t; *p; p++) {
        if (p[0] == '{' && p[1] == '{') {
            p++;
            continue;
        }
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}')
            set |= 1u << (p[1] - '0');
    }
    return set;
}

static bool has_cjk(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0xE3 && *p <= 0xE9)   /* lead bytes of U+3000..U+9FFF */
            return true;
    return false;
}

static const struct kh_msg *const all_msgs[] = {KH_MSGS_ALL(KH_MSG_REF) KH_MSGS_ALL_AUTHZ NULL};

static void test_catalogs(void **state)
{
    (void)state;
    size_t n = 0;
    for (size_t i = 0; all_msgs[i] != NULL; i++, n++) {
        const struct kh_msg *m = all_msgs[i];
        if (m->zh == NULL || m->en == NULL || !m->zh[0] || !m->en[0])
            fail_msg("%s: a template is empty", m->id);
        if (placeholders(m->zh) != placeholders(m->en))
            fail_msg("%s: the two templates use different placeholders", m->id);
        if (!has_cjk(m->zh))
            fail_msg("%s: the Chinese template has no Chinese: %s", m->id, m->zh);
        if (strstr(m->zh, " / ") != NULL || strstr(m->en, " / ") != NULL)
            fail_msg("%s: two languages in one template (old convention)", m->id);
        for (size_t j = 0; j < i; j++)
            if (strcmp(all_msgs[j]->id, m->id) == 0)
                fail_msg("%s: id used twice", m->id);
    }
    assert_true(n > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render),   cmocka_unit_test(test_lang),
        cmocka_unit_test(test_error),    cmocka_unit_test(test_diags),
        cmocka_unit_test(test_catalogs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
