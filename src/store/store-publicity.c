/*
 * store-publicity.c — the office's publication settings for 公示
 * (store-publicity.h; SPEC §9.4).
 *
 * One row of publicity_settings per cycle (migration 11), or none = the
 * defaults.  Reading computes what is in effect: the stored choice where
 * there is one, else the default period (the day the cycle entered
 * publicity, for publicity_days days) — the default therefore follows the
 * cycle, while a chosen date stays put.  Writing merges the change into
 * what is stored, validates the result (dates real, end not before
 * start, texts bounded) and upserts the row with one audit record holding
 * both versions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "kaohe/error.h"
#include "kaohe/msg-store.h"
#include "kaohe/store-publicity.h"
#include "store/store-int.h"

static int row_fn(void *ctx, int ncols, const char *const *c)
{
    struct kh_publicity *p = ctx;
    if (ncols < 7)
        return 0;
    p->show_ranking = strcmp(c[0], "1") == 0;
    p->show_composite = strcmp(c[1], "1") == 0;
    p->show_dimensions = strcmp(c[2], "1") == 0;
    snprintf(p->start, sizeof p->start, "%s", c[3]);
    snprintf(p->end, sizeof p->end, "%s", c[4]);
    snprintf(p->contact, sizeof p->contact, "%s", c[5]);
    snprintf(p->howto, sizeof p->howto, "%s", c[6]);
    return 0;
}

/* Noon UTC of a date, so adding days never crosses a date line; false for
 * anything that is not a real YYYY-MM-DD. */
static bool date_parse(const char *d, time_t *out)
{
    int y, m, day;
    char tail;
    if (strlen(d) != 10 || sscanf(d, "%4d-%2d-%2d%c", &y, &m, &day, &tail) != 3)
        return false;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = day, .tm_hour = 12};
    *out = timegm(&tm);
    struct tm back;
    gmtime_r(out, &back);
    return back.tm_year == y - 1900 && back.tm_mon == m - 1 && back.tm_mday == day;
}

static void date_put(time_t t, char out[11])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

/* What is stored for cycle c, without defaults filled in. */
static int stored(struct kh_store *s, const struct kh_cycle_row *c, struct kh_publicity *out,
                  struct kh_error *err)
{
    memset(out, 0, sizeof *out);
    out->show_ranking = out->show_composite = out->show_dimensions = true;
    const char *p[] = {c->id};
    return kh_store_query(s, "SELECT show_ranking, show_composite, show_dimensions, start_date, "
                             "end_date, contact, howto FROM publicity_settings WHERE cycle_id = $1",
                          p, 1, row_fn, out, err);
}

/* Fill in the defaults of what is not chosen. */
static int effective(struct kh_store *s, const struct kh_cycle_row *c, struct kh_publicity *x,
                     struct kh_error *err)
{
    int rc;
    long days = kh__store_setting_long(s, c->id, "publicity_days", 7, &rc, err);
    x->start_chosen = x->start[0] != '\0';
    x->end_chosen = x->end[0] != '\0';
    bool published = c->state == KH_STATE_PUBLICITY || c->state == KH_STATE_FINAL;
    if (rc == 0 && !x->start_chosen && published)
        snprintf(x->start, sizeof x->start, "%.10s", c->state_since);
    time_t t;
    if (rc == 0 && !x->end_chosen && x->start[0] && date_parse(x->start, &t))
        date_put(t + (time_t)days * 86400, x->end);
    if (rc == 0 && c->state == KH_STATE_PUBLICITY)
        rc = kh__store_appeal_deadline(s, c, &x->appeal_days, x->appeal_deadline, err);
    else if (rc == 0)
        x->appeal_days = kh__store_setting_long(s, c->id, "appeal_days", 15, &rc, err);
    return rc;
}

int kh_store_publicity_get(struct kh_store *s, const struct kh_actor *a, const char *code,
                           struct kh_publicity *out, struct kh_error *err)
{
    struct kh_cycle_row c;
    int rc = kh__store_cycle_get(s, code, &c, err);
    if (rc == 0 && a != NULL)
        rc = kh_authz_check(s, a, KH_ACT_CYCLE_SHOW, &c, NULL, err);
    if (rc == 0)
        rc = stored(s, &c, out, err);
    return rc != 0 ? rc : effective(s, &c, out, err);
}

static int parse_parts(const char *parts, struct kh_publicity *x, struct kh_error *err)
{
    x->show_ranking = x->show_composite = x->show_dimensions = false;
    if (strcmp(parts, "none") == 0)
        return 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", parts);
    for (char *save = NULL, *t = strtok_r(buf, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
        if (strcmp(t, "ranking") == 0)
            x->show_ranking = true;
        else if (strcmp(t, "composite") == 0)
            x->show_composite = true;
        else if (strcmp(t, "dimensions") == 0)
            x->show_dimensions = true;
        else
            return KH_ERR(err, KH_EINVAL, PUBLICITY_PART_BAD, t);
    }
    return 0;
}

static int set_text(char *dst, size_t n, const char *v, const char *what, struct kh_error *err)
{
    if (v == NULL)
        return 0;
    size_t len = strlen(v);
    if (len > KH_PUBLICITY_TEXT_MAX || len >= n)   /* dates are checked before: only texts reach this */
        return KH_ERR(err, KH_EINVAL, PUBLICITY_TEXT_LONG, what);
    memcpy(dst, v, len + 1);
    return 0;
}

static char *settings_json(const struct kh_publicity *x)
{
    return kh__store_json("show_ranking", x->show_ranking ? "1" : "0", "show_composite",
                          x->show_composite ? "1" : "0", "show_dimensions", x->show_dimensions ? "1" : "0",
                          "start", x->start, "end", x->end, "contact", x->contact, "howto", x->howto, NULL);
}

struct set_ctx {
    const struct kh_actor *actor;
    const char *code;
    const struct kh_publicity_change *ch;
};

static int set_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct set_ctx *a = ctx;
    struct kh_cycle_row c;
    struct kh_publicity before, x;
    const struct kh_publicity_change *ch = a->ch;
    int rc = kh__store_cycle_get(s, a->code, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a->actor, KH_ACT_PUBLICITY_CONFIGURE, &c, NULL, err);
    if (rc == 0)
        rc = stored(s, &c, &before, err);
    if (rc != 0)
        return rc;
    x = before;
    if (ch->parts)
        rc = parse_parts(ch->parts, &x, err);
    time_t ts, te;
    if (rc == 0 && ch->start && ch->start[0] && !date_parse(ch->start, &ts))
        rc = KH_ERR(err, KH_EINVAL, PUBLICITY_DATE_BAD, ch->start);
    if (rc == 0 && ch->end && ch->end[0] && !date_parse(ch->end, &te))
        rc = KH_ERR(err, KH_EINVAL, PUBLICITY_DATE_BAD, ch->end);
    if (rc == 0)
        rc = set_text(x.start, sizeof x.start, ch->start, "start", err);
    if (rc == 0)
        rc = set_text(x.end, sizeof x.end, ch->end, "end", err);
    if (rc == 0)
        rc = set_text(x.contact, sizeof x.contact, ch->contact, "contact", err);
    if (rc == 0)
        rc = set_text(x.howto, sizeof x.howto, ch->howto, "howto", err);
    if (rc != 0)
        return rc;
    /* the period as it will be in effect must not end before it starts */
    struct kh_publicity eff = x;
    rc = effective(s, &c, &eff, err);
    if (rc == 0 && eff.start[0] && eff.end[0] && date_parse(eff.start, &ts) && date_parse(eff.end, &te) &&
        te < ts)
        rc = KH_ERR(err, KH_EINVAL, PUBLICITY_PERIOD_BAD, eff.start, eff.end);
    if (rc != 0)
        return rc;
    char now[32];
    kh__store_now(now);
    const char *p[] = {c.id, x.show_ranking ? "1" : "0", x.show_composite ? "1" : "0",
                       x.show_dimensions ? "1" : "0", x.start, x.end, x.contact, x.howto, now,
                       kh_actor_name(a->actor)};
    rc = kh_store_exec(s, "INSERT INTO publicity_settings (cycle_id, show_ranking, show_composite, "
                          "show_dimensions, start_date, end_date, contact, howto, updated_at, updated_by) "
                          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (cycle_id) DO UPDATE "
                          "SET show_ranking = $2, show_composite = $3, show_dimensions = $4, start_date = $5, "
                          "end_date = $6, contact = $7, howto = $8, updated_at = $9, updated_by = $10",
                       p, 10, NULL, err);
    char *bj = settings_json(&before), *aj = settings_json(&x);
    if (rc == 0)
        rc = kh_store_audit(s, a->actor, "update", "publicity", c.code, bj, aj, NULL, err);
    free(bj);
    free(aj);
    return rc;
}

int kh_store_publicity_set(struct kh_store *s, const struct kh_actor *a, const char *code,
                           const struct kh_publicity_change *ch, struct kh_error *err)
{
    struct set_ctx x = {a, code, ch};
    return kh_store_tx(s, set_tx, &x, err);
}
