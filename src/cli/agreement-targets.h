/*
 * agreement-targets.h — `kaohe agreement propose|approve|return|list|print`,
 * the performance agreement of a stored cycle (SPEC §9.2).  cmd-agreement.c
 * owns the command name and sends these subcommands here; everything else
 * it treats as the rater-agreement analysis of a bundle (SPEC §8).
 */
#ifndef KAOHE_CLI_AGREEMENT_TARGETS_H
#define KAOHE_CLI_AGREEMENT_TARGETS_H

#include <stdbool.h>

/* Is word one of the subcommands handled here? */
bool kh__agreement_is_targets(const char *word);
/* cmd = kh_cmd_agreement, whose first positional is the subcommand.
 * Returns the exit status. */
struct kh_cmd;
struct kh_args;
int kh__agreement_targets_run(const struct kh_cmd *cmd, const struct kh_args *a);

#endif
