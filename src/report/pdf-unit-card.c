/*
 * pdf-unit-card.c — the unit report card, 单位考核报告 (pdf-report.h).
 *
 * One card per unit, each starting on a new page, in this order:
 *   1. title, unit name, district and township type;
 *   2. four key figures: composite (with base + bonus − penalty), rank in
 *      its township type (of n), rank overall (of N), grade;
 *   3. dimensions: a radar of the first-level dimension scores against the
 *      mean of its township type (only with ≥ 3 dimensions), and a bar per
 *      dimension with the type mean as a tick;
 *   4. the leaf table: every applicable scored leaf in tree pre-order under
 *      its dimension — value, target, method, score, global weight and its
 *      contribution to the composite (contributions.h, the numbers of
 *      results_contributions.csv);
 *   5. the satisfaction survey: index, 95 % interval, n, satisfaction rate;
 *   6. bonuses, penalties and vetoes with their reasons (adjustments.csv)
 *      and the points the caps let through;
 *   7. flags in words, and the yellow/red tracking warnings;
 *   8. when the caller ran the rank-stability study (opts->stability,
 *      stability.h), the unit's rank interval under perturbed weights: the
 *      median rank in its type, the 5–95 % interval, the share of runs in
 *      the top grade and whether its order with a neighbour may flip.
 *
 * "Type mean" of a dimension is the plain mean of that node's score over the
 * units of the same category that have a score for it: a reader compares
 * with their peers, not with a weighted district figure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/contributions.h"
#include "kaohe/error.h"
#include "kaohe/msg-report.h"
#include "kaohe/stability.h"
#include "kaohe/xalloc.h"
#include "report/pdf-cycle.h"

struct card_ctx {
    const struct kh_bundle *b;
    const struct kh_results *r;
    const int32_t *units;
    int32_t nunits;
    double *contrib;             /* [nnodes], one unit at a time */
    int32_t *target_of;          /* [nnodes]: index into b->targets, one unit at a time */
    const struct kh_stability *stability;            /* NULL: not computed */
    const struct kh_stability_opts *stability_opts;
};

#define TR(zh, en) kh__pdf_tr(p, zh, en)

static const char *method_text(const struct kh__pdf *p, const struct kh_node *n)
{
    if (n->kind == KH_KIND_QUAL)
        return TR("评议", "rating");
    if (n->kind == KH_KIND_SURVEY)
        return TR("满意度调查", "survey");
    switch (n->method) {
    case KH_METHOD_TARGET: return TR("目标完成度", "target");
    case KH_METHOD_EFFICACY: return TR("功效系数", "efficacy");
    case KH_METHOD_MINMAX: return TR("极值标准化", "min-max");
    case KH_METHOD_BANDS: return TR("分档计分", "bands");
    case KH_METHOD_PIECEWISE: return TR("分段线性", "piecewise");
    case KH_METHOD_RANK: return TR("排名计分", "rank");
    case KH_METHOD_BINARY: return TR("达标计分", "binary");
    case KH_METHOD_ZSCORE: return TR("标准分", "z-score");
    case KH_METHOD_NONE: break;
    }
    return "—";
}

static const char *kind_text(const struct kh__pdf *p, enum kh_node_kind k)
{
    return k == KH_KIND_BONUS ? TR("加分", "bonus")
         : k == KH_KIND_PENALTY ? TR("减分", "penalty")
         : TR("一票否决", "veto");
}

/* The first-level dimensions that apply to unit u (score present or not). */
static int32_t unit_dims(const struct kh_bundle *b, const struct kh_results *r, int32_t u,
                         int32_t *dims)
{
    int32_t n = 0;
    for (int32_t i = 0; i < b->nnodes; i++) {
        int32_t k = b->preorder[i];
        const struct kh_node *nd = &b->nodes[k];
        if (nd->parent == -1 && !kh_kind_is_points(nd->kind) &&
            (kh_results_node(r, u, k)->flags & KH_NR_APPLICABLE))
            dims[n++] = k;
    }
    return n;
}

static double type_mean(const struct kh_bundle *b, const struct kh_results *r, int32_t cat,
                        int32_t node)
{
    double sum = 0;
    int32_t n = 0;
    for (int32_t v = 0; v < b->nunits; v++) {
        const struct kh_node_result *nr = kh_results_node(r, v, node);
        if (b->units[v].category == cat && (nr->flags & KH_NR_HAS_SCORE)) {
            sum += nr->score;
            n++;
        }
    }
    return n ? sum / n : NAN;
}

static int32_t category_size(const struct kh_bundle *b, int32_t cat)
{
    int32_t n = 0;
    for (int32_t v = 0; v < b->nunits; v++)
        n += b->units[v].category == cat;
    return n;
}

static void draw_key_figures(struct kh__pdf *p, struct card_ctx *c, int32_t u)
{
    const struct kh_bundle *b = c->b;
    const struct kh_unit_result *ur = &c->r->units[u];
    char comp[32], base[32], bon[32], pen[32], note0[160], rc[48], ro[48], note1[160], grade[96];
    char note3[160];
    const struct kh_category *cat = &b->categories[b->units[u].category];
    kh__pdf_score(ur->composite, comp);
    /* one short line: "基础 94.19 +0.00 −1.00" (bonus, penalty) */
    snprintf(note0, sizeof note0, "%s %s +%s −%s", TR("基础", "base"), kh__pdf_score(ur->base, base),
             kh__pdf_score(ur->bonus, bon), kh__pdf_score(ur->penalty, pen));
    snprintf(rc, sizeof rc, "%d / %d", (int)ur->rank_category,
             (int)category_size(b, b->units[u].category));
    snprintf(note1, sizeof note1, "%s", cat->name && cat->name[0] ? cat->name : cat->code);
    snprintf(ro, sizeof ro, "%d / %d", (int)ur->rank_overall, (int)b->nunits);
    snprintf(grade, sizeof grade, "%s", b->cycle.team_grades.names[ur->grade]);
    if (ur->vetoed)
        snprintf(note3, sizeof note3, "%s", TR("一票否决，等次受限", "vetoed: grade capped"));
    else if (ur->quota_exceeded > 0)
        snprintf(note3, sizeof note3, "%s", TR("优秀名额因同分超出", "quota exceeded by ties"));
    else
        snprintf(note3, sizeof note3, "%s", TR("按阈值与名额评定", "by thresholds and quota"));
    const char *labels[] = {TR("综合得分", "Composite"), TR("类型内排名", "Rank in type"),
                            TR("全区排名", "Rank overall"), TR("考核等次", "Grade")};
    const char *values[] = {comp, rc, ro, grade};
    const char *notes[] = {note0, note1, TR("全部乡镇", "all townships"), note3};
    kh__pdf_cards(p, 4, labels, values, notes);
}

static void draw_dimensions(struct kh__pdf *p, struct card_ctx *c, int32_t u)
{
    const struct kh_bundle *b = c->b;
    int32_t *dims = kh_xcalloc((size_t)b->nnodes + 1, sizeof *dims);
    int32_t n = unit_dims(b, c->r, u, dims);
    const char **labels = kh_xcalloc((size_t)n + 1, sizeof *labels);
    double *score = kh_xcalloc((size_t)n + 1, sizeof *score);
    double *mean = kh_xcalloc((size_t)n + 1, sizeof *mean);
    for (int32_t i = 0; i < n; i++) {
        const struct kh_node *nd = &b->nodes[dims[i]];
        const struct kh_node_result *nr = kh_results_node(c->r, u, dims[i]);
        labels[i] = nd->name && nd->name[0] ? nd->name : nd->code;
        score[i] = nr->flags & KH_NR_HAS_SCORE ? nr->score : NAN;
        mean[i] = type_mean(b, c->r, b->units[u].category, dims[i]);
    }
    if (n > 0) {
        kh__pdf_heading(p, 2, TR("一、各维度得分", "1. Scores by dimension"));
        const double size = 230;
        double bars_h = 16 + n * 19.0 + 12;
        double h = n >= 3 ? (size > bars_h ? size : bars_h) : bars_h;
        kh__pdf_need(p, h);
        double top = p->y;
        if (n >= 3) {
            kh__pdf_radar(p, KH__PDF_LEFT, top, size, (int)n, labels, score, mean,
                          TR("本单位", "this unit"), TR("同类型均值", "type mean"));
            double bx = KH__PDF_LEFT + size + 12;
            kh__pdf_bars(p, bx, top + (size - bars_h) / 2 > 0 ? top + (size - bars_h) / 2 : top,
                         KH__PDF_RIGHT - bx, (int)n, labels, score, mean, TR("得分", "score"),
                         TR("同类型均值", "type mean"));
        } else {
            kh__pdf_bars(p, KH__PDF_LEFT, top, KH__PDF_WIDTH, (int)n, labels, score, mean,
                         TR("得分", "score"), TR("同类型均值", "type mean"));
        }
        p->y = top + h + 6;
    }
    free(dims);
    free(labels);
    free(score);
    free(mean);
}

static void draw_leaves(struct kh__pdf *p, struct card_ctx *c, int32_t u)
{
    const struct kh_bundle *b = c->b;
    const struct kh__pdf_col cols[] = {
        {TR("指标", "Indicator"), 163, 0},
        {TR("数值", "Value"), 60, KH__PDF_RIGHT_ALIGN},
        {TR("目标", "Target"), 60, KH__PDF_RIGHT_ALIGN},
        {TR("计分方法", "Method"), 52, 0},
        {TR("得分", "Score"), 46, KH__PDF_RIGHT_ALIGN},
        {TR("全局权重", "Weight"), 50, KH__PDF_RIGHT_ALIGN},
        {TR("贡献", "Contrib."), 52, KH__PDF_RIGHT_ALIGN},
    };
    struct kh__pdf_table t;
    char name[320], val[32], tgt[32], score[32], w[32], con[32], group[400];
    double sum = 0;

    for (int32_t k = 0; k < b->nnodes; k++)
        c->target_of[k] = -1;
    for (int32_t i = 0; i < b->ntargets; i++)
        if (b->targets[i].unit == u)
            c->target_of[b->targets[i].node] = i;
    kh_unit_contributions(b, c->r, u, c->contrib);

    kh__pdf_heading(p, 2, TR("二、指标得分明细", "2. Indicator scores"));
    kh__pdf_table_begin(p, &t, cols, 7, 7.5);
    for (int32_t i = 0; i < b->nnodes; i++) {
        int32_t k = b->preorder[i];
        const struct kh_node *nd = &b->nodes[k];
        const struct kh_node_result *nr = kh_results_node(c->r, u, k);
        if (!(nr->flags & KH_NR_APPLICABLE) || kh_kind_is_points(nd->kind))
            continue;
        if (nd->first_child >= 0) {
            char sc[32];
            snprintf(group, sizeof group, "%s    %s %s", kh__pdf_named(nd->code, nd->name, name, sizeof name),
                     TR("得分", "score"), kh__pdf_score(nr->flags & KH_NR_HAS_SCORE ? nr->score : NAN, sc));
            const char *cells[7] = {group};
            kh__pdf_table_row(p, &t, cells, KH__PDF_ROW_GROUP);
            continue;
        }
        double tv = c->target_of[k] >= 0 ? b->targets[c->target_of[k]].target : NAN;
        const char *cells[7] = {
            kh__pdf_named(nd->code, nd->name, name, sizeof name),
            kh__pdf_value(nr->flags & KH_NR_HAS_VALUE ? nr->value : NAN, val),
            kh__pdf_value(tv, tgt),
            method_text(p, nd),
            kh__pdf_score(nr->flags & KH_NR_HAS_SCORE ? nr->score : NAN, score),
            NULL,
            NULL,
        };
        if (kh_isnan(nr->weight_global))
            strcpy(w, "—");
        else
            snprintf(w, sizeof w, "%.2f%%", nr->weight_global * 100);
        cells[5] = w;
        if (kh_isnan(c->contrib[k])) {
            strcpy(con, "—");
        } else {
            snprintf(con, sizeof con, "%.2f", c->contrib[k]);
            sum += c->contrib[k];
        }
        cells[6] = con;
        if (nr->flags & KH_NR_MISSING) {
            strcpy(val, TR("缺失", "missing"));
            kh__pdf_table_row(p, &t, cells, KH__PDF_ROW_ACCENT);
        } else {
            kh__pdf_table_row(p, &t, cells, 0);
        }
    }
    snprintf(con, sizeof con, "%.2f", sum);
    const char *total[7] = {TR("指标贡献合计（= 基础得分）", "Sum of contributions (= base)"),
                            NULL, NULL, NULL, NULL, NULL, con};
    kh__pdf_table_row(p, &t, total, 0);
    kh__pdf_table_end(p, &t);
    kh__pdf_paragraph(p,
                      TR("贡献 = 得分 × 全局权重；加分、减分见下文，二者与指标贡献之和即综合得分。",
                         "Contribution = score × global weight; with the bonus and penalty below "
                         "they add up to the composite."),
                      7, KH__PDF_MUTED);
}

static void draw_survey(struct kh__pdf *p, struct card_ctx *c, int32_t u)
{
    if (!c->r->surveys)
        return;
    const struct kh_survey_result *s = &c->r->surveys[u];
    char idx[32], lo[32], hi[32], line[320], rate[32];
    kh__pdf_heading(p, 2, TR("三、群众满意度调查", "3. Satisfaction survey"));
    if (s->n == 0) {
        kh__pdf_paragraph(p, TR("无有效问卷。", "No scored responses."), 9, 0);
        return;
    }
    if (kh_isnan(s->rate))
        strcpy(rate, "—");
    else
        snprintf(rate, sizeof rate, "%.1f%%", s->rate * 100);
    snprintf(line, sizeof line,
             TR("满意度指数 %s（95%% 置信区间 %s – %s），有效样本 n = %d，满意率 %s%s",
                "Satisfaction index %s (95%% confidence interval %s – %s), n = %d, satisfied %s%s"),
             kh__pdf_score(s->mean, idx), kh__pdf_score(s->ci_low, lo),
             kh__pdf_score(s->ci_high, hi), (int)s->n, rate,
             s->sample_small ? TR("；样本不足，结论仅供参考", "; sample too small, indicative only") : "");
    kh__pdf_paragraph(p, line, 9, s->sample_small ? KH__PDF_ACCENT : 0);
}

static void draw_adjustments(struct kh__pdf *p, struct card_ctx *c, int32_t u)
{
    const struct kh_bundle *b = c->b;
    const struct kh_unit_result *ur = &c->r->units[u];
    const struct kh__pdf_col cols[] = {
        {TR("类别", "Kind"), 56, 0},
        {TR("指标", "Indicator"), 150, 0},
        {TR("分值", "Points"), 50, KH__PDF_RIGHT_ALIGN},
        {TR("事由", "Reason"), 227, 0},
    };
    struct kh__pdf_table t;
    char name[320], amt[32], line[320], bon[32], pen[32];
    int32_t n = 0;

    kh__pdf_heading(p, 2, TR("四、加分、减分与一票否决", "4. Bonuses, penalties and vetoes"));
    for (int32_t i = 0; i < b->nadjustments; i++) {
        const struct kh_adjustment *a = &b->adjustments[i];
        if (a->subject_is_cadre || a->subject != u)
            continue;
        const struct kh_node *nd = &b->nodes[a->node];
        if (n++ == 0)
            kh__pdf_table_begin(p, &t, cols, 4, 7.5);
        const char *cells[4] = {kind_text(p, nd->kind), kh__pdf_named(nd->code, nd->name, name, sizeof name),
                                kh__pdf_value(a->amount, amt), a->reason && a->reason[0] ? a->reason : "—"};
        kh__pdf_table_row(p, &t, cells, nd->kind == KH_KIND_VETO ? KH__PDF_ROW_ACCENT : 0);
    }
    if (n > 0)
        kh__pdf_table_end(p, &t);
    snprintf(line, sizeof line,
             TR("计入综合得分：加分 %s（上限 %s），减分 %s（上限 %s）。",
                "Counted in the composite: bonus %s (cap %s), penalty %s (cap %s)."),
             kh__pdf_score(ur->bonus, bon), kh__pdf_value(b->cycle.bonus_cap, amt),
             kh__pdf_score(ur->penalty, pen), kh__pdf_value(b->cycle.penalty_cap, name));
    kh__pdf_paragraph(p, n == 0 ? TR("本周期无加分、减分或否决事项。", "No bonus, penalty or veto this cycle.")
                                : line, 9, 0);
    if (ur->vetoed) {
        snprintf(line, sizeof line,
                 TR("一票否决：%s；等次不高于“%s”，不得评为“%s”。",
                    "Veto: %s; the grade is at most \"%s\" and never \"%s\"."),
                 c->r->unit_veto[u], b->cycle.team_grades.names[b->cycle.veto_cap],
                 b->cycle.team_grades.names[0]);
        kh__pdf_paragraph(p, line, 9, KH__PDF_ACCENT | KH__PDF_BOLD);
    }
}

static void draw_flags(struct kh__pdf *p, struct card_ctx *c, int32_t u)
{
    const struct kh_bundle *b = c->b;
    kh__pdf_heading(p, 2, TR("五、标记与过程预警", "5. Flags and tracking warnings"));
    kh__pdf_flag_list(p, b, c->r->unit_flags ? c->r->unit_flags[u] : "", NULL);
    kh__pdf_warnings(p, b, c->r, u);
}

static void draw_stability(struct kh__pdf *p, struct card_ctx *c, int32_t u)
{
    if (c->stability == NULL || c->stability_opts == NULL || u >= c->stability->nunits)
        return;
    const struct kh_stability_unit *s = &c->stability->units[u];
    const struct kh_stability_opts *o = c->stability_opts;
    char med[32], line[640];
    kh__pdf_heading(p, 2, TR("六、名次稳定性", "6. Rank stability"));
    snprintf(med, sizeof med, "%g", s->rank_median);
    snprintf(line, sizeof line,
             TR("各指标权重在 ±%g%% 范围内随机扰动 %d 次（随机种子 %llu）：类型内名次中位数 %s，"
                "90%% 区间为第 %d – %d 名（基准第 %d 名）；评为“%s”的比例 %.1f%%。",
                "Every weight perturbed within ±%g%%, %d runs (seed %llu): median rank in type %s, "
                "90%% interval %d – %d (base %d); share of runs graded \"%s\" %.1f%%."),
             o->delta * 100, (int)o->runs, (unsigned long long)o->seed, med, (int)s->rank_p05,
             (int)s->rank_p95, (int)s->rank_base, c->b->cycle.team_grades.names[0], s->top_share * 100);
    kh__pdf_paragraph(p, line, 9, 0);
    kh__pdf_paragraph(p, s->overlap ? TR("名次区间与相邻单位重叠：两者先后可能随权重取值而互换。",
                                         "The interval overlaps a neighbour's: their order may flip with the weights.")
                                    : TR("名次区间与相邻单位不重叠：名次对权重取值不敏感。",
                                         "The interval does not overlap a neighbour's: the rank is robust to the weights."),
                      9, s->overlap ? KH__PDF_ACCENT : 0);
}

static void draw_cards(struct kh__pdf *p, void *vctx)
{
    struct card_ctx *c = vctx;
    const struct kh_bundle *b = c->b;
    char title[320], sub[480];
    for (int32_t i = 0; i < c->nunits; i++) {
        int32_t u = c->units[i];
        const struct kh_unit *un = &b->units[u];
        const struct kh_category *cat = &b->categories[un->category];
        kh__pdf_section(p, un->name && un->name[0] ? un->name : un->code, TR("考核报告", "assessment report"),
                        TR("单位考核报告", "Unit Assessment Report"));
        char catname[200], dist[200];
        if (cat->name && cat->name[0])
            snprintf(catname, sizeof catname, "%s（%s）", cat->name, cat->code);
        else
            snprintf(catname, sizeof catname, "%s", cat->code);
        dist[0] = '\0';
        if (un->district_name && un->district_name[0])
            snprintf(dist, sizeof dist, "%s%s　", TR("所属区：", "District: "), un->district_name);
        snprintf(sub, sizeof sub, "%s%s　%s%s%s", TR("单位：", "Unit: "),
                 kh__pdf_named(un->code, un->name, title, sizeof title), dist,
                 TR("乡镇类型：", "Type: "), catname);
        kh__pdf_paragraph(p, sub, 10.5, KH__PDF_CENTER);
        p->y += 6;
        draw_key_figures(p, c, u);
        draw_dimensions(p, c, u);
        draw_leaves(p, c, u);
        draw_survey(p, c, u);
        draw_adjustments(p, c, u);
        draw_flags(p, c, u);
        draw_stability(p, c, u);
    }
}

int kh_pdf_unit_report(const struct kh_bundle *b, const struct kh_results *r,
                       const int32_t *units, int32_t nunits, const struct kh_pdf_report_opts *o,
                       const char *path, struct kh_error *err)
{
    struct kh__pdf_cycle_texts texts;
    struct kh__pdf_setup setup;
    if (nunits <= 0)
        return KH_ERR(err, KH_EINVAL, REPORT_NO_UNITS);
    struct card_ctx c = {b, r, units, nunits, kh_xcalloc((size_t)b->nnodes + 1, sizeof(double)),
                         kh_xcalloc((size_t)b->nnodes + 1, sizeof(int32_t)), o->stability,
                         o->stability_opts};
    kh__pdf_cycle_setup(b, o, o->lang == KH_LANG_EN ? "Unit assessment report" : "单位考核报告",
                        &texts, &setup);
    int rc = kh__pdf_render(path, &setup, draw_cards, &c, err);
    free(c.contrib);
    free(c.target_of);
    return rc;
}
