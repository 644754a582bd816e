/*
 * authz.c — the one table of who may do what in which state (authz.h) and
 * the guard every store entry point calls first.
 *
 * What it owns.  kh_action_rules is generated from authz.h's KH_ACTIONS;
 * kh_authz_check applies one row: role, then state, then scope.  Nothing
 * else in src/store decides a role or a state of a cycle for an action
 * (data rules such as "final needs no open appeal" or the appeal deadline
 * stay with the operation they concern).  docs/workflow.md's matrix is
 * printed from the same table (`kaohe authz matrix`, tests/store check it).
 *
 * Scope (KH_SCOPE_OWN), per role (SPEC §1 roles; issue 7):
 *   unit      the target must name a unit, and it must be the user's unit;
 *             a unit user bound to no unit is confined to nothing.
 *   reporter  when the target names a leaf, the leaf's `department`
 *             (indicators.csv) in that cycle must be the user's department;
 *             an operation on no particular leaf is not confined.
 *   rater     the target must name a rater code, the user's own.
 *   admin, viewer: never confined (viewer is kept from changes by roles).
 * KH_SCOPE_SELF: a non-admin must name itself (its own password).
 *
 * Refusals are audited (action "refuse", entity "authz", key the action's
 * code; after JSON: role, why, message id, cycle and what was named;
 * reason: the message in Chinese).  Inside a transaction the record cannot
 * be written there — the operation fails and its transaction is rolled
 * back — so the refusal waits in s->refusal and kh_store_tx writes it in a
 * transaction of its own once the operation's has ended (store.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/authz.h"
#include "kaohe/error.h"
#include "kaohe/msg-store.h"
#include "store/store-int.h"

#define KH__RULE(name, code, states, roles, scope, zh, en) \
    [KH_ACT_##name] = {KH_ACT_##name, code, states, roles, scope, zh, en},
const struct kh_action_rule kh_action_rules[KH_NACTIONS] = {KH_ACTIONS(KH__RULE)};
#undef KH__RULE

#define KH__REF(kind)                                                   \
    static const struct kh_msg *const msgs_##kind[KH_NACTIONS] = {      \
        KH_ACTIONS(KH__REF_##kind)};
#define KH__REF_role(name, code, states, roles, scope, zh, en) [KH_ACT_##name] = &KH_M_AUTHZ_ROLE_##name,
#define KH__REF_state(name, code, states, roles, scope, zh, en) [KH_ACT_##name] = &KH_M_AUTHZ_STATE_##name,
#define KH__REF_final(name, code, states, roles, scope, zh, en) [KH_ACT_##name] = &KH_M_AUTHZ_FINAL_##name,
#define KH__REF_scope(name, code, states, roles, scope, zh, en) [KH_ACT_##name] = &KH_M_AUTHZ_SCOPE_##name,
KH__REF(role)
KH__REF(state)
KH__REF(final)
KH__REF(scope)

int kh_action_parse(const char *code)
{
    for (int i = 0; i < KH_NACTIONS; i++)
        if (strcmp(kh_action_rules[i].code, code) == 0)
            return i;
    return -1;
}

bool kh_authz_role_may(enum kh_role role, enum kh_action act)
{
    return role >= 0 && role <= KH_ROLE_VIEWER && act >= 0 && act < KH_NACTIONS &&
           (kh_action_rules[act].roles & (1u << role)) != 0;
}

bool kh_authz_state_allows(enum kh_action act, enum kh_cycle_state st)
{
    if (act < 0 || act >= KH_NACTIONS)
        return false;
    if (st == KH_STATE_NONE)
        return true;
    return st >= 0 && st <= KH_STATE_FINAL && (kh_action_rules[act].states & (1u << st)) != 0;
}

const char *kh_actor_name(const struct kh_actor *a)
{
    return a != NULL && a->name[0] ? a->name : "system";
}

/* "admin, unit" / "setup, evaluation": the bits of a mask by name. */
static void bits_text(unsigned mask, bool roles, char *out, size_t n)
{
    size_t off = 0;
    out[0] = '\0';
    int last = roles ? KH_ROLE_VIEWER : KH_STATE_FINAL;
    for (int i = 0; i <= last && off < n; i++)
        if (mask & (1u << i))
            off += (size_t)snprintf(out + off, n - off, "%s%s", off ? ", " : "",
                                    roles ? kh_role_name((enum kh_role)i)
                                          : kh_cycle_state_name((enum kh_cycle_state)i));
}

struct refusal_ctx {
    struct kh_store_refusal r;
};

static int refusal_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct refusal_ctx *x = ctx;
    return kh__store_audit_user(s, x->r.user, "refuse", "authz", x->r.key, NULL, x->r.json,
                                x->r.reason, err);
}

int kh__authz_flush(struct kh_store *s)
{
    if (!s->refusal.pending || s->depth > 0)
        return 0;
    struct refusal_ctx x = {s->refusal};
    s->refusal.pending = false;
    struct kh_error err;
    kh_error_clear(&err);
    return kh_store_tx(s, refusal_tx, &x, &err);
}

/*
 * Record the refusal (err and s->refusal), audit it now or after the
 * transaction, return code.  The message's arguments follow, NULL-ended.
 */
static int refuse(struct kh_store *s, const struct kh_actor *a, enum kh_action act, int code,
                  const char *why, const struct kh_cycle_row *c, const char *named,
                  struct kh_error *err, const struct kh_msg *msg, ...)
{
    struct kh_error local;
    struct kh_error *e = err ? err : &local;
    va_list ap;
    va_start(ap, msg);
    kh_error_vmsg(e, code, NULL, 0, NULL, msg, ap);
    va_end(ap);
    struct kh_store_refusal *r = &s->refusal;
    memset(r, 0, sizeof *r);
    snprintf(r->user, sizeof r->user, "%s", kh_actor_name(a));
    snprintf(r->key, sizeof r->key, "%s", kh_action_rules[act].code);
    kh_error_text(e, KH_LANG_ZH, r->reason, sizeof r->reason);
    char *json = kh__store_json("role", a ? kh_role_name(a->role) : "none", "why", why, "message",
                                msg->id, "cycle", c ? c->code : NULL, "named", named, NULL);
    snprintf(r->json, sizeof r->json, "%s", json);
    free(json);
    r->pending = true;
    kh__authz_flush(s);
    return code;
}

/* The department of leaf in cycle c ("" when unknown). */
static void leaf_department(struct kh_store *s, const struct kh_cycle_row *c, const char *leaf,
                            char out[128])
{
    out[0] = '\0';
    if (c == NULL)
        return;
    const char *p[] = {c->id, leaf};
    kh_store_query_text(s, "SELECT department FROM indicators WHERE cycle_id = $1 AND code = $2", p,
                        2, out, 128, NULL, NULL);
}

int kh_authz_check(struct kh_store *s, const struct kh_actor *a, enum kh_action act,
                   const struct kh_cycle_row *c, const struct kh_authz_target *t,
                   struct kh_error *err)
{
    if (act < 0 || act >= KH_NACTIONS)
        return KH_ERR(err, KH_EINVAL, RAW, "unknown action");
    const struct kh_action_rule *rule = &kh_action_rules[act];
    const char *user = kh_actor_name(a);
    const char *role = a ? kh_role_name(a->role) : "none";
    char list[200];
    /* 1. role */
    if (a == NULL || !kh_authz_role_may(a->role, act)) {
        bits_text(rule->roles, true, list, sizeof list);
        return refuse(s, a, act, KH_EPERM, "role", c, NULL, err, msgs_role[act], user, role, list,
                      (const char *)NULL);
    }
    /* 2. state */
    if (c == NULL && (rule->states & KH_ST_NOCYCLE) == 0)
        return KH_ERR(err, KH_EINVAL, RAW, "authz: this action needs a cycle");
    if (c != NULL && !kh_authz_state_allows(act, c->state)) {
        if (c->state == KH_STATE_FINAL) {
            return refuse(s, a, act, KH_ESTATE, "state", c, NULL, err, msgs_final[act], user, role,
                          c->code, (const char *)NULL);
        }
        bits_text(rule->states, false, list, sizeof list);
        return refuse(s, a, act, KH_ESTATE, "state", c, NULL, err, msgs_state[act], user, role,
                      c->code, kh_cycle_state_name(c->state), list, (const char *)NULL);
    }
    /* 3. scope */
    const char *bound = NULL, *named = NULL;
    bool ok = true;
    if (rule->scope == KH_SCOPE_OWN && a->role == KH_ROLE_UNIT) {
        bound = a->unit;
        named = t ? t->unit : NULL;
        ok = bound[0] && named && strcmp(bound, named) == 0;
    } else if (rule->scope == KH_SCOPE_OWN && a->role == KH_ROLE_REPORTER && t && t->leaf) {
        char dept[128];
        leaf_department(s, c, t->leaf, dept);
        bound = a->department;
        named = t->leaf;
        ok = bound[0] && strcmp(bound, dept) == 0;
    } else if (rule->scope == KH_SCOPE_OWN && a->role == KH_ROLE_RATER) {
        bound = a->rater;
        named = t ? t->rater : NULL;
        ok = bound[0] && named && strcmp(bound, named) == 0;
    } else if (rule->scope == KH_SCOPE_SELF && a->role != KH_ROLE_ADMIN) {
        bound = a->name;
        named = t ? t->user : NULL;
        ok = named && strcmp(bound, named) == 0;
    }
    if (!ok) {
        char none[64];
        kh_msg_render(&KH_M_AUTHZ_NO_TARGET, KH_LANG_EN, NULL, 0, none, sizeof none);
        return refuse(s, a, act, KH_EPERM, "scope", c, named, err, msgs_scope[act], user, role,
                      bound[0] ? bound : "-", named ? named : none, (const char *)NULL);
    }
    return 0;
}
