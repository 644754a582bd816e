/*
 * engine.h — the assessment method of SPEC.md as one pure computation.
 *
 * kh_engine_run() takes a validated bundle and produces struct kh_results:
 * every leaf's value and score, node scores and effective global weights,
 * base/bonus/penalty/composite, ranks, grades, flags, surveys, cadres and
 * tracking warnings (SPEC §3–§7, §9.3, §11).  No I/O, no printing, no
 * globals: the same bundle always gives the same bits.
 *
 * Cost: linear in the input (values, ratings, answers) plus n·log n sorts per
 * category for ranks and population statistics.
 *
 * Results own their memory (an arena); kh_results_release() frees it.
 */
#ifndef KAOHE_ENGINE_H
#define KAOHE_ENGINE_H

#include <stdbool.h>
#include <stdint.h>
#include "kaohe/model.h"

struct kh_error;

/* Bits of kh_node_result.flags */
enum {
    KH_NR_APPLICABLE = 1 << 0,   /* the node has a row in results_nodes (§11.22) */
    KH_NR_HAS_VALUE  = 1 << 1,   /* `value` is present */
    KH_NR_HAS_SCORE  = 1 << 2,   /* `score` is present */
    KH_NR_MISSING    = 1 << 3,   /* a scored leaf with no value (flag missing:LEAF) */
    KH_NR_EXCLUDED   = 1 << 4,   /* dropped from its parent's mean (weight_global 0) */
    KH_NR_POINTS     = 1 << 5,   /* bonus/penalty/veto leaf: value = points, no score/weight */
    KH_NR_IMPUTED    = 1 << 6,   /* score is a policy score (zero or category_mean) */
};

struct kh_node_result {
    double value;          /* NaN unless HAS_VALUE */
    double raw_value;      /* qual leaves with rater correction on: the uncorrected value */
    double score;          /* NaN unless HAS_SCORE */
    double weight_global;  /* NaN for point leaves (written empty) */
    uint8_t flags;
};

struct kh_unit_result {
    double base, bonus, penalty, composite;
    double rounded;              /* round2(composite) */
    int32_t rank_category, rank_overall;
    int32_t threshold_grade;     /* grade by thresholds alone */
    int32_t grade;               /* index into cycle.team_grades */
    int32_t quota_exceeded;      /* N > 0 on every top-grade unit of its category when exceeded */
    bool vetoed, no_score, sample_small;
};

struct kh_survey_result {
    int32_t n;                   /* scored responses */
    double mean, sd, ci_low, ci_high, rate;   /* NaN when n = 0 */
    bool sample_small;
};

struct kh_cadre_result {
    double team, duty, evaluation, penalty, score;   /* duty NaN when folded */
    double rounded;
    int32_t threshold_grade, grade;                  /* index into cycle.cadre_grades */
    int32_t quota_exceeded;
    bool duty_folded, missing_evaluation, vote_caution, vote_review;
    bool unit_vetoed;            /* the unit has a triggered veto */
    bool resp_veto;              /* a triggered veto lies under a responsibility node */
    bool own_veto;               /* an individual veto adjustment */
};

struct kh_warning {
    int32_t unit, node, period;
    double expected, actual, ratio;
    int32_t level;               /* 0 green, 1 yellow, 2 red */
};

struct kh_results {
    struct kh_arena arena;
    int32_t nunits, nnodes, ncadres;
    struct kh_unit_result *units;        /* [nunits] */
    struct kh_node_result *nodes;        /* [nunits * nnodes], index u*nnodes + node */
    struct kh_survey_result *surveys;    /* [nunits]; NULL when the bundle has no survey items */
    struct kh_cadre_result *cadres;      /* [ncadres] */
    struct kh_warning *warnings; int32_t nwarnings;
    /* Flags and veto lists, formatted in SPEC §11.23 order ("" when none). */
    const char **unit_flags, **unit_veto;        /* [nunits] */
    const char **cadre_flags, **cadre_veto;      /* [ncadres] */
    const char **survey_flags;                   /* [nunits] when surveys != NULL */
};

/* Optional knobs (NULL = the bundle as given). */
struct kh_engine_opts {
    /* Override node weights: [nnodes * ncategories], index node*ncat + cat.
     * Used by rank-stability analysis (SPEC §8). */
    const double *weights;
    /* Skip cadres, surveys' flag strings and warnings: for Monte-Carlo runs. */
    bool units_only;
};

/*
 * Compute everything.  `r` must be zeroed or released; on success it holds
 * the results and the caller releases them.  Returns 0, or KH_EDATA with
 * `err` naming the unit and indicator for a data error that validation could
 * not know about (none are expected for a validated bundle).
 */
int kh_engine_run(const struct kh_bundle *b, const struct kh_engine_opts *opts,
                  struct kh_results *r, struct kh_error *err);
void kh_results_release(struct kh_results *r);

static inline struct kh_node_result *kh_results_node(const struct kh_results *r, int32_t unit,
                                                     int32_t node)
{
    return &r->nodes[(size_t)unit * (size_t)r->nnodes + (size_t)node];
}

#endif
