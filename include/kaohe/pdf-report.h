/*
 * pdf-report.h — printable reports of a computed cycle, as PDF (cairo +
 * pango, issue 10): the unit report card (单位考核报告), the cadre form
 * (干部考核表), the district summary (考核结果汇总) and the performance
 * agreement (绩效协议书).
 *
 * Both take a validated bundle and the engine's results for it — the same
 * pair every other renderer takes (results-csv.h, summary.h) — so they do
 * not care whether the cycle came from a bundle folder or the store.  Every
 * number printed is the number of the result files: composites and scores
 * are shown round2 to two decimals (SPEC §6), the value ranks and grades
 * were decided on; ranks, grades, flags and vetoes are the engine's.
 *
 * Every page is A4 portrait with the cycle (code and name) in the header and
 * the date of computation and "第 n 页 / 共 m 页" in the footer; charts are
 * vector paths.  Text is set in Noto Sans CJK SC (pdf-draw.h explains why
 * the family is named), Chinese headings by default, English with
 * KH_LANG_EN.  The file is written to FILE.tmp and renamed: on any error
 * nothing is left at `path`.
 */
#ifndef KAOHE_PDF_REPORT_H
#define KAOHE_PDF_REPORT_H

#include <stdint.h>
#include "kaohe/engine.h"
#include "kaohe/model.h"
#include "kaohe/msg.h"

struct kh_error;
struct kh_stability;
struct kh_stability_opts;

struct kh_pdf_report_opts {
    enum kh_lang lang;
    const char *computed_at;     /* "YYYY-MM-DD" (a longer ISO time is cut to its date) */
    int png_dpi;                 /* > 0: PNG pages at this DPI, PATH-1.png … (PATH without .pdf) */
    /* The rank-stability study of the same bundle (stability.h) and the
     * options it ran with, or NULL: the unit card then has no stability
     * section.  Read by kh_pdf_unit_report only. */
    const struct kh_stability *stability;
    const struct kh_stability_opts *stability_opts;
};

/*
 * Report cards of units[0..nunits) (indices into b->units), one after the
 * other in one PDF, each starting on a new page and bookmarked.  Returns 0,
 * KH_EINVAL when nunits is 0 (REPORT_NO_UNITS), KH_EDATA when the font is
 * missing, KH_EIO when the file cannot be written.
 */
int kh_pdf_unit_report(const struct kh_bundle *b, const struct kh_results *r,
                       const int32_t *units, int32_t nunits, const struct kh_pdf_report_opts *o,
                       const char *path, struct kh_error *err);

/*
 * Cadre assessment forms (干部考核表, SPEC §7) of cadres[0..ncadres) (indices
 * into b->cadres), one after the other, each on a new page and bookmarked:
 * team / duty / evaluation with weights and scores, penalty, score, grade,
 * responsibility nodes, dimension weights, votes per rater group and level,
 * flags.  Errors as above (REPORT_NO_CADRES when ncadres is 0).
 */
int kh_pdf_cadre_report(const struct kh_bundle *b, const struct kh_results *r,
                        const int32_t *cadres, int32_t ncadres, const struct kh_pdf_report_opts *o,
                        const char *path, struct kh_error *err);

/*
 * What the feedback report (反馈报告, SPEC §9.6) knows beyond the cycle
 * itself: the previous cycle's figures and the rectification items, both
 * from the store.  In bundle mode it is all empty (stored false).
 */
struct kh_feedback_prev_unit {
    bool present;                /* the unit was in the previous cycle's results */
    double composite;
    int32_t rank_category, rank_overall;
    char grade[64];
};
struct kh_feedback_item {
    const char *unit, *id, *leaf, *text, *state, *close_note;
};
struct kh_feedback_extra {
    bool stored;                 /* the cycle came from the store */
    const char *prev_cycle;      /* NULL or "": no previous cycle */
    const struct kh_feedback_prev_unit *prev;   /* [b->nunits] when prev_cycle */
    const struct kh_feedback_item *items; int32_t nitems;   /* this cycle's items, every unit */
};

/*
 * Feedback reports of units[0..nunits) (indices into b->units), each on a
 * new page and bookmarked: key figures, strengths and weaknesses
 * (strengths.h, the rows of results_strengths.csv), tracking warnings, the
 * trend against the previous cycle and the rectification items with their
 * state.  x may be NULL (bundle mode).  Errors as kh_pdf_unit_report.
 */
int kh_pdf_feedback_report(const struct kh_bundle *b, const struct kh_results *r,
                           const struct kh_feedback_extra *x, const int32_t *units,
                           int32_t nunits, const struct kh_pdf_report_opts *o, const char *path,
                           struct kh_error *err);

/*
 * The district summary: per township type the ranking with grades and the
 * top-grade quota line, grade counts against the quota, a histogram of the
 * composites; then every veto and every flagged unit.  Errors as above.
 */
int kh_pdf_district_report(const struct kh_bundle *b, const struct kh_results *r,
                           const struct kh_pdf_report_opts *o, const char *path,
                           struct kh_error *err);

/*
 * The performance agreement (绩效协议书) of one unit: every approved target
 * with its baseline, quarterly milestones and the unit's justification; the
 * rectification items carried over from earlier cycles with the unit's
 * answers (SPEC §9.6); signature and seal lines for the unit and the
 * assessment office.  o->computed_at is the date printed in the footer
 * (the date of printing).  Errors as above.
 */
struct kh_agreement;
int kh_pdf_agreement_report(const struct kh_agreement *ag, const struct kh_pdf_report_opts *o,
                            const char *path, struct kh_error *err);

/*
 * Free the process-wide font caches of pango, cairo and fontconfig.  Call it
 * once, when no report is being drawn and none will be (a command-line
 * program at its end), so that leak checkers see a clean process; skipping
 * it only keeps the caches until exit.
 */
void kh_pdf_release_caches(void);

#endif
