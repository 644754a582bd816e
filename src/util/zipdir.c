/*
 * zipdir.c — a bundle folder as a zip archive and back (zipdir.h).
 *
 * Packing reads each file into memory and hands libzip a buffer source it
 * frees itself; the archive is built in a buffer source too
 * (zip_open_from_source on an empty buffer), so nothing touches the disk
 * but the folder.  Entries are sorted by name, so an archive of the same
 * folder lists the same way every time.  Unpacking checks every entry's
 * name and size before writing anything, then writes each file with
 * kh_buf_write_file (temporary name, then rename).
 */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>
#include "kaohe/buf.h"
#include "kaohe/error.h"
#include "kaohe/msg-util.h"
#include "kaohe/xalloc.h"
#include "kaohe/zipdir.h"

#define MAX_ENTRIES 64
#define MAX_TOTAL (1ull << 30)

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int kh_zip_dir(const char *dir, struct kh_buf *out, struct kh_error *err)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return KH_ERR_AT(err, KH_EIO, dir, 0, NULL, FILE_OPEN, dir);
    char *names[256];
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL && n < 256;) {
        if (e->d_name[0] == '.')
            continue;
        char *path = kh_xmalloc(strlen(dir) + strlen(e->d_name) + 2);
        sprintf(path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
            names[n++] = kh_xstrdup(e->d_name);
        free(path);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
    int rc = z ? 0 : KH_ERR(err, KH_EIO, ZIP_BAD, zip_error_strerror(&ze));
    if (z == NULL && src)
        zip_source_free(src);
    if (z)
        zip_source_keep(src);
    for (int i = 0; i < n && rc == 0; i++) {
        struct kh_buf b = KH_BUF_INIT;
        char *path = kh_xmalloc(strlen(dir) + strlen(names[i]) + 2);
        sprintf(path, "%s/%s", dir, names[i]);
        rc = kh_buf_read_file(&b, path, err);
        free(path);
        if (rc != 0)
            break;
        size_t len = 0;
        char *bytes = kh_buf_detach(&b, &len);
        zip_source_t *fs = zip_source_buffer(z, bytes, len, 1);
        if (fs == NULL || zip_file_add(z, names[i], fs, ZIP_FL_ENC_UTF_8) < 0) {
            if (fs)
                zip_source_free(fs);
            else
                free(bytes);
            rc = KH_ERR(err, KH_EIO, ZIP_BAD, zip_strerror(z));
        }
    }
    if (z && zip_close(z) != 0) {
        rc = rc ? rc : KH_ERR(err, KH_EIO, ZIP_BAD, zip_strerror(z));
        zip_discard(z);
    }
    if (z && rc == 0) {
        zip_stat_t st;
        if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
            char buf[65536];
            zip_int64_t got;
            while ((got = zip_source_read(src, buf, sizeof buf)) > 0)
                if ((rc = kh_buf_append(out, buf, (size_t)got)) != 0)
                    break;
            zip_source_close(src);
        } else {
            rc = KH_ERR(err, KH_EIO, ZIP_BAD, "zip_source_open");
        }
    }
    if (z)
        zip_source_free(src);
    for (int i = 0; i < n; i++)
        free(names[i]);
    return rc;
}

/* The file name an entry is stored under, or NULL when it is not a flat
 * .csv name below the archive's one top folder `top` ("" = none). */
static const char *entry_file(const char *name, const char *top)
{
    size_t t = strlen(top);
    if (t && (strncmp(name, top, t) != 0 || name[t] != '/'))
        return NULL;
    const char *f = t ? name + t + 1 : name;
    size_t n = strlen(f);
    if (n < 5 || strchr(f, '/') || strchr(f, '\\') || f[0] == '.' || strstr(f, "..") ||
        strcmp(f + n - 4, ".csv") != 0)
        return NULL;
    return f;
}

int kh_unzip_dir(const void *data, size_t len, const char *dir, struct kh_error *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    if (z == NULL) {
        int rc = KH_ERR(err, KH_EINVAL, ZIP_BAD, zip_error_strerror(&ze));
        if (src)
            zip_source_free(src);
        zip_error_fini(&ze);
        return rc;
    }
    zip_int64_t n = zip_get_num_entries(z, 0);
    int rc = 0;
    /* One shared top folder ("2024/…") is allowed: find it from entry 0. */
    char top[256] = "";
    bool all_under = n > 0;
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(z, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
        const char *slash = name ? strchr(name, '/') : NULL;
        if (i == 0 && slash && (size_t)(slash - name) < sizeof top) {
            memcpy(top, name, (size_t)(slash - name));
            top[slash - name] = '\0';
        }
        if (!slash || top[0] == '\0' || strncmp(name, top, strlen(top)) != 0 || name[strlen(top)] != '/')
            all_under = false;
    }
    if (!all_under)
        top[0] = '\0';
    zip_uint64_t total = 0;
    int files = 0;
    for (zip_int64_t i = 0; i < n && rc == 0; i++) {
        zip_stat_t st;
        const char *name = zip_get_name(z, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
        if (name == NULL || zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0) {
            rc = KH_ERR(err, KH_EINVAL, ZIP_BAD, zip_strerror(z));
            break;
        }
        size_t nl = strlen(name);
        if (nl > 0 && name[nl - 1] == '/')
            continue;   /* a folder entry */
        if (entry_file(name, top) == NULL)
            rc = KH_ERR(err, KH_EINVAL, ZIP_ENTRY_NAME, name);
        else if (++files > MAX_ENTRIES || (total += st.size) > MAX_TOTAL)
            rc = KH_ERR(err, KH_ETOOBIG, ZIP_TOO_BIG);
    }
    for (zip_int64_t i = 0; i < n && rc == 0; i++) {
        zip_stat_t st;
        const char *name = zip_get_name(z, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
        size_t nl = strlen(name);
        if (nl > 0 && name[nl - 1] == '/')
            continue;
        zip_stat_index(z, (zip_uint64_t)i, 0, &st);
        zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
        if (f == NULL) {
            rc = KH_ERR(err, KH_EINVAL, ZIP_BAD, zip_strerror(z));
            break;
        }
        struct kh_buf b = KH_BUF_INIT;
        char buf[65536];
        zip_int64_t got;
        zip_uint64_t seen = 0;
        while (rc == 0 && (got = zip_fread(f, buf, sizeof buf)) > 0) {
            seen += (zip_uint64_t)got;
            if (seen > st.size)
                rc = KH_ERR(err, KH_ETOOBIG, ZIP_TOO_BIG);   /* a lying header */
            else
                rc = kh_buf_append(&b, buf, (size_t)got);
        }
        if (rc == 0 && got < 0)
            rc = KH_ERR(err, KH_EINVAL, ZIP_BAD, zip_file_strerror(f));
        zip_fclose(f);
        if (rc == 0) {
            const char *file = entry_file(name, top);
            char *path = kh_xmalloc(strlen(dir) + strlen(file) + 2);
            sprintf(path, "%s/%s", dir, file);
            rc = kh_buf_write_file(&b, path, err);
            free(path);
        }
        kh_buf_release(&b);
    }
    zip_discard(z);
    zip_error_fini(&ze);
    return rc;
}
