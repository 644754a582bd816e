/*
 * entropy-report.h — the result of `kaohe entropy` (entropy.h) as a JSON
 * document and as the terminal table (shape in docs/analysis.md).
 *
 * The renderers see one struct kh_entropy_report: the data's shape (units,
 * criteria and their directions), the per-criterion entropy e, divergence
 * d = 1 − e and weight w the analysis computed, and, for --from, the units
 * left out for missing values.  They compute nothing.
 */
#ifndef KAOHE_ENTROPY_REPORT_H
#define KAOHE_ENTROPY_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include "kaohe/buf.h"
#include "kaohe/entropy.h"
#include "kaohe/msg.h"

struct kh_entropy_report {
    const char *source;            /* the data file, or the --from bundle */
    enum kh_entropy_norm norm;
    size_t m, n;                   /* units, criteria */
    const char *const *crit;       /* [n] criterion codes */
    const bool *cost;              /* [n] cost (else benefit) */
    const double *e, *d, *w;       /* [n] entropy, divergence, weight */
    const char *const *skipped;    /* [nskipped] units left out (--from) */
    size_t nskipped;
};

/* "minmax" or "none". */
const char *kh_entropy_norm_name(enum kh_entropy_norm norm);

/* The document {source, normalise, units, criteria, units_left_out}, NaN
 * figures as null; the caller owns it (json_decref). */
json_t *kh_entropy_json(const struct kh_entropy_report *rep);

/* Append the human table, labels in lang (no process-wide language is
 * read): one line per criterion with e, 1 − e and w to 6 decimals, then the
 * units left out when there are any. */
void kh_entropy_render_text(const struct kh_entropy_report *rep, enum kh_lang lang, struct kh_buf *out);

#endif
