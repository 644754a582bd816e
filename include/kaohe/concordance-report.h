/*
 * concordance-report.h — the rater-concordance analysis (concordance.h) as
 * files: concordance_items.csv and concordance_raters.csv (columns in
 * docs/analysis.md; numbers %.17g, NaN as an empty cell), the JSON of
 * `kaohe concordance --json` and the summary it prints without --json.
 */
#ifndef KAOHE_CONCORDANCE_REPORT_H
#define KAOHE_CONCORDANCE_REPORT_H

#include <jansson.h>
#include "kaohe/buf.h"
#include "kaohe/concordance.h"
#include "kaohe/msg.h"
#include "kaohe/model.h"

/* "ok", "too_few_raters", "too_few_ratees". */
const char *kh_concordance_status_name(enum kh_concordance_status s);
/* The item's code: a qual leaf, or a cadre dimension. */
const char *kh_concordance_item_code(const struct kh_bundle *b, const struct kh_concordance_item *it);
/* Append both CSV files (header and rows) to items and raters. */
void kh_concordance_render_csv(const struct kh_bundle *b, const struct kh_concordance *a,
                               struct kh_buf *items, struct kh_buf *raters);
/* The JSON document {bundle, items, raters, flagged}; the caller owns it
 * (json_decref). */
json_t *kh_concordance_json(const struct kh_bundle *b, const struct kh_concordance *a,
                            const char *bundle_dir);
/* Append the human summary, labels in lang (no process-wide language is
 * read): one line per block with W and ICC(2,1) to 4 decimals or why it was
 * not computed, the flagged raters, and the paths of the two CSV files. */
void kh_concordance_render_text(const struct kh_bundle *b, const struct kh_concordance *a,
                                const char *items_path, const char *raters_path, enum kh_lang lang,
                                struct kh_buf *out);

#endif
