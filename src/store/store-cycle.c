/*
 * store-cycle.c — cycles and the workflow rules of SPEC §9.1.
 *
 *   setup → agreement → tracking → evaluation → review → publicity → final
 *
 * The rules live here, below every front end, so the CLI and (later) the web
 * server cannot disagree: only the admin changes a cycle's state; a cycle
 * moves forward one state at a time; `final` requires that no appeal is
 * open; a final cycle changes only through `reopen`, which needs a reason
 * and goes back to an earlier state.  Every state change is one audit
 * record with the old and new state.  Which *data* may change in which
 * state (targets only in agreement, values only in setup/tracking/
 * evaluation), and who may advance or reopen, is the action table of
 * authz.h, checked by kh_authz_check at the top of each operation; what
 * stays here are the rules of the data.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "kaohe/authz.h"
#include "kaohe/buf.h"
#include "kaohe/error.h"
#include "kaohe/msg-store.h"
#include "kaohe/numfmt.h"
#include "kaohe/store-load.h"
#include "store/store-int.h"

static const char *const state_names[] = {"setup", "agreement", "tracking", "evaluation",
                                          "review", "publicity", "final"};
static const char *const state_zh[] = {"准备", "绩效协议", "过程跟踪", "考核评价",
                                       "审核", "公示", "定案"};

const char *kh_cycle_state_name(enum kh_cycle_state st)
{
    return st >= 0 && st <= KH_STATE_FINAL ? state_names[st] : "?";
}

const char *kh_cycle_state_zh(enum kh_cycle_state st)
{
    return st >= 0 && st <= KH_STATE_FINAL ? state_zh[st] : "?";
}

enum kh_cycle_state kh_cycle_state_parse(const char *s)
{
    for (int i = 0; i <= KH_STATE_FINAL; i++)
        if (strcmp(s, state_names[i]) == 0 || strcmp(s, state_zh[i]) == 0)
            return (enum kh_cycle_state)i;
    return KH_STATE_NONE;
}

struct cyc {
    struct kh_cycle_row *c;
    bool found;
};

static int cycle_row(void *ctx, int ncols, const char *const *v)
{
    struct cyc *x = ctx;
    if (ncols < 7)
        return 0;
    struct kh_cycle_row *c = x->c;
    snprintf(c->id, sizeof c->id, "%s", v[0]);
    snprintf(c->code, sizeof c->code, "%s", v[1]);
    snprintf(c->name, sizeof c->name, "%s", v[2] ? v[2] : "");
    c->state = kh_cycle_state_parse(v[3]);
    snprintf(c->previous, sizeof c->previous, "%s", v[4] ? v[4] : "");
    snprintf(c->state_since, sizeof c->state_since, "%s", v[5] ? v[5] : "");
    snprintf(c->computed_at, sizeof c->computed_at, "%s", v[6] ? v[6] : "");
    x->found = true;
    return 0;
}

int kh__store_cycle_get(struct kh_store *s, const char *code, struct kh_cycle_row *c,
                        struct kh_error *err)
{
    memset(c, 0, sizeof *c);
    c->state = KH_STATE_NONE;
    struct cyc x = {c, false};
    const char *p[] = {code};
    int rc = kh_store_query(s, "SELECT id, code, name, state, previous, state_since, computed_at "
                               "FROM cycles WHERE code = $1", p, 1, cycle_row, &x, err);
    if (rc != 0)
        return rc;
    if (!x.found)
        return KH_ERR(err, KH_ENOTFOUND, STORE_NO_CYCLE, code);
    return 0;
}

int kh_store_cycle_get(struct kh_store *s, const struct kh_actor *a, const char *code,
                       struct kh_cycle_row *c, struct kh_error *err)
{
    int rc = kh__store_cycle_get(s, code, c, err);
    return rc ? rc : kh_authz_check(s, a, KH_ACT_CYCLE_SHOW, c, NULL, err);
}

int kh_store_cycles_list(struct kh_store *s, const struct kh_actor *a, kh_store_row_fn fn,
                         void *ctx, struct kh_error *err)
{
    int rc = kh_authz_check(s, a, KH_ACT_CYCLE_LIST, NULL, NULL, err);
    if (rc != 0)
        return rc;
    return kh_store_query(s, "SELECT code, name, state, previous FROM cycles ORDER BY code", NULL, 0,
                          fn, ctx, err);
}

int kh_store_cycle_files(struct kh_store *s, const struct kh_actor *a, const char *code,
                         kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    struct kh_cycle_row c;
    int rc = kh_store_cycle_get(s, a, code, &c, err);
    if (rc != 0)
        return rc;
    const char *p[] = {c.id};
    return kh_store_query(s, "SELECT file, nrows, sha256 FROM cycle_files WHERE cycle_id = $1 "
                             "ORDER BY file", p, 1, fn, ctx, err);
}

/* The scheme files every role may read (no ratings, values, responses or
 * targets: those have their own scoped operations). */
static const char *const scheme_files[] = {
    "cycle.csv", "categories.csv", "units.csv", "indicators.csv", "scales.csv", "rater_groups.csv",
    "survey_items.csv", "positions.csv", "cadres.csv", NULL,
};

int kh_store_scheme_rows(struct kh_store *s, const struct kh_actor *a, const char *code,
                         const char *file, kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    const struct kh_store_table *t = NULL;
    for (int i = 0; scheme_files[i]; i++)
        if (strcmp(scheme_files[i], file) == 0)
            t = kh_store_table_by_file(file);
    if (t == NULL)
        return KH_ERR(err, KH_EINVAL, STORE_NOT_SCHEME_FILE, file);
    struct kh_cycle_row c;
    int rc = kh_store_cycle_get(s, a, code, &c, err);
    if (rc != 0)
        return rc;
    struct kh_buf sql = KH_BUF_INIT;
    kh_buf_puts(&sql, "SELECT ");
    for (int i = 0; t->columns[i]; i++)
        kh_buf_printf(&sql, "%s\"%s\"", i ? ", " : "", t->columns[i]);
    kh_buf_printf(&sql, " FROM %s WHERE cycle_id = $1 ORDER BY ord", t->table);
    const char *p[] = {c.id};
    rc = kh_store_query(s, kh_buf_cstr(&sql), p, 1, fn, ctx, err);
    kh_buf_release(&sql);
    return rc;
}

struct count {
    long n;
};

static int count_row(void *ctx, int ncols, const char *const *v)
{
    if (ncols > 0 && v[0])
        ((struct count *)ctx)->n = atol(v[0]);
    return 0;
}

static int open_appeals(struct kh_store *s, const char *cycle_id, long *n, struct kh_error *err)
{
    struct count c = {0};
    const char *p[] = {cycle_id};
    int rc = kh_store_query(s, "SELECT COUNT(*) FROM appeals WHERE cycle_id = $1 AND state = 'open'",
                            p, 1, count_row, &c, err);
    *n = c.n;
    return rc;
}

int kh_store_cycle_open_appeals(struct kh_store *s, const struct kh_actor *a, const char *code,
                                long *n, struct kh_error *err)
{
    struct kh_cycle_row c;
    *n = 0;
    int rc = kh_store_cycle_get(s, a, code, &c, err);
    return rc ? rc : open_appeals(s, c.id, n, err);
}

static char *state_json(const char *code, const char *state)
{
    json_t *o = json_pack("{s:s, s:s}", "code", code, "state", state);
    char *t = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return t;
}

struct state_ctx {
    const struct kh_actor *actor;
    const char *code, *reason;
    bool reopen;
    enum kh_cycle_state to;   /* reopen: the state to return to; advance: set by state_tx */
};

/*
 * Leaving `agreement` (SPEC §9.2): the signed agreements must be complete —
 * every unit where a `target` leaf applies has an approved, non-zero target
 * (§11.10).  The cycle is loaded and validated as compute would; a cycle
 * that does not validate names the first reason (usually targets.csv: a
 * target still proposed or returned) and stays in `agreement`.
 */
static int agreement_complete(struct kh_store *s, const char *code, struct kh_error *err)
{
    struct kh_bundle b = {0};
    struct kh_diags d;
    kh_diags_init(&d, 5);
    int rc = kh__store_load(s, code, &b, &d, err);
    if (rc != 0 && d.n > 0) {
        /* The place of the first problem, language-neutral; the reader's
         * own message stays with `kaohe validate` of the exported bundle. */
        const struct kh_diag *g = &d.items[0];
        char where[400];
        snprintf(where, sizeof where, "%s%s%s%s%s", g->file, g->line ? ":" : "",
                 g->line ? KH_ARG_LONG(g->line) : "", g->column ? ":" : "", g->column ? g->column : "");
        rc = KH_ERR(err, KH_ESTATE, CYCLE_AGREEMENTS_INCOMPLETE, code, KH_ARG_SIZE(d.total), where);
    }
    kh_diags_release(&d);
    kh_bundle_release(&b);
    return rc;
}

/*
 * Advance or reopen.  The guard decides who and in which state (advance:
 * any open state; reopen: final only); what remains here are the rules of
 * the data: one step forward, complete agreements before tracking, no open
 * appeal before final, a reason and an earlier state for a reopen.
 */
static int state_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct state_ctx *a = ctx;
    struct kh_cycle_row c;
    int rc = kh__store_cycle_get(s, a->code, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a->actor, a->reopen ? KH_ACT_CYCLE_REOPEN : KH_ACT_CYCLE_ADVANCE,
                            &c, NULL, err);
    if (rc != 0)
        return rc;
    if (a->reopen) {
        if (a->to < 0 || a->to >= KH_STATE_FINAL)
            return KH_ERR(err, KH_EUSAGE, CYCLE_REOPEN_TARGET);
        if (a->reason == NULL || a->reason[0] == '\0')
            return KH_ERR(err, KH_EUSAGE, CYCLE_REOPEN_REASON);
    } else {
        a->to = (enum kh_cycle_state)(c.state + 1);
    }
    if (!a->reopen && a->to == KH_STATE_TRACKING) {
        rc = agreement_complete(s, c.code, err);
        if (rc != 0)
            return rc;
    }
    if (a->to == KH_STATE_FINAL) {
        long open = 0;
        rc = open_appeals(s, c.id, &open, err);
        if (rc != 0)
            return rc;
        if (open > 0)
            return KH_ERR(err, KH_ESTATE, CYCLE_OPEN_APPEALS, c.code, KH_ARG_LONG(open));
    }
    char now[32];
    kh__store_now(now);
    const char *p[] = {kh_cycle_state_name(a->to), now, c.id};
    rc = kh_store_exec(s, "UPDATE cycles SET state = $1, state_since = $2 WHERE id = $3", p, 3, NULL,
                       err);
    if (rc != 0)
        return rc;
    char *before = state_json(c.code, kh_cycle_state_name(c.state));
    char *after = state_json(c.code, kh_cycle_state_name(a->to));
    rc = kh_store_audit(s, a->actor, a->reopen ? "reopen" : "advance", "cycle", c.code, before,
                        after, a->reason, err);
    free(before);
    free(after);
    return rc;
}

int kh_store_cycle_advance(struct kh_store *s, const struct kh_actor *a, const char *code,
                           const char *reason, enum kh_cycle_state *to, struct kh_error *err)
{
    struct state_ctx x = {a, code, reason, false, KH_STATE_NONE};
    int rc = kh_store_tx(s, state_tx, &x, err);
    if (to != NULL)
        *to = rc == 0 ? x.to : KH_STATE_NONE;
    return rc;
}

int kh_store_cycle_reopen(struct kh_store *s, const struct kh_actor *a, const char *code,
                          enum kh_cycle_state to, const char *reason, struct kh_error *err)
{
    struct state_ctx x = {a, code, reason, true, to};
    return kh_store_tx(s, state_tx, &x, err);
}

/* Runs inside the caller's transaction (import). */
int kh__store_cycle_create(struct kh_store *s, const struct kh_actor *a, const char *code,
                           const char *name, const char *previous, bool replace, char id[24],
                           struct kh_error *err)
{
    struct kh_cycle_row c;
    char now[32];
    kh__store_now(now);
    bool exists = kh__store_cycle_get(s, code, &c, NULL) == 0;
    int rc = kh_authz_check(s, a, KH_ACT_CYCLE_IMPORT, exists ? &c : NULL, NULL, err);
    if (rc != 0)
        return rc;
    if (exists) {
        if (!replace)
            return KH_ERR(err, KH_EEXISTS, CYCLE_EXISTS, code);
        snprintf(id, 24, "%s", c.id);
        rc = kh__store_files_delete(s, id, false, err);
        if (rc == 0)
            rc = kh__store_files_delete(s, id, true, err);
        if (rc == 0)
            rc = kh__rating_forms_delete(s, id, err);
        const char *p[] = {name, previous, id};
        if (rc == 0)
            rc = kh_store_exec(s, "UPDATE cycles SET name = $1, previous = $2, computed_at = '' "
                                  "WHERE id = $3", p, 3, NULL, err);
        if (rc == 0)
            rc = kh_store_audit(s, a, "delete", "cycle-data", code, "{\"replaced\":true}", NULL,
                                "import --replace", err);
        return rc;
    }
    rc = kh__store_next_id(s, "cycles", "id", id, err);
    if (rc != 0)
        return rc;
    const char *p[] = {id, code, name, "setup", previous, now};
    rc = kh_store_exec(s, "INSERT INTO cycles (id, code, name, state, previous, state_since, "
                          "created_at) VALUES ($1, $2, $3, $4, $5, $6, $6)", p, 6, NULL, err);
    if (rc != 0)
        return rc;
    json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "code", code, "name", name, "state", "setup",
                          "previous", previous);
    char *after = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    rc = kh_store_audit(s, a, "insert", "cycle", code, NULL, after, NULL, err);
    free(after);
    return rc;
}

/* ---- helpers of the data-changing workflow commands (store-int.h) ---- */

int kh__store_check_unit(struct kh_store *s, const char *cycle_id, const char *unit,
                         struct kh_error *err)
{
    char one[8];
    const char *p[] = {cycle_id, unit};
    int rc = kh_store_query_text(s, "SELECT 1 FROM units WHERE cycle_id = $1 AND code = $2", p, 2,
                                 one, sizeof one, NULL, err);
    if (rc == KH_ENOTFOUND)
        return KH_ERR(err, KH_EINVAL, CYCLE_NO_UNIT, unit);
    return rc;
}

struct leaf_ctx {
    char *kind, *method;
    bool found;
};

static int leaf_row(void *ctx, int ncols, const char *const *c)
{
    struct leaf_ctx *l = ctx;
    if (ncols >= 2) {
        snprintf(l->kind, 64, "%s", c[0] ? c[0] : "");
        snprintf(l->method, 64, "%s", c[1] ? c[1] : "");
        l->found = true;
    }
    return 0;
}

int kh__store_check_leaf(struct kh_store *s, const char *cycle_id, const char *code,
                         char kind[64], char method[64], struct kh_error *err)
{
    struct leaf_ctx l = {kind, method, false};
    const char *p[] = {cycle_id, code};
    int rc = kh_store_query(s, "SELECT kind, method FROM indicators WHERE cycle_id = $1 AND code = $2",
                            p, 2, leaf_row, &l, err);
    if (rc == 0 && !l.found)
        rc = KH_ERR(err, KH_EINVAL, CYCLE_NO_INDICATOR, code);
    return rc;
}

int kh__store_file_grew(struct kh_store *s, const char *cycle_id, const char *file,
                        const char *header, long added, struct kh_error *err)
{
    char n[24];
    const char *p[] = {cycle_id, file};
    int rc = kh_store_query_text(s, "SELECT nrows FROM cycle_files WHERE cycle_id = $1 AND file = $2",
                                 p, 2, n, sizeof n, NULL, err);
    if (rc == KH_ENOTFOUND) {
        struct kh__seal seal = {0, 0};
        char hex[33];
        kh__seal_header(&seal, header);
        kh__seal_hex(&seal, hex);
        snprintf(n, sizeof n, "%ld", added);
        const char *ip[] = {cycle_id, file, header, n, hex};
        rc = kh_store_exec(s, "INSERT INTO cycle_files (cycle_id, file, header, nrows, sha256, seal) "
                              "VALUES ($1, $2, $3, $4, '', $5)", ip, 5, NULL, err);
    } else if (rc == 0 && added != 0) {
        snprintf(n, sizeof n, "%ld", atol(n) + added);
        const char *up[] = {n, cycle_id, file};
        rc = kh_store_exec(s, "UPDATE cycle_files SET nrows = $1 WHERE cycle_id = $2 AND file = $3",
                           up, 3, NULL, err);
    }
    if (rc != 0 || added <= 0)
        return rc;
    /* The rows just added are the `added` highest ords (each went in at
     * MAX(ord) + 1): seal them. */
    const struct kh_store_table *t = kh_store_table_by_file(file);
    if (t == NULL)
        return KH_ERR_AT(err, KH_EINVAL, file, 0, NULL, TABLE_UNKNOWN_FILE);
    char sql[128], top[24];
    snprintf(sql, sizeof sql, "SELECT MAX(ord) FROM %s WHERE cycle_id = $1", t->table);
    rc = kh_store_query_text(s, sql, p, 1, top, sizeof top, NULL, err);
    if (rc != 0)
        return rc;
    long hi = atol(top);
    return kh__file_rows_seal(s, cycle_id, file, hi - added + 1, hi, +1, err);
}

int kh__store_number(const char *text, const char *what, char out[32], struct kh_error *err)
{
    char *end;
    double x = text ? strtod(text, &end) : 0;
    if (text == NULL || text[0] == '\0' || *end != '\0' || !isfinite(x))
        return KH_ERR_AT(err, KH_EINVAL, NULL, 0, what, STORE_NOT_A_NUMBER, text ? text : "");
    kh_fmt_double_short(x, out);
    return 0;
}

char *kh__store_json(const char *k1, ...)
{
    json_t *o = json_object();
    va_list ap;
    va_start(ap, k1);
    for (const char *k = k1; k != NULL; k = va_arg(ap, const char *)) {
        const char *v = va_arg(ap, const char *);
        json_object_set_new(o, k, v ? json_string(v) : json_null());
    }
    va_end(ap);
    char *t = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return t;
}
