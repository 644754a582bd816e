/*
 * stability-report.h — rank stability (stability.h) as files: the CSV
 * results_stability.csv, the JSON of `kaohe sensitivity --json` and the
 * per-category summary it prints (columns and shape in docs/analysis.md).
 *
 * results_stability.csv: unit,category,rank_base,rank_median,rank_p05,
 * rank_p95,top_share,overlap,flip_share — one row per unit in units.csv
 * order; numbers %.17g (SPEC §11.24), ranks as integers, overlap 1/0,
 * flip_share empty for the last unit of a category (NaN).
 */
#ifndef KAOHE_STABILITY_REPORT_H
#define KAOHE_STABILITY_REPORT_H

#include <jansson.h>
#include "kaohe/buf.h"
#include "kaohe/model.h"
#include "kaohe/msg.h"
#include "kaohe/stability.h"

/* Append results_stability.csv (header and rows) to out. */
void kh_stability_render_csv(const struct kh_bundle *b, const struct kh_stability *s,
                             struct kh_buf *out);

/* The document {bundle, runs, delta, seed, generator, output, units[…]}:
 * bundle_dir and csv_path are echoed as given; the caller owns it
 * (json_decref). */
json_t *kh_stability_json(const struct kh_bundle *b, const struct kh_stability_opts *o,
                          const struct kh_stability *s, const char *bundle_dir,
                          const char *csv_path);

/* Append the human summary, labels in lang (no process-wide language is
 * read): the simulation's parameters, then per category the count of overlapping
 * units, how many hold the top grade in ≥ 95% of runs, and its first ten
 * units by base rank; last the path of the full CSV. */
void kh_stability_render_text(const struct kh_bundle *b, const struct kh_stability_opts *o,
                              const struct kh_stability *s, const char *csv_path, enum kh_lang lang,
                              struct kh_buf *out);

#endif
