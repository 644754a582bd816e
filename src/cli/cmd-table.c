/*
 * cmd-table.c — the registry of subcommands, in the order `kaohe --help`
 * lists them.  Add one line per command (see cmd.h's checklist).
 */
#include <stddef.h>
#include "cli/cmd.h"

extern const struct kh_cmd kh_cmd_version;
extern const struct kh_cmd kh_cmd_ahp;
extern const struct kh_cmd kh_cmd_entropy;
extern const struct kh_cmd kh_cmd_weights;
extern const struct kh_cmd kh_cmd_sensitivity;
extern const struct kh_cmd kh_cmd_agreement;

const struct kh_cmd *const kh_cmd_table[] = {
    &kh_cmd_version,
    &kh_cmd_ahp,
    &kh_cmd_entropy,
    &kh_cmd_weights,
    &kh_cmd_sensitivity,
    &kh_cmd_agreement,
    NULL,
};
