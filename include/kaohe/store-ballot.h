/*
 * store-ballot.h — 民主测评 at the meeting: one-time ballot slips for the
 * rater groups present, voted on a phone, counted as ratings (SPEC §4,
 * §7; issue 9 item 2).
 *
 * A ballot is one meeting: the year-end appraisal of one unit's team (领导
 * 班子) and its cadres, with the rater groups present and the number of
 * slips each group receives.  Creating it makes the slips: each a 128-bit
 * random token stored only as its SHA-256, carrying its rater group and
 * nothing else — no name, no seat, no number that the office could note
 * down against a person.  The token is printed once (CSV of links, QR
 * sheet) and never shown again.
 *
 * What a slip votes on, for its group g (the same reading the engine
 * applies, so nothing on the slip is silently ignored at compute time):
 *   the team: every qual leaf applicable in the unit's category (SPEC
 *     §11.11) whose `raters` give g a weight > 0 (an empty cell: every
 *     group), on the leaf's scale (default team: 好/较好/一般/差) — in the
 *     default scheme PB4 领导班子民主测评, the team's overall vote;
 *   each cadre of the unit, in cadres.csv order: every dimension of its
 *     position when the position's `groups` give g a weight > 0 (empty:
 *     every group), on the cadre scale (优秀/称职/基本称职/不称职): these
 *     are the level votes §11.20 counts for the vote flags.
 * 弃权 is offered on every item (SPEC §11.6: stored, never counted); an
 * item left blank is not rated at all.
 *
 * Submitting a slip is one transaction: the slip is unused, the ballot
 * open and the cycle in a state where ratings are entered (ballot.submit:
 * setup or evaluation); the slip is marked used by a conditional UPDATE
 * whose row count decides (two submissions of one slip: exactly one wins);
 * the group's `submitted` counter goes up by one and numbers a fresh
 * anonymous rater "B<ballot>.<group>.<k>" (raters.csv, group g), and every
 * vote becomes a rating of that rater (ratings.csv).  From then on the
 * engine sees ordinary ratings: group weights, combine (mean for mass
 * ballots), trimming, min_raters and vote flags apply unchanged.  k is the
 * order of submission within the group, not the slip's place on the sheet,
 * so not even the office's printout links a rating to a slip.
 *
 * Who may: ballot.create and ballot.close (admin), ballot.list and
 * ballot.show (admin, viewer), all through kh_authz_check.  ballot.submit
 * on the public slip page: the token is the credential (whoever holds the
 * slip votes, without an account, as with survey invitations), so only the
 * states of its row are applied (kh_authz_state_allows); a signed-in user
 * typing in a paper slip (kaohe ballot --submit) goes through the whole
 * check first (kh_store_ballot_submit_as: the admin).  Every change is
 * audited; a vote's audit record names the ballot and group, never a slip.
 */
#ifndef KAOHE_STORE_BALLOT_H
#define KAOHE_STORE_BALLOT_H

#include "kaohe/authz.h"
#include "kaohe/store-group.h"
#include "kaohe/store.h"

#define KH_BALLOT_TOKEN_HEX 33   /* 32 hex digits + NUL */
#define KH_BALLOT_MAXGROUPS 16
#define KH_BALLOT_MAXITEMS 256

/* A rater group present at the meeting and how many slips it receives. */
struct kh_ballot_group {
    const char *group;   /* rater_groups.csv code */
    long slips;          /* 1..10000 */
};

/* Create a ballot for unit of the cycle with the groups present; the new
 * ballot's id goes into id.  fn(ctx, 5, {group, group name, token, unit
 * name, cycle name}) is called once per slip inside the transaction,
 * group by group (print or
 * collect the tokens: they are never shown again).  Errors (nothing is
 * then stored): KH_EINVAL BALLOT_GROUPS_NONE / BALLOT_GROUP_BAD /
 * BALLOT_COUNT_BAD / BALLOT_GROUP_NOTHING, an unknown unit.  Action
 * ballot.create; audited once (the groups and counts, no token). */
int kh_store_ballot_create(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                           const char *unit, const struct kh_ballot_group *groups, int ngroups,
                           kh_store_row_fn fn, void *ctx, char id[24], struct kh_error *err);
/* Rows (id, unit, unit name, state, created, group, group name, issued,
 * submitted) of the cycle's ballots, one per ballot and group, by ballot
 * id then the groups' order at creation.  Action ballot.list. */
int kh_store_ballot_list(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                         kh_store_row_fn fn, void *ctx, struct kh_error *err);
/* Rows (group, group name, issued, submitted) of one ballot, then one row
 * ("", state, total issued, total submitted).  KH_ENOTFOUND BALLOT_UNKNOWN.
 * Action ballot.show. */
int kh_store_ballot_show(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                         const char *id, kh_store_row_fn fn, void *ctx, struct kh_error *err);
/* Close the ballot: no slip votes any more (closing twice is not an
 * error, and changes nothing).  KH_ENOTFOUND BALLOT_UNKNOWN.  Action
 * ballot.close; audited. */
int kh_store_ballot_close(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                          const char *id, struct kh_error *err);

/* What the slip page shows: the ballot, the unit, the slip's group, and
 * per item what is voted on.  kind "team" (ratee = the unit, item = a qual
 * leaf) or "cadre" (ratee = a cadre, item = a dimension); levels "a|b|弃权". */
struct kh_ballot_form {
    char ballot[24], cycle_name[512], unit[128], unit_name[512], group[128], group_name[512];
    int nitems;
    struct {
        char kind[8], ratee[128], ratee_name[256], position[256], item[128], item_name[256], levels[256];
    } items[KH_BALLOT_MAXITEMS];
};
/* Fill f for the slip of token (f is large: allocate it).  KH_ENOTFOUND
 * BALLOT_SLIP_UNKNOWN; KH_ESTATE BALLOT_SLIP_USED / BALLOT_CLOSED (the
 * slip's state is told before the ballot's, so a used slip says so even
 * after the meeting). */
int kh_store_ballot_open(struct kh_store *s, const char *token, struct kh_ballot_form *f,
                         struct kh_error *err);
/* Vote with the slip of token: votes[i] for item i of the form (a level
 * of its scale, or NULL / "" for not rated), in one transaction that uses
 * the slip up (see the essay).  KH_EINVAL BALLOT_VOTE_BAD (column: the
 * item's number) or BALLOT_EMPTY, and nothing is stored; the errors of
 * kh_store_ballot_open otherwise. */
int kh_store_ballot_submit(struct kh_store *s, const char *token, const char *const *votes, int nvotes,
                           struct kh_error *err);
/* The same vote as a job (store-group.h), for a group commit; token and
 * votes must outlive the job. */
void kh_store_ballot_submit_job(struct kh_store_job *job, const char *token, const char *const *votes, int nvotes);
/* kh_store_ballot_submit by a signed-in person (a paper slip typed in):
 * kh_authz_check of ballot.submit on the cycle first. */
int kh_store_ballot_submit_as(struct kh_store *s, const struct kh_actor *a, const char *cycle, const char *token,
                              const char *const *votes, int nvotes, struct kh_error *err);

#endif
