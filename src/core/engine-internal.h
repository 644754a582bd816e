/*
 * engine-internal.h — the engine's internal interface: the phases of
 * kh_engine_run() and the split API for repeated aggregation.
 *
 * The computation falls into two halves with different costs:
 *
 *   1. kh__prep_build(): everything that does not depend on the weights of
 *      the indicator tree — year-end values and transforms (transform.c),
 *      rating combination with bias correction (ratings.c), survey indices
 *      (survey.c), populations and leaf scores with their missing-value
 *      policies (leaf-scores.c), adjustment points, caps and vetoes
 *      (adjust.c).  Linear in the input plus one sort per (leaf, category).
 *
 *   2. kh__aggregate() + kh__rank_grade(): the weighted tree means, effective
 *      global weights, base and composite (aggregate.c), then ranks, grades
 *      and quotas (rank-grade.c).  O(units·nodes) + one sort of the units.
 *
 * A rank-stability run (SPEC §8) builds the prep once and then calls half 2
 * as often as it likes with perturbed weights:
 *
 *     struct kh__prep p;
 *     kh__prep_build(b, &p, err);
 *     for (run = 0; run < 1000; run++) {
 *         perturb(w);                                  // [ncat * nnodes], see below
 *         kh__aggregate(&p, w, units, NULL);           // nodes NULL: skip node rows
 *         kh__rank_grade(&p, units);
 *         ... read units[u].rank_category, .grade ...
 *     }
 *     kh__prep_release(&p);
 *
 * Weights passed to half 2 are category-major, W[cat * nnodes + node]
 * (kh__weights_from_bundle() builds the bundle's own; note the transpose
 * against kh_engine_opts.weights, which is node-major).  Half 1 does not
 * depend on weights *as long as the set of applicable nodes (weight > 0) is
 * the same*: leaf scores are computed for every unit, applicable or not, so
 * multiplying positive weights by positive factors is always safe.
 *
 * Ownership: struct kh__prep owns its arrays (malloc'd); kh__prep_release()
 * frees them and accepts a zeroed struct.  Nothing here prints or keeps
 * global state.
 */
#ifndef KH_CORE_ENGINE_INTERNAL_H
#define KH_CORE_ENGINE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include "kaohe/model.h"
#include "kaohe/engine.h"

struct kh_error;

/* Phase-1 leaf flags (subset of the KH_NR_* bits of engine.h). */
#define KH__LF_HAS_VALUE KH_NR_HAS_VALUE
#define KH__LF_MISSING   KH_NR_MISSING
#define KH__LF_EXCLUDED  KH_NR_EXCLUDED
#define KH__LF_IMPUTED   KH_NR_IMPUTED

struct kh__prep {
    const struct kh_bundle *b;
    int32_t U, N, C, K;           /* units, nodes, categories, cadres */

    /* Units grouped by category, input order inside each category. */
    int32_t *cat_start;           /* [C + 1] */
    int32_t *cat_units;           /* [U] */

    /* Tree helpers: pre_pos[node] = position in b->preorder; subtree of node
     * n is preorder positions [pre_pos[n], pre_end[n]). */
    int32_t *pre_pos, *pre_end;   /* [N] */

    /* Per (unit, node), index u*N + node; meaningful for leaves only. */
    double *value;                /* quant: transformed x; qual: combined rating;
                                     survey: index or 100·rate; NaN = none */
    double *raw_value;            /* qual with correction on: uncorrected rating */
    double *score;                /* after the missing policy; NaN = excluded */
    uint8_t *lflags;              /* KH__LF_* */
    double *points;               /* point leaves: summed amounts (veto: 1/0) */
    double *target;               /* approved target of target-method leaves, else NaN */

    /* Per unit. */
    double *bonus, *penalty;      /* capped amounts applied (§6, §11.17) */
    uint8_t *vetoed;

    /* Surveys (survey.c): [U], NULL when the bundle has no survey items. */
    struct kh_survey_result *surveys;

    /* Cadres (ratings.c, adjust.c). */
    int32_t D;                    /* b->ndims */
    double *cadre_dim;            /* [K * D] dimension scores, NaN = none */
    int32_t *vote_good, *vote_bad, *vote_total;   /* [K] level votes (§11.20) */
    double *cadre_penalty;        /* [K] uncapped individual penalties */
    uint8_t *cadre_veto;          /* [K] an individual veto is triggered */
    uint8_t *cadre_veto_leaf;     /* [K * N] triggered individual veto leaves */
};

int kh__prep_build(const struct kh_bundle *b, struct kh__prep *p, struct kh_error *err);
void kh__prep_release(struct kh__prep *p);

/* The bundle's weights (or a node-major override as in kh_engine_opts),
 * transposed to category-major W[c*N + n].  Caller frees. */
double *kh__weights_from_bundle(const struct kh_bundle *b, const double *override_node_major);

/* --- phase-1 steps (called by kh__prep_build, in this order) --- */
void kh__adjustments(struct kh__prep *p);                              /* adjust.c */
int kh__transform(struct kh__prep *p, struct kh_error *err);           /* transform.c */
void kh__ratings(struct kh__prep *p);                                  /* ratings.c */
void kh__surveys(struct kh__prep *p);                                  /* survey.c */
void kh__leaf_scores(struct kh__prep *p);                              /* leaf-scores.c */

/* --- phase 2 --- */

/* aggregate.c: node scores, weight_global, base, bonus, penalty, composite,
 * rounded, vetoed/no_score/sample_small of every unit.  nodes: [U*N] rows to
 * fill, or NULL to compute unit figures only (Monte-Carlo).  units: [U]. */
void kh__aggregate(const struct kh__prep *p, const double *W, struct kh_unit_result *units,
                   struct kh_node_result *nodes);

/* rank-grade.c: rank_category, rank_overall, threshold_grade, grade and
 * quota_exceeded of every unit from units[].rounded and .vetoed. */
void kh__rank_grade(const struct kh__prep *p, struct kh_unit_result *units);

/*
 * rank-grade.c, shared with cadres: grade one quota group (SPEC §6, §11.18,
 * §11.19).  members[0..n) index into rounded/cap/grade/exceeded.  For each
 * member: threshold grade by `g` on rounded[i]; cap[i] is the lowest grade
 * index allowed (0 = uncapped); force_bottom[i] (may be NULL) sends it to the
 * bottom grade.  Candidates for the top grade are members with threshold
 * grade 0 and cap 0 and not forced; places = floor(quota·n + 1e-9), at least
 * 1 when at_least_one.  Writes tgrade[i], grade[i], exceeded[i].
 */
void kh__grade_group(const struct kh_grades *g, double quota, bool at_least_one, int32_t n,
                     const int32_t *members, const double *rounded, const int32_t *cap,
                     const uint8_t *force_bottom, int32_t *tgrade, int32_t *grade,
                     int32_t *exceeded);

/* Threshold grade of a rounded score: first i < n−1 with r ≥ thresholds[i], else n−1. */
int32_t kh__threshold_grade(const struct kh_grades *g, double rounded);

/* cadres.c: struct kh_cadre_result of every cadre. */
void kh__cadres(const struct kh__prep *p, const struct kh_results *r,
                struct kh_cadre_result *out);

/* tracking.c: warnings (SPEC §9.3, §11.21) into r->warnings (r's arena). */
void kh__tracking(const struct kh__prep *p, struct kh_results *r);

/* flags.c: the flag and veto strings of r (SPEC §11.23) in r's arena. */
void kh__flags(const struct kh__prep *p, struct kh_results *r);

#endif
