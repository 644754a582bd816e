/*
 * pages-cycle.c — the list of cycles and a cycle's overview (the
 * office's dashboard), with the two buttons that move a cycle: advance to
 * the next state and compute.
 *
 * The overview answers "where are we and what blocks the next step": the
 * seven states of SPEC §9.1 as steps with the current one marked, the
 * targets still waiting for approval (agreement cannot be left while any
 * is), the open appeals (final cannot be reached while any is), when the
 * results were last computed, and the stored files with their row counts
 * and digests.  The buttons are shown only to a role that may press them
 * at all; pressing is still decided by the store.
 */
#include <stdlib.h>
#include <string.h>
#include "http/handlers.h"
#include "kaohe/html.h"
#include "kaohe/store-load.h"
#include "kaohe/store-workflow.h"

void kh__h_cycles(struct kh_req *r)
{
    struct kh__rows x;
    kh__rows_init(&x, r, 0);
    struct kh_error err;
    kh_error_clear(&err);
    int rc = kh_store_cycles_list(r->store, &r->actor, kh__rows_fn, &x, &err);
    if (rc != 0) {
        kh__fail(r, kh__error_status(rc), &err);
        return;
    }
    struct kh_buf *o = &r->out;
    kh__page_begin(r, T(r, "考核周期", "Assessment cycles"), NULL, NULL, NULL);
    if (x.n == 0)
        kh_html_put(o, "<p class=\"empty\">%T</p>", T(r, "还没有考核周期：由管理员用 kaohe import 导入。",
                                                      "No cycle yet: the administrator imports one (kaohe import)."));
    else {
        kh_html_put(o, "<table class=\"grid\"><thead><tr><th>%T</th><th>%T</th><th>%T</th><th>%T</th></tr></thead><tbody>\n",
                    T(r, "编码", "Code"), T(r, "名称", "Name"), T(r, "状态", "State"), T(r, "上一周期", "Previous"));
        for (long i = 0; i < x.n; i++) {
            const char **c = x.rows[i];
            enum kh_cycle_state st = kh_cycle_state_parse(c[2]);
            kh_html_put(o, "<tr><td><a href=\"/cycles/%U\">%T</a></td><td>%T</td><td><span class=\"state st-%A\">%T</span></td><td>%T</td></tr>\n",
                        c[0], c[0], c[1], c[2], r->lang == KH_LANG_EN ? c[2] : kh_cycle_state_zh(st), c[3]);
        }
        kh_html_put(o, "</tbody></table>\n");
    }
    if (kh_authz_role_may(r->actor.role, KH_ACT_CYCLE_IMPORT)) {
        kh_html_put(o, "<section class=\"card\"><h2>%T</h2><p>%T</p>"
                       "<form method=\"post\" action=\"/import\" enctype=\"multipart/form-data\" id=\"import-form\">",
                    T(r, "导入数据包", "Import a bundle"),
                    T(r, "上传一个 zip 文件，内含数据包的 CSV 文件（可在同一文件夹中）。全部正确才导入。",
                      "Upload one zip holding the bundle's CSV files (may be in one folder). Imported only if all is valid."));
        kh__csrf_field(r);
        kh_html_put(o, "<label>%T<input type=\"file\" name=\"bundle\" accept=\".zip,.xlsx,application/zip\" required></label>"
                       "<label>%T<input name=\"cycle\"></label><label class=\"check\"><input type=\"checkbox\" name=\"replace\" value=\"1\"> %T</label>"
                       "<button type=\"submit\">%T</button></form></section>\n",
                    T(r, "数据包（.zip 或 .xlsx 工作簿）", "Bundle (.zip or .xlsx workbook)"), T(r, "周期编码（cycle.csv 无 code 时）", "Cycle code (when cycle.csv has none)"),
                    T(r, "替换仍在准备阶段的同名周期", "replace a cycle of the same code still in setup"), T(r, "导入", "Import"));
    }
    kh__page_end(r);
    kh__respond(r, 200, "text/html; charset=utf-8");
}

struct count_ctx {
    long pending, approved, returned, total;
};

static int count_targets(void *ctx, int ncols, const char *const *c)
{
    struct count_ctx *x = ctx;
    if (ncols < 5)
        return 0;
    x->total++;
    if (strcmp(c[4], "approved") == 0)
        x->approved++;
    else if (strcmp(c[4], "returned") == 0)
        x->returned++;
    else
        x->pending++;
    return 0;
}

/* One progress table: rows of kind from kh_store_cycle_progress, a bar
 * per row, red below half, yellow below all. */
static void progress_table(struct kh_req *r, const struct kh__rows *p, const char *kind, const char *title,
                           const char *col, const struct kh__names *names)
{
    struct kh_buf *o = &r->out;
    long shown = 0, low = 0;
    for (long i = 0; i < p->n; i++)
        if (strcmp(p->rows[i][0], kind) == 0) {
            shown++;
            low += atol(p->rows[i][2]) < atol(p->rows[i][3]);
        }
    if (shown == 0)
        return;
    if (shown > 30 && low == 0) {
        kh_html_put(o, "<section class=\"progress\" id=\"progress-%A\"><h2>%T</h2><p class=\"allok\">%T %ld</p></section>",
                    kind, title, T(r, "全部达到要求：", "All complete:"), shown);
        return;
    }
    low = 0;
    kh_html_put(o, "<section class=\"progress\" id=\"progress-%A\"><h2>%T</h2><table class=\"grid\"><thead><tr><th>%T</th>"
                   "<th class=\"num\">%T</th><th>%T</th></tr></thead><tbody>",
                kind, title, col, T(r, "完成 / 应有", "done / expected"), T(r, "进度", "progress"));
    for (long i = 0; i < p->n; i++) {
        const char **x = p->rows[i];
        if (strcmp(x[0], kind) != 0)
            continue;
        long done = atol(x[2]), want = atol(x[3]);
        int pct = want > 0 ? (int)(100 * done / want) : 100;
        if (pct > 100)
            pct = 100;
        low += pct < 100;
        /* a long list (surveys per unit) shows only what is short */
        if (shown > 30 && pct >= 100)
            continue;
        kh_html_put(o, "<tr><td>%T</td><td class=\"num\">%ld / %ld</td><td><span class=\"bar %R\"><span class=\"fill w%d\"></span></span> %d%%</td></tr>",
                    names ? kh__name_of(names, x[1]) : x[1][0] ? x[1] : T(r, "（未指定）", "(none)"), done, want,
                    pct < 50 ? "bad" : pct < 100 ? "warn" : "ok", pct / 5 * 5, pct);
    }
    kh_html_put(o, "</tbody></table>");
    if (shown > 30)
        kh_html_put(o, "<p class=\"empty\">%T %ld / %ld</p>", T(r, "未达标：", "Short:"), low, shown);
    kh_html_put(o, "</section>");
}

static void progress(struct kh_req *r, const struct kh_cycle_row *c)
{
    struct kh__rows p;
    kh__rows_init(&p, r, 0);
    if (kh_store_cycle_progress(r->store, &r->actor, c->code, kh__rows_fn, &p, NULL) != 0)
        return;
    struct kh__names units, groups;
    kh__names_load(&units, r, c->code, "units.csv");
    kh__names_load(&groups, r, c->code, "rater_groups.csv");
    kh_html_put(&r->out, "<div class=\"progress-row\">");
    progress_table(r, &p, "values", T(r, "年末值填报（按部门）", "Year-end values by department"), T(r, "部门", "Department"), NULL);
    progress_table(r, &p, "ratings", T(r, "评分完成（按评价组）", "Ratings by rater group"), T(r, "评价组", "Rater group"), &groups);
    progress_table(r, &p, "survey", T(r, "满意度问卷样本（按单位）", "Survey sample by unit"), T(r, "单位", "Unit"), &units);
    kh_html_put(&r->out, "</div>");
    kh__names_release(&units);
    kh__names_release(&groups);
}

void kh__h_cycle(struct kh_req *r)
{
    struct kh_cycle_row c;
    if (!kh__cycle(r, &c))
        return;
    struct kh_buf *o = &r->out;
    kh__page_begin(r, T(r, "周期概览", "Overview"), &c, "overview", NULL);
    kh_html_put(o, "<ol class=\"steps\">");
    for (int st = KH_STATE_SETUP; st <= KH_STATE_FINAL; st++)
        kh_html_put(o, "<li class=\"%R\">%T</li>", st < (int)c.state ? "done" : st == (int)c.state ? "now" : "",
                    r->lang == KH_LANG_EN ? kh_cycle_state_name((enum kh_cycle_state)st)
                                          : kh_cycle_state_zh((enum kh_cycle_state)st));
    kh_html_put(o, "</ol>\n<div class=\"tiles\">");
    kh_html_put(o, "<div class=\"tile\"><div class=\"k\">%T</div><div class=\"v\">%T</div></div>",
                T(r, "进入本状态", "In this state since"), c.state_since);
    kh_html_put(o, "<div class=\"tile\"><div class=\"k\">%T</div><div class=\"v\">%T</div></div>",
                T(r, "最近计算", "Last computed"), c.computed_at[0] ? c.computed_at : T(r, "尚未计算", "never"));
    struct count_ctx t = {0};
    if (kh_authz_role_may(r->actor.role, KH_ACT_TARGET_LIST))
        kh_store_targets_list(r->store, &r->actor, c.code, NULL, count_targets, &t, NULL);
    if (t.total > 0)
        kh_html_put(o, "<div class=\"tile%R\"><div class=\"k\">%T</div><div class=\"v\">%ld / %ld</div><div class=\"s\">%T %ld · %T %ld</div></div>",
                    t.approved < t.total ? " warn" : "", T(r, "目标值已批准", "Targets approved"), t.approved, t.total,
                    T(r, "待审", "pending"), t.pending, T(r, "退回", "returned"), t.returned);
    long open = 0;
    if (kh_store_cycle_open_appeals(r->store, &r->actor, c.code, &open, NULL) == 0)
        kh_html_put(o, "<div class=\"tile%R\"><div class=\"k\">%T</div><div class=\"v\">%ld</div></div>",
                    open > 0 ? " warn" : "", T(r, "待处理申诉", "Open appeals"), open);
    kh_html_put(o, "</div>\n");
    /* what blocks the next state */
    if (c.state == KH_STATE_AGREEMENT && t.approved < t.total)
        kh_html_put(o, "<p class=\"block\">%T</p>",
                    T(r, "尚有目标值未批准：全部批准后才能进入过程跟踪。", "Some targets are not approved yet: all must be before tracking."));
    if (c.state == KH_STATE_PUBLICITY && open > 0)
        kh_html_put(o, "<p class=\"block\">%T</p>",
                    T(r, "尚有申诉未处理：全部处理后才能定案。", "Appeals are open: decide them all before final."));
    bool may_adv = kh_authz_role_may(r->actor.role, KH_ACT_CYCLE_ADVANCE) && c.state != KH_STATE_FINAL;
    bool may_comp = kh_authz_role_may(r->actor.role, KH_ACT_CYCLE_COMPUTE) && c.state != KH_STATE_FINAL;
    if (may_adv || may_comp) {
        kh_html_put(o, "<div class=\"actions\">");
        if (may_comp) {
            kh_html_put(o, "<form method=\"post\" action=\"/cycles/%U/compute\" class=\"inline\">", c.code);
            kh__csrf_field(r);
            kh_html_put(o, "<button type=\"submit\" id=\"compute\">%T</button></form>", T(r, "计算结果", "Compute results"));
        }
        if (may_adv) {
            enum kh_cycle_state next = (enum kh_cycle_state)(c.state + 1);
            kh_html_put(o, "<form method=\"post\" action=\"/cycles/%U/advance\" class=\"inline\">", c.code);
            kh__csrf_field(r);
            kh_html_put(o, "<input name=\"reason\" placeholder=\"%A\"><button type=\"submit\" id=\"advance\">%T %T</button></form>",
                        T(r, "说明（可选）", "reason (optional)"), T(r, "推进到", "Advance to"),
                        r->lang == KH_LANG_EN ? kh_cycle_state_name(next) : kh_cycle_state_zh(next));
        }
        kh_html_put(o, "</div>\n");
    }
    if (kh_authz_role_may(r->actor.role, KH_ACT_PROGRESS_SHOW))
        progress(r, &c);
    if (kh_authz_state_allows(KH_ACT_RESULTS_PUBLIC, c.state))
        kh_html_put(o, "<p class=\"downloads\"><a href=\"/public/%U\" id=\"public\">%T</a></p>", c.code,
                    T(r, "公示页面（公众可见）", "The public results page"));
    if (kh_authz_role_may(r->actor.role, KH_ACT_CYCLE_EXPORT))
        kh_html_put(o, "<p class=\"downloads\"><a href=\"/cycles/%U/export.zip\" id=\"export\">%T</a> · "
                       "<a href=\"/cycles/%U/export.xlsx\" id=\"export-xlsx\">%T</a> · "
                       "<a href=\"/cycles/%U/invitations\">%T</a></p>", c.code,
                    T(r, "下载数据包与结果（zip）", "Download the bundle and results (zip)"), c.code,
                    T(r, "下载结果工作簿（Excel）", "Download the results workbook (Excel)"), c.code,
                    T(r, "满意度问卷邀请", "Survey invitations"));
    struct kh__rows f;
    kh__rows_init(&f, r, 0);
    if (kh_store_cycle_files(r->store, &r->actor, c.code, kh__rows_fn, &f, NULL) == 0 && f.n > 0) {
        kh_html_put(o, "<h2>%T</h2><table class=\"grid\"><thead><tr><th>%T</th><th class=\"num\">%T</th><th>SHA-256</th></tr></thead><tbody>",
                    T(r, "数据文件", "Files"), T(r, "文件", "File"), T(r, "行数", "Rows"));
        for (long i = 0; i < f.n; i++)
            kh_html_put(o, "<tr><td>%T</td><td class=\"num\">%T</td><td class=\"mono\">%T</td></tr>", f.rows[i][0],
                        f.rows[i][1], f.rows[i][2]);
        kh_html_put(o, "</tbody></table>\n");
    }
    kh__page_end(r);
    kh__respond(r, 200, "text/html; charset=utf-8");
}

void kh__h_advance(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    enum kh_cycle_state to = KH_STATE_NONE;
    int rc = kh_store_cycle_advance(r->store, &r->actor, r->cap[0], kh__field(r, "reason"), &to, &err);
    const char *back = kh_arena_printf(&r->arena, "/cycles/%s", r->cap[0]);
    kh__done(r, rc, &err, back, kh_arena_printf(&r->arena, "已进入%s", rc == 0 ? kh_cycle_state_zh(to) : ""),
             kh_arena_printf(&r->arena, "now in %s", rc == 0 ? kh_cycle_state_name(to) : ""),
             rc == 0 ? json_pack("{s:s}", "state", kh_cycle_state_name(to)) : NULL);
}

void kh__h_compute(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_diags d;
    kh_diags_init(&d, 20);
    struct kh_buf summary = KH_BUF_INIT;
    int rc = kh_store_compute(r->store, &r->actor, r->cap[0], &summary, r->lang, &d, &err);
    if (rc != 0 && d.n > 0 && err.msg == NULL) {
        /* a cycle that does not validate: show its first diagnostic */
        char text[1024];
        kh_diag_render(&d.items[0], r->lang, text, sizeof text);
        KH_ERR(&err, rc, RAW, text);
    }
    kh_diags_release(&d);
    kh_buf_release(&summary);
    const char *back = kh_arena_printf(&r->arena, "/cycles/%s", r->cap[0]);
    kh__done(r, rc, &err, back, "结果已计算", "results computed", NULL);
}
