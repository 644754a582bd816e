/*
 * stability.h — rank stability under perturbed weights (敏感性分析, SPEC §8,
 * §11.26).
 *
 * Run r (1..N) multiplies every node weight of every category by its own
 * factor U(1 − δ, 1 + δ) — drawn from kh_rng (rng.h) seeded with the seed,
 * in the fixed order run, category (categories.csv order), node
 * (indicators.csv order), one draw per (category, node) even where the
 * weight is 0 (it stays 0), so the stream never depends on the data — and
 * recomputes aggregation, ranking and grades only: leaf scores do not depend
 * on weights (engine-internal.h), so they are computed once.  Node weights
 * are renormalised over siblings by the engine's weighted means, as SPEC §6
 * always does.  Results depend only on the bundle, N, δ and the seed.
 *
 * Per unit, over the N runs, with the rank within the unit's category:
 * - rank_median: the median (mean of the two middle ranks when N is even,
 *   so it may end in .5);
 * - rank_p05, rank_p95: nearest-rank percentiles — the k-th smallest rank
 *   with k = ⌈p·N/100⌉ (at least 1), always a rank that actually occurred;
 * - top_share: the share of runs in which the unit got the top grade
 *   (thresholds and quota applied per run, SPEC §6);
 * - overlap: its [p05, p95] interval shares at least one rank with that of
 *   a neighbour in the base ranking of its category (the unit just above or
 *   just below, ties ordered by units.csv), i.e. their order may flip;
 * - flip_share: the share of runs in which the unit ranked strictly worse
 *   than the unit just below it in the base ranking (NaN for the last).
 */
#ifndef KAOHE_STABILITY_H
#define KAOHE_STABILITY_H

#include <stdbool.h>
#include <stdint.h>
#include "kaohe/model.h"

struct kh_error;

struct kh_stability_opts {
    int32_t runs;          /* N ≥ 1, default 1000 */
    double delta;          /* δ in [0, 1), default 0.2 */
    uint64_t seed;         /* default 1 */
};

/* The defaults above, shared by `kaohe sensitivity`, `kaohe report unit
 * --stability` and the web's stability page. */
#define KH_STABILITY_OPTS_DEFAULT {1000, 0.2, 1}

struct kh_stability_unit {
    int32_t rank_base;     /* category rank with the bundle's weights */
    int32_t grade_base;    /* grade index with the bundle's weights */
    double rank_median;
    int32_t rank_p05, rank_p95;
    double top_share;      /* in [0, 1] */
    bool overlap;
    double flip_share;     /* NaN for the last unit of its category */
};

struct kh_stability {
    int32_t nunits;
    struct kh_stability_unit *units;   /* [nunits], units.csv order */
};

/* Returns 0; KH_EINVAL for runs < 1 or δ outside [0, 1); an engine error
 * otherwise (none are expected for a validated bundle).  Release with
 * kh_stability_release (accepts zeroed). */
int kh_stability_run(const struct kh_bundle *b, const struct kh_stability_opts *o,
                     struct kh_stability *s, struct kh_error *err);
void kh_stability_release(struct kh_stability *s);

#endif
