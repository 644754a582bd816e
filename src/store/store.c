/*
 * store.c — the backend-independent half of the store (store.h): choosing a
 * backend from the target, migrations, and kh_store_tx, the one place where
 * busy and serialization failures are retried.
 *
 * Retry policy.  A retryable failure (KH_EBUSY) can come from begin, from any
 * statement of the transaction function, or from commit (PostgreSQL
 * reports some serialization failures only at COMMIT).  All of them land
 * here: roll back, sleep 5 ms · 2^attempt (capped at 500 ms) plus up to 50 %
 * random jitter so two losers do not collide again in lockstep, and rerun.
 * After 30 attempts (≈ 10 s of waiting on top of SQLite's own busy_timeout)
 * the error is handed to the caller as KH_EBUSY: the database is genuinely
 * overloaded or a lock is held by something stuck.
 *
 * Refusals.  kh_authz_check inside a transaction leaves its refusal in
 * s->refusal; kh_store_tx writes its audit record in a transaction of its
 * own after the operation's has been rolled back (authz.c).
 *
 * Why SQLite begins with BEGIN IMMEDIATE: a deferred transaction that reads
 * and then writes can find another writer ahead of it, and SQLite must then
 * fail with SQLITE_BUSY at once (waiting could deadlock).  Taking the write
 * lock up front makes writers queue on busy_timeout instead, which is what
 * two offices clicking "save" at once need.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <sodium.h>
#include "kaohe/error.h"
#include "kaohe/xalloc.h"
#include "kaohe/msg-store.h"
#include "store/store-int.h"

const char *kh_store_default_target(const char *explicit_target)
{
    if (explicit_target != NULL && explicit_target[0] != '\0')
        return explicit_target;
    const char *env = getenv("KAOHE_DB");
    if (env != NULL && env[0] != '\0')
        return env;
    return "kaohe.db";
}

static bool is_pg_url(const char *t)
{
    return strncmp(t, "postgresql://", 13) == 0 || strncmp(t, "postgres://", 11) == 0;
}

bool kh_store_is_sqlite(const struct kh_store *s)
{
    return s->ops == &kh_store_sqlite_ops;
}

void kh__store_now(char out[32])
{
    const char *fake = getenv("KAOHE_NOW");
    if (fake != NULL && fake[0] != '\0') {
        snprintf(out, 32, "%s", fake);
        return;
    }
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int kh_store_exec(struct kh_store *s, const char *sql, const char *const *params, int nparams,
                  long *changes, struct kh_error *err)
{
    return s->ops->exec(s->impl, sql, params, nparams, changes, err);
}

int kh_store_query(struct kh_store *s, const char *sql, const char *const *params, int nparams,
                   kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    return s->ops->query(s->impl, sql, params, nparams, fn, ctx, err);
}

int kh_store_exec_blob(struct kh_store *s, const char *sql, const char *const *params, int nparams,
                       const void *blob, size_t len, struct kh_error *err)
{
    return s->ops->exec_blob(s->impl, sql, params, nparams, blob, len, err);
}

int kh_store_query_blob(struct kh_store *s, const char *sql, const char *const *params, int nparams,
                        unsigned char **out, size_t *len, struct kh_error *err)
{
    *out = NULL;
    *len = 0;
    return s->ops->query_blob(s->impl, sql, params, nparams, out, len, err);
}

struct one_text {
    char *out;
    size_t n;
    bool found, is_null;
};

static int one_text_row(void *ctx, int ncols, const char *const *cells)
{
    struct one_text *o = ctx;
    if (o->found || ncols < 1)
        return 0;
    o->found = true;
    o->is_null = cells[0] == NULL;
    snprintf(o->out, o->n, "%s", cells[0] ? cells[0] : "");
    return 0;
}

int kh_store_query_text(struct kh_store *s, const char *sql, const char *const *params,
                        int nparams, char *out, size_t n, bool *is_null, struct kh_error *err)
{
    struct one_text o = {out, n, false, false};
    if (n > 0)
        out[0] = '\0';
    int rc = kh_store_query(s, sql, params, nparams, one_text_row, &o, err);
    if (rc != 0)
        return rc;
    if (is_null)
        *is_null = o.is_null;
    return o.found ? 0 : KH_ENOTFOUND;
}

int kh__store_next_id(struct kh_store *s, const char *table, const char *col, char out[24],
                      struct kh_error *err)
{
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT COALESCE(MAX(%s), 0) + 1 FROM %s", col, table);
    return kh_store_query_text(s, sql, NULL, 0, out, 24, NULL, err);
}

static void backoff(unsigned attempt)
{
    long ms = 5L << (attempt < 7 ? attempt : 7);
    if (ms > 500)
        ms = 500;
    ms += (long)randombytes_uniform((uint32_t)(ms / 2 + 1));
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

void *kh__store_memo_get(struct kh_store *s, const char *key)
{
    return s->depth > 0 && s->memo.value != NULL && strcmp(s->memo.key, key) == 0 ? s->memo.value : NULL;
}

void kh__store_memo_put(struct kh_store *s, const char *key, void *value, void (*free_fn)(void *))
{
    if (s->memo.value != NULL && s->memo.free_fn != NULL)
        s->memo.free_fn(s->memo.value);
    snprintf(s->memo.key, sizeof s->memo.key, "%s", key);
    s->memo.value = value;
    s->memo.free_fn = free_fn;
}

/* The transaction has ended (committed or rolled back): its memo goes. */
static void memo_drop(struct kh_store *s)
{
    if (s->memo.value != NULL && s->memo.free_fn != NULL)
        s->memo.free_fn(s->memo.value);
    s->memo.value = NULL;
    s->memo.key[0] = '\0';
}

static int tx_run(struct kh_store *s, kh_store_tx_fn fn, void *ctx, struct kh_error *err)
{
    int rc = KH_EBUSY;
    for (unsigned attempt = 0; attempt < 30; attempt++) {
        if (attempt > 0) {
            s->retries++;
            backoff(attempt);
        }
        s->refusal.pending = false;   /* a rerun refuses again if it must */
        kh_error_clear(err);
        rc = s->ops->begin(s->impl, err);
        if (rc == KH_EBUSY)
            continue;
        if (rc != 0)
            return rc;
        s->depth = 1;
        rc = fn(s, ctx, err);
        if (rc == 0)
            rc = s->ops->commit(s->impl, err);
        s->depth = 0;
        memo_drop(s);
        if (rc == 0)
            return 0;
        s->ops->rollback(s->impl);
        if (rc != KH_EBUSY)
            return rc;
    }
    return rc;
}

/* A refusal inside the transaction is audited once it has ended (authz.c). */
int kh_store_tx(struct kh_store *s, kh_store_tx_fn fn, void *ctx, struct kh_error *err)
{
    if (s->depth > 0)
        return fn(s, ctx, err);
    int rc = tx_run(s, fn, ctx, err);
    kh__authz_flush(s);
    return rc;
}

int kh_store_bulk_tx(struct kh_store *s, kh_store_tx_fn fn, void *ctx, struct kh_error *err)
{
    if (s->depth > 0 || s->ops->bulk_begin == NULL)
        return kh_store_tx(s, fn, ctx, err);
    int rc = s->ops->bulk_begin(s->impl, err);
    if (rc != 0)
        return rc;
    rc = kh_store_tx(s, fn, ctx, err);
    s->ops->bulk_end(s->impl);
    return rc;
}

struct migrate_ctx {
    int from;
};

static int migrate_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct migrate_ctx *m = ctx;
    char v[24];
    int rc = kh_store_query_text(s, "SELECT MAX(version) FROM schema_version", NULL, 0, v, sizeof v,
                                 NULL, err);
    if (rc != 0)
        return rc;
    m->from = v[0] ? atoi(v) : 0;
    if (m->from > s->ops->nmigrations)
        return KH_ERR(err, KH_EDB, SCHEMA_TOO_NEW, KH_ARG_LONG(m->from), KH_ARG_LONG(s->ops->nmigrations));
    for (int i = m->from; i < s->ops->nmigrations; i++) {
        rc = s->ops->script(s->impl, s->ops->migrations[i], err);
        if (rc != 0)
            return rc;
        char ver[16], now[32];
        snprintf(ver, sizeof ver, "%d", i + 1);
        kh__store_now(now);
        const char *p[] = {ver, now};
        rc = kh_store_exec(s, "INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)", p, 2,
                           NULL, err);
        if (rc != 0)
            return rc;
        if (i + 1 == KH__SEAL_VERSION && m->from > 0)
            rc = kh__seal_all(s, err);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int kh_store_schema_version(struct kh_store *s, struct kh_error *err)
{
    char v[24];
    int rc = kh_store_query_text(s, "SELECT MAX(version) FROM schema_version", NULL, 0, v, sizeof v,
                                 NULL, err);
    return rc != 0 ? rc : atoi(v);
}

int kh_store_open(const char *target, bool create, struct kh_store **out, struct kh_error *err)
{
    *out = NULL;
    if (sodium_init() < 0)
        return KH_ERR(err, KH_EIO, SODIUM_INIT);
    const struct kh_store_ops *ops = is_pg_url(target) ? &kh_store_pg_ops : &kh_store_sqlite_ops;
    if (ops == &kh_store_sqlite_ops && !create) {
        /* stat, never open(): closing any descriptor of the database file
         * drops every POSIX lock this process holds on it, including those
         * of connections already open (the web server opens several), and
         * another process would then checkpoint and delete the WAL under
         * them. */
        struct stat st;
        if (stat(target, &st) != 0)
            return KH_ERR_AT(err, KH_ENOTFOUND, target, 0, NULL, DB_NOT_FOUND);
    }
    struct kh_store *s = kh_xcalloc(1, sizeof *s);
    s->ops = ops;
    s->target = kh_xstrdup(target);
    int rc = ops->open(target, &s->impl, err);
    if (rc != 0)
        goto out;
    /* The version table is created outside the migration transaction; IF NOT
     * EXISTS makes two first opens racing harmless. */
    rc = ops->script(s->impl,
                     "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, "
                     "applied_at TEXT NOT NULL)", err);
    if (rc != 0)
        goto out;
    struct migrate_ctx m = {0};
    rc = kh_store_tx(s, migrate_tx, &m, err);
out:
    if (rc != 0) {
        kh_store_close(s);
        return rc;
    }
    *out = s;
    return 0;
}

void kh_store_close(struct kh_store *s)
{
    if (s == NULL)
        return;
    if (s->ops && s->impl)
        s->ops->close(s->impl);
    memo_drop(s);
    free(s->target);
    free(s);
}
