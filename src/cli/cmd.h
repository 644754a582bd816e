/*
 * cmd.h — one subcommand per file (tmux's cmd-*.c).
 *
 * Each src/cli/cmd-<name>.c defines one `const struct kh_cmd kh_cmd_<name>`
 * and is listed in cmd-table.c.  The command declares its options and the
 * bounds on its positional arguments in `.args` (args.h, tmux's `.args`);
 * main.c parses the command line against them — one parser, the same
 * syntax and usage errors for every command — and calls `run` with the
 * command itself and the parsed arguments.  `run` returns the process exit
 * status:
 *   0  success
 *   1  the operation failed (I/O, database, refused by the workflow)
 *   2  invalid input or usage (a bundle with errors, a bad option)
 * Commands print results on stdout and diagnostics on stderr, in the user's
 * language (lang.h).  `--help` is handled by main.c from `help_zh/help_en`.
 *
 * Checklist for a new command: the file with its `.args` (every option it
 * reads, KH_OPT_VALUE / KH_OPT_MANY, and lower/upper positionals; the
 * common --db --user --lang --help are implied), its entry in cmd-table.c,
 * its help text in both languages, a test in tests/cli/, a line in the
 * README.  A usage error the spec cannot express (a subcommand's own
 * count) goes through kh_cmd_usage_error, which prints the same layout.
 */
#ifndef KAOHE_CLI_CMD_H
#define KAOHE_CLI_CMD_H

#include "cli/args.h"

struct kh_cmd {
    const char *name;
    const char *summary_zh, *summary_en;   /* one line */
    const char *help_zh, *help_en;         /* usage and options, several lines */
    struct kh_args_spec args;              /* what the command accepts */
    int (*run)(const struct kh_cmd *self, const struct kh_args *a);
};

extern const struct kh_cmd *const kh_cmd_table[];

/* Exit statuses */
enum { KH_EXIT_OK = 0, KH_EXIT_FAIL = 1, KH_EXIT_INPUT = 2 };

/* Print `kaohe CMD --help` text to stdout. */
void kh_cmd_print_help(const struct kh_cmd *cmd);
/* Print "kaohe CMD: message" to stderr and return KH_EXIT_INPUT. */
int kh_cmd_usage_error(const struct kh_cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
struct kh_error;
/* The same for a usage error recorded as a message (args.c): "kaohe CMD:
 * text" in the run's language and the --help hint; returns KH_EXIT_INPUT. */
int kh_cmd_usage_fail(const struct kh_cmd *cmd, const struct kh_error *err);

struct kh_diags;
struct kh_error;
#include "kaohe/msg.h"
/* The language of this run's output (--lang, else KAOHE_LANG, else zh). */
enum kh_lang kh_cli_lang(void);
/* Print diagnostics "file:line:column: reason" to stderr, with "… and N more". */
void kh_cmd_print_diags(const struct kh_diags *d);
void kh_cmd_print_error(const char *cmdname, const struct kh_error *err);

#endif
