/*
 * textwidth.h — display width of UTF-8 text in a terminal.
 *
 * CJK ideographs, fullwidth forms and CJK punctuation take two columns, so
 * aligning a table of township names needs their width, not their byte
 * count.  The ranges are the East Asian Wide/Fullwidth blocks that occur in
 * assessment data; everything else counts one column per code point.
 */
#ifndef KAOHE_TEXTWIDTH_H
#define KAOHE_TEXTWIDTH_H

#include <stddef.h>
#include "kaohe/buf.h"

size_t kh_text_width(const char *s);
/* Append s padded with spaces to `width` columns (left-aligned); s longer
 * than width is appended whole. */
int kh_buf_put_padded(struct kh_buf *b, const char *s, size_t width);
/* The same, right-aligned. */
int kh_buf_put_padded_right(struct kh_buf *b, const char *s, size_t width);

#endif
