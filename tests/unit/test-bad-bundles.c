/*
 * test-bad-bundles.c — the bad-input cases as data (tests/bad/<case>/).
 *
 * Each case holds bundle/ (a small bundle with one defect class), expect
 * (lines that must each be a substring of some diagnostic formatted as
 * "file:line:column: message", with ":line" left out for line 0 and
 * ":column" when there is none; a `zh:` or `en:` line in that language only) and optionally `encoding` (the forced
 * encoding, like --encoding).  Reading must fail with KH_EINVAL.  Adding a
 * case needs no C.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "kaohe/buf.h"
#include "kaohe/bundle.h"

/* The diagnostic rendered in the language of an `expect` line: a `zh:` line
 * is looked for in the Chinese rendering, an `en:` line in the English one,
 * a plain line (a place, a code) in both (tests/cli/t0110 describes the
 * prefixes).  *line is advanced past the prefix. */
static void format_diag(const struct kh_diag *g, const char **line, char *out, size_t n)
{
    char zh[1000], en[1000];  /* out is 2048 */
    if (strncmp(*line, "zh:", 3) == 0) {
        *line += 3;
        kh_diag_render(g, KH_LANG_ZH, out, n);
    } else if (strncmp(*line, "en:", 3) == 0) {
        *line += 3;
        kh_diag_render(g, KH_LANG_EN, out, n);
    } else {
        kh_diag_render(g, KH_LANG_ZH, zh, sizeof zh);
        kh_diag_render(g, KH_LANG_EN, en, sizeof en);
        snprintf(out, n, "%.1000s || %.1000s", zh, en);
    }
}

static int run_case(const char *dir, const char *name)
{
    char path[4096], enc[64] = "";
    struct kh_buf expect = KH_BUF_INIT, eb = KH_BUF_INIT;
    int failed = 0;
    if (snprintf(path, sizeof path, "%s/%s/encoding", dir, name) >= (int)sizeof path)
        return 1;
    if (access(path, F_OK) == 0 && kh_buf_read_file(&eb, path, NULL) == 0)
        sscanf(kh_buf_cstr(&eb), "%63s", enc);
    snprintf(path, sizeof path, "%s/%s/expect", dir, name);
    if (kh_buf_read_file(&expect, path, NULL) != 0) {
        fprintf(stderr, "%s: no expect file\n", name);
        return 1;
    }
    snprintf(path, sizeof path, "%s/%s/bundle", dir, name);
    struct kh_bundle b = {0};
    struct kh_diags d;
    struct kh_bundle_read_opts o = {.encoding = enc[0] ? enc : NULL};
    kh_diags_init(&d, 0);
    int rc = kh_bundle_read_dir(path, &o, &b, &d);
    if (rc != KH_EINVAL) {
        fprintf(stderr, "%s: expected KH_EINVAL, got %d\n", name, rc);
        failed = 1;
    }
    char *text = kh_buf_detach(&expect, NULL);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '\0')
            continue;
        bool found = false;
        for (size_t i = 0; i < d.n && !found; i++) {
            char msg[2048];
            const char *want = line;
            format_diag(&d.items[i], &want, msg, sizeof msg);
            found = strstr(msg, want) != NULL;
        }
        if (!found) {
            fprintf(stderr, "%s: no diagnostic contains \"%s\"; got:\n", name, line);
            for (size_t i = 0; i < d.n; i++) {
                char msg[2048];
                const char *want = line;
                format_diag(&d.items[i], &want, msg, sizeof msg);
                fprintf(stderr, "    %s\n", msg);
            }
            failed = 1;
        }
    }
    free(text);
    kh_buf_release(&eb);
    kh_diags_release(&d);
    return failed;
}

static void test_bad_bundles(void **state)
{
    (void)state;
    const char *data = getenv("KH_TEST_DATA");
    char dir[2048];
    snprintf(dir, sizeof dir, "%s/bad", data ? data : "tests");
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    struct dirent *e;
    int n = 0, failed = 0;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        failed += run_case(dir, e->d_name);
        n++;
    }
    closedir(dp);
    fprintf(stderr, "%d bad-bundle cases, %d failed\n", n, failed);
    assert_true(n >= 40);
    assert_int_equal(failed, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_bundles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
