/*
 * pages-agreement.c — the performance agreement (绩效协议, SPEC §9.2) on
 * the web: a unit proposes a target for each `target`-scored leaf with a
 * justification, sees what was returned and why, and proposes again; the
 * office approves or returns each proposal with a comment.  The table
 * lists what the store lets this user see (a unit: its own rows only).
 */
#include <string.h>
#include "http/handlers.h"
#include "kaohe/html.h"
#include "kaohe/store-workflow.h"

static const char *status_label(struct kh_req *r, const char *st)
{
    if (strcmp(st, "approved") == 0)
        return T(r, "已批准", "approved");
    if (strcmp(st, "returned") == 0)
        return T(r, "已退回", "returned");
    return T(r, "待审批", "proposed");
}

void kh__h_targets(struct kh_req *r)
{
    struct kh_cycle_row c;
    if (!kh__cycle(r, &c))
        return;
    struct kh_error err;
    kh_error_clear(&err);
    struct kh__rows x;
    kh__rows_init(&x, r, 0);
    int rc = kh_store_targets_list(r->store, &r->actor, c.code, NULL, kh__rows_fn, &x, &err);
    if (rc != 0) {
        kh__fail(r, kh__error_status(rc), &err);
        return;
    }
    struct kh__names units, leaves;
    kh__names_load(&units, r, c.code, "units.csv");
    kh__names_load(&leaves, r, c.code, "indicators.csv");
    struct kh_buf *o = &r->out;
    kh__page_begin(r, T(r, "绩效协议", "Performance agreement"), &c, "targets", NULL);
    bool may_decide = kh_authz_role_may(r->actor.role, KH_ACT_TARGET_APPROVE) && c.state == KH_STATE_AGREEMENT;
    bool may_propose = kh_authz_role_may(r->actor.role, KH_ACT_TARGET_PROPOSE) && c.state == KH_STATE_AGREEMENT;
    kh_html_put(o, "<table class=\"grid\" id=\"targets\"><thead><tr><th>%T</th><th>%T</th><th class=\"num\">%T</th>"
                   "<th class=\"num\">%T</th><th>%T</th><th>%T</th><th>%T</th>%R</tr></thead><tbody>\n",
                T(r, "单位", "Unit"), T(r, "指标", "Indicator"), T(r, "目标值", "Target"), T(r, "基期值", "Baseline"),
                T(r, "状态", "Status"), T(r, "说明", "Justification"), T(r, "审批意见", "Review"),
                may_decide ? kh_arena_printf(&r->arena, "<th>%s</th>", T(r, "审批", "Decide")) : "");
    /* what waits for a decision first, then the rest in file order */
    for (long k = 0; k < 2 * x.n; k++) {
        const char **t = x.rows[k % x.n];
        if ((k < x.n) != (strcmp(t[4], "proposed") == 0))
            continue;
        kh_html_put(o, "<tr class=\"st-%A\"><td>%T <span class=\"code\">%T</span></td><td>%T <span class=\"code\">%T</span></td>"
                       "<td class=\"num\">%T</td><td class=\"num\">%T</td><td>%T</td><td>%T</td><td>%T</td>",
                    t[4], kh__name_of(&units, t[0]), t[0], kh__name_of(&leaves, t[1]), t[1], t[2], t[3],
                    status_label(r, t[4]), t[5], t[6]);
        if (may_decide) {
            kh_html_put(o, "<td>");
            if (strcmp(t[4], "proposed") == 0) {
                kh_html_put(o, "<form method=\"post\" action=\"/cycles/%U/targets/decide\" class=\"inline\">", c.code);
                kh__csrf_field(r);
                kh_html_put(o, "<input type=\"hidden\" name=\"unit\" value=\"%A\"><input type=\"hidden\" name=\"leaf\" value=\"%A\">"
                               "<input name=\"comment\" placeholder=\"%A\">"
                               "<button name=\"decision\" value=\"approve\" type=\"submit\">%T</button>"
                               "<button name=\"decision\" value=\"return\" type=\"submit\" class=\"secondary\">%T</button></form>",
                            t[0], t[1], T(r, "意见（退回时必填）", "comment (required to return)"), T(r, "批准", "Approve"),
                            T(r, "退回", "Return"));
            }
            kh_html_put(o, "</td>");
        }
        kh_html_put(o, "</tr>\n");
    }
    kh_html_put(o, "</tbody></table>\n");
    if (x.n == 0)
        kh_html_put(o, "<p class=\"empty\">%T</p>", T(r, "没有目标值。", "No targets."));
    if (kh_authz_role_may(r->actor.role, KH_ACT_AGREEMENT_PRINT)) {
        /* the signed agreement of each unit the user may print (pages-reports.c) */
        kh_html_put(o, "<p class=\"downloads\" id=\"agreement-pdfs\">%T ", T(r, "打印绩效协议书（PDF）：", "Print the agreement (PDF):"));
        for (long i = 0; i < units.x.n; i++) {
            const char *u = units.x.rows[i][0];
            if (r->actor.role != KH_ROLE_UNIT || strcmp(u, r->actor.unit) == 0)
                kh_html_put(o, "<a href=\"/cycles/%U/reports/agreement/%U\">%T</a> ", c.code, u, units.x.rows[i][1]);
        }
        kh_html_put(o, "</p>\n");
    }
    if (may_propose) {
        kh_html_put(o, "<section class=\"card\"><h2>%T</h2><form method=\"post\" action=\"/cycles/%U/targets/propose\" id=\"propose\">",
                    T(r, "提出目标值", "Propose a target"), c.code);
        kh__csrf_field(r);
        if (r->actor.role == KH_ROLE_UNIT)
            kh_html_put(o, "<input type=\"hidden\" name=\"unit\" value=\"%A\">", r->actor.unit);
        else {
            kh_html_put(o, "<label>%T<select name=\"unit\">", T(r, "单位", "Unit"));
            for (long i = 0; i < units.x.n; i++)
                kh_html_put(o, "<option value=\"%A\">%T %T</option>", units.x.rows[i][0], units.x.rows[i][0],
                            units.x.rows[i][1]);
            kh_html_put(o, "</select></label>");
        }
        kh_html_put(o, "<label>%T<select name=\"leaf\">", T(r, "指标", "Indicator"));
        for (long i = 0; i < leaves.x.n; i++)
            if (strcmp(leaves.x.rows[i][6], "target") == 0)
                kh_html_put(o, "<option value=\"%A\">%T %T</option>", leaves.x.rows[i][0], leaves.x.rows[i][0],
                            leaves.x.rows[i][2]);
        kh_html_put(o, "</select></label><label>%T<input name=\"target\" inputmode=\"decimal\" required></label>"
                       "<label>%T<textarea name=\"note\" required rows=\"2\"></textarea></label><button type=\"submit\">%T</button></form></section>\n",
                    T(r, "目标值", "Target"), T(r, "理由（必填）", "Justification (required)"), T(r, "提交", "Submit"));
    }
    kh__names_release(&units);
    kh__names_release(&leaves);
    kh__page_end(r);
    kh__respond(r, 200, "text/html; charset=utf-8");
}

static const char *back_to(struct kh_req *r, const char *page)
{
    return kh_arena_printf(&r->arena, "/cycles/%s/%s", r->cap[0], page);
}

void kh__h_propose(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    const char *unit = kh__field(r, "unit");
    if (unit == NULL && r->actor.role == KH_ROLE_UNIT)
        unit = r->actor.unit;
    int rc = kh_store_target_propose(r->store, &r->actor, r->cap[0], unit, kh__fieldz(r, "leaf"),
                                     kh__fieldz(r, "target"), kh__fieldz(r, "note"), &err);
    kh__done(r, rc, &err, back_to(r, "targets"), "目标值已提交，等待审批", "target proposed, awaiting approval", NULL);
}

void kh__h_decide(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    const char *d = kh__field(r, "decision");
    bool approve = d == NULL || strcmp(d, "approve") == 0;
    int rc = kh_store_target_decide(r->store, &r->actor, r->cap[0], kh__fieldz(r, "unit"), kh__fieldz(r, "leaf"),
                                    approve, kh__field(r, "comment"), &err);
    kh__done(r, rc, &err, back_to(r, "targets"), approve ? "已批准" : "已退回", approve ? "approved" : "returned",
             NULL);
}
