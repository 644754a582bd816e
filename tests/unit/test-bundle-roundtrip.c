/*
 * test-bundle-roundtrip.c — every golden bundle reads cleanly, and
 * read → write → read → write gives byte-identical files (bundle.h).
 * Also: a GB18030 copy of a bundle reads to the same export as its UTF-8
 * original.  Data: $KH_TEST_DATA/golden/\*\/bundle.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <dirent.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "kaohe/buf.h"
#include "kaohe/bundle.h"

static const char *data_dir(void)
{
    const char *d = getenv("KH_TEST_DATA");
    return d ? d : "tests";
}

static void read_ok(const char *dir, const char *enc, struct kh_bundle *b)
{
    struct kh_diags d;
    struct kh_bundle_read_opts o = {.encoding = enc};
    kh_diags_init(&d, 0);
    int rc = kh_bundle_read_dir(dir, &o, b, &d);
    for (size_t i = 0; i < d.n; i++)
        fprintf(stderr, "%s: %s\n", dir,
                kh_diag_render(&d.items[i], KH_LANG_EN, (char[1600]){0}, 1600));
    kh_diags_release(&d);
    assert_int_equal(rc, 0);
}

static void write_ok(const struct kh_bundle *b, const char *dir)
{
    struct kh_error err;
    kh_error_clear(&err);
    int rc = kh_bundle_write_dir(b, dir, &err);
    if (rc)
        fprintf(stderr, "write %s: %s\n", dir, kh_error_render(&err, KH_LANG_EN, (char[1600]){0}, 1600));
    assert_int_equal(rc, 0);
}

/* Every input file of a equals b's (both present or both absent). */
static void same_files(const char *a, const char *b)
{
    for (const char *const *f = kh_bundle_input_files; *f; f++) {
        char pa[4096], pb[4096];
        snprintf(pa, sizeof pa, "%s/%s", a, *f);
        snprintf(pb, sizeof pb, "%s/%s", b, *f);
        int ea = access(pa, F_OK) == 0, eb = access(pb, F_OK) == 0;
        assert_int_equal(ea, eb);
        if (!ea)
            continue;
        struct kh_buf x = KH_BUF_INIT, y = KH_BUF_INIT;
        assert_int_equal(kh_buf_read_file(&x, pa, NULL), 0);
        assert_int_equal(kh_buf_read_file(&y, pb, NULL), 0);
        if (x.len != y.len || memcmp(x.data, y.data, x.len) != 0)
            fail_msg("%s differs from %s", pa, pb);
        kh_buf_release(&x);
        kh_buf_release(&y);
    }
}

static void rm_bundle(const char *dir)
{
    for (const char *const *f = kh_bundle_input_files; *f; f++) {
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", dir, *f);
        unlink(p);
    }
    rmdir(dir);
}

static void roundtrip(const char *src)
{
    char t1[] = "/tmp/kh-rt1-XXXXXX", t2[] = "/tmp/kh-rt2-XXXXXX";
    assert_non_null(mkdtemp(t1));
    assert_non_null(mkdtemp(t2));
    struct kh_bundle b = {0};
    read_ok(src, NULL, &b);
    write_ok(&b, t1);
    kh_bundle_release(&b);
    read_ok(t1, NULL, &b);
    write_ok(&b, t2);
    kh_bundle_release(&b);
    same_files(t1, t2);
    rm_bundle(t1);
    rm_bundle(t2);
}

static void test_golden_roundtrip(void **state)
{
    (void)state;
    char gdir[2048];
    snprintf(gdir, sizeof gdir, "%s/golden", data_dir());
    DIR *dir = opendir(gdir);
    assert_non_null(dir);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char src[8192];
        snprintf(src, sizeof src, "%s/%.1000s/bundle", gdir, e->d_name);
        if (access(src, F_OK) != 0)
            continue;
        roundtrip(src);
        n++;
    }
    closedir(dir);
    assert_true(n >= 9);
}

/* Convert every file of src to GB18030 into dst. */
static void to_gb18030(const char *src, const char *dst)
{
    for (const char *const *f = kh_bundle_input_files; *f; f++) {
        char p[4096];
        if (snprintf(p, sizeof p, "%s/%s", src, *f) >= (int)sizeof p)
            fail();
        if (access(p, F_OK) != 0)
            continue;
        struct kh_buf in = KH_BUF_INIT, out = KH_BUF_INIT;
        assert_int_equal(kh_buf_read_file(&in, p, NULL), 0);
        iconv_t cd = iconv_open("GB18030", "UTF-8");
        assert_true(cd != (iconv_t)-1);
        char *ip = in.data;
        size_t il = in.len;
        size_t cap = in.len * 2 + 16;
        char *ob = malloc(cap), *op = ob;
        size_t ol = cap;
        assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
        iconv_close(cd);
        kh_buf_append(&out, ob, (size_t)(op - ob));
        snprintf(p, sizeof p, "%s/%s", dst, *f);
        assert_int_equal(kh_buf_write_file(&out, p, NULL), 0);
        free(ob);
        kh_buf_release(&in);
        kh_buf_release(&out);
    }
}

static void test_gb18030_twin(void **state)
{
    (void)state;
    static const char *const cases[] = {"golden/07-cadres/bundle", "golden/06-survey-channels/bundle"};
    for (size_t k = 0; k < 2; k++) {
        char src[4096];
        if (snprintf(src, sizeof src, "%s/%s", data_dir(), cases[k]) >= (int)sizeof src)
            fail();
        char g[] = "/tmp/kh-gb-XXXXXX", t1[] = "/tmp/kh-gb1-XXXXXX", t2[] = "/tmp/kh-gb2-XXXXXX";
        assert_non_null(mkdtemp(g));
        assert_non_null(mkdtemp(t1));
        assert_non_null(mkdtemp(t2));
        to_gb18030(src, g);
        struct kh_bundle b = {0};
        read_ok(src, NULL, &b);
        write_ok(&b, t1);
        kh_bundle_release(&b);
        read_ok(g, NULL, &b);      /* detected */
        write_ok(&b, t2);
        kh_bundle_release(&b);
        same_files(t1, t2);
        read_ok(g, "gbk", &b);     /* forced */
        kh_bundle_release(&b);
        rm_bundle(g);
        rm_bundle(t1);
        rm_bundle(t2);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_roundtrip),
        cmocka_unit_test(test_gb18030_twin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
