/*
 * pdf-agreement.c — the performance agreement, 绩效协议书 (pdf-report.h).
 *
 * Drawn from struct kh_agreement (agreement.h), the data `kaohe agreement
 * print` prints as text, so the two never disagree on a target, a
 * milestone or an answer.  Layout:
 *   1. title, the two parties (the unit with its district, the assessment
 *      office) and the cycle;
 *   2. the approved targets (SPEC §9.2): leaf, direction and unit of
 *      measure, baseline, target, cumulative milestones at the end of each
 *      quarter (the plan, §9.6), and below each row the unit's
 *      justification;
 *   3. the rectification items carried over from earlier cycles (§9.6)
 *      with the unit's answer in this agreement (a target or a note);
 *   4. signature and seal lines for both parties, kept together on one page.
 * The footer's date is the date of printing (the agreement is not a
 * computation).
 */
#include <stdio.h>
#include <string.h>
#include "kaohe/agreement.h"
#include "kaohe/error.h"
#include "report/pdf-cycle.h"

#define TR(zh, en) kh__pdf_tr(p, zh, en)

static void draw_targets(struct kh__pdf *p, const struct kh_agreement *ag)
{
    char title[64];
    snprintf(title, sizeof title, TR("一、绩效目标（%d 项）", "1. Targets (%d)"), ag->ntargets);
    kh__pdf_heading(p, 2, title);
    if (ag->ntargets == 0) {
        kh__pdf_paragraph(p, TR("尚无已批准的目标。", "No approved target yet."), 9.5, KH__PDF_MUTED);
        return;
    }
    const struct kh__pdf_col cols[] = {
        {TR("指标", "Indicator"), 150, 0},
        {TR("方向", "Direction"), 44, KH__PDF_CENTER},
        {TR("基期值", "Baseline"), 48, KH__PDF_RIGHT_ALIGN},
        {TR("目标值", "Target"), 48, KH__PDF_RIGHT_ALIGN},
        {TR("一季度", "Q1"), 45, KH__PDF_RIGHT_ALIGN},
        {TR("二季度", "Q2"), 45, KH__PDF_RIGHT_ALIGN},
        {TR("三季度", "Q3"), 45, KH__PDF_RIGHT_ALIGN},
        {TR("四季度", "Q4"), 58.28, KH__PDF_RIGHT_ALIGN},
    };
    struct kh__pdf_table t;
    kh__pdf_table_begin(p, &t, cols, 8, 8.5);
    for (int i = 0; i < ag->ntargets; i++) {
        const struct kh_agreement_target *x = &ag->targets[i];
        char leaf[512], ms[4][32];
        snprintf(leaf, sizeof leaf, "%s %s%s%s%s", x->leaf, x->name, x->measure[0] ? "（" : "", x->measure,
                 x->measure[0] ? "）" : "");
        for (int q = 0; q < 4; q++)
            snprintf(ms[q], sizeof ms[q], "%.6g", x->milestones[q]);
        const char *cells[] = {leaf, x->cost ? TR("越小越好", "lower") : TR("越大越好", "higher"),
                               x->baseline[0] ? x->baseline : "—", x->target, ms[0], ms[1], ms[2], ms[3]};
        kh__pdf_table_row(p, &t, cells, 0);
        if (x->note[0]) {
            char note[1100];
            snprintf(note, sizeof note, "%s%s", TR("说明：", "Justification: "), x->note);
            const char *row[] = {note, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
            kh__pdf_table_row(p, &t, row, KH__PDF_ROW_GROUP);
        }
    }
    kh__pdf_table_end(p, &t);
    kh__pdf_paragraph(p, TR("进度节点为各季度末的累计目标（指标的 schedule，未设置时按季度平均）。",
                            "Milestones are the cumulative targets at the end of each quarter (the "
                            "leaf's schedule, else a quarter each)."), 8, KH__PDF_MUTED);
}

static void draw_items(struct kh__pdf *p, const struct kh_agreement *ag)
{
    char title[80];
    snprintf(title, sizeof title, TR("二、上期整改事项及答复（%d 项）", "2. Rectification items carried over (%d)"),
             ag->nitems);
    kh__pdf_heading(p, 2, title);
    if (ag->nitems == 0) {
        kh__pdf_paragraph(p, TR("无转入本周期的整改事项。", "No rectification item carries into this cycle."),
                          9.5, KH__PDF_MUTED);
        return;
    }
    const struct kh__pdf_col cols[] = {
        {TR("编号", "No."), 34, KH__PDF_CENTER},
        {TR("来源周期", "From"), 56, 0},
        {TR("整改事项", "Item"), 180, 0},
        {TR("答复", "Answer"), 213.28, 0},
    };
    struct kh__pdf_table t;
    kh__pdf_table_begin(p, &t, cols, 4, 8.5);
    for (int i = 0; i < ag->nitems; i++) {
        const struct kh_agreement_item *x = &ag->items[i];
        char item[1300], answer[1100];
        snprintf(item, sizeof item, "%s%s%s%s", x->text, x->leaf[0] ? TR("（指标 ", " (leaf ") : "", x->leaf,
                 x->leaf[0] ? TR("）", ")") : "");
        if (x->kind[0] == '\0')
            snprintf(answer, sizeof answer, "%s", TR("尚未答复", "not answered yet"));
        else
            snprintf(answer, sizeof answer, "%s%s",
                     strcmp(x->kind, "target") == 0 ? TR("目标：", "Target: ") : TR("说明：", "Note: "),
                     x->answer);
        const char *cells[] = {x->id, x->from_cycle, item, answer};
        kh__pdf_table_row(p, &t, cells, x->kind[0] ? 0 : KH__PDF_ROW_ACCENT);
    }
    kh__pdf_table_end(p, &t);
}

/* Signature and seal blocks of both parties side by side, on one page. */
static void draw_signatures(struct kh__pdf *p)
{
    kh__pdf_need(p, 150);
    p->y += 18;
    double w = KH__PDF_WIDTH / 2 - 10;
    const char *party[2] = {TR("甲方（考核办）", "Party A (assessment office)"),
                            TR("乙方（被考核单位）", "Party B (assessed unit)")};
    const char *who[2] = {TR("负责人（签字）：", "Head (signature):"), TR("负责人（签字）：", "Head (signature):")};
    double y0 = p->y, h = 0;
    for (int k = 0; k < 2; k++) {
        double x = KH__PDF_LEFT + k * (w + 20), y = y0;
        y += kh__pdf_text(p, x, y, w, party[k], 10.5, KH__PDF_BOLD) + 14;
        const char *lines[3] = {who[k], TR("（盖章）", "(seal)"), TR("日期：", "Date:")};
        for (int l = 0; l < 3; l++) {
            double lw = kh__pdf_text_width(p, lines[l], 9.5, 0);
            kh__pdf_text(p, x, y, w, lines[l], 9.5, 0);
            kh__pdf_color(p, KH__PDF_C_RULE);
            cairo_set_line_width(p->cr, 0.6);
            cairo_move_to(p->cr, x + lw + 4, y + 13);
            cairo_line_to(p->cr, x + w, y + 13);
            cairo_stroke(p->cr);
            kh__pdf_color(p, KH__PDF_C_TEXT);
            y += l == 1 ? 40 : 26;
        }
        if (y - y0 > h)
            h = y - y0;
    }
    p->y = y0 + h;
}

static void draw_agreement(struct kh__pdf *p, void *vctx)
{
    const struct kh_agreement *ag = vctx;
    char line[700];
    kh__pdf_new_page(p);
    kh__pdf_bookmark(p, 0, ag->unit_name[0] ? ag->unit_name : ag->unit);
    kh__pdf_heading(p, 1, TR("绩效协议书", "Performance Agreement"));
    snprintf(line, sizeof line, "%s %s%s%s%s", ag->unit, ag->unit_name, ag->district[0] ? TR("（", " (") : "",
             ag->district, ag->district[0] ? TR("）", ")") : "");
    kh__pdf_paragraph(p, line, 12, KH__PDF_CENTER | KH__PDF_BOLD);
    snprintf(line, sizeof line, TR("考核周期 %s%s%s　协议状态：%s", "Cycle %s%s%s — state: %s"), ag->cycle,
             ag->cycle_name[0] ? " " : "", ag->cycle_name, p->lang == KH_LANG_EN ? ag->state : ag->state_zh);
    kh__pdf_paragraph(p, line, 9.5, KH__PDF_CENTER | KH__PDF_MUTED);
    p->y += 6;
    kh__pdf_paragraph(p, TR("甲方（考核办）与乙方（被考核单位）就本考核周期的绩效目标、进度节点和上期整改事项"
                            "达成如下协议，乙方按期完成，甲方据此考核。",
                            "The assessment office (party A) and the assessed unit (party B) agree on the "
                            "targets of this cycle, their milestones and the answers to the rectification items "
                            "carried over; party B delivers them, party A assesses against them."), 9.5, 0);
    p->y += 4;
    draw_targets(p, ag);
    draw_items(p, ag);
    draw_signatures(p);
}

int kh_pdf_agreement_report(const struct kh_agreement *ag, const struct kh_pdf_report_opts *o,
                            const char *path, struct kh_error *err)
{
    struct kh__pdf_cycle_texts texts;
    struct kh__pdf_setup setup;
    kh__pdf_cycle_setup_named(ag->cycle, ag->cycle_name, o,
                              o->lang == KH_LANG_EN ? "Performance agreement" : "绩效协议书", &texts, &setup);
    snprintf(texts.footer_left, sizeof texts.footer_left, "%s%s", o->lang == KH_LANG_EN ? "Printed " : "打印日期：",
             texts.date[0] ? texts.date : "—");
    return kh__pdf_render(path, &setup, draw_agreement, (void *)ag, err);
}
