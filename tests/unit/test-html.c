/* test-html.c — one escaper per output context (html.h), on hostile input. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "kaohe/buf.h"
#include "kaohe/encoding.h"
#include "kaohe/error.h"
#include "kaohe/html.h"

typedef int (*esc_fn)(struct kh_buf *, const char *);

static void expect(esc_fn f, const char *in, const char *want)
{
    struct kh_buf b = KH_BUF_INIT;
    assert_int_equal(f(&b, in), 0);
    assert_string_equal(kh_buf_cstr(&b), want);
    /* whatever came in, what goes out is valid UTF-8 */
    assert_true(kh_utf8_valid(kh_buf_cstr(&b), b.len));
    kh_buf_release(&b);
}

static void test_text(void **state)
{
    (void)state;
    expect(kh_html_text, "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(kh_html_text, "a&b \"c\" 'd'", "a&amp;b &quot;c&quot; &#39;d&#39;");
    expect(kh_html_text, "海淀区 中关村街道", "海淀区 中关村街道");
    expect(kh_html_text, "", "");
    expect(kh_html_text, NULL, "");
    /* control characters vanish, line breaks stay */
    expect(kh_html_text, "a\x01\x1b[31mb\nc", "a[31mb\nc");
    /* invalid UTF-8: a lone lead byte must not swallow the quote after it */
    expect(kh_html_text, "x\xC0\"<", "x\xEF\xBF\xBD&quot;&lt;");
    expect(kh_html_text, "\xE4\xB8", "\xEF\xBF\xBD\xEF\xBF\xBD");
    /* overlong '<' and an encoded surrogate */
    expect(kh_html_text, "\xC0\xBC", "\xEF\xBF\xBD\xEF\xBF\xBD");
    expect(kh_html_text, "\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    /* RTL override stays a character (it is text), but cannot break markup */
    expect(kh_html_text, "\xE2\x80\xAE<b>", "\xE2\x80\xAE&lt;b&gt;");
}

static void test_attr(void **state)
{
    (void)state;
    expect(kh_html_attr, "\" onmouseover=\"alert(1)", "&quot; onmouseover=&quot;alert(1)");
    expect(kh_html_attr, "' autofocus onfocus='x", "&#39; autofocus onfocus=&#39;x");
    expect(kh_html_attr, "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
}

static void test_url(void **state)
{
    (void)state;
    expect(kh_html_url, "A-z_0.9~", "A-z_0.9~");
    expect(kh_html_url, "a/b?c=d&e#f g", "a%2Fb%3Fc%3Dd%26e%23f%20g");
    expect(kh_html_url, "javascript:alert(1)", "javascript%3Aalert%281%29");
    expect(kh_html_url, "\"><script>", "%22%3E%3Cscript%3E");
    expect(kh_html_url, "中", "%E4%B8%AD");
    expect(kh_html_url, "\xFF", "%EF%BF%BD");
}

static void test_js(void **state)
{
    (void)state;
    expect(kh_html_js, "</script><script>alert(1)</script>",
           "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E");
    expect(kh_html_js, "a'b\"c\\d", "a\\u0027b\\\"c\\\\d");
    expect(kh_html_js, "line\xE2\x80\xA8sep\xE2\x80\xA9", "line\\u2028sep\\u2029");
    expect(kh_html_js, "\n\r\t\x01", "\\n\\r\\t\\u0001");
    expect(kh_html_js, "\xC3", "\\uFFFD");
    expect(kh_html_js, "中文", "中文");
}

static void test_json(void **state)
{
    (void)state;
    expect(kh_html_json, "<script>alert(1)</script>",
           "\"\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E\"");
    expect(kh_html_json, NULL, "\"\"");
    expect(kh_html_json, "\xE2\x80\xA8&", "\"\\u2028\\u0026\"");
    expect(kh_html_json, "x\xF5y", "\"x\\uFFFDy\"");
}

static void test_put(void **state)
{
    (void)state;
    struct kh_buf b = KH_BUF_INIT;
    const char *name = "<img src=x onerror=alert(1)>";
    assert_int_equal(kh_html_put(&b, "<a href=\"/u/%U\" title=\"%A\">%T</a>%R %d %ld %z%%", "x/y",
                                 name, name, "<br>", 7, 8L, (size_t)9), 0);
    assert_string_equal(kh_buf_cstr(&b),
                        "<a href=\"/u/x%2Fy\" title=\"&lt;img src=x onerror=alert(1)&gt;\">"
                        "&lt;img src=x onerror=alert(1)&gt;</a><br> 7 8 9%");
    kh_buf_reset(&b);
    /* an unknown conversion is a template bug, refused */
    assert_int_equal(kh_html_put(&b, "%s", "x"), KH_EINVAL);
    kh_buf_release(&b);
    /* the buffer's cap holds */
    kh_buf_init(&b, 10);
    assert_int_equal(kh_html_text(&b, "<<<<<<<<"), KH_ETOOBIG);
    kh_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text), cmocka_unit_test(test_attr), cmocka_unit_test(test_url),
        cmocka_unit_test(test_js),   cmocka_unit_test(test_json), cmocka_unit_test(test_put),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
