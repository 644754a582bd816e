/*
 * request.c — what a request carries: query, body fields, cookies, headers.
 *
 * Query parameters, cookies and headers come from libmicrohttpd, which has
 * already percent-decoded the query.  The body is ours: a form
 * (application/x-www-form-urlencoded) is decoded here into name/value pairs
 * in the arena; a JSON body (API, Content-Type application/json) is parsed
 * with jansson, which rejects invalid UTF-8.  kh__field reads either, so
 * an operation's handler is the same for a form and for a JSON call.
 * A field that appears twice keeps its first value.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <microhttpd.h>
#include "http/http-int.h"
#include "kaohe/msg-http.h"
#include "kaohe/store-attachment.h"

const char *kh__query(struct kh_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *kh__cookie(struct kh_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *kh__header(struct kh_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

struct form_field {
    const char *name, *value;
    size_t len;              /* of value (a file part may hold NUL bytes) */
    const char *filename;    /* multipart file parts: the name sent, else NULL */
};

/* The decoded form, parsed on first use (kept in the arena). */
struct form {
    struct form_field *f;
    int n;
};

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

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

/* memmem for the body (which may hold NUL bytes). */
static const char *find(const char *p, const char *end, const char *needle, size_t n)
{
    for (; p + n <= end; p++)
        if (*p == needle[0] && memcmp(p, needle, n) == 0)
            return p;
    return NULL;
}

/* The value of attribute key="…" in a Content-Disposition header, in the arena. */
static const char *disp_attr(struct kh_req *r, const char *h, const char *hend, const char *key)
{
    char pat[32];
    snprintf(pat, sizeof pat, "%s=\"", key);
    const char *a = find(h, hend, pat, strlen(pat));
    if (a == NULL || (a > h && a[-1] != ' ' && a[-1] != ';'))
        return NULL;
    a += strlen(pat);
    const char *q = memchr(a, '"', (size_t)(hend - a));
    return q ? kh_arena_strndup(&r->arena, a, (size_t)(q - a)) : NULL;
}

/* A file name as browsers send it (HTML's multipart/form-data encoding):
 * `"` as %22, CR as %0D, LF as %0A; every other byte as it is.  Decoded
 * back so the name kept is the one the user saw (a name with CR or LF is
 * then refused by the store). */
static const char *unescape_filename(struct kh_req *r, const char *v)
{
    if (v == NULL || strchr(v, '%') == NULL)
        return v;
    char *out = kh_arena_alloc(&r->arena, strlen(v) + 1), *o = out;
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

/* Parts of a multipart body kept (the fields of a form plus an appeal's
 * KH_ATTACH_MAX_COUNT files, with room to spare). */
#define MAX_PARTS 32

/* multipart/form-data (RFC 7578): parts separated by --boundary, each with
 * headers, a blank line and its bytes.  Only Content-Disposition is read. */
static void parse_multipart(struct kh_req *r, struct form *fm, const char *ct)
{
    const char *b = strstr(ct, "boundary=");
    if (b == NULL)
        return;
    b += 9;
    char delim[200];
    size_t bl = strcspn(b, "; ");
    if (*b == '"') {
        b++;
        bl = strcspn(b, "\"");
    }
    if (bl == 0 || bl > 150)
        return;
    int dn = snprintf(delim, sizeof delim, "--%.*s", (int)bl, b);
    const char *p = r->body.data, *end = r->body.data + r->body.len;
    int cap = MAX_PARTS;
    fm->f = kh_arena_calloc(&r->arena, (size_t)cap, sizeof *fm->f);
    p = find(p, end, delim, (size_t)dn);
    while (p && fm->n < cap) {
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
        const char *name = disp_attr(r, p, hend, "name");
        if (name) {
            struct form_field *f = &fm->f[fm->n++];
            f->name = name;
            f->filename = unescape_filename(r, disp_attr(r, p, hend, "filename"));
            f->len = (size_t)(dend - data);
            f->value = kh_arena_strndup(&r->arena, data, f->len);
            if (f->filename) {   /* keep every byte */
                char *v = kh_arena_alloc(&r->arena, f->len + 1);
                memcpy(v, data, f->len);
                v[f->len] = '\0';
                f->value = v;
            }
        }
        p = next;
    }
}

static struct form *parse_form(struct kh_req *r)
{
    struct form *fm = kh_arena_calloc(&r->arena, 1, sizeof *fm);
    const char *ct = kh__header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (ct && strncmp(ct, "multipart/form-data", 19) == 0) {
        parse_multipart(r, fm, ct);
        return fm;
    }
    const char *p = kh_buf_cstr(&r->body);
    int cap = 1;
    for (const char *q = p; *q; q++)
        cap += *q == '&';
    fm->f = kh_arena_calloc(&r->arena, (size_t)cap, sizeof *fm->f);
    while (*p) {
        const char *amp = strchr(p, '&');
        size_t len = amp ? (size_t)(amp - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        if (len > 0) {
            size_t nl = eq ? (size_t)(eq - p) : len;
            fm->f[fm->n].name = decode(&r->arena, p, nl);
            fm->f[fm->n].value = eq ? decode(&r->arena, eq + 1, len - nl - 1) : "";
            fm->n++;
        }
        p += len + (amp != NULL);
    }
    return fm;
}

static bool is_json(struct kh_req *r)
{
    const char *ct = kh__header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
    return ct && strncmp(ct, "application/json", 16) == 0;
}

static struct form *form_of(struct kh_req *r)
{
    if (r->form == NULL)
        r->form = parse_form(r);
    return r->form;
}

int kh__parse_body(struct kh_req *r, struct kh_error *err)
{
    if (!is_json(r) || r->json != NULL || r->body.len == 0)
        return 0;
    json_error_t je;
    r->json = json_loadb(r->body.data, r->body.len, 0, &je);
    if (r->json == NULL || !json_is_object(r->json)) {
        if (r->json)
            json_decref(r->json);
        r->json = NULL;
        return KH_ERR(err, KH_EINVAL, HTTP_BAD_JSON, r->json == NULL ? je.text : "not an object");
    }
    return 0;
}

static const char *trim(struct kh_req *r, const char *v)
{
    while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
        v++;
    size_t n = strlen(v);
    while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' || v[n - 1] == '\n'))
        n--;
    return kh_arena_strndup(&r->arena, v, n);
}

const char *kh__field(struct kh_req *r, const char *name)
{
    if (r->json) {
        json_t *v = json_object_get(r->json, name);
        if (json_is_string(v))
            return trim(r, json_string_value(v));
        if (json_is_integer(v))
            return kh_arena_printf(&r->arena, "%lld", (long long)json_integer_value(v));
        if (json_is_real(v)) {
            char b[32];
            return kh_arena_strdup(&r->arena, kh_arg_num(b, json_real_value(v)));
        }
        if (json_is_boolean(v))
            return json_is_true(v) ? "1" : "0";
        return NULL;
    }
    if (is_json(r) || r->body.len == 0)
        return NULL;
    struct form *fm = form_of(r);
    for (int i = 0; i < fm->n; i++)
        if (strcmp(fm->f[i].name, name) == 0)
            return trim(r, fm->f[i].value);
    return NULL;
}

const char *kh__fieldz(struct kh_req *r, const char *name)
{
    const char *v = kh__field(r, name);
    return v ? v : "";
}

void kh__form_fields(struct kh_req *r, struct form_view *fv)
{
    fv->n = 0;
    fv->names = fv->values = NULL;
    if (r->json != NULL || r->body.len == 0)
        return;
    struct form *fm = form_of(r);
    fv->n = fm->n;
    fv->names = kh_arena_calloc(&r->arena, (size_t)fm->n + 1, sizeof *fv->names);
    fv->values = kh_arena_calloc(&r->arena, (size_t)fm->n + 1, sizeof *fv->values);
    for (int i = 0; i < fm->n; i++) {
        fv->names[i] = fm->f[i].name;
        fv->values[i] = trim(r, fm->f[i].value);
    }
}

/* The file parts named name (multipart bodies; none for JSON). */
static int file_parts(struct kh_req *r, const char *name, const struct form_field **out, int max)
{
    if (r->json != NULL || r->body.len == 0)
        return 0;
    struct form *fm = form_of(r);
    int n = 0;
    for (int i = 0; i < fm->n && n < max; i++)
        if (strcmp(fm->f[i].name, name) == 0 && fm->f[i].filename)
            out[n++] = &fm->f[i];
    return n;
}

const char *kh__upload(struct kh_req *r, const char *name, size_t *len, const char **filename)
{
    const struct form_field *f;
    *len = 0;
    if (file_parts(r, name, &f, 1) == 0)
        return NULL;
    *len = f->len;
    if (filename)
        *filename = f->filename;
    return f->value;
}

int kh__uploads(struct kh_req *r, const char *name, struct kh_attachment_in *att, int max)
{
    const struct form_field *f[MAX_PARTS];
    int n = file_parts(r, name, f, MAX_PARTS), k = 0;
    for (int i = 0; i < n && k < max; i++) {
        if (f[i]->filename[0] == '\0' && f[i]->len == 0)
            continue;
        att[k].name = f[i]->filename;
        att[k].data = (const unsigned char *)f[i]->value;
        att[k].len = f[i]->len;
        k++;
    }
    return k;
}
