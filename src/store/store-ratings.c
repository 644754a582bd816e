/*
 * store-ratings.c — ratings entered one by one into a stored cycle (SPEC §4):
 * the rater forms of the web application and `kaohe rating`.
 *
 * A rating is one row of the cycle's `ratings` table (its ratings.csv):
 * (rater, ratee, item, score).  Entering the same (rater, ratee, item) again
 * replaces the score and keeps the row's place; a new one goes at the end,
 * so an export is still the bundle writer's own output.  Who may is the
 * action table (rating.enter, rating.list): a rater user acts only as its
 * own rater code and sees only its own ratings — never anybody else's —
 * and the admin enters for any rater (paper forms typed in by the office).
 * A rater user's entry is not a rating yet but a draft of its form, and
 * becomes one when the rater submits the form (store-rating-forms.c); the
 * checks below and the insert-or-replace (kh__rating_put) are shared with
 * that file, so a draft is validated, and a submission written, exactly as
 * an entry of the office is.
 *
 * What is checked here, at entry, so a mistake is named when it is made and
 * not at compute time: the rater, the ratee (a unit or a cadre of the
 * cycle) and the item (a qual leaf, or a dimension of some position) exist,
 * and the score is a level of the item's scale (a qual leaf's `scale`) or a
 * number in [0, 100].  The bundle reader still validates the whole cycle
 * when it is computed (min_raters, groups without weight, …).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/authz.h"
#include "kaohe/error.h"
#include "kaohe/store-workflow.h"
#include "kaohe/msg-store.h"
#include "store/store-int.h"

static bool exists(struct kh_store *s, const char *sql, const char *cycle_id, const char *code)
{
    char one[8];
    const char *p[] = {cycle_id, code};
    return kh_store_query_text(s, sql, p, 2, one, sizeof one, NULL, NULL) == 0;
}

/* The item's scale name into scale ("" for a dimension or an unscaled leaf). */
static int check_item(struct kh_store *s, const struct kh_cycle_row *c, const char *item,
                      char scale[128], struct kh_error *err)
{
    char kind[64] = "";
    scale[0] = '\0';
    const char *p[] = {c->id, item};
    if (kh_store_query_text(s, "SELECT kind FROM indicators WHERE cycle_id = $1 AND code = $2", p, 2,
                            kind, sizeof kind, NULL, NULL) == 0) {
        if (strcmp(kind, "qual") != 0)
            return KH_ERR_AT(err, KH_EINVAL, NULL, 0, "item", RATING_NOT_QUAL, item, kind);
        kh_store_query_text(s, "SELECT scale FROM indicators WHERE cycle_id = $1 AND code = $2", p, 2,
                            scale, 128, NULL, NULL);
        return 0;
    }
    /* a cadre dimension: "德=0.2;能=0.2;…" in some position's dims */
    char pat[300];
    snprintf(pat, sizeof pat, "%%%s=%%", item);
    const char *q[] = {c->id, pat};
    char one[8];
    if (kh_store_query_text(s, "SELECT 1 FROM positions WHERE cycle_id = $1 AND dims LIKE $2", q, 2,
                            one, sizeof one, NULL, NULL) == 0)
        return 0;
    return KH_ERR_AT(err, KH_EINVAL, NULL, 0, "item", RATING_NO_ITEM, item);
}

/* A number in [0, 100], or a level of the named scale in scales.csv (an
 * abstention 弃权 always). */
static int check_score(struct kh_store *s, const struct kh_cycle_row *c, const char *scale,
                       const char *score, struct kh_error *err)
{
    char *end;
    double x = strtod(score, &end);
    if (score[0] != '\0' && *end == '\0')
        return isfinite(x) && x >= 0 && x <= 100
                   ? 0
                   : KH_ERR_AT(err, KH_EINVAL, NULL, 0, "score", RATING_SCORE_RANGE, score);
    if (strcmp(score, "弃权") == 0)
        return 0;
    const char *p[] = {c->id, scale, score};
    char one[8];
    if (score[0] != '\0' &&
        kh_store_query_text(s, "SELECT 1 FROM scales WHERE cycle_id = $1 AND scale = $2 AND "
                               "level = $3", p, 3, one, sizeof one, NULL, NULL) == 0)
        return 0;
    return KH_ERR_AT(err, KH_EINVAL, NULL, 0, "score", RATING_SCORE_BAD, score, scale[0] ? scale : "-");
}

int kh__rating_check(struct kh_store *s, const struct kh_cycle_row *c, const char *rater,
                     const char *ratee, const char *item, const char *score, struct kh_error *err)
{
    char scale[128];
    if (rater[0] == '\0')
        return KH_ERR(err, KH_EUSAGE, RATING_RATER_NEEDED);
    if (!exists(s, "SELECT 1 FROM raters WHERE cycle_id = $1 AND code = $2", c->id, rater))
        return KH_ERR_AT(err, KH_EINVAL, NULL, 0, "rater", RATING_NO_RATER, rater);
    if (!exists(s, "SELECT 1 FROM units WHERE cycle_id = $1 AND code = $2", c->id, ratee) &&
        !exists(s, "SELECT 1 FROM cadres WHERE cycle_id = $1 AND code = $2", c->id, ratee))
        return KH_ERR_AT(err, KH_EINVAL, NULL, 0, "ratee", RATING_NO_RATEE, ratee);
    int rc = check_item(s, c, item, scale, err);
    if (rc == 0)
        rc = check_score(s, c, scale, score, err);
    return rc;
}

struct old_rating {
    char ord[24], score[128];
    bool found;
};

static int old_row(void *ctx, int ncols, const char *const *c)
{
    struct old_rating *o = ctx;
    if (ncols >= 2 && !o->found) {
        snprintf(o->ord, sizeof o->ord, "%s", c[0]);
        snprintf(o->score, sizeof o->score, "%s", c[1] ? c[1] : "");
        o->found = true;
    }
    return 0;
}

int kh__rating_put(struct kh_store *s, const struct kh_actor *a, const struct kh_cycle_row *c,
                   const char *rater, const char *ratee, const char *item, const char *score,
                   const char *reason, struct kh_error *err)
{
    struct old_rating o = {.found = false};
    const char *k[] = {c->id, rater, ratee, item};
    int rc = kh_store_query(s, "SELECT ord, score FROM ratings WHERE cycle_id = $1 AND rater = $2 AND "
                               "ratee = $3 AND item = $4 ORDER BY ord", k, 4, old_row, &o, err);
    if (rc != 0)
        return rc;
    if (o.found) {
        const char *p[] = {score, c->id, o.ord};
        rc = kh__file_row_update(s, c->id, "ratings.csv", atol(o.ord),
                                 "UPDATE ratings SET score = $1 WHERE cycle_id = $2 AND ord = $3", p, 3,
                                 err);
    } else {
        char ord[24];
        const char *q[] = {c->id};
        rc = kh_store_query_text(s, "SELECT COALESCE(MAX(ord), 0) + 1 FROM ratings WHERE cycle_id = $1",
                                 q, 1, ord, sizeof ord, NULL, err);
        const char *p[] = {c->id, ord, rater, ratee, item, score};
        if (rc == 0)
            rc = kh_store_exec(s, "INSERT INTO ratings (cycle_id, ord, rater, ratee, item, score) "
                                  "VALUES ($1, $2, $3, $4, $5, $6)", p, 6, NULL, err);
        if (rc == 0)
            rc = kh__store_file_grew(s, c->id, "ratings.csv", "rater,ratee,item,score", 1, err);
    }
    if (rc != 0)
        return rc;
    char key[700];
    snprintf(key, sizeof key, "%s/%s/%s/%s", c->code, rater, ratee, item);
    char *before = o.found ? kh__store_json("score", o.score, NULL) : NULL;
    char *after = kh__store_json("score", score, NULL);
    rc = kh_store_audit(s, a, o.found ? "update" : "insert", "rating", key, before, after, reason, err);
    free(before);
    free(after);
    return rc;
}

struct rate_ctx {
    const struct kh_actor *actor;
    const char *cycle, *rater, *ratee, *item, *score;
};

/* rating.enter: checked once, then a rater user's entry is a draft of its
 * form (store-rating-forms.c) and everybody else's a rating. */
static int rate_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct rate_ctx *a = ctx;
    struct kh_cycle_row c;
    struct kh_authz_target t = {.rater = a->rater};
    int rc = kh__store_cycle_get(s, a->cycle, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a->actor, KH_ACT_RATING_ENTER, &c, &t, err);
    if (rc == 0)
        rc = kh__rating_check(s, &c, a->rater, a->ratee, a->item, a->score, err);
    if (rc != 0)
        return rc;
    if (a->actor != NULL && a->actor->role == KH_ROLE_RATER)
        return kh__rating_draft_put(s, a->actor, &c, a->rater, a->ratee, a->item, a->score, err);
    return kh__rating_put(s, a->actor, &c, a->rater, a->ratee, a->item, a->score, NULL, err);
}

int kh_store_rating_set(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                        const char *rater, const char *ratee, const char *item,
                        const char *score, struct kh_error *err)
{
    if ((rater == NULL || rater[0] == '\0') && a != NULL && a->role == KH_ROLE_RATER)
        rater = a->rater;
    struct rate_ctx x = {a, cycle, rater ? rater : "", ratee, item, score ? score : ""};
    return kh_store_tx(s, rate_tx, &x, err);
}

/* The cycle and the check of rating.list: a rater user reads as its own
 * rater code (*own), everybody else as "" (every rater). */
static int rating_read(struct kh_store *s, const struct kh_actor *a, const char *cycle, struct kh_cycle_row *c,
                       const char **own, struct kh_error *err)
{
    *own = a != NULL && a->role == KH_ROLE_RATER ? a->rater : "";
    struct kh_authz_target t = {.rater = *own};
    int rc = kh__store_cycle_get(s, cycle, c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a, KH_ACT_RATING_LIST, c, &t, err);
    return rc;
}

int kh_store_ratings_list(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                          kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    struct kh_cycle_row c;
    const char *own;
    int rc = rating_read(s, a, cycle, &c, &own, err);
    if (rc != 0)
        return rc;
    const char *p[] = {c.id, own};
    rc = kh_store_query(s, "SELECT r.rater, r.ratee, r.item, r.score, CASE WHEN m.rater IS NULL "
                           "THEN 'entered' ELSE 'submitted' END FROM ratings r LEFT JOIN "
                           "rating_submissions m ON m.cycle_id = r.cycle_id AND m.rater = r.rater "
                           "AND m.ratee = r.ratee WHERE r.cycle_id = $1 AND ($2 = '' OR r.rater = $2) "
                           "ORDER BY r.ord", p, 2, fn, ctx, err);
    /* a rater's own drafts: the part of its forms nobody else reads */
    if (rc == 0 && own[0] != '\0')
        rc = kh__rating_drafts_list(s, &c, own, fn, ctx, err);
    return rc;
}

int kh_store_rater_group(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                         kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    struct kh_cycle_row c;
    const char *own;
    int rc = rating_read(s, a, cycle, &c, &own, err);
    if (rc != 0 || own[0] == '\0')
        return rc;
    const char *p[] = {c.id, own};
    return kh_store_query(s, "SELECT g.code, g.name FROM raters r JOIN rater_groups g ON g.cycle_id = r.cycle_id "
                             "AND g.code = r.\"group\" WHERE r.cycle_id = $1 AND r.code = $2",
                          p, 2, fn, ctx, err);
}
