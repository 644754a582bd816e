/*
 * store-values.c — values of quant leaves entered after import (SPEC §9.3):
 * cumulative tracking values per period while the cycle is in `tracking`,
 * year-end values while it is in `evaluation` (and either in `setup`).
 * Who may enter which, and in which state, is the action table of authz.h
 * (value.track, value.yearend); a reporter enters only the leaves of its
 * department, a unit only its own unit's tracking values.
 *
 * Why split by period: tracking values are the units' own progress reports
 * during the year; the year-end value is what the method scores, reported by
 * the statistics side (admin or reporter) once the year is over.  Letting a
 * unit change its year-end value, or anyone change it after `evaluation`,
 * would make the ranking move under the reviewers' feet; after that the only
 * way to change a year-end value is an accepted appeal (store-appeal.c).
 *
 * A value is one row of indicator_values keyed by (unit, indicator, period);
 * an update keeps the row's `ord` (its place in values.csv), an insert goes
 * at the end.  Cells are stored canonically (the number in its shortest
 * round-trip form, the period as the reader names it) so an export after a
 * change is still the bundle writer's own output.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/authz.h"
#include "kaohe/error.h"
#include "kaohe/model.h"
#include "kaohe/store-workflow.h"
#include "kaohe/msg-store.h"
#include "store/store-int.h"

struct old_value {
    char ord[24], value[64], source[256];
    bool found;
};

static int old_row(void *ctx, int ncols, const char *const *c)
{
    struct old_value *o = ctx;
    if (ncols >= 3 && !o->found) {
        snprintf(o->ord, sizeof o->ord, "%s", c[0]);
        snprintf(o->value, sizeof o->value, "%s", c[1] ? c[1] : "");
        snprintf(o->source, sizeof o->source, "%s", c[2] ? c[2] : "");
        o->found = true;
    }
    return 0;
}

int kh__store_value_put(struct kh_store *s, const struct kh_actor *actor,
                        const struct kh_cycle_row *c, const char *unit,
                        const char *leaf, const char *period, const char *value,
                        const char *source, const char *reason, struct kh_error *err)
{
    struct old_value o = {.found = false};
    const char *k[] = {c->id, unit, leaf, period};
    int rc = kh_store_query(s, "SELECT ord, value, source FROM indicator_values WHERE cycle_id = $1 "
                               "AND unit = $2 AND indicator = $3 AND period = $4",
                            k, 4, old_row, &o, err);
    if (rc != 0)
        return rc;
    const char *src = source ? source : o.found ? o.source : "";
    if (o.found) {
        const char *p[] = {value, src, c->id, o.ord};
        rc = kh__file_row_update(s, c->id, "values.csv", atol(o.ord),
                                 "UPDATE indicator_values SET value = $1, source = $2 "
                                 "WHERE cycle_id = $3 AND ord = $4", p, 4, err);
    } else {
        char ord[24];
        const char *q[] = {c->id};
        rc = kh_store_query_text(s, "SELECT COALESCE(MAX(ord), 0) + 1 FROM indicator_values "
                                    "WHERE cycle_id = $1", q, 1, ord, sizeof ord, NULL, err);
        const char *p[] = {c->id, ord, unit, leaf, period, value, src};
        if (rc == 0)
            rc = kh_store_exec(s, "INSERT INTO indicator_values (cycle_id, ord, unit, indicator, "
                                  "period, value, source) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                               p, 7, NULL, err);
        if (rc == 0)
            rc = kh__store_file_grew(s, c->id, "values.csv", "unit,indicator,period,value,source", 1,
                                     err);
    }
    if (rc != 0)
        return rc;
    char key[600];
    snprintf(key, sizeof key, "%s/%s/%s/%s", c->code, unit, leaf, period);
    char *before = o.found ? kh__store_json("value", o.value, "source", o.source, NULL) : NULL;
    char *after = kh__store_json("value", value, "source", src, NULL);
    rc = kh_store_audit(s, actor, o.found ? "update" : "insert", "value", key, before, after, reason, err);
    free(before);
    free(after);
    return rc;
}

struct set_ctx {
    const struct kh_actor *actor;
    const char *cycle, *unit, *leaf, *period, *value, *source;
};

static int set_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct set_ctx *a = ctx;
    struct kh_cycle_row c;
    char kind[64], method[64], num[32];
    int per = kh_period_parse(a->period);
    if (per < 0)
        return KH_ERR(err, KH_EINVAL, VALUE_PERIOD_BAD, a->period);
    bool year_end = per == KH_PERIOD_Y;
    int rc = kh__store_cycle_get(s, a->cycle, &c, err);
    struct kh_authz_target t = {.unit = a->unit, .leaf = a->leaf};
    if (rc == 0)
        rc = kh_authz_check(s, a->actor, year_end ? KH_ACT_VALUE_YEAREND : KH_ACT_VALUE_TRACK, &c,
                            &t, err);
    if (rc == 0)
        rc = kh__store_check_unit(s, c.id, a->unit, err);
    if (rc == 0)
        rc = kh__store_check_leaf(s, c.id, a->leaf, kind, method, err);
    if (rc == 0 && strcmp(kind, "quant") != 0)
        rc = KH_ERR(err, KH_EINVAL, VALUE_NOT_QUANT, a->leaf, kind);
    if (rc == 0)
        rc = kh__store_number(a->value, "value", num, err);
    if (rc != 0)
        return rc;
    return kh__store_value_put(s, a->actor, &c, a->unit, a->leaf, kh_period_name(per), num, a->source, NULL,
                               err);
}

int kh_store_value_set(struct kh_store *s, const struct kh_actor *actor, const char *cycle,
                       const char *unit, const char *leaf, const char *period, const char *value,
                       const char *source, struct kh_error *err)
{
    struct set_ctx a = {actor, cycle, unit, leaf, period, value, source};
    return kh_store_tx(s, set_tx, &a, err);
}

struct many_ctx {
    const struct kh_actor *actor;
    const char *cycle;
    const struct kh_value_entry *v;
    size_t n;
    size_t *bad;
};

static int many_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct many_ctx *m = ctx;
    for (size_t i = 0; i < m->n; i++) {
        struct set_ctx a = {m->actor, m->cycle, m->v[i].unit, m->v[i].leaf, m->v[i].period, m->v[i].value,
                            m->v[i].source};
        int rc = set_tx(s, &a, err);
        if (rc != 0) {
            if (m->bad)
                *m->bad = i;
            return rc;
        }
    }
    return 0;
}

int kh_store_values_set(struct kh_store *s, const struct kh_actor *actor, const char *cycle,
                        const struct kh_value_entry *v, size_t n, size_t *bad, struct kh_error *err)
{
    struct many_ctx m = {actor, cycle, v, n, bad};
    return kh_store_tx(s, many_tx, &m, err);
}

int kh_store_values_list(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                         const char *period, kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    struct kh_cycle_row c;
    int rc = kh_store_cycle_get(s, a, cycle, &c, err);
    /* Scope as for entering: a unit its own unit, a reporter its department. */
    struct kh_authz_target t = {.unit = a && a->role == KH_ROLE_UNIT ? a->unit : NULL};
    if (rc == 0)
        rc = kh_authz_check(s, a, KH_ACT_PROGRESS_READ, &c, &t, err);
    if (rc != 0)
        return rc;
    const char *unit = a && a->role == KH_ROLE_UNIT ? a->unit : "";
    const char *dept = a && a->role == KH_ROLE_REPORTER ? a->department : "";
    if (a && a->role == KH_ROLE_REPORTER && dept[0] == '\0')
        return 0;   /* a reporter bound to no department reports nothing */
    const char *p[] = {c.id, period ? period : "", unit, dept};
    return kh_store_query(s,
                          "SELECT v.unit, v.indicator, v.period, v.value, v.source FROM indicator_values v "
                          "JOIN indicators i ON i.cycle_id = v.cycle_id AND i.code = v.indicator "
                          "WHERE v.cycle_id = $1 AND ($2 = '' OR v.period = $2) AND ($3 = '' OR v.unit = $3) "
                          "AND ($4 = '' OR i.department = $4) ORDER BY v.ord",
                          p, 4, fn, ctx, err);
}
