/*
 * store-pg.c — the PostgreSQL backend of the store (store.h), over libpq.
 *
 * Isolation: every write transaction is SERIALIZABLE.  kaohe's transactions
 * read before they write (the cycle's state decides whether a change is
 * allowed; audit appends read the chain's head), so anything weaker could let
 * two concurrent changes both pass a check that only one of them should
 * have, or fork the audit chain.  SERIALIZABLE turns every such race into
 * SQLSTATE 40001, which this file reports as KH_EBUSY and kh_store_tx
 * retries; a deadlock (40P01) is treated the same way.
 *
 * Statements are prepared once per connection (PQprepare, names s0, s1, …)
 * and cached by SQL text; parameters are sent as text, so PostgreSQL infers
 * their types from the columns they meet.  Scripts (migrations) go through
 * PQexec, which accepts several statements.
 *
 * Notices (e.g. "relation already exists, skipping") are silenced: library
 * code never prints.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libpq-fe.h>
#include "kaohe/error.h"
#include "kaohe/xalloc.h"
#include "kaohe/msg-store.h"
#include "store/store-int.h"

#define CACHE_MAX 128

struct pg {
    PGconn *conn;
    char *sql[CACHE_MAX];
    int ncache;
    char *copybuf;           /* COPY data not yet sent */
    size_t copylen, copycap;
    bool copy_failed;
};

static void quiet(void *arg, const char *msg)
{
    (void)arg;
    (void)msg;
}

static int pg_result_error(struct pg *p, PGresult *res, const char *what, struct kh_error *err)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    int code = KH_EDB;
    if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0))
        code = KH_EBUSY;
    const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(p->conn);
    char clean[600];
    snprintf(clean, sizeof clean, "%s", msg ? msg : "");
    size_t n = strlen(clean);
    while (n > 0 && (clean[n - 1] == '\n' || clean[n - 1] == ' '))
        clean[--n] = '\0';
    return kh_error_msg(err, code, NULL, 0, NULL, &KH_M_DB_PG_ERROR, what, clean, state ? state : "-",
                        (const char *)NULL);
}

static void pg_close(void *impl)
{
    struct pg *p = impl;
    if (p == NULL)
        return;
    for (int i = 0; i < p->ncache; i++)
        free(p->sql[i]);
    free(p->copybuf);
    PQfinish(p->conn);
    free(p);
}

static int pg_script(void *impl, const char *sql, struct kh_error *err)
{
    struct pg *p = impl;
    PGresult *res = PQexec(p->conn, sql);
    int rc = 0;
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        rc = pg_result_error(p, res, "exec", err);
    PQclear(res);
    return rc;
}

static int pg_open(const char *target, void **impl, struct kh_error *err)
{
    struct pg *p = kh_xcalloc(1, sizeof *p);
    *impl = p;
    p->conn = PQconnectdb(target);
    if (PQstatus(p->conn) != CONNECTION_OK) {
        char clean[600];
        snprintf(clean, sizeof clean, "%s", PQerrorMessage(p->conn));
        size_t n = strlen(clean);
        while (n > 0 && (clean[n - 1] == '\n' || clean[n - 1] == ' '))
            clean[--n] = '\0';
        return KH_ERR(err, KH_EDB, PG_CONNECT, clean);
    }
    PQsetNoticeProcessor(p->conn, quiet, NULL);
    return pg_script(p, "SET client_min_messages = warning; SET client_encoding = 'UTF8'", err);
}

/* Find or prepare the statement; its name goes to name (>= 16 bytes). */
static int prepare(struct pg *p, const char *sql, int nparams, char *name, struct kh_error *err)
{
    for (int i = 0; i < p->ncache; i++)
        if (strcmp(p->sql[i], sql) == 0) {
            snprintf(name, 16, "s%d", i);
            return 0;
        }
    if (p->ncache == CACHE_MAX) {
        /* Full: run unnamed (still a bound-parameter statement). */
        name[0] = '\0';
    } else {
        snprintf(name, 16, "s%d", p->ncache);
    }
    PGresult *res = PQprepare(p->conn, name, sql, nparams, NULL);
    int rc = 0;
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        rc = pg_result_error(p, res, "prepare", err);
    PQclear(res);
    if (rc == 0 && name[0] != '\0')
        p->sql[p->ncache++] = kh_xstrdup(sql);
    return rc;
}

static PGresult *run(struct pg *p, const char *sql, const char *const *params, int nparams,
                     int *rc, struct kh_error *err)
{
    char name[16];
    *rc = prepare(p, sql, nparams, name, err);
    if (*rc != 0)
        return NULL;
    PGresult *res = PQexecPrepared(p->conn, name, nparams, params, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        *rc = pg_result_error(p, res, "exec", err);
        PQclear(res);
        return NULL;
    }
    return res;
}

static int pg_exec(void *impl, const char *sql, const char *const *params, int nparams,
                   long *changes, struct kh_error *err)
{
    int rc;
    PGresult *res = run(impl, sql, params, nparams, &rc, err);
    if (res == NULL)
        return rc;
    if (changes)
        *changes = atol(PQcmdTuples(res));
    PQclear(res);
    return 0;
}

static int pg_query(void *impl, const char *sql, const char *const *params, int nparams,
                    kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    int rc;
    PGresult *res = run(impl, sql, params, nparams, &rc, err);
    if (res == NULL)
        return rc;
    int ncols = PQnfields(res), nrows = PQntuples(res);
    const char **cells = kh_xcalloc((size_t)ncols + 1, sizeof *cells);
    for (int r = 0; r < nrows && rc == 0; r++) {
        for (int c = 0; c < ncols; c++)
            cells[c] = PQgetisnull(res, r, c) ? NULL : PQgetvalue(res, r, c);
        rc = fn(ctx, ncols, cells);
    }
    free(cells);
    PQclear(res);
    return rc;
}

/* exec with one more parameter sent in binary format, the bytea
 * (store.h: exec_blob). */
static int pg_exec_blob(void *impl, const char *sql, const char *const *params, int nparams,
                        const void *blob, size_t len, struct kh_error *err)
{
    struct pg *p = impl;
    char name[16];
    int rc = prepare(p, sql, nparams + 1, name, err);
    if (rc != 0)
        return rc;
    if (len > INT_MAX)
        return KH_ERR(err, KH_EDB, DB_VALUE_TOO_BIG, KH_ARG_SIZE(len));
    const char **v = kh_xcalloc((size_t)nparams + 1, sizeof *v);
    int *lens = kh_xcalloc((size_t)nparams + 1, sizeof *lens);
    int *fmts = kh_xcalloc((size_t)nparams + 1, sizeof *fmts);
    for (int i = 0; i < nparams; i++)
        v[i] = params[i];
    v[nparams] = len ? blob : "";
    lens[nparams] = (int)len;
    fmts[nparams] = 1;
    PGresult *res = PQexecPrepared(p->conn, name, nparams + 1, v, lens, fmts, 0);
    if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK)
        rc = pg_result_error(p, res, "exec", err);
    PQclear(res);
    free(v);
    free(lens);
    free(fmts);
    return rc;
}

/* The first row's first column, asked for in binary format
 * (store.h: query_blob). */
static int pg_query_blob(void *impl, const char *sql, const char *const *params, int nparams,
                         unsigned char **out, size_t *len, struct kh_error *err)
{
    struct pg *p = impl;
    char name[16];
    int rc = prepare(p, sql, nparams, name, err);
    if (rc != 0)
        return rc;
    PGresult *res = PQexecPrepared(p->conn, name, nparams, params, NULL, NULL, 1);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        rc = pg_result_error(p, res, "exec", err);
    } else if (PQntuples(res) == 0) {
        rc = KH_ENOTFOUND;
    } else {
        *len = (size_t)PQgetlength(res, 0, 0);
        *out = kh_xmalloc(*len + 1);
        if (*len)
            memcpy(*out, PQgetvalue(res, 0, 0), *len);
    }
    PQclear(res);
    return rc;
}

static int pg_begin(void *impl, struct kh_error *err)
{
    return pg_script(impl, "BEGIN ISOLATION LEVEL SERIALIZABLE", err);
}

static int pg_commit(void *impl, struct kh_error *err)
{
    return pg_script(impl, "COMMIT", err);
}

static void pg_rollback(void *impl)
{
    struct pg *p = impl;
    if (PQtransactionStatus(p->conn) != PQTRANS_IDLE) {
        PGresult *res = PQexec(p->conn, "ROLLBACK");
        PQclear(res);
    }
}

/*
 * Bulk load through COPY … FROM STDIN (text format): rows are escaped into a
 * local buffer and sent in 1 MiB chunks, so a million rows cost a few
 * hundred round trips instead of a million.  Text format: columns split by
 * TAB, rows by LF, NULL as \\N, and backslash, TAB, LF, CR escaped.
 */
#define COPY_CHUNK (1u << 20)

static int pg_copy_flush(struct pg *p, struct kh_error *err)
{
    if (p->copylen == 0)
        return 0;
    int rc = PQputCopyData(p->conn, p->copybuf, (int)p->copylen);
    p->copylen = 0;
    if (rc != 1) {
        p->copy_failed = true;
        return KH_ERR(err, KH_EDB, DB_PG_ERROR, "COPY", PQerrorMessage(p->conn), "-");
    }
    return 0;
}

static int pg_copy_begin(void *impl, const char *table, const char *const *columns, int ncols,
                         struct kh_error *err)
{
    struct pg *p = impl;
    char sql[2048];
    size_t n = (size_t)snprintf(sql, sizeof sql, "COPY %s (", table);
    for (int i = 0; i < ncols && n < sizeof sql; i++)
        n += (size_t)snprintf(sql + n, sizeof sql - n, "%s\"%s\"", i ? ", " : "", columns[i]);
    if (n + 20 >= sizeof sql)
        return KH_ERR(err, KH_EDB, DB_COPY_COLUMNS);
    snprintf(sql + n, sizeof sql - n, ") FROM STDIN");
    p->copylen = 0;
    p->copy_failed = false;
    PGresult *res = PQexec(p->conn, sql);
    int rc = 0;
    if (PQresultStatus(res) != PGRES_COPY_IN)
        rc = pg_result_error(p, res, "COPY", err);
    PQclear(res);
    return rc;
}

static void copy_put(struct pg *p, const char *s, size_t n)
{
    if (p->copylen + n > p->copycap) {
        size_t cap = p->copycap ? p->copycap : COPY_CHUNK + 4096;
        while (cap < p->copylen + n)
            cap *= 2;
        p->copybuf = kh_xrealloc(p->copybuf, cap);
        p->copycap = cap;
    }
    memcpy(p->copybuf + p->copylen, s, n);
    p->copylen += n;
}

static int pg_copy_row(void *impl, const char *const *cells, int ncols, struct kh_error *err)
{
    struct pg *p = impl;
    for (int i = 0; i < ncols; i++) {
        if (i > 0)
            copy_put(p, "\t", 1);
        if (cells[i] == NULL) {
            copy_put(p, "\\N", 2);
            continue;
        }
        const char *c = cells[i], *run = c;
        for (; *c; c++) {
            const char *esc = *c == '\\' ? "\\\\" : *c == '\t' ? "\\t" : *c == '\n' ? "\\n"
                            : *c == '\r' ? "\\r" : NULL;
            if (esc == NULL)
                continue;
            copy_put(p, run, (size_t)(c - run));
            copy_put(p, esc, 2);
            run = c + 1;
        }
        copy_put(p, run, (size_t)(c - run));
    }
    copy_put(p, "\n", 1);
    return p->copylen >= COPY_CHUNK ? pg_copy_flush(p, err) : 0;
}

static int pg_copy_end(void *impl, struct kh_error *err)
{
    struct pg *p = impl;
    int rc = p->copy_failed ? 0 : pg_copy_flush(p, err);
    int failed = rc != 0 || p->copy_failed;
    PQputCopyEnd(p->conn, failed ? "kaohe: import aborted" : NULL);
    PGresult *res;
    while ((res = PQgetResult(p->conn)) != NULL) {
        if (PQresultStatus(res) != PGRES_COMMAND_OK && rc == 0 && !failed)
            rc = pg_result_error(p, res, "COPY", err);
        PQclear(res);
    }
    free(p->copybuf);
    p->copybuf = NULL;
    p->copylen = p->copycap = 0;
    return failed && rc == 0 ? KH_EDB : rc;
}

static const char *const pg_migrations[] = {
    kh__schema_v1,
    kh__schema_v2,
    kh__schema_v3_pg,
    kh__schema_v4,
    kh__schema_v5_pg,
    kh__schema_v6,
    kh__schema_v7,
    kh__schema_v8,
    kh__schema_v9,
    kh__schema_v10,
    kh__schema_v11_pg,
    kh__schema_v12_pg,
    kh__schema_v13,
};

const struct kh_store_ops kh_store_pg_ops = {
    .name = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .exec = pg_exec,
    .query = pg_query,
    .exec_blob = pg_exec_blob,
    .query_blob = pg_query_blob,
    .script = pg_script,
    .copy_begin = pg_copy_begin,
    .copy_row = pg_copy_row,
    .copy_end = pg_copy_end,
    .migrations = pg_migrations,
    .nmigrations = (int)(sizeof pg_migrations / sizeof pg_migrations[0]),
};
