/*
 * store-scheme.h — changing a stored cycle's weights, and seeing first what
 * the change would do (store-scheme.c).
 *
 * The office's scheme editor: the weight of an indicator in one township
 * type (category) is a cell of indicators.csv (`weight.<CAT>`, FORMATS.md).
 * A change is a list of such cells with their new text.  Preview applies
 * the list to the stored files, reads them with the one bundle validator
 * (so a weight that is not a number, or sums that no longer hold, are the
 * same located diagnostics an import gives) and runs the engine on the
 * stored data before and after: every unit's composite, rank in its type
 * and grade, both ways.  Nothing is written.  Set does the same checks
 * and then stores the cells, one audit record per changed cell with its
 * before and after, all or nothing.
 */
#ifndef KAOHE_STORE_SCHEME_H
#define KAOHE_STORE_SCHEME_H

#include <stddef.h>
#include <stdint.h>
#include "kaohe/authz.h"
#include "kaohe/bundle.h"
#include "kaohe/store.h"

/* One cell: the weight of indicator in category, as text ("" = none). */
struct kh_weight_change {
    const char *indicator, *category, *weight;
};

/* One unit, before and after (grades are names of cycle.team_grades). */
struct kh_scheme_unit {
    char code[128], name[256], category[128];
    double before, after;              /* composites */
    int32_t rank_before, rank_after;   /* rank within the category */
    char grade_before[64], grade_after[64];
};

struct kh_scheme_preview {
    struct kh_scheme_unit *units;      /* in the bundle's unit order */
    size_t n;
    size_t changed;                    /* cells whose text differs from the stored one */
};

/*
 * What the weight changes would do to the cycle's results (action
 * scheme.preview: the admin, any state).  p receives one row per unit
 * (caller releases with kh_scheme_preview_release).  An indicator or a
 * category the cycle does not have is KH_EINVAL naming it; a changed
 * scheme that does not validate is KH_EINVAL with the reader's located
 * diagnostics in diags (indicators.csv:LINE:COLUMN).
 */
int kh_store_scheme_preview(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                            const struct kh_weight_change *ch, size_t n, struct kh_scheme_preview *p,
                            struct kh_diags *diags, struct kh_error *err);
/*
 * Store the weight changes (action scheme.edit: the admin while the cycle
 * is in setup — once targets are agreed the scheme is fixed).  The same
 * checks as preview first; then every changed cell is written and audited
 * ("scheme", key CYCLE/INDICATOR/CATEGORY, before and after) in one
 * transaction.  p (may be NULL) receives the preview of the change, as
 * kh_store_scheme_preview would have given it; changed (may be NULL) the
 * number of cells that differed — unchanged cells write nothing.
 */
int kh_store_scheme_set(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                        const struct kh_weight_change *ch, size_t n, struct kh_scheme_preview *p,
                        size_t *changed, struct kh_diags *diags, struct kh_error *err);
void kh_scheme_preview_release(struct kh_scheme_preview *p);
/* The stored weights, rows (indicator, category, weight text) in file
 * order and, per indicator, the order of categories.csv.  Structure, not
 * data: action cycle.show, as the other scheme files. */
int kh_store_scheme_weights(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                            kh_store_row_fn fn, void *ctx, struct kh_error *err);

#endif
