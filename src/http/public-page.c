/*
 * public-page.c — the frame of the pages people open without an account
 * from a link they were given: a citizen's survey (/s/TOKEN) and a
 * 民主测评 ballot slip (/b/TOKEN).  These are for a phone in someone's
 * hand: plain HTML, no script, no top bar, large touch targets (app.css
 * `body.public`), Chinese unless the reader chose English (the kh_lang
 * cookie) — a phone may be set to any language, the people asked read
 * Chinese.  Every outcome that is not the form is one sentence on such a
 * page, never an error dump.
 */
#include "http/http-int.h"
#include "kaohe/html.h"

void kh__public_lang(struct kh_req *r)
{
    const char *pick = kh__cookie(r, "kh_lang");
    r->lang = pick && kh_lang_parse(pick) == KH_LANG_EN ? KH_LANG_EN : KH_LANG_ZH;
}

void kh__public_begin(struct kh_req *r, const char *title, const char *body_class)
{
    kh__public_lang(r);
    kh_html_put(&r->out,
                "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%T</title>\n"
                "<link rel=\"icon\" href=\"%A\" type=\"image/svg+xml\">\n"
                "<link rel=\"stylesheet\" href=\"%A\">\n</head>\n<body class=\"public %A\">\n<main class=\"survey\">\n",
                title, kh__asset_url(r, "favicon.svg"), kh__asset_url(r, "app.css"), body_class);
}

void kh__public_end(struct kh_req *r)
{
    kh_html_put(&r->out, "</main>\n</body>\n</html>\n");
}

void kh__public_outcome(struct kh_req *r, const char *title, int status, const struct kh_error *err, const char *cls)
{
    char text[1024];
    kh_buf_reset(&r->out);
    kh__public_begin(r, title, cls);
    kh_html_put(&r->out, "<h1>%T</h1><p class=\"big\">%T</p>", title, kh_error_text(err, r->lang, text, sizeof text));
    kh__public_end(r);
    kh__respond(r, status, "text/html; charset=utf-8");
}

void kh__public_submitted(struct kh_req *r, int rc, const struct kh_error *err, const char *form, const char *title,
                          const char *thanks)
{
    if (rc == KH_EINVAL) {   /* a missing or bad answer: back to the form, which says which */
        char text[512];
        struct kh_buf u = KH_BUF_INIT;
        kh_buf_printf(&u, "%s?err=", form);
        kh_html_url(&u, kh_error_text(err, r->lang, text, sizeof text));
        kh__redirect(r, kh_buf_cstr(&u));
        kh_buf_release(&u);
        return;
    }
    if (rc != 0) {
        kh__public_outcome(r, title, rc == KH_ENOTFOUND ? 404 : rc == KH_ESTATE ? 410 : 503, err, "closed");
        return;
    }
    kh_buf_reset(&r->out);
    kh__public_begin(r, T(r, "提交成功", "Submitted"), "done");
    kh_html_put(&r->out, "<h1>%T</h1><p class=\"big\" id=\"thanks\">%T</p>", T(r, "提交成功", "Submitted"), thanks);
    kh__public_end(r);
    kh__respond(r, 200, "text/html; charset=utf-8");
}
