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
