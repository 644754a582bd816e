/*
 * html.h — escaping at the point of output, one function per context
 * (cgit's html.h is the model; no code of it is used).
 *
 * Every value a page or response writes that did not come from a string
 * literal of ours goes through exactly one of these functions, chosen by
 * where it lands:
 *
 *   kh_html_text   element content:  <td>HERE</td>
 *   kh_html_attr   a double-quoted attribute value:  title="HERE"
 *   kh_html_url    one URL component (path segment or query value):
 *                  href="/cycles/HERE?q=HERE"; the result is also safe
 *                  inside a double-quoted attribute
 *   kh_html_js     the inside of a JavaScript string literal ('…' or "…")
 *   kh_html_json   a whole JSON string value, quotes included, that is also
 *                  safe inside an HTML attribute or a <script type=json>
 *                  element (no <, >, &, ' or U+2028/U+2029 left)
 *
 * Invariants.  The output is always valid UTF-8: each byte of the input
 * that does not start a well-formed UTF-8 sequence (overlong forms,
 * surrogates, code points above U+10FFFF, truncated sequences) is written as
 * U+FFFD.  NUL ends the input (a C string); other control characters are
 * dropped in text and attributes (they are invisible and some browsers treat
 * them oddly) and \u-escaped in JS and JSON.  The escapes are minimal and
 * named (&lt; &gt; &amp; &quot; &#39;), so the output stays readable.
 *
 * kh_html_put is the form pages use: a printf-like template whose
 * conversions name the context, so the choice is made in the template, next
 * to the markup that decides it:
 *
 *     kh_html_put(b, "<a href=\"/cycles/%U\" title=\"%A\">%T</a>", code, name, name);
 *
 *   %T text  %A attribute  %U URL component  %J JS string  %S JSON string
 *   %R raw (our own markup only: a literal or the output of another
 *      kh_html_ call)  %d int  %ld long  %z size_t  %%
 * String arguments are `const char *`; NULL writes nothing.
 *
 * Every function returns 0 or KH_ETOOBIG (the buffer's cap, buf.h).
 */
#ifndef KAOHE_HTML_H
#define KAOHE_HTML_H

#include <stdarg.h>
#include "kaohe/buf.h"

int kh_html_text(struct kh_buf *b, const char *s);
int kh_html_attr(struct kh_buf *b, const char *s);
int kh_html_url(struct kh_buf *b, const char *s);
int kh_html_js(struct kh_buf *b, const char *s);
int kh_html_json(struct kh_buf *b, const char *s);

int kh_html_put(struct kh_buf *b, const char *fmt, ...);
int kh_html_vput(struct kh_buf *b, const char *fmt, va_list ap);

#endif
