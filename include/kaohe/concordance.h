/*
 * concordance.h — how far raters agree (SPEC §8, §11.25).
 *
 * Called concordance (评价一致性, `kaohe concordance`) so that "agreement"
 * means one thing in kaohe: the performance agreement (绩效协议) of a cycle.
 *
 * The statistics, on a complete block of m raters × n ratees held flat as
 * x[r*n + t] (rater-major):
 *
 * - Kendall's W with tie correction (Kendall & Babington Smith 1939; Siegel
 *   & Castellan 1988 §9.5): each rater's scores are ranked across ratees
 *   with average ranks for ties; R_t is the rank sum of ratee t,
 *   S = Σ_t (R_t − m(n+1)/2)², T = Σ_raters Σ_tie-groups (t³ − t),
 *       W = 12·S / (m²(n³ − n) − m·T),
 *   and χ² = m(n − 1)·W on n − 1 degrees of freedom.  W is NaN when the
 *   denominator is 0 (every rater gave every ratee the same score).
 * - ICC(2,1) of Shrout & Fleiss (1979): two-way random effects, single
 *   rater, absolute agreement, from the two-way ANOVA mean squares
 *   BMS (targets), JMS (judges), EMS (residual):
 *       ICC(2,1) = (BMS − EMS) / (BMS + (k − 1)·EMS + k·(JMS − EMS)/n),
 *   k raters, n targets; NaN when the denominator is 0.
 * - Spearman's ρ: Pearson's correlation of the average ranks (exact with
 *   ties); NaN when either side is constant.
 */
#ifndef KAOHE_CONCORDANCE_H
#define KAOHE_CONCORDANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kaohe/model.h"

struct kh_error;

/* Average ranks (1-based, ascending) of x[0..n) into ranks[]; returns the
 * tie term Σ (t³ − t) over groups of equal values. */
double kh_rank_average(const double *x, size_t n, double *ranks);

/* Kendall's W of m raters × n ratees (x[r*n + t]); *s and *chi2 may be NULL. */
double kh_kendall_w(const double *x, size_t m, size_t n, double *s, double *chi2);

/* ICC(2,1) of k raters × n targets (x[r*n + t]). */
double kh_icc21(const double *x, size_t k, size_t n);

/* Spearman's rank correlation of a[0..n) and b[0..n). */
double kh_spearman(const double *a, const double *b, size_t n);

/*
 * Agreement over a bundle's ratings (SPEC §11.25).  A block is one (rater
 * group, item): a qual leaf rated on units or a cadre dimension rated on
 * cadres.  Counted ratings are the non-abstaining ones whose group has a
 * weight on the item (§11.27: the others are left out of everything).  The
 * block's raters are the group's raters with at least one counted rating
 * on the item; its ratees are those every such rater scored.  Fewer than 2
 * raters or 2 ratees → not computed, with the reason.  Nothing is dropped:
 * a rater with a negative correlation is flagged, not removed.
 */
enum kh_concordance_status {
    KH_CONC_OK,
    KH_CONC_FEW_RATERS,     /* < 2 raters with a counted rating */
    KH_CONC_FEW_RATEES,     /* < 2 ratees scored by every such rater */
};

struct kh_concordance_item {
    int32_t group;
    bool ratee_is_cadre;
    int32_t item;            /* node index (units) or dimension index (cadres) */
    int32_t raters_total;    /* group's raters with a counted rating on the item */
    int32_t ratees_total;    /* ratees with a counted rating from the group */
    int32_t nraters, nratees;   /* the complete block (0 when not computed) */
    enum kh_concordance_status status;
    double w, s, chi2, icc;  /* NaN when not computed or undefined */
    double mean;             /* mean of the block's scores */
    int32_t first_rater, nrater_rows;   /* slice of kh_concordance.raters */
};

struct kh_concordance_rater {
    int32_t item_row;        /* index into kh_concordance.items */
    int32_t rater;           /* index into bundle raters */
    int32_t n;               /* ratees in the block */
    double mean;             /* the rater's mean over the block */
    double leniency;         /* mean − the block mean */
    double spearman;         /* with the mean of the other raters; NaN when undefined */
    bool flagged;            /* spearman < 0 */
};

struct kh_concordance {
    struct kh_concordance_item *items; size_t nitems;
    struct kh_concordance_rater *raters; size_t nraters;
};

/* Compute for every block, ordered by (group, units before cadres, item).
 * Returns 0; `a` is released by kh_concordance_release (accepts zeroed). */
int kh_concordance_compute(const struct kh_bundle *b, struct kh_concordance *a, struct kh_error *err);
void kh_concordance_release(struct kh_concordance *a);

#endif
