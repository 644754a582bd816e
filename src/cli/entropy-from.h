/*
 * entropy-from.h — `kaohe entropy --from`: the data matrix of a bundle node
 * (cmd-entropy.c explains the selection).  Arrays are malloc'd for the
 * caller (kh__cli_free_list for string lists, free for the rest).  Returns
 * 0 or a process exit status, having printed the reason.
 */
#ifndef KAOHE_CLI_ENTROPY_FROM_H
#define KAOHE_CLI_ENTROPY_FROM_H

#include <stdbool.h>
#include <stddef.h>
#include "cli/cmd.h"

int kh__entropy_from_bundle(const struct kh_cmd *cmd, const char *dir, const char *node,
                            const char *cat, size_t *m, size_t *n, char ***units, char ***crit,
                            double **x, bool **cost, char ***skipped, size_t *nskipped);

#endif
