/*
 * args.h — the one command-line parser of kaohe (tmux's arguments.c).
 *
 * A command declares what it accepts in its `const struct kh_cmd` (cmd.h):
 * a table of options and the bounds on its positional arguments.  main.c
 * parses the command's arguments once with kh_args_parse() and hands the
 * result to the command's `run`; no command looks at argv itself, so every
 * command spells options the same way and reports the same usage errors.
 *
 * Syntax (the GNU conventions users know from git and coreutils):
 *   --name value   --name=value   a valued option (KH_OPT_VALUE)
 *   --name                        a flag; `--name=x` is an error
 *   -o value  -ovalue             a short letter, where the table gives one
 *   -sq                           short flags bundled
 *   --                            the end of options: all that follows is
 *                                 positional
 *   -  -5  -0.5                   positional: a lone dash (stdin) and
 *                                 negative numbers are not options
 * Options and positionals may be mixed in any order.  An option given twice
 * keeps only its last value (so an option written after the command
 * overrides the one main.c moved from before it) unless it is declared
 * KH_OPT_MANY, which keeps every value in order (kh_args_value).
 *
 * Common options are implied for every command and need not be declared:
 * --db DATABASE, --user NAME, --lang zh|en and --help/-h.  (main.c applies
 * --lang and --help itself before parsing; the parser only accepts them.)
 *
 * Usage errors — an unknown option, a missing or unwanted value, too few or
 * too many positionals — are printed as "kaohe CMD: reason" plus a pointer
 * to --help, in the run's language, from the msg-cli.h catalog, and the
 * exit status is KH_EXIT_INPUT (2).
 */
#ifndef KAOHE_CLI_ARGS_H
#define KAOHE_CLI_ARGS_H

#include <stdbool.h>

/* Option flags. */
enum { KH_OPT_VALUE = 1, KH_OPT_MANY = 2 };

struct kh_opt {
    const char *name;       /* long name without dashes, "output" */
    char letter;            /* short letter ('o') or 0 */
    unsigned char flags;    /* KH_OPT_VALUE, KH_OPT_MANY */
};

/* What a command accepts: opts ends with a {NULL} entry (NULL opts = only
 * the common options); lower..upper positionals, upper -1 = unbounded. */
struct kh_args_spec {
    const struct kh_opt *opts;
    int lower, upper;
};

struct kh_cmd;

/* The parsed arguments.  Strings point into the argv given to
 * kh_args_parse and live as long as it does.  Read them through the
 * functions below; `pos` is public only because the positionals are the
 * argv words themselves, writable like argv, so a command may split one in
 * place (scheme's INDICATOR:CATEGORY=WEIGHT, setup's col=value). */
struct kh_args {
    int npos;
    char **pos;
    int nopt;
    const struct kh_opt **opt;   /* the table entry of each option given */
    const char **val;            /* its value, "" for a flag */
};

/*
 * Parse argv[1..argc) (argv[0] is the command name) against spec.  Returns
 * 0 with *a filled (release it with kh_args_release), or prints the usage
 * error for cmd and returns KH_EXIT_INPUT with *a empty.
 */
int kh_args_parse(const struct kh_cmd *cmd, const struct kh_args_spec *spec, int argc, char **argv,
                  struct kh_args *a);
/* Free what kh_args_parse allocated; accepts a zeroed struct. */
void kh_args_release(struct kh_args *a);

/* The (last) value of option name, "" for a flag that is present, NULL
 * when absent. */
const char *kh_args_get(const struct kh_args *a, const char *name);
bool kh_args_has(const struct kh_args *a, const char *name);
/* The i-th value (from 0, in command-line order) of a KH_OPT_MANY option,
 * NULL past the last. */
const char *kh_args_value(const struct kh_args *a, const char *name, int i);
/* The number of positional arguments, and the i-th of them (NULL when
 * i is out of range). */
int kh_args_count(const struct kh_args *a);
const char *kh_args_pos(const struct kh_args *a, int i);

#endif
