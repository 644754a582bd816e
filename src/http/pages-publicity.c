/*
 * pages-publicity.c — the office's form for what 公示 shows
 * (/cycles/CYCLE/publicity; SPEC §9.4, store-publicity.h).
 *
 * Three checkboxes (ranking with grades, composite scores, dimension
 * scores), the period's two dates, the contact and the text on how to
 * appeal.  A checkbox left unticked sends nothing, so the form always
 * sends the whole list of parts (`parts`, built here from the ticked
 * boxes, "none" when none is): what the office sees is what is stored.
 * The rules — admin only, before final, valid dates, audit — are the
 * store's; the page shows its refusal as any other.
 */
#include <string.h>
#include "http/handlers.h"
#include "kaohe/html.h"
#include "kaohe/store-publicity.h"

static void checkbox(struct kh_req *r, const char *name, bool on, const char *label)
{
    kh_html_put(&r->out, "<label class=\"check\"><input type=\"checkbox\" name=\"%A\" value=\"1\"%R> %T</label>", name,
                on ? " checked" : "", label);
}

void kh__h_publicity(struct kh_req *r)
{
    struct kh_cycle_row c;
    if (!kh__cycle(r, &c))
        return;
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_publicity p;
    int rc = kh_store_publicity_get(r->store, &r->actor, c.code, &p, &err);
    if (rc != 0) {
        kh__fail(r, kh__error_status(rc), &err);
        return;
    }
    struct kh_buf *o = &r->out;
    kh__page_begin(r, T(r, "公示设置", "What publicity shows"), &c, "publicity", NULL);
    kh__notice(r);
    kh_html_put(o, "<section class=\"card\"><form method=\"post\" action=\"/cycles/%U/publicity\" id=\"publicity-form\">",
                c.code);
    kh__csrf_field(r);
    kh_html_put(o, "<fieldset><legend>%T</legend>", T(r, "公示页显示", "The public page shows"));
    checkbox(r, "show_ranking", p.show_ranking, T(r, "按类别排名及等次", "the ranking per type, with grades"));
    checkbox(r, "show_composite", p.show_composite, T(r, "综合得分", "composite scores"));
    checkbox(r, "show_dimensions", p.show_dimensions, T(r, "各单位一级指标得分", "each unit's dimension scores"));
    kh_html_put(o, "</fieldset><label>%T<input type=\"date\" name=\"start\" value=\"%A\"></label>"
                   "<label>%T<input type=\"date\" name=\"end\" value=\"%A\"></label>"
                   "<p class=\"hint\">%T</p>",
                T(r, "公示开始", "Publication starts"), p.start_chosen ? p.start : "",
                T(r, "公示结束", "Publication ends"), p.end_chosen ? p.end : "",
                kh_arena_printf(&r->arena, T(r, "留空则用默认：自进入公示之日起 publicity_days 天（cycle.csv，默认 7 天；当前 %s 至 %s）。",
                                             "Empty: the default, publicity_days (cycle.csv, default 7) days from entering publicity (now %s to %s)."),
                                p.start[0] ? p.start : "-", p.end[0] ? p.end : "-"));
    kh_html_put(o, "<label>%T<input name=\"contact\" value=\"%A\" maxlength=\"2000\"></label>"
                   "<label>%T<textarea name=\"howto\" rows=\"3\" maxlength=\"2000\">%T</textarea></label>"
                   "<p class=\"hint\">%T</p><button type=\"submit\">%T</button></form></section>",
                T(r, "联系方式", "Contact"), p.contact, T(r, "申诉说明（留空则用标准说明）", "How to appeal (empty: the standard text)"),
                p.howto,
                kh_arena_printf(&r->arena, T(r, "申诉期 %ld 天（cycle.csv 的 appeal_days），公示页自动写明截止时间。",
                                             "Appeals are open %ld days (cycle.csv appeal_days); the public page states the deadline."),
                                p.appeal_days),
                T(r, "保存", "Save"));
    kh_html_put(o, "<p><a href=\"/public/%U\">%T</a></p>", c.code, T(r, "查看公示页", "Open the public page"));
    kh__page_end(r);
    kh__respond(r, 200, "text/html; charset=utf-8");
}

void kh__h_api_publicity(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_publicity p;
    int rc = kh_store_publicity_get(r->store, &r->actor, r->cap[0], &p, &err);
    if (rc != 0) {
        kh__fail(r, kh__error_status(rc), &err);
        return;
    }
    kh__json(r, 200, json_pack("{s:b, s:b, s:b, s:s, s:s, s:b, s:b, s:s, s:s, s:I, s:s}", "ranking", p.show_ranking,
                               "composite", p.show_composite, "dimensions", p.show_dimensions, "start", p.start, "end",
                               p.end, "start_chosen", p.start_chosen, "end_chosen", p.end_chosen, "contact", p.contact,
                               "howto", p.howto, "appeal_days", (json_int_t)p.appeal_days, "appeal_deadline",
                               p.appeal_deadline));
}

void kh__h_publicity_set(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    static const char *const parts[] = {"show_ranking", "ranking", "show_composite", "composite",
                                        "show_dimensions", "dimensions"};
    struct kh_buf b = KH_BUF_INIT;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i += 2)
        if (kh__field(r, parts[i]) != NULL) {
            kh_buf_puts(&b, b.len ? "," : "");
            kh_buf_puts(&b, parts[i + 1]);
        }
    /* the API may name the parts directly; the form sends its checkboxes */
    const char *named = kh__field(r, "parts");
    struct kh_publicity_change ch = {named ? named : b.len ? kh_arena_strdup(&r->arena, kh_buf_cstr(&b)) : "none",
                                     kh__field(r, "start"), kh__field(r, "end"), kh__field(r, "contact"),
                                     kh__field(r, "howto")};
    kh_buf_release(&b);
    int rc = kh_store_publicity_set(r->store, &r->actor, r->cap[0], &ch, &err);
    kh__done(r, rc, &err, kh_arena_printf(&r->arena, "/cycles/%s/publicity", r->cap[0]), "公示设置已保存",
             "publicity settings saved", NULL);
}
