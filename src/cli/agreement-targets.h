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
/* argv[0] = "agreement", argv[1] = the subcommand.  Returns the exit status. */
int kh__agreement_targets_run(int argc, char **argv);

#endif
