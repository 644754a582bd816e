/*
 * cmd-table.c — the registry of subcommands, in the order `kaohe --help`
 * lists them.  Add one line per command (see cmd.h's checklist).
 */
#include <stddef.h>
#include "cli/cmd.h"

extern const struct kh_cmd kh_cmd_version;
extern const struct kh_cmd kh_cmd_sample;
extern const struct kh_cmd kh_cmd_init;
extern const struct kh_cmd kh_cmd_user;
extern const struct kh_cmd kh_cmd_cycle;
extern const struct kh_cmd kh_cmd_audit;
extern const struct kh_cmd kh_cmd_backup;
/* see cmd-import.c */
#ifdef KH_STORE_LOAD
extern const struct kh_cmd kh_cmd_import, kh_cmd_export;
#endif
#ifdef KH_STORE_COMPUTE   /* needs the result renderer */
extern const struct kh_cmd kh_cmd_compute;
#endif

const struct kh_cmd *const kh_cmd_table[] = {
    &kh_cmd_sample,
    &kh_cmd_version,
    &kh_cmd_init,
    &kh_cmd_user,
    &kh_cmd_cycle,
    &kh_cmd_audit,
    &kh_cmd_backup,
#ifdef KH_STORE_LOAD
    &kh_cmd_import,
    &kh_cmd_export,
#endif
#ifdef KH_STORE_COMPUTE
    &kh_cmd_compute,
#endif
    NULL,
};
