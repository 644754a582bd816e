/*
 * model.c — small helpers of the in-memory model (model.h, SPEC §2).
 *
 * Ownership of a struct kh_bundle (also written in model.h): every string and
 * every nested array (node weights, parameter lists, scale levels, weighted
 * references, grade lists, channels) lives in the bundle's arena; the
 * top-level flat arrays of struct kh_bundle (units, nodes, ratings …) are
 * heap arrays grown with KH_GROW, because ten million ratings must not be
 * copied into an arena at every doubling.  kh_bundle_release() frees both.
 *
 * The enum names here are the spellings of bundles (FORMATS.md); the reader
 * parses with them and the writer prints with them, so they cannot drift.
 */
#include <stdlib.h>
#include <string.h>
#include "kaohe/model.h"

static const char *const kind_names[] = {"node", "quant", "qual", "survey", "bonus", "penalty",
                                         "veto"};
static const char *const method_names[] = {"", "target", "efficacy", "minmax", "bands",
                                           "piecewise", "rank", "binary", "zscore"};
static const char *const missing_names[] = {"zero", "exclude", "category_mean"};
static const char *const combine_names[] = {"mean", "trimmed", "median"};
static const char *const status_names[] = {"approved", "proposed", "returned"};

#define NAME_OF(tab, i) ((unsigned)(i) < sizeof(tab) / sizeof((tab)[0]) ? (tab)[i] : "?")

const char *kh_node_kind_name(enum kh_node_kind k) { return NAME_OF(kind_names, k); }
const char *kh_method_name(enum kh_method m) { return NAME_OF(method_names, m); }
const char *kh_missing_name(enum kh_missing m) { return NAME_OF(missing_names, m); }
const char *kh_combine_name(enum kh_combine c) { return NAME_OF(combine_names, c); }
const char *kh_target_status_name(enum kh_target_status s) { return NAME_OF(status_names, s); }

bool kh_kind_is_scored(enum kh_node_kind k)
{
    return k == KH_KIND_QUANT || k == KH_KIND_QUAL || k == KH_KIND_SURVEY;
}

bool kh_kind_is_points(enum kh_node_kind k)
{
    return k == KH_KIND_BONUS || k == KH_KIND_PENALTY || k == KH_KIND_VETO;
}

static const char *const quarter_names[] = {"Y", "Q1", "Q2", "Q3", "Q4"};
static const char *const month_names[] = {"M01", "M02", "M03", "M04", "M05", "M06",
                                          "M07", "M08", "M09", "M10", "M11", "M12"};

int kh_period_parse(const char *s)
{
    if (strcmp(s, "Y") == 0)
        return KH_PERIOD_Y;
    if (s[0] == 'Q' && s[1] >= '1' && s[1] <= '4' && s[2] == '\0')
        return s[1] - '0';
    if (s[0] == 'M' && s[1] >= '0' && s[1] <= '1' && s[2] >= '0' && s[2] <= '9' &&
        s[3] == '\0') {
        int m = (s[1] - '0') * 10 + (s[2] - '0');
        if (m >= 1 && m <= 12)
            return 100 + m;
    }
    return -1;
}

const char *kh_period_name(int period)
{
    if (period >= 0 && period <= 4)
        return quarter_names[period];
    if (period >= 101 && period <= 112)
        return month_names[period - 101];
    return "?";
}

double kh_period_share(int period)
{
    if (period >= 1 && period <= 4)
        return period / 4.0;
    if (period >= 101 && period <= 112)
        return (period - 100) / 12.0;
    return 1.0;
}

void kh_bundle_init(struct kh_bundle *b)
{
    memset(b, 0, sizeof *b);
    kh_arena_init(&b->arena, 0);
    kh_cycle_defaults(b);
}

void kh_bundle_release(struct kh_bundle *b)
{
    if (b == NULL)
        return;
    free(b->categories);
    free(b->units);
    free(b->districts);
    free(b->nodes);
    free(b->preorder);
    free(b->scales);
    free(b->groups);
    free(b->raters);
    free(b->targets);
    free(b->values);
    free(b->ratings);
    free(b->items);
    free(b->responses);
    free(b->answers);
    free(b->channels);
    free(b->positions);
    free(b->dims);
    free(b->cadres);
    free(b->adjustments);
    struct kh_strmap *maps[] = {&b->category_ix, &b->unit_ix, &b->district_ix, &b->node_ix,
                                &b->scale_ix, &b->group_ix, &b->rater_ix, &b->item_ix,
                                &b->response_ix, &b->channel_ix, &b->position_ix, &b->dim_ix,
                                &b->cadre_ix};
    for (size_t i = 0; i < sizeof maps / sizeof maps[0]; i++)
        kh_strmap_release(maps[i]);
    kh_arena_release(&b->arena);
    memset(b, 0, sizeof *b);
}

/* Build a grade list from names (top first) and the thresholds of all but the last. */
static void grades_set(struct kh_arena *a, struct kh_grades *g, const char *const *names,
                       const double *thr, int32_t n)
{
    g->n = n;
    g->names = kh_arena_calloc(a, (size_t)n, sizeof *g->names);
    g->thresholds = kh_arena_calloc(a, (size_t)n, sizeof *g->thresholds);
    for (int32_t i = 0; i < n; i++) {
        g->names[i] = names[i];
        g->thresholds[i] = i < n - 1 ? thr[i] : NAN;
    }
}

void kh_cycle_defaults(struct kh_bundle *b)
{
    static const char *const team[] = {"好", "较好", "一般", "差"};
    static const double team_thr[] = {90, 80, 70};
    static const char *const cadre[] = {"优秀", "称职", "基本称职", "不称职"};
    static const double cadre_thr[] = {90, 75, 60};
    struct kh_cycle *c = &b->cycle;
    memset(c, 0, sizeof *c);
    c->code = c->name = c->start = c->end = c->previous = "";
    c->bonus_cap = 5;
    c->penalty_cap = 10;
    grades_set(&b->arena, &c->team_grades, team, team_thr, 4);
    grades_set(&b->arena, &c->cadre_grades, cadre, cadre_thr, 4);
    c->team_top_quota = 0.2;
    c->cadre_top_quota = 0.2;
    c->min_raters = 3;
    c->min_sample = 200;
    c->rater_correction = false;
    c->veto_cap = 2;
    c->channels = NULL;
    c->nchannels = 0;
    c->publicity_days = 7;
    c->appeal_days = 15;
}

int32_t kh_scale_level(const struct kh_scale *s, const char *name)
{
    for (int32_t i = 0; i < s->nlevels; i++)
        if (strcmp(s->levels[i].name, name) == 0)
            return i;
    return -1;
}
