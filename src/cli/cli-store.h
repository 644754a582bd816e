/*
 * cli-store.h — what the database commands share: option parsing, opening
 * the store named by --db / KAOHE_DB, and deciding who is acting.
 *
 * Who is acting (docs/workflow.md):
 *   --user NAME (or KAOHE_USER) → the password comes from KAOHE_PASSWORD, or
 *   is asked on the terminal without echo; a wrong password, unknown or
 *   disabled user is refused.
 *   no --user → the built-in `admin` created by `init`, but only while it
 *   has no password.  A single-desk office can work at once; as soon as
 *   `kaohe user passwd admin` sets a password, everyone must name
 *   themselves and every audit record carries a real name.
 */
#ifndef KAOHE_CLI_STORE_H
#define KAOHE_CLI_STORE_H

#include <stdbool.h>
#include "cli/cmd.h"
#include "kaohe/authz.h"
#include "kaohe/store.h"

#define KH_CLI_MAXARGS 32

struct kh_cli_args {
    int npos;
    char *pos[KH_CLI_MAXARGS];
    int nopt;
    const char *optname[KH_CLI_MAXARGS];
    const char *optval[KH_CLI_MAXARGS];   /* "" for flags */
};

/*
 * Split argv[1..] into positionals and options.  `valued` and `flags` are
 * space-separated option names without dashes ("db user reason");
 * --db/--user are always accepted.  --name=value works too.  Returns 0 or
 * prints a usage error and returns KH_EXIT_INPUT.
 */
int kh__cli_args(const struct kh_cmd *cmd, int argc, char **argv, const char *valued,
                 const char *flags, struct kh_cli_args *a);
/* The value of option name, "" for a present flag, NULL when absent. */
const char *kh__cli_opt(const struct kh_cli_args *a, const char *name);

/* Open the store and establish the actor (kh_store_login or
 * kh_store_actor_builtin: the store decides, the CLI only asks for the
 * password).  Prints the error and returns an exit status on failure (*s is
 * then NULL). */
int kh__cli_open(const struct kh_cmd *cmd, const struct kh_cli_args *a, bool create,
                 struct kh_store **s, struct kh_actor *actor);

/* Print the error and map its code to an exit status. */
int kh__cli_fail(const struct kh_cmd *cmd, const struct kh_error *err);

/* Read a password: KAOHE_PASSWORD, else the terminal without echo.  Returns
 * 0, or -1 when neither is available. */
int kh__cli_password(const char *prompt, char *out, size_t n);

#endif
