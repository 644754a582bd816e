/*
 * store.h — kaohe's system of record: one database, two backends.
 *
 * What it owns.  A struct kh_store is an open connection to SQLite (the
 * embedded default, a file such as kaohe.db) or PostgreSQL (a URL
 * postgresql://…).  Everything above this header — import, export,
 * compute, the workflow commands, later the web server — talks to the
 * database only through the functions declared here, and never learns which
 * backend it has.
 *
 * The ops table.  A backend is a `const struct kh_store_ops`: open/close,
 * begin/commit/rollback, exec and query of *one SQL dialect* with bound
 * parameters.  The dialect is the common subset of SQLite and PostgreSQL:
 * placeholders are written $1, $2, … (PostgreSQL's native form; the SQLite
 * backend binds them by name, which SQLite accepts), types are TEXT and
 * BIGINT, upserts use ON CONFLICT.  Only the DDL of migrations differs per
 * backend, and it lives with each backend.  We chose a low-level table
 * (statements, not entity operations) because the entity logic — audit
 * records, workflow rules, bulk import — is then written once, in
 * store-*.c files that are shared, and the conformance suite tests exactly
 * one implementation of it.
 *
 * Parameters and cells are text.  Every value crosses the boundary as a C
 * string (NULL = SQL NULL); the bundle keeps raw text cells anyway, and text
 * keeps round trips exact.  The one exception is the bytes of a file (an
 * appeal's attachment): exec_blob/query_blob carry a single binary value
 * per statement, so no file is ever hex-encoded or cut at a NUL byte.  Statements are prepared once per connection and
 * cached by their SQL text, so a bulk import of a million rows prepares each
 * INSERT once.
 *
 * Transactions and retries.  Every change runs inside kh_store_tx(), which
 * begins a write transaction (SQLite BEGIN IMMEDIATE; PostgreSQL
 * SERIALIZABLE), calls the caller's function, and commits.  A backend
 * reports "busy" (SQLITE_BUSY/SQLITE_LOCKED after busy_timeout) and
 * "serialization failure" (SQLSTATE 40001, deadlock 40P01) as KH_EBUSY and
 * every other failure as KH_EDB; kh_store_tx() is the *one place* that
 * retries: it rolls back, waits a growing, jittered interval, and reruns the
 * whole function, so the function must have no effects outside the
 * transaction (it may fill its context; it must reset it at its start).
 *
 * Audit.  kh_store_audit() appends one record to the hash chain (SPEC §9.5)
 * inside the current transaction; see store-audit.c for the serialisation.
 *
 * Authorization.  Every operation below that reads or changes cycle data,
 * users or the audit trail takes the acting person (const struct kh_actor *,
 * authz.h) and calls kh_authz_check() first; the store holds no actor of
 * its own, so one connection can serve many people (the web server).
 *
 * Errors.  0 or a negative KH_E* code; details in the optional kh_error.
 * Library code never prints.
 */
#ifndef KAOHE_STORE_H
#define KAOHE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kaohe/error.h"
#include "kaohe/msg.h"

struct kh_error;
struct kh_store;
struct kh_actor;      /* authz.h: who is acting, passed to every operation */

/* Called once per result row; cells[i] is NULL for SQL NULL.  Return 0 to
 * continue, anything else to stop (kh_store_query then returns that value). */
typedef int (*kh_store_row_fn)(void *ctx, int ncols, const char *const *cells);

struct kh_store_ops {
    const char *name;                 /* "sqlite" or "postgresql" */
    /* Open the connection (no schema work).  *impl receives the backend's
     * state, freed by close (which accepts NULL). */
    int (*open)(const char *target, void **impl, struct kh_error *err);
    void (*close)(void *impl);
    int (*begin)(void *impl, struct kh_error *err);
    int (*commit)(void *impl, struct kh_error *err);
    void (*rollback)(void *impl);     /* never fails visibly; safe outside a tx */
    /* Run one statement; *changes (may be NULL) gets the affected row count. */
    int (*exec)(void *impl, const char *sql, const char *const *params, int nparams,
                long *changes, struct kh_error *err);
    /* Run one statement and call fn for each row. */
    int (*query)(void *impl, const char *sql, const char *const *params, int nparams,
                 kh_store_row_fn fn, void *ctx, struct kh_error *err);
    /* One binary value per statement (appeal attachments): exec_blob runs
     * sql with the text params $1..$n and len bytes of blob as $(n+1)
     * (SQLite BLOB, PostgreSQL bytea); query_blob runs sql, whose first row's
     * only column is such a value, and gives a malloc'd copy in *out (the
     * caller frees it; *out may be NULL when *len is 0), KH_ENOTFOUND when
     * there is no row.  Every other value stays text (see the essay). */
    int (*exec_blob)(void *impl, const char *sql, const char *const *params, int nparams,
                     const void *blob, size_t len, struct kh_error *err);
    int (*query_blob)(void *impl, const char *sql, const char *const *params, int nparams,
                      unsigned char **out, size_t *len, struct kh_error *err);
    /* Run a script of DDL (no parameters, several statements). */
    int (*script)(void *impl, const char *sql, struct kh_error *err);
    /* Bulk load of many rows into one table inside the current transaction:
     * copy_begin names the table and its columns, copy_row sends one row
     * (cells[i] NULL = SQL NULL), copy_end finishes (and reports any error
     * the server kept until then).  SQLite: one prepared INSERT bound by
     * index, several rows per statement; PostgreSQL: COPY … FROM STDIN in
     * text format, buffered.  Rows may be buffered, so an error of a row
     * can surface at a later copy_row or at copy_end.  After an error the
     * caller still calls copy_end (err may then be NULL) and rolls back. */
    int (*copy_begin)(void *impl, const char *table, const char *const *columns, int ncols,
                      struct kh_error *err);
    int (*copy_row)(void *impl, const char *const *cells, int ncols, struct kh_error *err);
    int (*copy_end)(void *impl, struct kh_error *err);
    /* Around a transaction that loads a whole bundle (kh_store_bulk): the
     * backend may relax, for that transaction only, what the loader itself
     * guarantees (see store-sqlite.c).  Called outside any transaction;
     * bulk_end undoes bulk_begin and never fails visibly.  NULL: nothing
     * to relax. */
    int (*bulk_begin)(void *impl, struct kh_error *err);
    void (*bulk_end)(void *impl);
    /* The migration scripts of this backend: migrations[i] brings the schema
     * from version i to i+1. */
    const char *const *migrations;
    int nmigrations;
};

extern const struct kh_store_ops kh_store_sqlite_ops;
extern const struct kh_store_ops kh_store_pg_ops;

/* A refusal of kh_authz_check waiting for its audit record until the
 * operation's transaction has ended (authz.c, store.c). */
struct kh_store_refusal {
    bool pending;
    char user[128], key[64];
    char json[1024], reason[1024];
};

struct kh_store {
    const struct kh_store_ops *ops;
    void *impl;
    char *target;                     /* path or URL as given */
    int depth;                        /* >0 inside kh_store_tx */
    unsigned retries;                 /* statistics: transactions rerun */
    struct kh_store_refusal refusal;  /* authz.c */
    /* one value read inside the current transaction and kept until it ends
     * (kh__store_memo_get/put, store.c): what a batch of group-committed
     * submissions of one cycle would otherwise read once per submission */
    struct {
        char key[96];
        void *value;
        void (*free_fn)(void *);
    } memo;
};

/*
 * Where the database is: `explicit` (from --db) if not NULL, else $KAOHE_DB,
 * else "kaohe.db".  Returns a static or the given string.
 */
const char *kh_store_default_target(const char *explicit_target);

/*
 * Open the database named by target (a path, or postgresql://…/postgres://…),
 * and bring its schema up to date (migrations, in one transaction).  With
 * create false a missing SQLite file is KH_ENOTFOUND (so a typo in --db does
 * not silently create an empty database).  On success *out is the store, freed
 * with kh_store_close().
 */
int kh_store_open(const char *target, bool create, struct kh_store **out, struct kh_error *err);
void kh_store_close(struct kh_store *s);     /* accepts NULL */
/* The schema version of the open store, or negative on error. */
int kh_store_schema_version(struct kh_store *s, struct kh_error *err);
bool kh_store_is_sqlite(const struct kh_store *s);
/* Copy a consistent snapshot of a SQLite database to dest (online backup
 * API; dest is replaced atomically).  PostgreSQL: KH_EUSAGE with a message
 * naming pg_dump.  Action backup. */
int kh_store_backup(struct kh_store *s, const struct kh_actor *a, const char *dest,
                    struct kh_error *err);
/* SQLite PRAGMA integrity_check + foreign_key_check into out ("ok" when
 * sound; PostgreSQL: "ok").  */
int kh_store_integrity_check(struct kh_store *s, char *out, size_t n, struct kh_error *err);

/* Thin wrappers over the ops (see above). */
int kh_store_exec(struct kh_store *s, const char *sql, const char *const *params, int nparams,
                  long *changes, struct kh_error *err);
int kh_store_query(struct kh_store *s, const char *sql, const char *const *params, int nparams,
                   kh_store_row_fn fn, void *ctx, struct kh_error *err);
/* The ops' exec_blob and query_blob (see above). */
int kh_store_exec_blob(struct kh_store *s, const char *sql, const char *const *params, int nparams,
                       const void *blob, size_t len, struct kh_error *err);
int kh_store_query_blob(struct kh_store *s, const char *sql, const char *const *params, int nparams,
                        unsigned char **out, size_t *len, struct kh_error *err);
/* One row, one column: copy into out (size n); KH_ENOTFOUND when no row,
 * and a NULL cell gives "" with *is_null set (is_null may be NULL). */
int kh_store_query_text(struct kh_store *s, const char *sql, const char *const *params,
                        int nparams, char *out, size_t n, bool *is_null, struct kh_error *err);

/*
 * Run fn(s, ctx, err) in one write transaction, retrying on KH_EBUSY (see the
 * essay).  Returns fn's result (non-zero → rolled back) or the commit's.
 * Nested calls run fn inside the outer transaction without a retry loop.
 */
typedef int (*kh_store_tx_fn)(struct kh_store *s, void *ctx, struct kh_error *err);
int kh_store_tx(struct kh_store *s, kh_store_tx_fn fn, void *ctx, struct kh_error *err);

/*
 * kh_store_tx for a bulk load (import): the same transaction, retries and
 * all-or-nothing guarantee, inside the backend's bulk_begin/bulk_end.  fn
 * must write only rows that satisfy the schema's foreign keys by
 * construction (the import writes the id of the cycle it has just created
 * or emptied), because a backend may stop checking them meanwhile.
 */
int kh_store_bulk_tx(struct kh_store *s, kh_store_tx_fn fn, void *ctx, struct kh_error *err);

/* ---- audit (store-audit.c) ---- */

/*
 * Append one audit record inside the current transaction.  before/after are
 * JSON texts or NULL; reason may be NULL.  The record's user is a's name
 * ("system" for NULL).  No authorization: the caller's operation has made
 * its check.
 */
int kh_store_audit(struct kh_store *s, const struct kh_actor *a, const char *action,
                   const char *entity, const char *key, const char *before_json,
                   const char *after_json, const char *reason, struct kh_error *err);

/* Result of kh_store_audit_verify. */
struct kh_audit_check {
    long records;            /* records examined */
    long first_bad;          /* seq of the first broken record, 0 when intact */
    char head[65];           /* hash of the last record ("" when empty) */
    long files;              /* stored files compared with their seals */
    char bad_cycle[64];      /* cycle code of the first file that does not */
    char bad_file[64];       /* match its seal ("" when all match) */
    struct kh_error problem; /* what is wrong, as a message (first_bad or bad_file set) */
};
/*
 * Walk the chain, then, if it is intact, compare every stored file of every
 * cycle with the seal kaohe keeps up to date with each change it makes
 * (store-seal.c): a change made to a bundle or results table behind kaohe's
 * back shows as the first mismatching file.  Returns 0 (intact or not: see
 * chk->first_bad and chk->bad_file; render chk->problem with kh_error_text)
 * or an error.  Action audit.verify.
 */
int kh_store_audit_verify(struct kh_store *s, const struct kh_actor *a, struct kh_audit_check *chk,
                          struct kh_error *err);
/* Rows (seq, at, usr, action, entity, key, before_json, after_json, reason)
 * in seq order; entity/key NULL or "" = any, limit <= 0 = all.  Action
 * audit.read. */
int kh_store_audit_list(struct kh_store *s, const struct kh_actor *a, const char *entity,
                        const char *key, long limit, kh_store_row_fn fn, void *ctx,
                        struct kh_error *err);
/* One page of the trail, newest first: the rows (as kh_store_audit_list)
 * with seq < before (before <= 0: from the newest), at most limit (> 0) of
 * them, entity/key as there; *total receives how many records match the
 * filter in all.  Only the page's rows are read (and counted), never the
 * whole trail into memory, so the web's audit page stays fast after a year
 * of submissions.  Action audit.read. */
int kh_store_audit_page(struct kh_store *s, const struct kh_actor *a, const char *entity,
                        const char *key, long before, long limit, long *total, kh_store_row_fn fn,
                        void *ctx, struct kh_error *err);
/* Hex SHA-256 of a record's canonical serialisation (exposed for tests). */
void kh_store_audit_hash(const char *const fields[10], char out[65]);

/* ---- users (store-user.c) ---- */

enum kh_role { KH_ROLE_ADMIN, KH_ROLE_REPORTER, KH_ROLE_RATER, KH_ROLE_UNIT, KH_ROLE_VIEWER,
               KH_ROLE_NONE = -1 };
const char *kh_role_name(enum kh_role r);
/* The role as its users call it, in lang ("考核办管理员" / "administrator"). */
const char *kh_role_label(enum kh_role r, enum kh_lang lang);
enum kh_role kh_role_parse(const char *s);

struct kh_user {
    char name[128];
    enum kh_role role;
    char unit[128];          /* role unit: the unit code it acts for */
    char department[128];    /* role reporter: the department whose leaves it reports */
    char rater[128];         /* role rater: its rater code */
    char lang[8];            /* preferred language ("zh", "en"; "" = default) */
    bool disabled;
    bool has_password;
};

/* Add a user (password may be NULL: no password login until set).  A unit
 * needs u->unit, a reporter u->department, a rater u->rater (KH_EUSAGE).
 * Action user.add; audited. */
int kh_store_user_add(struct kh_store *s, const struct kh_actor *a, const struct kh_user *u,
                      const char *password, struct kh_error *err);
/* Action user.passwd: anyone for itself, the admin for anyone. */
int kh_store_user_passwd(struct kh_store *s, const struct kh_actor *a, const char *name,
                         const char *password, struct kh_error *err);
/* Action user.disable; nobody disables itself. */
int kh_store_user_disable(struct kh_store *s, const struct kh_actor *a, const char *name,
                          bool disabled, struct kh_error *err);
/* Rows (name, role, unit, department, rater, has_password "1"/"0",
 * disabled "1"/"0") by name.  Action user.list. */
int kh_store_users_list(struct kh_store *s, const struct kh_actor *a, kh_store_row_fn fn,
                        void *ctx, struct kh_error *err);
/* `init`: create the built-in admin when the database has none (with
 * password when not NULL/""); *created tells whether it did.  Audited as
 * "system". */
int kh_store_init_admin(struct kh_store *s, const char *password, bool *created,
                        struct kh_error *err);

/* ---- cycles and their workflow (store-cycle.c) ---- */

enum kh_cycle_state { KH_STATE_SETUP, KH_STATE_AGREEMENT, KH_STATE_TRACKING, KH_STATE_EVALUATION,
                      KH_STATE_REVIEW, KH_STATE_PUBLICITY, KH_STATE_FINAL, KH_STATE_NONE = -1 };
const char *kh_cycle_state_name(enum kh_cycle_state st);
const char *kh_cycle_state_zh(enum kh_cycle_state st);
enum kh_cycle_state kh_cycle_state_parse(const char *s);

struct kh_cycle_row {
    char id[24];
    char code[128];
    char name[256];
    enum kh_cycle_state state;
    char previous[128];
    char state_since[32];     /* ISO time the state was entered */
    char computed_at[32];     /* "" when never computed */
};

/* The cycle row.  Action cycle.show. */
int kh_store_cycle_get(struct kh_store *s, const struct kh_actor *a, const char *code,
                       struct kh_cycle_row *c, struct kh_error *err);
/* Rows (code, name, state, previous) by code.  Action cycle.list. */
int kh_store_cycles_list(struct kh_store *s, const struct kh_actor *a, kh_store_row_fn fn,
                         void *ctx, struct kh_error *err);
/* Rows (file, nrows, sha256) of the cycle's stored files by name, and the
 * number of open appeals.  Action cycle.show. */
int kh_store_cycle_files(struct kh_store *s, const struct kh_actor *a, const char *code,
                         kh_store_row_fn fn, void *ctx, struct kh_error *err);
/* Rows of one scheme file of the cycle (cycle.csv, categories.csv,
 * units.csv, indicators.csv, scales.csv, rater_groups.csv,
 * survey_items.csv, positions.csv, cadres.csv) in file order, all its
 * columns (kh_store_table_by_file(file)->columns).  What every role may see
 * of a cycle: names and structure, no data.  Action cycle.show. */
int kh_store_scheme_rows(struct kh_store *s, const struct kh_actor *a, const char *code,
                         const char *file, kh_store_row_fn fn, void *ctx, struct kh_error *err);
/* How far the cycle's data has come, for the office's dashboard: rows
 * (kind, key, done, expected) —
 *   values   per department (indicators.csv `department`, "" = none): the
 *            year-end values present of its quant leaves, of the (leaf,
 *            unit) pairs where the leaf applies to the unit's township type
 *            (applicability.h), so a leaf weighted 0 for a type is not owed;
 *   ratings  per rater group: raters who have entered at least one rating,
 *            of the group's raters;
 *   survey   per unit: distinct survey responses, of cycle.csv min_sample
 *            (200 when not set, as SPEC §5).
 * Action progress.show. */
int kh_store_cycle_progress(struct kh_store *s, const struct kh_actor *a, const char *code,
                            kh_store_row_fn fn, void *ctx, struct kh_error *err);
int kh_store_cycle_open_appeals(struct kh_store *s, const struct kh_actor *a, const char *code,
                                long *n, struct kh_error *err);
/* Move to the next state (SPEC §9.1; leaving agreement needs complete
 * agreements, final needs no open appeal); *to receives the new state.
 * Action cycle.advance; audited. */
int kh_store_cycle_advance(struct kh_store *s, const struct kh_actor *a, const char *code,
                           const char *reason, enum kh_cycle_state *to, struct kh_error *err);
/* From final back to the earlier state `to`, with a reason.  Action
 * cycle.reopen; audited. */
int kh_store_cycle_reopen(struct kh_store *s, const struct kh_actor *a, const char *code,
                          enum kh_cycle_state to, const char *reason, struct kh_error *err);

/* ---- entity tables of a cycle (store-schema.c) ---- */

/*
 * One bundle file ↔ one table.  Columns are the file's columns in
 * FORMATS.md order, stored as raw text; every table also has cycle_id and
 * ord (the row's position in the file, which is the output order).  The
 * weight.<CAT> columns of indicators.csv are rows of indicator_weights.
 */
struct kh_store_table {
    const char *file;        /* "units.csv" */
    const char *table;       /* "units" */
    const char *const *columns;   /* CSV column names = SQL column names, NULL-terminated */
    bool result;             /* a result file (written by compute) */
};
extern const struct kh_store_table kh_store_tables[];
extern const size_t kh_store_ntables;
const struct kh_store_table *kh_store_table_by_file(const char *file);

#endif
