/*
 * main.c — kaohe's entry point: global options, then dispatch through
 * kh_cmd_table (cmd-table.c).
 *
 * Common options.  `--lang en|zh`, `--db DATABASE` and `--user NAME` may
 * come before the command (`kaohe --db x.db cycle list`, as git and psql
 * users expect) as well as after it.  --lang is applied here wherever it
 * stands (before a `--`); --db and --user given before the command are
 * passed to it as if written right after its name, so the same option
 * written later, after the command, wins.  `kaohe --help` lists the
 * commands; `kaohe CMD --help` (or `kaohe help CMD`) prints one command's
 * help, handled here so no command needs to.  Then the command's arguments
 * are parsed against its `.args` (args.c) and `run` gets the result.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cmd.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/msg-cli.h"

static const struct kh_cmd *find_cmd(const char *name)
{
    for (size_t i = 0; kh_cmd_table[i] != NULL; i++)
        if (strcmp(kh_cmd_table[i]->name, name) == 0)
            return kh_cmd_table[i];
    return NULL;
}

static void print_main_help(void)
{
    printf("%s\n\n", KH_TR("kaohe（考核）— 乡镇绩效考核系统：指标体系、分类考核、多主体评价、绩效管理全流程。",
                           "kaohe — township performance assessment: indicators, classified ranking, "
                           "many assessors, the whole performance-management cycle."));
    printf("%s\n\n", KH_TR("用法: kaohe [--lang zh|en] [--db 数据库] [--user 用户] <命令> [参数…]",
                           "usage: kaohe [--lang zh|en] [--db DATABASE] [--user NAME] <command> [args…]"));
    printf("%s\n", KH_TR("命令:", "commands:"));
    for (size_t i = 0; kh_cmd_table[i] != NULL; i++)
        printf("  %-12s %s\n", kh_cmd_table[i]->name,
               KH_TR(kh_cmd_table[i]->summary_zh, kh_cmd_table[i]->summary_en));
    printf("\n%s\n", KH_TR("每个命令的说明: kaohe <命令> --help", "help on a command: kaohe <command> --help"));
}

void kh_cmd_print_help(const struct kh_cmd *cmd)
{
    printf("kaohe %s — %s\n\n%s", cmd->name, KH_TR(cmd->summary_zh, cmd->summary_en),
           KH_TR(cmd->help_zh, cmd->help_en));
}

int kh_cmd_usage_error(const struct kh_cmd *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "kaohe %s: ", cmd->name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n%s\n", kh_msg_template(&KH_M_CLI_SEE_HELP, kh_cli_lang()));
    return KH_EXIT_INPUT;
}

int kh_cmd_usage_fail(const struct kh_cmd *cmd, const struct kh_error *err)
{
    char buf[1600];
    fprintf(stderr, "kaohe %s: %s\n%s\n", cmd->name, kh_error_text(err, kh_cli_lang(), buf, sizeof buf),
            kh_msg_template(&KH_M_CLI_SEE_HELP, kh_cli_lang()));
    return KH_EXIT_INPUT;
}

enum kh_lang kh_cli_lang(void)
{
    return kh_lang_en() ? KH_LANG_EN : KH_LANG_ZH;
}

void kh_cmd_print_diags(const struct kh_diags *d)
{
    char buf[1600];
    for (size_t i = 0; i < d->n; i++)
        fprintf(stderr, "%s\n", kh_diag_render(&d->items[i], kh_cli_lang(), buf, sizeof buf));
    if (d->total > d->n)
        fprintf(stderr, KH_TR("……另有 %zu 个错误未列出\n", "… and %zu more errors\n"), d->total - d->n);
}

void kh_cmd_print_error(const char *cmdname, const struct kh_error *err)
{
    char buf[1600];
    fprintf(stderr, "kaohe %s: %s\n", cmdname, kh_error_render(err, kh_cli_lang(), buf, sizeof buf));
}

int main(int argc, char **argv)
{
    int i = 1;
    const char *env = getenv("KAOHE_LANG");
    if (env)
        kh_lang_set(env);
    /* --db/--user before the command, to be handed to it (at most 2 × 2). */
    char *global[8];
    int nglobal = 0;
    while (i < argc && argv[i][0] == '-') {
        if ((strcmp(argv[i], "--db") == 0 || strcmp(argv[i], "--user") == 0) && i + 1 < argc &&
            nglobal + 2 <= 8) {
            global[nglobal++] = argv[i];
            global[nglobal++] = argv[i + 1];
            i += 2;
        } else if ((strncmp(argv[i], "--db=", 5) == 0 || strncmp(argv[i], "--user=", 7) == 0) &&
                   nglobal + 1 <= 8) {
            global[nglobal++] = argv[i++];
        } else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            kh_lang_set(argv[i + 1]);
            i += 2;
        } else if (strncmp(argv[i], "--lang=", 7) == 0) {
            kh_lang_set(argv[i] + 7);
            i++;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            print_main_help();
            return KH_EXIT_OK;
        } else if (strcmp(argv[i], "--version") == 0) {
            const struct kh_cmd *v = find_cmd("version");
            return v->run(v, &(struct kh_args){0});
        } else {
            fprintf(stderr, KH_TR("kaohe: 未知选项 %s\n", "kaohe: unknown option %s\n"), argv[i]);
            return KH_EXIT_INPUT;
        }
    }
    if (i >= argc) {
        print_main_help();
        return KH_EXIT_INPUT;
    }
    if (strcmp(argv[i], "help") == 0) {
        if (i + 1 < argc) {
            const struct kh_cmd *c = find_cmd(argv[i + 1]);
            if (c) {
                kh_cmd_print_help(c);
                return KH_EXIT_OK;
            }
        }
        print_main_help();
        return KH_EXIT_OK;
    }
    const struct kh_cmd *cmd = find_cmd(argv[i]);
    if (cmd == NULL) {
        fprintf(stderr, KH_TR("kaohe: 未知命令 “%s”。用 kaohe --help 查看命令列表。\n",
                              "kaohe: unknown command '%s'. See kaohe --help.\n"), argv[i]);
        return KH_EXIT_INPUT;
    }
    /* The command's argv: its name, the global --db/--user, then its own
     * arguments with --lang taken out (applied here). */
    char **args = calloc((size_t)(argc - i + nglobal + 1), sizeof *args);
    if (args == NULL)
        return KH_EXIT_FAIL;
    int n = 0;
    args[n++] = argv[i];
    for (int k = 0; k < nglobal; k++)
        args[n++] = global[k];
    bool options = true;
    for (int j = i + 1; j < argc; j++) {
        if (options && strcmp(argv[j], "--") == 0)
            options = false;
        if (options && strcmp(argv[j], "--lang") == 0 && j + 1 < argc) {
            kh_lang_set(argv[++j]);
            continue;
        }
        if (options && strncmp(argv[j], "--lang=", 7) == 0) {
            kh_lang_set(argv[j] + 7);
            continue;
        }
        args[n++] = argv[j];
    }
    args[n] = NULL;
    for (int j = 1; j < n && strcmp(args[j], "--") != 0; j++) {
        if (strcmp(args[j], "--help") == 0 || strcmp(args[j], "-h") == 0) {
            kh_cmd_print_help(cmd);
            free(args);
            return KH_EXIT_OK;
        }
    }
    struct kh_args parsed;
    int rc = kh_args_parse(cmd, &cmd->args, n, args, &parsed);
    if (rc == 0) {
        rc = cmd->run(cmd, &parsed);
        kh_args_release(&parsed);
    }
    free(args);
    return rc;
}
