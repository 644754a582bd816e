/*
 * ahp-report.h — the result of `kaohe ahp` (ahp.h) as a JSON document and as
 * the terminal table (shape in docs/analysis.md).
 *
 * The renderers see one struct kh_ahp_report: what was solved (the pooled
 * matrix and its kh_ahp_result), where it came from (the files) and what
 * was done with it (the --apply target).  They compute nothing; every
 * figure is the analysis's.
 */
#ifndef KAOHE_AHP_REPORT_H
#define KAOHE_AHP_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include "kaohe/ahp.h"
#include "kaohe/buf.h"
#include "kaohe/msg.h"

struct kh_ahp_report {
    const char *const *files;     /* [nfiles] the matrix files, as given */
    int nfiles;                   /* experts pooled, ≥ 1 */
    const char *const *codes;     /* [r->n] criterion codes, or "1".."n" */
    bool have_codes;              /* codes came from the files (else JSON null) */
    const double *pooled;         /* [n*n] row-major: the matrix solved */
    const struct kh_ahp_result *r;
    const char *bundle;           /* --apply target, NULL when none */
    const char *node, *category;  /* with bundle */
    bool applied;                 /* the weights were written into bundle */
};

/* The document {files, experts, n, criteria, matrix, lambda_max, ci, ri, cr,
 * consistent, iterations, applied}; the caller owns it (json_decref). */
json_t *kh_ahp_json(const struct kh_ahp_report *rep);

/* Append the human table, labels in lang (no process-wide language is
 * read): order and experts, one line per criterion, λmax/CI/RI/CR and the
 * verdict, and where the weights were written when applied. */
void kh_ahp_render_text(const struct kh_ahp_report *rep, enum kh_lang lang, struct kh_buf *out);

#endif
