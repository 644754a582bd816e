/*
 * store-rectify.h — rectification items (整改事项, SPEC §9.6).
 *
 * Once a cycle is final the admin records, per unit, the problems it must
 * rectify (optionally naming the leaf concerned).  An item stays open until
 * the admin closes it with a note.  Every open item carries into the
 * performance agreement of each later cycle of the same series — a cycle
 * whose `previous` chain (cycles.previous, FORMATS.md) leads back to the
 * item's cycle — where the unit answers it with a target (a commitment of
 * the plan) or a note.  Approving any of a unit's targets in such a cycle
 * (target.approve, store-targets.c) is refused while one of its carried
 * items has no answer in that cycle; the refusal names the items.  The
 * printed agreement lists the carried items with their answers.
 *
 * Actions (authz.h): rectify.add and rectify.close — admin, on a final
 * cycle (the item's own); rectify.list — admin and viewer all units, a unit
 * user its own; rectify.answer — the unit for itself or the admin on its
 * behalf, in the later cycle's `agreement` state.  Each function runs in
 * its own transaction, calls kh_authz_check first, and appends one audit
 * record (entity "rectify", key CYCLE/ID) per change.
 */
#ifndef KAOHE_STORE_RECTIFY_H
#define KAOHE_STORE_RECTIFY_H

#include "kaohe/authz.h"
#include "kaohe/store.h"

/* Record an item for unit of the final cycle; leaf NULL/"" = none (else a
 * node or leaf of the cycle).  text is required.  id receives its id. */
int kh_store_rectify_add(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                         const char *unit, const char *text, const char *leaf, char id[24],
                         struct kh_error *err);
/* Rows (id, unit, leaf, text, state, created_at, created_by, closed_at,
 * closed_by, close_note) of the items recorded for cycle, by id; unit
 * NULL/"" = every unit (a unit user: its own, and naming another is
 * refused). */
int kh_store_rectify_list(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                          const char *unit, kh_store_row_fn fn, void *ctx, struct kh_error *err);
/* Close an open item with a note (required): it no longer carries. */
int kh_store_rectify_close(struct kh_store *s, const struct kh_actor *a, const char *id,
                           const char *note, struct kh_error *err);
/* Answer an open item carried into cycle (in agreement): kind "target" or
 * "note", text required; a second answer in the same cycle replaces the
 * first (audited as an update). */
int kh_store_rectify_answer(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                            const char *id, const char *kind, const char *text,
                            struct kh_error *err);

#endif
