/*
 * pdf-cycle.c — header, footer and number formats shared by the PDF
 * reports (pdf-cycle.h).
 *
 * Scores are printed from round2 (SPEC §6) with "%.2f": round2 has already
 * put the value on the two-decimal grid, so printf's own rounding of an
 * inexact binary value cannot move it to a neighbour — the printed number is
 * the one ranks and grades were decided on (the same rule as summary-text.c).
 */
#include <stdio.h>
#include <string.h>
#include "kaohe/round2.h"
#include "report/pdf-cycle.h"

void kh__pdf_cycle_setup(const struct kh_bundle *b, const struct kh_pdf_report_opts *o,
                         const char *title, struct kh__pdf_cycle_texts *t,
                         struct kh__pdf_setup *setup)
{
    kh__pdf_cycle_setup_named(b->cycle.code, b->cycle.name, o, title, t, setup);
}

void kh__pdf_cycle_setup_named(const char *cycle_code, const char *cycle_name,
                               const struct kh_pdf_report_opts *o, const char *title,
                               struct kh__pdf_cycle_texts *t, struct kh__pdf_setup *setup)
{
    const char *code = cycle_code && cycle_code[0] ? cycle_code : "—";
    const char *name = cycle_name ? cycle_name : "";
    bool en = o->lang == KH_LANG_EN;
    snprintf(t->date, sizeof t->date, "%.10s", o->computed_at ? o->computed_at : "");
    snprintf(t->header_right, sizeof t->header_right, "%s%s%s %s", en ? "Cycle " : "考核周期 ",
             code, name[0] ? " · " : "", name);
    snprintf(t->footer_left, sizeof t->footer_left, "%s%s", en ? "Computed " : "计算日期：",
             t->date[0] ? t->date : "—");
    setup->lang = o->lang;
    setup->title = title;
    setup->header_right = t->header_right;
    setup->footer_left = t->footer_left;
    setup->date_iso = t->date[0] ? t->date : NULL;
    setup->png_dpi = o->png_dpi;
}

const char *kh__pdf_score(double x, char *buf)
{
    if (kh_isnan(x))
        return strcpy(buf, "—");
    snprintf(buf, 32, "%.2f", kh_round2(x));
    return buf;
}

const char *kh__pdf_value(double x, char *buf)
{
    if (kh_isnan(x))
        return strcpy(buf, "—");
    snprintf(buf, 32, "%.2f", x);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
    return buf;
}

const char *kh__pdf_named(const char *code, const char *name, char *buf, size_t n)
{
    if (name && name[0])
        snprintf(buf, n, "%s %s", code, name);
    else
        snprintf(buf, n, "%s", code);
    return buf;
}

const char *kh__pdf_flag_text(const struct kh_bundle *b, enum kh_lang lang, const char *s,
                              size_t len, char *buf, size_t n)
{
    static const struct { const char *prefix, *zh, *en; } words[] = {
        {"missing:evaluation", "无有效民主测评（测评得分计 0）", "no valid evaluation (counted 0)"},
        {"missing:", "数据缺失：", "missing data: "},
        {"unit_veto:", "所在单位一票否决：", "the unit is vetoed: "},
        {"resp_veto:", "分管领域内一票否决（不得评为最高等次）：", "veto under a responsibility (not top grade): "},
        {"vote_caution", "优秀、称职票合计低于 2/3：建议诫勉谈话", "优秀+称职 votes below 2/3: caution talk advised"},
        {"vote_review", "不称职票超过 1/3：建议组织调整审查", "不称职 votes above 1/3: review advised"},
        {"veto:", "一票否决：", "veto: "},
        {"quota_exceeded:", "优秀名额超出（同分并列）：", "top-grade quota exceeded (ties): "},
        {"sample_small", "满意度调查样本不足", "survey sample too small"},
        {"no_score", "无有效得分", "no score"},
    };
    char tok[160], named[320];
    snprintf(tok, sizeof tok, "%.*s", (int)len, s);
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t pl = strlen(words[i].prefix);
        if (strncmp(tok, words[i].prefix, pl) != 0)
            continue;
        const char *arg = tok + pl;
        const char *label = lang == KH_LANG_EN ? words[i].en : words[i].zh;
        int32_t node = arg[0] ? kh_strmap_get(&b->node_ix, arg) : -1;
        if (node >= 0)
            arg = kh__pdf_named(arg, b->nodes[node].name, named, sizeof named);
        snprintf(buf, n, "%s%s", label, arg);
        return buf;
    }
    snprintf(buf, n, "%s", tok);
    return buf;
}

#define TR(zh, en) kh__pdf_tr(p, zh, en)

int32_t kh__pdf_warnings(struct kh__pdf *p, const struct kh_bundle *b, const struct kh_results *r,
                         int32_t u)
{
    const struct kh__pdf_col cols[] = {
        {TR("指标", "Indicator"), 183, 0},
        {TR("期间", "Period"), 50, 0},
        {TR("应完成", "Expected"), 80, KH__PDF_RIGHT_ALIGN},
        {TR("实际", "Actual"), 80, KH__PDF_RIGHT_ALIGN},
        {TR("完成比", "Ratio"), 50, KH__PDF_RIGHT_ALIGN},
        {TR("预警", "Level"), 40, KH__PDF_CENTER},
    };
    struct kh__pdf_table t;
    char name[320], exp[32], act[32];
    int32_t nwarn = 0;
    for (int32_t i = 0; i < r->nwarnings; i++) {
        const struct kh_warning *w = &r->warnings[i];
        char ratio[32];
        if (w->unit != u || w->level == 0)
            continue;
        if (nwarn++ == 0) {
            kh__pdf_paragraph(p, TR("过程跟踪黄色、红色预警：", "Yellow and red tracking warnings:"), 9, 0);
            kh__pdf_table_begin(p, &t, cols, 6, 7.5);
        }
        snprintf(ratio, sizeof ratio, "%.1f%%", w->ratio * 100);
        const char *cells[6] = {kh__pdf_named(b->nodes[w->node].code, b->nodes[w->node].name, name, sizeof name),
                                kh_period_name(w->period), kh__pdf_value(w->expected, exp),
                                kh__pdf_value(w->actual, act), ratio,
                                w->level == 2 ? TR("红", "red") : TR("黄", "yellow")};
        kh__pdf_table_row(p, &t, cells, w->level == 2 ? KH__PDF_ROW_ACCENT : 0);
    }
    if (nwarn > 0)
        kh__pdf_table_end(p, &t);
    else if (r->nwarnings > 0)
        kh__pdf_paragraph(p, TR("过程跟踪无黄色或红色预警。", "No yellow or red tracking warning."), 9, 0);
    return nwarn;
}

void kh__pdf_flag_list(struct kh__pdf *p, const struct kh_bundle *b, const char *flags,
                       const char *accent_prefix)
{
    char text[480], line[520];
    if (!flags || !flags[0])
        kh__pdf_paragraph(p, TR("无标记。", "No flags."), 9, 0);
    for (const char *s = flags ? flags : ""; *s;) {
        size_t len = strcspn(s, ";");
        bool accent = accent_prefix && strncmp(s, accent_prefix, strlen(accent_prefix)) == 0;
        snprintf(line, sizeof line, "• %s", kh__pdf_flag_text(b, p->lang, s, len, text, sizeof text));
        kh__pdf_paragraph(p, line, 9, accent ? KH__PDF_ACCENT : 0);
        s += len;
        if (*s == ';')
            s++;
    }
}

void kh__pdf_section(struct kh__pdf *p, const char *name, const char *kind, const char *heading)
{
    char title[400];
    kh__pdf_new_page(p);
    snprintf(title, sizeof title, "%s %s", name, kind);
    kh__pdf_bookmark(p, 0, title);
    kh__pdf_heading(p, 1, heading);
}
