/*
 * pages-survey.c — citizens answer a satisfaction survey by invitation
 * (/s/TOKEN, public), and the office creates invitations and prints them.
 *
 * The public page is for a phone in someone's hand: plain HTML, no script,
 * no sign-in, large touch targets, Chinese first; the unit's name and each
 * item with its scale as radio buttons.  Every outcome is a page a citizen
 * understands — thanks, already answered, expired, closed, unknown link —
 * never an error dump.  The submission is committed before the thank-you
 * page is sent (kh_store_survey_submit: one transaction that also uses the
 * token up).
 *
 * The office's page lists invitations issued and used per unit and
 * channel, and creates new ones: the answer to that POST is the only place
 * their links ever appear — as a printable sheet of QR codes with the short
 * link and the unit's name, or as CSV for an SMS system.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/handlers.h"
#include "kaohe/csv.h"
#include "kaohe/html.h"
#include "kaohe/qr.h"
#include "kaohe/store-survey.h"

void kh__h_survey_form(struct kh_req *r)
{
    kh__public_lang(r);
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_survey_form *f = kh_arena_calloc(&r->arena, 1, sizeof *f);
    int rc = kh_store_survey_open(r->store, r->cap[0], f, &err);
    if (rc != 0) {
        kh__public_outcome(r, T(r, "满意度调查", "Satisfaction survey"), rc == KH_ENOTFOUND ? 404 : 410, &err, "closed");
        return;
    }
    struct kh_buf *o = &r->out;
    kh__public_begin(r, T(r, "满意度调查", "Satisfaction survey"), "open");
    kh_html_put(o, "<p class=\"kicker\">%T</p><h1>%T</h1><p class=\"unit\">%T</p><p>%T</p>", T(r, "满意度调查", "Satisfaction survey"),
                f->unit_name[0] ? f->unit_name : f->unit,
                f->cycle_name, T(r, "请根据您的实际感受作答，每题选一项。本问卷匿名，只能提交一次。",
                                 "Answer each question from your own experience. Anonymous; one submission."));
    const char *e = kh__query(r, "err");
    if (e && e[0])
        kh_html_put(o, "<p class=\"notice err\" role=\"alert\">%T</p>", e);
    kh_html_put(o, "<form method=\"post\" action=\"/s/%U\">", r->cap[0]);
    for (int i = 0; i < f->nitems; i++) {
        kh_html_put(o, "<fieldset><legend>%d. %T</legend>", i + 1, f->items[i].text);
        char *levels = kh_arena_strdup(&r->arena, f->items[i].levels);
        for (char *save = NULL, *l = strtok_r(levels, "|", &save); l; l = strtok_r(NULL, "|", &save))
            kh_html_put(o, "<label class=\"opt\"><input type=\"radio\" name=\"q%d\" value=\"%A\"> %T</label>", i, l, l);
        kh_html_put(o, "</fieldset>");
    }
    kh_html_put(o, "<button type=\"submit\" class=\"big\">%T</button></form>", T(r, "提交", "Submit"));
    kh__public_end(r);
    kh__respond(r, 200, "text/html; charset=utf-8");
}

/* The answer to a submission, once its outcome is durable (kh__commit). */
static void survey_answered(struct kh_req *r, int rc, const struct kh_error *err)
{
    kh__public_submitted(r, rc, err, kh_arena_printf(&r->arena, "/s/%s", r->cap[0]),
                         T(r, "满意度调查", "Satisfaction survey"),
                         T(r, "您的回答已保存。感谢您对乡镇工作的评价！", "Your answers are saved. Thank you!"));
}

void kh__h_survey_submit(struct kh_req *r)
{
    kh__public_lang(r);
    const char **answers = kh_arena_alloc(&r->arena, 64 * sizeof *answers);
    for (int i = 0; i < 64; i++) {
        char name[8];
        snprintf(name, sizeof name, "q%d", i);
        answers[i] = kh__field(r, name);
    }
    kh_store_survey_submit_job(&r->job, r->cap[0], answers, 64);
    kh__commit(r, survey_answered);
}

void kh__h_invitations(struct kh_req *r)
{
    struct kh_cycle_row c;
    if (!kh__cycle(r, &c))
        return;
    struct kh_error err;
    kh_error_clear(&err);
    struct kh__rows x;
    kh__rows_init(&x, r, 0);
    int rc = kh_store_survey_counts(r->store, &r->actor, c.code, kh__rows_fn, &x, &err);
    if (rc != 0) {
        kh__fail(r, kh__error_status(rc), &err);
        return;
    }
    struct kh__names units;
    kh__names_load(&units, r, c.code, "units.csv");
    struct kh_buf *o = &r->out;
    kh__page_begin(r, T(r, "问卷邀请", "Survey invitations"), &c, "overview", NULL);
    kh_html_put(o, "<table class=\"grid\" id=\"invitations\"><thead><tr><th>%T</th><th>%T</th><th class=\"num\">%T</th>"
                   "<th class=\"num\">%T</th></tr></thead><tbody>",
                T(r, "单位", "Unit"), T(r, "渠道", "Channel"), T(r, "已发放", "Issued"), T(r, "已回收", "Used"));
    for (long i = 0; i < x.n; i++)
        kh_html_put(o, "<tr><td>%T <span class=\"code\">%T</span></td><td>%T</td><td class=\"num\">%T</td><td class=\"num\">%T</td></tr>",
                    kh__name_of(&units, x.rows[i][0]), x.rows[i][0], x.rows[i][1], x.rows[i][2], x.rows[i][3]);
    kh_html_put(o, "</tbody></table>");
    if (x.n == 0)
        kh_html_put(o, "<p class=\"empty\">%T</p>", T(r, "还没有发放邀请。", "No invitations yet."));
    if (kh_authz_role_may(r->actor.role, KH_ACT_SURVEY_INVITE)) {
        kh_html_put(o, "<section class=\"card\"><h2>%T</h2><p>%T</p><form method=\"post\" action=\"/cycles/%U/invitations\" id=\"invite-form\">",
                    T(r, "生成邀请", "Create invitations"),
                    T(r, "每个邀请是一个只能提交一次的链接。链接只在生成时显示一次：请打印二维码或下载 CSV。",
                      "Each invitation is a link that answers once. The links are shown only now: print the QR sheet or download the CSV."),
                    c.code);
        kh__csrf_field(r);
        kh_html_put(o, "<label>%T<select name=\"unit\">", T(r, "单位", "Unit"));
        for (long i = 0; i < units.x.n; i++)
            kh_html_put(o, "<option value=\"%A\">%T %T</option>", units.x.rows[i][0], units.x.rows[i][0], units.x.rows[i][1]);
        kh_html_put(o, "</select></label><label>%T<input name=\"channel\" required placeholder=\"phone\"></label>"
                       "<label>%T<input name=\"count\" inputmode=\"numeric\" required value=\"50\"></label>"
                       "<label>%T<input name=\"days\" inputmode=\"numeric\" value=\"30\"></label>"
                       "<label>%T<select name=\"format\"><option value=\"sheet\">%T</option><option value=\"csv\">%T</option></select></label>"
                       "<button type=\"submit\">%T</button></form></section>",
                    T(r, "渠道（cycle.csv 的 survey_channels 之一）", "Channel (one of cycle.csv's survey_channels)"),
                    T(r, "数量", "Count"), T(r, "有效天数", "Valid for (days)"), T(r, "输出", "Output"),
                    T(r, "可打印的二维码页", "printable QR sheet"), T(r, "CSV（短信群发）", "CSV (for SMS)"), T(r, "生成", "Create"));
    }
    kh__names_release(&units);
    kh__page_end(r);
    kh__respond(r, 200, "text/html; charset=utf-8");
}

struct collect {
    struct kh__rows x;
};

static const char *base_url(struct kh_req *r)
{
    const char *host = kh__header(r, "Host");
    return kh_arena_printf(&r->arena, "%s://%s", kh__server_tls(r->srv) ? "https" : "http", host ? host : "127.0.0.1");
}

void kh__h_invite(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    struct kh__rows tokens;
    kh__rows_init(&tokens, r, 0);
    const char *unit = kh__fieldz(r, "unit"), *channel = kh__fieldz(r, "channel"), *days = kh__field(r, "days");
    int rc = kh_store_survey_invite(r->store, &r->actor, r->cap[0], unit, channel, atol(kh__fieldz(r, "count")),
                                    days ? atol(days) : 30, kh__rows_fn, &tokens, &err);
    if (rc != 0) {
        kh__done(r, rc, &err, kh_arena_printf(&r->arena, "/cycles/%s/invitations", r->cap[0]), "", "", NULL);
        return;
    }
    const char *base = base_url(r);
    const char *format = kh__fieldz(r, "format");
    kh_buf_reset(&r->out);
    if (r->api || strcmp(format, "csv") == 0) {
        const char *head[] = {"unit", "channel", "link"};
        kh_csv_put_row(&r->out, head, 3);
        for (long i = 0; i < tokens.n; i++) {
            const char *row[] = {unit, channel, kh_arena_printf(&r->arena, "%s/s/%s", base, tokens.rows[i][0])};
            kh_csv_put_row(&r->out, row, 3);
        }
        r->disposition = "attachment; filename=\"invitations.csv\"";
        kh__respond(r, 200, "text/csv; charset=utf-8");
        return;
    }
    struct kh__names units;
    kh__names_load(&units, r, r->cap[0], "units.csv");
    const char *uname = kh__name_of(&units, unit);
    kh__page_begin(r, T(r, "问卷邀请二维码", "Survey invitation QR codes"), NULL, NULL, NULL);
    kh_html_put(&r->out, "<p class=\"noprint\">%T</p><div class=\"qrsheet\">",
                T(r, "请立即打印（Ctrl-P）：这些链接不会再次显示。", "Print now (Ctrl-P): these links are not shown again."));
    for (long i = 0; i < tokens.n; i++) {
        const char *link = kh_arena_printf(&r->arena, "%s/s/%s", base, tokens.rows[i][0]);
        kh_html_put(&r->out, "<div class=\"qr\">");
        kh_qr_svg(link, 150, &r->out);
        kh_html_put(&r->out, "<div class=\"qu\">%T</div><div class=\"ql\">%T</div><div class=\"qh\">%T</div></div>", uname,
                    T(r, "满意度调查 · 扫码作答 · 匿名 · 仅限一次", "Satisfaction survey · scan to answer · anonymous · once"), link);
    }
    kh_html_put(&r->out, "</div>");
    kh__names_release(&units);
    kh__page_end(r);
    kh__respond(r, 200, "text/html; charset=utf-8");
}
