/*
 * population.c — per category, per leaf: n, min, max, mean, σ and ranks (SPEC §3, §11.12, §11.13).
 *
 * What it owns: the population statistics that the pop_min/pop_max bounds of
 * efficacy and minmax, the rank method and zscore use.  The population of a
 * leaf in a category is the units of that category whose *transformed* value
 * is present: vetoed units included, imputed ones not (an imputed score has
 * no value).
 *
 *   mean  = Σx / n (summed in unit input order)
 *   σ     = √(Σ(x − mean)² / n)          population sd (§11.12)
 *   all_equal = (min == max): σ counts as 0 only then (§11.12)
 *   rank  = 1 + #{values strictly better}  competition ranking on exact values
 *
 * Cost: O(n) per category for the moments, one qsort per category for ranks.
 */
#include <math.h>
#include <stdlib.h>
#include "core/engine-internal.h"
#include "core/population.h"

static int cmp_desc(const void *a, const void *b)
{
    const struct kh__popitem *x = a, *y = b;
    if (x->x != y->x)
        return x->x < y->x ? 1 : -1;
    return (x->u > y->u) - (x->u < y->u);
}

static int cmp_asc(const void *a, const void *b)
{
    const struct kh__popitem *x = a, *y = b;
    if (x->x != y->x)
        return x->x > y->x ? 1 : -1;
    return (x->u > y->u) - (x->u < y->u);
}

void kh__competition_rank(struct kh__popitem *items, int32_t n, bool descending, int32_t *rank)
{
    qsort(items, (size_t)n, sizeof *items, descending ? cmp_desc : cmp_asc);
    for (int32_t i = 0; i < n; i++) {
        if (i > 0 && items[i].x == items[i - 1].x)
            rank[items[i].u] = rank[items[i - 1].u];
        else
            rank[items[i].u] = i + 1;
    }
}

void kh__population(const struct kh__prep *p, int32_t node, bool want_rank,
                    struct kh__popstat *st, int32_t *rank, struct kh__popitem *scratch)
{
    const int32_t N = p->N;
    bool benefit = p->b->nodes[node].direction != KH_COST;

    for (int32_t c = 0; c < p->C; c++) {
        struct kh__popstat *s = &st[c];
        int32_t n = 0;
        double sum = 0.0, ss = 0.0;

        s->min = s->max = s->mean = s->sigma = NAN;
        for (int32_t k = p->cat_start[c]; k < p->cat_start[c + 1]; k++) {
            int32_t u = p->cat_units[k];
            size_t at = (size_t)u * N + node;
            double x;
            if (rank)
                rank[u] = 0;
            if (!(p->lflags[at] & KH__LF_HAS_VALUE))
                continue;
            x = p->value[at];
            if (n == 0 || x < s->min)
                s->min = x;
            if (n == 0 || x > s->max)
                s->max = x;
            sum += x;
            scratch[n].x = x;
            scratch[n].u = u;
            n++;
        }
        s->n = n;
        s->all_equal = n > 0 && s->min == s->max;
        if (n == 0)
            continue;
        s->mean = sum / (double)n;
        for (int32_t i = 0; i < n; i++) {
            double d = scratch[i].x - s->mean;
            ss += d * d;
        }
        s->sigma = sqrt(ss / (double)n);
        if (want_rank)
            kh__competition_rank(scratch, n, benefit, rank);
    }
}
