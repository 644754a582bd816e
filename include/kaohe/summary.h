/*
 * summary.h — the readable ranking printed by `kaohe eval` (and reused by
 * later reports): one table per category, units in rank order with
 * composite (2 decimals, display only), grade, veto and flags, then the
 * grade counts of each category against its top-grade quota.
 */
#ifndef KAOHE_SUMMARY_H
#define KAOHE_SUMMARY_H

#include "kaohe/buf.h"
#include "kaohe/engine.h"
#include "kaohe/model.h"
#include "kaohe/msg.h"

/* Append the ranking of r (computed from b) to out, headings and the grade
 * line in lang; the process language is never read.  Returns 0, or
 * KH_ETOOBIG when out reaches its size cap. */
int kh_summary_render(const struct kh_bundle *b, const struct kh_results *r, enum kh_lang lang,
                      struct kh_buf *out);

#endif
