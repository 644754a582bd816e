/*
 * pages-ballot.c — 民主测评 at the year-end meeting on the web: the
 * participant's slip (/b/TOKEN, public) and the office's ballot page.
 *
 * The slip page is a public page (public-page.c): no account, no script,
 * a phone in the hand.  It names the unit and the slip's rater group —
 * never a person — and lists what the group votes on (store-ballot.h):
 * the leadership team's items, then each cadre with the dimensions of the
 * position; every item a row of radio buttons with its scale's levels and
 * 弃权.  The vote is stored, and the slip used up, in one transaction
 * before the thank-you page is sent (kh_store_ballot_submit).  A bad vote
 * goes back to the form saying which item; a used slip, a closed ballot
 * or an unknown link each get their one sentence.
 *
 * The office's page lists the cycle's ballots with the live tally per
 * group (submitted / issued), creates a ballot (unit, then slips per group
 * present) and closes one.  Creating answers with the slip sheet as a
 * download (kh_slip_sheet_html: a standalone document with its own print
 * CSS, opened from disk, so the server's CSP does not apply to it) — the
 * only time the slips' links exist anywhere.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/handlers.h"
#include "kaohe/html.h"
#include "kaohe/msg-http.h"
#include "kaohe/slip-sheet.h"
#include "kaohe/store-ballot.h"

#define SLIP_TITLE T(r, "民主测评票", "Democratic appraisal ballot")

void kh__h_ballot_form(struct kh_req *r)
{
    kh__public_lang(r);
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_ballot_form *f = kh_arena_calloc(&r->arena, 1, sizeof *f);
    int rc = kh_store_ballot_open(r->store, r->cap[0], f, &err);
    if (rc != 0) {
        kh__public_outcome(r, SLIP_TITLE, rc == KH_ENOTFOUND ? 404 : 410, &err, "closed");
        return;
    }
    struct kh_buf *o = &r->out;
    kh__public_begin(r, SLIP_TITLE, "open ballot");
    kh_html_put(o, "<p class=\"kicker\">%T</p><h1>%T</h1><p class=\"unit\">%T</p><p class=\"group\">%T：%T</p><p>%T</p>",
                SLIP_TITLE, f->unit_name[0] ? f->unit_name : f->unit, f->cycle_name, T(r, "评议人类别", "Rater group"),
                f->group_name[0] ? f->group_name : f->group,
                T(r, "请对领导班子和每位领导干部逐项评价。本票不记名，只能提交一次；不了解的可选“弃权”。",
                  "Rate the leadership team and each cadre, item by item. Anonymous; one submission; choose 弃权 (abstain) where you cannot judge."));
    const char *e = kh__query(r, "err");
    if (e && e[0])
        kh_html_put(o, "<p class=\"notice err\" role=\"alert\">%T</p>", e);
    kh_html_put(o, "<form method=\"post\" action=\"/b/%U\">", r->cap[0]);
    const char *ratee = NULL;
    for (int i = 0; i < f->nitems; i++) {
        const char *kind = f->items[i].kind;
        if (ratee == NULL || strcmp(ratee, f->items[i].ratee) != 0) {
            if (ratee)
                kh_html_put(o, "</section>");
            ratee = f->items[i].ratee;
            if (strcmp(kind, "team") == 0)
                kh_html_put(o, "<section class=\"ratee\"><h2>%T</h2>", T(r, "领导班子", "Leadership team"));
            else
                kh_html_put(o, "<section class=\"ratee\"><h2>%T <span class=\"position\">%T</span></h2>",
                            f->items[i].ratee_name[0] ? f->items[i].ratee_name : f->items[i].ratee, f->items[i].position);
        }
        kh_html_put(o, "<fieldset><legend>%T</legend>", f->items[i].item_name[0] ? f->items[i].item_name : f->items[i].item);
        char *levels = kh_arena_strdup(&r->arena, f->items[i].levels);
        for (char *save = NULL, *l = strtok_r(levels, "|", &save); l; l = strtok_r(NULL, "|", &save))
            kh_html_put(o, "<label class=\"opt\"><input type=\"radio\" name=\"v%d\" value=\"%A\"> %T</label>", i, l, l);
        kh_html_put(o, "</fieldset>");
    }
    if (ratee)
        kh_html_put(o, "</section>");
    kh_html_put(o, "<button type=\"submit\" class=\"big\">%T</button></form>", T(r, "提交", "Submit"));
    kh__public_end(r);
    kh__respond(r, 200, "text/html; charset=utf-8");
}

/* The answer to a slip, once its outcome is durable (kh__commit). */
static void slip_answered(struct kh_req *r, int rc, const struct kh_error *err)
{
    kh__public_submitted(r, rc, err, kh_arena_printf(&r->arena, "/b/%s", r->cap[0]), SLIP_TITLE,
                         T(r, "您的评价已保存，感谢参与民主测评！", "Your votes are saved. Thank you for taking part!"));
}

void kh__h_ballot_submit(struct kh_req *r)
{
    kh__public_lang(r);
    const char **votes = kh_arena_alloc(&r->arena, KH_BALLOT_MAXITEMS * sizeof *votes);
    for (int i = 0; i < KH_BALLOT_MAXITEMS; i++) {
        char name[8];
        snprintf(name, sizeof name, "v%d", i);
        votes[i] = kh__field(r, name);
    }
    kh_store_ballot_submit_job(&r->job, r->cap[0], votes, KH_BALLOT_MAXITEMS);
    kh__commit(r, slip_answered);
}

/* ---- the office's page ---- */

void kh__h_ballots(struct kh_req *r)
{
    struct kh_cycle_row c;
    if (!kh__cycle(r, &c))
        return;
    struct kh_error err;
    kh_error_clear(&err);
    struct kh__rows x;
    kh__rows_init(&x, r, 0);
    int rc = kh_store_ballot_list(r->store, &r->actor, c.code, kh__rows_fn, &x, &err);
    if (rc != 0) {
        kh__fail(r, kh__error_status(rc), &err);
        return;
    }
    struct kh_buf *o = &r->out;
    kh__page_begin(r, T(r, "民主测评", "Democratic appraisal"), &c, "ballots", NULL);
    bool may_close = kh_authz_role_may(r->actor.role, KH_ACT_BALLOT_CLOSE);
    /* rows (id, unit, unit name, state, created, group, group name, issued, submitted) */
    kh_html_put(o, "<table class=\"grid\" id=\"ballots\"><thead><tr><th>%T</th><th>%T</th><th>%T</th><th>%T</th>"
                   "<th class=\"num\">%T</th><th></th></tr></thead><tbody>\n",
                T(r, "测评", "Ballot"), T(r, "单位", "Unit"), T(r, "状态", "State"), T(r, "评议人类别", "Rater group"),
                T(r, "已投 / 发放", "Submitted / issued"));
    for (long i = 0; i < x.n; i++) {
        const char **t = x.rows[i];
        bool first = i == 0 || strcmp(x.rows[i - 1][0], t[0]) != 0;
        bool open = strcmp(t[3], "open") == 0;
        kh_html_put(o, "<tr class=\"%R\" data-ballot=\"%A\"><td>%T</td><td>%T <span class=\"code\">%T</span></td><td>%T</td>"
                       "<td>%T <span class=\"code\">%T</span></td><td class=\"num tally\">%T / %T</td><td>",
                    first ? "first" : "more", t[0], first ? kh_arena_printf(&r->arena, "#%s", t[0]) : "",
                    first ? t[2] : "", first ? t[1] : "", first ? (open ? T(r, "进行中", "open") : T(r, "已结束", "closed")) : "",
                    t[6], t[5], t[8], t[7]);
        if (first && open && may_close) {
            kh_html_put(o, "<form method=\"post\" action=\"/cycles/%U/ballots/%U/close\" class=\"inline\">", c.code, t[0]);
            kh__csrf_field(r);
            kh_html_put(o, "<button type=\"submit\" class=\"secondary\">%T</button></form>", T(r, "结束投票", "Close"));
        }
        kh_html_put(o, "</td></tr>\n");
    }
    kh_html_put(o, "</tbody></table>\n");
    if (x.n == 0)
        kh_html_put(o, "<p class=\"empty\">%T</p>", T(r, "还没有民主测评。", "No ballots yet."));
    if (kh_authz_role_may(r->actor.role, KH_ACT_BALLOT_CREATE)) {
        struct kh__names units, groups;
        kh__names_load(&units, r, c.code, "units.csv");
        kh__names_load(&groups, r, c.code, "rater_groups.csv");
        kh_html_put(o, "<section class=\"card\"><h2>%T</h2><p>%T</p><form method=\"post\" action=\"/cycles/%U/ballots\" id=\"ballot-form\">",
                    T(r, "发起民主测评", "Create a ballot"),
                    T(r, "为一个单位的年终测评会生成一次性测评票（每类评议人若干张）。票上的二维码只在生成时出现一次：请下载并打印。",
                      "One-time slips for a unit's year-end meeting, a number per rater group present. The slips' QR codes exist only now: download and print them."),
                    c.code);
        kh__csrf_field(r);
        kh_html_put(o, "<label>%T<select name=\"unit\">", T(r, "单位", "Unit"));
        for (long i = 0; i < units.x.n; i++)
            kh_html_put(o, "<option value=\"%A\">%T %T</option>", units.x.rows[i][0], units.x.rows[i][0], units.x.rows[i][1]);
        kh_html_put(o, "</select></label>");
        for (long i = 0; i < groups.x.n; i++)
            kh_html_put(o, "<label>%T <span class=\"code\">%T</span> %T<input name=\"slips:%A\" inputmode=\"numeric\" value=\"0\"></label>",
                        groups.x.rows[i][1], groups.x.rows[i][0], T(r, "票数", "slips"), groups.x.rows[i][0]);
        kh_html_put(o, "<button type=\"submit\">%T</button></form></section>", T(r, "生成测评票", "Create the slips"));
        kh__names_release(&units);
        kh__names_release(&groups);
    }
    kh__page_end(r);
    kh__respond(r, 200, "text/html; charset=utf-8");
}

static const char *base_url(struct kh_req *r)
{
    const char *host = kh__header(r, "Host");
    return kh_arena_printf(&r->arena, "%s://%s", kh__server_tls(r->srv) ? "https" : "http", host ? host : "127.0.0.1");
}

void kh__h_ballot_create(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    struct form_view fv;
    kh__form_fields(r, &fv);
    struct kh_ballot_group g[KH_BALLOT_MAXGROUPS];
    int ng = 0;
    for (int i = 0; i < fv.n && ng < KH_BALLOT_MAXGROUPS; i++)
        if (strncmp(fv.names[i], "slips:", 6) == 0 && atol(fv.values[i]) > 0)
            g[ng++] = (struct kh_ballot_group){fv.names[i] + 6, atol(fv.values[i])};
    struct kh__rows slips;
    kh__rows_init(&slips, r, 0);
    char id[24] = "";
    int rc = kh_store_ballot_create(r->store, &r->actor, r->cap[0], kh__fieldz(r, "unit"), g, ng, kh__rows_fn, &slips,
                                    id, &err);
    const char *back = kh_arena_printf(&r->arena, "/cycles/%s/ballots", r->cap[0]);
    if (rc != 0 || r->api) {
        kh__done(r, rc, &err, back, "", "", rc == 0 ? json_pack("{s:s, s:I}", "ballot", id, "slips", (json_int_t)slips.n) : NULL);
        return;
    }
    /* rows (group, group name, token, unit name, cycle name) */
    struct kh_slip *s = kh_arena_alloc(&r->arena, (size_t)(slips.n ? slips.n : 1) * sizeof *s);
    const char *base = base_url(r);
    for (long i = 0; i < slips.n; i++)
        s[i] = (struct kh_slip){slips.rows[i][0], slips.rows[i][1],
                                kh_arena_printf(&r->arena, "%s/b/%s", base, slips.rows[i][2])};
    kh_buf_reset(&r->out);
    rc = kh_slip_sheet_html(&r->out, r->lang, slips.n ? slips.rows[0][4] : "", slips.n ? slips.rows[0][3] : "", s,
                            slips.n);
    if (rc != 0) {
        KH_ERR(&err, rc, HTTP_SLIP_SHEET);
        kh__fail(r, 500, &err);
        return;
    }
    r->disposition = kh_arena_printf(&r->arena, "attachment; filename=\"ballot-%s-slips.html\"", id);
    kh__respond(r, 200, "text/html; charset=utf-8");
}

void kh__h_ballot_close(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    int rc = kh_store_ballot_close(r->store, &r->actor, r->cap[0], r->cap[1], &err);
    kh__done(r, rc, &err, kh_arena_printf(&r->arena, "/cycles/%s/ballots", r->cap[0]), "投票已结束", "ballot closed",
             NULL);
}
