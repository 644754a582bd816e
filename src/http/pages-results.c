/*
 * pages-results.c — results as the office, the leadership and (after
 * publication) each township read them.
 *
 * Everything shown is a stored result table (the bytes `kaohe results`
 * prints, kh_store_results_csv), so the page cannot disagree with the CLI,
 * an export or a printed report.  The store decides the scope: the office
 * and viewers read every unit (results.read); a unit reads its own rows,
 * and only once the cycle is in publicity or final (results.own).
 *
 * The ranking page groups units by township type (category) — a ranking
 * across types would compare unlike with unlike (SPEC §8) — with grade,
 * composite and flags, a bar chart per type and a histogram (ECharts from
 * the binary, animation off); the grade counts per type and for the
 * district, the top grade's next to its quota (kh_top_grade_places on the
 * validated stored bundle, the engine's number; the district's is the sum
 * over types) with a count above it marked; per period, how many (unit,
 * leaf) pairs of warnings.csv are green, yellow and red; and, for those who
 * may read every unit, a link to the rank-stability page
 * (pages-stability.c).  The unit card (?unit=CODE) shows a radar against
 * the type's mean, each node's value, score, global weight and
 * contribution to the composite, its tracked leaves' expected against
 * actual per period (warnings.csv rows: a small chart per leaf and a table
 * with the level, warnings-table.c) and the unit's cadres.  Every table is
 * a CSV download.
 */
#include <stdlib.h>
#include <string.h>
#include "http/handlers.h"
#include "kaohe/html.h"
#include "kaohe/round2.h"
#include "kaohe/msg-http.h"
#include "kaohe/quota.h"
#include "kaohe/store-load.h"

/* Load one result table for this user; false (and nothing shown) when the
 * store refuses or the cycle has no such table yet. */
static bool table(struct kh_req *r, const char *cycle, const char *file, const char *unit, struct kh__rows *x,
                  const char ***names, struct kh_error *err)
{
    struct kh_buf csv = KH_BUF_INIT;
    kh__rows_init(x, r, 0);
    *names = NULL;
    int rc = kh_store_results_csv(r->store, &r->actor, cycle, file, unit, &csv, err);
    if (rc == 0)
        rc = kh__rows_csv(x, kh_buf_cstr(&csv), names, err);
    kh_buf_release(&csv);
    return rc == 0 && *names != NULL;
}

static int cmp_rank(const void *a, const void *b)
{
    const char *const *x = *(const char *const *const *)a, *const *y = *(const char *const *const *)b;
    int c = strcmp(x[1], y[1]);
    if (c != 0)
        return c;
    return atoi(x[6]) - atoi(y[6]);
}

static void downloads(struct kh_req *r, const char *cycle)
{
    static const char *const files[] = {"results_units.csv", "results_nodes.csv", "results_contributions.csv",
                                        "results_cadres.csv", "results_surveys.csv", "warnings.csv", NULL};
    kh_html_put(&r->out, "<p class=\"downloads\">%T ", T(r, "下载（CSV）：", "Download (CSV):"));
    for (int i = 0; files[i]; i++)
        kh_html_put(&r->out, "<a href=\"/cycles/%U/results/%U\">%T</a> ", cycle, files[i], files[i]);
    kh_html_put(&r->out, "</p>");
}

/* The printable reports (pages-reports.c) for those who may read every
 * result: the district summary on the overview, a unit's report card and
 * feedback report on its card. */
static void pdf_links(struct kh_req *r, const char *cycle, const char *unit)
{
    if (!kh_authz_role_may(r->actor.role, KH_ACT_RESULTS_READ))
        return;
    kh_html_put(&r->out, "<p class=\"downloads\" id=\"pdfs\">%T ", T(r, "打印（PDF）：", "Print (PDF):"));
    if (unit)
        kh_html_put(&r->out, "<a href=\"/cycles/%U/reports/unit/%U\">%T</a> "
                             "<a href=\"/cycles/%U/reports/feedback/%U\">%T</a>",
                    cycle, unit, T(r, "单位考核报告", "report card"), cycle, unit,
                    T(r, "反馈报告", "feedback report"));
    else
        kh_html_put(&r->out, "<a href=\"/cycles/%U/reports/district.pdf\">%T</a>", cycle,
                    T(r, "考核结果汇总", "district summary"));
    kh_html_put(&r->out, "</p>");
}

/* The radar of the unit's dimension scores against its township type's
 * mean (the mean only for those who may read every unit, and only up to
 * 5,000 units: it reads every unit's node rows). */
static void radar(struct kh_req *r, const struct kh_cycle_row *c, const char *category,
                  const struct kh__rows *nodes, const struct kh__names *leaves)
{
    json_t *dims = json_array(), *mine = json_array(), *mean = json_array();
    const char *codes[32];
    int nd = 0;
    for (long i = 0; i < nodes->n && nd < 32; i++) {
        const char **lr = kh__names_row(leaves, nodes->rows[i][1]);
        if (lr == NULL || lr[1][0] != '\0')
            continue;
        codes[nd++] = nodes->rows[i][1];
        json_array_append_new(dims, json_string(kh__name_of(leaves, nodes->rows[i][1])));
        json_array_append_new(mine, json_real(kh_round2(atof(nodes->rows[i][3]))));
    }
    if (nd < 3) {
        json_decref(dims), json_decref(mine), json_decref(mean);
        return;
    }
    if (r->actor.role != KH_ROLE_UNIT) {
        struct kh__rows all, units;
        const char **an, **un;
        struct kh_error err;
        kh_error_clear(&err);
        if (table(r, c->code, "results_units.csv", NULL, &units, &un, &err) && units.n <= 5000 &&
            table(r, c->code, "results_nodes.csv", NULL, &all, &an, &err)) {
            struct kh_strmap same;
            kh_strmap_init(&same);
            for (long i = 0; i < units.n; i++)
                if (strcmp(units.rows[i][1], category) == 0)
                    kh_strmap_put(&same, units.rows[i][0], 1);
            double sum[32] = {0};
            long cnt[32] = {0};
            for (long i = 0; i < all.n; i++) {
                if (kh_strmap_get(&same, all.rows[i][0]) < 0)
                    continue;
                for (int k = 0; k < nd; k++)
                    if (strcmp(all.rows[i][1], codes[k]) == 0 && all.rows[i][3][0]) {
                        sum[k] += atof(all.rows[i][3]);
                        cnt[k]++;
                    }
            }
            for (int k = 0; k < nd; k++)
                json_array_append_new(mean, json_real(cnt[k] ? kh_round2(sum[k] / (double)cnt[k]) : 0));
            kh_strmap_release(&same);
        }
    }
    json_t *doc = json_pack("{s:o, s:o, s:o, s:s, s:s}", "dims", dims, "unit", mine, "mean", mean, "unit_label",
                            T(r, "本单位", "this unit"), "mean_label", T(r, "同类型平均", "type mean"));
    char *t = json_dumps(doc, JSON_COMPACT);
    kh_html_put(&r->out, "<div id=\"radar\" class=\"chart radar\" data-radar=\"%A\" data-title=\"%A\"></div>", t,
                T(r, "各维度得分与同类型平均", "Dimension scores against the type's mean"));
    free(t);
    json_decref(doc);
}

/* Index of s in the first n entries of v, appended when absent (up to max). */
static int index_of(const char **v, int *n, int max, const char *s)
{
    for (int k = 0; k < *n; k++)
        if (strcmp(v[k], s) == 0)
            return k;
    if (*n >= max)
        return -1;
    v[*n] = s;
    return (*n)++;
}

/* The unit's tracked leaves, expected against actual per period (the
 * stored warnings.csv rows of the unit: every checked (leaf, period) with
 * its level), as a table and a chart; nothing when none is tracked. */
static void tracking(struct kh_req *r, const char *cycle, const char *unit, const struct kh__names *leaves)
{
    struct kh__rows w;
    const char **wn;
    struct kh_error err;
    kh_error_clear(&err);
    if (!table(r, cycle, "warnings.csv", unit, &w, &wn, &err) || w.n == 0)
        return;
    struct kh_buf *o = &r->out;
    const char *periods[64], *codes[32];
    int np = 0, nl = 0;
    for (long i = 0; i < w.n; i++) {
        index_of(periods, &np, 64, w.rows[i][2]);
        index_of(codes, &nl, 32, w.rows[i][1]);
    }
    json_t *jp = json_array(), *jl = json_array();
    for (int k = 0; k < np; k++)
        json_array_append_new(jp, json_string(periods[k]));
    for (int l = 0; l < nl; l++) {
        json_t *ex = json_array(), *ac = json_array(), *lv = json_array();
        for (int k = 0; k < np; k++) {
            long hit = -1;
            for (long i = 0; i < w.n && hit < 0; i++)
                if (strcmp(w.rows[i][1], codes[l]) == 0 && strcmp(w.rows[i][2], periods[k]) == 0)
                    hit = i;
            json_array_append_new(ex, hit < 0 ? json_null() : json_real(atof(w.rows[hit][3])));
            json_array_append_new(ac, hit < 0 ? json_null() : json_real(atof(w.rows[hit][4])));
            json_array_append_new(lv, json_string(hit < 0 ? "" : w.rows[hit][6]));
        }
        json_array_append_new(jl, json_pack("{s:s, s:o, s:o, s:o}", "name", kh__name_of(leaves, codes[l]), "expected",
                                            ex, "actual", ac, "level", lv));
    }
    json_t *doc = json_pack("{s:o, s:o, s:s, s:s}", "periods", jp, "leaves", jl, "expected_label",
                            T(r, "应达", "expected"), "actual_label", T(r, "实际", "actual"));
    char *t = json_dumps(doc, JSON_COMPACT);
    kh_html_put(o, "<h2>%T</h2><div id=\"tracking\" class=\"chart\" data-tracking=\"%A\" data-title=\"%A\"></div>",
                T(r, "进度跟踪（各期应达与实际）", "Tracking (expected against actual per period)"), t,
                T(r, "跟踪指标：各期应达（虚线）与实际（柱，按预警着色）", "Tracked leaves: expected (dashed) and actual (bars, coloured by level) per period"));
    free(t);
    json_decref(doc);
    kh__warnings_table(r, "tracking-table", &w, NULL, leaves, true);
}

/* Per period, how many (unit, leaf) pairs of the stored warnings.csv are
 * green, yellow and red; nothing when nothing is tracked. */
static void tracking_summary(struct kh_req *r, const char *cycle)
{
    struct kh__rows w;
    const char **wn;
    struct kh_error err;
    kh_error_clear(&err);
    if (!table(r, cycle, "warnings.csv", NULL, &w, &wn, &err) || w.n == 0)
        return;
    static const char *const levels[3] = {"green", "yellow", "red"};
    const char *periods[64];
    long cnt[64][3] = {{0}};
    int np = 0;
    for (long i = 0; i < w.n; i++) {
        int k = index_of(periods, &np, 64, w.rows[i][2]);
        for (int l = 0; k >= 0 && l < 3; l++)
            cnt[k][l] += strcmp(w.rows[i][6], levels[l]) == 0;
    }
    kh_html_put(&r->out, "<h2>%T</h2><table class=\"grid\" id=\"tracking-summary\"><thead><tr><th>%T</th>"
                         "<th class=\"num\">%T</th><th class=\"num\">%T</th><th class=\"num\">%T</th></tr></thead><tbody>",
                T(r, "进度跟踪（各期单位 × 指标的预警分布）", "Tracking: (unit, leaf) pairs per period and level"),
                T(r, "期间", "Period"), kh__level_text(r, "green"), kh__level_text(r, "yellow"), kh__level_text(r, "red"));
    for (int k = 0; k < np; k++)
        kh_html_put(&r->out, "<tr data-period=\"%A\"><td>%T</td><td class=\"num green\">%ld</td>"
                             "<td class=\"num yellow\">%ld</td><td class=\"num red\">%ld</td></tr>",
                    periods[k], periods[k], cnt[k][0], cnt[k][1], cnt[k][2]);
    kh_html_put(&r->out, "</tbody></table>");
}

/* Grade counts per township type and for the district, the top grade's
 * count next to its quota: kh_top_grade_places of the cycle's
 * team_top_quota and the type's number of units — the engine's own number
 * (quota.h).  The district's quota is the sum of its types' quotas, the
 * places the engine may actually give (the quota applies per type).  The
 * grade names and the quota come from the validated stored bundle
 * (kh_store_load), so defaults and thresholds are the bundle reader's. */
static void grade_counts(struct kh_req *r, const char *cycle, const struct kh__rows *u, const struct kh__names *cats)
{
    struct kh_buf *o = &r->out;
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_diags d;
    kh_diags_init(&d, 5);
    struct kh_bundle b;
    kh_bundle_init(&b);
    if (kh_store_load(r->store, &r->actor, KH_ACT_RESULTS_READ, NULL, cycle, &b, &d, &err) != 0) {
        char text[1024];
        kh_html_put(o, "<p class=\"empty\">%T</p>", kh_error_text(&err, r->lang, text, sizeof text));
        goto out;
    }
    const struct kh_grades *g = &b.cycle.team_grades;
    int ng = g->n < 16 ? (int)g->n : 16;
    kh_html_put(o, "<h2>%T</h2><table class=\"grid\" id=\"grades\"><thead><tr><th>%T</th><th class=\"num\">%T</th>",
                T(r, "等次分布与优秀名额", "Grades against the quota"), T(r, "乡镇类型", "Township type"),
                T(r, "单位数", "Units"));
    for (int k = 0; k < ng; k++)
        kh_html_put(o, "<th class=\"num\">%T</th>", g->names[k]);
    kh_html_put(o, "<th class=\"num\">%T</th></tr></thead><tbody>",
                kh_arena_printf(&r->arena, T(r, "“%s”名额", "%s quota"), g->names[0]));
    long total[16] = {0}, tn = 0, tq = 0;
    for (int32_t cat = 0; cat <= b.ncategories; cat++) {
        bool district = cat == b.ncategories;
        long count[16] = {0}, n = 0, quota;
        if (!district) {
            for (long i = 0; i < u->n; i++) {
                if (strcmp(u->rows[i][1], b.categories[cat].code) != 0)
                    continue;
                n++;
                for (int k = 0; k < ng; k++)
                    count[k] += strcmp(u->rows[i][8], g->names[k]) == 0;
            }
            if (n == 0)
                continue;
            quota = kh_top_grade_places(b.cycle.team_top_quota, (int32_t)n, true);
            tn += n, tq += quota;
            for (int k = 0; k < ng; k++)
                total[k] += count[k];
            kh_html_put(o, "<tr data-category=\"%A\"><th>%T <span class=\"code\">%T</span></th>", b.categories[cat].code,
                        kh__name_of(cats, b.categories[cat].code), b.categories[cat].code);
        } else {
            n = tn, quota = tq;
            memcpy(count, total, sizeof count);
            kh_html_put(o, "<tr class=\"total\" data-category=\"\"><th>%T</th>", T(r, "全区", "District"));
        }
        kh_html_put(o, "<td class=\"num\">%ld</td>", n);
        for (int k = 0; k < ng; k++) {
            bool over = k == 0 && count[k] > quota;
            kh_html_put(o, "<td class=\"num%R\"%R>%ld%R</td>", over ? " over" : "",
                        over ? kh_arena_printf(&r->arena, " title=\"%s\"", T(r, "超出名额（同分并列）", "above the quota (ties)")) : "",
                        count[k], over ? " ▲" : "");
        }
        kh_html_put(o, "<td class=\"num quota\">%ld</td></tr>", quota);
    }
    kh_html_put(o, "</tbody></table><p class=\"hint\">%T</p>",
                kh_arena_printf(&r->arena,
                                T(r, "“%s”等次名额为各类型单位数的 %g%%（向下取整，至少 1 个）；全区名额为各类型名额之和；▲ 表示超出名额（同分并列）。",
                                  "Top-grade (%s) places: %g%% of the units of a type (rounded down, at least 1); the district's is the sum over types; ▲ marks a count above its quota (ties)."),
                                g->names[0], b.cycle.team_top_quota * 100));
out:
    kh_bundle_release(&b);
    kh_diags_release(&d);
}

static void unit_card(struct kh_req *r, const struct kh_cycle_row *c, const char *unit, struct kh__names *units)
{
    struct kh_buf *o = &r->out;
    struct kh_error err;
    kh_error_clear(&err);
    struct kh__rows u, nodes, contrib, cad;
    const char **un, **nn, **cn, **dn;
    if (!table(r, c->code, "results_units.csv", unit, &u, &un, &err) || u.n == 0) {
        char text[1024];
        kh_html_put(o, "<div class=\"notice err\">%T</div>", err.code ? kh_error_text(&err, r->lang, text, sizeof text)
                                                                       : T(r, "没有该单位的结果", "no results for this unit"));
        return;
    }
    const char **row = u.rows[0];
    kh_html_put(o, "<h2>%T <span class=\"code\">%T</span></h2><div class=\"tiles\">", kh__name_of(units, unit), unit);
    kh_html_put(o, "<div class=\"tile\"><div class=\"k\">%T</div><div class=\"v\">%T</div></div>", T(r, "综合得分", "Composite"), kh__fmt(r, row[5], 2));
    kh_html_put(o, "<div class=\"tile\"><div class=\"k\">%T</div><div class=\"v\">%T</div></div>", T(r, "类内排名", "Rank in type"), row[6]);
    kh_html_put(o, "<div class=\"tile\"><div class=\"k\">%T</div><div class=\"v\">%T</div></div>", T(r, "等次", "Grade"), row[8]);
    kh_html_put(o, "<div class=\"tile\"><div class=\"k\">%T</div><div class=\"v\">%T / %T</div></div>",
                T(r, "加分 / 扣分", "Bonus / penalty"), kh__fmt(r, row[3], 2), kh__fmt(r, row[4], 2));
    kh_html_put(o, "</div>");
    if (row[10][0])
        kh_html_put(o, "<p class=\"flags\">%T %T</p>", T(r, "标记：", "Flags:"), row[10]);
    struct kh__names leaves;
    kh__names_load(&leaves, r, c->code, "indicators.csv");
    bool have_nodes = table(r, c->code, "results_nodes.csv", unit, &nodes, &nn, &err);
    if (have_nodes)
        radar(r, c, row[1], &nodes, &leaves);
    if (have_nodes) {
        table(r, c->code, "results_contributions.csv", unit, &contrib, &cn, &err);
        kh_html_put(o, "<table class=\"grid\" id=\"nodes\"><thead><tr><th>%T</th><th>%T</th><th class=\"num\">%T</th><th class=\"num\">%T</th>"
                       "<th class=\"num\">%T</th><th class=\"num\">%T</th></tr></thead><tbody>",
                    T(r, "编码", "Code"), T(r, "指标", "Indicator"), T(r, "原始值", "Value"), T(r, "得分", "Score"),
                    T(r, "全局权重", "Global weight"), T(r, "对综合得分的贡献", "Contribution"));
        for (long i = 0; i < nodes.n; i++) {
            const char **nr = nodes.rows[i], *ct = "";
            for (long k = 0; cn && k < contrib.n; k++)
                if (strcmp(contrib.rows[k][1], nr[1]) == 0)
                    ct = contrib.rows[k][2];
            const char **lr = kh__names_row(&leaves, nr[1]);
            bool dim = lr && lr[1][0] == '\0';
            kh_html_put(o, "<tr%R><td>%T</td><td>%T</td><td class=\"num\">%T</td><td class=\"num\">%T</td><td class=\"num\">%T</td><td class=\"num\">%T</td></tr>",
                        dim ? " class=\"dim\"" : "", nr[1], kh__name_of(&leaves, nr[1]), kh__fmt(r, nr[2], -1), kh__fmt(r, nr[3], 2),
                        kh__fmt(r, nr[4], 4), kh__fmt(r, ct, 4));
        }
        kh_html_put(o, "</tbody></table>");
    }
    tracking(r, c->code, unit, &leaves);
    kh__names_release(&leaves);
    if (table(r, c->code, "results_cadres.csv", unit, &cad, &dn, &err) && cad.n > 0) {
        struct kh__names cadres, positions;
        kh__names_load(&cadres, r, c->code, "cadres.csv");
        kh__names_load(&positions, r, c->code, "positions.csv");
        kh_html_put(o, "<h2>%T</h2><table class=\"grid\" id=\"cadres\"><thead><tr><th>%T</th><th>%T</th><th class=\"num\">%T</th>"
                       "<th class=\"num\">%T</th><th class=\"num\">%T</th><th class=\"num\">%T</th><th>%T</th><th>%T</th></tr></thead><tbody>",
                    T(r, "领导干部", "Cadres"), T(r, "姓名", "Name"), T(r, "职务", "Position"), T(r, "班子", "Team"),
                    T(r, "履职", "Duty"), T(r, "测评", "Evaluation"), T(r, "得分", "Score"), T(r, "等次", "Grade"),
                    T(r, "标记", "Flags"));
        for (long i = 0; i < cad.n; i++) {
            const char **x = cad.rows[i];
            kh_html_put(o, "<tr><td>%T <span class=\"code\">%T</span>", kh__name_of(&cadres, x[0]), x[0]);
            if (kh_authz_role_may(r->actor.role, KH_ACT_RESULTS_READ))
                kh_html_put(o, " <a class=\"pdf\" href=\"/cycles/%U/reports/cadre/%U\">%T</a>", c->code, x[0],
                            T(r, "考核表 PDF", "form (PDF)"));
            kh_html_put(o, "</td><td>%T</td><td class=\"num\">%T</td><td class=\"num\">%T</td>"
                           "<td class=\"num\">%T</td><td class=\"num\">%T</td><td>%T</td><td>%T</td></tr>",
                        kh__name_of(&positions, x[2]), kh__fmt(r, x[3], 2), kh__fmt(r, x[4], 2),
                        kh__fmt(r, x[5], 2), kh__fmt(r, x[7], 2), x[8], x[10]);
        }
        kh_html_put(o, "</tbody></table>");
        kh__names_release(&cadres);
        kh__names_release(&positions);
    }
}

void kh__h_results(struct kh_req *r)
{
    struct kh_cycle_row c;
    if (!kh__cycle(r, &c))
        return;
    struct kh_buf *o = &r->out;
    struct kh_error err;
    kh_error_clear(&err);
    const char *unit = kh__query(r, "unit");
    if (r->actor.role == KH_ROLE_UNIT)
        unit = r->actor.unit;
    struct kh__rows u;
    const char **names;
    bool ok = table(r, c.code, "results_units.csv", r->actor.role == KH_ROLE_UNIT ? unit : NULL, &u, &names, &err);
    if (!ok && err.code == KH_EPERM) {
        kh__fail(r, 403, &err);
        return;
    }
    struct kh__names units, cats;
    kh__names_load(&units, r, c.code, "units.csv");
    kh__names_load(&cats, r, c.code, "categories.csv");
    kh__page_begin(r, T(r, "考核结果", "Results"), &c, "results", (const char *const[]){"echarts.min.js", "results.js", NULL});
    if (!ok) {
        char text[1024];
        kh_html_put(o, "<p class=\"empty\">%T</p>", kh_error_text(&err, r->lang, text, sizeof text));
    } else if (unit && unit[0]) {
        unit_card(r, &c, unit, &units);
        pdf_links(r, c.code, unit);
        downloads(r, c.code);
    } else {
        qsort(u.rows, (size_t)u.n, sizeof *u.rows, cmp_rank);
        json_t *chart = json_array();
        const char *cur = NULL;
        json_t *series = NULL;
        for (long i = 0; i < u.n; i++) {
            const char **x = u.rows[i];
            if (cur == NULL || strcmp(cur, x[1]) != 0) {
                if (cur)
                    kh_html_put(o, "</tbody></table>");
                cur = x[1];
                series = json_pack("{s:s, s:[], s:[]}", "category", kh__name_of(&cats, cur), "units", "scores");
                json_array_append_new(chart, series);
                kh_html_put(o, "<h2>%T <span class=\"code\">%T</span></h2>"
                               "<table class=\"grid ranking\" data-category=\"%A\"><thead><tr><th class=\"num\">%T</th><th>%T</th>"
                               "<th class=\"num\">%T</th><th class=\"num\">%T</th><th class=\"num\">%T</th><th>%T</th><th>%T</th></tr></thead><tbody>",
                            kh__name_of(&cats, cur), cur, cur, T(r, "类内排名", "Rank"), T(r, "单位", "Unit"),
                            T(r, "综合得分", "Composite"), T(r, "基础分", "Base"), T(r, "总排名", "Overall"),
                            T(r, "等次", "Grade"), T(r, "标记", "Flags"));
            }
            json_array_append_new(json_object_get(series, "units"), json_string(kh__name_of(&units, x[0])));
            json_array_append_new(json_object_get(series, "scores"), json_real(atof(x[5])));
            kh_html_put(o, "<tr><td class=\"num\">%T</td><td><a href=\"/cycles/%U/results?unit=%U\">%T</a> <span class=\"code\">%T</span></td>"
                           "<td class=\"num\">%T</td><td class=\"num\">%T</td><td class=\"num\">%T</td><td><span class=\"grade\">%T</span></td><td class=\"flags\">%T</td></tr>",
                        x[6], c.code, x[0], kh__name_of(&units, x[0]), x[0], kh__fmt(r, x[5], 2), kh__fmt(r, x[2], 2), x[7], x[8], x[10]);
        }
        if (cur)
            kh_html_put(o, "</tbody></table>");
        grade_counts(r, c.code, &u, &cats);
        tracking_summary(r, c.code);
        char *cj = json_dumps(chart, JSON_COMPACT);
        kh_html_put(o, "<div id=\"histogram\" class=\"chart\" data-chart=\"%A\" data-title=\"%A\"></div>", cj,
                    T(r, "各类型综合得分分布（每 2 分一组）", "Composite distribution per type (bins of 2 points)"));
        kh_html_put(o, "<div id=\"chart\" class=\"chart\" data-chart=\"%A\" data-title=\"%A\"></div>", cj,
                    T(r, "各类型综合得分", "Composite by township type"));
        free(cj);
        json_decref(chart);
        if (kh_authz_role_may(r->actor.role, KH_ACT_RESULTS_READ))
            kh_html_put(o, "<p id=\"stability-link\"><a href=\"/cycles/%U/results/stability\">%T</a></p>", c.code,
                        T(r, "排名稳定性：权重扰动下各单位的名次区间 →",
                          "Rank stability: each unit's rank interval under perturbed weights →"));
        pdf_links(r, c.code, NULL);
        downloads(r, c.code);
    }
    kh__names_release(&units);
    kh__names_release(&cats);
    kh__page_end(r);
    kh__respond(r, 200, "text/html; charset=utf-8");
}

void kh__h_results_file(struct kh_req *r)
{
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_buf csv = KH_BUF_INIT;
    const char *unit = r->actor.role == KH_ROLE_UNIT ? r->actor.unit : kh__query(r, "unit");
    int rc = kh_store_results_csv(r->store, &r->actor, r->cap[0], r->cap[1], unit, &csv, &err);
    if (rc != 0) {
        kh_buf_release(&csv);
        kh__fail(r, kh__error_status(rc), &err);
        return;
    }
    kh_buf_reset(&r->out);
    kh_buf_append(&r->out, csv.data ? csv.data : "", csv.len);
    kh_buf_release(&csv);
    /* file names are ours (the table list), the cycle code is not: keep
     * only safe characters in the suggested name */
    char name[200];
    size_t n = 0;
    for (const char *p = r->cap[0]; *p && n < 100; p++)
        name[n++] = (char)((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ? *p : '_');
    name[n] = '\0';
    r->disposition = kh_arena_printf(&r->arena, "attachment; filename=\"%s-%s\"", name, r->cap[1]);
    kh__respond(r, 200, "text/csv; charset=utf-8");
}
