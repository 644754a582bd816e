/*
 * html.c — escaping per output context (html.h).
 *
 * All five escapers walk the input one UTF-8 sequence at a time with the
 * strict decoder of encoding.c, so an invalid byte becomes U+FFFD in every
 * context and no escaper can be tricked by a truncated sequence swallowing
 * the quote that follows it (the classic "\xC0\"" attack on lenient
 * decoders).  Runs of bytes that need no escape are appended in one call.
 *
 * Why these sets:
 *   text/attr  & < > " ' are the five characters that can end or start
 *              markup in element content or a quoted attribute; escaping
 *              both quotes lets one function serve text and attributes
 *              alike, but they stay two names so the template says where
 *              a value goes.
 *   url        RFC 3986 unreserved characters stay, every other byte of the
 *              UTF-8 form is %XX — so '/', '?', '#', '&' inside a unit code
 *              cannot change which route or parameter it lands in.
 *   js         backslash, both quotes, and < > & (so "</script>" and
 *              "<!--" cannot appear), U+2028/U+2029 (line terminators in
 *              older JavaScript), control characters: \uXXXX.
 *   json       RFC 8259 plus the js set, so the text can sit in an HTML
 *              attribute or a script element of type application/json.
 */
#include <stdint.h>
#include <string.h>
#include "kaohe/encoding.h"
#include "kaohe/error.h"
#include "kaohe/html.h"

enum ctx { CTX_TEXT, CTX_ATTR, CTX_URL, CTX_JS, CTX_JSON };

static const char REPLACEMENT[] = "\xEF\xBF\xBD";   /* U+FFFD in UTF-8 */

/* The escape of one ASCII byte in context c, or NULL when it stays.
 * tmp receives numeric escapes. */
static const char *escape_ascii(enum ctx c, unsigned char ch, char tmp[8])
{
    static const char hex[] = "0123456789ABCDEF";
    switch (c) {
    case CTX_TEXT:
    case CTX_ATTR:
        switch (ch) {
        case '&': return "&amp;";
        case '<': return "&lt;";
        case '>': return "&gt;";
        case '"': return "&quot;";
        case '\'': return "&#39;";
        case '\t': case '\n': case '\r': return NULL;
        default: return ch < 0x20 || ch == 0x7F ? "" : NULL;
        }
    case CTX_URL:
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
            ch == '-' || ch == '.' || ch == '_' || ch == '~')
            return NULL;
        tmp[0] = '%';
        tmp[1] = hex[ch >> 4];
        tmp[2] = hex[ch & 15];
        tmp[3] = '\0';
        return tmp;
    case CTX_JS:
    case CTX_JSON:
        switch (ch) {
        case '\\': return "\\\\";
        case '"': return "\\\"";
        case '\n': return "\\n";
        case '\r': return "\\r";
        case '\t': return "\\t";
        case '\'': case '<': case '>': case '&': break;
        default:
            if (ch >= 0x20 && ch != 0x7F)
                return NULL;
        }
        tmp[0] = '\\';
        tmp[1] = 'u';
        tmp[2] = '0';
        tmp[3] = '0';
        tmp[4] = hex[ch >> 4];
        tmp[5] = hex[ch & 15];
        tmp[6] = '\0';
        return tmp;
    }
    return NULL;
}

static int escape(struct kh_buf *b, const char *s, enum ctx c)
{
    if (s == NULL)
        return 0;
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0, run = 0;
    int rc = 0;
    char tmp[8];
    while (i < n) {
        unsigned char ch = u[i];
        const char *rep = NULL;
        size_t len = 1;
        if (ch < 0x80) {
            rep = escape_ascii(c, ch, tmp);
        } else {
            unsigned cp;
            int k = kh_utf8_decode(u + i, n - i, &cp);
            if (k == 0) {
                rep = c == CTX_URL ? "%EF%BF%BD" : (c == CTX_JS || c == CTX_JSON) ? "\\uFFFD"
                                                                                  : REPLACEMENT;
            } else {
                len = (size_t)k;
                if (c == CTX_URL) {
                    /* percent-encode each byte of the sequence */
                    if (run > 0 && (rc = kh_buf_append(b, s + i - run, run)) != 0)
                        return rc;
                    run = 0;
                    for (size_t j = 0; j < len; j++)
                        if ((rc = kh_buf_printf(b, "%%%02X", u[i + j])) != 0)
                            return rc;
                    i += len;
                    continue;
                }
                if ((c == CTX_JS || c == CTX_JSON) && (cp == 0x2028 || cp == 0x2029))
                    rep = cp == 0x2028 ? "\\u2028" : "\\u2029";
            }
        }
        if (rep == NULL) {
            run += len;
            i += len;
            continue;
        }
        if (run > 0 && (rc = kh_buf_append(b, s + i - run, run)) != 0)
            return rc;
        run = 0;
        if ((rc = kh_buf_puts(b, rep)) != 0)
            return rc;
        i += len;
    }
    if (run > 0)
        rc = kh_buf_append(b, s + i - run, run);
    return rc;
}

int kh_html_text(struct kh_buf *b, const char *s) { return escape(b, s, CTX_TEXT); }
int kh_html_attr(struct kh_buf *b, const char *s) { return escape(b, s, CTX_ATTR); }
int kh_html_url(struct kh_buf *b, const char *s) { return escape(b, s, CTX_URL); }
int kh_html_js(struct kh_buf *b, const char *s) { return escape(b, s, CTX_JS); }

int kh_html_json(struct kh_buf *b, const char *s)
{
    int rc;
    if ((rc = kh_buf_putc(b, '"')) != 0 || (rc = escape(b, s ? s : "", CTX_JSON)) != 0)
        return rc;
    return kh_buf_putc(b, '"');
}

int kh_html_vput(struct kh_buf *b, const char *fmt, va_list ap)
{
    int rc = 0;
    const char *p = fmt;
    while (*p != '\0' && rc == 0) {
        const char *pct = strchr(p, '%');
        if (pct == NULL) {
            rc = kh_buf_puts(b, p);
            break;
        }
        if (pct > p && (rc = kh_buf_append(b, p, (size_t)(pct - p))) != 0)
            break;
        p = pct + 1;
        switch (*p) {
        case 'T': rc = kh_html_text(b, va_arg(ap, const char *)); break;
        case 'A': rc = kh_html_attr(b, va_arg(ap, const char *)); break;
        case 'U': rc = kh_html_url(b, va_arg(ap, const char *)); break;
        case 'J': rc = kh_html_js(b, va_arg(ap, const char *)); break;
        case 'S': rc = kh_html_json(b, va_arg(ap, const char *)); break;
        case 'R': {
            const char *raw = va_arg(ap, const char *);
            if (raw != NULL)
                rc = kh_buf_puts(b, raw);
            break;
        }
        case 'd': rc = kh_buf_printf(b, "%d", va_arg(ap, int)); break;
        case 'z': rc = kh_buf_printf(b, "%zu", va_arg(ap, size_t)); break;
        case 'l':
            if (p[1] == 'd') {
                p++;
                rc = kh_buf_printf(b, "%ld", va_arg(ap, long));
            } else {
                rc = KH_EINVAL;
            }
            break;
        case '%': rc = kh_buf_putc(b, '%'); break;
        default: rc = KH_EINVAL; break;   /* a template bug: never guess a context */
        }
        if (*p != '\0')
            p++;
    }
    return rc;
}

int kh_html_put(struct kh_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = kh_html_vput(b, fmt, ap);
    va_end(ap);
    return rc;
}
