/*
 * weights-report.h — the result of `kaohe weights combine`
 * (kh_weights_combine, entropy.h) as a JSON document and as the terminal
 * table (shape in docs/analysis.md).
 *
 * The two inputs are shown as the combination used them: each divided by
 * its own sum, so the subjective, objective and combined columns are all
 * fractions summing to 1 and can be compared row by row.
 */
#ifndef KAOHE_WEIGHTS_REPORT_H
#define KAOHE_WEIGHTS_REPORT_H

#include <jansson.h>
#include <stddef.h>
#include "kaohe/buf.h"
#include "kaohe/msg.h"

struct kh_weights_report {
    double alpha;                     /* share of the subjective weights */
    const char *subjective, *objective;   /* the two weight files */
    size_t n;
    const char *const *codes;         /* [n] in the subjective file's order */
    const double *subj, *obj;         /* [n] as read, obj aligned to codes */
    const double *w;                  /* [n] the combined weights */
};

/* The document {alpha, subjective, objective, criteria[{code, subjective,
 * objective, weight}]}; the caller owns it (json_decref). */
json_t *kh_weights_json(const struct kh_weights_report *rep);

/* Append the human table, labels in lang (no process-wide language is
 * read): the formula, then one line per criterion to 6 decimals. */
void kh_weights_render_text(const struct kh_weights_report *rep, enum kh_lang lang,
                            struct kh_buf *out);

#endif
