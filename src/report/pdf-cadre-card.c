/*
 * pdf-cadre-card.c — the cadre assessment form, 干部考核表 (pdf-report.h).
 *
 * One form per cadre, each starting on a new page and bookmarked, in this
 * order (SPEC §7):
 *   1. title; name, unit, position (正职 / 副职), district;
 *   2. key figures: cadre score, grade (with the grade by thresholds alone
 *      when caps or the quota moved it), the team's grade, the vote share;
 *   3. the make-up of the score: team (the unit's composite), duty (分管工作
 *      实绩, or "folded into team" with the weight moved there), evaluation,
 *      individual penalty points, each with its weight and weighted part, and
 *      the total = the score of results_cadres.csv;
 *   4. the responsibility nodes with their score and global weight for the
 *      unit, and the evaluation dimensions with their weights;
 *   5. the votes: per rater group of the position, its weight and the count
 *      of counted votes at each level of the cadre scale (优秀 / 称职 / 基本称职
 *      / 不称职 as configured), with the cycle's min_raters;
 *   6. flags in words (vote flags are advice to the admin, never applied).
 *
 * Every score is the engine's (struct kh_cadre_result).  The vote counts are
 * a display of ratings.csv: a vote is counted as ratings.c counts it for the
 * vote flags — a level (not a number, not an abstention) from a rater whose
 * group has a weight > 0 in the cadre's position.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/error.h"
#include "kaohe/msg-report.h"
#include "kaohe/xalloc.h"
#include "report/pdf-cycle.h"

#define TR(zh, en) kh__pdf_tr(p, zh, en)

struct cadre_ctx {
    const struct kh_bundle *b;
    const struct kh_results *r;
    const int32_t *cadres;
    int32_t ncadres;
    const struct kh_scale *scale;   /* the cadre scale (named "cadre"), NULL when absent */
};

static const struct kh_scale *cadre_scale(const struct kh_bundle *b)
{
    for (int32_t s = 0; s < b->nscales; s++)
        if (b->scales[s].name && strcmp(b->scales[s].name, "cadre") == 0)
            return &b->scales[s];
    return NULL;
}

static double group_weight(const struct kh_position *ps, int32_t g)
{
    for (int32_t k = 0; k < ps->ngroups; k++)
        if (ps->groups[k].idx == g)
            return ps->groups[k].w;
    return 0;
}

static void draw_figures(struct kh__pdf *p, struct cadre_ctx *x, int32_t c)
{
    const struct kh_bundle *b = x->b;
    const struct kh_cadre_result *cr = &x->r->cadres[c];
    const struct kh_unit_result *ur = &x->r->units[b->cadres[c].unit];
    const struct kh_grades *cg = &b->cycle.cadre_grades;
    char score[32], pen[32], n0[96], n1[160], team[96];
    snprintf(n0, sizeof n0, "%s %s", TR("个人扣分", "penalty"), kh__pdf_score(cr->penalty, pen));
    if (cr->threshold_grade != cr->grade)
        snprintf(n1, sizeof n1, "%s%s%s", TR("按分数为“", "by score \""), cg->names[cr->threshold_grade],
                 TR("”，经限制或名额调整", "\", moved by caps or quota"));
    else
        snprintf(n1, sizeof n1, "%s", TR("按阈值与名额评定", "by thresholds and quota"));
    snprintf(team, sizeof team, "%s", b->cycle.team_grades.names[ur->grade]);
    const char *labels[] = {TR("干部得分", "Cadre score"), TR("考核等次", "Grade"),
                            TR("所在班子等次", "Team grade")};
    const char *values[] = {kh__pdf_score(cr->score, score), cg->names[cr->grade], team};
    const char *notes[] = {n0, n1, ur->vetoed ? TR("单位一票否决", "unit vetoed") : NULL};
    kh__pdf_cards(p, 3, labels, values, notes);
}

static void draw_parts(struct kh__pdf *p, struct cadre_ctx *x, int32_t c)
{
    const struct kh_bundle *b = x->b;
    const struct kh_cadre *cd = &b->cadres[c];
    const struct kh_position *ps = &b->positions[cd->position];
    const struct kh_cadre_result *cr = &x->r->cadres[c];
    const struct kh__pdf_col cols[] = {
        {TR("构成", "Part"), 200, 0},
        {TR("权重", "Weight"), 80, KH__PDF_RIGHT_ALIGN},
        {TR("得分", "Score"), 100, KH__PDF_RIGHT_ALIGN},
        {TR("加权得分", "Weighted"), 103.28, KH__PDF_RIGHT_ALIGN},
    };
    char w[3][32], s[3][32], ws[4][32], total[32];
    double wt = cr->duty_folded ? ps->w_team + ps->w_duty : ps->w_team;
    struct kh__pdf_table t;
    kh__pdf_heading(p, 2, TR("一、得分构成", "1. Make-up of the score"));
    kh__pdf_table_begin(p, &t, cols, 4, 8.5);
    const char *team[] = {cr->duty_folded ? TR("班子实绩（含并入的分管权重）", "Team (with the folded duty weight)")
                                          : TR("班子实绩（单位综合得分）", "Team (unit composite)"),
                          kh__pdf_value(wt, w[0]), kh__pdf_score(cr->team, s[0]),
                          kh__pdf_score(wt * cr->team, ws[0])};
    kh__pdf_table_row(p, &t, team, 0);
    const char *duty[] = {TR("分管工作实绩", "Duty (responsibilities)"),
                          cr->duty_folded ? TR("并入班子", "folded") : kh__pdf_value(ps->w_duty, w[1]),
                          kh__pdf_score(cr->duty_folded ? NAN : cr->duty, s[1]),
                          cr->duty_folded ? "—" : kh__pdf_score(ps->w_duty * cr->duty, ws[1])};
    kh__pdf_table_row(p, &t, duty, 0);
    const char *eval[] = {cr->missing_evaluation ? TR("民主测评（无有效测评，计 0）", "Evaluation (none, counted 0)")
                                                 : TR("民主测评", "Evaluation"),
                          kh__pdf_value(ps->w_eval, w[2]), kh__pdf_score(cr->evaluation, s[2]),
                          kh__pdf_score(ps->w_eval * cr->evaluation, ws[2])};
    kh__pdf_table_row(p, &t, eval, cr->missing_evaluation ? KH__PDF_ROW_ACCENT : 0);
    snprintf(ws[3], sizeof ws[3], "%s%s", cr->penalty > 0 ? "−" : "", kh__pdf_score(cr->penalty, total));
    const char *pen[] = {TR("个人扣分", "Individual penalty"), NULL, NULL, ws[3]};
    kh__pdf_table_row(p, &t, pen, 0);
    const char *sum[] = {TR("干部得分", "Cadre score"), NULL, NULL, kh__pdf_score(cr->score, total)};
    kh__pdf_table_row(p, &t, sum, 0);
    kh__pdf_table_end(p, &t);
}

static void draw_resp_dims(struct kh__pdf *p, struct cadre_ctx *x, int32_t c)
{
    const struct kh_bundle *b = x->b;
    const struct kh_cadre *cd = &b->cadres[c];
    const struct kh_position *ps = &b->positions[cd->position];
    char name[320], sc[32], w[32], line[1200];
    kh__pdf_heading(p, 2, TR("二、分管领域与测评维度", "2. Responsibilities and evaluation dimensions"));
    if (cd->nresp == 0) {
        kh__pdf_paragraph(p, TR("无分管领域：分管工作权重并入班子实绩。",
                                "No responsibility node: the duty weight is folded into the team part."),
                          9, KH__PDF_MUTED);
    } else {
        const struct kh__pdf_col cols[] = {
            {TR("分管领域", "Responsibility"), 283.28, 0},
            {TR("得分", "Score"), 100, KH__PDF_RIGHT_ALIGN},
            {TR("全局权重", "Global weight"), 100, KH__PDF_RIGHT_ALIGN},
        };
        struct kh__pdf_table t;
        kh__pdf_table_begin(p, &t, cols, 3, 8.5);
        for (int32_t k = 0; k < cd->nresp; k++) {
            const struct kh_node *nd = &b->nodes[cd->resp[k]];
            const struct kh_node_result *nr = kh_results_node(x->r, cd->unit, cd->resp[k]);
            if (kh_isnan(nr->weight_global) || (nr->flags & KH_NR_POINTS))
                strcpy(w, "—");
            else
                snprintf(w, sizeof w, "%.2f%%", nr->weight_global * 100);
            const char *cells[] = {kh__pdf_named(nd->code, nd->name, name, sizeof name),
                                   kh__pdf_score(nr->flags & KH_NR_HAS_SCORE ? nr->score : NAN, sc), w};
            kh__pdf_table_row(p, &t, cells, 0);
        }
        kh__pdf_table_end(p, &t);
    }
    size_t len = (size_t)snprintf(line, sizeof line, "%s", TR("测评维度及权重：", "Dimensions and weights: "));
    for (int32_t k = 0; k < ps->ndims && len < sizeof line; k++) {
        int32_t d = ps->dims[k].idx;
        len += (size_t)snprintf(line + len, sizeof line - len, "%s%s %s", k ? TR("、", ", ") : "",
                                d >= 0 && d < b->ndims ? b->dims[d] : "?", kh__pdf_value(ps->dims[k].w, w));
    }
    kh__pdf_paragraph(p, line, 9, 0);
}

static void draw_votes(struct kh__pdf *p, struct cadre_ctx *x, int32_t c)
{
    const struct kh_bundle *b = x->b;
    const struct kh_position *ps = &b->positions[b->cadres[c].position];
    const struct kh_scale *sc = x->scale;
    int32_t nl = sc ? sc->nlevels : 0, G = b->ngroups, nv = 0;
    int32_t *col_of = kh_xcalloc((size_t)nl + 1, sizeof *col_of);      /* level -> vote column, -1 */
    int32_t *lev = kh_xcalloc((size_t)nl + 1, sizeof *lev);            /* vote column -> level */
    for (int32_t l = 0; l < nl; l++) {
        col_of[l] = kh_isnan(sc->levels[l].points) ? -1 : nv;   /* abstentions are no votes */
        if (col_of[l] >= 0)
            lev[nv++] = l;
    }
    int32_t *cnt = kh_xcalloc((size_t)(G + 1) * (nv + 1) + 1, sizeof *cnt);   /* row G: all groups */
    struct kh__pdf_col *cols = kh_xcalloc((size_t)nv + 4, sizeof *cols);
    const char **cells = kh_xcalloc((size_t)nv + 4, sizeof *cells);
    char (*num)[32] = kh_xcalloc((size_t)nv + 4, sizeof *num);
    char line[400], name[320];
    int32_t ncol = 0;

    kh__pdf_heading(p, 2, TR("三、民主测评票数", "3. Votes"));
    for (int32_t i = 0; i < b->nratings; i++) {
        const struct kh_rating *rt = &b->ratings[i];
        if (!rt->ratee_is_cadre || rt->ratee != c || rt->level < 0 || rt->level >= nl ||
            col_of[rt->level] < 0 || kh_isnan(rt->points))
            continue;
        int32_t g = b->raters[rt->rater].group;
        if (g < 0 || !(group_weight(ps, g) > 0))
            continue;
        cnt[(size_t)g * (nv + 1) + col_of[rt->level]]++;
        cnt[(size_t)g * (nv + 1) + nv]++;
        cnt[(size_t)G * (nv + 1) + col_of[rt->level]]++;
        cnt[(size_t)G * (nv + 1) + nv]++;
    }
    if (nv == 0) {
        kh__pdf_paragraph(p, TR("本周期无干部测评等级（cadre 量表）。", "No cadre rating scale this cycle."), 9,
                          KH__PDF_MUTED);
        goto out;
    }
    double lw = 243.28 / nv;
    cols[ncol++] = (struct kh__pdf_col){TR("评议组", "Rater group"), 150, 0};
    cols[ncol++] = (struct kh__pdf_col){TR("权重", "Weight"), 50, KH__PDF_RIGHT_ALIGN};
    for (int32_t v = 0; v < nv; v++)
        cols[ncol++] = (struct kh__pdf_col){sc->levels[lev[v]].name, lw, KH__PDF_RIGHT_ALIGN};
    cols[ncol++] = (struct kh__pdf_col){TR("合计", "Total"), 40, KH__PDF_RIGHT_ALIGN};
    struct kh__pdf_table t;
    kh__pdf_table_begin(p, &t, cols, ncol, 8.5);
    for (int32_t g = 0; g <= G; g++) {
        if (g < G && !(group_weight(ps, g) > 0))
            continue;
        const int32_t *row = &cnt[(size_t)g * (nv + 1)];
        int32_t k = 0;
        cells[k++] = g < G ? kh__pdf_named(b->groups[g].code, b->groups[g].name, name, sizeof name)
                           : TR("全部", "All groups");
        cells[k++] = g < G ? kh__pdf_value(group_weight(ps, g), num[0]) : NULL;
        for (int32_t v = 0; v <= nv; v++) {
            snprintf(num[v + 1], sizeof num[v + 1], "%d", (int)row[v]);
            cells[k++] = num[v + 1];
        }
        kh__pdf_table_row(p, &t, cells, 0);
    }
    kh__pdf_table_end(p, &t);
    snprintf(line, sizeof line,
             TR("每组每个维度少于 %d 人评议时该组不计入该维度（min_raters）；弃权不计票。",
                "A group with fewer than %d raters on a dimension does not count there (min_raters); "
                "abstentions are not votes."),
             (int)b->cycle.min_raters);
    kh__pdf_paragraph(p, line, 7.5, KH__PDF_MUTED);
out:
    free(col_of);
    free(lev);
    free(cnt);
    free(cols);
    free(cells);
    free(num);
}

static void draw_cadre_flags(struct kh__pdf *p, struct cadre_ctx *x, int32_t c)
{
    kh__pdf_heading(p, 2, TR("四、标记", "4. Flags"));
    kh__pdf_flag_list(p, x->b, x->r->cadre_flags ? x->r->cadre_flags[c] : "", "vote_");
    kh__pdf_paragraph(p, TR("测评票数标记仅供组织部门参考，不自动改变等次。",
                            "Vote flags are advice to the admin and never change the grade."),
                      7.5, KH__PDF_MUTED);
}

static void draw_forms(struct kh__pdf *p, void *vctx)
{
    struct cadre_ctx *x = vctx;
    const struct kh_bundle *b = x->b;
    char sub[900], unit[320];
    for (int32_t i = 0; i < x->ncadres; i++) {
        int32_t c = x->cadres[i];
        const struct kh_cadre *cd = &b->cadres[c];
        const struct kh_unit *un = &b->units[cd->unit];
        const struct kh_position *ps = &b->positions[cd->position];
        const char *name = cd->name && cd->name[0] ? cd->name : cd->code;
        kh__pdf_section(p, name, TR("干部考核表", "cadre assessment"), TR("干部考核表", "Cadre Assessment Form"));
        snprintf(sub, sizeof sub, "%s%s（%s）　%s%s　%s%s（%s）", TR("姓名：", "Name: "), name, cd->code,
                 TR("单位：", "Unit: "), kh__pdf_named(un->code, un->name, unit, sizeof unit),
                 TR("职位：", "Position: "), ps->name && ps->name[0] ? ps->name : ps->code,
                 ps->principal ? TR("正职", "principal") : TR("副职", "deputy"));
        kh__pdf_paragraph(p, sub, 10.5, KH__PDF_CENTER);
        p->y += 6;
        draw_figures(p, x, c);
        draw_parts(p, x, c);
        draw_resp_dims(p, x, c);
        draw_votes(p, x, c);
        draw_cadre_flags(p, x, c);
    }
}

int kh_pdf_cadre_report(const struct kh_bundle *b, const struct kh_results *r,
                        const int32_t *cadres, int32_t ncadres, const struct kh_pdf_report_opts *o,
                        const char *path, struct kh_error *err)
{
    struct kh__pdf_cycle_texts texts;
    struct kh__pdf_setup setup;
    if (ncadres <= 0)
        return KH_ERR(err, KH_EINVAL, REPORT_NO_CADRES);
    struct cadre_ctx x = {b, r, cadres, ncadres, cadre_scale(b)};
    kh__pdf_cycle_setup(b, o, o->lang == KH_LANG_EN ? "Cadre assessment form" : "干部考核表", &texts,
                        &setup);
    return kh__pdf_render(path, &setup, draw_forms, &x, err);
}
