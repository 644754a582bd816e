/*
 * store-survey.c — survey invitations and public answers (store-survey.h).
 *
 * Invitations live in table `invitations` (schema version 7).  A token is
 * 16 random bytes as 32 hex digits; the row keys on SHA-256 of the digits.
 * Using a token is one conditional UPDATE (used_at = '' → now) whose row
 * count decides, inside the transaction that inserts the answers: two
 * submissions of one link race for that row and exactly one wins.
 *
 * A response's id is "W" + the cycle's next responses ord, unique within
 * the cycle and saying nothing about the invitation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "kaohe/error.h"
#include "kaohe/msg-store.h"
#include "kaohe/store-survey.h"
#include "kaohe/xalloc.h"
#include "store/store-int.h"

/* ---- invitations ---- */

struct invite_ctx {
    const struct kh_actor *a;
    const char *cycle, *unit, *channel;
    long count, days;
    kh_store_row_fn fn;
    void *ctx;
};

struct text_ctx {
    char v[512];
    bool found;
};

static int text_row(void *ctx, int ncols, const char *const *c)
{
    struct text_ctx *t = ctx;
    if (ncols > 0) {
        snprintf(t->v, sizeof t->v, "%s", c[0] ? c[0] : "");
        t->found = true;
    }
    return 0;
}

/* KH_EINVAL unless channel is one of "a=0.6;b=0.4" (an empty list allows any). */
static int check_channel(const char *list, const char *channel, struct kh_error *err)
{
    if (list[0] == '\0')
        return channel[0] ? 0 : KH_ERR(err, KH_EINVAL, SURVEY_CHANNEL_BAD, channel, "-");
    size_t n = strlen(channel);
    for (const char *p = list; p && *p;) {
        if (n > 0 && strncmp(p, channel, n) == 0 && (p[n] == '=' || p[n] == ';' || p[n] == '\0'))
            return 0;
        p = strchr(p, ';');
        p = p ? p + 1 : NULL;
    }
    return KH_ERR(err, KH_EINVAL, SURVEY_CHANNEL_BAD, channel, list);
}

static int invite_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct invite_ctx *x = ctx;
    struct kh_cycle_row c;
    int rc = kh__store_cycle_get(s, x->cycle, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, x->a, KH_ACT_SURVEY_INVITE, &c, NULL, err);
    if (rc == 0)
        rc = kh__store_check_unit(s, c.id, x->unit, err);
    if (rc != 0)
        return rc;
    if (x->count < 1 || x->count > 100000)
        return KH_ERR(err, KH_EINVAL, SURVEY_COUNT_BAD);
    const char *p[] = {c.id};
    struct text_ctx t = {"", false};
    rc = kh_store_query(s, "SELECT code FROM survey_items WHERE cycle_id = $1", p, 1, text_row, &t, err);
    if (rc == 0 && !t.found)
        return KH_ERR(err, KH_EINVAL, SURVEY_NO_ITEMS, c.code);
    struct text_ctx ch = {"", false};
    if (rc == 0)
        rc = kh_store_query(s, "SELECT value FROM cycle_settings WHERE cycle_id = $1 AND key = 'survey_channels'",
                            p, 1, text_row, &ch, err);
    if (rc == 0)
        rc = check_channel(ch.v, x->channel, err);
    char now[32], exp[24];
    kh__store_now(now);
    snprintf(exp, sizeof exp, "%ld", (long)time(NULL) + (x->days > 0 ? x->days : 30) * 86400L);
    for (long i = 0; rc == 0 && i < x->count; i++) {
        char token[KH_SURVEY_TOKEN_HEX], hash[65];
        kh__token_new(token, hash);
        const char *q[] = {hash, c.id, x->unit, x->channel, now, exp};
        rc = kh_store_exec(s, "INSERT INTO invitations (hash, cycle_id, unit, channel, created, expires) "
                              "VALUES ($1, $2, $3, $4, $5, $6)", q, 6, NULL, err);
        const char *row[] = {token};
        if (rc == 0 && x->fn)
            rc = x->fn(x->ctx, 1, row);
    }
    char n[24];
    snprintf(n, sizeof n, "%ld", x->count);
    char key[400];
    snprintf(key, sizeof key, "%s/%s/%s", c.code, x->unit, x->channel);
    char *after = kh__store_json("count", n, "expires", exp, NULL);
    if (rc == 0)
        rc = kh_store_audit(s, x->a, "invite", "survey", key, NULL, after, NULL, err);
    free(after);
    return rc;
}

int kh_store_survey_invite(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                           const char *unit, const char *channel, long count, long days,
                           kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    struct invite_ctx x = {a, cycle, unit ? unit : "", channel ? channel : "", count, days, fn, ctx};
    return kh_store_tx(s, invite_tx, &x, err);
}

int kh_store_survey_counts(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                           kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    struct kh_cycle_row c;
    int rc = kh__store_cycle_get(s, cycle, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a, KH_ACT_SURVEY_LIST, &c, NULL, err);
    if (rc != 0)
        return rc;
    const char *p[] = {c.id};
    return kh_store_query(s, "SELECT unit, channel, COUNT(*), SUM(CASE WHEN used_at <> '' THEN 1 ELSE 0 END) "
                             "FROM invitations WHERE cycle_id = $1 GROUP BY unit, channel ORDER BY unit, channel",
                          p, 1, fn, ctx, err);
}

/* ---- the public side ---- */

struct inv_row {
    char cycle_id[24], unit[128], channel[64], used[32];
    long expires;
    bool found;
};

static int inv_row(void *ctx, int ncols, const char *const *c)
{
    struct inv_row *v = ctx;
    if (ncols < 5)
        return 0;
    snprintf(v->cycle_id, sizeof v->cycle_id, "%s", c[0]);
    snprintf(v->unit, sizeof v->unit, "%s", c[1]);
    snprintf(v->channel, sizeof v->channel, "%s", c[2]);
    v->expires = atol(c[3] ? c[3] : "0");
    snprintf(v->used, sizeof v->used, "%s", c[4] ? c[4] : "");
    v->found = true;
    return 0;
}

struct item_ctx {
    struct kh_survey_form *f;
};

static int item_row(void *ctx, int ncols, const char *const *c)
{
    struct kh_survey_form *f = ((struct item_ctx *)ctx)->f;
    if (ncols < 3 || f->nitems >= 64)
        return 0;
    int i = f->nitems++;
    snprintf(f->items[i].code, sizeof f->items[i].code, "%s", c[0]);
    snprintf(f->items[i].text, sizeof f->items[i].text, "%s", c[1]);
    snprintf(f->items[i].levels, sizeof f->items[i].levels, "%s", c[2] ? c[2] : "");
    return 0;
}

/* The invitation of token with the checks of store-survey.h (unknown,
 * used, expired), before anything of its cycle. */
static int find_invitation(struct kh_store *s, const char *token, struct inv_row *v, struct kh_error *err)
{
    memset(v, 0, sizeof *v);
    if (token == NULL || strlen(token) != 32)
        return KH_ERR(err, KH_ENOTFOUND, SURVEY_TOKEN_UNKNOWN);
    char hash[65];
    kh__token_hash(token, hash);
    const char *p[] = {hash};
    int rc = kh_store_query(s, "SELECT cycle_id, unit, channel, expires, used_at FROM invitations WHERE hash = $1",
                            p, 1, inv_row, v, err);
    if (rc != 0)
        return rc;
    if (!v->found)
        return KH_ERR(err, KH_ENOTFOUND, SURVEY_TOKEN_UNKNOWN);
    if (v->used[0])
        return KH_ERR(err, KH_ESTATE, SURVEY_TOKEN_USED);
    if ((long)time(NULL) > v->expires)
        return KH_ERR(err, KH_ESTATE, SURVEY_TOKEN_EXPIRED);
    return 0;
}

/* The part of the form that is the cycle's, not the invitation's: whether
 * it takes answers (state), its items with their levels, and — when full —
 * its name and the items' texts (a submission checks only codes and
 * levels).  items[i].levels holds the scale's name until replaced by its
 * levels; an item on the scale of the one before reuses its levels. */
static int cycle_form(struct kh_store *s, const char *cycle_id, bool full, struct kh_survey_form *f,
                      struct kh_error *err)
{
    struct text_ctx st = {"", false};
    const char *q[] = {cycle_id};
    int rc = kh_store_query(s, "SELECT state FROM cycles WHERE id = $1", q, 1, text_row, &st, err);
    if (rc != 0)
        return rc;
    enum kh_cycle_state state = kh_cycle_state_parse(st.v);
    if (state > KH_STATE_EVALUATION || state == KH_STATE_NONE)
        return KH_ERR(err, KH_ESTATE, SURVEY_CLOSED);
    /* not memset: the form is 70 KB and items[0, nitems) are all written */
    f->nitems = 0;
    f->cycle_name[0] = f->unit_name[0] = f->unit[0] = f->channel[0] = '\0';
    if (full) {
        struct text_ctx name = {"", false};
        rc = kh_store_query(s, "SELECT value FROM cycle_settings WHERE cycle_id = $1 AND key = 'name'", q, 1,
                            text_row, &name, err);
        snprintf(f->cycle_name, sizeof f->cycle_name, "%s", name.v);
    }
    struct item_ctx ic = {f};
    if (rc == 0)
        rc = kh_store_query(s, full ? "SELECT code, text, scale FROM survey_items WHERE cycle_id = $1 ORDER BY ord"
                                    : "SELECT code, '', scale FROM survey_items WHERE cycle_id = $1 ORDER BY ord",
                            q, 1, item_row, &ic, err);
    char prev[512] = "";
    for (int i = 0; rc == 0 && i < f->nitems; i++) {
        char scale[512];
        snprintf(scale, sizeof scale, "%s", f->items[i].levels[0] ? f->items[i].levels : "survey");
        if (i > 0 && strcmp(scale, prev) == 0)
            memcpy(f->items[i].levels, f->items[i - 1].levels, sizeof f->items[i].levels);
        else
            rc = kh__scale_levels(s, cycle_id, scale, f->items[i].levels, sizeof f->items[i].levels, err);
        memcpy(prev, scale, sizeof prev);
    }
    return rc;
}

int kh_store_survey_open(struct kh_store *s, const char *token, struct kh_survey_form *f,
                         struct kh_error *err)
{
    struct inv_row v;
    int rc = find_invitation(s, token, &v, err);
    if (rc == 0)
        rc = cycle_form(s, v.cycle_id, true, f, err);
    if (rc != 0)
        return rc;
    snprintf(f->unit, sizeof f->unit, "%s", v.unit);
    snprintf(f->channel, sizeof f->channel, "%s", v.channel);
    struct text_ctx un = {"", false};
    const char *u[] = {v.cycle_id, v.unit};
    rc = kh_store_query(s, "SELECT name FROM units WHERE cycle_id = $1 AND code = $2", u, 2, text_row, &un, err);
    snprintf(f->unit_name, sizeof f->unit_name, "%s", un.v);
    return rc;
}

/* Who answers: nobody in particular (the audit record says "public"). */
static const struct kh_actor public_actor = {.name = "public", .role = KH_ROLE_NONE};

struct submit_ctx {
    const char *token;
    const char *const *answers;
    int nanswers;
};

/* The cycle's part of the form for a submission: read once per
 * transaction and cycle (the memo), so a group commit of many answers to
 * one cycle's survey reads its items and levels once. */
static int submit_form(struct kh_store *s, const char *cycle_id, const struct kh_survey_form **out,
                       struct kh_error *err)
{
    char key[64];
    snprintf(key, sizeof key, "survey-form/%s", cycle_id);
    *out = kh__store_memo_get(s, key);
    if (*out != NULL)
        return 0;
    struct kh_survey_form *f = kh_xmalloc(sizeof *f);
    int rc = cycle_form(s, cycle_id, false, f, err);
    if (rc != 0) {
        free(f);
        return rc;
    }
    kh__store_memo_put(s, key, f, free);
    *out = f;
    return 0;
}

static int submit_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct submit_ctx *x = ctx;
    struct inv_row v;
    const struct kh_survey_form *f = NULL;
    int rc = find_invitation(s, x->token, &v, err);
    if (rc == 0)
        rc = submit_form(s, v.cycle_id, &f, err);
    if (rc != 0)
        return rc;
    int answered = 0;
    for (int i = 0; i < f->nitems; i++) {
        const char *ans = i < x->nanswers ? x->answers[i] : NULL;
        if (ans == NULL || ans[0] == '\0')
            continue;
        if (!kh__level_in(f->items[i].levels, ans)) {
            char n[16];
            snprintf(n, sizeof n, "%d", i + 1);
            return KH_ERR_AT(err, KH_EINVAL, NULL, 0, f->items[i].code, SURVEY_ANSWER_BAD, n);
        }
        answered++;
    }
    if (answered == 0)
        return KH_ERR_AT(err, KH_EINVAL, NULL, 0, f->nitems ? f->items[0].code : "", SURVEY_ANSWER_BAD, "1");
    char hash[65], now[32];
    kh__token_hash(x->token, hash);
    kh__store_now(now);
    const char *u[] = {now, hash};
    long changed = 0;
    rc = kh_store_exec(s, "UPDATE invitations SET used_at = $1 WHERE hash = $2 AND used_at = ''", u, 2, &changed, err);
    if (rc == 0 && changed != 1)
        return KH_ERR(err, KH_ESTATE, SURVEY_TOKEN_USED);
    char ord[24], id[40];
    const char *q[] = {v.cycle_id};
    if (rc == 0)
        rc = kh_store_query_text(s, "SELECT COALESCE(MAX(ord), 0) + 1 FROM responses WHERE cycle_id = $1", q, 1, ord,
                                 sizeof ord, NULL, err);
    snprintf(id, sizeof id, "W%s", ord);
    long next = atol(ord), added = 0;
    for (int i = 0; rc == 0 && i < f->nitems; i++) {
        const char *ans = i < x->nanswers ? x->answers[i] : NULL;
        if (ans == NULL || ans[0] == '\0')
            continue;
        char o[24];
        snprintf(o, sizeof o, "%ld", next++);
        const char *p[] = {v.cycle_id, o, id, v.unit, v.channel, f->items[i].code, ans};
        rc = kh_store_exec(s, "INSERT INTO responses (cycle_id, ord, response, unit, channel, item, answer) "
                              "VALUES ($1, $2, $3, $4, $5, $6, $7)", p, 7, NULL, err);
        added++;
    }
    if (rc == 0)
        rc = kh__store_file_grew(s, v.cycle_id, "responses.csv", "response,unit,channel,item,answer", added, err);
    char key[300];
    snprintf(key, sizeof key, "%s/%s", v.unit, v.channel);
    if (rc == 0)
        rc = kh_store_audit(s, &public_actor, "survey.submit", "survey", key, NULL, NULL, NULL, err);
    return rc;
}

void kh_store_survey_submit_job(struct kh_store_job *job, const char *token, const char *const *answers,
                                int nanswers)
{
    struct submit_ctx *x = kh_xcalloc(1, sizeof *x);
    x->token = token;
    x->answers = answers;
    x->nanswers = nanswers;
    memset(job, 0, sizeof *job);
    job->fn = submit_tx;
    job->ctx = x;
    job->free_ctx = free;
}

int kh_store_survey_submit(struct kh_store *s, const char *token, const char *const *answers,
                           int nanswers, struct kh_error *err)
{
    struct kh_store_job job;
    kh_store_survey_submit_job(&job, token, answers, nanswers);
    return kh_store_job_once(s, &job, err);
}
