/*
 * encoding.c — bring input text to UTF-8 (encoding.h).
 *
 * Detection follows DEPENDENCIES.md: a UTF-8 BOM is dropped; text that is
 * valid UTF-8 is kept byte for byte; anything else is decoded as GB18030,
 * the superset of GBK/GB2312 that Excel in China writes.  Valid UTF-8 is
 * checked strictly (no overlong forms, no surrogates, nothing above
 * U+10FFFF), because a GBK file can look like UTF-8 to a lenient check.
 *
 * Errors carry the physical line of the first bad byte, counted like the
 * CSV reader counts (\r\n, \r, \n), so "invalid bytes on line 7" points at
 * the row a user must fix.  Multi-byte GBK characters never contain 0x0A or
 * 0x0D, so counting on the raw bytes is exact.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include "kaohe/encoding.h"
#include "kaohe/error.h"
#include "kaohe/msg-util.h"

/* Length of the valid UTF-8 sequence at s (n bytes left) and its code
 * point, or 0 (and U+FFFD) if invalid (encoding.h). */
int kh_utf8_decode(const unsigned char *s, size_t n, unsigned *cpo)
{
    unsigned c = s[0];
    *cpo = 0xFFFD;
    if (c < 0x80) {
        *cpo = c;
        return 1;
    }
    size_t len;
    unsigned min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    unsigned cp = c & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    *cpo = cp;
    return (int)len;
}

static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned cp;
    return (size_t)kh_utf8_decode(s, n, &cp);
}

/* Offset of the first invalid byte, or n when all is valid.  CSV bundles are
 * mostly ASCII, so eight bytes at a time are skipped while none has its high
 * bit set; the strict check runs only on the bytes that do. */
static size_t utf8_first_bad(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        while (n - i >= 8) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if (w & UINT64_C(0x8080808080808080))
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned c = u[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        /* Chinese text: a three-byte sequence whose lead byte rules out
         * overlong forms (E0) and surrogates (ED) needs only the
         * continuation-byte test. */
        if (((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) && n - i >= 3 &&
            (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        size_t k = utf8_seq(u + i, n - i);
        if (k == 0)
            return i;
        i += k;
    }
    return n;
}

bool kh_utf8_valid(const char *s, size_t n)
{
    return utf8_first_bad(s, n) == n;
}

size_t kh_utf8_len(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, count = 0;
    while (i < n) {
        size_t k = utf8_seq(u + i, n - i);
        i += k ? k : 1;
        count++;
    }
    return count;
}

static long line_of(const char *s, size_t off)
{
    long line = 1;
    for (size_t i = 0; i < off; i++) {
        if (s[i] == '\n')
            line++;
        else if (s[i] == '\r' && !(i + 1 < off && s[i + 1] == '\n'))
            line++;
    }
    return line;
}

static int from_charset(const char *in, size_t n, const char *charset, const char *label,
                        struct kh_buf *out, struct kh_error *err)
{
    int rc = 0;
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1)
        return KH_ERR(err, KH_EINVAL, ENC_UNSUPPORTED, label);
    char *src = (char *)in;
    size_t left = n;
    char chunk[16384];
    while (left > 0) {
        char *dst = chunk;
        size_t room = sizeof chunk;
        size_t r = iconv(cd, &src, &left, &dst, &room);
        if (dst > chunk && (rc = kh_buf_append(out, chunk, (size_t)(dst - chunk))) < 0)
            goto out;
        if (r == (size_t)-1 && errno != E2BIG) {
            size_t off = (size_t)(src - in);
            rc = KH_ERR_AT(err, KH_EINVAL, NULL, line_of(in, off), NULL, ENC_INVALID_BYTES,
                           KH_ARG_SIZE(off + 1), label);
            goto out;
        }
    }
out:
    iconv_close(cd);
    return rc;
}

/*
 * The one conversion routine.  Text that needs no conversion (valid UTF-8,
 * a leading BOM dropped) is not copied: *view and *view_len point into `in`.
 * Anything converted goes into `out` and the view points there.
 */
static int convert(const char *in, size_t n, const char *encoding, struct kh_buf *out,
                   const char **view, size_t *view_len, struct kh_error *err)
{
    int rc;
    kh_buf_reset(out);
    if (out->data == NULL)
        kh_buf_append(out, "", 0);
    *view = NULL;
    *view_len = 0;
    bool bom = n >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0;
    if (encoding == NULL || encoding[0] == '\0' || strcasecmp(encoding, "auto") == 0) {
        if (bom) {
            in += 3;
            n -= 3;
        }
        size_t off = utf8_first_bad(in, n);
        if (off == n)
            goto as_is;
        if (bom)
            return KH_ERR_AT(err, KH_EINVAL, NULL, line_of(in, off), NULL, ENC_BAD_AFTER_BOM);
        rc = from_charset(in, n, "GB18030", "GB18030", out, err);
        goto converted;
    }
    if (strcasecmp(encoding, "utf-8") == 0 || strcasecmp(encoding, "utf8") == 0) {
        if (bom) {
            in += 3;
            n -= 3;
        }
        size_t off = utf8_first_bad(in, n);
        if (off < n)
            return KH_ERR_AT(err, KH_EINVAL, NULL, line_of(in, off), NULL, ENC_INVALID_BYTES,
                             KH_ARG_SIZE(off + 1 + (bom ? 3 : 0)), "UTF-8");
        goto as_is;
    }
    if (strcasecmp(encoding, "gbk") == 0 || strcasecmp(encoding, "gb18030") == 0 ||
        strcasecmp(encoding, "gb2312") == 0 || strcasecmp(encoding, "cp936") == 0) {
        if (bom) {
            /* a BOM says UTF-8 whatever the flag claims */
            in += 3;
            n -= 3;
            if (kh_utf8_valid(in, n))
                goto as_is;
        }
        /* GB18030 decodes every GBK and GB2312 text identically */
        rc = from_charset(in, n, "GB18030", encoding, out, err);
        goto converted;
    }
    return KH_ERR(err, KH_EINVAL, ENC_UNSUPPORTED, encoding);
as_is:
    *view = n ? in : "";   /* never NULL on success, even for an empty NULL input */
    *view_len = n;
    return 0;
converted:
    if (rc == 0) {
        *view = kh_buf_cstr(out);
        *view_len = out->len;
    }
    return rc;
}

int kh_to_utf8(const char *in, size_t n, const char *encoding, struct kh_buf *out,
               struct kh_error *err)
{
    const char *view;
    size_t len;
    int rc = convert(in, n, encoding, out, &view, &len, err);
    if (rc == 0 && view != out->data)
        rc = kh_buf_append(out, view, len);
    return rc;
}

int kh_utf8_view(const char *in, size_t n, const char *encoding, struct kh_buf *out,
                 const char **text, size_t *len, struct kh_error *err)
{
    return convert(in, n, encoding, out, text, len, err);
}
