/*
 * request.c — what a request carries: query, body fields, cookies, headers.
 *
 * Query parameters, cookies and headers come from libmicrohttpd, which has
 * already percent-decoded the query.  The body is ours: a form
 * (urlencoded or multipart) is decoded by form.c into name/value pairs in
 * the arena; a JSON body (API, Content-Type application/json) is parsed
 * with jansson, which rejects invalid UTF-8.  kh__field reads either, so
 * an operation's handler is the same for a form and for a JSON call.
 * A field that appears twice keeps its first value.
 */
#include <stdio.h>
#include <string.h>
#include <microhttpd.h>
#include "http/form.h"
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

/* The decoded form of the body (form.c), in the arena. */
static struct kh_form *parse_form(struct kh_req *r)
{
    struct kh_form *fm = kh_arena_calloc(&r->arena, 1, sizeof *fm);
    kh_form_parse(&r->arena, kh__header(r, MHD_HTTP_HEADER_CONTENT_TYPE), r->body.data ? r->body.data : "",
                  r->body.len, fm);
    return fm;
}

static bool is_json(struct kh_req *r)
{
    const char *ct = kh__header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
    return ct && strncmp(ct, "application/json", 16) == 0;
}

static struct kh_form *form_of(struct kh_req *r)
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
    struct kh_form *fm = form_of(r);
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
    struct kh_form *fm = form_of(r);
    fv->n = fm->n;
    fv->names = kh_arena_calloc(&r->arena, (size_t)fm->n + 1, sizeof *fv->names);
    fv->values = kh_arena_calloc(&r->arena, (size_t)fm->n + 1, sizeof *fv->values);
    for (int i = 0; i < fm->n; i++) {
        fv->names[i] = fm->f[i].name;
        fv->values[i] = trim(r, fm->f[i].value);
    }
}

/* The file parts named name (multipart bodies; none for JSON). */
static int file_parts(struct kh_req *r, const char *name, const struct kh_form_field **out, int max)
{
    if (r->json != NULL || r->body.len == 0)
        return 0;
    struct kh_form *fm = form_of(r);
    int n = 0;
    for (int i = 0; i < fm->n && n < max; i++)
        if (strcmp(fm->f[i].name, name) == 0 && fm->f[i].filename)
            out[n++] = &fm->f[i];
    return n;
}

const char *kh__upload(struct kh_req *r, const char *name, size_t *len, const char **filename)
{
    const struct kh_form_field *f;
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
    const struct kh_form_field *f[KH_FORM_MAX_PARTS];
    int n = file_parts(r, name, f, KH_FORM_MAX_PARTS), k = 0;
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
