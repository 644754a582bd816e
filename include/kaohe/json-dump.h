/*
 * json-dump.h — the one way kaohe's analysis outputs write JSON numbers and
 * documents.
 *
 * Every number is printed with 17 significant digits so that it reads back
 * to the same double, as the CSV outputs do (SPEC §11.24); NaN and the
 * infinities, which JSON lacks, become null.  A document is dumped with a
 * 2-space indent and its keys in insertion order, so the shape described
 * in docs/analysis.md is also the order a reader sees.
 */
#ifndef KAOHE_JSON_DUMP_H
#define KAOHE_JSON_DUMP_H

#include <jansson.h>
#include "kaohe/buf.h"

/* A new JSON real for x, or JSON null when x is NaN or infinite.  The
 * caller owns the reference (usually handed on with json_*_set_new). */
json_t *kh_json_num(double x);

/*
 * Append v to out — 2-space indent, keys in insertion order, reals with 17
 * significant digits — followed by a newline, and drop the caller's
 * reference to v (so a constructor can be passed directly).  v NULL appends
 * nothing.  Returns 0, or KH_ETOOBIG when out's cap is reached (out then
 * holds a prefix of the document).
 */
int kh_json_dump_buf(json_t *v, struct kh_buf *out);

#endif
