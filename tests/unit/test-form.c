/* test-form.c — decoding form bodies (src/http/form.h): urlencoded pairs
 * and multipart parts as browsers send them, and the malformed bodies that
 * must lose parts rather than read past the end or invent bytes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "http/form.h"

#define MP "multipart/form-data; boundary=B0undary"
#define URL "application/x-www-form-urlencoded"

/* Parse the first n bytes of body (n = strlen when (size_t)-1). */
static struct kh_form parse(struct kh_arena *a, const char *ct, const char *body, size_t n)
{
    struct kh_form f;
    kh_form_parse(a, ct, body, n == (size_t)-1 ? strlen(body) : n, &f);
    return f;
}

static void test_urlencoded(void **state)
{
    (void)state;
    struct kh_arena a;
    kh_arena_init(&a, 0);
    struct kh_form f = parse(&a, URL, "a=1&name=%E6%9D%8E+%E5%9B%9B&&flag&pct=50%25&bad=%zz%4&empty=", (size_t)-1);
    assert_int_equal(f.n, 6);
    assert_string_equal(f.f[0].name, "a");
    assert_string_equal(f.f[0].value, "1");
    assert_string_equal(f.f[1].value, "李 四");        /* %XX as UTF-8 bytes, '+' as a space */
    assert_int_equal(f.f[1].len, strlen("李 四"));
    assert_string_equal(f.f[2].name, "flag");         /* the empty pair between && is skipped */
    assert_string_equal(f.f[2].value, "");
    assert_string_equal(f.f[3].value, "50%");
    assert_string_equal(f.f[4].value, "%zz%4");       /* a bad or cut escape is kept as sent */
    assert_string_equal(f.f[5].name, "empty");
    assert_string_equal(f.f[5].value, "");
    assert_null(f.f[0].filename);

    /* no Content-Type is urlencoded; a NUL byte ends the body */
    f = parse(&a, NULL, "x=1\0y=2", 7);
    assert_int_equal(f.n, 1);
    assert_string_equal(f.f[0].value, "1");
    f = parse(&a, URL, "", 0);
    assert_int_equal(f.n, 0);
    kh_arena_release(&a);
}

static void test_multipart(void **state)
{
    (void)state;
    struct kh_arena a;
    kh_arena_init(&a, 0);
    static const char body[] =
        "preamble is ignored\r\n"
        "--B0undary\r\n"
        "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
        "tok123\r\n"
        "--B0undary\r\n"
        "Content-Disposition: form-data; filename=\"a%22b%0D%0A.pdf\"; name=\"file\"\r\n"
        "Content-Type: application/pdf\r\n\r\n"
        "%PDF\0\r\nbinary\r\n"
        "--B0undary\r\n"
        "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
        "\r\n"
        "--B0undary--\r\n"
        "--B0undary\r\n"
        "Content-Disposition: form-data; name=\"after\"\r\n\r\nx\r\n--B0undary--\r\n";
    struct kh_form f = parse(&a, MP, body, sizeof body - 1);
    assert_int_equal(f.n, 3);                        /* nothing after the closing delimiter */
    assert_string_equal(f.f[0].name, "csrf");
    assert_string_equal(f.f[0].value, "tok123");      /* the CRLF before the delimiter is not data */
    assert_null(f.f[0].filename);
    /* filename before name: the name is still "file", not taken from "filename=" */
    assert_string_equal(f.f[1].name, "file");
    assert_string_equal(f.f[1].filename, "a\"b\r\n.pdf");
    assert_int_equal(f.f[1].len, 13);                 /* a NUL and a CRLF inside the file are kept */
    assert_memory_equal(f.f[1].value, "%PDF\0\r\nbinary", 13);
    assert_int_equal(f.f[1].value[13], '\0');
    assert_string_equal(f.f[2].name, "note");
    assert_int_equal(f.f[2].len, 0);

    /* a quoted boundary */
    static const char q[] = "--b q\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n--b q--";
    f = parse(&a, "multipart/form-data; boundary=\"b q\"; charset=utf-8", q, sizeof q - 1);
    assert_int_equal(f.n, 1);
    assert_string_equal(f.f[0].value, "v");
    kh_arena_release(&a);
}

static void test_multipart_malformed(void **state)
{
    (void)state;
    struct kh_arena a;
    kh_arena_init(&a, 0);
    /* no boundary, an empty one, one too long: no fields */
    assert_int_equal(parse(&a, "multipart/form-data", "--x\r\n\r\nv\r\n--x--", (size_t)-1).n, 0);
    assert_int_equal(parse(&a, "multipart/form-data; boundary=", "--\r\n\r\nv\r\n----", (size_t)-1).n, 0);
    char ct[256];
    snprintf(ct, sizeof ct, "multipart/form-data; boundary=%0151d", 0);
    assert_int_equal(parse(&a, ct, "anything", (size_t)-1).n, 0);

    /* a part whose headers never end, and a last part without a delimiter after it, are dropped */
    static const char cut1[] = "--B0undary\r\nContent-Disposition: form-data; name=\"a\"\r\n";
    assert_int_equal(parse(&a, MP, cut1, sizeof cut1 - 1).n, 0);
    static const char cut2[] = "--B0undary\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
                               "--B0undary\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2";
    struct kh_form f = parse(&a, MP, cut2, sizeof cut2 - 1);
    assert_int_equal(f.n, 1);
    assert_string_equal(f.f[0].name, "a");
    /* a part without a name is skipped; an unterminated name="… drops only that part */
    static const char noname[] = "--B0undary\r\nContent-Type: text/plain\r\n\r\nz\r\n"
                                 "--B0undary\r\nContent-Disposition: form-data; name=\"open\r\n\r\nz\r\n"
                                 "--B0undary\r\nContent-Disposition: form-data; name=\"ok\"\r\n\r\ny\r\n--B0undary--";
    f = parse(&a, MP, noname, sizeof noname - 1);
    assert_int_equal(f.n, 1);
    assert_string_equal(f.f[0].name, "ok");

    /* the body may end anywhere: every prefix parses without reading past it
     * (ASan would see it: each prefix is its own allocation) */
    static const char full[] = "--B0undary\r\nContent-Disposition: form-data; name=\"a\"; filename=\"f%2\"\r\n\r\n1\r\n"
                               "--B0undary--\r\n";
    for (size_t n = 0; n <= sizeof full - 1; n++) {
        char *p = malloc(n ? n : 1);
        memcpy(p, full, n);
        f = parse(&a, MP, p, n);
        assert_true(f.n <= 1);
        if (f.n == 1) {
            assert_string_equal(f.f[0].value, "1");
            assert_string_equal(f.f[0].filename, "f%2");   /* a cut escape is kept */
        }
        free(p);
    }
    kh_arena_release(&a);
}

static void test_part_cap(void **state)
{
    (void)state;
    struct kh_arena a;
    kh_arena_init(&a, 0);
    char body[8192];
    size_t n = 0;
    for (int i = 0; i < KH_FORM_MAX_PARTS + 5; i++)
        n += (size_t)snprintf(body + n, sizeof body - n,
                              "--B0undary\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\n%d\r\n", i, i);
    n += (size_t)snprintf(body + n, sizeof body - n, "--B0undary--\r\n");
    struct kh_form f = parse(&a, MP, body, n);
    assert_int_equal(f.n, KH_FORM_MAX_PARTS);
    char last[16];
    snprintf(last, sizeof last, "f%d", KH_FORM_MAX_PARTS - 1);
    assert_string_equal(f.f[KH_FORM_MAX_PARTS - 1].name, last);
    assert_string_equal(f.f[KH_FORM_MAX_PARTS - 1].value, last + 1);
    kh_arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_urlencoded),
        cmocka_unit_test(test_multipart),
        cmocka_unit_test(test_multipart_malformed),
        cmocka_unit_test(test_part_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
