/*
 * analysis-bundle.c — loading a bundle for the analysis subcommands
 * (analysis-cli.h): diagnostics printed, exit status chosen.
 */
#include <stdio.h>
#include <string.h>
#include "cli/analysis-cli.h"
#include "kaohe/bundle.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"

int kh__cli_load_bundle(const struct kh_cmd *cmd, const char *dir, struct kh_bundle *b)
{
    struct kh_diags d;
    kh_diags_init(&d, 0);
    memset(b, 0, sizeof *b);   /* kh_bundle_read_dir initialises it */
    int rc = kh_bundle_read_dir(dir, NULL, b, &d);
    if (rc != 0) {
        kh_cmd_print_diags(&d);
        fprintf(stderr, KH_TR("kaohe %s: 数据包 %s 有错误，未做分析\n",
                              "kaohe %s: the bundle %s has errors; nothing was analysed\n"),
                cmd->name, dir);
        kh_diags_release(&d);
        return rc == KH_EIO ? KH_EXIT_FAIL : KH_EXIT_INPUT;
    }
    kh_diags_release(&d);
    return 0;
}

