/* test-buf.c — kh_buf (capped buffer, atomic files) and kh_arena. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "kaohe/arena.h"
#include "kaohe/buf.h"
#include "kaohe/error.h"

static void test_append_cap(void **state)
{
    (void)state;
    struct kh_buf b;
    kh_buf_init(&b, 8);
    assert_string_equal(kh_buf_cstr(&b), "");
    assert_int_equal(kh_buf_puts(&b, "abcd"), 0);
    assert_int_equal(kh_buf_printf(&b, "%d", 123), 0);
    assert_string_equal(kh_buf_cstr(&b), "abcd123");
    assert_int_equal(kh_buf_puts(&b, "xy"), KH_ETOOBIG);
    assert_string_equal(kh_buf_cstr(&b), "abcd123");
    assert_int_equal(kh_buf_putc(&b, 'z'), 0);
    assert_int_equal(b.len, 8);
    kh_buf_reset(&b);
    assert_int_equal(b.len, 0);
    size_t n;
    char *s = kh_buf_detach(&b, &n);
    assert_string_equal(s, "");
    free(s);
    kh_buf_release(&b);
}

static void test_file_roundtrip(void **state)
{
    (void)state;
    char path[] = "/tmp/kh-test-buf-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    struct kh_buf b = KH_BUF_INIT, r = KH_BUF_INIT;
    struct kh_error err;
    for (int i = 0; i < 10000; i++)
        kh_buf_printf(&b, "line %d 中文\n", i);
    assert_int_equal(kh_buf_write_file(&b, path, &err), 0);
    assert_int_equal(kh_buf_read_file(&r, path, &err), 0);
    assert_int_equal(r.len, b.len);
    assert_memory_equal(r.data, b.data, b.len);
    kh_buf_release(&r);
    kh_buf_init(&r, 100);
    assert_int_equal(kh_buf_read_file(&r, path, &err), KH_ETOOBIG);
    kh_buf_release(&r);
    unlink(path);
    assert_int_equal(kh_buf_read_file(&r, "/nonexistent/x", &err), KH_EIO);
    kh_buf_release(&b);
    kh_buf_release(&r);
}

static void test_arena(void **state)
{
    (void)state;
    struct kh_arena a = KH_ARENA_INIT;
    kh_arena_init(&a, 1024);
    for (int i = 0; i < 1000; i++) {
        char *p = kh_arena_printf(&a, "s%d", i);
        assert_int_equal((uintptr_t)p % 16, 0);
        assert_string_equal(p, kh_arena_printf(&a, "s%d", i));
    }
    char *big = kh_arena_calloc(&a, 10000, 1);
    assert_int_equal(big[9999], 0);
    assert_string_equal(kh_arena_strndup(&a, "hello", 3), "hel");
    kh_arena_release(&a);
    kh_arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_cap),
        cmocka_unit_test(test_file_roundtrip),
        cmocka_unit_test(test_arena),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
