/*
 * pages-admin.c — appeals (申诉, SPEC §9.4), the audit trail and users.
 *
 * Appeals: a unit files one on a leaf of its own results during
 * publicity, with a reason; the office accepts it with the corrected
 * year-end value (the store recomputes in the same transaction, so the
 * ranking the page shows next is already the corrected one) or rejects it
 * with a reason.  The audit page lists the latest records, filtered by
 * entity and key, and verifies the hash chain on request.  Users: the
 * office adds people with their role and binding and disables them.
 */
#include <stdlib.h>
#include <string.h>
#include "http/handlers.h"
#include "kaohe/html.h"
#include "kaohe/store-attachment.h"
#include "kaohe/store-workflow.h"

void kh__h_appeals(struct kh_req *r)
{
    struct kh_cycle_row c;
    if (!kh__cycle(r, &c))
        return;
    struct kh_error err;
    kh_error_clear(&err);
    struct kh__rows x;
    kh__rows_init(&x, r, 0);
    int rc = kh_store_appeals_list(r->store, &r->actor, c.code, false, kh__rows_fn, &x, &err);
    if (rc != 0) {
        kh__fail(r, kh__error_status(rc), &err);
        return;
    }
    struct kh__names units, leaves;
    kh__names_load(&units, r, c.code, "units.csv");
    kh__names_load(&leaves, r, c.code, "indicators.csv");
    struct kh_buf *o = &r->out;
    kh__page_begin(r, T(r, "申诉", "Appeals"), &c, "appeals", NULL);
    bool may_decide = kh_authz_role_may(r->actor.role, KH_ACT_APPEAL_ACCEPT) && c.state == KH_STATE_PUBLICITY;
    kh_html_put(o, "<table class=\"grid\" id=\"appeals\"><thead><tr><th>#</th><th>%T</th><th>%T</th><th>%T</th><th>%T</th>"
                   "<th>%T</th><th>%T</th></tr></thead><tbody>",
                T(r, "单位", "Unit"), T(r, "指标", "Indicator"), T(r, "理由", "Reason"), T(r, "提出", "Filed"),
                T(r, "状态", "State"), T(r, "处理", "Decision"));
    for (long i = 0; i < x.n; i++) {
        const char **a = x.rows[i];
        bool open = strcmp(a[3], "open") == 0;
        kh_html_put(o, "<tr><td>%T</td><td>%T</td><td>%T</td><td>%T", a[0], kh__name_of(&units, a[1]),
                    kh__name_of(&leaves, a[2]), a[4]);
        kh__attachment_links(r, a[0]);
        kh_html_put(o, "</td><td>%T %T</td><td>%T</td><td>", a[5], a[6],
                    open ? T(r, "待处理", "open") : strcmp(a[3], "accepted") == 0 ? T(r, "已受理", "accepted") : T(r, "已驳回", "rejected"));
        if (!open)
            kh_html_put(o, "%T %T %T", a[9], a[10][0] ? "→" : "", a[10]);
        else if (may_decide) {
            kh_html_put(o, "<form method=\"post\" action=\"/appeals/%U\" class=\"inline\">"
                           "<input type=\"hidden\" name=\"cycle\" value=\"%A\">", a[0], c.code);
            kh__csrf_field(r);
            kh_html_put(o, "<input name=\"value\" placeholder=\"%A\" inputmode=\"decimal\"><input name=\"reason\" placeholder=\"%A\">"
                           "<button name=\"decision\" value=\"accept\" type=\"submit\">%T</button>"
                           "<button name=\"decision\" value=\"reject\" type=\"submit\" class=\"secondary\">%T</button></form>",
                        T(r, "更正后的年末值", "corrected year-end value"), T(r, "理由", "reason"), T(r, "受理", "Accept"),
                        T(r, "驳回", "Reject"));
        }
        kh_html_put(o, "</td></tr>");
    }
    kh_html_put(o, "</tbody></table>");
    if (x.n == 0)
        kh_html_put(o, "<p class=\"empty\">%T</p>", T(r, "没有申诉。", "No appeals."));
    if (kh_authz_role_may(r->actor.role, KH_ACT_APPEAL_FILE) && c.state == KH_STATE_PUBLICITY) {
        kh_html_put(o, "<section class=\"card\"><h2>%T</h2><form method=\"post\" action=\"/cycles/%U/appeals\" id=\"appeal-form\" "
                       "enctype=\"multipart/form-data\">",
                    T(r, "提出申诉", "File an appeal"), c.code);
        kh__csrf_field(r);
        if (r->actor.role == KH_ROLE_UNIT)
            kh_html_put(o, "<input type=\"hidden\" name=\"unit\" value=\"%A\">", r->actor.unit);
        else
            kh_html_put(o, "<label>%T<input name=\"unit\" required></label>", T(r, "单位编码", "Unit code"));
        kh_html_put(o, "<label>%T<select name=\"leaf\">", T(r, "指标", "Indicator"));
        for (long i = 0; i < leaves.x.n; i++)
            if (strcmp(leaves.x.rows[i][3], "quant") == 0)
                kh_html_put(o, "<option value=\"%A\">%T %T</option>", leaves.x.rows[i][0], leaves.x.rows[i][0], leaves.x.rows[i][2]);
        kh_html_put(o, "</select></label><label>%T<textarea name=\"reason\" required rows=\"3\"></textarea></label>"
                       "<label>%T<input type=\"file\" name=\"attachment\" multiple accept=\"application/pdf,image/png,image/jpeg\"></label>"
                       "<p class=\"hint\">%T</p><button type=\"submit\">%T</button></form></section>",
                    T(r, "申诉理由", "Reason"), T(r, "证明材料（可选，可多选）", "Evidence (optional, several allowed)"),
                    T(r, "PDF、PNG 或 JPEG，每个不超过 5 MiB，合计不超过 10 MiB，最多 10 个。",
                      "PDF, PNG or JPEG; at most 5 MiB each, 10 MiB and 10 files in all."),
                    T(r, "提交申诉", "Submit the appeal"));
    }
    kh__names_release(&units);
    kh__names_release(&leaves);
    kh__page_end(r);
    kh__respond(r, 200, "text/html; charset=utf-8");
}

void kh__h_appeal_file(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    char id[24] = "";
    const char *unit = kh__field(r, "unit");
    if (unit == NULL && r->actor.role == KH_ROLE_UNIT)
        unit = r->actor.unit;
    struct kh_attachment_in att[KH_ATTACH_MAX_COUNT + 1];
    int natt = kh__uploads(r, "attachment", att, KH_ATTACH_MAX_COUNT + 1);
    int rc = kh_store_appeal_file(r->store, &r->actor, r->cap[0], unit ? unit : "", kh__fieldz(r, "leaf"),
                                  kh__fieldz(r, "reason"), att, natt, id, &err);
    kh__done(r, rc, &err, kh_arena_printf(&r->arena, "/cycles/%s/appeals", r->cap[0]),
             kh_arena_printf(&r->arena, "申诉 %s 已提交", id), kh_arena_printf(&r->arena, "appeal %s filed", id),
             rc == 0 ? json_pack("{s:s}", "id", id) : NULL);
}

void kh__h_appeal_decide(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_diags d;
    kh_diags_init(&d, 10);
    const char *dec = kh__fieldz(r, "decision");
    bool accept = strcmp(dec, "accept") == 0;
    int rc = kh_store_appeal_decide(r->store, &r->actor, r->cap[0], accept, kh__field(r, "value"),
                                    kh__field(r, "reason"), &d, &err);
    kh_diags_release(&d);
    /* back to the cycle's appeals page (the form names its cycle) */
    struct kh_buf u = KH_BUF_INIT;
    const char *cycle = kh__field(r, "cycle");
    if (cycle && cycle[0]) {
        kh_buf_puts(&u, "/cycles/");
        kh_html_url(&u, cycle);
        kh_buf_puts(&u, "/appeals");
    } else {
        kh_buf_puts(&u, "/cycles");
    }
    const char *back = kh_arena_strdup(&r->arena, kh_buf_cstr(&u));
    kh_buf_release(&u);
    kh__done(r, rc, &err, back, accept ? "申诉已受理，结果已重新计算" : "申诉已驳回",
             accept ? "appeal accepted, results recomputed" : "appeal rejected", NULL);
}

/* Records per page of the audit trail. */
#define AUDIT_PAGE 300

void kh__h_audit(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    const char *entity = kh__query(r, "entity"), *key = kh__query(r, "key");
    struct kh__rows x;
    kh__rows_init(&x, r, 0);
    /* one page of 300 records, newest first; ?before=SEQ pages back */
    const char *before_q = kh__query(r, "before");
    long before = before_q ? atol(before_q) : 0, total = 0;
    int rc = kh_store_audit_page(r->store, &r->actor, entity, key, before, AUDIT_PAGE, &total, kh__rows_fn, &x,
                                 &err);
    if (rc != 0) {
        kh__fail(r, kh__error_status(rc), &err);
        return;
    }
    struct kh_buf *o = &r->out;
    kh__page_begin(r, T(r, "审计记录", "Audit trail"), NULL, NULL, NULL);
    if (kh__query(r, "verify")) {
        struct kh_audit_check chk;
        memset(&chk, 0, sizeof chk);
        rc = kh_store_audit_verify(r->store, &r->actor, &chk, &err);
        char text[1024];
        if (rc != 0)
            kh_html_put(o, "<div class=\"notice err\">%T</div>", kh_error_text(&err, r->lang, text, sizeof text));
        else if (chk.first_bad == 0)
            kh_html_put(o, "<div class=\"notice ok\" id=\"verify\">%T %ld %T %T</div>", T(r, "审计链完整：", "Audit chain intact:"),
                        chk.records, T(r, "条记录，链头", "records, head"), chk.head);
        else
            kh_html_put(o, "<div class=\"notice err\" id=\"verify\">%T %ld: %T</div>", T(r, "审计链在记录", "Audit chain broken at record"),
                        chk.first_bad, kh_error_text(&chk.problem, r->lang, text, sizeof text));
        if (rc == 0 && chk.first_bad == 0 && chk.bad_file[0] == '\0')
            kh_html_put(o, "<div class=\"notice ok\" id=\"seals\">%T %ld</div>",
                        T(r, "存储的数据与摘要一致，文件数：", "Stored data matches its seals, files:"), chk.files);
        else if (rc == 0 && chk.first_bad == 0)
            kh_html_put(o, "<div class=\"notice err\" id=\"seals\">%T %T</div>",
                        T(r, "存储的数据与摘要不符：", "Stored data does not match its seals:"),
                        kh_error_text(&chk.problem, r->lang, text, sizeof text));
    }
    kh_html_put(o, "<form method=\"get\" class=\"inline filters\"><label>%T<input name=\"entity\" value=\"%A\"></label>"
                   "<label>%T<input name=\"key\" value=\"%A\"></label><button type=\"submit\" class=\"secondary\">%T</button>"
                   "<button type=\"submit\" name=\"verify\" value=\"1\">%T</button></form>",
                T(r, "对象", "Entity"), entity ? entity : "", T(r, "键", "Key"), key ? key : "", T(r, "筛选", "Filter"),
                T(r, "校验审计链", "Verify the chain"));
    kh_html_put(o, "<p>%T %ld</p><table class=\"grid\" id=\"audit\"><thead><tr><th>#</th><th>%T</th><th>%T</th><th>%T</th><th>%T</th>"
                   "<th>%T</th><th>%T</th><th>%T</th></tr></thead><tbody>",
                T(r, "记录数：", "Records:"), total, T(r, "时间", "Time"), T(r, "用户", "User"), T(r, "动作", "Action"),
                T(r, "对象", "Entity"), T(r, "键", "Key"), T(r, "变更", "Change"), T(r, "理由", "Reason"));
    for (long i = 0; i < x.n; i++) {
        const char **a = x.rows[i];
        kh_html_put(o, "<tr><td>%T</td><td>%T</td><td>%T</td><td>%T</td><td>%T</td><td class=\"mono\">%T</td>"
                       "<td class=\"mono\">%T %T %T</td><td>%T</td></tr>",
                    a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[6][0] && a[7][0] ? "→" : "", a[7], a[8]);
    }
    kh_html_put(o, "</tbody></table>");
    if (x.n == AUDIT_PAGE) {   /* older records remain: the next page starts below the oldest shown */
        const char *oldest = x.rows[x.n - 1][0];
        kh_html_put(o, "<p class=\"pager\"><a id=\"older\" href=\"/audit?entity=%U&amp;key=%U&amp;before=%U\">%T</a></p>",
                    entity ? entity : "", key ? key : "", oldest, T(r, "更早的记录 →", "Older records →"));
    }
    kh__page_end(r);
    kh__respond(r, 200, "text/html; charset=utf-8");
}

void kh__h_users(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    struct kh__rows x;
    kh__rows_init(&x, r, 0);
    int rc = kh_store_users_list(r->store, &r->actor, kh__rows_fn, &x, &err);
    if (rc != 0) {
        kh__fail(r, kh__error_status(rc), &err);
        return;
    }
    struct kh_buf *o = &r->out;
    kh__page_begin(r, T(r, "用户管理", "Users"), NULL, NULL, NULL);
    kh_html_put(o, "<table class=\"grid\" id=\"users\"><thead><tr><th>%T</th><th>%T</th><th>%T</th><th>%T</th><th></th></tr></thead><tbody>",
                T(r, "用户", "User"), T(r, "角色", "Role"), T(r, "范围", "Bound to"), T(r, "状态", "Status"));
    for (long i = 0; i < x.n; i++) {
        const char **u = x.rows[i];
        bool disabled = u[6][0] == '1';
        kh_html_put(o, "<tr><td>%T</td><td>%T</td><td>%T%T%T</td><td>%T</td><td>", u[0],
                    kh_role_label(kh_role_parse(u[1]), r->lang), u[2], u[3], u[4],
                    disabled ? T(r, "已停用", "disabled") : T(r, "启用", "enabled"));
        if (strcmp(u[0], r->actor.name) != 0) {
            kh_html_put(o, "<form method=\"post\" action=\"/users/%U/disable\" class=\"inline\">", u[0]);
            kh__csrf_field(r);
            kh_html_put(o, "<input type=\"hidden\" name=\"disabled\" value=\"%R\"><button type=\"submit\" class=\"secondary\">%T</button></form>",
                        disabled ? "0" : "1", disabled ? T(r, "启用", "Enable") : T(r, "停用", "Disable"));
        }
        kh_html_put(o, "</td></tr>");
    }
    kh_html_put(o, "</tbody></table><section class=\"card\"><h2>%T</h2><form method=\"post\" action=\"/users\" id=\"user-form\">",
                T(r, "添加用户", "Add a user"));
    kh__csrf_field(r);
    kh_html_put(o, "<label>%T<input name=\"name\" required></label><label>%T<select name=\"role\">", T(r, "用户名", "User name"),
                T(r, "角色", "Role"));
    for (int k = KH_ROLE_ADMIN; k <= KH_ROLE_VIEWER; k++)
        kh_html_put(o, "<option value=\"%A\">%T</option>", kh_role_name((enum kh_role)k), kh_role_label((enum kh_role)k, r->lang));
    kh_html_put(o, "</select></label><label>%T<input name=\"unit\"></label><label>%T<input name=\"department\"></label>"
                   "<label>%T<input name=\"rater\"></label><label>%T<input name=\"password\" type=\"password\" minlength=\"8\" autocomplete=\"new-password\"></label>"
                   "<button type=\"submit\">%T</button></form></section>",
                T(r, "单位编码（乡镇用户）", "Unit code (township users)"), T(r, "部门（填报部门用户）", "Department (reporting bureaus)"),
                T(r, "评价人编码（评价人用户）", "Rater code (raters)"), T(r, "初始密码（至少 8 个字符）", "Initial password (8+ characters)"),
                T(r, "添加", "Add"));
    kh__page_end(r);
    kh__respond(r, 200, "text/html; charset=utf-8");
}

void kh__h_user_add(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_user u;
    memset(&u, 0, sizeof u);
    snprintf(u.name, sizeof u.name, "%s", kh__fieldz(r, "name"));
    u.role = kh_role_parse(kh__fieldz(r, "role"));
    snprintf(u.unit, sizeof u.unit, "%s", kh__fieldz(r, "unit"));
    snprintf(u.department, sizeof u.department, "%s", kh__fieldz(r, "department"));
    snprintf(u.rater, sizeof u.rater, "%s", kh__fieldz(r, "rater"));
    snprintf(u.lang, sizeof u.lang, "%s", kh__fieldz(r, "lang"));
    const char *pw = kh__field(r, "password");
    int rc = kh_store_user_add(r->store, &r->actor, &u, pw && pw[0] ? pw : NULL, &err);
    kh__done(r, rc, &err, "/users", "用户已添加", "user added", NULL);
}

void kh__h_user_disable(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    bool dis = strcmp(kh__fieldz(r, "disabled"), "0") != 0;
    int rc = kh_store_user_disable(r->store, &r->actor, r->cap[0], dis, &err);
    kh__done(r, rc, &err, "/users", dis ? "已停用" : "已启用", dis ? "disabled" : "enabled", NULL);
}
