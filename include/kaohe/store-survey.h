/*
 * store-survey.h — citizens' satisfaction surveys by invitation (SPEC §5,
 * issue 9 item 1).
 *
 * The office creates invitations for a unit and a survey channel; each is
 * a 128-bit random token, stored only as its SHA-256, single use, with an
 * expiry.  The token is the whole credential: whoever holds the link may
 * answer once, without an account.  An answer is stored as one response
 * (responses.csv rows: response, unit, channel, item, answer) in the same
 * transaction that marks the invitation used, so a submission is either
 * durable and counted or did not happen, and a token is never half-used.
 * Nothing records which invitation produced which response.
 *
 * Surveys are answered while the cycle collects data (setup to
 * evaluation); the invitation's state is checked before the cycle's, so a
 * used link says so even after the survey has closed.
 */
#ifndef KAOHE_STORE_SURVEY_H
#define KAOHE_STORE_SURVEY_H

#include "kaohe/authz.h"
#include "kaohe/store-group.h"
#include "kaohe/store.h"

#define KH_SURVEY_TOKEN_HEX 33   /* 32 hex digits + NUL */

/* Create count invitations for unit and channel of the cycle, valid for
 * days days; fn(ctx, 1, {token}) is called once per new token inside the
 * transaction (print or collect it: it is never shown again).  The cycle
 * must have survey items; the channel must be one of cycle.csv's
 * survey_channels when it names any.  Action survey.invite; audited once. */
int kh_store_survey_invite(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                           const char *unit, const char *channel, long count, long days,
                           kh_store_row_fn fn, void *ctx, struct kh_error *err);
/* Rows (unit, channel, issued, used) of the cycle's invitations by unit
 * and channel.  Action survey.list. */
int kh_store_survey_counts(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                           kh_store_row_fn fn, void *ctx, struct kh_error *err);

/* What the public survey page shows for a token: the cycle's name, the
 * unit's code and name, the channel, and per survey item (code, text,
 * scale levels "a|b|c" in order).  KH_ENOTFOUND SURVEY_TOKEN_UNKNOWN,
 * KH_ESTATE SURVEY_TOKEN_USED / SURVEY_TOKEN_EXPIRED / SURVEY_CLOSED. */
struct kh_survey_form {
    char cycle_name[512], unit[128], unit_name[512], channel[64];
    int nitems;
    struct {
        char code[64], text[512], levels[512];
    } items[64];
};
int kh_store_survey_open(struct kh_store *s, const char *token, struct kh_survey_form *f,
                         struct kh_error *err);
/* Submit the answers (answers[i] for item i of kh_store_survey_open's form,
 * a level of its scale; NULL or "" = not answered) as one response, and use
 * the token up — in one transaction.  KH_EINVAL SURVEY_ANSWER_BAD (column:
 * the item code) when an answer is not a level; nothing is then stored. */
int kh_store_survey_submit(struct kh_store *s, const char *token, const char *const *answers,
                           int nanswers, struct kh_error *err);
/* The same submission as a job (store-group.h), for a group commit; token
 * and answers must outlive the job. */
void kh_store_survey_submit_job(struct kh_store_job *job, const char *token, const char *const *answers,
                                int nanswers);

#endif
