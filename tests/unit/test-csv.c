/* test-csv.c — the RFC 4180 reader and writer (csv.h, SPEC §11.2). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "kaohe/csv.h"
#include "kaohe/error.h"

/* Read all of `text`, joining records as "line:a|b|c\n" into out. */
static int read_all(const char *text, char *out, size_t n, long *err_line)
{
    struct kh_csv_reader r;
    struct kh_error err;
    int rc;
    out[0] = '\0';
    kh_csv_reader_init(&r, text, strlen(text));
    while ((rc = kh_csv_next(&r, &err)) == 1) {
        size_t off = strlen(out);
        snprintf(out + off, n - off, "%ld:", r.line);
        for (size_t i = 0; i < r.nfields; i++) {
            off = strlen(out);
            snprintf(out + off, n - off, "%s%s", i ? "|" : "", r.fields[i]);
        }
        off = strlen(out);
        snprintf(out + off, n - off, "\n");
    }
    if (rc < 0 && err_line)
        *err_line = err.line;
    kh_csv_reader_release(&r);
    return rc;
}

static void test_basic(void **state)
{
    (void)state;
    char out[1024];
    assert_int_equal(read_all("a,b\n1, 2 \n", out, sizeof out, NULL), 0);
    assert_string_equal(out, "1:a|b\n2:1|2\n");
    assert_int_equal(read_all("\xEF\xBB\xBF" "a,b\r\nx,y", out, sizeof out, NULL), 0);
    assert_string_equal(out, "1:a|b\n2:x|y\n");
    assert_int_equal(read_all("a\rb\r\rc\n", out, sizeof out, NULL), 0);
    assert_string_equal(out, "1:a\n2:b\n3:\n4:c\n");
    assert_int_equal(read_all("", out, sizeof out, NULL), 0);
    assert_string_equal(out, "");
    assert_int_equal(read_all(",\n", out, sizeof out, NULL), 0);
    assert_string_equal(out, "1:|\n");
}

static void test_quotes(void **state)
{
    (void)state;
    char out[1024];
    assert_int_equal(read_all("\"a,b\",\"say \"\"hi\"\"\"\n\"x\ny\", z\n", out, sizeof out,
                              NULL), 0);
    assert_string_equal(out, "1:a,b|say \"hi\"\n2:x\ny|z\n");
    assert_int_equal(read_all("\"l1\r\nl2\",\"\"\nnext\n", out, sizeof out, NULL), 0);
    assert_string_equal(out, "1:l1\r\nl2|\n3:next\n");
    assert_int_equal(read_all(" \" keep \" ,a\"b\n", out, sizeof out, NULL), 0);
    /* SPEC §11.2: quoted content is trimmed at its ends too; inner spaces stay */
    assert_string_equal(out, "1:keep|a\"b\n");
    assert_int_equal(read_all("\"  two  words \",x\n", out, sizeof out, NULL), 0);
    assert_string_equal(out, "1:two  words|x\n");
}

static void test_errors(void **state)
{
    (void)state;
    char out[1024];
    long line = 0;
    assert_int_equal(read_all("a\nb\n\"x\ny\nz", out, sizeof out, &line), KH_EINVAL);
    assert_int_equal(line, 3);
    /* text after a closing quote: error, then reading resumes on the next line */
    struct kh_csv_reader r;
    struct kh_error err;
    const char *t = "h\n\"a\"b,c\nok\n";
    kh_csv_reader_init(&r, t, strlen(t));
    assert_int_equal(kh_csv_next(&r, &err), 1);
    assert_int_equal(kh_csv_next(&r, &err), KH_EINVAL);
    assert_int_equal(err.line, 2);
    assert_int_equal(kh_csv_next(&r, &err), 1);
    assert_int_equal(r.line, 3);
    assert_string_equal(r.fields[0], "ok");
    assert_int_equal(kh_csv_next(&r, &err), 0);
    kh_csv_reader_release(&r);
}

static void test_cell_cap(void **state)
{
    (void)state;
    size_t n = (1u << 20) + 10;
    char *t = malloc(n + 1);
    memset(t, 'x', n);
    t[n] = '\0';
    struct kh_csv_reader r;
    struct kh_error err;
    kh_csv_reader_init(&r, t, n);
    assert_true(kh_csv_next(&r, &err) < 0);
    kh_csv_reader_release(&r);
    free(t);
}

static void test_blank_and_writer(void **state)
{
    (void)state;
    struct kh_csv_reader r;
    struct kh_error err;
    const char *t = " , \n";
    kh_csv_reader_init(&r, t, strlen(t));
    assert_int_equal(kh_csv_next(&r, &err), 1);
    assert_true(kh_csv_record_blank(&r));
    kh_csv_reader_release(&r);

    struct kh_buf b = KH_BUF_INIT;
    const char *cells[] = {"plain", "a,b", "q\"q", " lead", "multi\nline", "", "中文"};
    kh_csv_put_row(&b, cells, 7);
    assert_string_equal(kh_buf_cstr(&b),
                        "plain,\"a,b\",\"q\"\"q\",\" lead\",\"multi\nline\",,中文\n");
    kh_csv_reader_init(&r, b.data, b.len);
    assert_int_equal(kh_csv_next(&r, &err), 1);
    assert_int_equal(r.nfields, 7);
    for (size_t i = 0; i < 7; i++)   /* " lead" reads back trimmed (SPEC §11.2) */
        assert_string_equal(r.fields[i], i == 3 ? "lead" : cells[i]);
    kh_csv_reader_release(&r);
    kh_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_cell_cap),
        cmocka_unit_test(test_blank_and_writer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
