/*
 * pages-ratings.c — the rater forms (issue 9 item 3) and the office's view
 * of them: ratings of qualitative leaves and cadre dimensions.
 *
 * The rater.  Its page has one section per ratee it is assigned — each
 * unit, for the qualitative leaves whose `raters` weights name its group;
 * each cadre of a position whose `groups` name it, for the position's
 * dimensions — with a scale-level choice (or a 0–100 number) per item,
 * filled with its draft, else its rating.  A section is its own form with
 * two buttons: 保存草稿 saves the filled cells as drafts (POST
 * /cycles/:c/ratings, one transaction); 提交 saves them too and asks for
 * confirmation on the same section (the page comes back with
 * ?confirm=RATEE, no script needed), whose 确认提交 posts once more with
 * confirm=1 and submits (POST /cycles/:c/ratings/submit: drafts saved and
 * the form submitted in one transaction).  A submitted section is shown
 * read-only with its submission time.  Everything is decided by the store
 * (store-rating-forms.c): a rater is confined to its own forms, an entry
 * into a submitted form is refused (409), drafts count for nothing.
 *
 * The office.  A table of every form (rater × ratee) with its status,
 * submission time and numbers of drafts and ratings, and per submitted row
 * a reopen form with a required reason (POST /cycles/:c/ratings/reopen);
 * below it the latest ratings and the form to type in a paper rating for
 * any rater, which counts at once.
 *
 * The API reuses the POST handlers: /api/v1/…/ratings/submit submits at
 * once (a script has no confirmation page), /reopen reopens.
 */
#include <stdio.h>
#include <string.h>
#include "http/handlers.h"
#include "kaohe/html.h"
#include "kaohe/msg-http.h"
#include "kaohe/store-load.h"
#include "kaohe/store-workflow.h"

/* Whether a "k=w;k=w" list names key. */
static bool lists(const char *list, const char *key)
{
    size_t n = strlen(key);
    for (const char *p = list; p && *p;) {
        if (strncmp(p, key, n) == 0 && (p[n] == '=' || p[n] == ';' || p[n] == '\0'))
            return true;
        p = strchr(p, ';');
        p = p ? p + 1 : NULL;
    }
    return false;
}

static const char *status_label(struct kh_req *r, const char *status)
{
    if (strcmp(status, "submitted") == 0)
        return T(r, "已提交", "submitted");
    if (strcmp(status, "draft") == 0)
        return T(r, "草稿", "draft");
    if (strcmp(status, "entered") == 0)
        return T(r, "已录入（未经提交）", "entered (not submitted)");
    return T(r, "未填写", "not started");
}

/* One item of a ratee's form: scale NULL for a 0–100 number. */
struct form_item {
    const char *code, *label, *scale;
};

struct rater_page {
    struct kh_req *r;
    const struct kh_cycle_row *c;
    struct kh__rows *mine, *forms, *scales;
    struct kh_strmap have, form_of;   /* ratee\x1fitem → mine row; ratee → forms row */
    bool open;                        /* the state takes entries */
    const char *confirm;              /* the ratee whose submission awaits confirmation */
    long sections;
};

/* One ratee's section: editable form, or read-only once submitted. */
static void ratee_section(struct rater_page *p, const char *ratee, const char *name, const char *sub,
                          const struct form_item *items, int n)
{
    struct kh_req *r = p->r;
    struct kh_buf *o = &r->out;
    int32_t f = kh_strmap_get(&p->form_of, ratee);
    const char *status = f >= 0 ? p->forms->rows[f][2] : "";
    bool submitted = strcmp(status, "submitted") == 0;
    p->sections++;
    kh_html_put(o, "<section class=\"card rater-form\" id=\"form-%A\"><h2>%T <span class=\"code\">%T</span>%R%T "
                   "<span class=\"state\" id=\"status-%A\">%T</span></h2>",
                ratee, name, ratee, sub[0] ? " · " : "", sub, ratee, status_label(r, status));
    if (submitted) {
        kh_html_put(o, "<p class=\"notice done\">%T %T%T</p><table class=\"grid\"><tbody>",
                    T(r, "已于", "Submitted at"), p->forms->rows[f][3],
                    T(r, " 提交，只读；如需修改请联系考核办重新开放。",
                      "; read-only: ask the office to reopen it to change anything."));
        for (int i = 0; i < n; i++) {
            int32_t k = kh_strmap_get(&p->have, kh_arena_printf(&r->arena, "%s\x1f%s", ratee, items[i].code));
            kh_html_put(o, "<tr><th>%T</th><td>%T</td></tr>", items[i].label, k >= 0 ? p->mine->rows[k][3] : "—");
        }
        kh_html_put(o, "</tbody></table></section>");
        return;
    }
    kh_html_put(o, "<form method=\"post\" action=\"/cycles/%U/ratings\">", p->c->code);
    kh__csrf_field(r);
    kh_html_put(o, "<input type=\"hidden\" name=\"form\" value=\"%A\"><table class=\"grid\"><tbody>", ratee);
    const char *dis = p->open ? "" : " disabled";
    for (int i = 0; i < n; i++) {
        int32_t k = kh_strmap_get(&p->have, kh_arena_printf(&r->arena, "%s\x1f%s", ratee, items[i].code));
        const char *cur = k >= 0 ? p->mine->rows[k][3] : "";
        if (items[i].scale == NULL) {
            kh_html_put(o, "<tr%R><th>%T</th><td><input name=\"r:%A:%A\" value=\"%A\" inputmode=\"decimal\" "
                           "placeholder=\"0–100\" aria-label=\"%A %A\"%R></td></tr>",
                        k < 0 ? " class=\"missing\"" : "", items[i].label, ratee, items[i].code, cur, name,
                        items[i].label, dis);
            continue;
        }
        kh_html_put(o, "<tr%R><th>%T</th><td><select name=\"r:%A:%A\" aria-label=\"%A %A\"%R><option value=\"\">—</option>",
                    k < 0 ? " class=\"missing\"" : "", items[i].label, ratee, items[i].code, name, items[i].label, dis);
        for (long s = 0; s < p->scales->n; s++)
            if (strcmp(p->scales->rows[s][0], items[i].scale) == 0)
                kh_html_put(o, "<option value=\"%A\"%R>%T</option>", p->scales->rows[s][1],
                            strcmp(p->scales->rows[s][1], cur) == 0 ? " selected" : "", p->scales->rows[s][1]);
        kh_html_put(o, "</select></td></tr>");
    }
    kh_html_put(o, "</tbody></table>");
    if (p->open && p->confirm != NULL && strcmp(p->confirm, ratee) == 0) {
        kh_html_put(o, "<div class=\"notice warn\" role=\"alert\" id=\"confirm-%A\">%T</div><div class=\"actions\">"
                       "<button type=\"submit\" formaction=\"/cycles/%U/ratings/submit\" name=\"confirm\" value=\"1\" "
                       "id=\"confirm-submit-%A\">%T</button> <a href=\"/cycles/%U/ratings#form-%A\">%T</a></div>",
                    ratee,
                    T(r, "草稿已保存。确认提交？提交后本表只读，不能再修改；如需修改须由考核办重新开放。",
                      "Drafts saved. Submit now? Once submitted the form is read-only; only the office can reopen it."),
                    p->c->code, ratee, T(r, "确认提交（提交后只读）", "Confirm: submit (final)"), p->c->code, ratee,
                    T(r, "返回修改", "Back to editing"));
    } else if (p->open) {
        kh_html_put(o, "<div class=\"actions\"><button type=\"submit\" class=\"secondary\" id=\"draft-%A\">%T</button> "
                       "<button type=\"submit\" formaction=\"/cycles/%U/ratings/submit\" id=\"submit-%A\">%T</button> "
                       "<span class=\"block\">%T</span></div>",
                    ratee, T(r, "保存草稿", "Save draft"), p->c->code, ratee, T(r, "提交", "Submit"),
                    T(r, "草稿不计入评分；提交后才计入，且只读。", "Drafts do not count; submitted ratings do, and are final."));
    }
    kh_html_put(o, "</form></section>");
}

static void rater_view(struct kh_req *r, const struct kh_cycle_row *c, struct kh__rows *mine)
{
    struct kh_buf *o = &r->out;
    struct kh__names units, leaves, cadres, positions;
    struct kh__rows scales, forms, rg;
    kh__names_load(&units, r, c->code, "units.csv");
    kh__names_load(&leaves, r, c->code, "indicators.csv");
    kh__names_load(&cadres, r, c->code, "cadres.csv");
    kh__names_load(&positions, r, c->code, "positions.csv");
    kh__rows_init(&scales, r, 0);
    kh_store_scheme_rows(r->store, &r->actor, c->code, "scales.csv", kh__rows_fn, &scales, NULL);
    kh__rows_init(&forms, r, 0);
    kh_store_rating_forms(r->store, &r->actor, c->code, kh__rows_fn, &forms, NULL);
    /* the rater's group: raters.csv is not a scheme file any role reads (it
     * names people); the store gives a rater user its own. */
    kh__rows_init(&rg, r, 0);
    kh_store_rater_group(r->store, &r->actor, c->code, kh__rows_fn, &rg, NULL);
    const char *group = rg.n > 0 ? rg.rows[0][0] : NULL;
    struct rater_page p = {.r = r, .c = c, .mine = mine, .forms = &forms, .scales = &scales,
                           .open = kh_authz_state_allows(KH_ACT_RATING_ENTER, c->state),
                           .confirm = kh__query(r, "confirm")};
    kh_strmap_init(&p.have);
    kh_strmap_init(&p.form_of);
    /* a draft shows over the rating it will replace (put keeps the first) */
    for (int pass = 0; pass < 2; pass++)
        for (long i = 0; i < mine->n; i++)
            if ((strcmp(mine->rows[i][4], "draft") == 0) == (pass == 0))
                kh_strmap_put(&p.have, kh_arena_printf(&r->arena, "%s\x1f%s", mine->rows[i][1], mine->rows[i][2]),
                              (int32_t)i);
    for (long i = 0; i < forms.n; i++)
        kh_strmap_put(&p.form_of, forms.rows[i][1], (int32_t)i);
    kh_html_put(o, "<p>%T <b>%T</b> · %T <b>%T</b></p>", T(r, "评价人", "Rater"), r->actor.rater,
                T(r, "所在评价组", "group"), group ? group : "-");
    if (!p.open)
        kh_html_put(o, "<p class=\"block\">%T</p>",
                    T(r, "当前状态不接受评分（只在年终评价阶段）。", "Ratings are accepted only in the evaluation state."));
    /* units: the qualitative leaves rated by the group */
    struct form_item *items = kh_arena_calloc(&r->arena, (size_t)leaves.x.n + 1, sizeof *items);
    int n = 0;
    for (long j = 0; group && j < leaves.x.n; j++) {
        const char **l = leaves.x.rows[j];
        if (strcmp(l[3], "qual") == 0 && lists(l[10], group))
            items[n++] = (struct form_item){l[0], kh_arena_printf(&r->arena, "%s %s", l[2], l[0]), l[11]};
    }
    for (long i = 0; n > 0 && i < units.x.n; i++)
        ratee_section(&p, units.x.rows[i][0], units.x.rows[i][1], "", items, n);
    /* cadres: the dimensions of positions rated by the group */
    for (long i = 0; group && i < cadres.x.n; i++) {
        const char **cd = cadres.x.rows[i];
        const char **pos = kh__names_row(&positions, cd[3]);
        if (pos == NULL || !lists(pos[7], group))
            continue;
        struct form_item dims[32];
        int nd = 0;
        char *list = kh_arena_strdup(&r->arena, pos[6]);
        for (char *save = NULL, *d = strtok_r(list, ";", &save); d && nd < 32; d = strtok_r(NULL, ";", &save)) {
            char *eq = strchr(d, '=');
            if (eq)
                *eq = '\0';
            dims[nd++] = (struct form_item){d, d, NULL};
        }
        if (nd > 0)
            ratee_section(&p, cd[0], cd[1], pos[1], dims, nd);
    }
    if (p.sections == 0)
        kh_html_put(o, "<p class=\"empty\">%T</p>", T(r, "没有分配给您的评分项目。", "Nothing is assigned to you."));
    kh_strmap_release(&p.have);
    kh_strmap_release(&p.form_of);
    kh__names_release(&units);
    kh__names_release(&leaves);
    kh__names_release(&cadres);
    kh__names_release(&positions);
}

static void office_view(struct kh_req *r, const struct kh_cycle_row *c, struct kh__rows *mine)
{
    struct kh_buf *o = &r->out;
    struct kh__rows forms;
    kh__rows_init(&forms, r, 1000);
    kh_store_rating_forms(r->store, &r->actor, c->code, kh__rows_fn, &forms, NULL);
    bool may_reopen = kh_authz_role_may(r->actor.role, KH_ACT_RATING_REOPEN) &&
                      kh_authz_state_allows(KH_ACT_RATING_REOPEN, c->state);
    kh_html_put(o, "<h2>%T</h2><p>%T %ld%T</p>", T(r, "评分表提交情况", "Rating forms"), T(r, "共", "In all"), forms.total,
                T(r, " 张评分表（评价人 × 被评对象）。草稿不计入评分。", " forms (rater × ratee). Drafts do not count."));
    kh_html_put(o, "<div class=\"scroll\"><table class=\"grid\" id=\"rating-forms\"><thead><tr><th>%T</th><th>%T</th><th>%T</th>"
                   "<th>%T</th><th class=\"num\">%T</th><th class=\"num\">%T</th>%R</tr></thead><tbody>",
                T(r, "评价人", "Rater"), T(r, "被评对象", "Ratee"), T(r, "状态", "Status"), T(r, "提交时间", "Submitted at"),
                T(r, "草稿项", "Drafts"), T(r, "已计入项", "Ratings"), may_reopen ? "<th></th>" : "");
    for (long i = 0; i < forms.n; i++) {
        const char **f = forms.rows[i];
        kh_html_put(o, "<tr id=\"form-%A-%A\"><td>%T</td><td>%T</td><td>%T</td><td>%T</td><td class=\"num\">%T</td>"
                       "<td class=\"num\">%T</td>",
                    f[0], f[1], f[0], f[1], status_label(r, f[2]), f[3], f[4], f[5]);
        if (may_reopen && strcmp(f[2], "submitted") == 0) {
            kh_html_put(o, "<td><form method=\"post\" action=\"/cycles/%U/ratings/reopen\" class=\"inline\">", c->code);
            kh__csrf_field(r);
            kh_html_put(o, "<input type=\"hidden\" name=\"rater\" value=\"%A\"><input type=\"hidden\" name=\"ratee\" value=\"%A\">"
                           "<input name=\"reason\" required placeholder=\"%A\" aria-label=\"%A\">"
                           "<button type=\"submit\" class=\"secondary\">%T</button></form></td>",
                        f[0], f[1], T(r, "重新开放的理由（必填）", "reason (required)"), T(r, "理由", "reason"),
                        T(r, "重新开放", "Reopen"));
        } else if (may_reopen) {
            kh_html_put(o, "<td></td>");
        }
        kh_html_put(o, "</tr>");
    }
    kh_html_put(o, "</tbody></table></div>");
    kh_html_put(o, "<h2>%T</h2><p>%T %ld%T</p>", T(r, "评分", "Ratings"), T(r, "共", "In all"), mine->total,
                T(r, " 条计入的评分；下表为最近 200 条。", " ratings that count; the latest 200 are shown."));
    kh_html_put(o, "<table class=\"grid\" id=\"ratings\"><thead><tr><th>%T</th><th>%T</th><th>%T</th><th class=\"num\">%T</th>"
                   "<th>%T</th></tr></thead><tbody>",
                T(r, "评价人", "Rater"), T(r, "被评对象", "Ratee"), T(r, "项目", "Item"), T(r, "评分", "Score"),
                T(r, "状态", "Status"));
    for (long i = mine->n > 200 ? mine->n - 200 : 0; i < mine->n; i++)
        kh_html_put(o, "<tr><td>%T</td><td>%T</td><td>%T</td><td class=\"num\">%T</td><td>%T</td></tr>", mine->rows[i][0],
                    mine->rows[i][1], mine->rows[i][2], mine->rows[i][3], status_label(r, mine->rows[i][4]));
    kh_html_put(o, "</tbody></table>");
    if (kh_authz_role_may(r->actor.role, KH_ACT_RATING_ENTER)) {
        kh_html_put(o, "<section class=\"card\"><h2>%T</h2><form method=\"post\" action=\"/cycles/%U/ratings\">",
                    T(r, "代为录入评分（纸质评分表，直接计入）", "Enter a rating for a rater (paper form, counts at once)"),
                    c->code);
        kh__csrf_field(r);
        kh_html_put(o, "<label>%T<input name=\"rater\" required></label><label>%T<input name=\"ratee\" required></label>"
                       "<label>%T<input name=\"item\" required></label><label>%T<input name=\"score\" required></label>"
                       "<button type=\"submit\">%T</button></form></section>",
                    T(r, "评价人编码", "Rater code"), T(r, "被评对象编码", "Ratee code"), T(r, "项目编码", "Item code"),
                    T(r, "评分（量表等级或 0–100）", "Score (scale level or 0–100)"), T(r, "保存", "Save"));
    }
}

void kh__h_ratings(struct kh_req *r)
{
    struct kh_cycle_row c;
    if (!kh__cycle(r, &c))
        return;
    struct kh_error err;
    kh_error_clear(&err);
    struct kh__rows mine;
    kh__rows_init(&mine, r, r->actor.role == KH_ROLE_RATER ? 0 : 200);
    int rc = kh_store_ratings_list(r->store, &r->actor, c.code, kh__rows_fn, &mine, &err);
    if (rc != 0) {
        kh__fail(r, kh__error_status(rc), &err);
        return;
    }
    kh__page_begin(r, T(r, "评分", "Ratings"), &c, "ratings", NULL);
    if (r->actor.role == KH_ROLE_RATER)
        rater_view(r, &c, &mine);
    else
        office_view(r, &c, &mine);
    kh__page_end(r);
    kh__respond(r, 200, "text/html; charset=utf-8");
}

/* ---- POST ---- */

struct rate_many {
    struct kh_req *r;
    const char *(*cells)[3];
    int n;
    const char *submit;   /* a ratee whose form to submit after saving, or NULL */
    char at[32];
    long moved;
};

/* The filled cells r:RATEE:ITEM of the request's form. */
static void form_cells(struct kh_req *r, struct rate_many *m)
{
    struct form_view fv;
    kh__form_fields(r, &fv);
    m->cells = kh_arena_calloc(&r->arena, (size_t)fv.n + 1, sizeof *m->cells);
    m->n = 0;
    for (int i = 0; i < fv.n; i++) {
        const char *name = fv.names[i], *val = fv.values[i];
        const char *colon = strncmp(name, "r:", 2) == 0 ? strchr(name + 2, ':') : NULL;
        if (colon == NULL || val[0] == '\0')
            continue;
        m->cells[m->n][0] = kh_arena_strndup(&r->arena, name + 2, (size_t)(colon - name - 2));
        m->cells[m->n][1] = colon + 1;
        m->cells[m->n][2] = val;
        m->n++;
    }
}

/* Save every cell (a rater's: drafts), then submit when asked: one
 * transaction, so a refused submission saves nothing either. */
static int rate_many_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct rate_many *m = ctx;
    for (int i = 0; i < m->n; i++) {
        int rc = kh_store_rating_set(s, &m->r->actor, m->r->cap[0], NULL, m->cells[i][0], m->cells[i][1],
                                     m->cells[i][2], err);
        if (rc != 0)
            return rc;
    }
    if (m->submit == NULL)
        return 0;
    return kh_store_rating_submit(s, &m->r->actor, m->r->cap[0], NULL, m->submit, m->at, &m->moved, err);
}

void kh__h_rating_set(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    const char *back = kh_arena_printf(&r->arena, "/cycles/%s/ratings", r->cap[0]);
    int rc;
    long saved = 0;
    if (kh__field(r, "ratee") != NULL) {
        rc = kh_store_rating_set(r->store, &r->actor, r->cap[0], kh__field(r, "rater"), kh__fieldz(r, "ratee"),
                                 kh__fieldz(r, "item"), kh__fieldz(r, "score"), &err);
        saved = rc == 0;
    } else {
        struct rate_many m = {.r = r};
        form_cells(r, &m);
        rc = kh_store_tx(r->store, rate_many_tx, &m, &err);
        saved = m.n;
    }
    bool draft = r->actor.role == KH_ROLE_RATER;
    kh__done(r, rc, &err, back,
             kh_arena_printf(&r->arena, draft ? "已保存 %ld 项草稿（提交后才计入评分）" : "已保存 %ld 项评分", saved),
             kh_arena_printf(&r->arena, draft ? "%ld drafts saved (they count once submitted)" : "%ld ratings saved", saved),
             NULL);
}

void kh__h_rating_submit(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    const char *ratee = kh__field(r, "form");
    if (ratee == NULL)
        ratee = kh__fieldz(r, "ratee");
    struct rate_many m = {.r = r};
    form_cells(r, &m);
    /* a page asks first: the drafts are saved and the section comes back
     * with a confirmation (the API and a confirmed form submit at once) */
    bool confirmed = r->api || strcmp(kh__fieldz(r, "confirm"), "1") == 0;
    m.submit = confirmed ? ratee : NULL;
    int rc = kh_store_tx(r->store, rate_many_tx, &m, &err);
    struct kh_buf u = KH_BUF_INIT;
    kh_buf_printf(&u, "/cycles/%s/ratings", r->cap[0]);
    if (rc == 0 && !confirmed) {
        kh_buf_puts(&u, "?confirm=");
        kh_html_url(&u, ratee);
        kh_buf_puts(&u, "#form-");
        kh_html_url(&u, ratee);
        kh__redirect(r, kh_buf_cstr(&u));
    } else {
        kh__done(r, rc, &err, kh_buf_cstr(&u),
                 kh_arena_printf(&r->arena, "已提交对 %s 的评分表（%s），此后只读", ratee, m.at),
                 kh_arena_printf(&r->arena, "the form for %s is submitted (%s) and read-only", ratee, m.at),
                 rc == 0 ? json_pack("{s:s, s:s, s:i}", "ratee", ratee, "submitted_at", m.at, "drafts", (int)m.moved)
                         : NULL);
    }
    kh_buf_release(&u);
}

void kh__h_rating_reopen(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    const char *back = kh_arena_printf(&r->arena, "/cycles/%s/ratings", r->cap[0]);
    const char *rater = kh__fieldz(r, "rater"), *ratee = kh__fieldz(r, "ratee");
    int rc = kh_store_rating_reopen(r->store, &r->actor, r->cap[0], rater, ratee, kh__fieldz(r, "reason"), &err);
    kh__done(r, rc, &err, back, kh_arena_printf(&r->arena, "已重新开放评价人 %s 对 %s 的评分表", rater, ratee),
             kh_arena_printf(&r->arena, "reopened the form of rater %s for %s", rater, ratee), NULL);
}
