/*
 * weights-file.h — weight files and writing weights into indicators.csv.
 *
 * A weight file (the interchange of `kaohe ahp -o`, `kaohe entropy -o` and
 * `kaohe weights combine`) is CSV with the header `code,weight` (Chinese
 * aliases 编码/指标编码, 权重; columns in any order, no others) and one row
 * per criterion: its code and a non-negative weight in any positive scale.
 * Codes are unique; blank rows are skipped.
 *
 * kh_indicators_set_weights() rewrites the `weight.<CAT>` cells of a node's
 * children in the text of a bundle's indicators.csv and leaves every other
 * byte as it was — BOM, quoting, spacing, line ends, other columns — so the
 * office's file diff shows exactly the weights that changed.  It works on
 * the raw bytes: in UTF-8 and in GBK/GB18030 the bytes `,` `"` CR LF only
 * ever stand for themselves, so the file keeps its encoding.
 */
#ifndef KAOHE_WEIGHTS_FILE_H
#define KAOHE_WEIGHTS_FILE_H

#include <stddef.h>
#include "kaohe/buf.h"

struct kh_error;

struct kh_weight_list {
    size_t n;
    char **codes;        /* malloc'd */
    double *weights;
    long *lines;         /* physical line of each row */
};

/* Parse a weight file; returns 0 or KH_EINVAL naming fname:line:column.
 * The caller releases with kh_weight_list_release (accepts zeroed). */
int kh_weight_list_parse(const char *data, size_t len, const char *fname,
                         struct kh_weight_list *wl, struct kh_error *err);
void kh_weight_list_release(struct kh_weight_list *wl);
/* Render "code,weight\n" rows (numbers %.17g). */
int kh_weight_list_render(const char *const *codes, const double *weights, size_t n,
                          struct kh_buf *out);

/*
 * Set weight.<category> of the children of `node` to weights[i] for
 * codes[i], appending the new file text to `out`.  The children that take
 * part in weighted means (every kind but bonus, penalty, veto) must all be
 * given, except those whose current weight in the category is 0 or empty
 * (not assessed there), which may be left out and keep their cell; a code
 * that is not such a child is an error.  Numbers are written in the
 * shortest form that reads back exactly.  Returns 0, or KH_EINVAL with err
 * naming "indicators.csv" and the line/column at fault.
 */
int kh_indicators_set_weights(const char *data, size_t len, const char *node,
                              const char *category, const char *const *codes,
                              const double *weights, size_t n, struct kh_buf *out,
                              struct kh_error *err);

#endif
