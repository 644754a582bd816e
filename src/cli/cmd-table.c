/*
 * cmd-table.c — the registry of subcommands, in the order `kaohe --help`
 * lists them.  Add one line per command (see cmd.h's checklist).
 */
#include <stddef.h>
#include "cli/cmd.h"

extern const struct kh_cmd kh_cmd_eval;
extern const struct kh_cmd kh_cmd_validate;
extern const struct kh_cmd kh_cmd_sample;
extern const struct kh_cmd kh_cmd_version;

const struct kh_cmd *const kh_cmd_table[] = {
    &kh_cmd_eval,
    &kh_cmd_validate,
    &kh_cmd_sample,
    &kh_cmd_version,
    NULL,
};
