/*
 * cli-bundle.c — read a bundle for a command and report its diagnostics
 * (cli-bundle.h).  The diagnostics are sorted by file and line so a user
 * fixes a spreadsheet top to bottom.
 */
#include <stdio.h>
#include <string.h>
#include "cli/cli-bundle.h"
#include "cli/cmd.h"
#include "kaohe/bundle.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"

int kh_cli_read_bundle(const char *cmdname, const char *dir, const char *encoding,
                       size_t max_errors, struct kh_bundle *b)
{
    struct kh_diags d;
    struct kh_bundle_read_opts opts = {.encoding = encoding, .max_errors = max_errors};
    kh_diags_init(&d, max_errors);
    memset(b, 0, sizeof *b);   /* the reader's contract: zeroed, never garbage */
    int rc = kh_bundle_read_dir(dir, &opts, b, &d);
    if (rc != 0) {
        kh_diags_sort(&d);
        kh_cmd_print_diags(&d);
        fprintf(stderr, KH_TR("kaohe %s: 数据包 %s 有 %zu 处错误，未做任何处理。\n",
                              "kaohe %s: bundle %s has %zu errors; nothing was done.\n"),
                cmdname, dir, d.total ? d.total : (size_t)1);
        kh_diags_release(&d);
        return rc == KH_EIO ? KH_EXIT_FAIL : KH_EXIT_INPUT;
    }
    kh_diags_release(&d);
    return KH_EXIT_OK;
}
