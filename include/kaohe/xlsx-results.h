/*
 * xlsx-results.h — a computed cycle as one Excel workbook (libxlsxwriter,
 * issue 10 item 4): `kaohe export CYCLE --xlsx FILE.xlsx`.
 *
 * The workbook is a complete record of the cycle, in this sheet order:
 *   1. 汇总 (Summary): grade counts per township type and the ranking of each
 *      type, each with a native Excel chart (xlsx-summary.c);
 *   2. one sheet per result file, in FORMATS.md order (results_units.csv …
 *      results_contributions.csv, results_strengths.csv; warnings.csv only
 *      when the cycle has it),
 *      holding exactly that file's rows and values — numbers as numbers at
 *      full precision, scores displayed with two decimals — under Chinese
 *      sheet names and headers (English with KH_LANG_EN);
 *   3. one sheet per input file of the bundle, named as the file without
 *      ".csv" ("units", "values", …) with the canonical FORMATS.md header,
 *      so a workbook reader can take the sheets back as the bundle.
 * Every sheet has its header row frozen and its columns sized to their
 * content; grades, vetoes, flags and warning levels are coloured by
 * conditional formats (the cell values stay the CSV's).
 *
 * The renderer takes the result files as CSV text (the stored bytes, or
 * kh_results_render's) rather than struct kh_results, so the workbook shows
 * the very numbers `kaohe results` prints, whatever produced them.
 *
 * Deterministic: the same inputs and options give the same bytes (the
 * document's creation time is opts->computed_at, not the clock).  Written
 * to FILE.tmp in the same folder and renamed; on any error nothing is left.
 */
#ifndef KAOHE_XLSX_RESULTS_H
#define KAOHE_XLSX_RESULTS_H

#include <stddef.h>
#include "kaohe/bundle.h"
#include "kaohe/model.h"
#include "kaohe/msg.h"

struct kh_error;

struct kh_xlsx_opts {
    enum kh_lang lang;           /* sheet names, headers and the summary's texts */
    const char *computed_at;     /* ISO time "YYYY-MM-DDTHH:MM:SSZ" (or a date); NULL/"" = 2000-01-01 */
};

/*
 * Write the workbook of bundle b with the result files results[0..n) (name
 * "results_units.csv" …, CSV data) to path.  Result files of unknown name
 * are ignored; a missing one has no sheet.  Returns 0; KH_EINVAL
 * (REPORT_XLSX_BAD_RESULT) when a result file is not readable CSV; KH_EIO
 * (REPORT_XLSX_WRITE, naming the file and the reason) when the file cannot
 * be written — nothing is then left at path or path.tmp.
 */
int kh_xlsx_results_write(const struct kh_bundle *b, const struct kh_bundle_file *results, size_t n,
                          const struct kh_xlsx_opts *opts, const char *path, struct kh_error *err);

/*
 * The input workbook of bundle b — what an office fills in (`kaohe sample
 * --xlsx`): a first sheet 填表说明 explaining every sheet, then every input
 * sheet of FORMATS.md in order, those b has no rows for with their header
 * only; code and text columns are formatted as text so "001" typed in stays
 * "001".  kh_bundle_read_xlsx reads it back as b.  Same returns, atomic
 * write and determinism as kh_xlsx_results_write.
 */
int kh_xlsx_bundle_write(const struct kh_bundle *b, const struct kh_xlsx_opts *opts, const char *path,
                         struct kh_error *err);

/*
 * The results workbook of a stored cycle as kh_store_export gave it (x; its
 * bundle's cycle code is filled from x->code when empty) — what `kaohe
 * export --xlsx` and the web download write.  KH_ESTATE
 * (REPORT_NOT_COMPUTED) for a cycle never computed; else as
 * kh_xlsx_results_write.
 */
struct kh_export;
int kh_xlsx_export_write(struct kh_export *x, enum kh_lang lang, const char *path, struct kh_error *err);

#endif
