/*
 * read-setup.c — the files that everything else refers to: cycle.csv,
 * categories.csv, units.csv, scales.csv, rater_groups.csv, raters.csv
 * (FORMATS.md; SPEC §11.1, §11.5, §11.6, §11.19).
 *
 * cycle.csv: every key of FORMATS.md is known; an unknown key, a repeated
 * key or a value out of range is an error; an empty value keeps the default.
 * Threshold lists accept a trailing bare name for the bottom grade
 * (`好=90;较好=80;一般=70;较差`), otherwise 差 / 不称职 are implied.  veto_cap
 * is a team grade name or `lowest`; left out, it is 一般 when the list has it,
 * else the grade just above the bottom.
 *
 * scales.csv: the four built-in scales exist before the file is read; the
 * first row naming a built-in scale replaces its levels.  After the file,
 * every level scale that lacks 弃权 or 不了解 gets them as implicit
 * abstention levels, so every accepted answer is a level index.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bundle-int.h"
#include "kaohe/arena.h"
#include "kaohe/numfmt.h"
#include "kaohe/xalloc.h"

/* ---------------- cycle.csv ---------------- */

enum { CY_KEY, CY_VALUE };
static const struct kh__colspec cycle_cols[] = {{"key", true}, {"value", true}};

static bool is_iso_date(const char *s)
{
    int y, m, d;
    char tail;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return false;
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static bool cyc_num(struct kh__table *t, const char *v, double lo, double hi, double *out)
{
    double x;
    if (!kh__parse_num(v, &x) || x < lo || x > hi) {
        char a[32], b[32];
        KH__ERR(t, CY_VALUE, EXPECT_NUMBER, kh_fmt_double_short(lo, a), kh_fmt_double_short(hi, b),
                v);
        return false;
    }
    *out = x;
    return true;
}

static bool cyc_int(struct kh__table *t, const char *v, long lo, long hi, int32_t *out)
{
    long x;
    if (!kh_parse_long(v, lo, hi, &x)) {
        KH__ERR(t, CY_VALUE, EXPECT_INTEGER, KH_ARG_LONG(lo), KH_ARG_LONG(hi), v);
        return false;
    }
    *out = (int32_t)x;
    return true;
}

void kh__read_cycle(struct kh__rd *rd)
{
    static const char *const keys[] = {
        "code", "name", "start", "end", "bonus_cap", "penalty_cap", "team_thresholds",
        "team_top_quota", "cadre_thresholds", "cadre_top_quota", "min_raters", "min_sample",
        "rater_correction", "veto_cap", "survey_channels", "publicity_days", "appeal_days",
        "previous"};
    struct kh_bundle *b = rd->b;
    struct kh_cycle *c = &b->cycle;
    struct kh__table t;
    struct kh_strmap seen = KH_STRMAP_INIT;
    const char *veto_cap = NULL;
    long veto_line = 0;
    size_t rawcap = 0;
    if (!kh__table_open(rd, KH__F_CYCLE, cycle_cols, 2, false, &t))
        goto out;
    rd->usable[KH__F_CYCLE] = true;
    while (kh__table_next(&t)) {
        const char *k = kh__cell(&t, CY_KEY), *v = kh__cell(&t, CY_VALUE);
        size_t ki;
        for (ki = 0; ki < sizeof keys / sizeof keys[0]; ki++)
            if (strcmp(keys[ki], k) == 0)
                break;
        if (ki == sizeof keys / sizeof keys[0]) {
            KH__ERR(&t, CY_KEY, UNKNOWN_CYCLE_KEY, k);
            continue;
        }
        if (kh_strmap_put(&seen, keys[ki], 0) >= 0) {
            KH__ERR(&t, CY_KEY, DUP_CYCLE_KEY, k);
            continue;
        }
        KH_GROW(c->raw, (size_t)c->nraw + 1, rawcap);
        c->raw[c->nraw].key = kh__str(rd, k);
        c->raw[c->nraw].value = kh__str(rd, v);
        c->nraw++;
        if (v[0] == '\0')
            continue;
        struct kh_error why;
        double x;
        if (strcmp(k, "code") == 0 || strcmp(k, "previous") == 0) {
            if (!kh__code_ok(v))
                KH__ERR(&t, CY_VALUE, BAD_CODE, v);
            else if (k[0] == 'c')
                c->code = kh__str(rd, v);
            else
                c->previous = kh__str(rd, v);
        } else if (strcmp(k, "name") == 0) {
            c->name = kh__str(rd, v);
        } else if (strcmp(k, "start") == 0 || strcmp(k, "end") == 0) {
            if (!is_iso_date(v))
                KH__ERR(&t, CY_VALUE, BAD_DATE, v);
            else if (k[0] == 's')
                c->start = kh__str(rd, v);
            else
                c->end = kh__str(rd, v);
        } else if (strcmp(k, "bonus_cap") == 0) {
            cyc_num(&t, v, 0, 100, &c->bonus_cap);
        } else if (strcmp(k, "penalty_cap") == 0) {
            cyc_num(&t, v, 0, 100, &c->penalty_cap);
        } else if (strcmp(k, "team_top_quota") == 0) {
            cyc_num(&t, v, 0, 1, &c->team_top_quota);
        } else if (strcmp(k, "cadre_top_quota") == 0) {
            cyc_num(&t, v, 0, 1, &c->cadre_top_quota);
        } else if (strcmp(k, "min_raters") == 0) {
            cyc_int(&t, v, 1, 1000000, &c->min_raters);
        } else if (strcmp(k, "min_sample") == 0) {
            cyc_int(&t, v, 1, 100000000, &c->min_sample);
        } else if (strcmp(k, "publicity_days") == 0) {
            cyc_int(&t, v, 0, 3650, &c->publicity_days);
        } else if (strcmp(k, "appeal_days") == 0) {
            cyc_int(&t, v, 0, 3650, &c->appeal_days);
        } else if (strcmp(k, "rater_correction") == 0) {
            if (strcmp(v, "on") == 0)
                c->rater_correction = true;
            else if (strcmp(v, "off") == 0)
                c->rater_correction = false;
            else
                KH__ERR(&t, CY_VALUE, EXPECT_ON_OFF, v);
        } else if (strcmp(k, "team_thresholds") == 0 || strcmp(k, "cadre_thresholds") == 0) {
            bool team = k[0] == 't';
            struct kh_grades g;
            if (!kh__grades_parse(&b->arena, v, team ? "差" : "不称职", &g, &why))
                kh__err_from(&t, CY_VALUE, &why);
            else if (team)
                c->team_grades = g;
            else
                c->cadre_grades = g;
        } else if (strcmp(k, "veto_cap") == 0) {
            veto_cap = kh__str(rd, v);
            veto_line = t.line;
        } else if (strcmp(k, "survey_channels") == 0) {
            struct kh__kvlist kv;
            if (!kh__kv_parse(&b->arena, v, k, &kv, &why)) {
                kh__err_from(&t, CY_VALUE, &why);
                continue;
            }
            c->channels = kh_arena_calloc(&b->arena, (size_t)kv.n + 1, sizeof *c->channels);
            c->nchannels = 0;
            for (int32_t i = 0; i < kv.n; i++) {
                if (!kh__code_ok(kv.kv[i].key) || !kh__parse_num(kv.kv[i].value, &x) ||
                    x < 0) {
                    KH__ERR(&t, CY_VALUE, BAD_CHANNEL_WEIGHT, kv.kv[i].key, kv.kv[i].value);
                    continue;
                }
                c->channels[c->nchannels].name = kv.kv[i].key;
                c->channels[c->nchannels].weight = x;
                c->nchannels++;
            }
        }
    }
    /* veto_cap depends on the final team grade list */
    c->veto_cap = -1;
    if (veto_cap != NULL) {
        if (strcmp(veto_cap, "lowest") == 0) {
            c->veto_cap = c->team_grades.n - 1;
        } else {
            for (int32_t i = 0; i < c->team_grades.n; i++)
                if (strcmp(c->team_grades.names[i], veto_cap) == 0)
                    c->veto_cap = i;
            if (c->veto_cap < 0) {
                t.line = veto_line;
                KH__ERR(&t, CY_VALUE, BAD_VETO_CAP, veto_cap);
            }
        }
    }
out:
    if (c->nraw > 0) {
        /* the grown copy is on the heap; the model keeps nested arrays in the arena */
        struct kh_kv *raw = kh_arena_calloc(&b->arena, (size_t)c->nraw, sizeof *raw);
        memcpy(raw, c->raw, (size_t)c->nraw * sizeof *raw);
        free(c->raw);
        c->raw = raw;
    }
    if (c->veto_cap < 0 || veto_cap == NULL) {
        c->veto_cap = c->team_grades.n >= 2 ? c->team_grades.n - 2 : 0;
        for (int32_t i = 0; i < c->team_grades.n; i++)
            if (strcmp(c->team_grades.names[i], "一般") == 0)
                c->veto_cap = i;
    }
    kh_strmap_release(&seen);
    kh__table_close(&t);
}

/* ---------------- categories.csv ---------------- */

enum { CA_CODE, CA_NAME };
static const struct kh__colspec category_cols[] = {{"code", true}, {"name", false}};

void kh__read_categories(struct kh__rd *rd)
{
    struct kh_bundle *b = rd->b;
    struct kh__table t;
    if (!kh__table_open(rd, KH__F_CATEGORIES, category_cols, 2, false, &t))
        goto out;
    rd->usable[KH__F_CATEGORIES] = true;
    while (kh__table_next(&t)) {
        if (!kh__check_code(&t, CA_CODE))
            continue;
        const char *code = kh__str(rd, kh__cell(&t, CA_CODE));
        if (kh_strmap_put(&b->category_ix, code, b->ncategories) >= 0) {
            KH__ERR(&t, CA_CODE, DUP_CATEGORY, code);
            continue;
        }
        KH_GROW(b->categories, (size_t)b->ncategories + 1, rd->caps[KH__CAP_CAT]);
        b->categories[b->ncategories].code = code;
        b->categories[b->ncategories].name = kh__str(rd, kh__cell(&t, CA_NAME));
        b->ncategories++;
    }
out:
    kh__table_close(&t);
}

/* ---------------- units.csv ---------------- */

enum { UN_CODE, UN_NAME, UN_DISTRICT, UN_CATEGORY, UN_ZONE, UN_KIND };
static const struct kh__colspec unit_cols[] = {{"code", true}, {"name", false},
                                               {"district", false}, {"category", true},
                                               {"zone", false}, {"kind", false}};

void kh__read_units(struct kh__rd *rd)
{
    struct kh_bundle *b = rd->b;
    struct kh__table t;
    if (!kh__table_open(rd, KH__F_UNITS, unit_cols, 6, false, &t))
        goto out;
    rd->usable[KH__F_UNITS] = true;
    while (kh__table_next(&t)) {
        bool ok = kh__check_code(&t, UN_CODE);
        const char *cat = kh__cell(&t, UN_CATEGORY);
        int32_t ci = kh_strmap_get(&b->category_ix, cat);
        if (ci < 0 && rd->usable[KH__F_CATEGORIES]) {
            if (cat[0] == '\0')
                KH__ERR(&t, UN_CATEGORY, EMPTY_CATEGORY);
            else
                KH__ERR(&t, UN_CATEGORY, UNKNOWN_CATEGORY, cat);
            ok = false;
        }
        if (!ok)
            continue;
        const char *code = kh__str(rd, kh__cell(&t, UN_CODE));
        if (kh_strmap_put(&b->unit_ix, code, b->nunits) >= 0) {
            KH__ERR(&t, UN_CODE, DUP_UNIT, code);
            continue;
        }
        const char *dist = kh__str(rd, kh__cell(&t, UN_DISTRICT));
        int32_t di = kh_strmap_put(&b->district_ix, dist, b->ndistricts);
        if (di < 0) {
            KH_GROW(b->districts, (size_t)b->ndistricts + 1, rd->caps[KH__CAP_DISTRICT]);
            b->districts[b->ndistricts] = dist;
            di = b->ndistricts++;
        }
        KH_GROW(b->units, (size_t)b->nunits + 1, rd->caps[KH__CAP_UNIT]);
        struct kh_unit *u = &b->units[b->nunits++];
        u->code = code;
        u->name = kh__str(rd, kh__cell(&t, UN_NAME));
        u->district_name = dist;
        u->district = di;
        u->zone = kh__str(rd, kh__cell(&t, UN_ZONE));
        u->kind = kh__str(rd, kh__cell(&t, UN_KIND));
        u->category = ci;
    }
out:
    kh__table_close(&t);
}

/* ---------------- scales.csv ---------------- */

static int32_t scale_add(struct kh__rd *rd, const char *name, bool numeric)
{
    struct kh_bundle *b = rd->b;
    KH_GROW(b->scales, (size_t)b->nscales + 1, rd->caps[KH__CAP_SCALE]);
    struct kh_scale *s = &b->scales[b->nscales];
    memset(s, 0, sizeof *s);
    s->name = name;
    s->numeric = numeric;
    s->builtin = true;
    kh_strmap_put(&b->scale_ix, name, b->nscales);
    return b->nscales++;
}

static void scale_levels(struct kh_bundle *b, struct kh_scale *s, const char *const *names,
                         const double *pts, int32_t n)
{
    s->levels = kh_arena_calloc(&b->arena, (size_t)n, sizeof *s->levels);
    s->nlevels = n;
    for (int32_t i = 0; i < n; i++) {
        s->levels[i].name = names[i];
        s->levels[i].points = pts[i];
    }
}

/* The built-in scales of §11.6. */
static void scales_builtin(struct kh__rd *rd)
{
    static const char *const team[] = {"好", "较好", "一般", "差"};
    static const double team_p[] = {100, 80, 60, 0};
    static const char *const cadre[] = {"优秀", "称职", "基本称职", "不称职"};
    static const double cadre_p[] = {100, 80, 60, 0};
    static const char *const survey[] = {"满意", "基本满意", "不满意"};
    static const double survey_p[] = {100, 75, 55};
    struct kh_bundle *b = rd->b;
    rd->scale_team = scale_add(rd, "team", false);
    scale_levels(b, &b->scales[rd->scale_team], team, team_p, 4);
    rd->scale_cadre = scale_add(rd, "cadre", false);
    scale_levels(b, &b->scales[rd->scale_cadre], cadre, cadre_p, 4);
    rd->scale_survey = scale_add(rd, "survey", false);
    scale_levels(b, &b->scales[rd->scale_survey], survey, survey_p, 3);
    rd->scale_numeric = scale_add(rd, "numeric", true);
}

enum { SC_SCALE, SC_LEVEL, SC_POINTS };
static const struct kh__colspec scale_cols[] = {{"scale", true}, {"level", true},
                                                {"points", true}};

struct scale_row { int32_t scale; const char *level; double points; };

void kh__read_scales(struct kh__rd *rd)
{
    struct kh_bundle *b = rd->b;
    struct kh__table t;
    struct scale_row *rows = NULL;
    size_t nrows = 0, rows_cap = 0;
    struct kh_strmap levels = KH_STRMAP_INIT;   /* "scale\x1flevel" */
    scales_builtin(rd);
    int32_t nbuiltin = b->nscales;
    bool *redefined = NULL;
    if (!kh__table_open(rd, KH__F_SCALES, scale_cols, 3, false, &t))
        goto finish;
    rd->usable[KH__F_SCALES] = true;
    while (kh__table_next(&t)) {
        bool ok = kh__check_code(&t, SC_SCALE);
        const char *lv = kh__cell(&t, SC_LEVEL);
        if (lv[0] == '\0') {
            KH__ERR(&t, SC_LEVEL, EMPTY_LEVEL);
            ok = false;
        } else if (!kh__code_ok(lv)) {
            KH__ERR(&t, SC_LEVEL, BAD_LEVEL, lv);
            ok = false;
        }
        double pts;
        ok &= kh__num(&t, SC_POINTS, true, &pts);
        if (!ok)
            continue;
        const char *key = kh_arena_printf(&b->arena, "%s\x1f%s", kh__cell(&t, SC_SCALE), lv);
        if (kh_strmap_put(&levels, key, 0) >= 0) {
            KH__ERR(&t, SC_LEVEL, DUP_LEVEL, kh__cell(&t, SC_SCALE), lv);
            continue;
        }
        int32_t si = kh_strmap_get(&b->scale_ix, kh__cell(&t, SC_SCALE));
        if (si < 0)
            si = scale_add(rd, kh__str(rd, kh__cell(&t, SC_SCALE)), false);
        KH_GROW(rows, nrows + 1, rows_cap);
        rows[nrows].scale = si;
        rows[nrows].level = kh__str(rd, lv);
        rows[nrows].points = pts;
        nrows++;
    }
    /* Build the level arrays: file rows replace a built-in scale's levels. */
    redefined = kh_xcalloc((size_t)b->nscales + 1, sizeof *redefined);
    int32_t *count = kh_xcalloc((size_t)b->nscales + 1, sizeof *count);
    for (size_t i = 0; i < nrows; i++)
        count[rows[i].scale]++;
    for (int32_t s = 0; s < b->nscales; s++) {
        if (count[s] == 0)
            continue;
        struct kh_scale *sc = &b->scales[s];
        sc->levels = kh_arena_calloc(&b->arena, (size_t)count[s], sizeof *sc->levels);
        sc->nlevels = 0;
        sc->numeric = false;
        sc->builtin = false;
        redefined[s] = s < nbuiltin;
    }
    for (size_t i = 0; i < nrows; i++) {
        struct kh_scale *sc = &b->scales[rows[i].scale];
        sc->levels[sc->nlevels].name = rows[i].level;
        sc->levels[sc->nlevels].points = rows[i].points;
        sc->nlevels++;
    }
    free(count);
finish:
    /* §11.6: 弃权 and 不了解 are accepted on every level scale. */
    for (int32_t s = 0; s < b->nscales; s++) {
        struct kh_scale *sc = &b->scales[s];
        if (sc->numeric)
            continue;
        static const char *const abst[] = {"弃权", "不了解"};
        int32_t add = 0;
        for (int k = 0; k < 2; k++)
            add += kh_scale_level(sc, abst[k]) < 0;
        if (add == 0)
            continue;
        struct kh_level *lv = kh_arena_calloc(&b->arena, (size_t)(sc->nlevels + add), sizeof *lv);
        if (sc->nlevels)
            memcpy(lv, sc->levels, (size_t)sc->nlevels * sizeof *lv);
        int32_t n = sc->nlevels;
        for (int k = 0; k < 2; k++) {
            if (kh_scale_level(sc, abst[k]) >= 0)
                continue;
            lv[n].name = abst[k];
            lv[n].points = NAN;
            lv[n].implicit = true;
            n++;
        }
        sc->levels = lv;
        sc->nlevels = n;
    }
    free(redefined);
    free(rows);
    kh_strmap_release(&levels);
    kh__table_close(&t);
}

int32_t kh__scale_find(const struct kh_scale *s, const char *name)
{
    return kh_scale_level(s, name);
}

/* ---------------- rater_groups.csv, raters.csv ---------------- */

enum { RG_CODE, RG_NAME, RG_COMBINE };
static const struct kh__colspec group_cols[] = {{"code", true}, {"name", false},
                                                {"combine", false}};

void kh__read_rater_groups(struct kh__rd *rd)
{
    struct kh_bundle *b = rd->b;
    struct kh__table t;
    if (!kh__table_open(rd, KH__F_RATER_GROUPS, group_cols, 3, false, &t))
        goto out;
    rd->usable[KH__F_RATER_GROUPS] = true;
    while (kh__table_next(&t)) {
        bool ok = kh__check_code(&t, RG_CODE);
        const char *cb = kh__cell(&t, RG_COMBINE);
        enum kh_combine combine = KH_COMBINE_MEAN;
        if (cb[0] == '\0' || strcmp(cb, "mean") == 0)
            combine = KH_COMBINE_MEAN;
        else if (strcmp(cb, "trimmed") == 0)
            combine = KH_COMBINE_TRIMMED;
        else if (strcmp(cb, "median") == 0)
            combine = KH_COMBINE_MEDIAN;
        else {
            KH__ERR(&t, RG_COMBINE, BAD_COMBINE, cb);
            ok = false;
        }
        if (!ok)
            continue;
        const char *code = kh__str(rd, kh__cell(&t, RG_CODE));
        if (kh_strmap_put(&b->group_ix, code, b->ngroups) >= 0) {
            KH__ERR(&t, RG_CODE, DUP_GROUP, code);
            continue;
        }
        KH_GROW(b->groups, (size_t)b->ngroups + 1, rd->caps[KH__CAP_GROUP]);
        struct kh_rater_group *g = &b->groups[b->ngroups++];
        g->code = code;
        g->name = kh__str(rd, kh__cell(&t, RG_NAME));
        g->combine = combine;
        g->combine_text = kh__str(rd, cb);
    }
out:
    kh__table_close(&t);
}

enum { RA_CODE, RA_NAME, RA_GROUP };
static const struct kh__colspec rater_cols[] = {{"code", true}, {"name", false},
                                                {"group", true}};

void kh__read_raters(struct kh__rd *rd)
{
    struct kh_bundle *b = rd->b;
    struct kh__table t;
    if (!kh__table_open(rd, KH__F_RATERS, rater_cols, 3, false, &t))
        goto out;
    rd->usable[KH__F_RATERS] = true;
    while (kh__table_next(&t)) {
        bool ok = kh__check_code(&t, RA_CODE);
        const char *g = kh__cell(&t, RA_GROUP);
        int32_t gi = kh_strmap_get(&b->group_ix, g);
        if (gi < 0) {
            if (rd->usable[KH__F_RATER_GROUPS] || !rd->present[KH__F_RATER_GROUPS])
                KH__ERR(&t, RA_GROUP, UNKNOWN_GROUP, g);
            ok = false;
        }
        if (!ok)
            continue;
        const char *code = kh__str(rd, kh__cell(&t, RA_CODE));
        if (kh_strmap_put(&b->rater_ix, code, b->nraters) >= 0) {
            KH__ERR(&t, RA_CODE, DUP_RATER, code);
            continue;
        }
        KH_GROW(b->raters, (size_t)b->nraters + 1, rd->caps[KH__CAP_RATER]);
        struct kh_rater *r = &b->raters[b->nraters++];
        r->code = code;
        r->name = kh__str(rd, kh__cell(&t, RA_NAME));
        r->group = gi;
    }
out:
    kh__table_close(&t);
}
