/*
 * store-appeal.c — publicity and appeals (公示, 复核/申诉, SPEC §9.4).
 *
 * While a cycle is in `publicity` a unit may ask for a review of one leaf
 * of its own results, with a reason, within `appeal_days` (cycle.csv,
 * default 15) days of the moment the cycle entered publicity
 * (cycles.state_since, written by `cycle advance`).  The deadline is
 * inclusive to the second: state_since + appeal_days × 86 400 s.
 *
 * The admin decides each appeal: reject, with a reason; or accept, with the
 * corrected year-end value of that leaf — the value is written (audited
 * like any value) and the cycle recomputed *in the same transaction*, so
 * an accepted appeal never leaves stored results that disagree with the
 * stored data.  An appeal on a leaf that has no value (a rating, a survey)
 * can only be rejected here; such corrections mean reopening the data in
 * an earlier state.  Open appeals block `final` (store-cycle.c).
 *
 * A filing may carry files (PDF, PNG, JPEG: store-attachment.c), stored in
 * the filing's transaction, so an appeal never exists without the files it
 * was filed with, nor a file without its appeal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "kaohe/authz.h"
#include "kaohe/error.h"
#include "kaohe/msg-store.h"
#include "kaohe/store-attachment.h"
#include "kaohe/store-load.h"
#include "kaohe/store-workflow.h"
#include "store/store-int.h"

bool kh__store_time_parse(const char *iso, time_t *out)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (sscanf(iso, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
               &tm.tm_min, &tm.tm_sec) != 6)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *out = timegm(&tm);
    return true;
}

long kh__store_setting_long(struct kh_store *s, const char *cycle_id, const char *key, long dflt,
                            int *rc, struct kh_error *err)
{
    char v[64];
    const char *p[] = {cycle_id, key};
    *rc = kh_store_query_text(s, "SELECT value FROM cycle_settings WHERE cycle_id = $1 AND "
                                 "\"key\" = $2", p, 2, v, sizeof v, NULL, err);
    if (*rc == KH_ENOTFOUND || (*rc == 0 && v[0] == '\0')) {
        *rc = 0;
        return dflt;
    }
    return *rc == 0 ? atol(v) : 0;
}

int kh__store_appeal_deadline(struct kh_store *s, const struct kh_cycle_row *c, long *days,
                              char deadline[32], struct kh_error *err)
{
    int rc;
    time_t since;
    *days = kh__store_setting_long(s, c->id, "appeal_days", 15, &rc, err);
    if (rc != 0)
        return rc;
    if (!kh__store_time_parse(c->state_since, &since))
        return KH_ERR(err, KH_EDB, RAW, c->state_since);
    time_t d = since + (time_t)*days * 86400;
    struct tm tm;
    gmtime_r(&d, &tm);
    strftime(deadline, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return 0;
}

struct file_ctx {
    const struct kh_actor *actor;
    const char *cycle, *unit, *leaf, *reason;
    const struct kh_attachment_in *att;
    int natt;
    char *id;
};

static int file_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct file_ctx *a = ctx;
    struct kh_cycle_row c;
    char kind[64], method[64], now[32], n[24];
    struct kh_authz_target at = {.unit = a->unit};
    int rc = kh__store_cycle_get(s, a->cycle, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a->actor, KH_ACT_APPEAL_FILE, &c, &at, err);
    if (rc == 0)
        rc = kh__store_check_unit(s, c.id, a->unit, err);
    if (rc == 0)
        rc = kh__store_check_leaf(s, c.id, a->leaf, kind, method, err);
    if (rc == 0 && strcmp(kind, "node") == 0)
        rc = KH_ERR(err, KH_EINVAL, APPEAL_NOT_LEAF, a->leaf);
    if (rc == 0 && (a->reason == NULL || a->reason[0] == '\0'))
        rc = KH_ERR(err, KH_EUSAGE, APPEAL_REASON_NEEDED);
    if (rc != 0)
        return rc;
    long days;
    char deadline[32];
    time_t t, until;
    rc = kh__store_appeal_deadline(s, &c, &days, deadline, err);
    if (rc != 0)
        return rc;
    kh__store_now(now);
    if (!kh__store_time_parse(now, &t) || !kh__store_time_parse(deadline, &until))
        return KH_ERR(err, KH_EDB, STORE_BAD_TIME, deadline, now);
    if (t > until)
        return KH_ERR(err, KH_ESTATE, APPEAL_PERIOD_OVER, c.state_since, KH_ARG_LONG(days), deadline);
    const char *dp[] = {c.id, a->unit, a->leaf};
    rc = kh_store_query_text(s, "SELECT id FROM appeals WHERE cycle_id = $1 AND unit = $2 AND "
                                "indicator = $3 AND state = 'open'", dp, 3, n, sizeof n, NULL, err);
    if (rc == 0)
        return KH_ERR(err, KH_EEXISTS, APPEAL_OPEN_EXISTS, a->unit, a->leaf, n);
    if (rc != KH_ENOTFOUND)
        return rc;
    rc = kh__store_next_id(s, "appeals", "id", a->id, err);
    const char *p[] = {a->id, c.id, a->unit, a->leaf, a->reason, kh_actor_name(a->actor), now};
    if (rc == 0)
        rc = kh_store_exec(s, "INSERT INTO appeals (id, cycle_id, unit, indicator, reason, state, "
                              "filed_by, filed_at) VALUES ($1, $2, $3, $4, $5, 'open', $6, $7)",
                           p, 7, NULL, err);
    if (rc != 0)
        return rc;
    char key[300];
    snprintf(key, sizeof key, "%s/%s", c.code, a->id);
    char *after = kh__store_json("cycle", c.code, "unit", a->unit, "indicator", a->leaf, "state",
                                 "open", NULL);
    rc = kh_store_audit(s, a->actor, "insert", "appeal", key, NULL, after, a->reason, err);
    free(after);
    if (rc == 0)
        rc = kh__store_attachments_put(s, a->actor, c.code, a->id, a->att, a->natt, err);
    return rc;
}

/* The files are checked before the transaction (a refused file is not
 * worth a write lock) and stored inside it: all or nothing. */
int kh_store_appeal_file(struct kh_store *s, const struct kh_actor *actor, const char *cycle,
                         const char *unit, const char *leaf, const char *reason,
                         const struct kh_attachment_in *att, int natt, char id[24],
                         struct kh_error *err)
{
    struct file_ctx a = {actor, cycle, unit, leaf, reason, att, natt, id};
    int rc = kh_attachments_check(att, natt, err);
    return rc != 0 ? rc : kh_store_tx(s, file_tx, &a, err);
}

static int appeal_row(void *ctx, int ncols, const char *const *c)
{
    struct kh__appeal *x = ctx;
    if (ncols >= 4) {
        snprintf(x->cycle_code, sizeof x->cycle_code, "%s", c[0]);
        snprintf(x->unit, sizeof x->unit, "%s", c[1]);
        snprintf(x->indicator, sizeof x->indicator, "%s", c[2]);
        snprintf(x->state, sizeof x->state, "%s", c[3]);
        x->found = true;
    }
    return 0;
}

int kh__store_appeal_get(struct kh_store *s, const char *id, struct kh__appeal *x, struct kh_error *err)
{
    const char *p[] = {id};
    x->found = false;
    int rc = kh_store_query(s, "SELECT c.code, a.unit, a.indicator, a.state FROM appeals a JOIN cycles c "
                               "ON c.id = a.cycle_id WHERE a.id = $1", p, 1, appeal_row, x, err);
    if (rc == 0 && !x->found)
        rc = KH_ERR(err, KH_ENOTFOUND, APPEAL_NONE, id);
    return rc;
}

struct decide_ctx {
    const struct kh_actor *actor;
    const char *id, *value, *reason;
    bool accept;
    struct kh_diags *diags;
};

static int decide_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct decide_ctx *a = ctx;
    struct kh__appeal x;
    struct kh_cycle_row c;
    char kind[64], method[64], num[32] = "", now[32];
    int rc = kh__store_appeal_get(s, a->id, &x, err);
    if (rc == 0)
        rc = kh__store_cycle_get(s, x.cycle_code, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a->actor, a->accept ? KH_ACT_APPEAL_ACCEPT : KH_ACT_APPEAL_REJECT, &c,
                            NULL, err);
    if (rc == 0 && strcmp(x.state, "open") != 0)
        rc = KH_ERR(err, KH_ESTATE, APPEAL_DECIDED, a->id, x.state);
    if (rc == 0 && (a->reason == NULL || a->reason[0] == '\0'))
        rc = KH_ERR(err, KH_EUSAGE, APPEAL_DECIDE_REASON);
    if (rc == 0 && a->accept) {
        rc = kh__store_check_leaf(s, c.id, x.indicator, kind, method, err);
        if (rc == 0 && strcmp(kind, "quant") != 0)
            rc = KH_ERR(err, KH_EINVAL, APPEAL_NOT_QUANT, x.indicator);
        if (rc == 0 && (a->value == NULL || a->value[0] == '\0'))
            rc = KH_ERR(err, KH_EUSAGE, APPEAL_VALUE_NEEDED);
        if (rc == 0)
            rc = kh__store_number(a->value, "value", num, err);
        if (rc == 0)
            rc = kh__store_value_put(s, a->actor, &c, x.unit, x.indicator, "Y", num, NULL, a->reason, err);
    }
    if (rc != 0)
        return rc;
    kh__store_now(now);
    const char *state = a->accept ? "accepted" : "rejected";
    const char *up[] = {state, kh_actor_name(a->actor), now, a->reason, num, a->id};
    rc = kh_store_exec(s, "UPDATE appeals SET state = $1, decided_by = $2, decided_at = $3, "
                          "decision = $4, new_value = $5 WHERE id = $6", up, 6, NULL, err);
    char key[300];
    snprintf(key, sizeof key, "%s/%s", c.code, a->id);
    char *before = kh__store_json("state", "open", NULL);
    char *after = kh__store_json("state", state, "new_value", a->accept ? num : NULL, NULL);
    if (rc == 0)
        rc = kh_store_audit(s, a->actor, a->accept ? "accept" : "reject", "appeal", key, before, after,
                            a->reason, err);
    free(before);
    free(after);
    /* Recompute inside this transaction: results and data never disagree.
     * No summary is asked for, so its language does not matter. */
    if (rc == 0 && a->accept)
        rc = kh__store_compute(s, a->actor, c.code, NULL, KH_LANG_ZH, a->diags, err);
    return rc;
}

int kh_store_appeal_decide(struct kh_store *s, const struct kh_actor *actor, const char *id,
                           bool accept, const char *value, const char *reason,
                           struct kh_diags *diags, struct kh_error *err)
{
    struct decide_ctx a = {actor, id, value, reason, accept, diags};
    return kh_store_tx(s, decide_tx, &a, err);
}

/* A unit user sees its own unit's appeals only (scope of appeal.list);
 * everyone else the cycle's. */
int kh_store_appeals_list(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                          bool open_only, kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    struct kh_cycle_row c;
    const char *unit = a != NULL && a->role == KH_ROLE_UNIT ? a->unit : "";
    struct kh_authz_target t = {.unit = unit};
    int rc = kh__store_cycle_get(s, cycle, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a, KH_ACT_APPEAL_LIST, &c, &t, err);
    if (rc != 0)
        return rc;
    const char *p[] = {c.id, open_only ? "1" : "0", unit};
    return kh_store_query(s, "SELECT id, unit, indicator, state, reason, filed_by, filed_at, "
                             "decided_by, decided_at, decision, new_value FROM appeals "
                             "WHERE cycle_id = $1 AND ($2 = '0' OR state = 'open') "
                             "AND ($3 = '' OR unit = $3) ORDER BY id",
                          p, 3, fn, ctx, err);
}
