/*
 * store-seal.c — a digest of every stored file that follows kaohe's own
 * changes, so `audit verify` finds the ones made behind its back.
 *
 * The audit chain (store-audit.c) proves that no record of a change was
 * removed or altered; it says nothing about the data itself.  An
 * `UPDATE indicator_values SET value = …` typed into sqlite3 or psql changes
 * a ranking and leaves the chain intact.  Import records the SHA-256 of each
 * file, but that digest is of the file as it was on the day of import: every
 * value entered, target proposed, rating or survey answer submitted since
 * changes the file legitimately.  Recomputing a SHA-256 of the whole file on
 * each of those changes would make every web submission cost a rewrite of a
 * national ratings table (tens of millions of rows) in memory.
 *
 * The seal.  A file's seal is the sum, modulo 2^128, of one 128-bit value per
 * line: SipHash-2-4 (libsodium's crypto_shorthash_siphashx24) of the line's
 * bytes exactly as the bundle writer writes them, header included, keyed by
 * the line's ord (the header is ord 0).  A sum can be brought up to date one
 * row at a time: a writer takes away the old line and adds the new one
 * (kh__file_rows_seal with -1 before an update in place, +1 after it and
 * after an insert), in the same transaction as the change, so the seal in
 * cycle_files always describes the rows kaohe last wrote.  Keying by ord makes
 * the order part of the content: two rows swapping places change the seal,
 * as they would change the exported file.  Whole files (import, a setup
 * edit, stored results) are sealed as they are written (kh__file_put_*).
 *
 * Verification (kh__seal_check) rebuilds every stored file of every cycle
 * through the one reader that export and compute use (kh__store_rows_get),
 * sums its lines and compares the sum and the row count with cycle_files; a
 * table holding rows for a file the cycle does not have is a mismatch too.
 * The first difference is reported with the cycle, the file and its table.
 *
 * What it is not: a signature.  Whoever can write the database and has read
 * this file can recompute a seal, exactly as they could recompute the audit
 * chain's SHA-256 links.  It finds changes made by other programs, by hand or
 * by mistake — the case an assessment office has to rule out before it
 * publishes.  The key is a constant so that seals are the same on every
 * machine and a backup restored elsewhere verifies.
 *
 * Cost: one SipHash per row on import (about 40 ns for a 40-byte line); two
 * single-row reads and one cycle_files update per row changed afterwards;
 * verification reads every stored row once, about what an export costs.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "kaohe/buf.h"
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/store.h"
#include "kaohe/xalloc.h"
#include "kaohe/msg-store.h"
#include "store/store-int.h"

/* "kaohe seal v1\0\0\0": constant, see the essay. */
static const unsigned char seal_key[crypto_shorthash_siphashx24_KEYBYTES] = {
    'k', 'a', 'o', 'h', 'e', ' ', 's', 'e', 'a', 'l', ' ', 'v', '1', 0, 0, 0};

static unsigned long long le64(const unsigned char *b)
{
    unsigned long long v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | b[i];
    return v;
}

void kh__seal_line(struct kh__seal *seal, long ord, const char *line, size_t len, int sign)
{
    unsigned char key[sizeof seal_key], h[crypto_shorthash_siphashx24_BYTES];
    memcpy(key, seal_key, sizeof key);
    unsigned long long o = (unsigned long long)ord;
    for (int i = 0; i < 8; i++)
        key[8 + i] ^= (unsigned char)(o >> (8 * i));
    crypto_shorthash_siphashx24(h, (const unsigned char *)line, len, key);
    unsigned long long lo = le64(h), hi = le64(h + 8);
    if (sign > 0) {
        unsigned long long l = seal->lo + lo;
        seal->hi += hi + (l < seal->lo);
        seal->lo = l;
    } else {
        unsigned long long l = seal->lo - lo;
        seal->hi -= hi + (l > seal->lo);
        seal->lo = l;
    }
}

void kh__seal_header(struct kh__seal *seal, const char *header)
{
    struct kh_buf b = KH_BUF_INIT;
    struct kh_csv_reader r;
    struct kh_error err;
    kh_csv_reader_init(&r, header, strlen(header));
    if (kh_csv_next(&r, &err) == 1)
        kh_csv_put_row(&b, (const char *const *)r.fields, r.nfields);
    kh__seal_line(seal, 0, b.data ? b.data : "", b.len, +1);
    kh_csv_reader_release(&r);
    kh_buf_release(&b);
}

void kh__seal_hex(const struct kh__seal *seal, char out[33])
{
    snprintf(out, 33, "%016llx%016llx", seal->hi, seal->lo);
}

static bool seal_parse(const char *hex, struct kh__seal *seal)
{
    char hi[17], lo[17];
    if (hex == NULL || strlen(hex) != 32 || strspn(hex, "0123456789abcdef") != 32)
        return false;
    memcpy(hi, hex, 16);
    memcpy(lo, hex + 16, 16);
    hi[16] = lo[16] = '\0';
    seal->hi = strtoull(hi, NULL, 16);
    seal->lo = strtoull(lo, NULL, 16);
    return true;
}

/* Lines of one file walked by kh__store_rows_get into a seal. */
struct sum {
    struct kh__seal seal;
    struct kh_buf *out;
    int sign;
    long rows;               /* data lines seen (ord > 0) */
};

static int sum_line(void *ctx, long ord, const char *line, size_t len)
{
    struct sum *x = ctx;
    kh__seal_line(&x->seal, ord, line, len, x->sign);
    if (ord > 0)
        x->rows++;
    kh_buf_reset(x->out);
    return 0;
}

struct file_seal {
    char seal[64];
    bool found;
};

static int seal_row(void *ctx, int ncols, const char *const *c)
{
    struct file_seal *f = ctx;
    if (ncols >= 1 && !f->found) {
        snprintf(f->seal, sizeof f->seal, "%s", c[0] ? c[0] : "");
        f->found = true;
    }
    return 0;
}

static int seal_store(struct kh_store *s, const char *cycle_id, const char *file,
                      const struct kh__seal *seal, struct kh_error *err)
{
    char hex[33];
    kh__seal_hex(seal, hex);
    const char *p[] = {hex, cycle_id, file};
    return kh_store_exec(s, "UPDATE cycle_files SET seal = $1 WHERE cycle_id = $2 AND file = $3", p, 3,
                         NULL, err);
}

int kh__file_rows_seal(struct kh_store *s, const char *cycle_id, const char *file, long lo, long hi,
                       int sign, struct kh_error *err)
{
    if (lo < 1)
        lo = 1;
    if (hi < lo)
        return 0;
    struct file_seal f = {.found = false};
    const char *p[] = {cycle_id, file};
    int rc = kh_store_query(s, "SELECT seal FROM cycle_files WHERE cycle_id = $1 AND file = $2", p, 2,
                            seal_row, &f, err);
    if (rc != 0)
        return rc;
    struct kh_buf b = KH_BUF_INIT;
    struct sum x = {.out = &b, .sign = sign};
    if (!f.found || !seal_parse(f.seal, &x.seal))
        return KH_ERR(err, KH_EDATA, SEAL_MISSING, file);
    bool present;
    rc = kh__store_rows_get(s, cycle_id, file, lo, hi, &b, sum_line, &x, &present, err);
    kh_buf_release(&b);
    if (rc == 0)
        rc = seal_store(s, cycle_id, file, &x.seal, err);
    return rc;
}

int kh__file_row_update(struct kh_store *s, const char *cycle_id, const char *file, long ord,
                        const char *sql, const char *const *params, int nparams, struct kh_error *err)
{
    int rc = kh__file_rows_seal(s, cycle_id, file, ord, ord, -1, err);
    if (rc == 0)
        rc = kh_store_exec(s, sql, params, nparams, NULL, err);
    if (rc == 0)
        rc = kh__file_rows_seal(s, cycle_id, file, ord, ord, +1, err);
    return rc;
}

/* ---- every file of every cycle ---- */

struct file_ref {
    char cycle_id[24], code[64], file[64], seal[64], nrows[24];
};

struct file_list {
    struct file_ref *v;
    size_t n, cap;
};

static int file_ref_row(void *ctx, int ncols, const char *const *c)
{
    struct file_list *l = ctx;
    if (ncols < 5)
        return 0;
    KH_GROW(l->v, l->n + 1, l->cap);
    struct file_ref *f = &l->v[l->n++];
    snprintf(f->cycle_id, sizeof f->cycle_id, "%s", c[0] ? c[0] : "");
    snprintf(f->code, sizeof f->code, "%s", c[1] ? c[1] : "");
    snprintf(f->file, sizeof f->file, "%s", c[2] ? c[2] : "");
    snprintf(f->seal, sizeof f->seal, "%s", c[3] ? c[3] : "");
    snprintf(f->nrows, sizeof f->nrows, "%s", c[4] ? c[4] : "");
    return 0;
}

/* Every file recorded in cycle_files, with its recorded seal and row count,
 * ordered by cycle id and file name. */
static int list_files(struct kh_store *s, struct file_list *l, struct kh_error *err)
{
    return kh_store_query(s,
                          "SELECT f.cycle_id, c.code, f.file, f.seal, f.nrows FROM cycle_files f "
                          "JOIN cycles c ON c.id = f.cycle_id ORDER BY f.cycle_id, f.file",
                          NULL, 0, file_ref_row, l, err);
}

static int seal_one(struct kh_store *s, const struct file_ref *f, struct sum *x, struct kh_error *err)
{
    struct kh_buf b = KH_BUF_INIT;
    bool present;
    x->out = &b;
    x->sign = +1;
    int rc = kh__store_rows_get(s, f->cycle_id, f->file, 0, LONG_MAX, &b, sum_line, x, &present, err);
    kh_buf_release(&b);
    return rc;
}

int kh__seal_all(struct kh_store *s, struct kh_error *err)
{
    struct file_list l = {0};
    int rc = list_files(s, &l, err);
    for (size_t i = 0; rc == 0 && i < l.n; i++) {
        struct sum x = {.rows = 0};
        rc = seal_one(s, &l.v[i], &x, err);
        if (rc == 0)
            rc = seal_store(s, l.v[i].cycle_id, l.v[i].file, &x.seal, err);
    }
    free(l.v);
    return rc;
}

/* Cycles that hold rows in a bundle table for which cycle_files has no
 * record: the first one found (in table order) goes into chk. */
static int unrecorded_rows(struct kh_store *s, struct kh_audit_check *chk, struct kh_error *err)
{
    char sql[400], hit[64];
    for (size_t i = 0; i < kh_store_ntables; i++) {
        const struct kh_store_table *t = &kh_store_tables[i];
        snprintf(sql, sizeof sql,
                 "SELECT c.code || ' ' || CAST(COUNT(*) AS TEXT) FROM %s r JOIN cycles c ON c.id = r.cycle_id "
                 "WHERE NOT EXISTS (SELECT 1 FROM cycle_files f WHERE f.cycle_id = r.cycle_id AND "
                 "f.file = $1) GROUP BY c.code ORDER BY c.code",
                 t->table);
        const char *p[] = {t->file};
        int rc = kh_store_query_text(s, sql, p, 1, hit, sizeof hit, NULL, err);
        if (rc == KH_ENOTFOUND)
            continue;
        if (rc != 0)
            return rc;
        char *sp = strrchr(hit, ' ');
        if (sp == NULL)
            continue;
        *sp = '\0';
        snprintf(chk->bad_cycle, sizeof chk->bad_cycle, "%s", hit);
        snprintf(chk->bad_file, sizeof chk->bad_file, "%s", t->file);
        KH_ERR(&chk->problem, KH_EDATA, SEAL_UNRECORDED, hit, t->file, t->table, sp + 1);
        return 0;
    }
    return 0;
}

int kh__seal_check(struct kh_store *s, struct kh_audit_check *chk, struct kh_error *err)
{
    struct file_list l = {0};
    int rc = list_files(s, &l, err);
    for (size_t i = 0; rc == 0 && i < l.n && chk->bad_file[0] == '\0'; i++) {
        const struct file_ref *f = &l.v[i];
        const struct kh_store_table *t = kh_store_table_by_file(f->file);
        struct sum x = {.rows = 0};
        rc = seal_one(s, f, &x, err);
        if (rc != 0)
            break;
        chk->files++;
        char hex[33];
        kh__seal_hex(&x.seal, hex);
        char rows[24];
        snprintf(rows, sizeof rows, "%ld", x.rows);
        bool count_ok = strcmp(rows, f->nrows) == 0, seal_ok = strcmp(hex, f->seal) == 0;
        if (count_ok && seal_ok)
            continue;
        snprintf(chk->bad_cycle, sizeof chk->bad_cycle, "%s", f->code);
        snprintf(chk->bad_file, sizeof chk->bad_file, "%s", f->file);
        const char *table = t ? t->table : "?";
        if (!count_ok)
            KH_ERR(&chk->problem, KH_EDATA, SEAL_COUNT, f->code, f->file, table, rows, f->nrows);
        else
            KH_ERR(&chk->problem, KH_EDATA, SEAL_CHANGED, f->code, f->file, table);
    }
    free(l.v);
    if (rc == 0 && chk->bad_file[0] == '\0')
        rc = unrecorded_rows(s, chk, err);
    return rc;
}
