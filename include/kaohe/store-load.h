/*
 * store-load.h — whole cycles in and out of the store (store-load.c):
 * import a bundle folder, load a cycle as a validated bundle, export it
 * with its results, compute and store results.  Kept apart from store.h
 * because these are the only store functions that need the bundle reader
 * and the engine.
 */
#ifndef KAOHE_STORE_LOAD_H
#define KAOHE_STORE_LOAD_H

#include <stdbool.h>
#include "kaohe/bundle.h"
#include "kaohe/authz.h"
#include "kaohe/store.h"
#include "kaohe/buf.h"

/* Validate the bundle in dir and store it as a cycle in state setup (with
 * replace: replacing a cycle that is still in setup), in one transaction.
 * The cycle's code is cycle.csv's `code`, or cycle_code (may be NULL) when
 * the bundle has none; both present and different is KH_EINVAL.  code
 * receives the code used.  Empty growth baselines are accepted when
 * cycle.csv names a `previous` cycle (filled by kh_store_load).  Bundle
 * errors go to diags (KH_EINVAL).  Action cycle.import. */
int kh_store_import_dir(struct kh_store *s, const struct kh_actor *a, const char *dir, bool replace,
                        const struct kh_bundle_read_opts *opts, const char *cycle_code,
                        struct kh_diags *diags, char code[128], struct kh_error *err);
/* Load a cycle as a validated bundle (b: initialised; caller releases).
 * Year over year: when the cycle names a `previous` cycle, every growth
 * leaf's empty baseline (empty cell, or no targets.csv row) of a unit with a
 * year-end value is filled with the previous cycle's year-end value of the
 * same unit and leaf before validation, so compute and export see it; a
 * missing previous cycle or value is a located error.  The caller names
 * the action it loads for (e.g. progress.read) and what it concerns (t may
 * be NULL); that action is checked. */
int kh_store_load(struct kh_store *s, const struct kh_actor *a, enum kh_action act,
                  const struct kh_authz_target *t, const char *code, struct kh_bundle *b,
                  struct kh_diags *diags, struct kh_error *err);
/*
 * A cycle as `export` hands it out, in memory: the validated bundle (as
 * kh_store_load gives it), the stored result files (the bytes compute
 * stored, in table order; result_name are static file names such as
 * "results_units.csv"), and the cycle's code and computed_at ("" when never
 * computed).  Filled by kh_store_export, released by kh_export_release.
 */
#define KH_EXPORT_MAXFILES 16
struct kh_export {
    struct kh_bundle bundle;
    size_t nresults;
    const char *result_name[KH_EXPORT_MAXFILES];
    struct kh_buf result[KH_EXPORT_MAXFILES];
    char code[128];
    char computed_at[32];
};
/* Load the cycle's bundle and stored result files into x (any prior
 * content is overwritten, not released).  Action cycle.export — the one
 * check every form of export goes through.  On failure x is left released;
 * on success the caller calls kh_export_release. */
int kh_store_export(struct kh_store *s, const struct kh_actor *a, const char *code,
                    struct kh_export *x, struct kh_diags *diags, struct kh_error *err);
/* Release what kh_store_export filled; x is then empty (safe to repeat). */
void kh_export_release(struct kh_export *x);
/* Write x's bundle and result files into dir (created if needed), as
 * `kaohe export CYCLE DIR` does.  Returns 0 or KH_EIO. */
int kh_export_write_dir(const struct kh_export *x, const char *dir, struct kh_error *err);
/* kh_store_export then kh_export_write_dir.  Action cycle.export. */
int kh_store_export_dir(struct kh_store *s, const struct kh_actor *a, const char *code, const char *dir,
                        struct kh_diags *diags, struct kh_error *err);
/* Run the engine on the stored cycle and replace its stored results
 * (action cycle.compute).  summary (may be NULL) receives the readable
 * ranking per category (summary.h) in lang, the caller's language (the
 * stored results do not depend on it). */
struct kh_buf;
int kh_store_compute(struct kh_store *s, const struct kh_actor *a, const char *code, struct kh_buf *summary,
                     enum kh_lang lang, struct kh_diags *diags, struct kh_error *err);

/*
 * One stored result file of the cycle as CSV (header and rows in file
 * order, the bytes compute stored), appended to out; unit not NULL/"" keeps
 * the rows of that unit only.  file is a result file name
 * ("results_units.csv", …; KH_EINVAL otherwise); KH_ENOTFOUND when the cycle
 * has no such stored file (never computed, or no warnings).  Who may: the
 * admin and a viewer in any state (results.read); a unit user only its own
 * unit's rows and only once the cycle is published — publicity or final
 * (results.own; no unit given means its own).
 */
int kh_store_results_csv(struct kh_store *s, const struct kh_actor *a, const char *code,
                         const char *file, const char *unit, struct kh_buf *out,
                         struct kh_error *err);

/*
 * What the public may read once a cycle is published (公示, SPEC §9.4):
 * rows of three kinds —
 *   ("info", key, value): name, state_since, state, publicity_days, appeal_days,
 *    then the office's choice (store-publicity.h): show_ranking,
 *    show_composite, show_dimensions (1/0), start, end (the period),
 *    contact, howto ("" = the standard text), appeal_deadline;
 *   ("unit", code, name, category, category name, composite, rank in the
 *    category, grade), in results order;
 *   ("dim", unit, node, node name, score) for each first-level dimension.
 * A part the office turned off is absent: no composite ("" cells), no rank
 * nor grade ("" cells, units by category then code), no dim rows.
 * No actor: anyone may read it, but only while the cycle is in a state the
 * action public.read allows (publicity, final), else KH_ESTATE
 * STORE_NOT_PUBLISHED; KH_ENOTFOUND for an unknown cycle or one never
 * computed.
 */
int kh_store_public_results(struct kh_store *s, const char *code, kh_store_row_fn fn, void *ctx,
                            struct kh_error *err);

/*
 * The tracking warnings of SPEC §9.3 on the stored data as it is now (the
 * engine run on the loaded cycle, nothing stored): rows (unit, indicator,
 * period, expected, actual, ratio, level green|yellow|red) in the engine's
 * order; unit NULL/"" = every unit (a unit user: its own).  Action
 * progress.read.  What `kaohe track CYCLE` prints and the web's values
 * page shows.
 */
int kh_store_progress(struct kh_store *s, const struct kh_actor *a, const char *code,
                      const char *unit, kh_store_row_fn fn, void *ctx, struct kh_diags *diags,
                      struct kh_error *err);

#endif
