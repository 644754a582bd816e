/*
 * textwidth.c — terminal display width of UTF-8 text (textwidth.h).
 *
 * Decoding is lenient: an invalid byte counts as one column and decoding
 * resumes at the next byte, so a bad string misaligns a table but never
 * crashes it.
 */
#include <stdint.h>
#include "kaohe/textwidth.h"

static int is_wide(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) ||   /* Hangul Jamo */
           (c >= 0x2E80 && c <= 0x303E) ||   /* CJK radicals, punctuation */
           (c >= 0x3041 && c <= 0x33FF) ||   /* kana, CJK compatibility */
           (c >= 0x3400 && c <= 0x4DBF) ||   /* CJK extension A */
           (c >= 0x4E00 && c <= 0x9FFF) ||   /* CJK unified ideographs */
           (c >= 0xA000 && c <= 0xA4CF) ||   /* Yi */
           (c >= 0xAC00 && c <= 0xD7A3) ||   /* Hangul syllables */
           (c >= 0xF900 && c <= 0xFAFF) ||   /* CJK compatibility ideographs */
           (c >= 0xFE30 && c <= 0xFE4F) ||   /* CJK compatibility forms */
           (c >= 0xFF00 && c <= 0xFF60) ||   /* fullwidth forms */
           (c >= 0xFFE0 && c <= 0xFFE6) ||
           (c >= 0x20000 && c <= 0x3FFFD);   /* CJK extensions B.. */
}

size_t kh_text_width(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t w = 0;
    while (*p) {
        uint32_t c;
        int len;
        if (*p < 0x80) {
            c = *p;
            len = 1;
        } else if ((*p & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
            c = ((uint32_t)(*p & 0x1F) << 6) | (p[1] & 0x3F);
            len = 2;
        } else if ((*p & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
            c = ((uint32_t)(*p & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            len = 3;
        } else if ((*p & 0xF8) == 0xF0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
                   (p[3] & 0xC0) == 0x80) {
            c = ((uint32_t)(*p & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
                ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
            len = 4;
        } else {
            c = '?';
            len = 1;
        }
        w += is_wide(c) ? 2 : 1;
        p += len;
    }
    return w;
}

static int pad(struct kh_buf *b, size_t n)
{
    int rc = 0;
    while (rc == 0 && n-- > 0)
        rc = kh_buf_putc(b, ' ');
    return rc;
}

int kh_buf_put_padded(struct kh_buf *b, const char *s, size_t width)
{
    size_t w = kh_text_width(s);
    int rc = kh_buf_puts(b, s);
    if (rc == 0 && w < width)
        rc = pad(b, width - w);
    return rc;
}

int kh_buf_put_padded_right(struct kh_buf *b, const char *s, size_t width)
{
    size_t w = kh_text_width(s);
    int rc = w < width ? pad(b, width - w) : 0;
    if (rc == 0)
        rc = kh_buf_puts(b, s);
    return rc;
}
