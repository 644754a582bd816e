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
 * keeps round trips exact.  Statements are prepared once per connection and
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
 * Errors.  0 or a negative KH_E* code; details in the optional kh_error.
 * Library code never prints.
 */
#ifndef KAOHE_STORE_H
#define KAOHE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kh_error;
struct kh_store;

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

struct kh_store {
    const struct kh_store_ops *ops;
    void *impl;
    char *target;                     /* path or URL as given */
    int depth;                        /* >0 inside kh_store_tx */
    char actor[128];                  /* who is acting, for audit records */
    int actor_role;                   /* enum kh_role of the actor; checked by store-cycle.c */
    char actor_unit[128];             /* role unit: the unit it acts for ("" = any) */
    unsigned retries;                 /* statistics: transactions rerun */
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
 * naming pg_dump. */
int kh_store_backup(struct kh_store *s, const char *dest, struct kh_error *err);
/* SQLite PRAGMA integrity_check + foreign_key_check into out ("ok" when
 * sound; PostgreSQL: "ok").  */
int kh_store_integrity_check(struct kh_store *s, char *out, size_t n, struct kh_error *err);

/* Thin wrappers over the ops (see above). */
int kh_store_exec(struct kh_store *s, const char *sql, const char *const *params, int nparams,
                  long *changes, struct kh_error *err);
int kh_store_query(struct kh_store *s, const char *sql, const char *const *params, int nparams,
                   kh_store_row_fn fn, void *ctx, struct kh_error *err);
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
 * JSON texts or NULL; reason may be NULL.  The actor is s->actor.
 */
int kh_store_audit(struct kh_store *s, const char *action, const char *entity, const char *key,
                   const char *before_json, const char *after_json, const char *reason,
                   struct kh_error *err);

/* Result of kh_store_audit_verify. */
struct kh_audit_check {
    long records;            /* records examined */
    long first_bad;          /* seq of the first broken record, 0 when intact */
    char problem[512];       /* what is wrong with it (Chinese / English) */
    char head[65];           /* hash of the last record ("" when empty) */
};
/* Walk the chain; returns 0 (intact or not: see chk->first_bad) or an error. */
int kh_store_audit_verify(struct kh_store *s, struct kh_audit_check *chk, struct kh_error *err);
/* Hex SHA-256 of a record's canonical serialisation (exposed for tests). */
void kh_store_audit_hash(const char *const fields[10], char out[65]);

/* ---- users (store-user.c) ---- */

enum kh_role { KH_ROLE_ADMIN, KH_ROLE_REPORTER, KH_ROLE_RATER, KH_ROLE_UNIT, KH_ROLE_VIEWER,
               KH_ROLE_NONE = -1 };
const char *kh_role_name(enum kh_role r);
enum kh_role kh_role_parse(const char *s);

struct kh_user {
    char name[128];
    enum kh_role role;
    char unit[128];          /* for role unit: the unit code it acts for ("" = any) */
    bool disabled;
    bool has_password;
};

int kh_store_user_get(struct kh_store *s, const char *name, struct kh_user *u, struct kh_error *err);
/* Add a user (password may be NULL: no password login until set). Audited. */
int kh_store_user_add(struct kh_store *s, const char *name, enum kh_role role, const char *unit,
                      const char *password, struct kh_error *err);
int kh_store_user_passwd(struct kh_store *s, const char *name, const char *password,
                         struct kh_error *err);
int kh_store_user_disable(struct kh_store *s, const char *name, bool disabled,
                          struct kh_error *err);
/* 0 when the password matches an enabled user; KH_EPERM otherwise. */
int kh_store_user_check(struct kh_store *s, const char *name, const char *password,
                        struct kh_user *u, struct kh_error *err);

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

int kh_store_cycle_get(struct kh_store *s, const char *code, struct kh_cycle_row *c,
                       struct kh_error *err);
/* Move to `to` (advance: exactly the next state; reopen: from final to an
 * earlier state with a reason).  Checks the rules of SPEC §9.1 that depend
 * on data (open appeals block final).  Audited. */
int kh_store_cycle_set_state(struct kh_store *s, const char *code, enum kh_cycle_state to,
                             const char *reason, struct kh_error *err);
/* Create the cycle row (state setup) or, with replace, empty an existing
 * cycle in state setup of every bundle and result row; *id receives its id.
 * Refuses a cycle in any other state (SPEC §9.1).  Audited. */
int kh_store_cycle_create(struct kh_store *s, const char *code, const char *name,
                          const char *previous, bool replace, char id[24], struct kh_error *err);
/* Fail with KH_EPERM unless the actor has one of the roles in mask
 * (1 << KH_ROLE_…); `what` names the action in the message. */
int kh_store_require_role(struct kh_store *s, unsigned mask, const char *what_zh,
                          const char *what_en, struct kh_error *err);
/* Fail with KH_ESTATE unless the cycle's state is in mask (1 << KH_STATE_…). */
int kh_store_require_state(const struct kh_cycle_row *c, unsigned mask, const char *what_zh,
                           const char *what_en, struct kh_error *err);
/* Number of appeals of the cycle in state `open`. */
int kh_store_cycle_open_appeals(struct kh_store *s, const char *cycle_id, long *n,
                                struct kh_error *err);

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

/* ---- bundle files as tables (store-bundle.c) ---- */

struct kh_buf;
/*
 * Store one CSV file of a cycle (data: canonical UTF-8 as the bundle writer
 * produces it) into its table, replacing nothing: the caller deletes first.
 * Appends one audit record (entity "file", key audit_key) whose after JSON
 * holds the file name, row count and SHA-256 of the bytes.  Unknown files
 * and columns are KH_EINVAL.
 */
int kh_store_file_put(struct kh_store *s, const char *cycle_id, const char *file, const char *data,
                      size_t len, const char *audit_key, struct kh_error *err);
/*
 * Rebuild one file of a cycle from its table as CSV (header as stored, rows
 * in ord order), appended to out.  *present is false (and nothing appended)
 * when the cycle has no such file.
 */
int kh_store_file_get(struct kh_store *s, const char *cycle_id, const char *file,
                      struct kh_buf *out, bool *present, struct kh_error *err);
/* Delete the rows of every input file (results false) or every result file
 * (results true) of a cycle. */
int kh_store_files_delete(struct kh_store *s, const char *cycle_id, bool results,
                          struct kh_error *err);

#endif
