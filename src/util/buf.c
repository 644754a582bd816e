/*
 * buf.c — the capped growable byte buffer (buf.h).
 *
 * Invariants (restated from buf.h because every function here keeps them):
 * data is NULL exactly when cap is 0; when data is not NULL it is
 * NUL-terminated at data[len] and len < cap; len never exceeds the cap `max`
 * (0 = SIZE_MAX/2).  An append that would pass the cap leaves the buffer
 * untouched and returns KH_ETOOBIG, so a hostile file is an ordinary error
 * instead of an abort in the allocator.
 *
 * Files are read whole (bundles are at most a few hundred MiB) and written
 * atomically: the bytes go to "path.tmp", are flushed, and the temporary is
 * renamed over the target, so a reader never sees half a file.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "kaohe/buf.h"
#include "kaohe/error.h"
#include "kaohe/msg-util.h"
#include "kaohe/xalloc.h"

static size_t buf_max(const struct kh_buf *b)
{
    return b->max ? b->max : SIZE_MAX / 2;
}

void kh_buf_init(struct kh_buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

/* Make room for `extra` more bytes plus the terminator, or refuse. */
static int buf_reserve(struct kh_buf *b, size_t extra)
{
    if (extra > buf_max(b) - b->len)
        return KH_ETOOBIG;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t c = b->cap ? b->cap : 64;
    while (c < need)
        c = c > SIZE_MAX / 4 ? need : c * 2;
    b->data = kh_xrealloc(b->data, c);
    b->cap = c;
    return 0;
}

int kh_buf_append(struct kh_buf *b, const void *p, size_t n)
{
    int rc = buf_reserve(b, n);
    if (rc < 0)
        return rc;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int kh_buf_puts(struct kh_buf *b, const char *s)
{
    return kh_buf_append(b, s, strlen(s));
}

int kh_buf_putc(struct kh_buf *b, char c)
{
    return kh_buf_append(b, &c, 1);
}

int kh_buf_vprintf(struct kh_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return KH_EINVAL;
    int rc = buf_reserve(b, (size_t)n);
    if (rc < 0)
        return rc;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int kh_buf_printf(struct kh_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = kh_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

const char *kh_buf_cstr(const struct kh_buf *b)
{
    return b->data ? b->data : "";
}

void kh_buf_reset(struct kh_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void kh_buf_release(struct kh_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

char *kh_buf_detach(struct kh_buf *b, size_t *len)
{
    char *s = b->data ? b->data : kh_xstrdup("");
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    return s;
}

/*
 * Only whole pages strictly inside data[0 .. upto) are released: the page
 * holding data[0] may also hold the allocator's header of the block, and
 * the page holding data[upto] live bytes, so both are kept.  Releasing
 * pages of a live block is safe whatever allocator made it: an allocator
 * never reads the user bytes of a block it has handed out, and a released
 * anonymous page simply reads as zeros the next time anyone touches it.
 */
void kh_buf_forget(struct kh_buf *b, size_t upto)
{
    long page = sysconf(_SC_PAGESIZE);
    if (b->data == NULL || page <= 0)
        return;
    if (upto > b->len)
        upto = b->len;
    uintptr_t mask = (uintptr_t)page - 1;
    uintptr_t lo = ((uintptr_t)b->data + mask) & ~mask;
    uintptr_t hi = ((uintptr_t)b->data + upto) & ~mask;
    if (hi > lo)
        (void)madvise((void *)lo, hi - lo, MADV_DONTNEED);
}

int kh_buf_read_file(struct kh_buf *b, const char *path, struct kh_error *err)
{
    int rc = 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        rc = KH_ERR_AT(err, KH_EIO, path, 0, NULL, FILE_OPEN, strerror(errno));
        goto out;
    }
    /* Reserve the size the file has now and read straight into the buffer;
     * a file that grows meanwhile, or a pipe, continues through the chunk
     * path, which keeps the cap. */
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        if ((uint64_t)st.st_size > SIZE_MAX / 4 ||
            (rc = buf_reserve(b, (size_t)st.st_size)) < 0) {
            rc = KH_ERR_AT(err, KH_ETOOBIG, path, 0, NULL, FILE_TOO_LARGE);
            goto out;
        }
        size_t room = (size_t)st.st_size, got;
        while (room > 0 && (got = fread(b->data + b->len, 1, room, f)) > 0) {
            b->len += got;
            room -= got;
        }
        b->data[b->len] = '\0';
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        rc = kh_buf_append(b, chunk, n);
        if (rc < 0) {
            kh_error_msg(err, rc, path, 0, NULL, &KH_M_FILE_TOO_LARGE, (const char *)NULL);
            goto out;
        }
    }
    if (ferror(f)) {
        rc = KH_ERR_AT(err, KH_EIO, path, 0, NULL, FILE_READ, strerror(errno));
        goto out;
    }
    if (b->data == NULL)
        rc = buf_reserve(b, 0);
    if (b->data)
        b->data[b->len] = '\0';
out:
    if (f)
        fclose(f);
    return rc;
}

int kh_buf_write_file(const struct kh_buf *b, const char *path, struct kh_error *err)
{
    int rc = 0;
    char *tmp = kh_xmalloc(strlen(path) + 5);
    FILE *f = NULL;
    sprintf(tmp, "%s.tmp", path);
    f = fopen(tmp, "wb");
    if (f == NULL) {
        rc = KH_ERR_AT(err, KH_EIO, path, 0, NULL, FILE_CREATE, strerror(errno));
        goto out;
    }
    if ((b->len && fwrite(b->data, 1, b->len, f) != b->len) || fflush(f) != 0) {
        rc = KH_ERR_AT(err, KH_EIO, path, 0, NULL, FILE_WRITE, strerror(errno));
        goto out;
    }
    int c = fclose(f);
    f = NULL;
    if (c != 0 || rename(tmp, path) != 0) {
        rc = KH_ERR_AT(err, KH_EIO, path, 0, NULL, FILE_WRITE, strerror(errno));
        goto out;
    }
out:
    if (f)
        fclose(f);
    if (rc < 0)
        unlink(tmp);
    free(tmp);
    return rc;
}
