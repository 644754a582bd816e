/*
 * pdf-feedback.c — the feedback report, 反馈报告 (SPEC §9.6; pdf-report.h).
 *
 * One report per unit, each starting on a new page and bookmarked:
 *   1. title, unit and township type; key figures (composite, rank in type,
 *      grade, change against the previous cycle);
 *   2. strengths and weaknesses: the leaves where the unit stands furthest
 *      above and below its type's mean, weighted by global weight
 *      (strengths.h — the same function writes results_strengths.csv, so the
 *      report and the file never disagree);
 *   3. the tracking warnings of the cycle (the table of the unit card);
 *   4. the trend: composite and ranks against the previous cycle when the
 *      store links one (cycles.previous), else a line saying there is none;
 *   5. the rectification items recorded for the unit in this cycle, with
 *      their state (open, or closed with the note).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/error.h"
#include "kaohe/msg-report.h"
#include "kaohe/round2.h"
#include "kaohe/strengths.h"
#include "kaohe/xalloc.h"
#include "report/pdf-cycle.h"

#define TR(zh, en) kh__pdf_tr(p, zh, en)

struct feedback_ctx {
    const struct kh_bundle *b;
    const struct kh_results *r;
    const struct kh_feedback_extra *x;
    const int32_t *units;
    int32_t nunits;
    double *means;               /* kh_type_means */
};

static const struct kh_feedback_prev_unit *prev_of(const struct feedback_ctx *c, int32_t u)
{
    const struct kh_feedback_extra *x = c->x;
    if (!x || !x->prev_cycle || !x->prev_cycle[0] || !x->prev || !x->prev[u].present)
        return NULL;
    return &x->prev[u];
}

static void draw_figures(struct kh__pdf *p, struct feedback_ctx *c, int32_t u)
{
    const struct kh_bundle *b = c->b;
    const struct kh_unit_result *ur = &c->r->units[u];
    const struct kh_feedback_prev_unit *pv = prev_of(c, u);
    char comp[32], rank[48], delta[48], note[160];
    int32_t ncat = 0;
    for (int32_t v = 0; v < b->nunits; v++)
        ncat += b->units[v].category == b->units[u].category;
    snprintf(rank, sizeof rank, "%d / %d", (int)ur->rank_category, (int)ncat);
    if (pv) {
        char pc[32];
        double d = kh_round2(ur->composite) - kh_round2(pv->composite);
        snprintf(delta, sizeof delta, "%s%.2f", d >= 0 ? "+" : "−", d >= 0 ? d : -d);
        snprintf(note, sizeof note, "%s %s %s", TR("上期", "previous"), c->x->prev_cycle,
                 kh__pdf_score(pv->composite, pc));
    } else {
        strcpy(delta, "—");
        snprintf(note, sizeof note, "%s", TR("无上期考核", "no previous cycle"));
    }
    const char *labels[] = {TR("综合得分", "Composite"), TR("类型内排名", "Rank in type"),
                            TR("考核等次", "Grade"), TR("较上期", "Change")};
    const char *values[] = {kh__pdf_score(ur->composite, comp), rank,
                            b->cycle.team_grades.names[ur->grade], delta};
    const char *notes[] = {NULL, NULL, NULL, note};
    kh__pdf_cards(p, 4, labels, values, notes);
}

static void draw_list(struct kh__pdf *p, struct feedback_ctx *c, const char *title,
                      const struct kh_strength *list, int32_t n, const char *none)
{
    const struct kh__pdf_col cols[] = {
        {TR("序", "#"), 26, KH__PDF_CENTER},
        {TR("指标", "Indicator"), 203.28, 0},
        {TR("本单位得分", "Score"), 64, KH__PDF_RIGHT_ALIGN},
        {TR("同类型均值", "Type mean"), 64, KH__PDF_RIGHT_ALIGN},
        {TR("全局权重", "Weight"), 60, KH__PDF_RIGHT_ALIGN},
        {TR("加权差距", "Gap"), 66, KH__PDF_RIGHT_ALIGN},
    };
    struct kh__pdf_table t;
    char rank[16], name[320], s[32], m[32], w[32], g[32];
    kh__pdf_heading(p, 3, title);
    if (n == 0) {
        kh__pdf_paragraph(p, none, 9, KH__PDF_MUTED);
        return;
    }
    kh__pdf_table_begin(p, &t, cols, 6, 8);
    for (int32_t i = 0; i < n; i++) {
        const struct kh_node *nd = &c->b->nodes[list[i].leaf];
        snprintf(rank, sizeof rank, "%d", (int)i + 1);
        snprintf(w, sizeof w, "%.2f%%", list[i].weight * 100);
        char abs_gap[32];
        snprintf(g, sizeof g, "%s%s", list[i].gap > 0 ? "+" : "−",
                 kh__pdf_score(list[i].gap > 0 ? list[i].gap : -list[i].gap, abs_gap));
        const char *cells[] = {rank, kh__pdf_named(nd->code, nd->name, name, sizeof name),
                               kh__pdf_score(list[i].score, s), kh__pdf_score(list[i].mean, m), w, g};
        kh__pdf_table_row(p, &t, cells, 0);
    }
    kh__pdf_table_end(p, &t);
}

static void draw_strengths(struct kh__pdf *p, struct feedback_ctx *c, int32_t u)
{
    struct kh_strengths s;
    kh_unit_strengths(c->b, c->r, c->means, u, &s);
    kh__pdf_heading(p, 2, TR("一、优势与短板", "1. Strengths and weaknesses"));
    kh__pdf_paragraph(p,
                      TR("加权差距 = 全局权重 × (本单位得分 − 同类型乡镇均值)，即该指标使综合得分高于或低于"
                         "同类型平均水平的分数；取正差距最大的 5 项为优势、负差距最大的 5 项为短板，同值按指标编码排序。",
                         "Gap = global weight × (score − mean of the township type): the composite points "
                         "the leaf adds or costs against an average peer; the 5 largest positive gaps are "
                         "strengths, the 5 most negative weaknesses, ties by leaf code."),
                      7.5, KH__PDF_MUTED);
    draw_list(p, c, TR("优势指标", "Strengths"), s.strengths, s.nstrengths,
              TR("没有高于同类型均值的指标。", "No leaf above the type mean."));
    draw_list(p, c, TR("短板指标", "Weaknesses"), s.weaknesses, s.nweaknesses,
              TR("没有低于同类型均值的指标。", "No leaf below the type mean."));
}

static void draw_trend(struct kh__pdf *p, struct feedback_ctx *c, int32_t u)
{
    const struct kh_unit_result *ur = &c->r->units[u];
    const struct kh_feedback_prev_unit *pv = prev_of(c, u);
    char line[600], a[32], b[32];
    kh__pdf_heading(p, 2, TR("三、与上期比较", "3. Trend against the previous cycle"));
    if (!c->x || !c->x->prev_cycle || !c->x->prev_cycle[0]) {
        kh__pdf_paragraph(p, c->x && c->x->stored ? TR("本周期未关联上期考核（无上期周期）。",
                                                         "This cycle names no previous cycle.")
                                                  : TR("数据包模式：无上期周期（no previous cycle）。",
                                                       "Bundle mode: no previous cycle."),
                          9, 0);
        return;
    }
    if (!pv) {
        snprintf(line, sizeof line, TR("上期（%s）无本单位的结果。", "The previous cycle (%s) has no result for this unit."),
                 c->x->prev_cycle);
        kh__pdf_paragraph(p, line, 9, 0);
        return;
    }
    snprintf(line, sizeof line,
             TR("上期 %s：综合得分 %s，类型内第 %d 名，全区第 %d 名，等次“%s”。\n本期：综合得分 %s，类型内第 %d 名，"
                "全区第 %d 名，等次“%s”。",
                "Previous cycle %s: composite %s, rank %d in type, %d overall, grade %s.\nThis cycle: "
                "composite %s, rank %d in type, %d overall, grade %s."),
             c->x->prev_cycle, kh__pdf_score(pv->composite, a), (int)pv->rank_category,
             (int)pv->rank_overall, pv->grade, kh__pdf_score(ur->composite, b), (int)ur->rank_category,
             (int)ur->rank_overall, c->b->cycle.team_grades.names[ur->grade]);
    kh__pdf_paragraph(p, line, 9, 0);
}

static void draw_items(struct kh__pdf *p, struct feedback_ctx *c, int32_t u)
{
    const char *code = c->b->units[u].code;
    const struct kh__pdf_col cols[] = {
        {TR("编号", "No."), 36, KH__PDF_CENTER},
        {TR("整改事项", "Item"), 237.28, 0},
        {TR("指标", "Leaf"), 60, 0},
        {TR("状态", "State"), 150, 0},
    };
    struct kh__pdf_table t;
    int32_t n = 0;
    kh__pdf_heading(p, 2, TR("四、整改事项", "4. Rectification items"));
    for (int32_t i = 0; c->x && i < c->x->nitems; i++) {
        const struct kh_feedback_item *it = &c->x->items[i];
        char state[600];
        if (strcmp(it->unit, code) != 0)
            continue;
        if (n++ == 0)
            kh__pdf_table_begin(p, &t, cols, 4, 8);
        if (strcmp(it->state, "open") == 0)
            snprintf(state, sizeof state, "%s", TR("未完成（转入下期绩效协议）", "open (carried into the next agreement)"));
        else
            snprintf(state, sizeof state, "%s%s%s", TR("已完成", "closed"), it->close_note[0] ? TR("：", ": ") : "",
                     it->close_note);
        const char *cells[] = {it->id, it->text, it->leaf[0] ? it->leaf : "—", state};
        kh__pdf_table_row(p, &t, cells, strcmp(it->state, "open") == 0 ? KH__PDF_ROW_ACCENT : 0);
    }
    if (n > 0)
        kh__pdf_table_end(p, &t);
    else
        kh__pdf_paragraph(p, c->x && c->x->stored ? TR("本周期未记录整改事项。", "No rectification item recorded.")
                                                  : TR("数据包模式：整改事项记录在数据库中。",
                                                       "Bundle mode: rectification items live in the store."),
                          9, 0);
}

static void draw_reports(struct kh__pdf *p, void *vctx)
{
    struct feedback_ctx *c = vctx;
    const struct kh_bundle *b = c->b;
    char sub[600], named[320];
    for (int32_t i = 0; i < c->nunits; i++) {
        int32_t u = c->units[i];
        const struct kh_unit *un = &b->units[u];
        const struct kh_category *cat = &b->categories[un->category];
        kh__pdf_section(p, un->name && un->name[0] ? un->name : un->code, TR("反馈报告", "feedback"),
                        TR("考核反馈报告", "Assessment Feedback Report"));
        snprintf(sub, sizeof sub, "%s%s　%s%s", TR("单位：", "Unit: "),
                 kh__pdf_named(un->code, un->name, named, sizeof named), TR("乡镇类型：", "Type: "),
                 cat->name && cat->name[0] ? cat->name : cat->code);
        kh__pdf_paragraph(p, sub, 10.5, KH__PDF_CENTER);
        p->y += 6;
        draw_figures(p, c, u);
        draw_strengths(p, c, u);
        kh__pdf_heading(p, 2, TR("二、过程跟踪预警", "2. Tracking warnings"));
        if (kh__pdf_warnings(p, b, c->r, u) == 0 && c->r->nwarnings == 0)
            kh__pdf_paragraph(p, TR("本周期无过程跟踪数据。", "No tracking data this cycle."), 9, 0);
        draw_trend(p, c, u);
        draw_items(p, c, u);
    }
}

int kh_pdf_feedback_report(const struct kh_bundle *b, const struct kh_results *r,
                           const struct kh_feedback_extra *x, const int32_t *units,
                           int32_t nunits, const struct kh_pdf_report_opts *o, const char *path,
                           struct kh_error *err)
{
    struct kh__pdf_cycle_texts texts;
    struct kh__pdf_setup setup;
    if (nunits <= 0)
        return KH_ERR(err, KH_EINVAL, REPORT_NO_UNITS);
    struct feedback_ctx c = {b, r, x, units, nunits,
                             kh_xmalloc(((size_t)b->ncategories * b->nnodes + 1) * sizeof(double))};
    kh_type_means(b, r, c.means);
    kh__pdf_cycle_setup(b, o, o->lang == KH_LANG_EN ? "Assessment feedback report" : "考核反馈报告", &texts,
                        &setup);
    int rc = kh__pdf_render(path, &setup, draw_reports, &c, err);
    free(c.means);
    return rc;
}
