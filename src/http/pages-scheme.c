/*
 * pages-scheme.c — the office's scheme editor on the web: the indicator
 * tree with its weight in every township type, editable, and what a
 * change does to scores, ranks and grades before it is saved.
 *
 * One form carries every weight cell as a field `w:INDICATOR:CATEGORY`.
 * "预览" posts it to /scheme/preview, which asks the store for the preview
 * (kh_store_scheme_preview: the one validator and the engine on the
 * stored data) and shows the same form with the typed values kept and the
 * before/after table below, units that move first; "保存" posts it to
 * /scheme, which stores it (setup only) and shows the same table once
 * more, so the office sees what it has just done.  A change that does
 * not validate shows the reader's diagnostics (indicators.csv:LINE:COLUMN)
 * above the form, with nothing written.  No rule about weights is here:
 * sums, ranges and states are the store's.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "http/handlers.h"
#include "kaohe/html.h"
#include "kaohe/store-scheme.h"
#include "kaohe/strmap.h"

/* The stored weights, keyed "INDICATOR\x1fCATEGORY" → row. */
struct weights {
    struct kh__rows x;
    struct kh_strmap m;
};

static const char *cell_key(struct kh_req *r, const char *ind, const char *cat)
{
    return kh_arena_printf(&r->arena, "%s\x1f%s", ind, cat);
}

static int weights_load(struct weights *w, struct kh_req *r, const char *cycle, struct kh_error *err)
{
    kh__rows_init(&w->x, r, 0);
    kh_strmap_init(&w->m);
    int rc = kh_store_scheme_weights(r->store, &r->actor, cycle, kh__rows_fn, &w->x, err);
    for (long i = 0; rc == 0 && i < w->x.n; i++)
        kh_strmap_put(&w->m, cell_key(r, w->x.rows[i][0], w->x.rows[i][1]), (int32_t)i);
    return rc;
}

/* The submitted cells: changes[] of every `w:IND:CAT` field, and a map
 * from the cell to its submitted text (to keep what was typed). */
struct typed {
    struct kh_weight_change *ch;
    size_t n;
    struct kh_strmap m;
};

static void typed_read(struct typed *t, struct kh_req *r)
{
    struct form_view fv;
    kh__form_fields(r, &fv);
    t->ch = kh_arena_alloc(&r->arena, (size_t)(fv.n > 0 ? fv.n : 1) * sizeof *t->ch);
    t->n = 0;
    kh_strmap_init(&t->m);
    for (int i = 0; i < fv.n; i++) {
        if (strncmp(fv.names[i], "w:", 2) != 0)
            continue;
        char *ind = kh_arena_strdup(&r->arena, fv.names[i] + 2);
        char *cat = strrchr(ind, ':');
        if (cat == NULL || cat == ind)
            continue;
        *cat++ = '\0';
        t->ch[t->n] = (struct kh_weight_change){ind, cat, fv.values[i]};
        kh_strmap_put(&t->m, cell_key(r, ind, cat), (int32_t)t->n);
        t->n++;
    }
}

static const char *kind_label(struct kh_req *r, const char *kind)
{
    static const char *const k[][3] = {
        {"node", "指标组", "group"}, {"quant", "定量", "quantitative"}, {"qual", "定性", "qualitative"},
        {"survey", "问卷", "survey"}, {"bonus", "加分", "bonus"}, {"penalty", "扣分", "penalty"},
        {"veto", "一票否决", "veto"},
    };
    for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
        if (strcmp(kind, k[i][0]) == 0)
            return T(r, k[i][1], k[i][2]);
    return kind;
}

/* Depth of an indicator in the tree (0 for a dimension), by its parents. */
static int depth_of(const struct kh__names *ind, const char *code)
{
    int d = 0;
    const char **row = kh__names_row(ind, code);
    while (row && row[1][0] && d < 16) {
        row = kh__names_row(ind, row[1]);
        d++;
    }
    return d;
}

static void put_form(struct kh_req *r, const struct kh_cycle_row *c, const struct kh__names *ind,
                     const struct kh__names *cats, const struct weights *w, const struct typed *t)
{
    struct kh_buf *o = &r->out;
    bool may_save = kh_authz_role_may(r->actor.role, KH_ACT_SCHEME_EDIT) && c->state == KH_STATE_SETUP;
    kh_html_put(o, "<form method=\"post\" action=\"/cycles/%U/scheme/preview\" id=\"scheme\">", c->code);
    kh__csrf_field(r);
    kh_html_put(o, "<table class=\"grid\" id=\"weights\"><thead><tr><th>%T</th><th>%T</th><th>%T</th>",
                T(r, "指标", "Indicator"), T(r, "类型", "Kind"), T(r, "计分方法", "Method"));
    for (long k = 0; k < cats->x.n; k++)
        kh_html_put(o, "<th class=\"num\">%T <span class=\"code\">%T</span></th>", T(r, "权重", "Weight"),
                    kh__name_of(cats, cats->x.rows[k][0]));
    kh_html_put(o, "</tr></thead><tbody>\n");
    for (long i = 0; i < ind->x.n; i++) {
        const char **row = ind->x.rows[i];
        int depth = depth_of(ind, row[0]);
        kh_html_put(o, "<tr class=\"kind-%A\"><td class=\"depth-%d\">%T <span class=\"code\">%T</span></td>"
                       "<td>%T</td><td>%T</td>",
                    row[3], depth < 4 ? depth : 4, row[2][0] ? row[2] : row[0], row[0], kind_label(r, row[3]), row[6]);
        for (long k = 0; k < cats->x.n; k++) {
            const char *cat = cats->x.rows[k][0], *key = cell_key(r, row[0], cat);
            int32_t wi = kh_strmap_get(&w->m, key), ti = t ? kh_strmap_get(&t->m, key) : -1;
            if (wi < 0) {
                kh_html_put(o, "<td></td>");
                continue;
            }
            const char *stored = w->x.rows[wi][2], *shown = ti >= 0 ? t->ch[ti].weight : stored;
            kh_html_put(o, "<td class=\"num%R\"><input name=\"w:%A:%A\" value=\"%A\" inputmode=\"decimal\" size=\"5\""
                           " aria-label=\"%A %A\" title=\"%A\"></td>",
                        strcmp(shown, stored) != 0 ? " changed" : "", row[0], cat, shown, row[0], cat,
                        kh_arena_printf(&r->arena, "%s %s", T(r, "已存：", "stored:"), stored));
        }
        kh_html_put(o, "</tr>\n");
    }
    kh_html_put(o, "</tbody></table><p class=\"actions\"><button type=\"submit\">%T</button>",
                T(r, "预览影响", "Preview the effect"));
    if (may_save)
        kh_html_put(o, " <button type=\"submit\" formaction=\"/cycles/%U/scheme\" class=\"secondary\">%T</button>",
                    c->code, T(r, "保存权重", "Save the weights"));
    else
        kh_html_put(o, " <span class=\"hint\">%T</span>",
                    T(r, "权重只能在“准备”阶段修改；其他阶段可以预览。", "Weights change only in setup; other states preview."));
    kh_html_put(o, "</p></form>\n");
}

static int moved(const struct kh_scheme_unit *u)
{
    return u->rank_before != u->rank_after || strcmp(u->grade_before, u->grade_after) != 0;
}

static void put_preview(struct kh_req *r, const struct kh_scheme_preview *p, const struct kh__names *cats)
{
    struct kh_buf *o = &r->out;
    size_t nmoved = 0, nregraded = 0;
    for (size_t i = 0; i < p->n; i++) {
        nmoved += p->units[i].rank_before != p->units[i].rank_after;
        nregraded += strcmp(p->units[i].grade_before, p->units[i].grade_after) != 0;
    }
    kh_html_put(o, "<section class=\"card wide\" id=\"preview\"><h2>%T</h2><p id=\"preview-summary\">",
                T(r, "修改的影响", "What the change does"));
    kh_html_put(o, r->lang == KH_LANG_EN ? "%z weight(s) changed; %z unit(s) change rank, %z change grade."
                                         : "改动 %z 个权重；%z 个单位排名变化，%z 个单位等次变化。",
                p->changed, nmoved, nregraded);
    kh_html_put(o, "</p>");
    /* the units that move in a table; the rest folded below it, in the bundle's order */
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1)
            kh_html_put(o, "<details id=\"preview-rest\"><summary>%T</summary>",
                        T(r, "其余单位（排名、等次不变）", "the other units (rank and grade unchanged)"));
        kh_html_put(o, "<table class=\"grid\" id=\"%R\"><thead><tr><th>%T</th><th>%T</th>"
                       "<th class=\"num\">%T</th><th class=\"num\">%T</th><th class=\"num\">%T</th><th>%T</th></tr></thead><tbody>\n",
                    pass == 0 ? "preview-units" : "preview-unchanged", T(r, "单位", "Unit"), T(r, "类别", "Type"),
                    T(r, "综合得分（前 → 后）", "Composite (before → after)"), T(r, "变化", "Change"),
                    T(r, "类别内排名（前 → 后）", "Rank in type (before → after)"),
                    T(r, "等次（前 → 后）", "Grade (before → after)"));
        for (size_t i = 0; i < p->n; i++) {
            const struct kh_scheme_unit *u = &p->units[i];
            if (moved(u) != (pass == 0))
                continue;
            char b[40], a[40], d[40];
            snprintf(b, sizeof b, "%.2f", u->before);
            snprintf(a, sizeof a, "%.2f", u->after);
            snprintf(d, sizeof d, "%+.2f", u->after - u->before);
            int dr = u->rank_before - u->rank_after;
            kh_html_put(o, "<tr%R><td>%T <span class=\"code\">%T</span></td><td>%T</td><td class=\"num\">%T → %T</td>"
                           "<td class=\"num\">%T</td><td class=\"num\">%d → %d %R</td><td>%T → %T</td></tr>\n",
                        pass == 0 ? " class=\"moved\"" : "", u->name[0] ? u->name : u->code, u->code,
                        kh__name_of(cats, u->category), b, a, d, (int)u->rank_before, (int)u->rank_after,
                        dr > 0 ? kh_arena_printf(&r->arena, "<span class=\"up\">↑%d</span>", dr)
                        : dr < 0 ? kh_arena_printf(&r->arena, "<span class=\"down\">↓%d</span>", -dr) : "",
                        u->grade_before, u->grade_after);
        }
        kh_html_put(o, "</tbody></table>%R", pass == 1 ? "</details>" : "");
    }
    kh_html_put(o, "</section>\n");
}

/*
 * The page: GET (stored weights), or after a preview/save (typed values
 * kept, the preview or the error with its diagnostics).
 */
static void render(struct kh_req *r, const struct typed *t, const struct kh_scheme_preview *p,
                   const struct kh_diags *d, const struct kh_error *fail, const char *ok, int status)
{
    struct kh_cycle_row c;
    if (!kh__cycle(r, &c))
        return;
    struct kh_error err;
    kh_error_clear(&err);
    struct weights w;
    int rc = weights_load(&w, r, c.code, &err);
    if (rc != 0) {
        kh_strmap_release(&w.m);
        kh__fail(r, kh__error_status(rc), &err);
        return;
    }
    struct kh__names ind, cats;
    kh__names_load(&ind, r, c.code, "indicators.csv");
    kh__names_load(&cats, r, c.code, "categories.csv");
    kh_buf_reset(&r->out);
    kh__page_begin(r, T(r, "指标方案", "Scheme"), &c, "scheme", NULL);
    if (ok)
        kh_html_put(&r->out, "<div class=\"notice ok\" role=\"status\" id=\"saved\">%T</div>", ok);
    kh__put_refusal(r, fail, d);
    kh_html_put(&r->out, "<p class=\"hint\">%T</p>",
                T(r, "同一上级下的权重按比例使用（SPEC §3）；空白表示该类别不考核此指标。先预览，再保存。",
                  "Weights under one parent are used in proportion (SPEC §3); an empty cell leaves the indicator out "
                  "of that type. Preview first, then save."));
    put_form(r, &c, &ind, &cats, &w, t);
    if (p && p->units)
        put_preview(r, p, &cats);
    kh__names_release(&ind);
    kh__names_release(&cats);
    kh_strmap_release(&w.m);
    kh__page_end(r);
    kh__respond(r, status, "text/html; charset=utf-8");
}

void kh__h_scheme(struct kh_req *r)
{
    render(r, NULL, NULL, NULL, NULL, NULL, 200);
}

/* POST preview and save: the same form, the store's answer below it. */
static void preview_or_save(struct kh_req *r, bool save)
{
    struct typed t;
    typed_read(&t, r);
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_diags d;
    kh_diags_init(&d, 20);
    struct kh_scheme_preview p = {0};
    size_t changed = 0;
    int rc = save ? kh_store_scheme_set(r->store, &r->actor, r->cap[0], t.ch, t.n, &p, &changed, &d, &err)
                  : kh_store_scheme_preview(r->store, &r->actor, r->cap[0], t.ch, t.n, &p, &d, &err);
    if (rc != 0 && rc != KH_EINVAL) {   /* refused, wrong state, no cycle: the usual error page */
        kh__fail(r, kh__error_status(rc), &err);
    } else if (rc != 0) {
        render(r, &t, NULL, &d, &err, NULL, 422);
        r->refusal = "SCHEME_INVALID";
    } else {
        const char *ok = save ? kh_arena_printf(&r->arena, r->lang == KH_LANG_EN ? "%zu weight(s) saved"
                                                                                 : "已保存 %zu 个权重", changed)
                              : NULL;
        render(r, save ? NULL : &t, &p, NULL, NULL, ok, 200);
    }
    kh_scheme_preview_release(&p);
    kh_diags_release(&d);
    kh_strmap_release(&t.m);
}

void kh__h_scheme_preview(struct kh_req *r)
{
    preview_or_save(r, false);
}

void kh__h_scheme_set(struct kh_req *r)
{
    preview_or_save(r, true);
}
