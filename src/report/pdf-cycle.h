/*
 * pdf-cycle.h — what every PDF report of one cycle shares (pdf-cycle.c):
 * the running header and footer texts, the one way a score is printed, and
 * the tracking-warnings table (unit card and feedback report).
 * Internal to src/report.
 */
#ifndef KH_REPORT_PDF_CYCLE_H
#define KH_REPORT_PDF_CYCLE_H

#include "kaohe/model.h"
#include "kaohe/pdf-report.h"
#include "report/pdf-draw.h"

/* The texts of a setup, kept together so their lifetime is the struct's. */
struct kh__pdf_cycle_texts {
    char header_right[320];      /* "2024 · 2024年度乡镇绩效考核" */
    char footer_left[96];        /* "计算日期：2024-06-30" */
    char date[16];               /* "2024-06-30" */
};

/* Fill setup (title given) and texts from the cycle and the options. */
void kh__pdf_cycle_setup(const struct kh_bundle *b, const struct kh_pdf_report_opts *o,
                         const char *title, struct kh__pdf_cycle_texts *t,
                         struct kh__pdf_setup *setup);

/* The same from a cycle's code and name (a report drawn from stored data
 * rather than a bundle: the agreement). */
void kh__pdf_cycle_setup_named(const char *cycle_code, const char *cycle_name,
                               const struct kh_pdf_report_opts *o, const char *title,
                               struct kh__pdf_cycle_texts *t, struct kh__pdf_setup *setup);

/* A score as readers see it everywhere: round2, two decimals; "—" for NaN.
 * Returns buf (at least 32 bytes). */
const char *kh__pdf_score(double x, char *buf);
/* A measured value: up to two decimals, trailing zeros dropped; "—" for
 * NaN.  Returns buf (at least 32 bytes). */
const char *kh__pdf_value(double x, char *buf);
/* "代码 名称" of a node or unit name, or the code alone when unnamed. */
const char *kh__pdf_named(const char *code, const char *name, char *buf, size_t n);

/* One flag of a `;`-joined flag list (SPEC §11.23), len bytes at s, in
 * words: "数据缺失：EC1 区级税收完成率" for "missing:EC1".  Unknown flags
 * are shown as written.  Returns buf. */
const char *kh__pdf_flag_text(const struct kh_bundle *b, enum kh_lang lang, const char *s,
                              size_t len, char *buf, size_t n);

/* The flags of a `;`-joined list as bullet lines in words ("无标记。" when
 * empty); a flag starting with accent_prefix (NULL: none) in red. */
void kh__pdf_flag_list(struct kh__pdf *p, const struct kh_bundle *b, const char *flags,
                       const char *accent_prefix);

/* Start one subject's section (a unit's card, a cadre's form): new page,
 * bookmark "NAME KIND", title heading. */
void kh__pdf_section(struct kh__pdf *p, const char *name, const char *kind, const char *heading);

/* The yellow and red tracking warnings of unit u as a table (with a lead
 * line), or a line saying there is none when the cycle tracks at all.
 * Returns the number of rows drawn. */
int32_t kh__pdf_warnings(struct kh__pdf *p, const struct kh_bundle *b, const struct kh_results *r,
                         int32_t u);

#endif
