/*
 * store-ballot.c — 民主测评 ballots, their slips and their votes
 * (store-ballot.h).
 *
 * Tables of schema version 8: ballots, ballot_groups (issued and
 * submitted per group), ballot_slips (SHA-256 of the token, group, used
 * time).  Votes are not kept here at all: they become rows of the cycle's
 * raters and ratings tables, so export, compute and every report see them
 * as the ratings they are, and the engine's reading of SPEC §4/§7 is the
 * only one.
 *
 * What a group votes on is decided in one place, ballot_items(), used both
 * by create (a group that would rate nothing is refused) and by the slip
 * page and submission (the form is rebuilt from the cycle's data each
 * time, so a vote always names an item that exists now).
 *
 * Races.  A slip is used by "UPDATE … SET used_at = now WHERE hash = $1
 * AND used_at = ''" whose row count decides, inside the transaction that
 * inserts the rater and the ratings: of two submissions of one slip
 * exactly one commits (SQLite: one writer at a time; PostgreSQL:
 * SERIALIZABLE, the loser retried by kh_store_tx, then refused as used).
 * The rater's number k comes from the same transaction's increment of
 * ballot_groups.submitted, so two slips of one group never get one code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/buf.h"
#include "kaohe/error.h"
#include "kaohe/msg-store.h"
#include "kaohe/store-ballot.h"
#include "kaohe/xalloc.h"
#include "store/store-int.h"

/* Whether a weight list "a=0.5;b=0.3" gives group a weight > 0; an empty
 * list means every group with weight 1 (SPEC §11.8). */
static bool group_weighs(const char *list, const char *group)
{
    if (list == NULL || list[0] == '\0')
        return true;
    size_t n = strlen(group);
    for (const char *p = list; p && *p;) {
        if (strncmp(p, group, n) == 0 && p[n] == '=')
            return strtod(p + n + 1, NULL) > 0;
        p = strchr(p, ';');
        p = p ? p + 1 : NULL;
    }
    return false;
}

/* ---- what a group votes on ---- */

struct ind {
    char code[128], parent[128], kind[32], name[256], raters[512], scale[128];
    double w;
};

struct ind_ctx {
    struct ind *v;
    int n, cap;
};

static int ind_row(void *ctx, int ncols, const char *const *c)
{
    struct ind_ctx *x = ctx;
    if (ncols < 7)
        return 0;
    if (x->n == x->cap) {
        x->cap = x->cap ? 2 * x->cap : 64;
        x->v = kh_xrealloc(x->v, (size_t)x->cap * sizeof *x->v);
    }
    struct ind *d = &x->v[x->n++];
    snprintf(d->code, sizeof d->code, "%s", c[0] ? c[0] : "");
    snprintf(d->parent, sizeof d->parent, "%s", c[1] ? c[1] : "");
    snprintf(d->kind, sizeof d->kind, "%s", c[2] ? c[2] : "");
    snprintf(d->name, sizeof d->name, "%s", c[3] ? c[3] : "");
    snprintf(d->raters, sizeof d->raters, "%s", c[4] ? c[4] : "");
    snprintf(d->scale, sizeof d->scale, "%s", c[5] && c[5][0] ? c[5] : "team");
    d->w = c[6] ? strtod(c[6], NULL) : 0;
    return 0;
}

/* SPEC §11.11: the leaf and every ancestor weigh > 0 in the category. */
static bool applicable(const struct ind_ctx *x, int i)
{
    for (int depth = 0; i >= 0 && depth < 64; depth++) {
        if (!(x->v[i].w > 0))
            return false;
        if (x->v[i].parent[0] == '\0')
            return true;
        int up = -1;
        for (int k = 0; k < x->n && up < 0; k++)
            if (strcmp(x->v[k].code, x->v[i].parent) == 0)
                up = k;
        i = up;
    }
    return false;
}

struct cadre_ctx {
    struct kh_ballot_form *f;
    struct kh_store *s;
    const char *cycle_id, *group;
    int rc;
    struct kh_error *err;
};

/* Append an item; the levels of its scale with 弃权 last (offered always). */
static int add_item(struct kh_store *s, const char *cycle_id, struct kh_ballot_form *f, const char *kind,
                    const char *ratee, const char *ratee_name, const char *position, const char *item,
                    const char *item_name, const char *scale, struct kh_error *err)
{
    if (f->nitems >= KH_BALLOT_MAXITEMS)
        return 0;
    char levels[256];
    int rc = kh__scale_levels(s, cycle_id, scale, levels, sizeof levels, err);
    if (rc != 0 || levels[0] == '\0')
        return rc;   /* a numeric scale takes no vote on a slip */
    if (!kh__level_in(levels, "弃权")) {
        size_t used = strlen(levels);
        snprintf(levels + used, sizeof levels - used, "|弃权");
    }
    int i = f->nitems++;
    snprintf(f->items[i].kind, sizeof f->items[i].kind, "%s", kind);
    snprintf(f->items[i].ratee, sizeof f->items[i].ratee, "%s", ratee);
    snprintf(f->items[i].ratee_name, sizeof f->items[i].ratee_name, "%s", ratee_name);
    snprintf(f->items[i].position, sizeof f->items[i].position, "%s", position);
    snprintf(f->items[i].item, sizeof f->items[i].item, "%s", item);
    snprintf(f->items[i].item_name, sizeof f->items[i].item_name, "%s", item_name);
    snprintf(f->items[i].levels, sizeof f->items[i].levels, "%s", levels);
    return 0;
}

/* code, name, position name, dims, groups */
static int cadre_row(void *ctx, int ncols, const char *const *c)
{
    struct cadre_ctx *x = ctx;
    if (ncols < 5 || x->rc != 0 || !group_weighs(c[4], x->group))
        return 0;
    char *dims = kh_xstrdup(c[3] ? c[3] : "");
    for (char *save = NULL, *d = strtok_r(dims, ";", &save); d && x->rc == 0; d = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(d, '=');
        if (eq)
            *eq = '\0';
        if (d[0])
            x->rc = add_item(x->s, x->cycle_id, x->f, "cadre", c[0], c[1] ? c[1] : "", c[2] ? c[2] : "", d, d,
                             "cadre", x->err);
    }
    free(dims);
    return 0;
}

/* The items of f->unit that f->group votes on (see store-ballot.h). */
static int ballot_items(struct kh_store *s, const char *cycle_id, struct kh_ballot_form *f, struct kh_error *err)
{
    f->nitems = 0;
    char cat[128] = "";
    const char *u[] = {cycle_id, f->unit};
    int rc = kh_store_query_text(s, "SELECT category FROM units WHERE cycle_id = $1 AND code = $2", u, 2, cat,
                                 sizeof cat, NULL, err);
    const char *p[] = {cycle_id, cat};
    struct ind_ctx x = {NULL, 0, 0};
    if (rc == 0)
        rc = kh_store_query(s, "SELECT i.code, i.parent, i.kind, i.name, i.raters, i.scale, w.weight "
                               "FROM indicators i LEFT JOIN indicator_weights w ON w.cycle_id = i.cycle_id "
                               "AND w.ord = i.ord AND w.category = $2 WHERE i.cycle_id = $1 ORDER BY i.ord",
                            p, 2, ind_row, &x, err);
    for (int i = 0; rc == 0 && i < x.n; i++)
        if (strcmp(x.v[i].kind, "qual") == 0 && group_weighs(x.v[i].raters, f->group) && applicable(&x, i))
            rc = add_item(s, cycle_id, f, "team", f->unit, f->unit_name, "", x.v[i].code, x.v[i].name,
                          x.v[i].scale, err);
    free(x.v);
    struct cadre_ctx cx = {f, s, cycle_id, f->group, 0, err};
    if (rc == 0)
        rc = kh_store_query(s, "SELECT c.code, c.name, COALESCE(p.name, c.position), p.dims, p.groups FROM cadres c "
                               "LEFT JOIN positions p ON p.cycle_id = c.cycle_id AND p.code = c.position "
                               "WHERE c.cycle_id = $1 AND c.unit = $2 ORDER BY c.ord",
                            u, 2, cadre_row, &cx, err);
    return rc != 0 ? rc : cx.rc;
}

/* ---- create, list, show, close ---- */

struct create_ctx {
    const struct kh_actor *a;
    const char *cycle, *unit;
    const struct kh_ballot_group *groups;
    int ngroups;
    kh_store_row_fn fn;
    void *ctx;
    char *id;
    struct kh_ballot_form f;
};

static int create_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct create_ctx *x = ctx;
    struct kh_cycle_row c;
    int rc = kh__store_cycle_get(s, x->cycle, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, x->a, KH_ACT_BALLOT_CREATE, &c, NULL, err);
    if (rc == 0)
        rc = kh__store_check_unit(s, c.id, x->unit, err);
    if (rc != 0)
        return rc;
    if (x->ngroups < 1 || x->ngroups > KH_BALLOT_MAXGROUPS)
        return KH_ERR(err, KH_EINVAL, BALLOT_GROUPS_NONE);
    char names[KH_BALLOT_MAXGROUPS][512];
    snprintf(x->f.unit, sizeof x->f.unit, "%s", x->unit);
    const char *u[] = {c.id, x->unit};
    kh_store_query_text(s, "SELECT name FROM units WHERE cycle_id = $1 AND code = $2", u, 2, x->f.unit_name,
                        sizeof x->f.unit_name, NULL, NULL);
    for (int g = 0; g < x->ngroups; g++) {
        const char *code = x->groups[g].group ? x->groups[g].group : "";
        const char *p[] = {c.id, code};
        bool twice = false;
        for (int h = 0; h < g; h++)
            twice = twice || strcmp(x->groups[h].group, code) == 0;
        if (twice || kh_store_query_text(s, "SELECT name FROM rater_groups WHERE cycle_id = $1 AND code = $2", p, 2,
                                         names[g], sizeof names[g], NULL, NULL) != 0)
            return KH_ERR(err, KH_EINVAL, BALLOT_GROUP_BAD, code);
        if (x->groups[g].slips < 1 || x->groups[g].slips > 10000)
            return KH_ERR(err, KH_EINVAL, BALLOT_COUNT_BAD, code);
        snprintf(x->f.group, sizeof x->f.group, "%s", code);
        rc = ballot_items(s, c.id, &x->f, err);
        if (rc != 0)
            return rc;
        if (x->f.nitems == 0)
            return KH_ERR(err, KH_EINVAL, BALLOT_GROUP_NOTHING, code, x->unit);
    }
    char now[32];
    kh__store_now(now);
    rc = kh__store_next_id(s, "ballots", "id", x->id, err);
    const char *b[] = {x->id, c.id, x->unit, now, kh_actor_name(x->a)};
    if (rc == 0)
        rc = kh_store_exec(s, "INSERT INTO ballots (id, cycle_id, unit, state, created, created_by) "
                              "VALUES ($1, $2, $3, 'open', $4, $5)", b, 5, NULL, err);
    struct kh_buf counts = KH_BUF_INIT;
    for (int g = 0; rc == 0 && g < x->ngroups; g++) {
        char ord[16], n[24];
        snprintf(ord, sizeof ord, "%d", g + 1);
        snprintf(n, sizeof n, "%ld", x->groups[g].slips);
        kh_buf_printf(&counts, "%s%s=%s", g ? ";" : "", x->groups[g].group, n);
        const char *p[] = {x->id, ord, x->groups[g].group, n};
        rc = kh_store_exec(s, "INSERT INTO ballot_groups (ballot_id, ord, \"group\", issued) VALUES ($1, $2, $3, $4)",
                           p, 4, NULL, err);
        for (long i = 0; rc == 0 && i < x->groups[g].slips; i++) {
            char token[KH_BALLOT_TOKEN_HEX], hash[65];
            kh__token_new(token, hash);
            const char *q[] = {hash, x->id, x->groups[g].group};
            rc = kh_store_exec(s, "INSERT INTO ballot_slips (hash, ballot_id, \"group\") VALUES ($1, $2, $3)", q, 3,
                               NULL, err);
            const char *row[] = {x->groups[g].group, names[g], token, x->f.unit_name, c.name};
            if (rc == 0 && x->fn)
                rc = x->fn(x->ctx, 5, row);
        }
    }
    char key[300];
    snprintf(key, sizeof key, "%s/%s", c.code, x->id);
    char *after = kh__store_json("unit", x->unit, "groups", kh_buf_cstr(&counts), "state", "open", NULL);
    if (rc == 0)
        rc = kh_store_audit(s, x->a, "insert", "ballot", key, NULL, after, NULL, err);
    free(after);
    kh_buf_release(&counts);
    return rc;
}

int kh_store_ballot_create(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                           const char *unit, const struct kh_ballot_group *groups, int ngroups,
                           kh_store_row_fn fn, void *ctx, char id[24], struct kh_error *err)
{
    struct create_ctx *x = kh_xcalloc(1, sizeof *x);
    *x = (struct create_ctx){a, cycle, unit ? unit : "", groups, ngroups, fn, ctx, id, {.nitems = 0}};
    id[0] = '\0';
    int rc = kh_store_tx(s, create_tx, x, err);
    free(x);
    return rc;
}

/* The cycle, after the check of act. */
static int ballot_cycle(struct kh_store *s, const struct kh_actor *a, enum kh_action act, const char *cycle,
                        struct kh_cycle_row *c, struct kh_error *err)
{
    int rc = kh__store_cycle_get(s, cycle, c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a, act, c, NULL, err);
    return rc;
}

/* KH_ENOTFOUND BALLOT_UNKNOWN unless the cycle has ballot id; its state
 * into state (16 bytes). */
static int ballot_state(struct kh_store *s, const struct kh_cycle_row *c, const char *id, char state[16],
                        struct kh_error *err)
{
    const char *p[] = {c->id, id ? id : ""};
    char *end;
    if (id == NULL || strtol(id, &end, 10) <= 0 || *end != '\0' ||
        kh_store_query_text(s, "SELECT state FROM ballots WHERE cycle_id = $1 AND id = $2", p, 2, state, 16, NULL,
                            NULL) != 0)
        return KH_ERR(err, KH_ENOTFOUND, BALLOT_UNKNOWN, id ? id : "");
    return 0;
}

int kh_store_ballot_list(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                         kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    struct kh_cycle_row c;
    int rc = ballot_cycle(s, a, KH_ACT_BALLOT_LIST, cycle, &c, err);
    if (rc != 0)
        return rc;
    const char *p[] = {c.id};
    return kh_store_query(s, "SELECT b.id, b.unit, COALESCE(u.name, ''), b.state, b.created, g.\"group\", "
                             "COALESCE(r.name, ''), g.issued, g.submitted FROM ballots b "
                             "JOIN ballot_groups g ON g.ballot_id = b.id "
                             "LEFT JOIN units u ON u.cycle_id = b.cycle_id AND u.code = b.unit "
                             "LEFT JOIN rater_groups r ON r.cycle_id = b.cycle_id AND r.code = g.\"group\" "
                             "WHERE b.cycle_id = $1 ORDER BY b.id, g.ord",
                          p, 1, fn, ctx, err);
}

int kh_store_ballot_show(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                         const char *id, kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    struct kh_cycle_row c;
    char state[16];
    int rc = ballot_cycle(s, a, KH_ACT_BALLOT_SHOW, cycle, &c, err);
    if (rc == 0)
        rc = ballot_state(s, &c, id, state, err);
    if (rc != 0)
        return rc;
    const char *p[] = {c.id, id};
    rc = kh_store_query(s, "SELECT g.\"group\", COALESCE(r.name, ''), g.issued, g.submitted FROM ballot_groups g "
                           "LEFT JOIN rater_groups r ON r.cycle_id = $1 AND r.code = g.\"group\" "
                           "WHERE g.ballot_id = $2 ORDER BY g.ord",
                        p, 2, fn, ctx, err);
    char issued[24] = "0", submitted[24] = "0";
    const char *q[] = {id};
    if (rc == 0)
        rc = kh_store_query_text(s, "SELECT SUM(issued) FROM ballot_groups WHERE ballot_id = $1", q, 1, issued,
                                 sizeof issued, NULL, err);
    if (rc == 0)
        rc = kh_store_query_text(s, "SELECT SUM(submitted) FROM ballot_groups WHERE ballot_id = $1", q, 1,
                                 submitted, sizeof submitted, NULL, err);
    const char *total[] = {"", state, issued, submitted};
    return rc != 0 ? rc : fn(ctx, 4, total);
}

struct close_ctx {
    const struct kh_actor *a;
    const char *cycle, *id;
};

static int close_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct close_ctx *x = ctx;
    struct kh_cycle_row c;
    char state[16], now[32];
    int rc = ballot_cycle(s, x->a, KH_ACT_BALLOT_CLOSE, x->cycle, &c, err);
    if (rc == 0)
        rc = ballot_state(s, &c, x->id, state, err);
    if (rc != 0 || strcmp(state, "closed") == 0)
        return rc;
    kh__store_now(now);
    const char *p[] = {now, x->id};
    rc = kh_store_exec(s, "UPDATE ballots SET state = 'closed', closed_at = $1 WHERE id = $2", p, 2, NULL, err);
    char key[300];
    snprintf(key, sizeof key, "%s/%s", c.code, x->id);
    char *before = kh__store_json("state", "open", NULL), *after = kh__store_json("state", "closed", NULL);
    if (rc == 0)
        rc = kh_store_audit(s, x->a, "update", "ballot", key, before, after, NULL, err);
    free(before);
    free(after);
    return rc;
}

int kh_store_ballot_close(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                          const char *id, struct kh_error *err)
{
    struct close_ctx x = {a, cycle, id};
    return kh_store_tx(s, close_tx, &x, err);
}

/* ---- the slip ---- */

struct slip {
    char ballot[24], group[128], used[32], state[16], cycle_id[24], unit[128];
};

static int slip_row(void *ctx, int ncols, const char *const *c)
{
    struct slip *v = ctx;
    if (ncols < 6)
        return 0;
    snprintf(v->ballot, sizeof v->ballot, "%s", c[0]);
    snprintf(v->group, sizeof v->group, "%s", c[1]);
    snprintf(v->used, sizeof v->used, "%s", c[2] ? c[2] : "");
    snprintf(v->state, sizeof v->state, "%s", c[3]);
    snprintf(v->cycle_id, sizeof v->cycle_id, "%s", c[4]);
    snprintf(v->unit, sizeof v->unit, "%s", c[5]);
    return 0;
}

/* The slip of token with the checks of kh_store_ballot_open, and its form. */
static int open_slip(struct kh_store *s, const char *token, struct slip *v, struct kh_ballot_form *f,
                     struct kh_error *err)
{
    memset(v, 0, sizeof *v);
    if (token == NULL || strlen(token) != 32)
        return KH_ERR(err, KH_ENOTFOUND, BALLOT_SLIP_UNKNOWN);
    char hash[65];
    kh__token_hash(token, hash);
    const char *p[] = {hash};
    int rc = kh_store_query(s, "SELECT b.id, sl.\"group\", sl.used_at, b.state, b.cycle_id, b.unit "
                               "FROM ballot_slips sl JOIN ballots b ON b.id = sl.ballot_id WHERE sl.hash = $1",
                            p, 1, slip_row, v, err);
    if (rc != 0)
        return rc;
    if (v->ballot[0] == '\0')
        return KH_ERR(err, KH_ENOTFOUND, BALLOT_SLIP_UNKNOWN);
    if (v->used[0])
        return KH_ERR(err, KH_ESTATE, BALLOT_SLIP_USED);
    char st[32] = "";
    const char *q[] = {v->cycle_id};
    rc = kh_store_query_text(s, "SELECT state FROM cycles WHERE id = $1", q, 1, st, sizeof st, NULL, err);
    if (rc != 0)
        return rc;
    enum kh_cycle_state state = kh_cycle_state_parse(st);
    if (strcmp(v->state, "open") != 0 || state == KH_STATE_NONE ||
        !kh_authz_state_allows(KH_ACT_BALLOT_SUBMIT, state))
        return KH_ERR(err, KH_ESTATE, BALLOT_CLOSED);
    memset(f, 0, sizeof *f);
    snprintf(f->ballot, sizeof f->ballot, "%s", v->ballot);
    snprintf(f->unit, sizeof f->unit, "%s", v->unit);
    snprintf(f->group, sizeof f->group, "%s", v->group);
    const char *u[] = {v->cycle_id, v->unit}, *g[] = {v->cycle_id, v->group};
    kh_store_query_text(s, "SELECT value FROM cycle_settings WHERE cycle_id = $1 AND key = 'name'", q, 1,
                        f->cycle_name, sizeof f->cycle_name, NULL, NULL);
    kh_store_query_text(s, "SELECT name FROM units WHERE cycle_id = $1 AND code = $2", u, 2, f->unit_name,
                        sizeof f->unit_name, NULL, NULL);
    kh_store_query_text(s, "SELECT name FROM rater_groups WHERE cycle_id = $1 AND code = $2", g, 2, f->group_name,
                        sizeof f->group_name, NULL, NULL);
    return ballot_items(s, v->cycle_id, f, err);
}

int kh_store_ballot_open(struct kh_store *s, const char *token, struct kh_ballot_form *f,
                         struct kh_error *err)
{
    struct slip v;
    return open_slip(s, token, &v, f, err);
}

/* Who votes: nobody in particular (the audit record says "public"). */
static const struct kh_actor ballot_public = {.name = "public", .role = KH_ROLE_NONE};

struct submit_ctx {
    const char *token;
    const char *const *votes;
    int nvotes;
    struct kh_ballot_form f;
};

static int submit_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct submit_ctx *x = ctx;
    struct slip v;
    int rc = open_slip(s, x->token, &v, &x->f, err);
    if (rc != 0)
        return rc;
    int voted = 0;
    for (int i = 0; i < x->f.nitems; i++) {
        const char *vote = i < x->nvotes ? x->votes[i] : NULL;
        if (vote == NULL || vote[0] == '\0')
            continue;
        if (!kh__level_in(x->f.items[i].levels, vote)) {
            char n[16];
            snprintf(n, sizeof n, "%d", i + 1);
            return KH_ERR_AT(err, KH_EINVAL, NULL, 0, n, BALLOT_VOTE_BAD, n);
        }
        voted++;
    }
    if (voted == 0)
        return KH_ERR(err, KH_EINVAL, BALLOT_EMPTY);
    char hash[65], now[32];
    kh__token_hash(x->token, hash);
    kh__store_now(now);
    const char *u[] = {now, hash};
    long changed = 0;
    rc = kh_store_exec(s, "UPDATE ballot_slips SET used_at = $1 WHERE hash = $2 AND used_at = ''", u, 2, &changed,
                       err);
    if (rc == 0 && changed != 1)
        return KH_ERR(err, KH_ESTATE, BALLOT_SLIP_USED);
    const char *g[] = {v.ballot, v.group};
    if (rc == 0)
        rc = kh_store_exec(s, "UPDATE ballot_groups SET submitted = submitted + 1 WHERE ballot_id = $1 AND "
                              "\"group\" = $2", g, 2, NULL, err);
    char k[24] = "", rater[300], name[600], ord[24];
    if (rc == 0)
        rc = kh_store_query_text(s, "SELECT submitted FROM ballot_groups WHERE ballot_id = $1 AND \"group\" = $2", g,
                                 2, k, sizeof k, NULL, err);
    snprintf(rater, sizeof rater, "B%s.%s.%s", v.ballot, v.group, k);
    snprintf(name, sizeof name, "民主测评 %s 匿名票 / anonymous ballot slip", v.ballot);
    const char *q[] = {v.cycle_id};
    if (rc == 0)
        rc = kh_store_query_text(s, "SELECT COALESCE(MAX(ord), 0) + 1 FROM raters WHERE cycle_id = $1", q, 1, ord,
                                 sizeof ord, NULL, err);
    const char *r[] = {v.cycle_id, ord, rater, name, v.group};
    if (rc == 0)
        rc = kh_store_exec(s, "INSERT INTO raters (cycle_id, ord, code, name, \"group\") VALUES ($1, $2, $3, $4, $5)",
                           r, 5, NULL, err);
    if (rc == 0)
        rc = kh__store_file_grew(s, v.cycle_id, "raters.csv", "code,name,group", 1, err);
    if (rc == 0)
        rc = kh_store_query_text(s, "SELECT COALESCE(MAX(ord), 0) + 1 FROM ratings WHERE cycle_id = $1", q, 1, ord,
                                 sizeof ord, NULL, err);
    long next = atol(ord);
    for (int i = 0; rc == 0 && i < x->f.nitems; i++) {
        const char *vote = i < x->nvotes ? x->votes[i] : NULL;
        if (vote == NULL || vote[0] == '\0')
            continue;
        char o[24];
        snprintf(o, sizeof o, "%ld", next++);
        const char *p[] = {v.cycle_id, o, rater, x->f.items[i].ratee, x->f.items[i].item, vote};
        rc = kh_store_exec(s, "INSERT INTO ratings (cycle_id, ord, rater, ratee, item, score) "
                              "VALUES ($1, $2, $3, $4, $5, $6)", p, 6, NULL, err);
    }
    if (rc == 0)
        rc = kh__store_file_grew(s, v.cycle_id, "ratings.csv", "rater,ratee,item,score", voted, err);
    char key[300], n[16];
    snprintf(key, sizeof key, "%s/%s", v.ballot, v.group);
    snprintf(n, sizeof n, "%d", voted);
    char *after = kh__store_json("rater", rater, "votes", n, NULL);
    if (rc == 0)
        rc = kh_store_audit(s, &ballot_public, "ballot.submit", "ballot", key, NULL, after, NULL, err);
    free(after);
    return rc;
}

void kh_store_ballot_submit_job(struct kh_store_job *job, const char *token, const char *const *votes, int nvotes)
{
    struct submit_ctx *x = kh_xcalloc(1, sizeof *x);
    x->token = token;
    x->votes = votes;
    x->nvotes = nvotes;
    memset(job, 0, sizeof *job);
    job->fn = submit_tx;
    job->ctx = x;
    job->free_ctx = free;
}

int kh_store_ballot_submit(struct kh_store *s, const char *token, const char *const *votes, int nvotes,
                           struct kh_error *err)
{
    struct kh_store_job job;
    kh_store_ballot_submit_job(&job, token, votes, nvotes);
    return kh_store_job_once(s, &job, err);
}

int kh_store_ballot_submit_as(struct kh_store *s, const struct kh_actor *a, const char *cycle, const char *token,
                              const char *const *votes, int nvotes, struct kh_error *err)
{
    struct kh_cycle_row c;
    int rc = ballot_cycle(s, a, KH_ACT_BALLOT_SUBMIT, cycle, &c, err);
    return rc != 0 ? rc : kh_store_ballot_submit(s, token, votes, nvotes, err);
}
