/*
 * strengths.c — strengths and weaknesses of a unit against the mean of its
 * township type (strengths.h has the rule).
 *
 * Two passes over the results: the type means once for every unit
 * (O(units × nodes)), then per unit a bounded insertion into the two
 * top-5 lists, so the whole results file costs O(units × nodes × 5).  The
 * ordering is total (gap, then leaf code), so the lists do not depend on
 * the order the leaves are visited in.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/strengths.h"
#include "kaohe/xalloc.h"

void kh_type_means(const struct kh_bundle *b, const struct kh_results *r, double *out)
{
    const int32_t N = b->nnodes;
    size_t n = (size_t)b->ncategories * N;
    int32_t *cnt = kh_xcalloc(n + 1, sizeof *cnt);
    for (size_t i = 0; i < n; i++)
        out[i] = 0;
    for (int32_t u = 0; u < b->nunits; u++) {
        size_t base = (size_t)b->units[u].category * N;
        for (int32_t k = 0; k < N; k++) {
            const struct kh_node_result *nr = kh_results_node(r, u, k);
            if (nr->flags & KH_NR_HAS_SCORE) {
                out[base + k] += nr->score;
                cnt[base + k]++;
            }
        }
    }
    for (size_t i = 0; i < n; i++)
        out[i] = cnt[i] ? out[i] / cnt[i] : NAN;
    free(cnt);
}

/* Does a come before b in its list?  sign +1 for strengths (larger gap
 * first), −1 for weaknesses (more negative first); then by leaf code. */
static bool before(const struct kh_bundle *b, const struct kh_strength *x,
                   const struct kh_strength *y, int sign)
{
    if (x->gap != y->gap)
        return sign > 0 ? x->gap > y->gap : x->gap < y->gap;
    return strcmp(b->nodes[x->leaf].code, b->nodes[y->leaf].code) < 0;
}

static void insert(const struct kh_bundle *b, struct kh_strength *list, int32_t *n,
                   const struct kh_strength *s, int sign)
{
    int32_t i = *n < KH_STRENGTHS_MAX ? (*n)++ : KH_STRENGTHS_MAX;
    if (i == KH_STRENGTHS_MAX && !before(b, s, &list[KH_STRENGTHS_MAX - 1], sign))
        return;
    if (i == KH_STRENGTHS_MAX)
        i = KH_STRENGTHS_MAX - 1;
    while (i > 0 && before(b, s, &list[i - 1], sign)) {
        list[i] = list[i - 1];
        i--;
    }
    list[i] = *s;
}

void kh_unit_strengths(const struct kh_bundle *b, const struct kh_results *r, const double *means,
                       int32_t u, struct kh_strengths *out)
{
    const int32_t N = b->nnodes;
    const double *m = &means[(size_t)b->units[u].category * N];
    out->nstrengths = out->nweaknesses = 0;
    for (int32_t k = 0; k < N; k++) {
        const struct kh_node *nd = &b->nodes[k];
        const struct kh_node_result *nr = kh_results_node(r, u, k);
        if (nd->first_child >= 0 || kh_kind_is_points(nd->kind) || !(nr->flags & KH_NR_HAS_SCORE) ||
            !(nr->weight_global > 0) || isnan(m[k]))
            continue;
        struct kh_strength s = {k, nr->weight_global * (nr->score - m[k]), nr->score, m[k],
                                nr->weight_global};
        if (s.gap > 0)
            insert(b, out->strengths, &out->nstrengths, &s, +1);
        else if (s.gap < 0)
            insert(b, out->weaknesses, &out->nweaknesses, &s, -1);
    }
}
