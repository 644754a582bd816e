/*
 * store-audit.c — the append-only, hash-chained audit trail (SPEC §9.5).
 *
 * A record is (seq, at, usr, action, entity, key, before, after, reason,
 * prev_hash) plus hash = SHA-256 of its canonical serialisation:
 *
 *     "kaohe-audit-1\n" then, for each of the ten fields in that order,
 *     "<byte length>:<bytes>\n", or "~\n" for NULL.
 *
 * Length prefixes make the serialisation injective (no choice of field
 * contents can make two different records serialise alike), and prev_hash
 * being inside it chains every record to all before it.  seq starts at 1 and
 * has no gaps; the first record's prev_hash is "".
 *
 * audit_head holds the seq and hash of the last record, written in the same
 * transaction as the record.  It lets verify notice a record deleted or
 * appended *at the end* behind kaohe's back, which the chain alone cannot
 * (a truncated chain is still a valid chain).  Someone with write access who
 * rewrites the whole chain and the head consistently cannot be detected from
 * inside the database: `audit verify` prints the head hash so an office can
 * write it down or publish it, and a later verify must still contain it.
 *
 * Appending reads the head, so concurrent appenders conflict: SQLite
 * serialises writers (BEGIN IMMEDIATE); PostgreSQL's SERIALIZABLE aborts one
 * with 40001 and kh_store_tx reruns it.  The chain never forks.
 *
 * The chain covers the records of changes, not the data changed: verify
 * then compares each stored file with its seal (store-seal.c), which finds
 * an UPDATE of a bundle table made behind kaohe's back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "kaohe/authz.h"
#include "kaohe/error.h"
#include "kaohe/msg-store.h"
#include "store/store-int.h"

static void put_field(crypto_hash_sha256_state *st, const char *f)
{
    if (f == NULL) {
        crypto_hash_sha256_update(st, (const unsigned char *)"~\n", 2);
        return;
    }
    char len[24];
    size_t n = strlen(f);
    int k = snprintf(len, sizeof len, "%zu:", n);
    crypto_hash_sha256_update(st, (const unsigned char *)len, (unsigned long long)k);
    crypto_hash_sha256_update(st, (const unsigned char *)f, n);
    crypto_hash_sha256_update(st, (const unsigned char *)"\n", 1);
}

void kh_store_audit_hash(const char *const fields[10], char out[65])
{
    crypto_hash_sha256_state st;
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)"kaohe-audit-1\n", 14);
    for (int i = 0; i < 10; i++)
        put_field(&st, fields[i]);
    crypto_hash_sha256_final(&st, h);
    sodium_bin2hex(out, 65, h, sizeof h);
}

struct head {
    char seq[24];
    char hash[65];
    bool found;
};

static int head_row(void *ctx, int ncols, const char *const *cells)
{
    struct head *h = ctx;
    if (ncols >= 2) {
        snprintf(h->seq, sizeof h->seq, "%s", cells[0] ? cells[0] : "0");
        snprintf(h->hash, sizeof h->hash, "%s", cells[1] ? cells[1] : "");
        h->found = true;
    }
    return 0;
}

int kh_store_audit(struct kh_store *s, const struct kh_actor *a, const char *action,
                   const char *entity, const char *key, const char *before_json,
                   const char *after_json, const char *reason, struct kh_error *err)
{
    return kh__store_audit_user(s, kh_actor_name(a), action, entity, key, before_json, after_json,
                                reason, err);
}

int kh__store_audit_user(struct kh_store *s, const char *user, const char *action,
                         const char *entity, const char *key, const char *before_json,
                         const char *after_json, const char *reason, struct kh_error *err)
{
    struct head h = {"0", "", false};
    int rc = kh_store_query(s, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", NULL, 0,
                            head_row, &h, err);
    if (rc != 0)
        return rc;
    char seq[24], now[32], hash[65];
    snprintf(seq, sizeof seq, "%ld", atol(h.seq) + 1);
    kh__store_now(now);
    const char *f[10] = {seq, now, user, action, entity, key ? key : "",
                         before_json, after_json, reason, h.hash};
    kh_store_audit_hash(f, hash);
    const char *p[11] = {seq, now, user, action, entity, key ? key : "",
                         before_json, after_json, reason, h.hash, hash};
    rc = kh_store_exec(s,
                       "INSERT INTO audit (seq, at, usr, action, entity, \"key\", before_json, "
                       "after_json, reason, prev_hash, hash) "
                       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                       p, 11, NULL, err);
    if (rc != 0)
        return rc;
    const char *hp[] = {seq, hash};
    return kh_store_exec(s, "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", hp, 2, NULL,
                         err);
}

struct verify {
    struct kh_audit_check *chk;
    long expect;
    char prev[65];
};

static int verify_row(void *ctx, int ncols, const char *const *c)
{
    struct verify *v = ctx;
    struct kh_audit_check *chk = v->chk;
    if (ncols < 11)
        return 0;
    long seq = atol(c[0] ? c[0] : "0");
    chk->records++;
    if (seq != v->expect) {
        chk->first_bad = v->expect;
        if (seq > v->expect)
            KH_ERR(&chk->problem, KH_EDATA, AUDIT_REC_MISSING, KH_ARG_LONG(v->expect));
        else
            KH_ERR(&chk->problem, KH_EDATA, AUDIT_REC_INSERTED, KH_ARG_LONG(seq));
        return 1;
    }
    const char *f[10] = {c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]};
    char hash[65];
    kh_store_audit_hash(f, hash);
    bool prev_ok = c[9] != NULL && strcmp(c[9], v->prev) == 0;
    bool hash_ok = c[10] != NULL && strcmp(c[10], hash) == 0;
    if (!prev_ok && !hash_ok) {
        chk->first_bad = seq;
        KH_ERR(&chk->problem, KH_EDATA, AUDIT_REC_FOREIGN, KH_ARG_LONG(seq));
        return 1;
    }
    if (!prev_ok) {
        chk->first_bad = seq;
        KH_ERR(&chk->problem, KH_EDATA, AUDIT_REC_UNLINKED, KH_ARG_LONG(seq));
        return 1;
    }
    if (!hash_ok) {
        chk->first_bad = seq;
        KH_ERR(&chk->problem, KH_EDATA, AUDIT_REC_CHANGED, KH_ARG_LONG(seq));
        return 1;
    }
    snprintf(v->prev, sizeof v->prev, "%s", c[10]);
    v->expect++;
    return 0;
}

/* The filter of the trail's listings: entity and key, "" = any. */
#define AUDIT_FILTER "WHERE ($1 = '' OR entity = $1) AND ($2 = '' OR \"key\" = $2)"

int kh_store_audit_list(struct kh_store *s, const struct kh_actor *a, const char *entity,
                        const char *key, long limit, kh_store_row_fn fn, void *ctx,
                        struct kh_error *err)
{
    int rc = kh_authz_check(s, a, KH_ACT_AUDIT_READ, NULL, NULL, err);
    if (rc != 0)
        return rc;
    char lim[24];
    snprintf(lim, sizeof lim, "%ld", limit > 0 ? limit : 1000000000L);
    const char *p[] = {entity ? entity : "", key ? key : "", lim};
    return kh_store_query(s,
                          "SELECT seq, at, usr, action, entity, \"key\", before_json, after_json, "
                          "reason FROM audit " AUDIT_FILTER " ORDER BY seq LIMIT $3",
                          p, 3, fn, ctx, err);
}

int kh_store_audit_page(struct kh_store *s, const struct kh_actor *a, const char *entity,
                        const char *key, long before, long limit, long *total, kh_store_row_fn fn,
                        void *ctx, struct kh_error *err)
{
    *total = 0;
    int rc = kh_authz_check(s, a, KH_ACT_AUDIT_READ, NULL, NULL, err);
    if (rc != 0)
        return rc;
    char b[24], lim[24], n[24];
    snprintf(b, sizeof b, "%ld", before > 0 ? before : 0);
    snprintf(lim, sizeof lim, "%ld", limit > 0 ? limit : 1);
    const char *p[] = {entity ? entity : "", key ? key : "", b, lim};
    rc = kh_store_query_text(s, "SELECT COUNT(*) FROM audit " AUDIT_FILTER, p, 2, n, sizeof n, NULL, err);
    if (rc != 0)
        return rc;
    *total = atol(n);
    return kh_store_query(s,
                          "SELECT seq, at, usr, action, entity, \"key\", before_json, after_json, "
                          "reason FROM audit " AUDIT_FILTER " AND (CAST($3 AS BIGINT) = 0 OR seq < "
                          "CAST($3 AS BIGINT)) ORDER BY seq DESC LIMIT $4",
                          p, 4, fn, ctx, err);
}

int kh_store_audit_verify(struct kh_store *s, const struct kh_actor *a, struct kh_audit_check *chk,
                          struct kh_error *err)
{
    memset(chk, 0, sizeof *chk);
    kh_error_clear(&chk->problem);
    struct verify v = {chk, 1, ""};
    int rc = kh_authz_check(s, a, KH_ACT_AUDIT_VERIFY, NULL, NULL, err);
    if (rc != 0)
        return rc;
    rc = kh_store_query(s,
                            "SELECT seq, at, usr, action, entity, \"key\", before_json, after_json, "
                            "reason, prev_hash, hash FROM audit ORDER BY seq",
                            NULL, 0, verify_row, &v, err);
    if (rc < 0)
        return rc;
    if (chk->first_bad != 0)
        return 0;
    snprintf(chk->head, sizeof chk->head, "%s", v.prev);
    struct head h = {"0", "", false};
    rc = kh_store_query(s, "SELECT seq, hash FROM audit_head WHERE id = 1", NULL, 0, head_row, &h,
                        err);
    if (rc != 0)
        return rc;
    long head_seq = atol(h.seq), last = v.expect - 1;
    if (head_seq > last) {
        chk->first_bad = last + 1;
        KH_ERR(&chk->problem, KH_EDATA, AUDIT_TAIL_MISSING, KH_ARG_LONG(last + 1),
               KH_ARG_LONG(head_seq - last));
    } else if (head_seq < last) {
        chk->first_bad = head_seq + 1;
        KH_ERR(&chk->problem, KH_EDATA, AUDIT_APPENDED, KH_ARG_LONG(head_seq + 1));
    } else if (strcmp(h.hash, v.prev) != 0) {
        chk->first_bad = last;
        KH_ERR(&chk->problem, KH_EDATA, AUDIT_LAST_REPLACED, KH_ARG_LONG(last));
    }
    if (chk->first_bad != 0)
        return 0;
    return kh__seal_check(s, chk, err);
}
