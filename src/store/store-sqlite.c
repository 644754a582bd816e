/*
 * store-sqlite.c — the SQLite backend of the store (store.h).
 *
 * Settings made on every connection, and why:
 *   journal_mode=WAL    readers never block the writer and vice versa; an
 *                       export or `cycle show` can run during an import.
 *   synchronous=FULL    a committed import must survive a power cut, not
 *                       only a crash of kaohe.  With WAL, NORMAL can lose the
 *                       last transactions on power loss; an assessment office
 *                       that was told "imported" must not find the data gone
 *                       next morning.  The cost is one fsync per commit,
 *                       negligible for a workload of few, large transactions.
 *   foreign_keys=ON     bundle rows cannot outlive their cycle.
 *   busy_timeout=5000   a writer waits up to 5 s for another writer before
 *                       SQLITE_BUSY reaches kh_store_tx (which retries).
 * A bulk load (import) relaxes two of them for its one transaction: see
 * sq_bulk_begin.
 *
 * Statements are prepared once and cached by SQL text (a small table with
 * move-to-front-free linear lookup: kaohe uses a few dozen distinct
 * statements).  Parameters are written $1, $2, … and bound by name, so the
 * same SQL runs on PostgreSQL.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "kaohe/buf.h"
#include "kaohe/authz.h"
#include "kaohe/error.h"
#include "kaohe/xalloc.h"
#include "kaohe/msg-store.h"
#include "store/store-int.h"

#define CACHE_MAX 96

struct cached {
    char *sql;
    sqlite3_stmt *stmt;
};

/* A cell of a batched row: NULL, an integer, or text at copy_text + off. */
struct cell {
    enum { CELL_NULL, CELL_INT, CELL_TEXT } kind;
    int len;
    size_t off;
    sqlite3_int64 v;
};

struct sq {
    sqlite3 *db;
    struct cached cache[CACHE_MAX];
    int ncache;
    /* Bulk load between copy_begin and copy_end (see "Bulk load" below). */
    sqlite3_stmt *copy;      /* INSERT of one row */
    sqlite3_stmt *copy_many; /* INSERT of COPY_BATCH rows */
    unsigned long long copy_int;   /* bit i: column i is BIGINT */
    int copy_ncols, copy_nrows;    /* columns; rows held in the batch */
    bool copy_failed;              /* a row failed: copy_end drops the batch */
    struct cell *copy_cells;       /* COPY_BATCH × ncols */
    struct kh_buf copy_text;       /* the batch's text cells, back to back */
    bool big_cache;          /* the bulk-load page cache is set */
};

static void copy_reset(struct sq *q);

static int sq_error(struct sq *q, int rc, const char *what, struct kh_error *err)
{
    int primary = rc & 0xff;
    int code = (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) ? KH_EBUSY : KH_EDB;
    return KH_ERR(err, code, DB_SQLITE_ERROR, what, q->db ? sqlite3_errmsg(q->db) : sqlite3_errstr(rc));
}

static void sq_close(void *impl)
{
    struct sq *q = impl;
    if (q == NULL)
        return;
    copy_reset(q);
    for (int i = 0; i < q->ncache; i++) {
        sqlite3_finalize(q->cache[i].stmt);
        free(q->cache[i].sql);
    }
    sqlite3_close(q->db);
    free(q);
}

static int sq_script(void *impl, const char *sql, struct kh_error *err)
{
    struct sq *q = impl;
    char *msg = NULL;
    int rc = sqlite3_exec(q->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        int primary = rc & 0xff;
        KH_ERR(err, (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) ? KH_EBUSY : KH_EDB,
               DB_SQLITE_ERROR, "exec", msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return err ? err->code : KH_EDB;
    }
    return 0;
}

static int sq_open(const char *target, void **impl, struct kh_error *err)
{
    struct sq *q = kh_xcalloc(1, sizeof *q);
    *impl = q;
    /* NOMUTEX: a connection is used by one thread only (one per process,
     * or one per request), so SQLite's per-connection mutex is pure cost —
     * a lock and unlock around every bind, step and reset. */
    int rc = sqlite3_open_v2(target, &q->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK)
        return sq_error(q, rc, target, err);
    sqlite3_busy_timeout(q->db, 5000);
    sqlite3_extended_result_codes(q->db, 1);
    /* journal_mode=WAL itself may hit a busy database on first creation. */
    for (int i = 0; i < 50; i++) {
        rc = sq_script(q, "PRAGMA journal_mode=WAL", err);
        if (rc != KH_EBUSY)
            break;
        sqlite3_sleep(100);
    }
    if (rc != 0)
        return rc;
    return sq_script(q, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", err);
}

static int prepare(struct sq *q, const char *sql, sqlite3_stmt **out, struct kh_error *err)
{
    for (int i = 0; i < q->ncache; i++)
        if (strcmp(q->cache[i].sql, sql) == 0) {
            *out = q->cache[i].stmt;
            sqlite3_reset(*out);
            sqlite3_clear_bindings(*out);
            return 0;
        }
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(q->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK)
        return sq_error(q, rc, "prepare", err);
    if (q->ncache == CACHE_MAX) {   /* evict the oldest; rare */
        sqlite3_finalize(q->cache[0].stmt);
        free(q->cache[0].sql);
        memmove(&q->cache[0], &q->cache[1], (CACHE_MAX - 1) * sizeof q->cache[0]);
        q->ncache--;
    }
    q->cache[q->ncache].sql = kh_xstrdup(sql);
    q->cache[q->ncache].stmt = st;
    q->ncache++;
    *out = st;
    return 0;
}

static int bind(struct sq *q, sqlite3_stmt *st, const char *const *params, int nparams,
                struct kh_error *err)
{
    for (int i = 0; i < nparams; i++) {
        char name[16];
        snprintf(name, sizeof name, "$%d", i + 1);
        int ix = sqlite3_bind_parameter_index(st, name);
        if (ix == 0)
            continue;   /* parameter not used by this statement */
        int rc = params[i] ? sqlite3_bind_text(st, ix, params[i], -1, SQLITE_STATIC)
                           : sqlite3_bind_null(st, ix);
        if (rc != SQLITE_OK)
            return sq_error(q, rc, "bind", err);
    }
    return 0;
}

static int sq_exec(void *impl, const char *sql, const char *const *params, int nparams,
                   long *changes, struct kh_error *err)
{
    struct sq *q = impl;
    sqlite3_stmt *st;
    int rc = prepare(q, sql, &st, err);
    if (rc != 0)
        return rc;
    rc = bind(q, st, params, nparams, err);
    if (rc != 0)
        return rc;
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW)
        ;
    if (s != SQLITE_DONE) {
        rc = sq_error(q, s, "step", err);
        sqlite3_reset(st);
        return rc;
    }
    if (changes)
        *changes = (long)sqlite3_changes64(q->db);
    sqlite3_reset(st);
    return 0;
}

static int sq_query(void *impl, const char *sql, const char *const *params, int nparams,
                    kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    struct sq *q = impl;
    sqlite3_stmt *st;
    int rc = prepare(q, sql, &st, err);
    if (rc != 0)
        return rc;
    rc = bind(q, st, params, nparams, err);
    if (rc != 0)
        return rc;
    int ncols = sqlite3_column_count(st);
    const char **cells = kh_xcalloc((size_t)ncols + 1, sizeof *cells);
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < ncols; i++)
            cells[i] = (const char *)sqlite3_column_text(st, i);
        rc = fn(ctx, ncols, cells);
        if (rc != 0)
            break;
    }
    if (rc == 0 && s != SQLITE_DONE)
        rc = sq_error(q, s, "step", err);
    free(cells);
    sqlite3_reset(st);
    return rc;
}

/* exec with one more parameter, bound as a BLOB (store.h: exec_blob). */
static int sq_exec_blob(void *impl, const char *sql, const char *const *params, int nparams,
                        const void *blob, size_t len, struct kh_error *err)
{
    struct sq *q = impl;
    sqlite3_stmt *st;
    char name[16];
    int rc = prepare(q, sql, &st, err);
    if (rc == 0)
        rc = bind(q, st, params, nparams, err);
    if (rc != 0)
        return rc;
    snprintf(name, sizeof name, "$%d", nparams + 1);
    int ix = sqlite3_bind_parameter_index(st, name);
    int s = ix == 0 ? SQLITE_RANGE : sqlite3_bind_blob64(st, ix, len ? blob : "", len, SQLITE_STATIC);
    if (s == SQLITE_OK)
        while ((s = sqlite3_step(st)) == SQLITE_ROW)
            ;
    rc = s == SQLITE_DONE ? 0 : sq_error(q, s, "blob", err);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc;
}

/* The first row's first column as bytes (store.h: query_blob). */
static int sq_query_blob(void *impl, const char *sql, const char *const *params, int nparams,
                         unsigned char **out, size_t *len, struct kh_error *err)
{
    struct sq *q = impl;
    sqlite3_stmt *st;
    int rc = prepare(q, sql, &st, err);
    if (rc == 0)
        rc = bind(q, st, params, nparams, err);
    if (rc != 0)
        return rc;
    int s = sqlite3_step(st);
    if (s == SQLITE_ROW) {
        const void *b = sqlite3_column_blob(st, 0);
        *len = (size_t)sqlite3_column_bytes(st, 0);
        *out = kh_xmalloc(*len + 1);
        if (*len)
            memcpy(*out, b, *len);
    } else {
        rc = s == SQLITE_DONE ? KH_ENOTFOUND : sq_error(q, s, "step", err);
    }
    sqlite3_reset(st);
    return rc;
}

static int sq_begin(void *impl, struct kh_error *err)
{
    return sq_script(impl, "BEGIN IMMEDIATE", err);
}

static int sq_commit(void *impl, struct kh_error *err)
{
    return sq_script(impl, "COMMIT", err);
}

static void sq_rollback(void *impl)
{
    struct sq *q = impl;
    if (!sqlite3_get_autocommit(q->db))
        sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
}

/*
 * Bulk load.  Rows are batched COPY_BATCH at a time into one multi-row
 * INSERT … VALUES (…), (…), …: one sqlite3_step per batch instead of one
 * per row.  That saves the per-statement work (reset, opening the table's
 * cursor), and — the larger gain — the table's write cursor stays open
 * across the batch, so SQLite sees that each new (cycle_id, ord) key sorts
 * after the last one it wrote and appends without searching the b-tree from
 * its root.  The caller's cells are only valid during copy_row, so a batch
 * keeps its own copy of the text (one buffer, bound with SQLITE_STATIC when
 * the batch is stepped); a partial batch at copy_end goes through the
 * one-row INSERT.  Parameters are bound by position.  cycle_id and ord, the
 * BIGINT key of every bundle table, are bound as integers: bound as text
 * SQLite would convert each with its own number parser (the column has
 * INTEGER affinity) before comparing it in the b-tree.  An error of a
 * batched row surfaces at the copy_row that completes the batch or at
 * copy_end, as the ops contract allows (PostgreSQL's COPY does the same);
 * after a failed row, copy_end drops the rest of the batch.
 *
 * The first bulk load of a connection raises its page cache to
 * BULK_CACHE_KIB: a national import writes about a gigabyte of new pages in
 * one transaction, and with the default 2 MiB cache SQLite would spill
 * pages and read index pages back over and over.  The memory is only taken
 * as pages are used, and only by the processes that bulk-load (import,
 * compute).
 */
#define BULK_CACHE_KIB (256 * 1024)
#define COPY_BATCH 64

static void copy_reset(struct sq *q)
{
    sqlite3_finalize(q->copy);
    sqlite3_finalize(q->copy_many);
    q->copy = q->copy_many = NULL;
    free(q->copy_cells);
    q->copy_cells = NULL;
    kh_buf_release(&q->copy_text);
    q->copy_nrows = q->copy_ncols = 0;
    q->copy_failed = false;
}

/* INSERT INTO table ("c1", …) VALUES (?, …), … for nrows rows. */
static int copy_prepare(struct sq *q, const char *table, const char *const *columns, int ncols,
                        int nrows, sqlite3_stmt **out, struct kh_error *err)
{
    struct kh_buf sql = KH_BUF_INIT;
    kh_buf_printf(&sql, "INSERT INTO %s (", table);
    for (int i = 0; i < ncols; i++)
        kh_buf_printf(&sql, "%s\"%s\"", i ? ", " : "", columns[i]);
    kh_buf_puts(&sql, ") VALUES ");
    for (int r = 0; r < nrows; r++) {
        kh_buf_puts(&sql, r ? ", (" : "(");
        for (int i = 0; i < ncols; i++)
            kh_buf_puts(&sql, i ? ", ?" : "?");
        kh_buf_puts(&sql, ")");
    }
    int rc = sqlite3_prepare_v3(q->db, kh_buf_cstr(&sql), -1, SQLITE_PREPARE_PERSISTENT, out, NULL);
    kh_buf_release(&sql);
    return rc == SQLITE_OK ? 0 : sq_error(q, rc, "prepare", err);
}

static int sq_copy_begin(void *impl, const char *table, const char *const *columns, int ncols,
                         struct kh_error *err)
{
    struct sq *q = impl;
    copy_reset(q);
    if (ncols > 64)
        return KH_ERR(err, KH_EDB, DB_COPY_COLUMNS);
    if (!q->big_cache) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA cache_size=-%d", BULK_CACHE_KIB);
        int rc = sq_script(q, sql, err);
        if (rc != 0)
            return rc;
        q->big_cache = true;
    }
    q->copy_int = 0;
    for (int i = 0; i < ncols; i++)
        if (strcmp(columns[i], "cycle_id") == 0 || strcmp(columns[i], "ord") == 0)
            q->copy_int |= 1ull << i;
    q->copy_ncols = ncols;
    q->copy_cells = kh_xcalloc((size_t)COPY_BATCH * (size_t)ncols, sizeof *q->copy_cells);
    kh_buf_init(&q->copy_text, 0);
    int rc = copy_prepare(q, table, columns, ncols, 1, &q->copy, err);
    if (rc == 0)
        rc = copy_prepare(q, table, columns, ncols, COPY_BATCH, &q->copy_many, err);
    if (rc != 0)
        copy_reset(q);
    return rc;
}

/* A decimal integer cell (what the store writes for cycle_id and ord) as
 * int64; false for anything else, which is then bound as text. */
static bool parse_int(const char *s, sqlite3_int64 *out)
{
    sqlite3_int64 v = 0;
    const char *p = s;
    if (*p == '\0' || (p[0] == '0' && p[1] != '\0'))
        return false;
    for (; *p >= '0' && *p <= '9' && p - s < 18; p++)
        v = v * 10 + (*p - '0');
    *out = v;
    return *p == '\0';
}

/* Bind rows [from, from + nrows) of the batch to st from parameter 1 on. */
static int copy_bind(struct sq *q, sqlite3_stmt *st, int from, int nrows, struct kh_error *err)
{
    const struct cell *c = q->copy_cells + (size_t)from * (size_t)q->copy_ncols;
    int n = nrows * q->copy_ncols;
    for (int i = 0; i < n; i++, c++) {
        int rc = c->kind == CELL_NULL ? sqlite3_bind_null(st, i + 1)
               : c->kind == CELL_INT  ? sqlite3_bind_int64(st, i + 1, c->v)
               : sqlite3_bind_text(st, i + 1, q->copy_text.data + c->off, c->len, SQLITE_STATIC);
        if (rc != SQLITE_OK)
            return sq_error(q, rc, "bind", err);
    }
    return 0;
}

static int copy_step(struct sq *q, sqlite3_stmt *st, struct kh_error *err)
{
    int s = sqlite3_step(st);
    sqlite3_reset(st);
    return s == SQLITE_DONE ? 0 : sq_error(q, s, "step", err);
}

static int copy_row(struct sq *q, const char *const *cells, int ncols, struct kh_error *err);

static int sq_copy_row(void *impl, const char *const *cells, int ncols, struct kh_error *err)
{
    struct sq *q = impl;
    int rc = copy_row(q, cells, ncols, err);
    if (rc != 0)
        q->copy_failed = true;
    return rc;
}

static int copy_row(struct sq *q, const char *const *cells, int ncols, struct kh_error *err)
{
    if (ncols != q->copy_ncols)
        return KH_ERR(err, KH_EDB, DB_COPY_CELLS, KH_ARG_LONG(ncols), KH_ARG_LONG(q->copy_ncols));
    struct cell *c = q->copy_cells + (size_t)q->copy_nrows * (size_t)ncols;
    for (int i = 0; i < ncols; i++, c++) {
        if (cells[i] == NULL) {
            c->kind = CELL_NULL;
        } else if ((q->copy_int >> i & 1) && parse_int(cells[i], &c->v)) {
            c->kind = CELL_INT;
        } else {
            size_t len = strlen(cells[i]);
            if (len > (size_t)INT_MAX)
                return KH_ERR(err, KH_EDB, DB_VALUE_TOO_BIG, KH_ARG_SIZE(len));
            c->kind = CELL_TEXT;
            c->off = q->copy_text.len;
            c->len = (int)len;
            if (kh_buf_append(&q->copy_text, cells[i], len) != 0)
                return KH_ERR(err, KH_EDB, DB_COPY_BATCH);
        }
    }
    if (++q->copy_nrows < COPY_BATCH)
        return 0;
    q->copy_nrows = 0;
    int rc = copy_bind(q, q->copy_many, 0, COPY_BATCH, err);
    if (rc == 0)
        rc = copy_step(q, q->copy_many, err);
    kh_buf_reset(&q->copy_text);
    return rc;
}

static int sq_copy_end(void *impl, struct kh_error *err)
{
    struct sq *q = impl;
    int rc = 0;
    for (int r = 0; rc == 0 && !q->copy_failed && r < q->copy_nrows; r++) {
        rc = copy_bind(q, q->copy, r, 1, err);
        if (rc == 0)
            rc = copy_step(q, q->copy, err);
    }
    copy_reset(q);
    return rc;
}

/*
 * A whole-bundle load (kh_store_bulk_tx).  Two settings are relaxed for the
 * one transaction, and restored after it:
 *
 *   foreign_keys=OFF   every bundle row references cycles(id), and SQLite
 *                      checks it with a lookup in cycles per inserted row
 *                      (about 5 % of a national import).  The loader writes
 *                      only the id of the cycle it created or emptied in
 *                      the same transaction, so the check cannot fail.
 *                      (The pragma is a no-op inside a transaction, hence
 *                      this hook outside it.)
 *   journal_mode=DELETE  a rollback journal instead of the WAL, when no
 *                      other connection has the database open (the switch
 *                      needs that; otherwise the import simply stays in
 *                      WAL mode).  In WAL mode every new page is written
 *                      twice — into the WAL, then by the checkpoint into the
 *                      database — and each page read during the load goes
 *                      through the WAL index.  A rollback journal holds only
 *                      the pages that existed before the transaction: the
 *                      gigabyte of new pages a national import adds is
 *                      written once.  The guarantees stay: all or nothing
 *                      (a killed import leaves a hot journal, which the next
 *                      connection rolls back before it reads), and with
 *                      synchronous=FULL the commit is on disk when COMMIT
 *                      returns (journal synced, database synced, journal
 *                      deleted).  The price: a connection opened during the
 *                      load waits for it (sq_open's retry loop) instead of
 *                      reading the last committed state beside it.  Back in
 *                      WAL mode afterwards; should that switch fail (another
 *                      connection got in first), that connection's own
 *                      sq_open has already switched it.
 */
static int sq_bulk_begin(void *impl, struct kh_error *err)
{
    struct sq *q = impl;
    int rc = sq_script(q, "PRAGMA foreign_keys=OFF", err);
    if (rc != 0)
        return rc;
    sqlite3_busy_timeout(q->db, 0);   /* another connection open: stay in WAL, now */
    sqlite3_exec(q->db, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
    sqlite3_busy_timeout(q->db, 5000);
    return 0;
}

static void sq_bulk_end(void *impl)
{
    struct sq *q = impl;
    for (int i = 0; i < 50; i++) {
        int rc = sqlite3_exec(q->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
        if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
            break;
        sqlite3_sleep(100);
    }
    sqlite3_exec(q->db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
}

static const char *const sq_migrations[] = {
    kh__schema_v1,
    kh__schema_v2,
    kh__schema_v3_sqlite,
    kh__schema_v4,
    kh__schema_v5_sqlite,
    kh__schema_v6,
    kh__schema_v7,
    kh__schema_v8,
    kh__schema_v9,
    kh__schema_v10,
    kh__schema_v11_sqlite,
    kh__schema_v12_sqlite,
    kh__schema_v13,
};

const struct kh_store_ops kh_store_sqlite_ops = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .exec = sq_exec,
    .query = sq_query,
    .exec_blob = sq_exec_blob,
    .query_blob = sq_query_blob,
    .script = sq_script,
    .copy_begin = sq_copy_begin,
    .copy_row = sq_copy_row,
    .copy_end = sq_copy_end,
    .bulk_begin = sq_bulk_begin,
    .bulk_end = sq_bulk_end,
    .migrations = sq_migrations,
    .nmigrations = (int)(sizeof sq_migrations / sizeof sq_migrations[0]),
};

/*
 * kh_store_backup: SQLite's online backup API copies a consistent snapshot
 * page by page while other connections keep working; the copy goes to
 * DEST.tmp and is renamed, so DEST is never a half-written database.
 */
int kh_store_backup(struct kh_store *s, const struct kh_actor *a, const char *dest,
                    struct kh_error *err)
{
    int arc = kh_authz_check(s, a, KH_ACT_BACKUP, NULL, NULL, err);
    if (arc != 0)
        return arc;
    if (!kh_store_is_sqlite(s))
        return KH_ERR(err, KH_EUSAGE, BACKUP_PG);
    struct sq *q = s->impl;
    size_t n = strlen(dest) + 5;
    char *tmp = kh_xmalloc(n);
    snprintf(tmp, n, "%s.tmp", dest);
    remove(tmp);
    sqlite3 *to = NULL;
    int rc = sqlite3_open_v2(tmp, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(to, "main", q->db, "main");
        if (b == NULL) {
            rc = sqlite3_errcode(to);
        } else {
            do {
                rc = sqlite3_backup_step(b, 256);
                if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                    sqlite3_sleep(20);
            } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
            sqlite3_backup_finish(b);
            rc = rc == SQLITE_DONE ? sqlite3_errcode(to) : rc;
        }
    }
    int out = 0;
    if (rc != SQLITE_OK)
        out = KH_ERR_AT(err, KH_EIO, dest, 0, NULL, BACKUP_FAILED, to ? sqlite3_errmsg(to) : sqlite3_errstr(rc));
    /* A backup is a plain rollback-journal file: one file to carry away. */
    if (out == 0 && sqlite3_exec(to, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK)
        out = KH_ERR_AT(err, KH_EIO, dest, 0, NULL, BACKUP_FAILED, sqlite3_errmsg(to));
    sqlite3_close(to);
    if (out == 0 && rename(tmp, dest) != 0)
        out = KH_ERR_AT(err, KH_EIO, dest, 0, NULL, BACKUP_RENAME);
    if (out != 0)
        remove(tmp);
    free(tmp);
    return out;
}

struct ic_ctx {
    char *out;
    size_t n;
};

static int ic_row(void *ctx, int ncols, const char *const *cells)
{
    struct ic_ctx *c = ctx;
    size_t len = strlen(c->out);
    if (ncols > 0 && len + 2 < c->n)
        snprintf(c->out + len, c->n - len, "%s%s", len ? "; " : "", cells[0] ? cells[0] : "");
    return 0;
}

int kh_store_integrity_check(struct kh_store *s, char *out, size_t n, struct kh_error *err)
{
    out[0] = '\0';
    if (!kh_store_is_sqlite(s)) {
        snprintf(out, n, "ok");
        return 0;
    }
    struct ic_ctx c = {out, n};
    int rc = sq_query(s->impl, "PRAGMA integrity_check", NULL, 0, ic_row, &c, err);
    if (rc == 0)
        rc = sq_query(s->impl, "PRAGMA foreign_key_check", NULL, 0, ic_row, &c, err);
    return rc;
}
