/*
 * cmd-table.c — the registry of subcommands, in the order `kaohe --help`
 * lists them.  Add one line per command (see cmd.h's checklist).
 */
#include <stddef.h>
#include "cli/cmd.h"

extern const struct kh_cmd kh_cmd_eval;
extern const struct kh_cmd kh_cmd_validate;
extern const struct kh_cmd kh_cmd_sample;
extern const struct kh_cmd kh_cmd_init;
extern const struct kh_cmd kh_cmd_import;
extern const struct kh_cmd kh_cmd_export;
extern const struct kh_cmd kh_cmd_compute;
extern const struct kh_cmd kh_cmd_cycle;
extern const struct kh_cmd kh_cmd_track;
extern const struct kh_cmd kh_cmd_appeal;
extern const struct kh_cmd kh_cmd_publicity;
extern const struct kh_cmd kh_cmd_rectify;
extern const struct kh_cmd kh_cmd_user;
extern const struct kh_cmd kh_cmd_audit;
extern const struct kh_cmd kh_cmd_backup;
extern const struct kh_cmd kh_cmd_authz;
extern const struct kh_cmd kh_cmd_results;
extern const struct kh_cmd kh_cmd_report;
extern const struct kh_cmd kh_cmd_rating;
extern const struct kh_cmd kh_cmd_ahp;
extern const struct kh_cmd kh_cmd_entropy;
extern const struct kh_cmd kh_cmd_weights;
extern const struct kh_cmd kh_cmd_sensitivity;
extern const struct kh_cmd kh_cmd_agreement;
extern const struct kh_cmd kh_cmd_concordance;
extern const struct kh_cmd kh_cmd_serve;
extern const struct kh_cmd kh_cmd_invite;
extern const struct kh_cmd kh_cmd_scheme;
extern const struct kh_cmd kh_cmd_setup;
extern const struct kh_cmd kh_cmd_ballot;
extern const struct kh_cmd kh_cmd_version;

const struct kh_cmd *const kh_cmd_table[] = {
    &kh_cmd_eval,
    &kh_cmd_validate,
    &kh_cmd_sample,
    &kh_cmd_init,
    &kh_cmd_import,
    &kh_cmd_export,
    &kh_cmd_compute,
    &kh_cmd_results,
    &kh_cmd_report,
    &kh_cmd_cycle,
    &kh_cmd_track,
    &kh_cmd_rating,
    &kh_cmd_appeal,
    &kh_cmd_publicity,
    &kh_cmd_rectify,
    &kh_cmd_invite,
    &kh_cmd_scheme,
    &kh_cmd_setup,
    &kh_cmd_ballot,
    &kh_cmd_user,
    &kh_cmd_audit,
    &kh_cmd_backup,
    &kh_cmd_serve,
    &kh_cmd_authz,
    &kh_cmd_ahp,
    &kh_cmd_entropy,
    &kh_cmd_weights,
    &kh_cmd_sensitivity,
    &kh_cmd_agreement,
    &kh_cmd_concordance,
    &kh_cmd_version,
    NULL,
};
