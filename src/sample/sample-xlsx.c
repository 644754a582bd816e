/*
 * sample-xlsx.c — the default scheme, or a simulated cycle, as one
 * workbook an office fills in (`kaohe sample --xlsx FILE`, sample.h).
 *
 * There is one way to write a sample — as the bundle folder of
 * kh_sample_write / kh_sample_write_scheme — and one way to write a bundle
 * as an input workbook, kh_xlsx_bundle_write.  This file joins them: the
 * folder is written to a private temporary folder (tempdir.h), read back
 * through the bundle reader, which checks it as it checks any bundle, and
 * the bundle written as the workbook; the folder is then removed.  So the
 * workbook holds exactly the rows the folder would, and `kaohe eval
 * FILE.xlsx` gives the folder's results.
 *
 * The scheme alone is not yet a cycle: it has no units.  A header-only
 * units.csv is added before reading, and the workbook's units sheet (like
 * every sheet the scheme does not fill) is its header, ready to be filled.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/bundle.h"
#include "kaohe/error.h"
#include "kaohe/msg-util.h"
#include "kaohe/sample.h"
#include "kaohe/tempdir.h"
#include "kaohe/xlsx-results.h"

/* An empty units.csv (its header) in dir. */
static int write_empty_units(const char *dir, struct kh_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/units.csv", dir);
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return KH_ERR(err, KH_EIO, FILE_CREATE, path);
    fputs("code,name,district,category,zone,kind\n", f);
    if (fclose(f) != 0)
        return KH_ERR(err, KH_EIO, FILE_WRITE, path);
    return 0;
}

int kh_sample_write_xlsx(const char *preset, uint64_t seed, enum kh_lang lang, const char *path,
                         struct kh_diags *diags, struct kh_error *err)
{
    char *dir = kh_temp_dir_make("kaohe-sample");
    if (dir == NULL)
        return KH_ERR(err, KH_EIO, FILE_CREATE, "TMPDIR");
    int rc = preset ? kh_sample_write(preset, seed, dir, err) : kh_sample_write_scheme(dir, err);
    if (rc == 0 && preset == NULL)
        rc = write_empty_units(dir, err);
    if (rc == 0) {
        struct kh_bundle b;
        kh_bundle_init(&b);
        if ((rc = kh_bundle_read_dir(dir, NULL, &b, diags)) == 0) {
            struct kh_xlsx_opts o = {.lang = lang, .computed_at = NULL};
            rc = kh_xlsx_bundle_write(&b, &o, path, err);
        }
        kh_bundle_release(&b);
    }
    kh_temp_dir_remove(dir);
    free(dir);
    return rc;
}
