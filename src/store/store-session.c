/*
 * store-session.c — sessions and API tokens (store-session.h).
 *
 * The table `sessions` (schema version 6) holds hash, usr, kind, label,
 * created, seen, expires; times are Unix seconds as text, like every other
 * cell.  A secret is hashed with SHA-256 before any lookup, so the lookup
 * itself never touches the secret, and a timing difference in the index
 * search reveals nothing usable (the attacker would need the hash's
 * preimage).  Each operation is one kh_store_tx; a sign-in's password check
 * (≈80 ms of argon2id) runs before the transaction so the write lock is
 * held only for the insert.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sodium.h>
#include "kaohe/error.h"
#include "kaohe/msg-store.h"
#include "kaohe/store-session.h"
#include "store/store-int.h"

static void hex(const unsigned char *p, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * n] = '\0';
}

static void sha256_hex(const char *prefix, const char *s, char out[KH_SESSION_SECRET_HEX])
{
    crypto_hash_sha256_state st;
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)prefix, strlen(prefix));
    crypto_hash_sha256_update(&st, (const unsigned char *)s, strlen(s));
    crypto_hash_sha256_final(&st, d);
    hex(d, sizeof d, out);
}

void kh_session_csrf(const char *secret, char out[KH_SESSION_SECRET_HEX])
{
    sha256_hex("csrf:", secret ? secret : "", out);
}

bool kh_secret_equal(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na != nb)
        return false;
    return sodium_memcmp(a, b, na) == 0;
}

static void new_secret(char out[KH_SESSION_SECRET_HEX])
{
    unsigned char r[32];
    randombytes_buf(r, sizeof r);
    hex(r, sizeof r, out);
    sodium_memzero(r, sizeof r);
}

struct put_ctx {
    const char *hash, *user, *kind, *label, *addr, *action;
    long max;
};

static int put_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    const struct put_ctx *x = ctx;
    char now[24], exp[24];
    long t = (long)time(NULL);
    snprintf(now, sizeof now, "%ld", t);
    snprintf(exp, sizeof exp, "%ld", t + x->max);
    const char *p[] = {x->hash, x->user, x->kind, x->label, now, now, exp};
    int rc = kh_store_exec(s,
                           "INSERT INTO sessions (hash, usr, kind, label, created, seen, expires) "
                           "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                           p, 7, NULL, err);
    /* Remove what has expired for everybody, so the table stays small. */
    const char *q[] = {now};
    if (rc == 0)
        rc = kh_store_exec(s, "DELETE FROM sessions WHERE expires < $1", q, 1, NULL, err);
    struct kh_actor who;
    memset(&who, 0, sizeof who);
    snprintf(who.name, sizeof who.name, "%s", x->user);
    char *after = kh__store_json("kind", x->kind, "label", x->label, "addr", x->addr, NULL);
    if (rc == 0)
        rc = kh_store_audit(s, &who, x->action, "session", x->user, NULL, after, NULL, err);
    free(after);
    return rc;
}

int kh_store_session_open(struct kh_store *s, const char *user, const char *password,
                          const char *addr, long max, struct kh_actor *out,
                          char secret_out[KH_SESSION_SECRET_HEX], struct kh_error *err)
{
    secret_out[0] = '\0';
    int rc = kh_store_login(s, user, password, out, err);
    if (rc != 0) {
        char reason[160];
        snprintf(reason, sizeof reason, "login failed from %s", addr ? addr : "?");
        struct kh_actor who;
        memset(&who, 0, sizeof who);
        snprintf(who.name, sizeof who.name, "%s", user ? user : "");
        kh_store_audit_refusal(s, &who, "login", reason, NULL);
        return rc;
    }
    char secret[KH_SESSION_SECRET_HEX], hash[KH_SESSION_SECRET_HEX];
    new_secret(secret);
    sha256_hex("", secret, hash);
    struct put_ctx x = {hash, out->name, "session", "", addr ? addr : "", "login", max};
    rc = kh_store_tx(s, put_tx, &x, err);
    if (rc == 0)
        memcpy(secret_out, secret, KH_SESSION_SECRET_HEX);
    sodium_memzero(secret, sizeof secret);
    return rc;
}

/* One statement as its own transaction (the store's rule: every change
 * inside kh_store_tx, so it is committed when this returns). */
struct one_ctx {
    const char *sql;
    const char *const *p;
    int n;
};

static int one_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    const struct one_ctx *o = ctx;
    return kh_store_exec(s, o->sql, o->p, o->n, NULL, err);
}

static void exec_tx(struct kh_store *s, const char *sql, const char *const *p, int n)
{
    struct one_ctx o = {sql, p, n};
    kh_store_tx(s, one_tx, &o, NULL);
}

struct row_ctx {
    char usr[128], seen[24], expires[24];
    bool found;
};

static int session_row(void *ctx, int ncols, const char *const *c)
{
    struct row_ctx *r = ctx;
    if (ncols < 3)
        return 0;
    snprintf(r->usr, sizeof r->usr, "%s", c[0] ? c[0] : "");
    snprintf(r->seen, sizeof r->seen, "%s", c[1] ? c[1] : "0");
    snprintf(r->expires, sizeof r->expires, "%s", c[2] ? c[2] : "0");
    r->found = true;
    return 0;
}

int kh_store_session_resume(struct kh_store *s, const char *secret, const char *kind, long idle,
                            struct kh_actor *out, struct kh_error *err)
{
    memset(out, 0, sizeof *out);
    out->role = KH_ROLE_NONE;
    if (secret == NULL || strlen(secret) != 64)
        return KH_ERR(err, KH_EPERM, SESSION_NONE);
    char hash[KH_SESSION_SECRET_HEX];
    sha256_hex("", secret, hash);
    struct row_ctx r = {0};
    const char *p[] = {hash, kind};
    int rc = kh_store_query(s, "SELECT usr, seen, expires FROM sessions WHERE hash = $1 AND kind = $2",
                            p, 2, session_row, &r, err);
    if (rc != 0)
        return rc;
    if (!r.found)
        return KH_ERR(err, KH_EPERM, SESSION_NONE);
    long now = (long)time(NULL), seen = atol(r.seen), expires = atol(r.expires);
    bool session = strcmp(kind, "session") == 0;
    if (now > expires || (session && now - seen > idle)) {
        const char *d[] = {hash};
        exec_tx(s, "DELETE FROM sessions WHERE hash = $1", d, 1);
        return KH_ERR(err, KH_EPERM, SESSION_NONE);
    }
    rc = kh__user_actor(s, r.usr, out, err);
    if (rc != 0)
        return rc;
    /* Touch at most once a minute, or more often when the idle limit is
     * short, so an active session never lapses. */
    long every = idle / 4 < 60 ? idle / 4 : 60;
    if (session && now - seen >= every) {
        char t[24];
        snprintf(t, sizeof t, "%ld", now);
        const char *u[] = {t, hash};
        /* Best effort: a busy database must not sign anyone out. */
        exec_tx(s, "UPDATE sessions SET seen = $1 WHERE hash = $2", u, 2);
    }
    return 0;
}

struct close_ctx {
    const struct kh_actor *a;
    const char *hash;
};

static int close_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    const struct close_ctx *x = ctx;
    const char *p[] = {x->hash};
    long n = 0;
    int rc = kh_store_exec(s, "DELETE FROM sessions WHERE hash = $1 AND kind = 'session'", p, 1, &n,
                           err);
    if (rc == 0 && n > 0)
        rc = kh_store_audit(s, x->a, "logout", "session", kh_actor_name(x->a), NULL, NULL, NULL,
                            err);
    return rc;
}

int kh_store_session_close(struct kh_store *s, const struct kh_actor *a, const char *secret,
                           struct kh_error *err)
{
    char hash[KH_SESSION_SECRET_HEX];
    sha256_hex("", secret ? secret : "", hash);
    struct close_ctx x = {a, hash};
    return kh_store_tx(s, close_tx, &x, err);
}

int kh_store_api_token_new(struct kh_store *s, const struct kh_actor *a, const char *user,
                           const char *label, long days, char secret_out[KH_SESSION_SECRET_HEX],
                           struct kh_error *err)
{
    secret_out[0] = '\0';
    struct kh_authz_target t = {.user = user};
    int rc = kh_authz_check(s, a, KH_ACT_TOKEN_CREATE, NULL, &t, err);
    if (rc != 0)
        return rc;
    if (label == NULL || label[0] == '\0' || strlen(label) > 64)
        return KH_ERR(err, KH_EINVAL, TOKEN_LABEL_BAD);
    struct kh_actor target;
    rc = kh__user_actor(s, user, &target, err);
    if (rc != 0)
        return rc;
    char secret[KH_SESSION_SECRET_HEX], hash[KH_SESSION_SECRET_HEX];
    new_secret(secret);
    sha256_hex("", secret, hash);
    struct put_ctx x = {hash, user, "api", label, "", "token.create", (days > 0 ? days : 365) * 86400L};
    rc = kh_store_tx(s, put_tx, &x, err);
    if (rc == 0)
        memcpy(secret_out, secret, KH_SESSION_SECRET_HEX);
    sodium_memzero(secret, sizeof secret);
    return rc;
}

struct refusal_ctx {
    const struct kh_actor *a;
    const char *what, *reason;
};

static int refusal_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    const struct refusal_ctx *x = ctx;
    char *after = kh__store_json("role", x->a && x->a->role != KH_ROLE_NONE ? kh_role_name(x->a->role)
                                                                          : "anonymous",
                                 NULL);
    int rc = kh_store_audit(s, x->a, "refuse", "http", x->what, NULL, after, x->reason, err);
    free(after);
    return rc;
}

int kh_store_audit_refusal(struct kh_store *s, const struct kh_actor *a, const char *what,
                           const char *reason, struct kh_error *err)
{
    struct refusal_ctx x = {a, what, reason};
    return kh_store_tx(s, refusal_tx, &x, err);
}
