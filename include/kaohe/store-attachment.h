/*
 * store-attachment.h — the files a unit attaches to an appeal (申诉材料,
 * SPEC §9.4; issue 9 item 4).
 *
 * A unit filing an appeal may attach evidence: PDF, PNG or JPEG files.
 * The type is decided by the file's first bytes (kh_attachment_sniff),
 * never by its name or by what a browser claims, and it is the stored type
 * every download is served with.  Limits are constants (below), checked by
 * kh_attachments_check before anything is written; a refusal names the
 * file and the reason.  The appeal and its files are filed in one
 * transaction (kh_store_appeal_file): all of it, or nothing.
 *
 * Who may read an attachment: action appeal.attachment (admin; a unit user
 * only for its own unit's appeals) — checked here, in the store, for the
 * list and for each download alike, so the CLI and the web server cannot
 * differ.  A viewer lists appeals but does not read the units' evidence.
 */
#ifndef KAOHE_STORE_ATTACHMENT_H
#define KAOHE_STORE_ATTACHMENT_H

#include <stddef.h>
#include "kaohe/authz.h"
#include "kaohe/store.h"

/* Limits: per file, per appeal (all files together), files per appeal.
 * The web server's default body limit (12 MiB, server.c) is above
 * KH_ATTACH_MAX_TOTAL plus the form's other fields. */
#define KH_ATTACH_MAX_FILE ((size_t)5 << 20)     /* 5 MiB */
#define KH_ATTACH_MAX_TOTAL ((size_t)10 << 20)   /* 10 MiB */
#define KH_ATTACH_MAX_COUNT 10
#define KH_ATTACH_NAME_MAX 200                   /* bytes of a file name */

/* A file offered with an appeal.  Nothing is copied: the caller owns
 * name and data until the call that takes it returns. */
struct kh_attachment_in {
    const char *name;              /* as the user gave it; only the last path component is kept */
    const unsigned char *data;
    size_t len;
};

/* "application/pdf", "image/png" or "image/jpeg" by the magic bytes of
 * data, or NULL for anything else. */
const char *kh_attachment_sniff(const unsigned char *data, size_t len);

/* The file name kept for name: its last path component (after / or \).
 * Returns a pointer into name. */
const char *kh_attachment_basename(const char *name);

/* Check natt offered files against the limits and types; 0, or
 * KH_EINVAL / KH_ETOOBIG with a message naming the file. */
int kh_attachments_check(const struct kh_attachment_in *att, int natt, struct kh_error *err);

/* Rows (n, name, mime, size, sha256) of appeal id, by n.  Action
 * appeal.attachment on the appeal's cycle and unit; KH_ENOTFOUND
 * APPEAL_NONE for an unknown appeal. */
int kh_store_appeal_attachments(struct kh_store *s, const struct kh_actor *a, const char *id,
                                kh_store_row_fn fn, void *ctx, struct kh_error *err);

/* One stored attachment, read whole. */
struct kh_attachment {
    char name[KH_ATTACH_NAME_MAX + 1];
    char mime[32];
    char sha256[65];
    size_t size;
    unsigned char *bytes;          /* malloc'd; kh_attachment_release frees it */
};
/* Read attachment n of appeal id into out (which the caller releases,
 * also after a failure).  Same rule as the list; KH_ENOTFOUND ATTACH_NONE
 * for no such n. */
int kh_store_appeal_attachment_get(struct kh_store *s, const struct kh_actor *a, const char *id,
                                   long n, struct kh_attachment *out, struct kh_error *err);
void kh_attachment_release(struct kh_attachment *x);   /* accepts a zeroed struct */

#endif
