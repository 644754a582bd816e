/*
 * store-user.c — people who act on the database and their roles (SPEC §1).
 *
 * Passwords are stored only as libsodium crypto_pwhash_str strings
 * (argon2id, interactive limits ≈ 80 ms): the string carries its own salt
 * and parameters, so stronger limits later need no migration.  A user with
 * an empty hash cannot log in by password; that is the state of the
 * built-in `admin` after `init` until `kaohe user passwd admin` (see
 * docs/workflow.md for how the CLI picks the acting user).
 *
 * Every change is audited; the audit record never contains the hash.
 * Functions that change data run inside kh_store_tx themselves, after the
 * guard (authz.c) has checked the actor: only an admin adds, lists, disables
 * users; anyone changes its own password.  The password is hashed before
 * the transaction opens, so a write lock is never held for 80 ms.
 *
 * Login.  kh_store_login turns a name and a password into a struct
 * kh_actor, the value every other operation takes.  A scoped role is bound
 * at creation to what confines it (unit → a unit, reporter → a department,
 * rater → a rater code) so the guard never meets an unbound scoped user
 * created by kaohe.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <jansson.h>
#include "kaohe/authz.h"
#include "kaohe/error.h"
#include "kaohe/msg-store.h"
#include "store/store-int.h"

static const char *const role_names[] = {"admin", "reporter", "rater", "unit", "viewer"};

const char *kh_role_name(enum kh_role r)
{
    return r >= 0 && r <= KH_ROLE_VIEWER ? role_names[r] : "none";
}

const char *kh_role_label(enum kh_role r, enum kh_lang lang)
{
    static const char *const zh[] = {"考核办管理员", "数据填报部门", "评价人", "乡镇（单位）", "只读查看"};
    static const char *const en[] = {"administrator", "reporting bureau", "rater", "township (unit)",
                                     "viewer"};
    if (r < KH_ROLE_ADMIN || r > KH_ROLE_VIEWER)
        return lang == KH_LANG_EN ? "anonymous" : "未登录";
    return lang == KH_LANG_EN ? en[r] : zh[r];
}

enum kh_role kh_role_parse(const char *s)
{
    for (int i = 0; i <= KH_ROLE_VIEWER; i++)
        if (strcmp(s, role_names[i]) == 0)
            return (enum kh_role)i;
    return KH_ROLE_NONE;
}

struct user_row {
    struct kh_user *u;
    char hash[crypto_pwhash_STRBYTES];
    bool found;
};

static int user_row(void *ctx, int ncols, const char *const *c)
{
    struct user_row *r = ctx;
    if (ncols < 8)
        return 0;
    struct kh_user *u = r->u;
    snprintf(u->name, sizeof u->name, "%s", c[0]);
    u->role = kh_role_parse(c[1]);
    snprintf(u->unit, sizeof u->unit, "%s", c[2] ? c[2] : "");
    snprintf(u->department, sizeof u->department, "%s", c[3] ? c[3] : "");
    snprintf(u->rater, sizeof u->rater, "%s", c[4] ? c[4] : "");
    snprintf(u->lang, sizeof u->lang, "%s", c[5] ? c[5] : "");
    snprintf(r->hash, sizeof r->hash, "%s", c[6] ? c[6] : "");
    u->has_password = r->hash[0] != '\0';
    u->disabled = atoi(c[7] ? c[7] : "0") != 0;
    r->found = true;
    return 0;
}

/* The user called name into r (KH_ENOTFOUND naming it when absent). */
static int get_user(struct kh_store *s, const char *name, struct kh_user *u, struct user_row *r,
                    struct kh_error *err)
{
    memset(u, 0, sizeof *u);
    memset(r, 0, sizeof *r);
    r->u = u;
    const char *p[] = {name};
    int rc = kh_store_query(s, "SELECT name, role, unit, department, rater, lang, pwhash, disabled "
                               "FROM users WHERE name = $1", p, 1, user_row, r, err);
    if (rc == 0 && !r->found)
        rc = KH_ERR(err, KH_ENOTFOUND, USER_NONE, name);
    return rc;
}

static char *user_json(const struct kh_user *u)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "name", u->name, "role",
                          kh_role_name(u->role), "unit", u->unit, "department", u->department,
                          "rater", u->rater, "disabled", u->disabled);
    char *t = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return t;
}

static int hash_password(const char *pw, char out[crypto_pwhash_STRBYTES], struct kh_error *err)
{
    if (pw == NULL || strlen(pw) < 8)
        return KH_ERR(err, KH_EINVAL, USER_PASSWORD_SHORT);
    if (crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return KH_ERR(err, KH_EIO, USER_HASH_FAILED);
    return 0;
}

struct add_ctx {
    const struct kh_actor *actor;
    const struct kh_user *u;
    const char *hash;
};

static int add_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct add_ctx *a = ctx;
    struct kh_user old;
    struct user_row r;
    if (get_user(s, a->u->name, &old, &r, NULL) == 0)
        return KH_ERR(err, KH_EEXISTS, USER_EXISTS, a->u->name);
    char now[32];
    kh__store_now(now);
    const struct kh_user *u = a->u;
    const char *p[] = {u->name, kh_role_name(u->role), u->unit, u->department, u->rater, u->lang,
                       a->hash, now};
    int rc = kh_store_exec(s, "INSERT INTO users (name, role, unit, department, rater, lang, pwhash, "
                              "disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8)",
                           p, 8, NULL, err);
    if (rc != 0)
        return rc;
    char *after = user_json(u);
    rc = kh_store_audit(s, a->actor, "insert", "user", u->name, NULL, after, NULL, err);
    free(after);
    return rc;
}

/* Validate a new user's name, role and binding (the scoped roles must be
 * bound to what confines them, authz.c). */
static int check_new_user(const struct kh_user *u, struct kh_error *err)
{
    if (u->name[0] == '\0' || strpbrk(u->name, " \t;=") != NULL)
        return KH_ERR(err, KH_EINVAL, USER_NAME_BAD);
    if (u->role < 0 || u->role > KH_ROLE_VIEWER)
        return KH_ERR(err, KH_EUSAGE, USER_ROLE_BAD);
    const char *need = u->role == KH_ROLE_UNIT && u->unit[0] == '\0'           ? "unit"
                       : u->role == KH_ROLE_REPORTER && u->department[0] == '\0' ? "department"
                       : u->role == KH_ROLE_RATER && u->rater[0] == '\0'        ? "rater"
                                                                                : NULL;
    if (need != NULL)
        return KH_ERR(err, KH_EUSAGE, USER_BINDING, kh_role_name(u->role), need);
    return 0;
}

int kh_store_user_add(struct kh_store *s, const struct kh_actor *a, const struct kh_user *u,
                      const char *password, struct kh_error *err)
{
    int rc = kh_authz_check(s, a, KH_ACT_USER_ADD, NULL, NULL, err);
    if (rc == 0)
        rc = check_new_user(u, err);
    char hash[crypto_pwhash_STRBYTES] = "";
    if (rc == 0 && password != NULL && password[0] != '\0')
        rc = hash_password(password, hash, err);   /* outside the tx: 80 ms */
    struct add_ctx x = {a, u, hash};
    return rc ? rc : kh_store_tx(s, add_tx, &x, err);
}

struct pw_ctx {
    const struct kh_actor *actor;
    const char *name;
    char hash[crypto_pwhash_STRBYTES];
    int disable;   /* -1: password change */
};

static int pw_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct pw_ctx *a = ctx;
    struct kh_user u;
    struct user_row r;
    int rc = get_user(s, a->name, &u, &r, err);
    if (rc != 0)
        return rc;
    if (a->disable < 0) {
        const char *p[] = {a->hash, a->name};
        rc = kh_store_exec(s, "UPDATE users SET pwhash = $1 WHERE name = $2", p, 2, NULL, err);
        if (rc == 0)
            rc = kh_store_audit(s, a->actor, "update", "user", a->name, "{\"password\":\"(old)\"}",
                                "{\"password\":\"(changed)\"}", NULL, err);
        return rc;
    }
    const char *p[] = {a->disable ? "1" : "0", a->name};
    rc = kh_store_exec(s, "UPDATE users SET disabled = $1 WHERE name = $2", p, 2, NULL, err);
    if (rc != 0)
        return rc;
    char *before = user_json(&u);
    u.disabled = a->disable != 0;
    char *after = user_json(&u);
    rc = kh_store_audit(s, a->actor, "update", "user", a->name, before, after, NULL, err);
    free(before);
    free(after);
    return rc;
}

int kh_store_user_passwd(struct kh_store *s, const struct kh_actor *a, const char *name,
                         const char *password, struct kh_error *err)
{
    struct kh_authz_target t = {.user = name};
    struct pw_ctx x = {a, name, "", -1};
    int rc = kh_authz_check(s, a, KH_ACT_USER_PASSWD, NULL, &t, err);
    if (rc == 0)
        rc = hash_password(password, x.hash, err);   /* outside the tx: 80 ms */
    return rc ? rc : kh_store_tx(s, pw_tx, &x, err);
}

int kh_store_user_disable(struct kh_store *s, const struct kh_actor *a, const char *name,
                          bool disabled, struct kh_error *err)
{
    int rc = kh_authz_check(s, a, KH_ACT_USER_DISABLE, NULL, NULL, err);
    if (rc == 0 && disabled && strcmp(kh_actor_name(a), name) == 0)
        rc = KH_ERR(err, KH_EUSAGE, USER_DISABLE_SELF);
    struct pw_ctx x = {a, name, "", disabled ? 1 : 0};
    return rc ? rc : kh_store_tx(s, pw_tx, &x, err);
}

int kh_store_users_list(struct kh_store *s, const struct kh_actor *a, kh_store_row_fn fn,
                        void *ctx, struct kh_error *err)
{
    int rc = kh_authz_check(s, a, KH_ACT_USER_LIST, NULL, NULL, err);
    if (rc != 0)
        return rc;
    return kh_store_query(s, "SELECT name, role, unit, department, rater, "
                             "CASE WHEN pwhash = '' THEN '0' ELSE '1' END, "
                             "CASE WHEN disabled = 0 THEN '0' ELSE '1' END FROM users ORDER BY name",
                          NULL, 0, fn, ctx, err);
}

struct init_ctx {
    const char *hash;
    bool created;
};

static int init_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct init_ctx *x = ctx;
    struct kh_user old;
    struct user_row r;
    x->created = false;
    if (get_user(s, "admin", &old, &r, NULL) == 0)
        return 0;
    struct kh_user u = {.name = "admin", .role = KH_ROLE_ADMIN};
    struct add_ctx a = {NULL, &u, x->hash};
    int rc = add_tx(s, &a, err);
    x->created = rc == 0;
    return rc;
}

int kh_store_init_admin(struct kh_store *s, const char *password, bool *created,
                        struct kh_error *err)
{
    char hash[crypto_pwhash_STRBYTES] = "";
    int rc = 0;
    if (password != NULL && password[0] != '\0')
        rc = hash_password(password, hash, err);
    struct init_ctx x = {hash, false};
    if (rc == 0)
        rc = kh_store_tx(s, init_tx, &x, err);
    if (created != NULL)
        *created = rc == 0 && x.created;
    return rc;
}

static void actor_of(const struct kh_user *u, struct kh_actor *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->name, sizeof out->name, "%s", u->name);
    out->role = u->role;
    snprintf(out->unit, sizeof out->unit, "%s", u->unit);
    snprintf(out->department, sizeof out->department, "%s", u->department);
    snprintf(out->rater, sizeof out->rater, "%s", u->rater);
    out->lang = kh_lang_parse(u->lang[0] ? u->lang : NULL);
}

int kh_store_login(struct kh_store *s, const char *user, const char *password,
                   struct kh_actor *out, struct kh_error *err)
{
    struct kh_user u;
    struct user_row r;
    memset(out, 0, sizeof *out);
    out->role = KH_ROLE_NONE;
    int rc = get_user(s, user, &u, &r, NULL);
    /* One message for every failure, so it does not tell which names exist. */
    if (rc != 0 || u.disabled || r.hash[0] == '\0' || password == NULL ||
        crypto_pwhash_str_verify(r.hash, password, strlen(password)) != 0)
        return KH_ERR(err, KH_EPERM, LOGIN_FAILED);
    actor_of(&u, out);
    return 0;
}

int kh__user_actor(struct kh_store *s, const char *name, struct kh_actor *out,
                   struct kh_error *err)
{
    struct kh_user u;
    struct user_row r;
    memset(out, 0, sizeof *out);
    out->role = KH_ROLE_NONE;
    if (get_user(s, name, &u, &r, NULL) != 0 || u.disabled)
        return KH_ERR(err, KH_EPERM, SESSION_NONE);
    actor_of(&u, out);
    return 0;
}

int kh_store_actor_builtin(struct kh_store *s, struct kh_actor *out, struct kh_error *err)
{
    struct kh_user u;
    struct user_row r;
    memset(out, 0, sizeof *out);
    out->role = KH_ROLE_NONE;
    int rc = get_user(s, "admin", &u, &r, NULL);
    if (rc != 0)
        return KH_ERR(err, KH_EPERM, NO_BUILTIN_ADMIN);
    if (u.has_password || u.disabled || u.role != KH_ROLE_ADMIN)
        return KH_ERR(err, KH_EPERM, BUILTIN_HAS_PASSWORD);
    actor_of(&u, out);
    return 0;
}
