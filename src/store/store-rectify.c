/*
 * store-rectify.c — rectification items (整改事项, SPEC §9.6; the contract
 * is store-rectify.h).
 *
 * Which items carry into a cycle.  The series of a cycle is its `previous`
 * chain: cycles.previous names the code of the cycle before it, as year
 * over year does for growth baselines (store-load.c).  An item of unit U
 * recorded in cycle P carries into cycle C when P is on C's chain (any
 * number of steps back: an item left open carries on) and the item is
 * open.  The chain is walked in C, one cycle row at a time, and stops at a
 * code that is not in the database, at KH__CHAIN_MAX steps, or where it
 * would meet C again (a chain edited into a loop must not hang approval).
 *
 * An answer belongs to (item, cycle), so each later agreement keeps the
 * answer it was signed with.  What the printed agreement of C lists: the
 * items carried into C, plus those answered in C and closed since (the
 * signed document does not lose a line when the admin closes an item).
 * What blocks target.approve in C: an item carried into C without an
 * answer in C (kh__rectify_unanswered, called by store-targets.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/authz.h"
#include "kaohe/buf.h"
#include "kaohe/error.h"
#include "kaohe/store-rectify.h"
#include "kaohe/msg-store.h"
#include "store/store-int.h"

#define KH__CHAIN_MAX 32

/* The ids of the cycles before c on its chain, nearest first, into ids;
 * their number. */
static int chain_before(struct kh_store *s, const struct kh_cycle_row *c, char ids[][24])
{
    int n = 0;
    char code[128];
    snprintf(code, sizeof code, "%s", c->previous);
    while (code[0] != '\0' && n < KH__CHAIN_MAX && strcmp(code, c->code) != 0) {
        struct kh_cycle_row p;
        if (kh__store_cycle_get(s, code, &p, NULL) != 0)
            break;
        bool seen = false;
        for (int i = 0; i < n; i++)
            seen = seen || strcmp(ids[i], p.id) == 0;
        if (seen)
            break;
        snprintf(ids[n++], 24, "%s", p.id);
        snprintf(code, sizeof code, "%s", p.previous);
    }
    return n;
}

struct item {
    char id[24], cycle_id[24], cycle_code[128], unit[128], leaf[128], state[16];
    bool found;
};

static int item_row(void *ctx, int ncols, const char *const *c)
{
    struct item *x = ctx;
    if (ncols >= 6) {
        snprintf(x->id, sizeof x->id, "%s", c[0]);
        snprintf(x->cycle_id, sizeof x->cycle_id, "%s", c[1]);
        snprintf(x->cycle_code, sizeof x->cycle_code, "%s", c[2]);
        snprintf(x->unit, sizeof x->unit, "%s", c[3]);
        snprintf(x->leaf, sizeof x->leaf, "%s", c[4] ? c[4] : "");
        snprintf(x->state, sizeof x->state, "%s", c[5]);
        x->found = true;
    }
    return 0;
}

/* The item called id, or KH_EINVAL naming it. */
static int get_item(struct kh_store *s, const char *id, struct item *x, struct kh_error *err)
{
    memset(x, 0, sizeof *x);
    char *end = NULL;
    if (id == NULL || strtol(id, &end, 10) <= 0 || *end != '\0')
        return KH_ERR(err, KH_EINVAL, RECTIFY_NONE, id ? id : "");
    const char *p[] = {id};
    int rc = kh_store_query(s, "SELECT r.id, r.cycle_id, c.code, r.unit, r.leaf, r.state FROM "
                               "rectify_items r JOIN cycles c ON c.id = r.cycle_id WHERE r.id = $1",
                            p, 1, item_row, x, err);
    if (rc == 0 && !x->found)
        rc = KH_ERR(err, KH_EINVAL, RECTIFY_NONE, id);
    return rc;
}

static bool blank(const char *t)
{
    return t == NULL || t[strspn(t, " \t\r\n")] == '\0';
}

/* ---- add ---- */

struct add_ctx {
    const struct kh_actor *actor;
    const char *cycle, *unit, *text, *leaf;
    char *id;
};

static int add_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct add_ctx *a = ctx;
    struct kh_cycle_row c;
    char kind[64], method[64], now[32];
    const char *leaf = a->leaf ? a->leaf : "";
    int rc = kh__store_cycle_get(s, a->cycle, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a->actor, KH_ACT_RECTIFY_ADD, &c, NULL, err);
    if (rc == 0)
        rc = kh__store_check_unit(s, c.id, a->unit, err);
    if (rc == 0 && leaf[0] != '\0')
        rc = kh__store_check_leaf(s, c.id, leaf, kind, method, err);
    if (rc == 0 && blank(a->text))
        rc = KH_ERR(err, KH_EUSAGE, RECTIFY_PROBLEM_NEEDED);
    if (rc == 0)
        rc = kh__store_next_id(s, "rectify_items", "id", a->id, err);
    if (rc != 0)
        return rc;
    kh__store_now(now);
    const char *p[] = {a->id, c.id, a->unit, a->text, leaf, now, kh_actor_name(a->actor)};
    rc = kh_store_exec(s, "INSERT INTO rectify_items (id, cycle_id, unit, \"text\", leaf, created_at, "
                          "created_by, state) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open')",
                       p, 7, NULL, err);
    if (rc != 0)
        return rc;
    char key[300];
    snprintf(key, sizeof key, "%s/%s", c.code, a->id);
    char *after = kh__store_json("cycle", c.code, "unit", a->unit, "leaf", leaf[0] ? leaf : NULL,
                                 "text", a->text, "state", "open", NULL);
    rc = kh_store_audit(s, a->actor, "insert", "rectify", key, NULL, after, NULL, err);
    free(after);
    return rc;
}

int kh_store_rectify_add(struct kh_store *s, const struct kh_actor *actor, const char *cycle,
                         const char *unit, const char *text, const char *leaf, char id[24],
                         struct kh_error *err)
{
    struct add_ctx a = {actor, cycle, unit, text, leaf, id};
    return kh_store_tx(s, add_tx, &a, err);
}

/* ---- list ---- */

int kh_store_rectify_list(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                          const char *unit, kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    struct kh_cycle_row c;
    /* A unit user that names no unit means its own (it may see nothing else). */
    if ((unit == NULL || unit[0] == '\0') && a != NULL && a->role == KH_ROLE_UNIT)
        unit = a->unit;
    struct kh_authz_target t = {.unit = unit};
    int rc = kh__store_cycle_get(s, cycle, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a, KH_ACT_RECTIFY_LIST, &c, &t, err);
    if (rc != 0)
        return rc;
    const char *p[] = {c.id, unit ? unit : ""};
    return kh_store_query(s, "SELECT id, unit, leaf, \"text\", state, created_at, created_by, "
                             "closed_at, closed_by, close_note FROM rectify_items "
                             "WHERE cycle_id = $1 AND ($2 = '' OR unit = $2) ORDER BY id",
                          p, 2, fn, ctx, err);
}

/* ---- close ---- */

struct close_ctx {
    const struct kh_actor *actor;
    const char *id, *note;
};

static int close_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct close_ctx *a = ctx;
    struct item x;
    struct kh_cycle_row c;
    char now[32];
    int rc = get_item(s, a->id, &x, err);
    if (rc == 0)
        rc = kh__store_cycle_get(s, x.cycle_code, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a->actor, KH_ACT_RECTIFY_CLOSE, &c, NULL, err);
    if (rc == 0 && strcmp(x.state, "open") != 0)
        rc = KH_ERR(err, KH_ESTATE, RECTIFY_CLOSED, x.id);
    if (rc == 0 && blank(a->note))
        rc = KH_ERR(err, KH_EUSAGE, RECTIFY_NOTE_NEEDED);
    if (rc != 0)
        return rc;
    kh__store_now(now);
    const char *p[] = {now, kh_actor_name(a->actor), a->note, x.id};
    rc = kh_store_exec(s, "UPDATE rectify_items SET state = 'closed', closed_at = $1, closed_by = $2, "
                          "close_note = $3 WHERE id = $4", p, 4, NULL, err);
    if (rc != 0)
        return rc;
    char key[300];
    snprintf(key, sizeof key, "%s/%s", c.code, x.id);
    char *before = kh__store_json("state", "open", NULL);
    char *after = kh__store_json("state", "closed", "note", a->note, NULL);
    rc = kh_store_audit(s, a->actor, "close", "rectify", key, before, after, a->note, err);
    free(before);
    free(after);
    return rc;
}

int kh_store_rectify_close(struct kh_store *s, const struct kh_actor *actor, const char *id,
                           const char *note, struct kh_error *err)
{
    struct close_ctx a = {actor, id, note};
    return kh_store_tx(s, close_tx, &a, err);
}

/* ---- answer ---- */

struct answer_ctx {
    const struct kh_actor *actor;
    const char *cycle, *id, *kind, *text;
};

struct old_answer {
    char kind[16], text[1024];
    bool found;
};

static int old_answer_row(void *ctx, int ncols, const char *const *c)
{
    struct old_answer *o = ctx;
    if (ncols >= 2) {
        snprintf(o->kind, sizeof o->kind, "%s", c[0]);
        snprintf(o->text, sizeof o->text, "%s", c[1]);
        o->found = true;
    }
    return 0;
}

static int answer_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct answer_ctx *a = ctx;
    struct item x;
    struct kh_cycle_row c;
    struct old_answer old = {.found = false};
    char chain[KH__CHAIN_MAX][24], now[32];
    int rc = kh__store_cycle_get(s, a->cycle, &c, err);
    if (rc == 0)
        rc = get_item(s, a->id, &x, err);
    struct kh_authz_target t = {.unit = x.unit};
    if (rc == 0)
        rc = kh_authz_check(s, a->actor, KH_ACT_RECTIFY_ANSWER, &c, &t, err);
    if (rc != 0)
        return rc;
    int n = chain_before(s, &c, chain);
    bool carried = false;
    for (int i = 0; i < n; i++)
        carried = carried || strcmp(chain[i], x.cycle_id) == 0;
    if (!carried)
        return KH_ERR(err, KH_EINVAL, RECTIFY_NOT_CARRIED, x.id, x.cycle_code, c.code);
    if (strcmp(x.state, "open") != 0)
        return KH_ERR(err, KH_ESTATE, RECTIFY_CLOSED_NO_ANSWER, x.id);
    if (a->kind == NULL || (strcmp(a->kind, "target") != 0 && strcmp(a->kind, "note") != 0))
        return KH_ERR(err, KH_EUSAGE, RECTIFY_ANSWER_KIND);
    if (blank(a->text))
        return KH_ERR(err, KH_EUSAGE, RECTIFY_ANSWER_EMPTY);
    const char *k[] = {x.id, c.id};
    rc = kh_store_query(s, "SELECT kind, \"text\" FROM rectify_answers WHERE item_id = $1 AND "
                           "cycle_id = $2", k, 2, old_answer_row, &old, err);
    if (rc != 0)
        return rc;
    kh__store_now(now);
    const char *p[] = {x.id, c.id, a->kind, a->text, now, kh_actor_name(a->actor)};
    rc = kh_store_exec(s, "INSERT INTO rectify_answers (item_id, cycle_id, kind, \"text\", answered_at, "
                          "answered_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (item_id, cycle_id) "
                          "DO UPDATE SET kind = excluded.kind, \"text\" = excluded.\"text\", "
                          "answered_at = excluded.answered_at, answered_by = excluded.answered_by",
                       p, 6, NULL, err);
    if (rc != 0)
        return rc;
    char key[300];
    snprintf(key, sizeof key, "%s/%s", x.cycle_code, x.id);
    char *before = old.found ? kh__store_json("cycle", c.code, "kind", old.kind, "text", old.text, NULL)
                             : NULL;
    char *after = kh__store_json("cycle", c.code, "kind", a->kind, "text", a->text, NULL);
    rc = kh_store_audit(s, a->actor, old.found ? "update" : "answer", "rectify", key, before, after,
                        NULL, err);
    free(before);
    free(after);
    return rc;
}

int kh_store_rectify_answer(struct kh_store *s, const struct kh_actor *actor, const char *cycle,
                            const char *id, const char *kind, const char *text,
                            struct kh_error *err)
{
    struct answer_ctx a = {actor, cycle, id, kind, text};
    return kh_store_tx(s, answer_tx, &a, err);
}

/* ---- for the agreement (store-targets.c) ---- */

int kh__rectify_carried(struct kh_store *s, const struct kh_cycle_row *c, const char *unit,
                        kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    char chain[KH__CHAIN_MAX][24];
    int n = chain_before(s, c, chain), rc = 0;
    /* oldest cycle first: the items in the order they were recorded */
    for (int i = n - 1; i >= 0 && rc == 0; i--) {
        const char *p[] = {chain[i], unit, c->id};
        rc = kh_store_query(s, "SELECT r.id, cy.code, r.leaf, r.\"text\", r.state, "
                               "COALESCE(a.kind, ''), COALESCE(a.\"text\", '') FROM rectify_items r "
                               "JOIN cycles cy ON cy.id = r.cycle_id LEFT JOIN rectify_answers a "
                               "ON a.item_id = r.id AND a.cycle_id = $3 WHERE r.cycle_id = $1 AND "
                               "r.unit = $2 AND (r.state = 'open' OR a.item_id IS NOT NULL) ORDER BY r.id",
                            p, 3, fn, ctx, err);
    }
    return rc;
}

static int unanswered_row(void *ctx, int ncols, const char *const *c)
{
    struct kh_buf *ids = ctx;
    if (ncols >= 7 && strcmp(c[4], "open") == 0 && c[5][0] == '\0')
        kh_buf_printf(ids, "%s%s", ids->len ? ", " : "", c[0]);
    return 0;
}

int kh__rectify_unanswered(struct kh_store *s, const struct kh_cycle_row *c, const char *unit,
                           struct kh_error *err)
{
    struct kh_buf ids = KH_BUF_INIT;
    int rc = kh__rectify_carried(s, c, unit, unanswered_row, &ids, err);
    if (rc == 0 && ids.len > 0)
        rc = KH_ERR(err, KH_ESTATE, RECTIFY_UNANSWERED, unit, kh_buf_cstr(&ids), c->code);
    kh_buf_release(&ids);
    return rc;
}
