/*
 * fuzz-bundle.c — libFuzzer target for the whole bundle path: reader,
 * validation, engine and result renderers (bundle.h, engine.h,
 * results-csv.h, summary.h).
 *
 * Input container.  A bundle is several files, libFuzzer gives one byte
 * string; the string is cut at lines that start with "=== ":
 *
 *     === units.csv
 *     code,name,district,category
 *     T1,甲镇,,U
 *     === categories.csv
 *     ...
 *
 * The rest of such a line (up to "\n") is the file name; the bytes up to
 * the next marker line are its content, byte for byte (the "\n" ending the
 * content belongs to the file).  Bytes before the first marker are ignored.
 * fuzz/make-corpus.sh writes the golden bundles in this form, and
 * fuzz/bundle.dict holds the markers, column names and cell vocabulary.
 *
 * What is checked.  Nothing may crash, leak or hit undefined behaviour
 * (the target is built with ASan and UBSan).  A rejected bundle must come
 * back with at least one diagnostic that names a file; an accepted bundle
 * must compute (kh_engine_run returns 0: SPEC §11 says validation is
 * complete), its base, composite, present scores and global weights must be
 * finite (no NaN or inf leaking from extreme numbers), and every result file
 * and the summary must render.
 *
 * Build: cmake -DKH_FUZZ=ON -DCMAKE_C_COMPILER=clang; run with
 * -dict=fuzz/bundle.dict (docs/robustness.md).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/buf.h"
#include "kaohe/bundle.h"
#include "kaohe/engine.h"
#include "kaohe/error.h"
#include "kaohe/results-csv.h"
#include "kaohe/summary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_FILES 32

/* Cut the input into files; names are NUL-terminated copies in `names`. */
static size_t split(const char *s, size_t n, struct kh_bundle_file *files, char *names)
{
    size_t nfiles = 0, i = 0;
    char *np = names;
    while (i < n) {
        /* at the start of a line */
        const char *nl = memchr(s + i, '\n', n - i);
        size_t eol = nl ? (size_t)(nl - s) + 1 : n;
        if (eol - i >= 4 && memcmp(s + i, "=== ", 4) == 0 && nfiles < MAX_FILES) {
            size_t nlen = (nl ? (size_t)(nl - s) : n) - (i + 4);
            memcpy(np, s + i + 4, nlen);
            np[nlen] = '\0';
            files[nfiles].name = np;
            files[nfiles].data = s + eol;
            files[nfiles].len = 0;
            np += nlen + 1;
            nfiles++;
        } else if (nfiles > 0) {
            files[nfiles - 1].len += eol - i;
        }
        i = eol;
    }
    return nfiles;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct kh_bundle_file files[MAX_FILES];
    struct kh_bundle b;
    struct kh_results r;
    struct kh_diags d;
    struct kh_error err;
    struct kh_buf out = KH_BUF_INIT;
    char *names;

    if (size > 1 << 20)
        return 0;
    names = malloc(size + MAX_FILES + 1);
    if (names == NULL)
        return 0;
    size_t nfiles = split((const char *)data, size, files, names);
    kh_diags_init(&d, 20);
    memset(&r, 0, sizeof r);
    if (kh_bundle_read_mem(files, nfiles, NULL, &b, &d) != 0) {
        if (d.total == 0 || d.n == 0 || d.items[0].file == NULL || d.items[0].file[0] == '\0')
            abort();   /* rejected without naming a file */
        goto out;
    }
    kh_error_clear(&err);
    if (kh_engine_run(&b, NULL, &r, &err) != 0)
        abort();       /* a validated bundle must compute */
    /* SPEC §6/§11.17: base and composite are numbers; a present score is a
     * number.  With the number range of docs/formats.md nothing may be
     * NaN or infinite there. */
    for (int32_t u = 0; u < r.nunits; u++) {
        if (!isfinite(r.units[u].base) || !isfinite(r.units[u].composite))
            abort();
        for (int32_t n = 0; n < r.nnodes; n++) {
            const struct kh_node_result *nr = kh_results_node(&r, u, n);
            if ((nr->flags & KH_NR_HAS_SCORE) && !isfinite(nr->score))
                abort();
            if ((nr->flags & KH_NR_APPLICABLE) && !(nr->flags & KH_NR_POINTS) &&
                !isfinite(nr->weight_global))
                abort();
        }
    }
    for (int32_t c = 0; c < r.ncadres; c++)
        if (!isfinite(r.cadres[c].score))
            abort();
    for (int f = 0; f < KH_RESULT_NFILES; f++)
        kh_results_render(&b, &r, (enum kh_result_file)f, &out);
    kh_summary_render(&b, &r, KH_LANG_ZH, &out);
    kh_results_release(&r);
    kh_bundle_release(&b);
out:
    kh_buf_release(&out);
    kh_diags_release(&d);
    free(names);
    return 0;
}
