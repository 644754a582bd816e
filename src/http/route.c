/*
 * route.c — the declarative route table and the dispatcher.
 *
 * A route is { method, path pattern, actions, handler, description }.  The
 * actions are rows of authz.h's table: a route may be opened by a role that
 * may perform at least one of them (kh_authz_role_may) — a coarse gate that
 * keeps a rater out of the user list before any query runs.  It is never
 * the real decision: the handler calls the store operation, whose
 * kh_authz_check decides by role, state and scope.  Routes marked
 * KH_ROUTE_PUBLIC need no sign-in (login, assets, the OpenAPI document);
 * KH_ROUTE_SIGNED_IN any signed-in user (their own account).
 *
 * Order of checks, the same for every route: authenticate (session cookie
 * or API token); find the route (404, or 405 when the path exists with
 * another method); sign-in required (pages: redirect to /login, API: 401);
 * role gate (403); for every method but GET and HEAD, the CSRF token (403);
 * the JSON body parsed (422); then the handler.  Every refusal here is
 * audited like the store's own (kh_store_audit_refusal).
 *
 * Pages and the API share the table: /api/v1/… routes answer JSON, and an
 * API route that changes data reuses the page's handler (kh__done answers
 * in the right flavour), so there is one copy of each operation.  The
 * table also produces the OpenAPI document (api.c) and `kaohe serve
 * --routes` (the role × route test iterates over it).
 */
#include <stdio.h>
#include <string.h>
#include "http/handlers.h"
#include "kaohe/html.h"
#include "kaohe/http.h"
#include "kaohe/msg-http.h"

#define A(x) KH_ACT_##x
#define END -9
#define PUB {KH_ROUTE_PUBLIC, END}
#define SIGNED {KH_ROUTE_SIGNED_IN, END}

const struct kh__route kh__routes[] = {
    {"GET", "/", SIGNED, kh__h_root, "首页（转到考核周期）", "home (to the cycles)"},
    {"GET", "/login", PUB, kh__h_login_form, "登录页", "sign-in page"},
    {"POST", "/login", PUB, kh__h_login, "登录", "sign in"},
    {"POST", "/logout", SIGNED, kh__h_logout, "退出", "sign out"},
    {"GET", "/lang", PUB, kh__h_lang, "切换语言", "switch language"},
    {"GET", "/assets/:name", PUB, kh__h_asset, "静态文件", "static files"},
    {"GET", "/account", SIGNED, kh__h_account, "我的账户", "my account"},
    {"POST", "/account/password", {A(USER_PASSWD), END}, kh__h_passwd, "修改密码", "change password"},
    {"POST", "/account/token", {A(TOKEN_CREATE), END}, kh__h_token, "创建 API 令牌", "create an API token"},
    {"GET", "/cycles", {A(CYCLE_LIST), END}, kh__h_cycles, "考核周期列表", "list of cycles"},
    {"POST", "/import", {A(CYCLE_IMPORT), END}, kh__h_import, "导入数据包（zip 或 xlsx）",
     "import a bundle (zip or xlsx)"},
    {"GET", "/cycles/:cycle", {A(CYCLE_SHOW), END}, kh__h_cycle, "周期概览", "cycle overview"},
    {"GET", "/cycles/:cycle/export.zip", {A(CYCLE_EXPORT), END}, kh__h_export, "下载数据包与结果（zip）",
     "download the bundle and results (zip)"},
    {"GET", "/cycles/:cycle/reports/district.pdf", {A(RESULTS_READ), END}, kh__h_report_district,
     "考核结果汇总（PDF）", "the district summary (PDF)"},
    {"GET", "/cycles/:cycle/reports/unit/:unit", {A(RESULTS_READ), END}, kh__h_report_unit,
     "单位考核报告（PDF）", "a unit's report card (PDF)"},
    {"GET", "/cycles/:cycle/reports/feedback/:unit", {A(RESULTS_READ), END}, kh__h_report_feedback,
     "反馈报告（PDF）", "a unit's feedback report (PDF)"},
    {"GET", "/cycles/:cycle/reports/cadre/:cadre", {A(RESULTS_READ), END}, kh__h_report_cadre,
     "干部考核表（PDF）", "a cadre's form (PDF)"},
    {"GET", "/cycles/:cycle/reports/agreement/:unit", {A(AGREEMENT_PRINT), END}, kh__h_report_agreement,
     "绩效协议书（PDF）", "a unit's performance agreement (PDF)"},
    {"GET", "/cycles/:cycle/export.xlsx", {A(CYCLE_EXPORT), END}, kh__h_export_xlsx, "下载结果工作簿（xlsx）",
     "download the results workbook (xlsx)"},
    {"POST", "/cycles/:cycle/advance", {A(CYCLE_ADVANCE), END}, kh__h_advance, "推进周期", "advance the cycle"},
    {"POST", "/cycles/:cycle/compute", {A(CYCLE_COMPUTE), END}, kh__h_compute, "计算结果", "compute results"},
    {"GET", "/cycles/:cycle/setup/:file", {A(CYCLE_SHOW), END}, kh__h_setup, "基础数据（类别、单位、职务、干部、评价组、评价人）",
     "setup data (categories, units, positions, cadres, rater groups, raters)"},
    {"POST", "/cycles/:cycle/setup/:file", {A(SETUP_EDIT), END}, kh__h_setup_put, "添加或修改一行基础数据",
     "add or change a row of setup data"},
    {"POST", "/cycles/:cycle/setup/:file/delete", {A(SETUP_EDIT), END}, kh__h_setup_delete, "删除一行基础数据（先确认）",
     "delete a row of setup data (confirmed first)"},
    {"GET", "/cycles/:cycle/scheme", {A(SCHEME_PREVIEW), END}, kh__h_scheme, "指标方案与权重", "the scheme's weights"},
    {"POST", "/cycles/:cycle/scheme/preview", {A(SCHEME_PREVIEW), END}, kh__h_scheme_preview, "预览权重修改",
     "preview a weight change"},
    {"POST", "/cycles/:cycle/scheme", {A(SCHEME_EDIT), END}, kh__h_scheme_set, "保存权重", "save weights"},
    {"GET", "/cycles/:cycle/targets", {A(TARGET_LIST), END}, kh__h_targets, "绩效协议目标", "agreement targets"},
    {"POST", "/cycles/:cycle/targets/propose", {A(TARGET_PROPOSE), END}, kh__h_propose, "提出目标值", "propose a target"},
    {"POST", "/cycles/:cycle/targets/decide", {A(TARGET_APPROVE), A(TARGET_RETURN), END}, kh__h_decide,
     "批准或退回目标值", "approve or return a target"},
    {"GET", "/cycles/:cycle/values", {A(PROGRESS_READ), END}, kh__h_values, "数据填报与进度预警", "values and warnings"},
    {"POST", "/cycles/:cycle/values", {A(VALUE_TRACK), A(VALUE_YEAREND), END}, kh__h_value_set,
     "填报指标值（单个或粘贴）", "enter values (one, or pasted)"},
    {"GET", "/cycles/:cycle/ratings", {A(RATING_LIST), END}, kh__h_ratings, "评分", "ratings"},
    {"POST", "/cycles/:cycle/ratings", {A(RATING_ENTER), END}, kh__h_rating_set, "录入评分（评价人：保存草稿）",
     "enter ratings (a rater: save drafts)"},
    {"POST", "/cycles/:cycle/ratings/submit", {A(RATING_SUBMIT), END}, kh__h_rating_submit, "提交评分表（提交后只读）",
     "submit a rating form (read-only afterwards)"},
    {"POST", "/cycles/:cycle/ratings/reopen", {A(RATING_REOPEN), END}, kh__h_rating_reopen, "重新开放已提交的评分表",
     "reopen a submitted rating form"},
    {"GET", "/cycles/:cycle/results", {A(RESULTS_READ), A(RESULTS_OWN), END}, kh__h_results, "考核结果",
     "results"},
    {"GET", "/cycles/:cycle/results/stability", {A(RESULTS_READ), END}, kh__h_results_stability,
     "排名稳定性（权重扰动下的名次区间）", "rank stability (rank intervals under perturbed weights)"},
    {"GET", "/cycles/:cycle/results/stability.csv", {A(RESULTS_READ), END}, kh__h_results_stability_csv,
     "下载排名稳定性表（CSV）", "download the rank-stability table (CSV)"},
    {"GET", "/cycles/:cycle/results/:file", {A(RESULTS_READ), A(RESULTS_OWN), END}, kh__h_results_file,
     "下载结果表（CSV）", "download a result table (CSV)"},
    {"GET", "/cycles/:cycle/invitations", {A(SURVEY_LIST), END}, kh__h_invitations, "问卷邀请", "survey invitations"},
    {"POST", "/cycles/:cycle/invitations", {A(SURVEY_INVITE), END}, kh__h_invite, "生成问卷邀请（二维码页或 CSV）",
     "create survey invitations (QR sheet or CSV)"},
    {"GET", "/public/:cycle", PUB, kh__h_public, "考核结果公示（公众）", "the published results (public)"},
    {"GET", "/cycles/:cycle/ballots", {A(BALLOT_LIST), END}, kh__h_ballots, "民主测评（计票）", "ballots and their tally"},
    {"POST", "/cycles/:cycle/ballots", {A(BALLOT_CREATE), END}, kh__h_ballot_create, "发起民主测评（下载测评票）",
     "create a ballot (download the slips)"},
    {"POST", "/cycles/:cycle/ballots/:id/close", {A(BALLOT_CLOSE), END}, kh__h_ballot_close, "结束民主测评",
     "close a ballot"},
    {"GET", "/b/:token", PUB, kh__h_ballot_form, "民主测评票（凭票）", "a ballot slip"},
    {"POST", "/b/:token", PUB, kh__h_ballot_submit, "提交测评票", "vote with a ballot slip"},
    {"GET", "/s/:token", PUB, kh__h_survey_form, "公众满意度问卷（凭邀请）", "the public survey (by invitation)"},
    {"POST", "/s/:token", PUB, kh__h_survey_submit, "提交问卷", "submit the survey"},
    {"GET", "/cycles/:cycle/appeals", {A(APPEAL_LIST), END}, kh__h_appeals, "申诉", "appeals"},
    {"POST", "/cycles/:cycle/appeals", {A(APPEAL_FILE), END}, kh__h_appeal_file, "提出申诉", "file an appeal"},
    {"POST", "/appeals/:id", {A(APPEAL_ACCEPT), A(APPEAL_REJECT), END}, kh__h_appeal_decide,
     "受理或驳回申诉", "accept or reject an appeal"},
    {"GET", "/appeals/:id/attachments/:n", {A(APPEAL_ATTACHMENT), END}, kh__h_appeal_attachment,
     "下载申诉附件", "download an appeal's attachment"},
    {"GET", "/cycles/:cycle/publicity", {A(PUBLICITY_CONFIGURE), END}, kh__h_publicity, "公示设置",
     "what publicity shows"},
    {"POST", "/cycles/:cycle/publicity", {A(PUBLICITY_CONFIGURE), END}, kh__h_publicity_set, "修改公示设置",
     "change what publicity shows"},
    {"GET", "/audit", {A(AUDIT_READ), END}, kh__h_audit, "审计记录", "audit trail"},
    {"GET", "/users", {A(USER_LIST), END}, kh__h_users, "用户管理", "users"},
    {"POST", "/users", {A(USER_ADD), END}, kh__h_user_add, "添加用户", "add a user"},
    {"POST", "/users/:name/disable", {A(USER_DISABLE), END}, kh__h_user_disable, "停用或启用用户",
     "disable or enable a user"},
    /* the JSON API: the same operations, the same actions */
    {"GET", "/api/v1/openapi.json", PUB, kh__h_openapi, "本 API 的 OpenAPI 文档", "this API's OpenAPI document"},
    {"GET", "/api/v1/me", SIGNED, kh__h_api_me, "当前用户", "the signed-in user"},
    {"GET", "/api/v1/cycles", {A(CYCLE_LIST), END}, kh__h_api_cycles, "考核周期列表", "list of cycles"},
    {"GET", "/api/v1/cycles/:cycle", {A(CYCLE_SHOW), END}, kh__h_api_cycle, "周期详情", "a cycle"},
    {"POST", "/api/v1/cycles/:cycle/advance", {A(CYCLE_ADVANCE), END}, kh__h_advance, "推进周期", "advance the cycle"},
    {"POST", "/api/v1/cycles/:cycle/compute", {A(CYCLE_COMPUTE), END}, kh__h_compute, "计算结果", "compute results"},
    {"GET", "/api/v1/cycles/:cycle/setup/:file", {A(CYCLE_SHOW), END}, kh__h_api_setup,
     "基础数据的行（类别、单位、职务、干部、评价组、评价人）", "the rows of a setup file"},
    {"POST", "/api/v1/cycles/:cycle/setup/:file", {A(SETUP_EDIT), END}, kh__h_setup_put,
     "添加或修改一行基础数据（JSON 对象，键为列名）", "add or change a row of setup data (a JSON object keyed by column)"},
    {"POST", "/api/v1/cycles/:cycle/setup/:file/delete", {A(SETUP_EDIT), END}, kh__h_setup_delete,
     "删除一行基础数据（{\"code\": …}）", "delete a row of setup data ({\"code\": …})"},
    {"GET", "/api/v1/cycles/:cycle/targets", {A(TARGET_LIST), END}, kh__h_api_targets, "目标值", "targets"},
    {"POST", "/api/v1/cycles/:cycle/targets/propose", {A(TARGET_PROPOSE), END}, kh__h_propose, "提出目标值",
     "propose a target"},
    {"POST", "/api/v1/cycles/:cycle/targets/decide", {A(TARGET_APPROVE), A(TARGET_RETURN), END}, kh__h_decide,
     "批准或退回目标值", "approve or return a target"},
    {"POST", "/api/v1/cycles/:cycle/values", {A(VALUE_TRACK), A(VALUE_YEAREND), END}, kh__h_value_set,
     "填报指标值", "enter values"},
    {"GET", "/api/v1/cycles/:cycle/ratings", {A(RATING_LIST), END}, kh__h_api_ratings, "评分", "ratings"},
    {"POST", "/api/v1/cycles/:cycle/ratings", {A(RATING_ENTER), END}, kh__h_rating_set, "录入评分", "enter a rating"},
    {"POST", "/api/v1/cycles/:cycle/ratings/submit", {A(RATING_SUBMIT), END}, kh__h_rating_submit, "提交评分表",
     "submit a rating form"},
    {"POST", "/api/v1/cycles/:cycle/ratings/reopen", {A(RATING_REOPEN), END}, kh__h_rating_reopen,
     "重新开放已提交的评分表", "reopen a submitted rating form"},
    {"GET", "/api/v1/cycles/:cycle/results/:file", {A(RESULTS_READ), A(RESULTS_OWN), END}, kh__h_api_results,
     "结果表", "a result table"},
    {"GET", "/api/v1/cycles/:cycle/appeals", {A(APPEAL_LIST), END}, kh__h_api_appeals, "申诉", "appeals"},
    {"POST", "/api/v1/cycles/:cycle/appeals", {A(APPEAL_FILE), END}, kh__h_appeal_file, "提出申诉", "file an appeal"},
    {"GET", "/api/v1/appeals/:id/attachments", {A(APPEAL_ATTACHMENT), END}, kh__h_api_attachments,
     "申诉附件列表", "an appeal's attachments"},
    {"GET", "/api/v1/appeals/:id/attachments/:n", {A(APPEAL_ATTACHMENT), END}, kh__h_appeal_attachment,
     "下载申诉附件", "download an appeal's attachment"},
    {"GET", "/api/v1/cycles/:cycle/publicity", {A(CYCLE_SHOW), END}, kh__h_api_publicity, "公示设置",
     "what publicity shows"},
    {"POST", "/api/v1/cycles/:cycle/publicity", {A(PUBLICITY_CONFIGURE), END}, kh__h_publicity_set,
     "修改公示设置", "change what publicity shows"},
    {"POST", "/api/v1/appeals/:id", {A(APPEAL_ACCEPT), A(APPEAL_REJECT), END}, kh__h_appeal_decide,
     "受理或驳回申诉", "accept or reject an appeal"},
    {"GET", "/api/v1/audit", {A(AUDIT_READ), END}, kh__h_api_audit, "审计记录", "audit trail"},
    {"GET", "/api/v1/users", {A(USER_LIST), END}, kh__h_api_users, "用户", "users"},
    {"POST", "/api/v1/users", {A(USER_ADD), END}, kh__h_user_add, "添加用户", "add a user"},
};
const size_t kh__nroutes = sizeof kh__routes / sizeof kh__routes[0];

/* Match path against pattern, capturing :segments into r (when not NULL). */
static bool match(const char *pattern, const char *path, struct kh_req *r)
{
    const char *p = pattern, *u = path;
    int ncap = 0;
    const char *caps[KH_REQ_MAXCAP];
    size_t lens[KH_REQ_MAXCAP];
    while (*p && *u) {
        if (*p == ':') {
            while (*p && *p != '/')
                p++;
            const char *seg = u;
            while (*u && *u != '/')
                u++;
            if (u == seg || ncap == KH_REQ_MAXCAP)
                return false;
            caps[ncap] = seg;
            lens[ncap++] = (size_t)(u - seg);
            continue;
        }
        if (*p != *u)
            return false;
        p++, u++;
    }
    if (*p || *u)
        return false;
    if (r) {
        r->ncap = ncap;
        for (int i = 0; i < ncap; i++)
            r->cap[i] = kh_arena_strndup(&r->arena, caps[i], lens[i]);
    }
    return true;
}

static bool role_may(const struct kh__route *rt, const struct kh_req *r)
{
    if (rt->acts[0] == KH_ROUTE_PUBLIC)
        return true;
    if (!r->authed)
        return false;
    if (rt->acts[0] == KH_ROUTE_SIGNED_IN)
        return true;
    for (int i = 0; i < 3 && rt->acts[i] != END; i++)
        if (kh_authz_role_may(r->actor.role, (enum kh_action)rt->acts[i]))
            return true;
    return false;
}

static void refuse(struct kh_req *r, int status, const struct kh_msg *m, const char *a1, const char *a2)
{
    char what[512], text[512];
    snprintf(what, sizeof what, "%s %s", r->method, r->path);
    const char *args[] = {a1, a2};
    kh_msg_render(m, KH_LANG_ZH, args, 2, text, sizeof text);
    struct kh_error err;
    kh_error_clear(&err);
    if (kh_store_audit_refusal(r->store, r->authed ? &r->actor : NULL, what, text, &err) != 0) {
        char t[1024];
        fprintf(stderr, "kaohe serve: cannot audit a refusal: %s\n", kh_error_render(&err, KH_LANG_EN, t, sizeof t));
    }
    kh__fail_msg(r, status, m, a1, a2, (const char *)NULL);
}

void kh__dispatch(struct kh_req *r)
{
    kh__authenticate(r);
    r->api = strncmp(r->path, "/api/", 5) == 0;
    const struct kh__route *rt = NULL;
    bool path_known = false;
    const char *method = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;
    for (size_t i = 0; i < kh__nroutes && rt == NULL; i++) {
        if (!match(kh__routes[i].pattern, r->path, NULL))
            continue;
        path_known = true;
        if (strcmp(kh__routes[i].method, method) == 0)
            rt = &kh__routes[i];
    }
    if (rt == NULL) {
        if (path_known)
            kh__fail_msg(r, 405, &KH_M_HTTP_METHOD, r->path, r->method, (const char *)NULL);
        else
            kh__fail_msg(r, 404, &KH_M_HTTP_NOT_FOUND, r->path, (const char *)NULL);
        return;
    }
    match(rt->pattern, r->path, r);
    bool is_get = strcmp(method, "GET") == 0;
    if (rt->acts[0] != KH_ROUTE_PUBLIC && !r->authed) {
        if (!r->api && is_get) {
            struct kh_buf u = KH_BUF_INIT;
            kh_buf_puts(&u, "/login?next=");
            kh_html_url(&u, r->path);
            kh__redirect(r, kh_buf_cstr(&u));
            kh_buf_release(&u);
            r->status = 302;
        } else {
            kh__fail_msg(r, 401, &KH_M_HTTP_SIGN_IN, (const char *)NULL);
        }
        return;
    }
    if (!role_may(rt, r)) {
        refuse(r, 403, &KH_M_HTTP_ROLE, kh_role_name(r->actor.role), rt->pattern);
        return;
    }
    if (!is_get && rt->acts[0] != KH_ROUTE_PUBLIC && !kh__csrf_ok(r)) {
        refuse(r, 403, &KH_M_HTTP_CSRF, NULL, NULL);
        return;
    }
    struct kh_error err;
    kh_error_clear(&err);
    if (kh__parse_body(r, &err) != 0) {
        kh__fail(r, 422, &err);
        return;
    }
    rt->fn(r);
}

void kh_http_print_routes(void)
{
    for (size_t i = 0; i < kh__nroutes; i++) {
        const struct kh__route *rt = &kh__routes[i];
        char acts[256] = "", roles[128] = "";
        size_t n = 0;
        if (rt->acts[0] == KH_ROUTE_PUBLIC) {
            snprintf(acts, sizeof acts, "public");
            snprintf(roles, sizeof roles, "anonymous,admin,reporter,rater,unit,viewer");
        } else if (rt->acts[0] == KH_ROUTE_SIGNED_IN) {
            snprintf(acts, sizeof acts, "signed-in");
            snprintf(roles, sizeof roles, "admin,reporter,rater,unit,viewer");
        } else {
            for (int k = 0; k < 3 && rt->acts[k] != END; k++)
                n += (size_t)snprintf(acts + n, sizeof acts - n, "%s%s", k ? "," : "",
                                      kh_action_rules[rt->acts[k]].code);
            n = 0;
            for (int role = KH_ROLE_ADMIN; role <= KH_ROLE_VIEWER; role++) {
                bool may = false;
                for (int k = 0; k < 3 && rt->acts[k] != END; k++)
                    may = may || kh_authz_role_may((enum kh_role)role, (enum kh_action)rt->acts[k]);
                if (may)
                    n += (size_t)snprintf(roles + n, sizeof roles - n, "%s%s", n ? "," : "",
                                          kh_role_name((enum kh_role)role));
            }
        }
        printf("%s\t%s\t%s\t%s\n", rt->method, rt->pattern, acts, roles[0] ? roles : "-");
    }
}
