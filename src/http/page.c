/*
 * page.c — the frame every HTML page shares (http-int.h).
 *
 * A page is server-rendered HTML5: readable without JavaScript, styled by
 * one stylesheet (web/static/app.css), with a small script per page only
 * where a chart or a paste helper needs one — never inline script, so the
 * Content-Security-Policy can forbid it.  The top bar names the product,
 * the signed-in user and role, the language switch and sign-out; a cycle's
 * pages add tabs, shown only when the role may perform the tab's action at
 * all (kh_authz_role_may: a menu, never the check itself).  Every value
 * from the database goes through kh_html_put's escaping conversions.
 */
#include <string.h>
#include "http/http-int.h"
#include "kaohe/html.h"
#include "kaohe/msg-store.h"

const char *kh__asset_url(struct kh_req *r, const char *name)
{
    const char *etag = kh__asset_etag(name);
    return kh_arena_printf(&r->arena, "/assets/%s?v=%.12s", name, etag ? etag + 1 : "0");
}

void kh__csrf_field(struct kh_req *r)
{
    kh_html_put(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"%A\">", r->csrf);
}

void kh__notice(struct kh_req *r)
{
    const char *ok = kh__query(r, "ok"), *e = kh__query(r, "err");
    if (ok && ok[0])
        kh_html_put(&r->out, "<div class=\"notice ok\" role=\"status\">%T</div>\n", ok);
    if (e && e[0])
        kh_html_put(&r->out, "<div class=\"notice err\" role=\"alert\">%T</div>\n", e);
}

struct tab {
    const char *key, *path, *zh, *en;
    enum kh_action act, act2;
};

static const struct tab tabs[] = {
    {"overview", "", "概览", "Overview", KH_ACT_CYCLE_SHOW, KH_ACT_CYCLE_SHOW},
    {"setup", "/setup/units", "基础数据", "Setup data", KH_ACT_SETUP_EDIT, KH_ACT_CYCLE_SHOW},
    {"scheme", "/scheme", "指标方案", "Scheme", KH_ACT_SCHEME_PREVIEW, KH_ACT_SCHEME_PREVIEW},
    {"targets", "/targets", "绩效协议", "Agreement", KH_ACT_TARGET_LIST, KH_ACT_TARGET_LIST},
    {"values", "/values", "数据填报", "Values", KH_ACT_PROGRESS_READ, KH_ACT_PROGRESS_READ},
    {"ratings", "/ratings", "评分", "Ratings", KH_ACT_RATING_LIST, KH_ACT_RATING_LIST},
    {"results", "/results", "考核结果", "Results", KH_ACT_RESULTS_READ, KH_ACT_RESULTS_OWN},
    {"ballots", "/ballots", "民主测评", "Ballots", KH_ACT_BALLOT_LIST, KH_ACT_BALLOT_LIST},
    {"appeals", "/appeals", "申诉", "Appeals", KH_ACT_APPEAL_LIST, KH_ACT_APPEAL_LIST},
    {"publicity", "/publicity", "公示设置", "Publicity", KH_ACT_PUBLICITY_CONFIGURE, KH_ACT_PUBLICITY_CONFIGURE},
};

void kh__page_begin(struct kh_req *r, const char *title, const struct kh_cycle_row *cycle,
                    const char *tab, const char *const *scripts)
{
    struct kh_buf *o = &r->out;
    kh_html_put(o,
                "<!DOCTYPE html>\n<html lang=\"%A\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>%T · %T</title>\n<link rel=\"icon\" href=\"%A\" type=\"image/svg+xml\">\n"
                "<link rel=\"stylesheet\" href=\"%A\">\n",
                r->lang == KH_LANG_EN ? "en" : "zh-CN", title, T(r, "乡镇考核系统", "kaohe"),
                kh__asset_url(r, "favicon.svg"), kh__asset_url(r, "app.css"));
    for (int i = 0; scripts && scripts[i]; i++)
        kh_html_put(o, "<script src=\"%A\" defer></script>\n", kh__asset_url(r, scripts[i]));
    kh_html_put(o, "</head>\n<body>\n<header class=\"top\">\n<a class=\"brand\" href=\"/\">%T</a>\n<nav>",
                T(r, "乡镇考核系统", "Township assessment"));
    if (r->authed) {
        kh_html_put(o, "<a href=\"/cycles\">%T</a>", T(r, "考核周期", "Cycles"));
        if (kh_authz_role_may(r->actor.role, KH_ACT_AUDIT_READ))
            kh_html_put(o, "<a href=\"/audit\">%T</a>", T(r, "审计", "Audit"));
        if (kh_authz_role_may(r->actor.role, KH_ACT_USER_LIST))
            kh_html_put(o, "<a href=\"/users\">%T</a>", T(r, "用户", "Users"));
    }
    kh_html_put(o, "</nav>\n<div class=\"who\">");
    kh_html_put(o, "<a class=\"lang\" href=\"/lang?to=%U&amp;back=%U\">%T</a>",
                r->lang == KH_LANG_EN ? "zh" : "en", r->path, r->lang == KH_LANG_EN ? "中文" : "English");
    if (r->authed) {
        kh_html_put(o, "<a href=\"/account\" class=\"user\">%T <span class=\"role\">%T</span></a>",
                    r->actor.name, kh_role_label(r->actor.role, r->lang));
        kh_html_put(o, "<form method=\"post\" action=\"/logout\" class=\"inline\">");
        kh__csrf_field(r);
        kh_html_put(o, "<button type=\"submit\" class=\"link\">%T</button></form>", T(r, "退出", "Sign out"));
    }
    kh_html_put(o, "</div>\n</header>\n");
    if (cycle) {
        kh_html_put(o, "<div class=\"cyclebar\"><span class=\"cname\">%T</span> <span class=\"code\">%T</span>"
                       " <span class=\"state st-%A\">%T</span></div>\n<nav class=\"tabs\">",
                    cycle->name[0] ? cycle->name : cycle->code, cycle->code,
                    kh_cycle_state_name(cycle->state),
                    r->lang == KH_LANG_EN ? kh_cycle_state_name(cycle->state) : kh_cycle_state_zh(cycle->state));
        for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++) {
            const struct tab *t = &tabs[i];
            if (!kh_authz_role_may(r->actor.role, t->act) && !kh_authz_role_may(r->actor.role, t->act2))
                continue;
            kh_html_put(o, "<a href=\"/cycles/%U%R\"%R>%T</a>", cycle->code, t->path,
                        tab && strcmp(tab, t->key) == 0 ? " class=\"on\" aria-current=\"page\"" : "",
                        T(r, t->zh, t->en));
        }
        kh_html_put(o, "</nav>\n");
    }
    kh_html_put(o, "<main>\n<h1>%T</h1>\n", title);
    kh__notice(r);
}

void kh__page_end(struct kh_req *r)
{
    kh_html_put(&r->out, "</main>\n<footer>%T</footer>\n</body>\n</html>\n",
                T(r, "考核 kaohe · 数据均可追溯至输入，所有修改均有审计记录",
                  "kaohe · every number traceable to its inputs, every change audited"));
}

bool kh__cycle(struct kh_req *r, struct kh_cycle_row *c)
{
    struct kh_error err;
    kh_error_clear(&err);
    int rc = kh_store_cycle_get(r->store, &r->actor, r->cap[0], c, &err);
    if (rc != 0) {
        kh__fail(r, kh__error_status(rc), &err);
        return false;
    }
    return true;
}

void kh__put_refusal(struct kh_req *r, const struct kh_error *fail, const struct kh_diags *d)
{
    if (fail == NULL)
        return;
    char text[2048];
    kh_error_render(fail, r->lang, text, sizeof text);
    kh_html_put(&r->out, "<div class=\"notice err\" role=\"alert\">%T</div>", text);
    if (d && d->n > 0) {
        kh_html_put(&r->out, "<ul class=\"diags\" id=\"diags\">");
        for (size_t i = 0; i < d->n; i++)
            kh_html_put(&r->out, "<li>%T</li>", kh_diag_render(&d->items[i], r->lang, text, sizeof text));
        kh_html_put(&r->out, "</ul>");
    }
}
