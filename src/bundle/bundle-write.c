/*
 * bundle-write.c — writing the input files of a bundle into a folder
 * (export; bundle.h, FORMATS.md).
 *
 * What to write is decided once, in bundle-rows.c (kh_bundle_write_rows);
 * this file is the sink that renders each file as CSV — UTF-8 without BOM,
 * "\n" line ends, cells quoted only where needed (kh_csv_put_row) — and
 * writes it atomically (kh_buf_write_file: a temporary name, then rename).
 * The first failure stops and returns KH_EIO.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "kaohe/bundle.h"
#include "kaohe/buf.h"
#include "kaohe/csv.h"
#include "kaohe/msg-bundle.h"
#include "kaohe/xalloc.h"

struct dir_sink {
    const char *dir;
    const char *file;        /* the file being rendered (a literal of bundle-rows.c) */
    struct kh_buf buf;
    struct kh_error *err;
};

static int dir_begin(void *ctx, const char *file, const char *const *header, size_t n)
{
    struct dir_sink *k = ctx;
    k->file = file;
    kh_buf_reset(&k->buf);
    return kh_csv_put_row(&k->buf, header, n);
}

static int dir_row(void *ctx, const char *const *cells, size_t n)
{
    struct dir_sink *k = ctx;
    return kh_csv_put_row(&k->buf, cells, n);
}

static int dir_end(void *ctx)
{
    struct dir_sink *k = ctx;
    char *path = kh_xmalloc(strlen(k->dir) + strlen(k->file) + 2);
    sprintf(path, "%s/%s", k->dir, k->file);
    int rc = kh_buf_write_file(&k->buf, path, k->err);
    free(path);
    return rc;
}

static const struct kh_bundle_sink dir_sink_ops = {dir_begin, dir_row, dir_end};

int kh_bundle_write_dir(const struct kh_bundle *b, const char *dir, struct kh_error *err)
{
    struct dir_sink k = {.dir = dir, .file = NULL, .buf = KH_BUF_INIT, .err = err};
    int rc;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return KH_ERR_AT(err, KH_EIO, dir, 0, NULL, BUNDLE_MKDIR, strerror(errno));
    rc = kh_bundle_write_rows(b, &dir_sink_ops, &k);
    if (rc != 0 && rc != KH_EIO)
        rc = KH_ERR_AT(err, KH_EIO, k.file ? k.file : dir, 0, NULL, BUNDLE_WRITE_FAILED);
    kh_buf_release(&k.buf);
    return rc;
}
