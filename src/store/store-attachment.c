/*
 * store-attachment.c — appeal attachments: their types, limits, storage
 * and who may read them (store-attachment.h; SPEC §9.4).
 *
 * Types by content.  A file is a PDF when it starts with "%PDF-", a PNG
 * with the 8-byte PNG signature, a JPEG with FF D8 FF.  Nothing else is
 * accepted — a ZIP named x.pdf starts with "PK\3\4" and is refused — and
 * the stored mime type is ours, so a download can be served with it and
 * X-Content-Type-Options: nosniff without ever letting a browser guess.
 *
 * Storage.  Rows of appeal_attachments (migration 11) numbered 1, 2, … in
 * the order given, the bytes as a BLOB/bytea through the store's one binary
 * path (exec_blob/query_blob).  Each file gets its own audit record with
 * its name, type, size and SHA-256 — the audit trail proves which file was
 * filed without carrying it.  kh__store_attachments_put runs inside the
 * appeal's filing transaction (store-appeal.c), after the caller has
 * passed kh_attachments_check, so a refused file leaves no appeal behind.
 *
 * Reading.  One rule for the list and the bytes: action appeal.attachment
 * with the appeal's own unit as the target (authz.h), so a unit user reads
 * only its own unit's evidence and every refusal is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "kaohe/error.h"
#include "kaohe/msg-store.h"
#include "kaohe/store-attachment.h"
#include "store/store-int.h"

const char *kh_attachment_sniff(const unsigned char *d, size_t n)
{
    static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
        return "application/pdf";
    if (n >= 8 && memcmp(d, png, 8) == 0)
        return "image/png";
    if (n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
        return "image/jpeg";
    return NULL;
}

const char *kh_attachment_basename(const char *name)
{
    const char *b = name;
    for (const char *p = name; *p; p++)
        if (*p == '/' || *p == '\\')
            b = p + 1;
    return b;
}

static bool name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > KH_ATTACH_NAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            return false;
    return true;
}

int kh_attachments_check(const struct kh_attachment_in *att, int natt, struct kh_error *err)
{
    if (natt > KH_ATTACH_MAX_COUNT)
        return KH_ERR(err, KH_ETOOBIG, ATTACH_TOO_MANY, KH_ARG_LONG(KH_ATTACH_MAX_COUNT));
    size_t total = 0;
    for (int i = 0; i < natt; i++) {
        const char *name = kh_attachment_basename(att[i].name ? att[i].name : "");
        if (!name_ok(name))
            return KH_ERR(err, KH_EINVAL, ATTACH_NAME_BAD, name);
        if (att[i].len == 0)
            return KH_ERR(err, KH_EINVAL, ATTACH_EMPTY, name);
        if (att[i].len > KH_ATTACH_MAX_FILE)
            return KH_ERR(err, KH_ETOOBIG, ATTACH_TOO_BIG, name, KH_ARG_SIZE(att[i].len),
                          KH_ARG_SIZE(KH_ATTACH_MAX_FILE));
        if (kh_attachment_sniff(att[i].data, att[i].len) == NULL) {
            char head[40] = "";
            for (size_t k = 0; k < att[i].len && k < 8; k++)
                snprintf(head + strlen(head), sizeof head - strlen(head), "%s%02X", k ? " " : "",
                         att[i].data[k]);
            return KH_ERR(err, KH_EINVAL, ATTACH_TYPE_BAD, name, head);
        }
        total += att[i].len;
    }
    if (total > KH_ATTACH_MAX_TOTAL)
        return KH_ERR(err, KH_ETOOBIG, ATTACH_TOTAL_TOO_BIG, KH_ARG_SIZE(total),
                      KH_ARG_SIZE(KH_ATTACH_MAX_TOTAL));
    return 0;
}

int kh__store_attachments_put(struct kh_store *s, const struct kh_actor *a, const char *cycle_code,
                              const char *appeal_id, const struct kh_attachment_in *att, int natt,
                              struct kh_error *err)
{
    int rc = 0;
    for (int i = 0; i < natt && rc == 0; i++) {
        unsigned char h[crypto_hash_sha256_BYTES];
        char hex[65], n[24], size[24], key[300];
        crypto_hash_sha256(h, att[i].data, att[i].len);
        sodium_bin2hex(hex, sizeof hex, h, sizeof h);
        snprintf(n, sizeof n, "%d", i + 1);
        snprintf(size, sizeof size, "%zu", att[i].len);
        const char *name = kh_attachment_basename(att[i].name);
        const char *mime = kh_attachment_sniff(att[i].data, att[i].len);
        const char *p[] = {appeal_id, n, name, mime, size, hex};
        rc = kh_store_exec_blob(s, "INSERT INTO appeal_attachments (appeal_id, n, name, mime, size, "
                                   "sha256, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                                p, 6, att[i].data, att[i].len, err);
        if (rc != 0)
            break;
        snprintf(key, sizeof key, "%s/%s/%s", cycle_code, appeal_id, n);
        char *after = kh__store_json("name", name, "mime", mime, "size", size, "sha256", hex, NULL);
        rc = kh_store_audit(s, a, "insert", "appeal_attachment", key, NULL, after, NULL, err);
        free(after);
    }
    return rc;
}

/* The check both readers make: the appeal exists, and a may read its
 * unit's attachments (appeal.attachment). */
static int may_read(struct kh_store *s, const struct kh_actor *a, const char *id, struct kh_error *err)
{
    struct kh__appeal x;
    struct kh_cycle_row c;
    int rc = kh__store_appeal_get(s, id, &x, err);
    if (rc == 0)
        rc = kh__store_cycle_get(s, x.cycle_code, &c, err);
    struct kh_authz_target t = {.unit = x.unit};
    if (rc == 0)
        rc = kh_authz_check(s, a, KH_ACT_APPEAL_ATTACHMENT, &c, &t, err);
    return rc;
}

int kh_store_appeal_attachments(struct kh_store *s, const struct kh_actor *a, const char *id,
                                kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    int rc = may_read(s, a, id, err);
    if (rc != 0)
        return rc;
    const char *p[] = {id};
    return kh_store_query(s, "SELECT n, name, mime, size, sha256 FROM appeal_attachments "
                             "WHERE appeal_id = $1 ORDER BY n", p, 1, fn, ctx, err);
}

static int meta_row(void *ctx, int ncols, const char *const *c)
{
    struct kh_attachment *x = ctx;
    if (ncols >= 4) {
        snprintf(x->name, sizeof x->name, "%s", c[0]);
        snprintf(x->mime, sizeof x->mime, "%s", c[1]);
        x->size = (size_t)strtoull(c[2], NULL, 10);
        snprintf(x->sha256, sizeof x->sha256, "%s", c[3]);
    }
    return 0;
}

int kh_store_appeal_attachment_get(struct kh_store *s, const struct kh_actor *a, const char *id,
                                   long n, struct kh_attachment *out, struct kh_error *err)
{
    memset(out, 0, sizeof *out);
    int rc = may_read(s, a, id, err);
    if (rc != 0)
        return rc;
    char ns[24];
    snprintf(ns, sizeof ns, "%ld", n);
    const char *p[] = {id, ns};
    rc = kh_store_query(s, "SELECT name, mime, size, sha256 FROM appeal_attachments WHERE appeal_id = $1 "
                           "AND n = $2", p, 2, meta_row, out, err);
    size_t len = 0;
    if (rc == 0)
        rc = kh_store_query_blob(s, "SELECT bytes FROM appeal_attachments WHERE appeal_id = $1 AND n = $2",
                                 p, 2, &out->bytes, &len, err);
    if (rc == KH_ENOTFOUND)
        return KH_ERR(err, KH_ENOTFOUND, ATTACH_NONE, id, ns);
    if (rc == 0 && len != out->size) {
        char text[128];
        snprintf(text, sizeof text, "appeal %s attachment %s: %zu bytes stored, %zu recorded", id, ns, len,
                 out->size);
        rc = KH_ERR(err, KH_EDB, RAW, text);
    }
    return rc;
}

void kh_attachment_release(struct kh_attachment *x)
{
    free(x->bytes);
    x->bytes = NULL;
}
