/*
 * population.h — population figures of a leaf per category (SPEC §11.12).
 */
#ifndef KH_CORE_POPULATION_H
#define KH_CORE_POPULATION_H

#include <stdint.h>
#include "core/score.h"

struct kh__prep;

/* One (value, unit) pair; callers provide [U] of them as scratch. */
struct kh__popitem { double x; int32_t u; };

/*
 * Fill st[c] for every category c with the population of leaf `node`: the
 * units of c whose transformed value is present (p->lflags HAS_VALUE).  With
 * want_rank, rank[u] is the competition rank of unit u among its category's
 * population (1 = best: highest for benefit, lowest for cost; exact-value
 * ties share a rank) and 0 for units without a value.
 */
void kh__population(const struct kh__prep *p, int32_t node, bool want_rank,
                    struct kh__popstat *st, int32_t *rank, struct kh__popitem *scratch);

/* Competition ranks (1, 2, 2, 4) of items[0..n) by x, best first (highest
 * when descending).  Sorts items; writes rank[items[i].u]. */
void kh__competition_rank(struct kh__popitem *items, int32_t n, bool descending, int32_t *rank);

#endif
