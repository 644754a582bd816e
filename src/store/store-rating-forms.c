/*
 * store-rating-forms.c — a rater's forms: drafts, one submission per
 * ratee, and the office's reopen (issue 9 item 3; store-workflow.h).
 *
 * What it owns.  The tables of schema version 9: rating_drafts (what a
 * rater user has entered and not yet submitted, keyed (cycle, rater,
 * ratee, item)) and rating_submissions (the (cycle, rater, ratee) forms
 * that are submitted and read-only).  The cycle's `ratings` table stays
 * the bundle's ratings.csv and is the only thing the engine, export and
 * progress read, so a draft never counts and never leaves the database
 * with an export: what a rater has not submitted has not been said.
 *
 * The life of one form (rater R, ratee E):
 *   open       R's rating.enter (kaohe rating set, the web form) is a
 *              draft: validated exactly as a rating is (kh__rating_check,
 *              store-ratings.c — the one copy), stored in rating_drafts.
 *   submitted  R's rating.submit moves every draft for E into ratings
 *              (kh__rating_put: same (R, E, item) replaced in place, new
 *              ones appended in item order, as kh_store_rating_set does)
 *              and records the submission; from then on R's entries for
 *              E are refused (KH_ESTATE RATING_SUBMITTED, HTTP 409).  A
 *              submission with no draft is allowed when E already has
 *              ratings of R (a bundle's, or the ones a reopen left) —
 *              it confirms them; with neither it is an error.
 *   reopened   the admin's rating.reopen (evaluation only, a reason
 *              required) deletes the submission row; the ratings already
 *              submitted stay in `ratings` and count until R submits
 *              again, so a reopen never makes a cycle lose data.
 * The admin's own rating.enter (paper forms typed in by the office) goes
 * straight into ratings, submitted or not: the office is the authority a
 * submission is made to.  The admin does not submit on a rater's behalf
 * (rating.submit is the rater's role only): a submission is the rater's
 * own statement that its form is final.
 *
 * Every change is audited: a draft (entity rating-draft), each rating a
 * submission writes (entity rating, reason "submit"), the submission and
 * the reopen with its reason (entity rating-form, key cycle/rater/ratee).
 * Who may is authz.h's table (rating.enter, rating.submit, rating.reopen,
 * rating.list); a rater reads only its own forms and drafts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/authz.h"
#include "kaohe/error.h"
#include "kaohe/msg-store.h"
#include "kaohe/store-workflow.h"
#include "kaohe/xalloc.h"
#include "store/store-int.h"

/* The submission time of (rater, ratee) into at (32 bytes), "" if open. */
static int submitted_at(struct kh_store *s, const struct kh_cycle_row *c, const char *rater,
                        const char *ratee, char at[32], struct kh_error *err)
{
    at[0] = '\0';
    const char *p[] = {c->id, rater, ratee};
    int rc = kh_store_query_text(s, "SELECT submitted_at FROM rating_submissions WHERE cycle_id = $1 "
                                    "AND rater = $2 AND ratee = $3", p, 3, at, 32, NULL, err);
    if (rc == KH_ENOTFOUND && err != NULL)
        kh_error_clear(err);
    return rc == KH_ENOTFOUND ? 0 : rc;
}

static void form_key(const struct kh_cycle_row *c, const char *rater, const char *ratee, char *key,
                     size_t n)
{
    snprintf(key, n, "%s/%s/%s", c->code, rater, ratee);
}

int kh__rating_draft_put(struct kh_store *s, const struct kh_actor *a, const struct kh_cycle_row *c,
                         const char *rater, const char *ratee, const char *item, const char *score,
                         struct kh_error *err)
{
    char at[32], now[32], old[128] = "";
    int rc = submitted_at(s, c, rater, ratee, at, err);
    if (rc != 0)
        return rc;
    if (at[0] != '\0')
        return KH_ERR(err, KH_ESTATE, RATING_SUBMITTED, rater, ratee);
    const char *k[] = {c->id, rater, ratee, item};
    rc = kh_store_query_text(s, "SELECT score FROM rating_drafts WHERE cycle_id = $1 AND rater = $2 "
                                "AND ratee = $3 AND item = $4", k, 4, old, sizeof old, NULL, err);
    bool found = rc == 0;
    if (rc != 0 && rc != KH_ENOTFOUND)
        return rc;
    if (err != NULL)
        kh_error_clear(err);
    kh__store_now(now);
    const char *p[] = {c->id, rater, ratee, item, score, now};
    rc = found ? kh_store_exec(s, "UPDATE rating_drafts SET score = $5, at = $6 WHERE cycle_id = $1 AND "
                                  "rater = $2 AND ratee = $3 AND item = $4", p, 6, NULL, err)
               : kh_store_exec(s, "INSERT INTO rating_drafts (cycle_id, rater, ratee, item, score, at) "
                                  "VALUES ($1, $2, $3, $4, $5, $6)", p, 6, NULL, err);
    if (rc != 0)
        return rc;
    char key[700];
    snprintf(key, sizeof key, "%s/%s/%s/%s", c->code, rater, ratee, item);
    char *before = found ? kh__store_json("score", old, NULL) : NULL;
    char *after = kh__store_json("score", score, NULL);
    rc = kh_store_audit(s, a, found ? "update" : "insert", "rating-draft", key, before, after, NULL, err);
    free(before);
    free(after);
    return rc;
}

int kh__rating_drafts_list(struct kh_store *s, const struct kh_cycle_row *c, const char *rater,
                           kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    const char *p[] = {c->id, rater};
    return kh_store_query(s, "SELECT rater, ratee, item, score, 'draft' FROM rating_drafts WHERE "
                             "cycle_id = $1 AND rater = $2 ORDER BY ratee, item", p, 2, fn, ctx, err);
}

int kh__rating_forms_delete(struct kh_store *s, const char *cycle_id, struct kh_error *err)
{
    const char *p[] = {cycle_id};
    int rc = kh_store_exec(s, "DELETE FROM rating_drafts WHERE cycle_id = $1", p, 1, NULL, err);
    if (rc == 0)
        rc = kh_store_exec(s, "DELETE FROM rating_submissions WHERE cycle_id = $1", p, 1, NULL, err);
    return rc;
}

/* ---- submit ---- */

struct draft {
    char *item, *score;
};

struct drafts {
    struct draft *v;
    size_t n, cap;
};

static int draft_row(void *ctx, int ncols, const char *const *c)
{
    struct drafts *d = ctx;
    if (ncols < 2)
        return 0;
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 16;
        d->v = kh_xrealloc(d->v, d->cap * sizeof *d->v);
    }
    d->v[d->n].item = kh_xstrdup(c[0] ? c[0] : "");
    d->v[d->n].score = kh_xstrdup(c[1] ? c[1] : "");
    d->n++;
    return 0;
}

static void drafts_release(struct drafts *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].item);
        free(d->v[i].score);
    }
    free(d->v);
    *d = (struct drafts){0};
}

struct form_ctx {
    const struct kh_actor *actor;
    const char *cycle, *rater, *ratee, *reason;
    char at[32];     /* out: the submission time */
    long moved;      /* out: drafts that became ratings */
};

static int submit_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct form_ctx *x = ctx;
    struct kh_cycle_row c;
    struct kh_authz_target t = {.rater = x->rater};
    struct drafts d = {0};
    char at[32], nrated[24] = "0", key[600];
    int rc = kh__store_cycle_get(s, x->cycle, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, x->actor, KH_ACT_RATING_SUBMIT, &c, &t, err);
    if (rc == 0)
        rc = submitted_at(s, &c, x->rater, x->ratee, at, err);
    if (rc != 0)
        goto out;
    if (at[0] != '\0') {
        rc = KH_ERR(err, KH_ESTATE, RATING_SUBMITTED, x->rater, x->ratee);
        goto out;
    }
    const char *k[] = {c.id, x->rater, x->ratee};
    rc = kh_store_query(s, "SELECT item, score FROM rating_drafts WHERE cycle_id = $1 AND rater = $2 "
                           "AND ratee = $3 ORDER BY item", k, 3, draft_row, &d, err);
    if (rc == 0)
        rc = kh_store_query_text(s, "SELECT COUNT(*) FROM ratings WHERE cycle_id = $1 AND rater = $2 "
                                    "AND ratee = $3", k, 3, nrated, sizeof nrated, NULL, err);
    if (rc != 0)
        goto out;
    if (d.n == 0 && strcmp(nrated, "0") == 0) {
        rc = KH_ERR(err, KH_EINVAL, RATING_NOTHING, x->rater, x->ratee);
        goto out;
    }
    /* a draft is checked again: in setup the scheme may have changed since */
    for (size_t i = 0; i < d.n && rc == 0; i++) {
        rc = kh__rating_check(s, &c, x->rater, x->ratee, d.v[i].item, d.v[i].score, err);
        if (rc == 0)
            rc = kh__rating_put(s, x->actor, &c, x->rater, x->ratee, d.v[i].item, d.v[i].score,
                                "submit", err);
    }
    if (rc != 0)
        goto out;
    kh__store_now(x->at);
    const char *p[] = {c.id, x->rater, x->ratee, x->at};
    rc = kh_store_exec(s, "DELETE FROM rating_drafts WHERE cycle_id = $1 AND rater = $2 AND ratee = $3",
                       p, 3, NULL, err);
    if (rc == 0)
        rc = kh_store_exec(s, "INSERT INTO rating_submissions (cycle_id, rater, ratee, submitted_at) "
                              "VALUES ($1, $2, $3, $4)", p, 4, NULL, err);
    if (rc != 0)
        goto out;
    x->moved = (long)d.n;
    form_key(&c, x->rater, x->ratee, key, sizeof key);
    char moved[24];
    snprintf(moved, sizeof moved, "%zu", d.n);
    char *after = kh__store_json("submitted_at", x->at, "drafts", moved, NULL);
    rc = kh_store_audit(s, x->actor, "submit", "rating-form", key, NULL, after, NULL, err);
    free(after);
out:
    drafts_release(&d);
    return rc;
}

int kh_store_rating_submit(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                           const char *rater, const char *ratee, char submitted[32], long *moved,
                           struct kh_error *err)
{
    if ((rater == NULL || rater[0] == '\0') && a != NULL && a->role == KH_ROLE_RATER)
        rater = a->rater;
    struct form_ctx x = {.actor = a, .cycle = cycle, .rater = rater ? rater : "",
                         .ratee = ratee ? ratee : ""};
    int rc = kh_store_tx(s, submit_tx, &x, err);
    if (submitted != NULL)
        snprintf(submitted, 32, "%s", rc == 0 ? x.at : "");
    if (moved != NULL)
        *moved = rc == 0 ? x.moved : 0;
    return rc;
}

/* ---- reopen ---- */

static int reopen_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct form_ctx *x = ctx;
    struct kh_cycle_row c;
    char at[32], key[600];
    int rc = kh__store_cycle_get(s, x->cycle, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, x->actor, KH_ACT_RATING_REOPEN, &c, NULL, err);
    if (rc != 0)
        return rc;
    if (x->reason[0] == '\0')
        return KH_ERR(err, KH_EUSAGE, RATING_REASON_NEEDED);
    rc = submitted_at(s, &c, x->rater, x->ratee, at, err);
    if (rc != 0)
        return rc;
    if (at[0] == '\0')
        return KH_ERR(err, KH_EINVAL, RATING_NOT_SUBMITTED, x->rater, x->ratee);
    const char *p[] = {c.id, x->rater, x->ratee};
    rc = kh_store_exec(s, "DELETE FROM rating_submissions WHERE cycle_id = $1 AND rater = $2 AND "
                          "ratee = $3", p, 3, NULL, err);
    if (rc != 0)
        return rc;
    form_key(&c, x->rater, x->ratee, key, sizeof key);
    char *before = kh__store_json("submitted_at", at, NULL);
    rc = kh_store_audit(s, x->actor, "reopen", "rating-form", key, before, NULL, x->reason, err);
    free(before);
    return rc;
}

int kh_store_rating_reopen(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                           const char *rater, const char *ratee, const char *reason,
                           struct kh_error *err)
{
    struct form_ctx x = {.actor = a, .cycle = cycle, .rater = rater ? rater : "",
                         .ratee = ratee ? ratee : "", .reason = reason ? reason : ""};
    return kh_store_tx(s, reopen_tx, &x, err);
}

/* ---- the forms, per (rater, ratee) ---- */

int kh_store_rating_forms(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                          kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    struct kh_cycle_row c;
    const char *own = a != NULL && a->role == KH_ROLE_RATER ? a->rater : "";
    struct kh_authz_target t = {.rater = own};
    int rc = kh__store_cycle_get(s, cycle, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a, KH_ACT_RATING_LIST, &c, &t, err);
    if (rc != 0)
        return rc;
    const char *p[] = {c.id, own};
    return kh_store_query(s,
                          "SELECT rater, ratee, CASE WHEN MAX(sub) <> '' THEN 'submitted' WHEN SUM(nd) > 0 "
                          "THEN 'draft' ELSE 'entered' END, MAX(sub), SUM(nd), SUM(nr) FROM ("
                          "SELECT rater, ratee, '' AS sub, 0 AS nd, 1 AS nr FROM ratings WHERE cycle_id = $1 "
                          "UNION ALL SELECT rater, ratee, '', 1, 0 FROM rating_drafts WHERE cycle_id = $1 "
                          "UNION ALL SELECT rater, ratee, submitted_at, 0, 0 FROM rating_submissions "
                          "WHERE cycle_id = $1) f WHERE $2 = '' OR rater = $2 GROUP BY rater, ratee "
                          "ORDER BY rater, ratee",
                          p, 2, fn, ctx, err);
}
