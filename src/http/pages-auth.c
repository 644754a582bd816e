/*
 * pages-auth.c — signing in and out, the language switch, one's account.
 *
 * Sign-in is the store's (kh_store_session_open: argon2id check, session,
 * audit); this file adds what only HTTP has: the login form's
 * double-submit token (cookie kh_login = hidden field, so another site
 * cannot sign a victim into the attacker's account), the rate limit
 * (session.c), the cookie, and the redirect to where the user was going
 * (`next`, accepted only as a local path so the form cannot be turned into
 * an open redirect).
 */
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "http/handlers.h"
#include "kaohe/html.h"
#include "kaohe/msg-http.h"
#include "kaohe/msg-store.h"

/* A local path (starts with one "/", no "//" or backslash), else "/". */
static const char *safe_next(const char *next)
{
    if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strchr(next, '\r') ||
        strchr(next, '\n'))
        return "/";
    return next;
}

void kh__h_root(struct kh_req *r)
{
    kh__redirect(r, "/cycles");
    r->status = 302;
}

void kh__h_asset(struct kh_req *r)
{
    if (!kh__asset_serve(r, r->cap[0]))
        kh__fail_msg(r, 404, &KH_M_HTTP_NOT_FOUND, r->path, (const char *)NULL);
}

void kh__h_lang(struct kh_req *r)
{
    const char *to = kh__query(r, "to");
    enum kh_lang l = kh_lang_parse(to);
    r->set_cookie[r->nset_cookie++] =
        kh_arena_printf(&r->arena, "kh_lang=%s; Path=/; Max-Age=31536000; SameSite=Lax", kh_lang_code(l));
    kh__redirect(r, safe_next(kh__query(r, "back")));
}

static void login_page(struct kh_req *r, const char *user, const struct kh_error *err, int status)
{
    unsigned char raw[16];
    char tok[33];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(tok, sizeof tok, raw, sizeof raw);
    r->set_cookie[r->nset_cookie++] = kh_arena_printf(
        &r->arena, "kh_login=%s; Path=/login; HttpOnly; SameSite=Strict%s", tok,
        kh__server_tls(r->srv) ? "; Secure" : "");
    kh_buf_reset(&r->out);
    kh__page_begin(r, T(r, "登录", "Sign in"), NULL, NULL, NULL);
    if (err) {
        char text[1024];
        kh_html_put(&r->out, "<div class=\"notice err\" role=\"alert\">%T</div>\n",
                    kh_error_text(err, r->lang, text, sizeof text));
    }
    kh_html_put(&r->out,
                "<form method=\"post\" action=\"/login\" class=\"card login\">\n"
                "<input type=\"hidden\" name=\"login_token\" value=\"%A\">\n"
                "<input type=\"hidden\" name=\"next\" value=\"%A\">\n"
                "<label>%T<input name=\"user\" autocomplete=\"username\" required value=\"%A\"></label>\n"
                "<label>%T<input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label>\n"
                "<button type=\"submit\">%T</button>\n</form>\n",
                tok, safe_next(kh__query(r, "next") ? kh__query(r, "next") : kh__field(r, "next")),
                T(r, "用户名", "User name"), user ? user : "", T(r, "密码", "Password"), T(r, "登录", "Sign in"));
    kh__page_end(r);
    kh__respond(r, status, "text/html; charset=utf-8");
}

void kh__h_login_form(struct kh_req *r)
{
    if (r->authed) {
        kh__redirect(r, safe_next(kh__query(r, "next")));
        return;
    }
    login_page(r, NULL, NULL, 200);
}

void kh__h_login(struct kh_req *r)
{
    const char *user = kh__field(r, "user"), *pw = kh__field(r, "password");
    struct kh_error err;
    kh_error_clear(&err);
    /* The API may sign in with JSON and no login token (it has no cookie
     * to be forged into); a form must carry the double-submit token. */
    const char *tok = kh__field(r, "login_token"), *cookie = kh__cookie(r, "kh_login");
    bool json = r->json != NULL;
    if (!json && (tok == NULL || cookie == NULL || !kh_secret_equal(tok, cookie))) {
        KH_ERR(&err, KH_EPERM, HTTP_CSRF);
        kh_store_audit_refusal(r->store, NULL, "POST /login", "login form without its token", NULL);
        login_page(r, user, &err, 403);
        return;
    }
    long wait = 0;
    if (!kh__login_allowed(r->srv, user, r->addr, &wait)) {
        KH_ERR(&err, KH_EPERM, HTTP_RATE_LIMIT, KH_ARG_LONG(wait));
        kh_store_audit_refusal(r->store, NULL, "POST /login", "rate limited", NULL);
        r->refusal = "HTTP_RATE_LIMIT";
        if (json)
            kh__fail(r, 429, &err);
        else
            login_page(r, user, &err, 429);
        return;
    }
    struct kh_actor a;
    char secret[KH_SESSION_SECRET_HEX];
    int rc = kh_store_session_open(r->store, user ? user : "", pw ? pw : "", r->addr,
                                   kh__session_max(r->srv), &a, secret, &err);
    if (rc != 0) {
        kh__login_failed(r->srv, user, r->addr);
        if (json)
            kh__fail(r, 401, &err);
        else
            login_page(r, user, &err, 401);
        return;
    }
    kh__login_succeeded(r->srv, user, r->addr);
    r->set_cookie[r->nset_cookie++] =
        kh_arena_printf(&r->arena, "kh_session=%s; Path=/; HttpOnly; SameSite=Strict%s", secret,
                        kh__server_tls(r->srv) ? "; Secure" : "");
    r->set_cookie[r->nset_cookie++] = "kh_login=; Path=/login; Max-Age=0";
    if (json) {
        char csrf[KH_SESSION_SECRET_HEX];
        kh_session_csrf(secret, csrf);
        kh__json(r, 200, json_pack("{s:s, s:s, s:s}", "user", a.name, "role", kh_role_name(a.role), "csrf", csrf));
    } else {
        kh__redirect(r, safe_next(kh__field(r, "next")));
    }
    sodium_memzero(secret, sizeof secret);
}

void kh__h_logout(struct kh_req *r)
{
    kh_store_session_close(r->store, &r->actor, r->secret, NULL);
    r->set_cookie[r->nset_cookie++] = "kh_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict";
    kh__redirect(r, "/login");
}

void kh__h_account(struct kh_req *r)
{
    struct kh_buf *o = &r->out;
    kh__page_begin(r, T(r, "我的账户", "My account"), NULL, NULL, NULL);
    kh_html_put(o, "<dl class=\"facts\"><dt>%T</dt><dd>%T</dd><dt>%T</dt><dd>%T</dd>",
                T(r, "用户", "User"), r->actor.name, T(r, "角色", "Role"), kh_role_label(r->actor.role, r->lang));
    if (r->actor.unit[0])
        kh_html_put(o, "<dt>%T</dt><dd>%T</dd>", T(r, "单位", "Unit"), r->actor.unit);
    if (r->actor.department[0])
        kh_html_put(o, "<dt>%T</dt><dd>%T</dd>", T(r, "部门", "Department"), r->actor.department);
    if (r->actor.rater[0])
        kh_html_put(o, "<dt>%T</dt><dd>%T</dd>", T(r, "评价人编码", "Rater code"), r->actor.rater);
    kh_html_put(o, "</dl>\n<section class=\"card\"><h2>%T</h2><form method=\"post\" action=\"/account/password\">",
                T(r, "修改密码", "Change password"));
    kh__csrf_field(r);
    kh_html_put(o, "<label>%T<input type=\"password\" name=\"password\" minlength=\"8\" required "
                   "autocomplete=\"new-password\"></label><button type=\"submit\">%T</button></form></section>\n",
                T(r, "新密码（至少 8 个字符）", "New password (at least 8 characters)"), T(r, "保存", "Save"));
    kh_html_put(o, "<section class=\"card\"><h2>%T</h2><p>%T</p><form method=\"post\" action=\"/account/token\">",
                T(r, "API 令牌", "API token"),
                T(r, "供脚本调用 /api/v1 使用（Authorization: Bearer 令牌）。令牌只显示一次。",
                  "For scripts calling /api/v1 (Authorization: Bearer TOKEN). The token is shown once."));
    kh__csrf_field(r);
    kh_html_put(o, "<label>%T<input name=\"label\" maxlength=\"64\" required></label><button type=\"submit\">%T</button>"
                   "</form></section>\n",
                T(r, "用途", "Label"), T(r, "创建", "Create"));
    kh__page_end(r);
    kh__respond(r, 200, "text/html; charset=utf-8");
}

void kh__h_passwd(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    int rc = kh_store_user_passwd(r->store, &r->actor, r->actor.name, kh__field(r, "password"), &err);
    kh__done(r, rc, &err, "/account", "密码已修改", "password changed", NULL);
}

void kh__h_token(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    char secret[KH_SESSION_SECRET_HEX];
    int rc = kh_store_api_token_new(r->store, &r->actor, r->actor.name, kh__field(r, "label"), 365, secret, &err);
    if (rc != 0) {
        kh__done(r, rc, &err, "/account", "", "", NULL);
        return;
    }
    /* Shown once, on this response only (never in a redirect URL). */
    kh__page_begin(r, T(r, "API 令牌", "API token"), NULL, NULL, NULL);
    kh_html_put(&r->out, "<p>%T</p><pre class=\"token\">%T</pre><p><a href=\"/account\">%T</a></p>",
                T(r, "请立即复制保存，此令牌不会再次显示：", "Copy it now; it will not be shown again:"), secret,
                T(r, "返回", "Back"));
    kh__page_end(r);
    kh__respond(r, 200, "text/html; charset=utf-8");
    sodium_memzero(secret, sizeof secret);
}
