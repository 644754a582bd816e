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

int kh_summary_render(const struct kh_bundle *b, const struct kh_results *r, struct kh_buf *out);

#endif
