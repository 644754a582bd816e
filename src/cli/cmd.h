/*
 * cmd.h — one subcommand per file (tmux's cmd-*.c).
 *
 * Each src/cli/cmd-<name>.c defines one `const struct kh_cmd kh_cmd_<name>`
 * and is listed in cmd-table.c.  `run` receives argv with argv[0] = the
 * command name and returns the process exit status:
 *   0  success
 *   1  the operation failed (I/O, database, refused by the workflow)
 *   2  invalid input or usage (a bundle with errors, a bad option)
 * Commands print results on stdout and diagnostics on stderr, in the user's
 * language (lang.h).  `--help` is handled by main.c from `help_zh/help_en`.
 *
 * Checklist for a new command: the file, its entry in cmd-table.c, its help
 * text in both languages, a test in tests/cli/, a line in the README.
 */
#ifndef KAOHE_CLI_CMD_H
#define KAOHE_CLI_CMD_H

struct kh_cmd {
    const char *name;
    const char *summary_zh, *summary_en;   /* one line */
    const char *help_zh, *help_en;         /* usage and options, several lines */
    int (*run)(int argc, char **argv);
};

extern const struct kh_cmd *const kh_cmd_table[];

/* Exit statuses */
enum { KH_EXIT_OK = 0, KH_EXIT_FAIL = 1, KH_EXIT_INPUT = 2 };

/* Print `kaohe CMD --help` text to stdout. */
void kh_cmd_print_help(const struct kh_cmd *cmd);
/* Print "kaohe CMD: message" to stderr and return KH_EXIT_INPUT. */
int kh_cmd_usage_error(const struct kh_cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

struct kh_diags;
struct kh_error;
#include "kaohe/msg.h"
/* The language of this run's output (--lang, else KAOHE_LANG, else zh). */
enum kh_lang kh_cli_lang(void);
/* Print diagnostics "file:line:column: reason" to stderr, with "… and N more". */
void kh_cmd_print_diags(const struct kh_diags *d);
void kh_cmd_print_error(const char *cmdname, const struct kh_error *err);

#endif
