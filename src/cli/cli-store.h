/*
 * cli-store.h — what the database commands share: opening the store named
 * by --db / KAOHE_DB, and deciding who is acting.  (Their options are
 * parsed like every command's, by args.c.)
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

/* Open the store and establish the actor (kh_store_login or
 * kh_store_actor_builtin: the store decides, the CLI only asks for the
 * password).  Prints the error and returns an exit status on failure (*s is
 * then NULL). */
int kh__cli_open(const struct kh_cmd *cmd, const struct kh_args *a, bool create,
                 struct kh_store **s, struct kh_actor *actor);

/* Print the error and map its code to an exit status. */
int kh__cli_fail(const struct kh_cmd *cmd, const struct kh_error *err);

/* Read a password: KAOHE_PASSWORD, else the terminal without echo.  Returns
 * 0, or -1 when neither is available. */
int kh__cli_password(const char *prompt, char *out, size_t n);

#endif
