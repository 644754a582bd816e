/*
 * response.c — how a handler answers (http-int.h).
 *
 * One mapping from error codes to HTTP statuses (kh__error_status), one
 * error body per flavour: the API's {"error": {...}} object, whose `code`
 * is the message id of the catalog (msg.h) — stable across releases and
 * languages — and whose `message` is rendered in the request's language;
 * and for pages an HTML page in the normal layout.  A refusal by the store
 * (KH_EPERM, KH_ESTATE) also sets the X-Kaohe-Error header to its message
 * id, so a page's redirect after a refused POST still tells a test or a
 * script what happened.
 */
#include <stdarg.h>
#include <string.h>
#include "http/http-int.h"
#include "kaohe/html.h"
#include "kaohe/msg-http.h"

const char *kh__file_name_part(struct kh_req *r, const char *s)
{
    char *n = kh_arena_printf(&r->arena, "%.100s", s);
    for (char *p = n; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
            *p = '_';
    return n;
}

void kh__respond(struct kh_req *r, int status, const char *ctype)
{
    r->status = status;
    r->ctype = ctype;
}

void kh__redirect(struct kh_req *r, const char *url)
{
    r->status = 303;
    r->location = kh_arena_strdup(&r->arena, url);
    r->ctype = "text/plain; charset=utf-8";
    kh_buf_reset(&r->out);
}

int kh__error_status(int code)
{
    switch (code) {
    case KH_EPERM:
        return 403;
    case KH_ESTATE:
    case KH_EEXISTS:
        return 409;
    case KH_ENOTFOUND:
        return 404;
    case KH_EINVAL:
    case KH_EDATA:
    case KH_EUSAGE:
        return 422;
    case KH_ETOOBIG:
        return 413;
    case KH_EBUSY:
        return 503;
    default:
        return 500;
    }
}

void kh__json(struct kh_req *r, int status, json_t *v)
{
    kh_buf_reset(&r->out);
    char *t = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(v);
    kh_buf_puts(&r->out, t ? t : "null");
    kh_buf_putc(&r->out, '\n');
    free(t);
    kh__respond(r, status, "application/json; charset=utf-8");
}

static void mark_refusal(struct kh_req *r, const struct kh_error *err)
{
    if (err && (err->code == KH_EPERM || err->code == KH_ESTATE || err->code == KH_ETOOBIG))
        r->refusal = err->msg ? err->msg->id : kh_error_code_name(err->code);
}

/* The API's error object: the stable code, the status name, the message
 * in the request's language and the place when the error has one. */
static json_t *error_json(struct kh_req *r, const struct kh_error *err)
{
    char text[2048];
    kh_error_render(err, r->lang, text, sizeof text);
    json_t *e = json_pack("{s:s, s:s, s:s}", "code", err->msg ? err->msg->id : kh_error_code_name(err->code),
                          "status", kh_error_code_name(err->code), "message", text);
    if (err->file[0])
        json_object_set_new(e, "file", json_string(err->file));
    if (err->line > 0)
        json_object_set_new(e, "line", json_integer(err->line));
    if (err->column[0])
        json_object_set_new(e, "field", json_string(err->column));
    return e;
}

void kh__fail(struct kh_req *r, int status, const struct kh_error *err)
{
    char text[2048];
    kh_error_render(err, r->lang, text, sizeof text);
    mark_refusal(r, err);
    if (r->api) {
        kh__json(r, status, json_pack("{s:o}", "error", error_json(r, err)));
        return;
    }
    kh_buf_reset(&r->out);
    kh__page_begin(r, T(r, "出错了", "Error"), NULL, NULL, NULL);
    kh_html_put(&r->out, "<div class=\"notice err\" role=\"alert\">%T</div>\n", text);
    if (!r->authed)
        kh_html_put(&r->out, "<p><a href=\"/login\">%T</a></p>\n", T(r, "登录", "Sign in"));
    else
        kh_html_put(&r->out, "<p><a href=\"/cycles\">%T</a></p>\n", T(r, "返回考核周期", "Back to the cycles"));
    kh__page_end(r);
    kh__respond(r, status, "text/html; charset=utf-8");
}

void kh__fail_diags(struct kh_req *r, int status, const struct kh_error *err, const struct kh_diags *d)
{
    if (!r->api || d == NULL || d->n == 0) {
        kh__fail(r, status, err);
        return;
    }
    mark_refusal(r, err);
    json_t *e = error_json(r, err), *list = json_array();
    char text[2048], msg[2048];
    for (size_t i = 0; i < d->n; i++) {
        const struct kh_diag *g = &d->items[i];
        json_t *o = json_pack("{s:s, s:s}", "text", kh_diag_render(g, r->lang, text, sizeof text), "message",
                              kh_diag_text(g, r->lang, msg, sizeof msg));
        if (g->file && g->file[0])
            json_object_set_new(o, "file", json_string(g->file));
        if (g->line > 0)
            json_object_set_new(o, "line", json_integer(g->line));
        if (g->column && g->column[0])
            json_object_set_new(o, "field", json_string(g->column));
        json_array_append_new(list, o);
    }
    json_object_set_new(e, "diagnostics", list);
    if (d->total > d->n)
        json_object_set_new(e, "more", json_integer((json_int_t)(d->total - d->n)));
    kh__json(r, status, json_pack("{s:o}", "error", e));
}

void kh__fail_msg(struct kh_req *r, int status, const struct kh_msg *m, ...)
{
    struct kh_error err;
    kh_error_clear(&err);
    va_list ap;
    va_start(ap, m);
    int code = status == 403 ? KH_EPERM : status == 401 ? KH_EPERM : status == 413 ? KH_ETOOBIG
             : status == 404 ? KH_ENOTFOUND : status == 429 ? KH_EBUSY : KH_EINVAL;
    kh_error_vmsg(&err, code, NULL, 0, NULL, m, ap);
    va_end(ap);
    kh__fail(r, status, &err);
}

void kh__done(struct kh_req *r, int rc, const struct kh_error *err, const char *back,
              const char *done_zh, const char *done_en, json_t *result)
{
    if (r->api) {
        if (rc != 0) {
            if (result)
                json_decref(result);
            kh__fail(r, kh__error_status(rc), err);
        } else {
            kh__json(r, 200, result ? result : json_pack("{s:b}", "ok", 1));
        }
        return;
    }
    if (result)
        json_decref(result);
    struct kh_buf u = KH_BUF_INIT;
    kh_buf_puts(&u, back);
    kh_buf_puts(&u, strchr(back, '?') ? "&" : "?");
    if (rc == 0) {
        kh_buf_puts(&u, "ok=");
        kh_html_url(&u, r->lang == KH_LANG_EN ? done_en : done_zh);
    } else {
        char text[2048];
        kh_error_render(err, r->lang, text, sizeof text);
        mark_refusal(r, err);
        kh_buf_puts(&u, "err=");
        kh_html_url(&u, text);
    }
    kh__redirect(r, kh_buf_cstr(&u));
    kh_buf_release(&u);
}
