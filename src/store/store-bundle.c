/*
 * store-bundle.c — a cycle's bundle files ↔ rows of real tables.
 *
 * The write side stores one file row by row (kh__file_put_begin/_row/
 * _end): import hands it the canonical rows of the validated bundle
 * straight from memory (kh_bundle_write_rows, src/bundle/bundle-rows.c), kh__store_file_put (stored results)
 * the records of a CSV text parsed with the project's CSV reader.  Rows go
 * through the backend's bulk path (SQLite: batched prepared INSERTs;
 * PostgreSQL: COPY), so the cost of a large import is binding and
 * stepping, nothing else.
 *
 * The read side rebuilds the file byte for byte: the header stored in
 * cycle_files, then the rows ordered by ord, cells written with the
 * project's CSV writer.  Loading a cycle for compute or export hands these
 * rebuilt files to kh_bundle_read_mem, so every rule of SPEC §11 is checked
 * by the one validator there is, on the way out as on the way in.
 *
 * Audit granularity: one record per imported file, carrying its row count
 * and the SHA-256 of its bytes — for import, of the rows serialised exactly
 * as kh_bundle_write_dir writes the file (hashed on a second thread,
 * store-digest.c), which is the file `kaohe export` writes.  A record per
 * row would multiply the size of a national import by three and add
 * nothing an office could use: the digest pins the exact content, and
 * `kaohe export` of that cycle reproduces the bytes it was computed over.  Later single-row changes
 * (track, agreement, appeals) are audited per row with before/after.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <jansson.h>
#include "kaohe/buf.h"
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/xalloc.h"
#include "kaohe/msg-store.h"
#include "store/store-int.h"

#define MAXCOLS 64

static int col_index(const struct kh_store_table *t, const char *name)
{
    for (int i = 0; t->columns[i] != NULL; i++)
        if (strcmp(t->columns[i], name) == 0)
            return i;
    return -1;
}

static int ncolumns(const struct kh_store_table *t)
{
    int n = 0;
    while (t->columns[n] != NULL)
        n++;
    return n;
}

/*
 * A file being stored (kh__file_put_*).  Header columns map to table
 * columns (map[i] >= 0) or, in indicators.csv, to rows of
 * indicator_weights (map[i] == -2, category weight_cat[i]).  Every file but
 * indicators.csv goes through the backend's bulk path (one prepared INSERT,
 * or PostgreSQL COPY); indicators.csv (a few dozen rows) also writes
 * indicator_weights per row, so it goes row by row through exec.
 */
struct kh__file_put {
    const struct kh_actor *actor;   /* written into the audit record */
    struct kh_store *s;
    const struct kh_store_table *t;
    struct kh_error *err;
    char cycle_id[24];
    int n;                        /* table columns */
    int nheader;
    int map[MAXCOLS];
    char *weight_cat[MAXCOLS];
    bool bulk, copying, digest_rows;
    long nrows;
    struct kh_buf header;         /* the header line as stored (no "\n") */
    struct kh_buf sql;            /* the row INSERT when not bulk */
    struct kh__digest *digest;    /* digest_rows: SHA-256 of the serialised rows */
    struct kh__seal seal;         /* of the lines so far (store-seal.c) */
    struct kh_buf line;           /* !digest_rows: the row being sealed */
};

/* INSERT INTO "t" (cycle_id, ord, "c1", …) VALUES ($1, $2, …) */
static void insert_sql(const struct kh_store_table *t, struct kh_buf *sql)
{
    int n = ncolumns(t);
    kh_buf_printf(sql, "INSERT INTO %s (cycle_id, ord", t->table);
    for (int i = 0; i < n; i++)
        kh_buf_printf(sql, ", \"%s\"", t->columns[i]);
    kh_buf_puts(sql, ") VALUES ($1, $2");
    for (int i = 0; i < n; i++)
        kh_buf_printf(sql, ", $%d", i + 3);
    kh_buf_puts(sql, ")");
}

/* Decimal text of v into out (>= 24 bytes), without printf's cost: this
 * runs once per imported row. */
static const char *u64_text(unsigned long long v, char out[24])
{
    char *p = out + 23;
    *p = '\0';
    do
        *--p = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    return p;
}

void kh__file_put_free(struct kh__file_put *p)
{
    if (p == NULL)
        return;
    if (p->copying)
        p->s->ops->copy_end(p->s->impl, NULL);
    for (int i = 0; i < MAXCOLS; i++)
        free(p->weight_cat[i]);
    kh_buf_release(&p->header);
    kh_buf_release(&p->sql);
    kh_buf_release(&p->line);
    kh__digest_free(p->digest);
    free(p);
}

int kh__file_put_begin(struct kh_store *s, const struct kh_actor *a, const char *cycle_id,
                       const char *file,
                       const char *const *header, size_t n, bool digest_rows,
                       struct kh__file_put **out, struct kh_error *err)
{
    *out = NULL;
    const struct kh_store_table *t = kh_store_table_by_file(file);
    if (t == NULL)
        return KH_ERR_AT(err, KH_EINVAL, file, 0, NULL, TABLE_UNKNOWN_FILE);
    if (n > MAXCOLS)
        return KH_ERR_AT(err, KH_EINVAL, file, 1, NULL, TABLE_TOO_MANY_COLUMNS);
    struct kh__file_put *p = kh_xcalloc(1, sizeof *p);
    int rc = 0;
    p->s = s;
    p->actor = a;
    p->t = t;
    p->err = err;
    p->n = ncolumns(t);
    p->nheader = (int)n;
    p->digest_rows = digest_rows;
    snprintf(p->cycle_id, sizeof p->cycle_id, "%s", cycle_id);
    kh_buf_init(&p->header, 0);
    kh_buf_init(&p->sql, 0);
    for (int i = 0; i < p->nheader; i++) {
        p->map[i] = col_index(t, header[i]);
        if (p->map[i] < 0 && strcmp(t->table, "indicators") == 0 &&
            strncmp(header[i], "weight.", 7) == 0) {
            p->map[i] = -2;
            p->weight_cat[i] = kh_xstrdup(header[i] + 7);
        } else if (p->map[i] < 0) {
            rc = KH_ERR_AT(err, KH_EINVAL, file, 1, header[i], TABLE_UNKNOWN_COLUMN);
            goto out;
        }
    }
    kh_csv_put_row(&p->header, header, n);
    kh_buf_init(&p->line, 0);
    kh__seal_line(&p->seal, 0, p->header.data, p->header.len, +1);
    if (digest_rows) {
        p->digest = kh__digest_new();
        kh_buf_append(kh__digest_buf(p->digest), p->header.data, p->header.len);
    }
    p->header.len--;                   /* drop the "\n": stored as one line */
    p->header.data[p->header.len] = '\0';
    p->bulk = strcmp(t->table, "indicators") != 0;
    if (p->bulk) {
        const char *cols[MAXCOLS + 2] = {"cycle_id", "ord"};
        for (int i = 0; i < p->n; i++)
            cols[i + 2] = t->columns[i];
        rc = s->ops->copy_begin(s->impl, t->table, cols, p->n + 2, err);
        p->copying = rc == 0;
    } else {
        insert_sql(t, &p->sql);
    }
out:
    if (rc != 0) {
        kh__file_put_free(p);
        return rc;
    }
    *out = p;
    return 0;
}

int kh__file_put_row(struct kh__file_put *p, const char *const *cells, size_t n)
{
    const char *params[MAXCOLS + 2];
    char ordbuf[24];
    int rc = 0;
    if ((int)n != p->nheader)
        return KH_ERR_AT(p->err, KH_EINVAL, p->t->file, p->nrows + 2, NULL, TABLE_FIELD_COUNT);
    const char *ord = u64_text((unsigned long long)p->nrows + 1, ordbuf);
    params[0] = p->cycle_id;
    params[1] = ord;
    for (int i = 0; i < p->n; i++)
        params[i + 2] = NULL;
    for (int i = 0; i < p->nheader; i++)
        if (p->map[i] >= 0)
            params[p->map[i] + 2] = cells[i];
    if (p->bulk) {
        rc = p->s->ops->copy_row(p->s->impl, params, p->n + 2, p->err);
    } else {
        rc = kh_store_exec(p->s, kh_buf_cstr(&p->sql), params, p->n + 2, NULL, p->err);
        for (int i = 0; rc == 0 && i < p->nheader; i++) {
            if (p->map[i] != -2)
                continue;
            const char *wp[] = {p->cycle_id, ord, p->weight_cat[i], cells[i]};
            rc = kh_store_exec(p->s, "INSERT INTO indicator_weights (cycle_id, ord, category, "
                                     "weight) VALUES ($1, $2, $3, $4)", wp, 4, NULL, p->err);
        }
    }
    if (rc != 0)
        return rc;
    struct kh_buf *b = p->digest_rows ? kh__digest_buf(p->digest) : &p->line;
    size_t start = b->len;
    kh_csv_put_row(b, cells, n);
    kh__seal_line(&p->seal, p->nrows + 1, b->data + start, b->len - start, +1);
    if (p->digest_rows)
        kh__digest_commit(p->digest);
    else
        kh_buf_reset(&p->line);
    p->nrows++;
    return 0;
}

int kh__file_put_end(struct kh__file_put *p, const char *audit_key, const unsigned char *digest)
{
    struct kh_store *s = p->s;
    const char *file = p->t->file;
    int rc = 0;
    if (p->copying) {
        p->copying = false;
        rc = s->ops->copy_end(s->impl, p->err);
        if (rc != 0)
            return rc;
    }
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[65], nrows_s[24], seal[33];
    if (p->digest_rows)
        kh__digest_final(p->digest, h);
    else
        memcpy(h, digest, sizeof h);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    snprintf(nrows_s, sizeof nrows_s, "%ld", p->nrows);
    kh__seal_hex(&p->seal, seal);
    const char *fp[] = {p->cycle_id, file, kh_buf_cstr(&p->header), nrows_s, hex, seal};
    rc = kh_store_exec(s, "INSERT INTO cycle_files (cycle_id, file, header, nrows, sha256, seal) "
                          "VALUES ($1, $2, $3, $4, $5, $6)", fp, 6, NULL, p->err);
    if (rc != 0 || audit_key == NULL)
        return rc;
    json_t *o = json_pack("{s:s, s:I, s:s}", "file", file, "rows", (json_int_t)p->nrows, "sha256", hex);
    char *after = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    rc = kh_store_audit(s, p->actor, "insert", p->t->result ? "results" : "file", audit_key, NULL, after,
                        NULL, p->err);
    free(after);
    return rc;
}

int kh__store_file_put(struct kh_store *s, const struct kh_actor *a, const char *cycle_id,
                       const char *file, const char *data, size_t len, const char *audit_key,
                       struct kh_error *err)
{
    struct kh_csv_reader r;
    struct kh__file_put *p = NULL;
    unsigned char h[crypto_hash_sha256_BYTES];
    kh_csv_reader_init(&r, data, len);
    int rc = kh_csv_next(&r, err);
    if (rc <= 0) {
        if (rc == 0 && kh_store_table_by_file(file) == NULL)
            rc = KH_ERR_AT(err, KH_EINVAL, file, 0, NULL, TABLE_UNKNOWN_FILE);
        else if (rc == 0)
            rc = KH_ERR_AT(err, KH_EINVAL, file, 1, NULL, TABLE_NO_HEADER);
        goto out;
    }
    rc = kh__file_put_begin(s, a, cycle_id, file, (const char *const *)r.fields, r.nfields, false, &p,
                            err);
    if (rc != 0)
        goto out;
    while ((rc = kh_csv_next(&r, err)) == 1) {
        if (kh_csv_record_blank(&r))
            continue;
        if ((int)r.nfields != p->nheader) {
            rc = KH_ERR_AT(err, KH_EINVAL, file, r.line, NULL, TABLE_FIELD_COUNT);
            break;
        }
        rc = kh__file_put_row(p, (const char *const *)r.fields, r.nfields);
        if (rc != 0)
            break;
    }
    if (rc < 0)
        goto out;
    crypto_hash_sha256(h, (const unsigned char *)data, len);
    rc = kh__file_put_end(p, audit_key, h);
out:
    kh__file_put_free(p);
    kh_csv_reader_release(&r);
    return rc < 0 ? rc : 0;
}

/* ---- reading back ---- */

struct weight {
    long ord;
    char *category, *weight;
};

struct get_ctx {
    struct kh_buf *out;
    kh__line_fn fn;
    void *ctx;
    int nheader;
    int map[MAXCOLS];
    const char *weight_cat[MAXCOLS];
    struct weight *w;
    size_t nw, capw, wpos;
    char *header;
    bool found;
    int rc;
};

static int header_row(void *ctx, int ncols, const char *const *c)
{
    struct get_ctx *g = ctx;
    if (ncols > 0 && c[0]) {
        g->header = kh_xstrdup(c[0]);
        g->found = true;
    }
    return 0;
}

static int weight_row(void *ctx, int ncols, const char *const *c)
{
    struct get_ctx *g = ctx;
    if (ncols < 3)
        return 0;
    KH_GROW(g->w, g->nw + 1, g->capw);
    g->w[g->nw].ord = atol(c[0]);
    g->w[g->nw].category = kh_xstrdup(c[1]);
    g->w[g->nw].weight = kh_xstrdup(c[2] ? c[2] : "");
    g->nw++;
    return 0;
}

/* Rows arrive in ord order and weights are sorted by (ord, category), so a
 * moving cursor finds each weight in amortised constant time. */
static const char *find_weight(struct get_ctx *g, long ord, const char *cat)
{
    while (g->wpos < g->nw && g->w[g->wpos].ord < ord)
        g->wpos++;
    for (size_t i = g->wpos; i < g->nw && g->w[i].ord == ord; i++)
        if (strcmp(g->w[i].category, cat) == 0)
            return g->w[i].weight;
    return "";
}

/* One line appended to g->out, then handed to g->fn (if any). */
static int put_line(struct get_ctx *g, long ord, const char *const *cells, size_t n)
{
    size_t start = g->out->len;
    int rc = kh_csv_put_row(g->out, cells, n);
    if (rc == 0 && g->fn != NULL)
        rc = g->fn(g->ctx, ord, g->out->data + start, g->out->len - start);
    return rc;
}

static int data_row(void *ctx, int ncols, const char *const *c)
{
    struct get_ctx *g = ctx;
    const char *cells[MAXCOLS];
    long ord = atol(c[0]);
    for (int i = 0; i < g->nheader; i++) {
        if (g->map[i] == -2)
            cells[i] = find_weight(g, ord, g->weight_cat[i]);
        else
            cells[i] = g->map[i] + 1 < ncols && c[g->map[i] + 1] ? c[g->map[i] + 1] : "";
    }
    g->rc = put_line(g, ord, cells, (size_t)g->nheader);
    return g->rc;
}

int kh__store_rows_get(struct kh_store *s, const char *cycle_id, const char *file, long lo, long hi,
                       struct kh_buf *out, kh__line_fn fn, void *ctx, bool *present,
                       struct kh_error *err)
{
    *present = false;
    const struct kh_store_table *t = kh_store_table_by_file(file);
    if (t == NULL)
        return KH_ERR_AT(err, KH_EINVAL, file, 0, NULL, TABLE_UNKNOWN_FILE);
    struct get_ctx g = {.out = out, .fn = fn, .ctx = ctx};
    struct kh_csv_reader r;
    struct kh_buf sql = KH_BUF_INIT;
    char los[24], his[24];
    snprintf(los, sizeof los, "%ld", lo);
    snprintf(his, sizeof his, "%ld", hi);
    const char *p[] = {cycle_id, file};
    const char *rp[] = {cycle_id, los, his};
    kh_csv_reader_init(&r, "", 0);
    int rc = kh_store_query(s, "SELECT header FROM cycle_files WHERE cycle_id = $1 AND file = $2", p,
                            2, header_row, &g, err);
    if (rc != 0 || !g.found)
        goto out;
    kh_csv_reader_release(&r);
    kh_csv_reader_init(&r, g.header, strlen(g.header));
    rc = kh_csv_next(&r, err);
    if (rc != 1 || r.nfields > MAXCOLS) {
        rc = KH_ERR_AT(err, KH_EDATA, file, 1, NULL, TABLE_HEADER_DAMAGED);
        goto out;
    }
    g.nheader = (int)r.nfields;
    for (int i = 0; i < g.nheader; i++) {
        g.map[i] = col_index(t, r.fields[i]);
        if (g.map[i] < 0 && strncmp(r.fields[i], "weight.", 7) == 0) {
            g.map[i] = -2;
            g.weight_cat[i] = r.fields[i] + 7;
        } else if (g.map[i] < 0) {
            rc = KH_ERR_AT(err, KH_EDATA, file, 1, r.fields[i], TABLE_HEADER_DAMAGED);
            goto out;
        }
    }
    if (strcmp(t->table, "indicators") == 0) {
        rc = kh_store_query(s, "SELECT ord, category, weight FROM indicator_weights WHERE cycle_id = $1 "
                               "AND ord >= CAST($2 AS BIGINT) AND ord <= CAST($3 AS BIGINT) "
                               "ORDER BY ord, category", rp, 3, weight_row, &g, err);
        if (rc != 0)
            goto out;
    }
    if (lo <= 0) {
        rc = put_line(&g, 0, (const char *const *)r.fields, r.nfields);
        if (rc != 0)
            goto out;
    }
    kh_buf_puts(&sql, "SELECT ord");
    for (int i = 0; t->columns[i] != NULL; i++)
        kh_buf_printf(&sql, ", \"%s\"", t->columns[i]);
    kh_buf_printf(&sql, " FROM %s WHERE cycle_id = $1 AND ord >= CAST($2 AS BIGINT) AND "
                        "ord <= CAST($3 AS BIGINT) ORDER BY ord", t->table);
    rc = kh_store_query(s, kh_buf_cstr(&sql), rp, 3, data_row, &g, err);
    if (rc == 0)
        *present = true;
out:
    for (size_t i = 0; i < g.nw; i++) {
        free(g.w[i].category);
        free(g.w[i].weight);
    }
    free(g.w);
    free(g.header);
    kh_csv_reader_release(&r);
    kh_buf_release(&sql);
    return rc;
}

int kh__store_file_get(struct kh_store *s, const char *cycle_id, const char *file,
                      struct kh_buf *out, bool *present, struct kh_error *err)
{
    return kh__store_rows_get(s, cycle_id, file, 0, LONG_MAX, out, NULL, NULL, present, err);
}

int kh__store_files_delete(struct kh_store *s, const char *cycle_id, bool results,
                          struct kh_error *err)
{
    const char *p[] = {cycle_id};
    char sql[160];
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < kh_store_ntables; i++) {
        const struct kh_store_table *t = &kh_store_tables[i];
        if (t->result != results)
            continue;
        snprintf(sql, sizeof sql, "DELETE FROM %s WHERE cycle_id = $1", t->table);
        rc = kh_store_exec(s, sql, p, 1, NULL, err);
        if (rc == 0) {
            const char *fp[] = {cycle_id, t->file};
            rc = kh_store_exec(s, "DELETE FROM cycle_files WHERE cycle_id = $1 AND file = $2", fp, 2,
                               NULL, err);
        }
    }
    if (rc == 0 && !results)
        rc = kh_store_exec(s, "DELETE FROM indicator_weights WHERE cycle_id = $1", p, 1, NULL, err);
    return rc;
}
