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
 * Functions that change data run inside kh_store_tx themselves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <jansson.h>
#include "kaohe/error.h"
#include "store/store-int.h"

static const char *const role_names[] = {"admin", "reporter", "rater", "unit", "viewer"};

const char *kh_role_name(enum kh_role r)
{
    return r >= 0 && r <= KH_ROLE_VIEWER ? role_names[r] : "none";
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
    if (ncols < 5)
        return 0;
    snprintf(r->u->name, sizeof r->u->name, "%s", c[0]);
    r->u->role = kh_role_parse(c[1]);
    snprintf(r->u->unit, sizeof r->u->unit, "%s", c[2] ? c[2] : "");
    snprintf(r->hash, sizeof r->hash, "%s", c[3] ? c[3] : "");
    r->u->has_password = r->hash[0] != '\0';
    r->u->disabled = atoi(c[4] ? c[4] : "0") != 0;
    r->found = true;
    return 0;
}

static int get_user(struct kh_store *s, const char *name, struct user_row *r, struct kh_error *err)
{
    const char *p[] = {name};
    int rc = kh_store_query(s, "SELECT name, role, unit, pwhash, disabled FROM users WHERE name = $1",
                            p, 1, user_row, r, err);
    if (rc != 0)
        return rc;
    if (!r->found)
        return kh_error_set(err, KH_ENOTFOUND, NULL, 0, NULL, "用户 %s 不存在 / no user %s", name,
                            name);
    return 0;
}

int kh_store_user_get(struct kh_store *s, const char *name, struct kh_user *u, struct kh_error *err)
{
    memset(u, 0, sizeof *u);
    struct user_row r = {.u = u};
    return get_user(s, name, &r, err);
}

static char *user_json(const char *name, const char *role, const char *unit, bool disabled)
{
    json_t *o = json_pack("{s:s, s:s, s:s, s:b}", "name", name, "role", role, "unit", unit,
                          "disabled", disabled);
    char *t = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return t;
}

struct add_ctx {
    const char *name, *unit, *password;
    enum kh_role role;
};

static int hash_password(const char *pw, char out[crypto_pwhash_STRBYTES], struct kh_error *err)
{
    if (crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return kh_error_set(err, KH_EIO, NULL, 0, NULL, "密码哈希失败（内存不足？）/ password hashing failed");
    return 0;
}

static int add_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct add_ctx *a = ctx;
    char hash[crypto_pwhash_STRBYTES] = "", now[32];
    struct kh_user u;
    int rc = kh_store_user_get(s, a->name, &u, NULL);
    if (rc == 0)
        return kh_error_set(err, KH_EEXISTS, NULL, 0, NULL, "用户 %s 已存在 / user %s already exists",
                            a->name, a->name);
    if (a->password && a->password[0] && (rc = hash_password(a->password, hash, err)) != 0)
        return rc;
    kh__store_now(now);
    const char *p[] = {a->name, kh_role_name(a->role), a->unit ? a->unit : "", hash, now};
    rc = kh_store_exec(s, "INSERT INTO users (name, role, unit, pwhash, disabled, created_at) "
                          "VALUES ($1, $2, $3, $4, 0, $5)", p, 5, NULL, err);
    if (rc != 0)
        return rc;
    char *after = user_json(a->name, kh_role_name(a->role), a->unit ? a->unit : "", false);
    rc = kh_store_audit(s, "insert", "user", a->name, NULL, after, NULL, err);
    free(after);
    return rc;
}

int kh_store_user_add(struct kh_store *s, const char *name, enum kh_role role, const char *unit,
                      const char *password, struct kh_error *err)
{
    if (name[0] == '\0' || strpbrk(name, " \t;=") != NULL)
        return kh_error_set(err, KH_EINVAL, NULL, 0, NULL,
                            "用户名不能为空或含空白、; 或 = / a user name must be non-empty without "
                            "whitespace, ; or =");
    struct add_ctx a = {name, unit, password, role};
    return kh_store_tx(s, add_tx, &a, err);
}

struct pw_ctx {
    const char *name, *password;
    char hash[crypto_pwhash_STRBYTES];
    int disable;   /* -1: password change */
};

static int pw_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct pw_ctx *a = ctx;
    struct kh_user u;
    int rc = kh_store_user_get(s, a->name, &u, err);
    if (rc != 0)
        return rc;
    if (a->disable < 0) {
        const char *p[] = {a->hash, a->name};
        rc = kh_store_exec(s, "UPDATE users SET pwhash = $1 WHERE name = $2", p, 2, NULL, err);
        if (rc == 0)
            rc = kh_store_audit(s, "update", "user", a->name, "{\"password\":\"(old)\"}",
                                "{\"password\":\"(changed)\"}", NULL, err);
        return rc;
    }
    const char *p[] = {a->disable ? "1" : "0", a->name};
    rc = kh_store_exec(s, "UPDATE users SET disabled = $1 WHERE name = $2", p, 2, NULL, err);
    if (rc != 0)
        return rc;
    char *before = user_json(u.name, kh_role_name(u.role), u.unit, u.disabled);
    char *after = user_json(u.name, kh_role_name(u.role), u.unit, a->disable != 0);
    rc = kh_store_audit(s, "update", "user", a->name, before, after, NULL, err);
    free(before);
    free(after);
    return rc;
}

int kh_store_user_passwd(struct kh_store *s, const char *name, const char *password,
                         struct kh_error *err)
{
    struct pw_ctx a = {name, password, "", -1};
    if (password == NULL || strlen(password) < 8)
        return kh_error_set(err, KH_EINVAL, NULL, 0, NULL,
                            "密码至少 8 个字符 / a password needs at least 8 characters");
    int rc = hash_password(password, a.hash, err);   /* outside the tx: 80 ms */
    return rc ? rc : kh_store_tx(s, pw_tx, &a, err);
}

int kh_store_user_disable(struct kh_store *s, const char *name, bool disabled, struct kh_error *err)
{
    struct pw_ctx a = {name, NULL, "", disabled ? 1 : 0};
    return kh_store_tx(s, pw_tx, &a, err);
}

int kh_store_user_check(struct kh_store *s, const char *name, const char *password,
                        struct kh_user *u, struct kh_error *err)
{
    memset(u, 0, sizeof *u);
    struct user_row r = {.u = u};
    int rc = get_user(s, name, &r, NULL);
    /* One message for every failure, so it does not tell which names exist. */
    if (rc != 0 || u->disabled || r.hash[0] == '\0' || password == NULL ||
        crypto_pwhash_str_verify(r.hash, password, strlen(password)) != 0)
        return kh_error_set(err, KH_EPERM, NULL, 0, NULL,
                            "用户名或密码错误，或账号已停用 / wrong user name or password, or the "
                            "account is disabled");
    return 0;
}
