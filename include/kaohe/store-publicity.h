/*
 * store-publicity.h — what 公示 shows, as the office chose it (SPEC §9.4;
 * issue 9 item 4).
 *
 * Per cycle, the office decides which parts of the results the public page
 * (/public/CYCLE, `kaohe results CYCLE --public`) shows — the ranking per
 * township type with grades, the composite scores, each unit's first-level
 * dimension scores —, the publication period, and the text on how to
 * appeal (a contact; the deadline is always state_since + appeal_days).
 * The choice is enforced in the store: a part turned off is not in the rows
 * kh_store_public_results gives, so no page or export can show it.
 *
 * Defaults (no choice made): every part shown; the period from the day the
 * cycle entered publicity for publicity_days (cycle.csv, default 7) days;
 * no contact; the standard sentence on how to appeal.
 *
 * Who: action publicity.configure (admin, in any state before final:
 * settings can be prepared before publicity and corrected during it),
 * audited with the settings before and after.  Reading them is cycle.show.
 */
#ifndef KAOHE_STORE_PUBLICITY_H
#define KAOHE_STORE_PUBLICITY_H

#include <stdbool.h>
#include "kaohe/authz.h"
#include "kaohe/store.h"

#define KH_PUBLICITY_TEXT_MAX 2000

struct kh_publicity {
    bool show_ranking, show_composite, show_dimensions;
    char start[11], end[11];       /* effective dates YYYY-MM-DD ("" = not known yet) */
    bool start_chosen, end_chosen; /* set by the office, not the default */
    char contact[KH_PUBLICITY_TEXT_MAX + 1];
    char howto[KH_PUBLICITY_TEXT_MAX + 1];   /* "" = the standard sentence */
    long appeal_days;
    char appeal_deadline[32];      /* ISO time; "" before publicity */
};

/* A change: NULL fields stay as they are; "" resets a text or date to the
 * default.  parts: comma-separated ranking,composite,dimensions, or
 * "none"; the parts named are shown, the others not. */
struct kh_publicity_change {
    const char *parts, *start, *end, *contact, *howto;
};

/* The settings of cycle code in effect now.  a NULL: the public (no
 * check; kh_store_public_results), else action cycle.show. */
int kh_store_publicity_get(struct kh_store *s, const struct kh_actor *a, const char *code,
                           struct kh_publicity *out, struct kh_error *err);
/* Apply a change; action publicity.configure; audited (entity
 * "publicity", key the cycle code).  KH_EINVAL with the field for a bad
 * date, period, part or an over-long text. */
int kh_store_publicity_set(struct kh_store *s, const struct kh_actor *a, const char *code,
                           const struct kh_publicity_change *ch, struct kh_error *err);

#endif
