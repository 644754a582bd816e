/*
 * form.c — decoding a form body: urlencoded pairs or multipart parts.
 *
 * Both come from browsers we do not control and from anyone who can reach
 * the port, so the parser treats the body as hostile bytes: every scan is
 * bounded by the body's end (a multipart body may hold NUL bytes, so no
 * string function runs over it), the number of parts is capped, and what
 * cannot be understood is dropped rather than guessed at.  Handlers ask for
 * the fields they need (kh__field, kh__upload in request.c) and report the
 * one that is missing, which is a better message than a parser error about
 * a boundary the user never saw.
 *
 * Multipart (RFC 7578): the body is a sequence of parts, each introduced by
 * "--" + boundary; a part is MIME headers, a blank line (CRLF CRLF) and its
 * bytes up to the CRLF before the next delimiter; "--" + boundary + "--"
 * closes it.  Only Content-Disposition's name and filename are read.
 * Browsers escape '"', CR and LF in a file name as %22, %0D and %0A (HTML's
 * form encoding) and nothing else, so only those are undone: the name kept
 * is the one the user saw, and a name with CR or LF is refused later by the
 * store.  The bytes of every part are copied into the arena with a NUL after
 * them, so a text field can be used as a C string and a file keeps all of
 * its bytes.
 *
 * fuzz/fuzz-form.c checks, on any input, that every field lies within what
 * was sent and that a body built from known parts parses back to them.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "http/form.h"

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* s[0..n) with '+' and %XX decoded, in the arena. */
static char *decode(struct kh_arena *a, const char *s, size_t n)
{
    char *out = kh_arena_alloc(a, n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            *o++ = ' ';
        } else if (s[i] == '%' && i + 2 < n && hexval((unsigned char)s[i + 1]) >= 0 &&
                   hexval((unsigned char)s[i + 2]) >= 0) {
            *o++ = (char)(hexval((unsigned char)s[i + 1]) * 16 + hexval((unsigned char)s[i + 2]));
            i += 2;
        } else {
            *o++ = s[i];
        }
    }
    *o = '\0';
    return out;
}

static char *copy(struct kh_arena *a, const char *p, size_t n)
{
    char *v = kh_arena_alloc(a, n + 1);
    memcpy(v, p, n);
    v[n] = '\0';
    return v;
}

/* memmem within [p, end). */
static const char *find(const char *p, const char *end, const char *needle, size_t n)
{
    for (; p + n <= end; p++)
        if (*p == needle[0] && memcmp(p, needle, n) == 0)
            return p;
    return NULL;
}

/* The value of attribute key="…" in a Content-Disposition header [h, hend),
 * in the arena; NULL when absent or unterminated. */
static const char *disp_attr(struct kh_arena *a, const char *h, const char *hend, const char *key)
{
    char pat[32];
    int pn = snprintf(pat, sizeof pat, "%s=\"", key);
    for (const char *at = h; (at = find(at, hend, pat, (size_t)pn)) != NULL; at++) {
        if (at > h && at[-1] != ' ' && at[-1] != ';')
            continue;                   /* "filename=" is not "name=" */
        const char *v = at + pn;
        const char *q = memchr(v, '"', (size_t)(hend - v));
        return q ? copy(a, v, (size_t)(q - v)) : NULL;
    }
    return NULL;
}

static const char *unescape_filename(struct kh_arena *a, const char *v)
{
    if (v == NULL || strchr(v, '%') == NULL)
        return v;
    char *out = kh_arena_alloc(a, strlen(v) + 1), *o = out;
    for (const char *q = v; *q; q++) {
        if (q[0] == '%' && q[1] == '2' && q[2] == '2')
            *o++ = '"', q += 2;
        else if (q[0] == '%' && q[1] == '0' && (q[2] == 'D' || q[2] == 'd'))
            *o++ = '\r', q += 2;
        else if (q[0] == '%' && q[1] == '0' && (q[2] == 'A' || q[2] == 'a'))
            *o++ = '\n', q += 2;
        else
            *o++ = *q;
    }
    *o = '\0';
    return out;
}

static void parse_multipart(struct kh_arena *a, const char *ct, const char *body, size_t len,
                            struct kh_form *fm)
{
    const char *b = strstr(ct, "boundary=");
    if (b == NULL)
        return;
    b += 9;
    size_t bl = strcspn(b, "; ");
    if (*b == '"') {
        b++;
        bl = strcspn(b, "\"");
    }
    if (bl == 0 || bl > 150)
        return;
    char delim[160];
    int dn = snprintf(delim, sizeof delim, "--%.*s", (int)bl, b);
    const char *p = body, *end = body + len;
    fm->f = kh_arena_calloc(a, KH_FORM_MAX_PARTS, sizeof *fm->f);
    p = find(p, end, delim, (size_t)dn);
    while (p && fm->n < KH_FORM_MAX_PARTS) {
        p += dn;
        if (p + 2 <= end && p[0] == '-' && p[1] == '-')
            break;                               /* the closing delimiter */
        if (p + 2 <= end && p[0] == '\r' && p[1] == '\n')
            p += 2;
        const char *hend = find(p, end, "\r\n\r\n", 4);
        if (hend == NULL)
            break;
        const char *data = hend + 4;
        const char *next = find(data, end, delim, (size_t)dn);
        if (next == NULL)
            break;
        const char *dend = next >= data + 2 && next[-2] == '\r' && next[-1] == '\n' ? next - 2 : next;
        const char *name = disp_attr(a, p, hend, "name");
        if (name) {
            struct kh_form_field *f = &fm->f[fm->n++];
            f->name = name;
            f->filename = unescape_filename(a, disp_attr(a, p, hend, "filename"));
            f->len = (size_t)(dend - data);
            f->value = copy(a, data, f->len);
        }
        p = next;
    }
}

static void parse_urlencoded(struct kh_arena *a, const char *body, size_t len, struct kh_form *fm)
{
    const char *nul = memchr(body, '\0', len);
    const char *p = body, *end = nul ? nul : body + len;
    int cap = 1;
    for (const char *q = p; q < end; q++)
        cap += *q == '&';
    fm->f = kh_arena_calloc(a, (size_t)cap, sizeof *fm->f);
    while (p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        size_t n = amp ? (size_t)(amp - p) : (size_t)(end - p);
        const char *eq = memchr(p, '=', n);
        if (n > 0) {
            size_t nl = eq ? (size_t)(eq - p) : n;
            struct kh_form_field *f = &fm->f[fm->n++];
            f->name = decode(a, p, nl);
            f->value = eq ? decode(a, eq + 1, n - nl - 1) : "";
            f->len = strlen(f->value);
        }
        p += n + (amp != NULL);
    }
}

void kh_form_parse(struct kh_arena *a, const char *ct, const char *body, size_t len, struct kh_form *out)
{
    out->f = NULL;
    out->n = 0;
    if (ct && strncmp(ct, "multipart/form-data", 19) == 0)
        parse_multipart(a, ct, body, len, out);
    else
        parse_urlencoded(a, body, len, out);
}
