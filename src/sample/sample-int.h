/*
 * sample-int.h — what a sample preset is (shared by sample.c, the generator,
 * and one sample-<preset>.c per preset).
 *
 * A preset is data, not code: which embedded township list to use (or, for
 * a synthetic country, how many units and districts and how the categories
 * are shared among them), how units are coded, how big each rater pool is,
 * how many survey responses, how often values go missing or units lag, how
 * many vetoes — and one model per quantitative leaf of the scheme saying
 * what its values look like in each category.  The generator refuses a
 * scheme leaf that has no model, so the scheme and a preset cannot drift
 * apart silently.
 *
 * Every field added after the first preset has a zero value that means "as
 * before" (no override, one unit per veto), so presets written with
 * designated initializers keep their output when the generator grows.
 */
#ifndef KAOHE_SAMPLE_INT_H
#define KAOHE_SAMPLE_INT_H

#include <stddef.h>

#define KH__SAMPLE_MAXCAT 8

/* How a quantitative leaf's values are shaped (see sample.c for formulas). */
enum kh__leaf_shape {
    KH__SHAPE_POP,         /* reference population, base ± spread (relative) */
    KH__SHAPE_FLOW,        /* target leaf, cumulative over the year */
    KH__SHAPE_LEVEL,       /* target leaf, a level (%, µg/m³) tracked per quarter */
    KH__SHAPE_GROWTH,      /* growth transform: baseline, then value = b·(1+g) */
    KH__SHAPE_RATE,        /* a level, base ± spread (absolute), clamped to [lo,hi] */
    KH__SHAPE_COUNT,       /* incidents: binomial count, times `step` */
    KH__SHAPE_PER_CAPITA,  /* incidents per 10,000 residents times POP */
};

struct kh__leaf_model {
    const char *code;
    enum kh__leaf_shape shape;
    double base[KH__SAMPLE_MAXCAT]; /* typical magnitude per category, preset order */
    double spread;      /* relative (POP, FLOW, GROWTH baseline) or absolute (RATE, LEVEL) */
    double lo, hi;      /* clamp of the year-end value (hi 0 = none) */
    int decimals;       /* of every written number of the leaf */
    int pop_scaled;     /* magnitude grows with the unit's population */
    double uplift;      /* FLOW/LEVEL: target over the expected level; GROWTH: mean growth % */
    double perf;        /* how strongly unit quality moves the value (relative or %) */
    double step;        /* COUNT: size of one incident (1 = a plain count) */
};

enum kh__rater_scope { KH__SCOPE_CYCLE, KH__SCOPE_DISTRICT, KH__SCOPE_UNIT };

struct kh__group_model {
    const char *group;   /* rater_groups.csv code */
    enum kh__rater_scope scope;
    int count;           /* raters per scope */
    const char *tag;     /* code part, e.g. "STAFF" */
    const char *label;   /* name part, e.g. "乡镇干部" */
};

struct kh__cadre_slot {
    const char *position;          /* positions.csv code */
    double chance;                 /* share of units that have this post filled */
    const char *responsibilities;  /* node codes, `;` list */
};

struct kh__adjust_model {
    const char *leaf;       /* bonus or penalty leaf */
    double chance;          /* per unit */
    double amount_lo, amount_hi, amount_step;
    const char *reason;
    const char *cond_leaf;  /* NULL = any unit; else only units whose year-end value */
    double cond_min;        /* of cond_leaf is >= cond_min and that have no veto */
};

/* A veto triggered in one unit; `fix_leaf` (optional) gets `fix_value` so the
 * data tell the same story (a fatal accident shows in SA1). */
struct kh__veto_model {
    const char *leaf;
    const char *fix_leaf;
    double fix_value;
    const char *reason;
    int count;              /* distinct units with this veto; 0 means 1 */
};

struct kh__sample_preset {
    const char *name;
    const char *townships;     /* embedded file: district,township,kind,zone_2005,type;
                                  NULL = synthetic layout from the fields below */
    const char *code_prefix;   /* unit code = prefix + code_digits digits */
    int code_digits;
    const char *categories;    /* category codes in base[] order, e.g. "UIAE" */
    /* Synthetic layout: nunits units numbered 1…nunits, split into ndistricts
     * consecutive runs of (nearly) equal size named 第k区.  Each district has a
     * main category drawn by cat_share; each unit takes it, or with chance
     * district_mix a category drawn by cat_share again (a mountain town in a
     * plain district).  A unit is named 第n<kind> with its category's kind. */
    int nunits, ndistricts;
    double cat_share[KH__SAMPLE_MAXCAT];
    double district_mix;
    const char *cat_kind[KH__SAMPLE_MAXCAT];   /* 乡 / 镇 / 街道 */
    const char *cat_zone[KH__SAMPLE_MAXCAT];   /* 功能区 */
    int responses_min, responses_max;
    double phone_share;
    double unknown_share;      /* 不了解 per item */
    double abstain_share;      /* 弃权 per rating (never among the first min_raters) */
    int min_raters;
    double missing_share;      /* year-end values left unreported */
    double lag_share;          /* units behind schedule in tracking */
    const struct kh__leaf_model *leaves;
    size_t nleaves;
    const struct kh__group_model *groups;
    size_t ngroups;
    const struct kh__cadre_slot *cadres;
    size_t ncadres;
    const struct kh__adjust_model *adjusts;
    size_t nadjusts;
    const struct kh__veto_model *vetoes;  /* one distinct unit each */
    size_t nvetoes;
    const char *veto_cleared;   /* a veto recorded as checked and not triggered (amount 0) */
    const char *cadre_veto;     /* the unit with this veto also has a deputy vetoed individually */
    const char *cadre_penalty;  /* individual penalty leaf for cadres */
    double cadre_penalty_share;
    /* Changes to the copied scheme, NULL = none: `key=value;…` replacing
     * values of cycle.csv (every key must exist there), and the `groups` of
     * every position (who votes on cadres) — both written to the bundle and
     * used by the generator. */
    const char *cycle_overrides;
    const char *cadre_groups;
};

extern const struct kh__sample_preset kh__sample_preset_beijing;
extern const struct kh__sample_preset kh__sample_preset_national;

#endif
