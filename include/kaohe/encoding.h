/*
 * encoding.h — bring any input text to UTF-8.
 *
 * Assessment offices save CSV from Excel, which in China writes GB18030/GBK.
 * Rule (DEPENDENCIES.md): strip a UTF-8 BOM; text that is valid UTF-8 stays;
 * anything else is decoded as GB18030 (a superset of GBK) with glibc iconv.
 * An explicit encoding ("utf-8", "gbk", "gb18030", "gb2312") overrides the
 * detection; invalid bytes for it are an error naming the byte offset's line.
 */
#ifndef KAOHE_ENCODING_H
#define KAOHE_ENCODING_H

#include <stddef.h>
#include <stdbool.h>
#include "kaohe/buf.h"

struct kh_error;

bool kh_utf8_valid(const char *s, size_t n);
/* Decode one sequence at s (n >= 1 bytes available): its length (1-4) and
 * code point in *cp, or 0 for a byte that does not start a well-formed
 * sequence (*cp = U+FFFD; the caller skips one byte).  Strict as above. */
int kh_utf8_decode(const unsigned char *s, size_t n, unsigned *cp);
/* Number of UTF-8 code points in s (invalid bytes count one each). */
size_t kh_utf8_len(const char *s);

/*
 * Convert `in` to UTF-8 into `out` (reset first).  `encoding` NULL or "auto"
 * for detection.  Returns 0 or KH_EINVAL (err->line = line of the first bad
 * byte, err->msg says which encoding failed).
 */
int kh_to_utf8(const char *in, size_t n, const char *encoding, struct kh_buf *out,
               struct kh_error *err);

/*
 * Same rules and errors as kh_to_utf8, without the copy when none is needed:
 * on success *text and *len are the UTF-8 text (no BOM) — pointing into `in`
 * when it was valid UTF-8 already (so `in` must outlive the use of *text),
 * else into `out`, which holds the conversion.  *text is not NUL-terminated
 * when it points into `in`; read it by length.  The caller releases `out`.
 */
int kh_utf8_view(const char *in, size_t n, const char *encoding, struct kh_buf *out,
                 const char **text, size_t *len, struct kh_error *err);

#endif
