/*
 * cmd-version.c — `kaohe version`: print the program version.
 */
#include <stdio.h>
#include "cli/cmd.h"

#define KH_VERSION "0.1.0"

static int run_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("kaohe %s\n", KH_VERSION);
    return KH_EXIT_OK;
}

const struct kh_cmd kh_cmd_version = {
    .name = "version",
    .summary_zh = "显示版本",
    .summary_en = "print the version",
    .help_zh = "用法: kaohe version\n",
    .help_en = "usage: kaohe version\n",
    .run = run_version,
};
