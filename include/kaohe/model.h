/*
 * model.h — one assessment cycle in memory: the logical data model of
 * SPEC §2, as read from a bundle (FORMATS.md) or loaded from a database.
 *
 * Layout.  Everything is a flat array of plain structs; every reference is an
 * int32_t index into another array (-1 = none); every string lives in the
 * bundle's arena.  Codes are resolved once, through the kh_strmap lookups at
 * the end of struct kh_bundle, so nothing downstream compares strings.
 * Arrays keep the *input order* of their file: that is the order of output
 * rows (SPEC §11.24).  The indicator tree additionally has `preorder`, the
 * node indices in tree pre-order (siblings in input order).
 *
 * Ownership: every string and every *nested* array (node weights, params
 * lists, scale levels, kh_wref lists, grade lists, cycle channels, cadre
 * resp) lives in `arena`; the *top-level* arrays of struct kh_bundle (units,
 * nodes, preorder, ratings, districts, channels, dims …) are heap arrays
 * (malloc/KH_GROW) that kh_bundle_release() frees.  Code that builds a bundle
 * by hand (store, sample generator) must follow the same split.
 *
 * Missing numbers are NaN (kh_isnan): an empty value cell, an abstention, a
 * "不了解" answer, an empty target.
 *
 * A validated bundle (what kh_bundle_read_* hands out) satisfies every rule
 * of SPEC §11 "Input": references resolve, the tree is acyclic with
 * consistent kinds, parameters belong to their methods, targets exist where
 * `target` leaves apply, growth baselines and denominators are non-zero.  The
 * engine relies on that and does not re-check.
 */
#ifndef KAOHE_MODEL_H
#define KAOHE_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include <math.h>
#include "kaohe/arena.h"
#include "kaohe/strmap.h"

enum kh_node_kind { KH_KIND_NODE, KH_KIND_QUANT, KH_KIND_QUAL, KH_KIND_SURVEY,
                    KH_KIND_BONUS, KH_KIND_PENALTY, KH_KIND_VETO };
enum kh_direction { KH_BENEFIT, KH_COST };
enum kh_method { KH_METHOD_NONE, KH_METHOD_TARGET, KH_METHOD_EFFICACY, KH_METHOD_MINMAX,
                 KH_METHOD_BANDS, KH_METHOD_PIECEWISE, KH_METHOD_RANK, KH_METHOD_BINARY,
                 KH_METHOD_ZSCORE };
enum kh_missing { KH_MISSING_ZERO, KH_MISSING_EXCLUDE, KH_MISSING_CATEGORY_MEAN };
enum kh_transform { KH_TRANSFORM_NONE, KH_TRANSFORM_GROWTH, KH_TRANSFORM_PER_CAPITA,
                    KH_TRANSFORM_RATIO };
enum kh_combine { KH_COMBINE_MEAN, KH_COMBINE_TRIMMED, KH_COMBINE_MEDIAN };
enum kh_target_status { KH_TARGET_APPROVED, KH_TARGET_PROPOSED, KH_TARGET_RETURNED };

/* Text names of the enums, as written in bundles ("quant", "benefit", …). */
const char *kh_node_kind_name(enum kh_node_kind k);
const char *kh_method_name(enum kh_method m);
const char *kh_missing_name(enum kh_missing m);
const char *kh_combine_name(enum kh_combine c);
const char *kh_target_status_name(enum kh_target_status s);
/* True for quant/qual/survey: leaves that carry a score and a weight. */
bool kh_kind_is_scored(enum kh_node_kind k);
/* True for bonus/penalty/veto: leaves that carry points (SPEC §11.17). */
bool kh_kind_is_points(enum kh_node_kind k);

/*
 * Periods: 0 = Y (year end), 1..4 = Q1..Q4, 101..112 = M01..M12.
 * kh_period_parse returns -1 for anything else.
 */
#define KH_PERIOD_Y 0
int kh_period_parse(const char *s);
const char *kh_period_name(int period);          /* static string */
/* Default elapsed share of the cycle at the end of the period (k/4, kk/12; Y = 1). */
double kh_period_share(int period);

/* A bound of efficacy/minmax: a fixed number or a population extreme (§3, §11.12). */
enum kh_bound_kind { KH_BOUND_FIXED, KH_BOUND_POP_MIN, KH_BOUND_POP_MAX };
struct kh_bound {
    enum kh_bound_kind kind;
    double v;
};

struct kh_pair { double x, y; };

/* Weighted reference: (index into some array, weight). */
struct kh_wref { int32_t idx; double w; };

/* Method parameters of a leaf (SPEC §11.3), defaults already filled in. */
struct kh_params {
    double alpha, cap;                 /* target: 1, 1 */
    struct kh_bound xs, xh;            /* efficacy (required) */
    double efficacy_lo;                /* efficacy `lo`: 0 */
    struct kh_bound lo, hi;            /* minmax (required) */
    struct kh_pair *bands; int32_t nbands;     /* (threshold, score), order as listed */
    double else_score;                 /* bands: 0 */
    struct kh_pair *breaks; int32_t nbreaks;   /* piecewise, sorted by x */
    double rank_floor;                 /* rank: 60 */
    double *points; int32_t npoints;   /* rank `points` (npoints 0 = use floor) */
    double threshold;                  /* binary (required) */
    double center, spread;             /* zscore: 75, 10 */
    enum kh_transform transform;
    int32_t denominator;               /* node index for per_capita/ratio, else -1 */
    bool use_rate;                     /* survey leaf: use=rate */
    struct kh_pair *schedule; int32_t nschedule; /* (period code, share) for tracking */
};

struct kh_kv { const char *key; const char *value; };

/* A grade list: names[0] is the top grade; thresholds[i] is the lower bound
 * of names[i] for i < n-1; names[n-1] is the implied bottom grade. */
struct kh_grades {
    int32_t n;
    const char **names;
    double *thresholds;
};

struct kh_channel { const char *name; double weight; };

struct kh_cycle {
    const char *code, *name, *start, *end, *previous;  /* "" when absent */
    double bonus_cap, penalty_cap;                      /* 5, 10 */
    struct kh_grades team_grades;                       /* 好=90;较好=80;一般=70 + 差 */
    struct kh_grades cadre_grades;                      /* 优秀=90;称职=75;基本称职=60 + 不称职 */
    double team_top_quota, cadre_top_quota;             /* 0.2, 0.2 */
    int32_t min_raters, min_sample;                     /* 3, 200 */
    bool rater_correction;                              /* off */
    int32_t veto_cap;                                   /* index into team_grades (一般) */
    struct kh_channel *channels; int32_t nchannels;     /* survey_channels; 0 = pool */
    int32_t publicity_days, appeal_days;                /* 7, 15 */
    struct kh_kv *raw; int32_t nraw;                    /* cycle.csv rows as given */
};

struct kh_category { const char *code, *name; };

struct kh_unit {
    const char *code, *name, *district_name, *zone, *kind;
    int32_t district;        /* index into districts ("" is one district) */
    int32_t category;
};

struct kh_node {
    const char *code, *name, *measure, *department;
    int32_t parent;          /* -1 for first-level dimensions */
    enum kh_node_kind kind;
    enum kh_direction direction;
    enum kh_method method;
    enum kh_missing missing;
    struct kh_params params;
    struct kh_wref *raters; int32_t nraters;   /* qual: (rater group, weight) */
    int32_t scale;           /* qual: scale index (default `team`), else -1 */
    double *weights;         /* [ncategories]; empty cell = 0 */
    /* raw cells kept for export (so a bundle round-trips as written) */
    const char *params_text, *raters_text, *scale_text, *direction_text, *method_text,
               *missing_text;
    const char **weight_text;  /* [ncategories] */
    /* tree links, children in input order */
    int32_t first_child, next_sibling, depth;
};

struct kh_level {
    const char *name;
    double points;           /* NaN = abstention / not answered */
    bool implicit;           /* 弃权/不了解 added by the reader (§11.6), not written back */
};
struct kh_scale {
    const char *name;
    bool numeric;
    bool builtin;            /* defined by SPEC §11.6 and not redefined */
    struct kh_level *levels; int32_t nlevels;
};

struct kh_rater_group { const char *code, *name; enum kh_combine combine; const char *combine_text; };
struct kh_rater { const char *code, *name; int32_t group; };

struct kh_target {
    int32_t unit, node;
    double target;           /* NaN when empty */
    double baseline;         /* NaN when empty */
    enum kh_target_status status;
    const char *status_text; /* as written ("" when the column is absent) */
};

struct kh_value {
    int32_t unit, node;
    int32_t period;
    double value;            /* NaN when the cell is empty */
    const char *source;
};

/* A rating; the ratee is a unit (item = qual node index) or a cadre (item =
 * dimension index into dims). */
struct kh_rating {
    int32_t rater;
    int32_t ratee;
    int32_t item;
    int16_t level;           /* level index in the item's scale, -1 for a number */
    bool ratee_is_cadre;
    double points;           /* NaN = abstention */
};

struct kh_survey_item { const char *code, *text; double weight; int32_t scale; const char *weight_text; };
struct kh_response { const char *code; int32_t unit; int32_t channel; /* -1: column empty/absent */ };
struct kh_answer {
    int32_t response, item;
    int16_t level;
    double points;           /* NaN = not answered (不了解) */
};

struct kh_position {
    const char *code, *name;
    bool principal;
    double w_team, w_duty, w_eval;              /* defaults resolved */
    struct kh_wref *dims; int32_t ndims;        /* (dimension index, weight) */
    struct kh_wref *groups; int32_t ngroups;    /* (rater group, weight) */
    const char *principal_text, *w_team_text, *w_duty_text, *w_eval_text, *dims_text,
               *groups_text;
};

struct kh_cadre {
    const char *code, *name;
    int32_t unit, position;
    int32_t *resp; int32_t nresp;               /* responsibility nodes */
    const char *resp_text;
};

struct kh_adjustment {
    int32_t subject;
    bool subject_is_cadre;
    int32_t node;
    double amount;
    const char *reason;
};

/* Bits of kh_bundle.files: which optional files were present. */
enum kh_bundle_file_bit {
    KH_FILE_CYCLE = 1 << 0, KH_FILE_SCALES = 1 << 1, KH_FILE_RATER_GROUPS = 1 << 2,
    KH_FILE_RATERS = 1 << 3, KH_FILE_TARGETS = 1 << 4, KH_FILE_VALUES = 1 << 5,
    KH_FILE_RATINGS = 1 << 6, KH_FILE_SURVEY_ITEMS = 1 << 7, KH_FILE_RESPONSES = 1 << 8,
    KH_FILE_POSITIONS = 1 << 9, KH_FILE_CADRES = 1 << 10, KH_FILE_ADJUSTMENTS = 1 << 11,
};

struct kh_bundle {
    struct kh_arena arena;
    unsigned files;

    struct kh_cycle cycle;
    struct kh_category *categories; int32_t ncategories;
    struct kh_unit *units;           int32_t nunits;
    const char **districts;          int32_t ndistricts;
    struct kh_node *nodes;           int32_t nnodes;
    int32_t *preorder;               /* [nnodes] */
    struct kh_scale *scales;         int32_t nscales;
    struct kh_rater_group *groups;   int32_t ngroups;
    struct kh_rater *raters;         int32_t nraters;
    struct kh_target *targets;       int32_t ntargets;
    struct kh_value *values;         int32_t nvalues;
    struct kh_rating *ratings;       int32_t nratings;
    struct kh_survey_item *items;    int32_t nitems;
    struct kh_response *responses;   int32_t nresponses;
    struct kh_answer *answers;       int32_t nanswers;
    const char **channels;           int32_t nchannels;   /* interned channel names */
    struct kh_position *positions;   int32_t npositions;
    const char **dims;               int32_t ndims;       /* interned dimension codes */
    struct kh_cadre *cadres;         int32_t ncadres;
    struct kh_adjustment *adjustments; int32_t nadjustments;

    /* code -> index */
    struct kh_strmap category_ix, unit_ix, district_ix, node_ix, scale_ix, group_ix,
                     rater_ix, item_ix, response_ix, channel_ix, position_ix, dim_ix,
                     cadre_ix;
};

void kh_bundle_init(struct kh_bundle *b);
/* Frees everything; accepts the empty state and a zeroed struct. */
void kh_bundle_release(struct kh_bundle *b);
/* Fill cycle defaults (SPEC defaults for every key). Uses b's arena. */
void kh_cycle_defaults(struct kh_bundle *b);

/* Find a level by name in a scale; -1 if absent. */
int32_t kh_scale_level(const struct kh_scale *s, const char *name);

static inline bool kh_isnan(double x) { return x != x; }

#endif
