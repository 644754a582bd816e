/*
 * report-stored.h — what a printable report of a stored cycle reads from
 * the store, in one place for `kaohe report` and the web's PDF downloads.
 *
 * A stored cycle's reports show the numbers that were published: the cycle
 * is loaded and evaluated again (the engine is deterministic) and its
 * results_units.csv must equal the stored one byte for byte, else the cycle
 * changed after `compute` and is refused (REPORT_STALE) rather than printed
 * with numbers nobody computed.  A cycle never computed is refused
 * (REPORT_NOT_COMPUTED).  The date of the report is the cycle's computed_at.
 */
#ifndef KAOHE_REPORT_STORED_H
#define KAOHE_REPORT_STORED_H

#include "kaohe/authz.h"
#include "kaohe/engine.h"
#include "kaohe/pdf-report.h"
#include "kaohe/store.h"

struct kh_diags;
struct kh_error;

/*
 * Load cycle code for a report under action act (results.read; t may be
 * NULL) into b (initialised by the caller, released by the caller on any
 * return) and r (the caller releases it after success), and its date
 * (YYYY-MM-DD) into date.  b's cycle code is the stored code when its
 * cycle.csv has none.  Returns 0, the store's refusal, KH_ESTATE
 * (REPORT_NOT_COMPUTED, REPORT_STALE) or a bundle error with its
 * diagnostics in d.
 */
int kh_report_stored_load(struct kh_store *s, const struct kh_actor *a, enum kh_action act,
                          const struct kh_authz_target *t, const char *code, struct kh_bundle *b,
                          struct kh_results *r, char date[16], struct kh_diags *d,
                          struct kh_error *err);

/*
 * What the feedback report adds for a stored cycle (x, zeroed by the
 * caller): the previous cycle's figures per unit (when cycles.previous
 * names one; a previous cycle without results shows as "no result") and
 * this cycle's rectification items (rectify.list decides who may).
 * Strings live in b's arena; release x with kh_report_feedback_release.
 */
int kh_report_feedback_load(struct kh_store *s, const struct kh_actor *a, const char *code,
                            struct kh_bundle *b, struct kh_feedback_extra *x, struct kh_error *err);
void kh_report_feedback_release(struct kh_feedback_extra *x);

#endif
