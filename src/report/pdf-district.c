/*
 * pdf-district.c — the district summary, 考核结果汇总 (pdf-report.h).
 *
 * Layout:
 *   1. title and the cycle's figures (units, township types);
 *   2. grade counts per township type against the top-grade quota — the
 *      table the leadership signs off first;
 *   3. per township type, in categories.csv order: a histogram of the
 *      composites with the grade thresholds, then the ranking (rank_category
 *      order, ties in units.csv order as in summary-text.c) with grade and
 *      flags, and a dashed "quota line" under the last place of the top
 *      grade's quota (kh_top_grade_places, the engine's own count, SPEC
 *      §11.18) — units below the line could not be 好 whatever their score;
 *   4. every veto with its indicator, and every flagged unit, flags in words.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/quota.h"
#include "kaohe/round2.h"
#include "kaohe/xalloc.h"
#include "report/pdf-cycle.h"

#define TR(zh, en) kh__pdf_tr(p, zh, en)

struct district_ctx {
    const struct kh_bundle *b;
    const struct kh_results *r;
    int32_t *order;              /* [nunits] scratch: one category's units by rank */
};

struct ranked { int32_t rank, unit; };

static int ranked_cmp(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return (x->unit > y->unit) - (x->unit < y->unit);
}

/* The units of category c by rank; returns their number. */
static int32_t category_order(const struct kh_bundle *b, const struct kh_results *r, int32_t c,
                              int32_t *out)
{
    struct ranked *tmp = kh_xcalloc((size_t)b->nunits + 1, sizeof *tmp);
    int32_t n = 0;
    for (int32_t u = 0; u < b->nunits; u++)
        if (b->units[u].category == c)
            tmp[n++] = (struct ranked){r->units[u].rank_category, u};
    qsort(tmp, (size_t)n, sizeof *tmp, ranked_cmp);
    for (int32_t i = 0; i < n; i++)
        out[i] = tmp[i].unit;
    free(tmp);
    return n;
}

static const char *category_label(const struct kh_category *c, char *buf, size_t n)
{
    if (c->name && c->name[0])
        snprintf(buf, n, "%s（%s）", c->name, c->code);
    else
        snprintf(buf, n, "%s", c->code);
    return buf;
}

/* Flags of unit u in words, "；"-joined, into buf. */
static const char *flags_text(struct kh__pdf *p, const struct kh_bundle *b, const char *flags,
                              char *buf, size_t n)
{
    char one[400];
    size_t len = 0;
    buf[0] = '\0';
    for (const char *s = flags; *s && len + 1 < n;) {
        size_t l = strcspn(s, ";");
        int w = snprintf(buf + len, n - len, "%s%s", len ? TR("；", "; ") : "",
                         kh__pdf_flag_text(b, p->lang, s, l, one, sizeof one));
        if (w < 0 || (size_t)w >= n - len)
            break;
        len += (size_t)w;
        s += l;
        if (*s == ';')
            s++;
    }
    return buf;
}

static void draw_grade_counts(struct kh__pdf *p, struct district_ctx *c)
{
    const struct kh_bundle *b = c->b;
    const struct kh_grades *g = &b->cycle.team_grades;
    struct kh__pdf_col cols[12];
    char titles[12][96], cells_buf[12][96], label[200];
    int ng = g->n < 8 ? (int)g->n : 8;
    int ncols = 0;
    cols[ncols++] = (struct kh__pdf_col){TR("乡镇类型", "Township type"), 110, 0};
    cols[ncols++] = (struct kh__pdf_col){TR("单位数", "Units"), 40, KH__PDF_RIGHT_ALIGN};
    double gw = (KH__PDF_WIDTH - 110 - 40 - 44 - 50) / ng;
    for (int k = 0; k < ng; k++) {
        if (k == 0)
            snprintf(titles[k], sizeof titles[k], TR("%s（名额）", "%s (quota)"), g->names[k]);
        else
            snprintf(titles[k], sizeof titles[k], "%s", g->names[k]);
        cols[ncols++] = (struct kh__pdf_col){titles[k], gw, KH__PDF_RIGHT_ALIGN};
    }
    cols[ncols++] = (struct kh__pdf_col){TR("否决", "Vetoed"), 44, KH__PDF_RIGHT_ALIGN};
    cols[ncols++] = (struct kh__pdf_col){TR("平均分", "Mean"), 50, KH__PDF_RIGHT_ALIGN};

    kh__pdf_heading(p, 2, TR("一、等次分布与优秀名额", "1. Grades against the quota"));
    struct kh__pdf_table t;
    kh__pdf_table_begin(p, &t, cols, ncols, 8);
    for (int32_t cat = 0; cat < b->ncategories; cat++) {
        int32_t n = 0, vetoed = 0, count[8] = {0};
        double sum = 0;
        for (int32_t u = 0; u < b->nunits; u++) {
            if (b->units[u].category != cat)
                continue;
            n++;
            sum += kh_round2(c->r->units[u].composite);
            vetoed += c->r->units[u].vetoed;
            if (c->r->units[u].grade < ng)
                count[c->r->units[u].grade]++;
        }
        const char *cells[12] = {category_label(&b->categories[cat], label, sizeof label)};
        snprintf(cells_buf[0], sizeof cells_buf[0], "%d", (int)n);
        cells[1] = cells_buf[0];
        int32_t places = kh_top_grade_places(b->cycle.team_top_quota, n, true);
        for (int k = 0; k < ng; k++) {
            if (k == 0)
                snprintf(cells_buf[1 + k], sizeof cells_buf[1 + k], "%d / %d", (int)count[k], (int)places);
            else
                snprintf(cells_buf[1 + k], sizeof cells_buf[1 + k], "%d", (int)count[k]);
            cells[2 + k] = cells_buf[1 + k];
        }
        snprintf(cells_buf[1 + ng], sizeof cells_buf[1 + ng], "%d", (int)vetoed);
        cells[2 + ng] = cells_buf[1 + ng];
        kh__pdf_score(n ? sum / n : NAN, cells_buf[2 + ng]);
        cells[3 + ng] = cells_buf[2 + ng];
        kh__pdf_table_row(p, &t, cells, count[0] > places ? KH__PDF_ROW_ACCENT : 0);
    }
    kh__pdf_table_end(p, &t);
    char note[320];
    snprintf(note, sizeof note,
             TR("“%s”等次名额为各类型单位数的 %g%%（向下取整，至少 1 个）；同分并列可超出名额。",
                "Top-grade (%s) places: %g%% of the units of a type (rounded down, at least 1); ties may exceed it."),
             g->names[0], b->cycle.team_top_quota * 100);
    kh__pdf_paragraph(p, note, 7.5, KH__PDF_MUTED);
}

static void draw_category(struct kh__pdf *p, struct district_ctx *c, int32_t cat, int index)
{
    static const char *const numerals[] = {"二", "三", "四", "五", "六", "七", "八", "九", "十"};
    const struct kh_bundle *b = c->b;
    const struct kh_grades *g = &b->cycle.team_grades;
    char label[200], heading[320];
    int32_t n = category_order(b, c->r, cat, c->order);
    category_label(&b->categories[cat], label, sizeof label);
    /* heading, histogram and the first rows of the ranking stay together */
    kh__pdf_need(p, 230);
    if (p->lang == KH_LANG_EN)
        snprintf(heading, sizeof heading, "%d. %s: ranking", index + 2, label);
    else
        snprintf(heading, sizeof heading, "%s、%s排名", index < 9 ? numerals[index] : "十", label);
    kh__pdf_heading(p, 2, heading);
    kh__pdf_bookmark(p, 0, label);
    if (n == 0) {
        kh__pdf_paragraph(p, TR("本类型无单位。", "No unit of this type."), 9, 0);
        return;
    }

    /* histogram */
    double *vals = kh_xcalloc((size_t)n, sizeof *vals);
    double lo = 100, hi = 100;
    for (int32_t i = 0; i < n; i++) {
        vals[i] = kh_round2(c->r->units[c->order[i]].composite);
        if (vals[i] < lo)
            lo = vals[i];
        if (vals[i] > hi)
            hi = vals[i];
    }
    if (g->n >= 2 && g->thresholds[g->n - 2] - 5 < lo)
        lo = g->thresholds[g->n - 2] - 5;
    lo = floor(lo / 5) * 5;
    lo = lo < 0 ? 0 : lo;
    hi = ceil(hi / 5) * 5;
    char thr_text[8][96];
    const char *thr_labels[8];
    int nthr = g->n - 1 < 8 ? (int)g->n - 1 : 8;
    for (int k = 0; k < nthr; k++) {
        snprintf(thr_text[k], sizeof thr_text[k], "%s ≥ %g", g->names[k], g->thresholds[k]);
        thr_labels[k] = thr_text[k];
    }
    kh__pdf_need(p, 130);
    kh__pdf_text(p, KH__PDF_LEFT, p->y, KH__PDF_WIDTH, TR("综合得分分布（每 5 分一组）",
                                                        "Composite distribution (bins of 5 points)"),
                 8, KH__PDF_MUTED);
    p->y += 12;
    kh__pdf_histogram(p, KH__PDF_LEFT, p->y, KH__PDF_WIDTH, 110, vals, (int)n, lo, hi, 5,
                      g->thresholds, thr_labels, nthr);
    p->y += 118;
    free(vals);

    /* ranking */
    const struct kh__pdf_col cols[] = {
        {TR("名次", "Rank"), 32, KH__PDF_RIGHT_ALIGN},
        {TR("编码", "Code"), 52, 0},
        {TR("单位名称", "Unit"), 100, 0},
        {TR("所属区", "District"), 62, 0},
        {TR("综合得分", "Composite"), 56, KH__PDF_RIGHT_ALIGN},
        {TR("全区名次", "Overall"), 44, KH__PDF_RIGHT_ALIGN},
        {TR("等次", "Grade"), 40, KH__PDF_CENTER},
        {TR("标记", "Flags"), 97, 0},
    };
    struct kh__pdf_table t;
    int32_t places = kh_top_grade_places(b->cycle.team_top_quota, n, true);
    char rank[16], overall[16], comp[32], flags[1200], line[200];
    snprintf(line, sizeof line, TR("“%s”等次名额线：%d 个", "%s quota line: %d places"), g->names[0],
             (int)places);
    kh__pdf_table_begin(p, &t, cols, 8, 7.5);
    for (int32_t i = 0; i < n; i++) {
        int32_t u = c->order[i];
        const struct kh_unit_result *ur = &c->r->units[u];
        snprintf(rank, sizeof rank, "%d", (int)ur->rank_category);
        snprintf(overall, sizeof overall, "%d", (int)ur->rank_overall);
        const char *cells[8] = {rank, b->units[u].code, b->units[u].name,
                                b->units[u].district_name ? b->units[u].district_name : "",
                                kh__pdf_score(ur->composite, comp), overall,
                                g->names[ur->grade],
                                flags_text(p, b, c->r->unit_flags ? c->r->unit_flags[u] : "", flags,
                                           sizeof flags)};
        kh__pdf_table_row(p, &t, cells, ur->vetoed ? KH__PDF_ROW_ACCENT : 0);
        if (i + 1 == places && i + 1 < n)
            kh__pdf_table_line(p, &t, line);
    }
    kh__pdf_table_end(p, &t);
}

static void draw_vetoes_flags(struct kh__pdf *p, struct district_ctx *c, int index)
{
    static const char *const numerals[] = {"二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"};
    const struct kh_bundle *b = c->b;
    char heading[200], name[320], label[200], flags[1200], veto[1200];
    if (p->lang == KH_LANG_EN)
        snprintf(heading, sizeof heading, "%d. Vetoes and flags", index + 2);
    else
        snprintf(heading, sizeof heading, "%s、一票否决与标记", index < 10 ? numerals[index] : "十一");
    kh__pdf_heading(p, 2, heading);
    kh__pdf_bookmark(p, 0, TR("一票否决与标记", "Vetoes and flags"));
    const struct kh__pdf_col cols[] = {
        {TR("单位", "Unit"), 130, 0},
        {TR("乡镇类型", "Type"), 90, 0},
        {TR("一票否决", "Veto"), 113, 0},
        {TR("标记", "Flags"), 150, 0},
    };
    struct kh__pdf_table t;
    int32_t nrows = 0;
    for (int32_t u = 0; u < b->nunits; u++) {
        const char *fl = c->r->unit_flags ? c->r->unit_flags[u] : "";
        const char *vt = c->r->unit_veto ? c->r->unit_veto[u] : "";
        if (!fl[0] && !vt[0])
            continue;
        if (nrows++ == 0)
            kh__pdf_table_begin(p, &t, cols, 4, 7.5);
        veto[0] = '\0';
        for (const char *s = vt; *s;) {
            size_t l = strcspn(s, ";");
            char code[128];
            snprintf(code, sizeof code, "%.*s", (int)l, s);
            int32_t k = kh_strmap_get(&b->node_ix, code);
            size_t len = strlen(veto);
            snprintf(veto + len, sizeof veto - len, "%s%s", len ? TR("；", "; ") : "",
                     k >= 0 ? kh__pdf_named(code, b->nodes[k].name, name, sizeof name) : code);
            s += l;
            if (*s == ';')
                s++;
        }
        char uname[320];
        const char *cells[4] = {kh__pdf_named(b->units[u].code, b->units[u].name, uname, sizeof uname),
                                category_label(&b->categories[b->units[u].category], label, sizeof label),
                                veto[0] ? veto : "—", flags_text(p, b, fl, flags, sizeof flags)};
        kh__pdf_table_row(p, &t, cells, vt[0] ? KH__PDF_ROW_ACCENT : 0);
    }
    if (nrows > 0)
        kh__pdf_table_end(p, &t);
    else
        kh__pdf_paragraph(p, TR("本周期无一票否决，无标记。", "No veto and no flag this cycle."), 9, 0);
}

static void draw_district(struct kh__pdf *p, void *vctx)
{
    struct district_ctx *c = vctx;
    const struct kh_bundle *b = c->b;
    char line[480];
    kh__pdf_new_page(p);
    kh__pdf_bookmark(p, 0, TR("考核结果汇总", "Summary of results"));
    kh__pdf_heading(p, 1, TR("考核结果汇总", "Summary of Assessment Results"));
    snprintf(line, sizeof line, TR("%s　参评单位 %d 个，乡镇类型 %d 类", "%s — %d units in %d township types"),
             b->cycle.name && b->cycle.name[0] ? b->cycle.name : b->cycle.code, (int)b->nunits,
             (int)b->ncategories);
    kh__pdf_paragraph(p, line, 10.5, KH__PDF_CENTER);
    p->y += 6;
    draw_grade_counts(p, c);
    for (int32_t cat = 0; cat < b->ncategories; cat++)
        draw_category(p, c, cat, (int)cat);
    draw_vetoes_flags(p, c, (int)b->ncategories);
}

int kh_pdf_district_report(const struct kh_bundle *b, const struct kh_results *r,
                           const struct kh_pdf_report_opts *o, const char *path,
                           struct kh_error *err)
{
    struct kh__pdf_cycle_texts texts;
    struct kh__pdf_setup setup;
    struct district_ctx c = {b, r, kh_xcalloc((size_t)b->nunits + 1, sizeof(int32_t))};
    kh__pdf_cycle_setup(b, o, o->lang == KH_LANG_EN ? "Summary of assessment results" : "考核结果汇总",
                        &texts, &setup);
    int rc = kh__pdf_render(path, &setup, draw_district, &c, err);
    free(c.order);
    return rc;
}
