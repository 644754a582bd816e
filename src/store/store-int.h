/*
 * store-int.h — internals shared by the files of src/store/ (kh__ prefix).
 */
#ifndef KAOHE_STORE_INT_H
#define KAOHE_STORE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "kaohe/model.h"
#include "kaohe/store.h"

struct kh_buf;

/* Migration 1: identical DDL on both backends (store-schema.c). */
extern const char kh__schema_v1[];
/* Migration 2: review notes, appeal corrections, lookup indexes. */
extern const char kh__schema_v2[];
/* Migration 3: SQLite's bundle tables WITHOUT ROWID; nothing on PostgreSQL. */
extern const char kh__schema_v3_sqlite[];
extern const char kh__schema_v3_pg[];
/* Migration 4: users' department, rater code and language (authz). */
extern const char kh__schema_v4[];
/* Migration 5: the results_contributions table. */
extern const char kh__schema_v5_sqlite[];
extern const char kh__schema_v5_pg[];
/* Migration 6: sessions and API tokens of the web server. */
extern const char kh__schema_v6[];
/* Migration 7: survey invitations. */
extern const char kh__schema_v7[];
/* Migration 8: 民主测评 ballots and their slips. */
extern const char kh__schema_v8[];
/* Migration 9: rectification items (整改事项) and their answers. */
extern const char kh__schema_v9[];
/* Migration 10: rater forms' drafts and submissions. */
extern const char kh__schema_v10[];
/* Migration 11: appeal attachments and publication settings (BLOB/bytea). */
extern const char kh__schema_v11_sqlite[];
extern const char kh__schema_v11_pg[];
/* Migration 12: the results_strengths table (feedback report). */
extern const char kh__schema_v12_sqlite[];
extern const char kh__schema_v12_pg[];
extern const char kh__schema_v13[];
/* The schema version that introduced seals (kh__seal_all runs after it). */
#define KH__SEAL_VERSION 13

/* "YYYY-MM-DDTHH:MM:SSZ" as UTC seconds; false when it is not that. */
bool kh__store_time_parse(const char *iso, time_t *out);
/* The integer value of cycle.csv setting key of a cycle, dflt when unset
 * (*rc receives 0 or the error). */
long kh__store_setting_long(struct kh_store *s, const char *cycle_id, const char *key, long dflt,
                            int *rc, struct kh_error *err);
/* The end of the appeal period of cycle c, which is in publicity: its
 * state_since plus appeal_days (default 15) days, inclusive, as ISO time
 * into deadline; the days into *days (store-appeal.c). */
int kh__store_appeal_deadline(struct kh_store *s, const struct kh_cycle_row *c, long *days,
                              char deadline[32], struct kh_error *err);

/* An appeal's cycle code, unit, leaf and state (store-appeal.c);
 * KH_ENOTFOUND APPEAL_NONE when there is no appeal id. */
struct kh__appeal {
    char cycle_code[128], unit[128], indicator[128], state[32];
    bool found;
};
int kh__store_appeal_get(struct kh_store *s, const char *id, struct kh__appeal *x, struct kh_error *err);

/* Insert natt checked attachments (kh_attachments_check) of appeal
 * appeal_id of cycle cycle_code, numbered from 1, one audit record each
 * (store-attachment.c).  Inside the filing transaction. */
struct kh_attachment_in;
int kh__store_attachments_put(struct kh_store *s, const struct kh_actor *a, const char *cycle_code,
                              const char *appeal_id, const struct kh_attachment_in *att, int natt,
                              struct kh_error *err);

/* ---- one-time tokens and the choices of public forms (store-token.c) ---- */

/* A fresh token: 16 random bytes as 32 hex digits into token (33 bytes),
 * and its SHA-256 as 64 hex digits into hash (65 bytes). */
void kh__token_new(char token[33], char hash[65]);
/* The SHA-256 of token as 64 hex digits (what a token table keys on). */
void kh__token_hash(const char *token, char hash[65]);
/* Whether answer is one of the "|"-separated levels. */
bool kh__level_in(const char *levels, const char *answer);
/* The levels of scale in the cycle, "a|b|c" in scales.csv order, into out
 * (n bytes); the built-in levels of SPEC §11.6 for team / cadre / survey
 * when scales.csv does not define the scale; "" for numeric or unknown. */
int kh__scale_levels(struct kh_store *s, const char *cycle_id, const char *scale, char *out, size_t n,
                     struct kh_error *err);

/* The actor of the enabled user called name (KH_EPERM SESSION_NONE when it
 * does not exist or is disabled), for credentials that outlive a login. */
struct kh_actor;
int kh__user_actor(struct kh_store *s, const char *name, struct kh_actor *out,
                   struct kh_error *err);

/* KH_EINVAL naming the unit unless the cycle has it. */
int kh__store_check_unit(struct kh_store *s, const char *cycle_id, const char *unit,
                         struct kh_error *err);
/* Look up a tree node of the cycle: kind and method ("" when empty) into
 * the given buffers (64 bytes each); KH_EINVAL naming it when absent. */
int kh__store_check_leaf(struct kh_store *s, const char *cycle_id, const char *code,
                         char kind[64], char method[64], struct kh_error *err);
/* Record that `file` of the cycle gained `added` rows, the ones just
 * inserted at the end (ords MAX(ord)+1 …): creates its cycle_files row with
 * `header` when the cycle had no such file, and adds the new rows to the
 * file's seal (store-seal.c).  Call it after the inserts. */
int kh__store_file_grew(struct kh_store *s, const char *cycle_id, const char *file,
                        const char *header, long added, struct kh_error *err);
/* A number typed by a user as the canonical cell text (shortest form that
 * round-trips, as the bundle writer writes it); KH_EINVAL if not a finite
 * number.  out >= 32 bytes. */
int kh__store_number(const char *text, const char *what, char out[32], struct kh_error *err);
/* JSON object text from NULL-terminated key/value pairs (NULL values are
 * JSON null); caller frees. */
char *kh__store_json(const char *k1, ...);

/* Current UTC time as "YYYY-MM-DDTHH:MM:SSZ" into out (>= 21 bytes).  The
 * environment variable KAOHE_NOW overrides it (tests of appeal deadlines). */
void kh__store_now(char out[32]);

/* Next id of a table: max(col)+1 as decimal text, inside the transaction. */
/* The per-transaction memo (struct kh_store's memo): get returns the value
 * put under key earlier in the same transaction, or NULL (always NULL
 * outside one).  put replaces the one slot (freeing the old value with its
 * free_fn); the value stays valid for the caller until the transaction
 * ends, when it is freed (or at kh_store_close).  For reads that are the
 * same for every job of a group commit (store-group.h). */
void *kh__store_memo_get(struct kh_store *s, const char *key);
void kh__store_memo_put(struct kh_store *s, const char *key, void *value, void (*free_fn)(void *));
int kh__store_next_id(struct kh_store *s, const char *table, const char *col, char out[24],
                      struct kh_error *err);

/* Insert or update the value of (unit, leaf, period) of a cycle (period
 * and value already canonical) and audit it; no state or role check (the
 * callers, store-values.c and store-appeal.c, have made theirs). */
int kh__store_value_put(struct kh_store *s, const struct kh_actor *a,
                        const struct kh_cycle_row *c, const char *unit,
                        const char *leaf, const char *period, const char *value,
                        const char *source, const char *reason, struct kh_error *err);

/* ---- rectification items in a later agreement (store-rectify.c) ---- */

/* Rows (id, from-cycle code, leaf, text, state, answer kind, answer text;
 * kind and text "" when unanswered) of the unit's items that carry into
 * cycle c — open items of the cycles before c on its `previous` chain —
 * and of those closed since but answered in c; oldest cycle first, by id.
 * No authz check: the callers (agreement print, target approval) made
 * theirs. */
int kh__rectify_carried(struct kh_store *s, const struct kh_cycle_row *c, const char *unit,
                        kh_store_row_fn fn, void *ctx, struct kh_error *err);
/* 0 when every item carried into c for unit has an answer in c; else
 * KH_ESTATE naming the unanswered items' ids (target.approve refuses). */
int kh__rectify_unanswered(struct kh_store *s, const struct kh_cycle_row *c, const char *unit,
                           struct kh_error *err);
/* ---- ratings and rater forms (store-ratings.c, store-rating-forms.c) ---- */

/* The one validation of a rating (SPEC §4): the rater, the ratee (unit or
 * cadre) and the item (qual leaf or cadre dimension) exist in cycle c and
 * score is a level of the item's scale or a number in [0, 100].  KH_EINVAL
 * naming the field; KH_EUSAGE for an empty rater.  No authz check. */
int kh__rating_check(struct kh_store *s, const struct kh_cycle_row *c, const char *rater,
                     const char *ratee, const char *item, const char *score, struct kh_error *err);
/* Insert or replace (rater, ratee, item) in the cycle's ratings table —
 * a replaced row keeps its place, a new one goes last, as the bundle
 * writer would write it — and audit it (reason may be NULL).  Checked
 * already (kh__rating_check, and the caller's authz check). */
int kh__rating_put(struct kh_store *s, const struct kh_actor *a, const struct kh_cycle_row *c,
                   const char *rater, const char *ratee, const char *item, const char *score,
                   const char *reason, struct kh_error *err);
/* A rater user's entry into its form: KH_ESTATE RATING_SUBMITTED when
 * (rater, ratee) is submitted, else the draft is inserted or replaced and
 * audited.  Checked already, as for kh__rating_put. */
int kh__rating_draft_put(struct kh_store *s, const struct kh_actor *a, const struct kh_cycle_row *c,
                         const char *rater, const char *ratee, const char *item, const char *score,
                         struct kh_error *err);
/* Rows (rater, ratee, item, score, "draft") of rater's drafts in cycle c,
 * by ratee and item.  No check: kh_store_ratings_list has made it. */
int kh__rating_drafts_list(struct kh_store *s, const struct kh_cycle_row *c, const char *rater,
                           kh_store_row_fn fn, void *ctx, struct kh_error *err);
/* Delete every draft and submission of a cycle (import --replace: the
 * ratings they were made against are gone). */
int kh__rating_forms_delete(struct kh_store *s, const char *cycle_id, struct kh_error *err);

/* ---- bundle rows into tables (store-bundle.c; rows from kh_bundle_write_rows) ---- */

/*
 * SHA-256 of a byte stream on a second thread (store-digest.c): append to
 * kh__digest_buf(d), then kh__digest_commit(d) after each record;
 * kh__digest_final writes the 32-byte digest.  _new never fails (without a
 * thread the caller's thread hashes); _free accepts NULL.
 */
struct kh__digest;
struct kh__digest *kh__digest_new(void);
struct kh_buf *kh__digest_buf(struct kh__digest *d);
void kh__digest_commit(struct kh__digest *d);
void kh__digest_final(struct kh__digest *d, unsigned char out[32]);
void kh__digest_free(struct kh__digest *d);

/*
 * The seal of a stored file (store-seal.c): a 128-bit sum over its lines,
 * each line keyed by its ord, kept in cycle_files.seal and brought up to date
 * in the same transaction as every change kaohe makes, so that `audit
 * verify` can tell a change made behind kaohe's back.
 *
 * kh__seal_line adds (sign +1) or takes away (sign -1) one line.
 * kh__file_rows_seal does the same for the stored rows lo..hi of a file,
 * read back as the bundle writer would write them: a writer calls it with
 * -1 just before it updates rows in place and with +1 just after it has
 * updated or inserted them.  kh__seal_all recomputes every file's seal
 * (the migration that introduced seals).  kh__seal_check compares each
 * stored file of every cycle with its seal and row count and fills in the
 * first mismatch (chk->bad_cycle, bad_file, problem).
 */
struct kh__seal {
    unsigned long long lo, hi;
};
void kh__seal_line(struct kh__seal *seal, long ord, const char *line, size_t len, int sign);
void kh__seal_header(struct kh__seal *seal, const char *header);
void kh__seal_hex(const struct kh__seal *seal, char out[33]);
int kh__file_rows_seal(struct kh_store *s, const char *cycle_id, const char *file, long lo, long hi,
                       int sign, struct kh_error *err);
/* Run one UPDATE (sql, params) of the stored row `ord` of `file` between
 * taking its line out of the seal and putting the new line in. */
int kh__file_row_update(struct kh_store *s, const char *cycle_id, const char *file, long ord,
                        const char *sql, const char *const *params, int nparams, struct kh_error *err);
int kh__seal_all(struct kh_store *s, struct kh_error *err);
struct kh_audit_check;
int kh__seal_check(struct kh_store *s, struct kh_audit_check *chk, struct kh_error *err);

/*
 * Storing one file of a cycle row by row (what kh_store_file_put does with
 * a whole CSV text): _begin checks the header against the file's table and
 * starts the backend's bulk load, _row stores one record (its cells in
 * header order), _end records the file in cycle_files and appends the audit
 * record (row count and SHA-256).  With digest_rows the SHA-256 is taken
 * over the rows as kh_csv_put_row serialises them (header first);
 * otherwise _end is given the digest.  _free accepts NULL and a put that
 * failed or never ended (it then only closes the bulk load: the caller's
 * transaction is rolled back anyway).  Errors are KH_E* codes with details
 * in the err given to _begin, which must outlive the put.
 */
struct kh__file_put;
int kh__file_put_begin(struct kh_store *s, const struct kh_actor *a, const char *cycle_id,
                       const char *file,
                       const char *const *header, size_t n, bool digest_rows,
                       struct kh__file_put **out, struct kh_error *err);
int kh__file_put_row(struct kh__file_put *p, const char *const *cells, size_t n);
/* digest: 32 bytes, or NULL with digest_rows.  audit_key NULL: no audit
 * record (the caller audits the rows it changed, store-setup.c). */
int kh__file_put_end(struct kh__file_put *p, const char *audit_key, const unsigned char *digest);
void kh__file_put_free(struct kh__file_put *p);

/* ---- bundle files as tables (store-bundle.c) ---- */

/*
 * Store one CSV file of a cycle (data: canonical UTF-8 as the bundle writer
 * produces it) into its table, replacing nothing: the caller deletes first.
 * Appends one audit record (entity "file", key audit_key) whose after JSON
 * holds the file name, row count and SHA-256 of the bytes; its user is a.
 * Internal: the operations that call these have made their authz check.  Unknown files
 * and columns are KH_EINVAL.
 */
int kh__store_file_put(struct kh_store *s, const struct kh_actor *a, const char *cycle_id, const char *file, const char *data,
                      size_t len, const char *audit_key, struct kh_error *err);
/*
 * Rebuild one file of a cycle from its table as CSV (header as stored, rows
 * in ord order), appended to out.  *present is false (and nothing appended)
 * when the cycle has no such file.
 */
int kh__store_file_get(struct kh_store *s, const char *cycle_id, const char *file,
                      struct kh_buf *out, bool *present, struct kh_error *err);
/*
 * The same, for the rows with lo <= ord <= hi (the header line counts as ord
 * 0, so lo <= 0 includes it): each line is appended to out and then, when fn
 * is not NULL, handed to fn with its ord and bytes (those inside out, ending
 * in "\n"); fn may reset out.  A non-zero return of fn stops the walk and is
 * returned.
 */
typedef int (*kh__line_fn)(void *ctx, long ord, const char *line, size_t len);
int kh__store_rows_get(struct kh_store *s, const char *cycle_id, const char *file, long lo, long hi,
                       struct kh_buf *out, kh__line_fn fn, void *ctx, bool *present,
                       struct kh_error *err);
/* Delete the rows of every input file (results false) or every result file
 * (results true) of a cycle. */
int kh__store_files_delete(struct kh_store *s, const char *cycle_id, bool results,
                          struct kh_error *err);

/* ---- authorization and audit internals ---- */

/* Write s->refusal's audit record when it is pending and no transaction is
 * open (authz.c); kh_store_tx calls it after every transaction. */
int kh__authz_flush(struct kh_store *s);
/* kh_store_audit with the user's name given (the refusal record). */
int kh__store_audit_user(struct kh_store *s, const char *user, const char *action,
                         const char *entity, const char *key, const char *before_json,
                         const char *after_json, const char *reason, struct kh_error *err);
/* The cycle row without a check (the operations' own lookups). */
int kh__store_cycle_get(struct kh_store *s, const char *code, struct kh_cycle_row *c,
                        struct kh_error *err);
/* Create or (replace) empty a cycle in the caller's transaction (import);
 * checks cycle.import against the existing cycle. */
int kh__store_cycle_create(struct kh_store *s, const struct kh_actor *a, const char *code,
                           const char *name, const char *previous, bool replace, char id[24],
                           struct kh_error *err);
/* kh_store_load and kh_store_compute without a check (appeal accept,
 * agreement completeness). */
struct kh_bundle;
struct kh_diags;
int kh__store_load(struct kh_store *s, const char *code, struct kh_bundle *b,
                   struct kh_diags *diags, struct kh_error *err);
int kh__store_compute(struct kh_store *s, const struct kh_actor *a, const char *code,
                      struct kh_buf *summary, enum kh_lang lang, struct kh_diags *diags,
                      struct kh_error *err);
/* kh__store_load with the cycle's input files passed through edit before
 * they are read (file name, its CSV text to change in place): a what-if
 * over the stored cycle that the one validator still checks.  edit also
 * sees every input file the cycle lacks, with empty data: text it puts
 * there adds the file.  A nonzero
 * return from edit stops the load with that code. */
typedef int (*kh__file_edit_fn)(void *ctx, const char *file, struct kh_buf *data, struct kh_error *err);
int kh__store_load_edited(struct kh_store *s, const char *code, kh__file_edit_fn edit, void *ctx,
                          struct kh_bundle *b, struct kh_diags *diags, struct kh_error *err);

#endif
