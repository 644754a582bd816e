/*
 * buf.h — the one growable byte buffer (git's strbuf, curl's dynbuf).
 *
 * Invariants: data is NULL or NUL-terminated at data[len]; len < cap when
 * data != NULL; len never exceeds max (0 = no cap beyond SIZE_MAX/2).  A
 * buffer whose append would pass `max` is left unchanged and the call returns
 * KH_ETOOBIG, so hostile input is an ordinary error.  kh_buf_release() frees
 * and returns to the empty state; kh_buf_detach() hands the string to the
 * caller (who frees it with free()).
 */
#ifndef KAOHE_BUF_H
#define KAOHE_BUF_H

#include <stddef.h>
#include <stdarg.h>

struct kh_buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max;
};

#define KH_BUF_INIT {NULL, 0, 0, 0}

void kh_buf_init(struct kh_buf *b, size_t max);
int kh_buf_append(struct kh_buf *b, const void *p, size_t n);
int kh_buf_puts(struct kh_buf *b, const char *s);
int kh_buf_putc(struct kh_buf *b, char c);
int kh_buf_printf(struct kh_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int kh_buf_vprintf(struct kh_buf *b, const char *fmt, va_list ap);
/* The contents as a C string ("" when empty, never NULL). */
const char *kh_buf_cstr(const struct kh_buf *b);
void kh_buf_reset(struct kh_buf *b);          /* len = 0, keeps memory */
void kh_buf_release(struct kh_buf *b);        /* frees, back to empty */
char *kh_buf_detach(struct kh_buf *b, size_t *len); /* caller frees; never NULL */

/*
 * The bytes data[0 .. upto) will not be read again: the whole pages among
 * them go back to the system (madvise MADV_DONTNEED), so a big file read
 * front to back stops counting in the resident set as it is consumed.
 * Their content is lost (they read as zeros); len, cap, the NUL at data[len]
 * and every byte from `upto` on stay as they were, and kh_buf_release()
 * still frees the buffer.  A hint: where the system cannot, nothing changes.
 */
void kh_buf_forget(struct kh_buf *b, size_t upto);

/* Read a whole file.  Returns 0, KH_EIO (err names the file) or KH_ETOOBIG. */
struct kh_error;
int kh_buf_read_file(struct kh_buf *b, const char *path, struct kh_error *err);
/* Write atomically: path.tmp then rename. */
int kh_buf_write_file(const struct kh_buf *b, const char *path, struct kh_error *err);

#endif
