/*
 * results-csv.h — the result files of FORMATS.md ("Output files").
 *
 * results_units.csv, results_nodes.csv, results_cadres.csv,
 * results_surveys.csv, results_contributions.csv, results_strengths.csv always; warnings.csv only
 * when it has a row (SPEC §11.21).  Numbers %.17g (numfmt.h), rows in input order, UTF-8 without BOM,
 * "\n" line ends: byte-identical for the same bundle.
 */
#ifndef KAOHE_RESULTS_CSV_H
#define KAOHE_RESULTS_CSV_H

#include "kaohe/model.h"
#include "kaohe/engine.h"
#include "kaohe/buf.h"

struct kh_error;

enum kh_result_file { KH_RESULT_UNITS, KH_RESULT_NODES, KH_RESULT_CADRES, KH_RESULT_SURVEYS,
                      KH_RESULT_WARNINGS, KH_RESULT_CONTRIBUTIONS, KH_RESULT_STRENGTHS,
                      KH_RESULT_NFILES };
/* KH_RESULT_CONTRIBUTIONS: results_contributions.csv (contributions.h).
 * KH_RESULT_STRENGTHS: results_strengths.csv (strengths.h). */
extern const char *const kh_result_file_names[KH_RESULT_NFILES];

/* Render one result file into buf (appended). */
int kh_results_render(const struct kh_bundle *b, const struct kh_results *r,
                      enum kh_result_file which, struct kh_buf *out);
/* Write all result files into dir (created if needed); each file is written
 * to a temporary name and renamed.  Returns 0 or KH_EIO. */
int kh_results_write_dir(const struct kh_bundle *b, const struct kh_results *r,
                         const char *dir, struct kh_error *err);

#endif
