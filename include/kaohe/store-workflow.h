/*
 * store-workflow.h — the data a cycle gathers while it moves through its
 * workflow (SPEC §9.2–§9.4): performance-agreement targets, tracking and
 * year-end values, appeals.  Every function runs in its own transaction
 * (kh_store_tx), calls kh_authz_check first (the action is named at each
 * function), and appends one audit record per changed row with
 * before/after JSON.  A list of a unit user is confined to its own unit.
 *
 * Which state allows what (authz.h's table; docs/workflow.md prints it):
 *   targets            agreement only (propose: admin or the unit itself;
 *                      approve/return: admin)
 *   tracking values    (periods Q1…Q4, M01…M12) setup or tracking (admin,
 *                      reporter, the unit itself)
 *   year-end values    (period Y) setup or evaluation (admin, reporter)
 *   appeals            filed in publicity within appeal_days of entering it
 *                      (the unit itself or admin); accepted (a corrected
 *                      year-end value, then recompute) or rejected with a
 *                      reason by the admin, in publicity
 *   final              nothing; `cycle reopen` is the only way back
 * Bulk changes in setup go through `import --replace`.
 */
#ifndef KAOHE_STORE_WORKFLOW_H
#define KAOHE_STORE_WORKFLOW_H

#include <stdbool.h>
#include "kaohe/authz.h"
#include "kaohe/store.h"

struct kh_buf;
struct kh_diags;

/* ---- performance agreement (store-targets.c) ---- */

/* A unit proposes (or re-proposes) its target for a `target`-scored leaf,
 * with a justification (note, required). */
int kh_store_target_propose(struct kh_store *s, const struct kh_actor *a,
    const char *cycle, const char *unit,
                            const char *leaf, const char *target, const char *note,
                            struct kh_error *err);
/* The admin approves (comment optional) or returns (comment required) a
 * proposed target.  Approval is refused (KH_ESTATE naming the items) while
 * a rectification item carried into the cycle for the unit is unanswered
 * (store-rectify.h). */
int kh_store_target_decide(struct kh_store *s, const struct kh_actor *a,
    const char *cycle, const char *unit,
                           const char *leaf, bool approve, const char *comment,
                           struct kh_error *err);
/* Rows (unit, indicator, target, baseline, status, note, review_note) of the
 * cycle's targets in file order; unit NULL = every unit. */
int kh_store_targets_list(struct kh_store *s, const struct kh_actor *a,
    const char *cycle, const char *unit,
                          kh_store_row_fn fn, void *ctx, struct kh_error *err);
/* The signed agreement of a unit as text (Chinese with English headings):
 * every approved target with its baseline and quarterly milestones
 * (the leaf's `schedule`, else k/4), the rectification items carried over
 * from earlier cycles with the unit's answers (store-rectify.h), and
 * signature lines.  Appended to out. */
/* The same agreement as data (agreement.h), for the PDF: out is filled
 * (release it with kh_agreement_release) or left empty on error.  Action
 * agreement.print. */
struct kh_agreement;
int kh_store_agreement_get(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                           const char *unit, struct kh_agreement *out, struct kh_error *err);
int kh_store_agreement_text(struct kh_store *s, const struct kh_actor *a,
    const char *cycle, const char *unit,
                            struct kh_buf *out, struct kh_error *err);

/* ---- values (store-values.c) ---- */

/* Enter a value of a quant leaf for a period (Y, Qk, Mkk); source may be
 * NULL.  State and role rules as above. */
int kh_store_value_set(struct kh_store *s, const struct kh_actor *a,
    const char *cycle, const char *unit, const char *leaf,
                       const char *period, const char *value, const char *source,
                       struct kh_error *err);

/* Several values in one transaction, all or nothing (a grid or a paste
 * from a spreadsheet): each entry is checked exactly as by
 * kh_store_value_set; on failure nothing is stored and *bad (may be NULL)
 * receives the index of the first entry that failed. */
struct kh_value_entry {
    const char *unit, *leaf, *period, *value, *source;
};
int kh_store_values_set(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                        const struct kh_value_entry *v, size_t n, size_t *bad, struct kh_error *err);
/* Rows (unit, indicator, period, value, source) of the cycle's values in
 * file order, period NULL/"" = all; a unit user sees its own unit, a
 * reporter the leaves of its department.  Action progress.read. */
int kh_store_values_list(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                         const char *period, kh_store_row_fn fn, void *ctx, struct kh_error *err);

/* ---- appeals (store-appeal.c) ---- */

/* File an appeal on one leaf of a unit with a reason and natt attached
 * files (store-attachment.h: checked first, stored in the same
 * transaction; att may be NULL when natt is 0); id receives its id. */
struct kh_attachment_in;
int kh_store_appeal_file(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                         const char *unit, const char *leaf, const char *reason,
                         const struct kh_attachment_in *att, int natt, char id[24],
                         struct kh_error *err);
/* Accept (value: the corrected year-end value, required; the cycle is then
 * recomputed in the same transaction) or reject (reason required). */
int kh_store_appeal_decide(struct kh_store *s, const struct kh_actor *a,
    const char *id, bool accept, const char *value,
                           const char *reason, struct kh_diags *diags, struct kh_error *err);
/* Rows (id, unit, indicator, state, reason, filed_by, filed_at, decided_by,
 * decided_at, decision, new_value) of the cycle; open_only filters. */
int kh_store_appeals_list(struct kh_store *s, const struct kh_actor *a,
    const char *cycle, bool open_only,
                          kh_store_row_fn fn, void *ctx, struct kh_error *err);

/*
 * Ratings (评分, SPEC §4) entered one at a time after import (store-ratings.c):
 * the rating of `rater` for `ratee` (a unit or cadre code) on `item` (a qual
 * leaf or a cadre dimension), score a level of the item's scale or a number
 * in [0, 100].  A second rating of the same (rater, ratee, item) replaces the
 * first.  Action rating.enter: a rater user only as its own rater code
 * (rater NULL/"" = its own), the admin for any rater; in setup or
 * evaluation.  Audited.  A rater user's entry is a draft of its form
 * (store-rating-forms.c): it counts only once submitted, and is refused
 * with KH_ESTATE (RATING_SUBMITTED) while (rater, ratee) is submitted; the
 * admin's entry goes straight into the ratings.
 */
int kh_store_rating_set(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                        const char *rater, const char *ratee, const char *item,
                        const char *score, struct kh_error *err);
/* Rows (rater, ratee, item, score, status) of the ratings in file order,
 * status "submitted" (its form is submitted) or "entered" (imported, typed
 * in by the office, or reopened); for a rater user its own only, followed
 * by its drafts (status "draft", by ratee and item) — nobody else's.
 * Action rating.list. */
int kh_store_ratings_list(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                          kh_store_row_fn fn, void *ctx, struct kh_error *err);

/*
 * Rater forms (store-rating-forms.c).  kh_store_rating_submit: the rater's
 * drafts for ratee become ratings (replacing the same items, new ones
 * appended) and the form (rater, ratee) is submitted, read-only from then
 * on; KH_ESTATE if it already is, KH_EINVAL when there is neither a draft
 * nor a rating to submit.  Action rating.submit (a rater user, its own:
 * rater NULL/"" = its own code).  submitted (32 bytes) gets the time and
 * *moved the number of drafts moved; either may be NULL.
 * kh_store_rating_reopen: the admin makes a submitted form editable again
 * (the submitted ratings stay and count until resubmitted); reason
 * required (KH_EUSAGE), KH_EINVAL when the form is not submitted.  Action
 * rating.reopen (admin, evaluation).  Both audited (entity rating-form).
 */
int kh_store_rating_submit(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                           const char *rater, const char *ratee, char submitted[32], long *moved,
                           struct kh_error *err);
int kh_store_rating_reopen(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                           const char *rater, const char *ratee, const char *reason,
                           struct kh_error *err);
/* One row per form (rater, ratee) that has ratings, drafts or a
 * submission: (rater, ratee, status, submitted_at, drafts, ratings), status
 * "submitted", "draft" (drafts not submitted) or "entered" (ratings only),
 * by rater and ratee; a rater user gets its own forms only.  Action
 * rating.list. */
int kh_store_rating_forms(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                          kh_store_row_fn fn, void *ctx, struct kh_error *err);

/* The rater group (code, name) of a rater user's own rater code — what
 * its form shows it; nothing for other roles.  Action rating.list. */
int kh_store_rater_group(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                         kh_store_row_fn fn, void *ctx, struct kh_error *err);

#endif
