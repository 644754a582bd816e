/*
 * cmd-version.c — `kaohe version`: print the program version.
 */
#include <stdio.h>
#include "cli/cmd.h"

#define KH_VERSION "0.1.0"

static int run_version(const struct kh_cmd *cmd, const struct kh_args *a)
{
    (void)cmd;
    (void)a;
    printf("kaohe %s\n", KH_VERSION);
    return KH_EXIT_OK;
}

const struct kh_cmd kh_cmd_version = {
    .name = "version",
    .summary_zh = "显示版本",
    .summary_en = "print the version",
    .help_zh = "用法: kaohe version\n",
    .help_en = "usage: kaohe version\n",
    .args = {NULL, 0, 0},
    .run = run_version,
};
