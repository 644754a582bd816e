/*
 * read-data.c — the data files: targets.csv, values.csv, ratings.csv,
 * survey_items.csv, responses.csv (FORMATS.md; SPEC §4, §5, §11.6, §11.7,
 * §11.10, §11.27).
 *
 * These are the large files (ten million ratings), so each row costs O(1):
 * codes resolve through the bundle's strmaps, duplicate keys through
 * kh_u64map, except ratings whose duplicates are found by sorting packed
 * (rater, ratee, item) keys once at the end — a hash of ten million entries
 * at load 1/2 would cost more memory than the ratings themselves.
 *
 * Rules:
 *   targets   unit, quant leaf; target/baseline numbers or empty; status
 *             approved (default) | proposed | returned; one row per (unit, leaf).
 *   values    unit, quant leaf, period Y|Q1..Q4|M01..M12, number or empty;
 *             one row per (unit, leaf, period).
 *   ratings   ratee a unit → item a qual leaf, scale = the leaf's;
 *             ratee a cadre → item a dimension of the cadre's position,
 *             scale `cadre`.  A level of a level scale (弃权/不了解 included)
 *             or a number 0–100 on a numeric scale.
 *   responses one row per answered item; a response code keeps one unit and
 *             one channel, a channel of survey_channels when that is given;
 *             answer a level of the item's scale.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bundle-int.h"
#include "kaohe/buf.h"
#include "kaohe/arena.h"
#include "kaohe/numfmt.h"
#include "kaohe/xalloc.h"

/* Resolve a unit code in column c; -1 (with a diagnostic when checkable). */
static int32_t ref_unit(struct kh__table *t, int c)
{
    const char *s = kh__cell(t, c);
    int32_t u = kh__lookup(t, c, &t->rd->b->unit_ix, s);
    if (u < 0 && t->rd->usable[KH__F_UNITS])
        KH__ERR(t, c, UNKNOWN_UNIT, s);
    return u;
}

/* Resolve a quant leaf code in column c. */
static int32_t ref_quant(struct kh__table *t, int c)
{
    struct kh_bundle *b = t->rd->b;
    const char *s = kh__cell(t, c);
    int32_t n = kh__lookup(t, c, &b->node_ix, s);
    if (n < 0) {
        if (t->rd->usable[KH__F_INDICATORS])
            KH__ERR(t, c, UNKNOWN_INDICATOR, s);
        return -1;
    }
    if (b->nodes[n].kind != KH_KIND_QUANT) {
        KH__ERR(t, c, NOT_QUANT_LEAF, s, kh_node_kind_name(b->nodes[n].kind));
        return -1;
    }
    return n;
}

/* ---------------- targets.csv ---------------- */

enum { TG_UNIT, TG_INDICATOR, TG_TARGET, TG_BASELINE, TG_STATUS };
static const struct kh__colspec target_cols[] = {{"unit", true}, {"indicator", true},
                                                 {"target", true}, {"baseline", true},
                                                 {"status", false}};

void kh__read_targets(struct kh__rd *rd)
{
    struct kh_bundle *b = rd->b;
    struct kh__table t;
    if (!kh__table_open(rd, KH__F_TARGETS, target_cols, 5, false, &t))
        goto out;
    rd->usable[KH__F_TARGETS] = true;
    kh_u64map_reserve(&rd->target_ix, kh__line_count(rd, KH__F_TARGETS));
    while (kh__table_next(&t)) {
        int32_t u = ref_unit(&t, TG_UNIT);
        int32_t n = ref_quant(&t, TG_INDICATOR);
        double tv, bv;
        bool ok = u >= 0 && n >= 0;
        ok &= kh__num(&t, TG_TARGET, true, &tv);
        ok &= kh__num(&t, TG_BASELINE, true, &bv);
        const char *st = kh__cell(&t, TG_STATUS);
        enum kh_target_status status = KH_TARGET_APPROVED;
        if (st[0] == '\0' || strcmp(st, "approved") == 0)
            status = KH_TARGET_APPROVED;
        else if (strcmp(st, "proposed") == 0)
            status = KH_TARGET_PROPOSED;
        else if (strcmp(st, "returned") == 0)
            status = KH_TARGET_RETURNED;
        else {
            KH__ERR(&t, TG_STATUS, BAD_STATUS, st);
            ok = false;
        }
        if (!ok)
            continue;
        if (kh_u64map_put(&rd->target_ix, KH_U64_KEY(u, n), b->ntargets) >= 0) {
            KH__ERR(&t, TG_INDICATOR, DUP_TARGET, b->units[u].code, b->nodes[n].code);
            continue;
        }
        KH_GROW(b->targets, (size_t)b->ntargets + 1, rd->caps[KH__CAP_TARGET]);
        KH_GROW(rd->target_line, (size_t)b->ntargets + 1, rd->target_line_cap);
        struct kh_target *g = &b->targets[b->ntargets];
        rd->target_line[b->ntargets] = t.line;
        b->ntargets++;
        g->unit = u;
        g->node = n;
        g->target = tv;
        g->baseline = bv;
        g->status = status;
        g->status_text = kh__intern(rd, st);
    }
out:
    kh__table_close(&t);
}

/* ---------------- values.csv ---------------- */

enum { VA_UNIT, VA_INDICATOR, VA_PERIOD, VA_VALUE, VA_SOURCE };
static const struct kh__colspec value_cols[] = {{"unit", true}, {"indicator", true},
                                                {"period", true}, {"value", true},
                                                {"source", false}};

void kh__read_values(struct kh__rd *rd)
{
    struct kh_bundle *b = rd->b;
    struct kh__table t;
    if (!kh__table_open(rd, KH__F_VALUES, value_cols, 5, false, &t))
        goto out;
    rd->usable[KH__F_VALUES] = true;
    kh_u64map_reserve(&rd->value_ix, kh__line_count(rd, KH__F_VALUES));
    while (kh__table_next(&t)) {
        int32_t u = ref_unit(&t, VA_UNIT);
        int32_t n = ref_quant(&t, VA_INDICATOR);
        bool ok = u >= 0 && n >= 0;
        int period = kh_period_parse(kh__cell(&t, VA_PERIOD));
        if (period < 0) {
            KH__ERR(&t, VA_PERIOD, BAD_PERIOD, kh__cell(&t, VA_PERIOD));
            ok = false;
        }
        double v;
        ok &= kh__num(&t, VA_VALUE, true, &v);
        if (!ok)
            continue;
        uint64_t key = KH_U64_KEY(u, ((uint32_t)n << 7) | (uint32_t)period);
        if (kh_u64map_put(&rd->value_ix, key, b->nvalues) >= 0) {
            KH__ERR(&t, VA_PERIOD, DUP_VALUE, b->units[u].code, b->nodes[n].code,
                    kh_period_name(period));
            continue;
        }
        KH_GROW(b->values, (size_t)b->nvalues + 1, rd->caps[KH__CAP_VALUE]);
        KH_GROW(rd->value_line, (size_t)b->nvalues + 1, rd->value_line_cap);
        rd->value_line[b->nvalues] = t.line;
        struct kh_value *val = &b->values[b->nvalues++];
        val->unit = u;
        val->node = n;
        val->period = period;
        val->value = v;
        const char *src = kh__cell(&t, VA_SOURCE);
        val->source = src[0] ? kh__intern(rd, src) : "";
    }
out:
    kh__table_close(&t);
}

/* ---------------- ratings.csv ---------------- */

enum { RT_RATER, RT_RATEE, RT_ITEM, RT_SCORE };
static const struct kh__colspec rating_cols[] = {{"rater", true}, {"ratee", true},
                                                 {"item", true}, {"score", true}};

/* Resolve an answer cell against a scale: level index, or -1 with a number
 * in *points (numeric scales).  Returns false after a diagnostic. */
static bool scale_answer(struct kh__table *t, int c, const struct kh_scale *s, int16_t *level,
                         double *points)
{
    const char *v = kh__cell(t, c);
    double x;
    if (v[0] == '\0') {
        KH__ERR(t, c, EMPTY_SCORE);
        return false;
    }
    if (s->numeric) {
        if (!kh__parse_num(v, &x)) {
            KH__ERR(t, c, LEVEL_ON_NUMERIC, s->name, v);
            return false;
        }
        if (x < 0 || x > 100) {
            KH__ERR(t, c, SCORE_RANGE, v);
            return false;
        }
        *level = -1;
        *points = x;
        return true;
    }
    int32_t li = kh__scale_find(s, v);
    if (li < 0) {
        if (kh__parse_num(v, &x))
            KH__ERR(t, c, NUMBER_ON_LEVEL, s->name, v);
        else
            KH__ERR(t, c, NOT_A_LEVEL, v, s->name);
        return false;
    }
    *level = (int16_t)li;
    *points = s->levels[li].points;
    return true;
}

struct rating_key { uint64_t key; long line; };

/*
 * Sort by (key, line): an LSD radix sort on the key, 11 bits a pass.  Each
 * pass is stable and the keys arrive in line order, so equal keys stay in
 * line order — the order qsort with a (key, line) comparison gave, at a
 * third of its cost on ten million keys.  Passes whose digit is the same
 * for every key are skipped.
 */
static void rating_keys_sort(struct rating_key *keys, size_t n)
{
    enum { BITS = 11, NB = 1 << BITS, PASSES = (64 + BITS - 1) / BITS };
    size_t (*count)[NB] = kh_xcalloc(PASSES, sizeof *count);
    struct rating_key *tmp = kh_xreallocarray(NULL, n, sizeof *tmp), *src = keys, *dst = tmp;
    for (size_t i = 0; i < n; i++)
        for (int p = 0; p < PASSES; p++)
            count[p][(keys[i].key >> (p * BITS)) & (NB - 1)]++;
    for (int p = 0; p < PASSES; p++) {
        size_t *c = count[p], sum = 0;
        if (c[(src[0].key >> (p * BITS)) & (NB - 1)] == n)
            continue;   /* one digit for all: the pass would change nothing */
        for (size_t d = 0; d < NB; d++) {
            size_t k = c[d];
            c[d] = sum;
            sum += k;
        }
        for (size_t i = 0; i < n; i++)
            dst[c[(src[i].key >> (p * BITS)) & (NB - 1)]++] = src[i];
        struct rating_key *t = src;
        src = dst;
        dst = t;
    }
    if (src != keys)
        memcpy(keys, src, n * sizeof *keys);
    free(tmp);
    free(count);
}

void kh__read_ratings(struct kh__rd *rd)
{
    struct kh_bundle *b = rd->b;
    struct kh__table t;
    struct rating_key *keys = NULL;
    size_t nkeys = 0, keys_cap = 0;
    if (!kh__table_open(rd, KH__F_RATINGS, rating_cols, 4, false, &t))
        goto out;
    rd->usable[KH__F_RATINGS] = true;
    int32_t cs = kh_strmap_get(&b->scale_ix, "cadre");   /* scales are read already */
    while (kh__table_next(&t)) {
        const char *rc = kh__cell(&t, RT_RATER), *re = kh__cell(&t, RT_RATEE),
                   *it = kh__cell(&t, RT_ITEM);
        int32_t r = kh__lookup(&t, RT_RATER, &b->rater_ix, rc);
        bool ok = true;
        if (r < 0) {
            if (rd->usable[KH__F_RATERS] || !rd->present[KH__F_RATERS])
                KH__ERR(&t, RT_RATER, UNKNOWN_RATER, rc);
            ok = false;
        }
        int32_t unit = kh__lookup(&t, RT_RATEE, &b->unit_ix, re);
        int32_t cadre = unit < 0 ? kh__lookup(&t, RT_RATEE, &b->cadre_ix, re) : -1;
        int32_t item = -1;
        const struct kh_scale *scale = NULL;
        if (unit >= 0) {
            item = kh__lookup(&t, RT_ITEM, &b->node_ix, it);
            if (item < 0 || b->nodes[item].kind != KH_KIND_QUAL) {
                if (rd->usable[KH__F_INDICATORS])
                    KH__ERR(&t, RT_ITEM, ITEM_NOT_QUAL, it);
                ok = false;
            } else if (b->nodes[item].scale >= 0) {
                scale = &b->scales[b->nodes[item].scale];
            } else {
                ok = false;
            }
        } else if (cadre >= 0) {
            int32_t pos = b->cadres[cadre].position;
            int32_t dim = kh__lookup(&t, RT_ITEM, &b->dim_ix, it);
            if (pos >= 0) {
                const struct kh_position *p = &b->positions[pos];
                for (int32_t k = 0; k < p->ndims; k++)
                    if (p->dims[k].idx == dim)
                        item = dim;
            }
            if (item < 0) {
                KH__ERR(&t, RT_ITEM, NOT_A_DIMENSION, it, re);
                ok = false;
            } else {
                scale = &b->scales[rd->scale_cadre];
                if (cs >= 0)
                    scale = &b->scales[cs];
            }
        } else {
            if (rd->usable[KH__F_UNITS])
                KH__ERR(&t, RT_RATEE, UNKNOWN_RATEE, re);
            ok = false;
        }
        int16_t level = -1;
        double points = NAN;
        if (scale != NULL)
            ok &= scale_answer(&t, RT_SCORE, scale, &level, &points);
        if (!ok)
            continue;
        bool is_cadre = unit < 0;
        int32_t ratee = is_cadre ? cadre : unit;
        KH_GROW(keys, nkeys + 1, keys_cap);
        keys[nkeys].key = ((uint64_t)(uint32_t)r << 43) ^
                          ((uint64_t)((uint32_t)ratee * 2u + is_cadre) << 22) ^ (uint32_t)item;
        keys[nkeys].line = t.line;
        nkeys++;
        KH_GROW(b->ratings, (size_t)b->nratings + 1, rd->caps[KH__CAP_RATING]);
        struct kh_rating *g = &b->ratings[b->nratings++];
        g->rater = r;
        g->ratee = ratee;
        g->item = item;
        g->level = level;
        g->ratee_is_cadre = is_cadre;
        g->points = points;
    }
    /* Duplicates (§11.27): sort the packed keys once.  The packing is exact
     * below 2^21 raters, 2^20 ratees and 2^22 items; beyond that a shared key
     * would only ever merge genuinely distinct rows, so the check is skipped. */
    bool exact = b->nraters < (1 << 21) && b->nunits + b->ncadres < (1 << 20) &&
                 b->nnodes + b->ndims < (1 << 22);
    if (exact && nkeys > 1) {
        rating_keys_sort(keys, nkeys);
        for (size_t i = 1; i < nkeys; i++) {
            if (keys[i].key == keys[i - 1].key) {
                t.line = keys[i].line;
                KH__ERR(&t, RT_ITEM, DUP_RATING);
            }
        }
    }
out:
    free(keys);
    kh__table_close(&t);
}

/* ---------------- survey_items.csv ---------------- */

enum { SI_CODE, SI_TEXT, SI_WEIGHT, SI_SCALE };
static const struct kh__colspec item_cols[] = {{"code", true}, {"text", false},
                                               {"weight", true}, {"scale", true}};

void kh__read_survey_items(struct kh__rd *rd)
{
    struct kh_bundle *b = rd->b;
    struct kh__table t;
    if (!kh__table_open(rd, KH__F_SURVEY_ITEMS, item_cols, 4, false, &t))
        goto out;
    rd->usable[KH__F_SURVEY_ITEMS] = true;
    while (kh__table_next(&t)) {
        bool ok = kh__check_code(&t, SI_CODE);
        double w = 0;
        const char *ws = kh__cell(&t, SI_WEIGHT);
        if (ws[0] && kh__num(&t, SI_WEIGHT, false, &w) && w < 0) {
            KH__ERR(&t, SI_WEIGHT, NEGATIVE_WEIGHT, ws);
            ok = false;
        } else if (ws[0] && isnan(w)) {
            ok = false;
        }
        const char *sc = kh__cell(&t, SI_SCALE);
        int32_t si = kh_strmap_get(&b->scale_ix, sc[0] ? sc : "survey");
        if (si < 0) {
            KH__ERR(&t, SI_SCALE, UNKNOWN_SCALE, sc);
            ok = false;
        }
        if (!ok)
            continue;
        const char *code = kh__str(rd, kh__cell(&t, SI_CODE));
        if (kh_strmap_put(&b->item_ix, code, b->nitems) >= 0) {
            KH__ERR(&t, SI_CODE, DUP_ITEM, code);
            continue;
        }
        KH_GROW(b->items, (size_t)b->nitems + 1, rd->caps[KH__CAP_ITEM]);
        struct kh_survey_item *s = &b->items[b->nitems++];
        s->code = code;
        s->text = kh__str(rd, kh__cell(&t, SI_TEXT));
        s->weight = w;
        s->weight_text = kh__str(rd, ws);
        s->scale = si;
    }
out:
    kh__table_close(&t);
}

/* ---------------- responses.csv ---------------- */

enum { RS_RESPONSE, RS_UNIT, RS_CHANNEL, RS_ITEM, RS_ANSWER };
static const struct kh__colspec response_cols[] = {{"response", true}, {"unit", true},
                                                   {"channel", false}, {"item", true},
                                                   {"answer", true}};

/* A response's channel is one of cycle.csv's survey_channels when that key
 * is given (SPEC §5, §11.16: a channel weighs by its listed weight, so an
 * unlisted one, a typo, would weigh 0 while counting in n); without the key
 * every channel is accepted and all responses pool.  An empty channel is
 * FORMATS.md's default `web` and is not checked: it weighs as `web`. */
static bool channel_listed(const struct kh_cycle *c, const char *ch)
{
    if (c->nchannels == 0)
        return true;
    for (int32_t i = 0; i < c->nchannels; i++)
        if (strcmp(c->channels[i].name, ch) == 0)
            return true;
    return false;
}

/* "phone, onsite": the listed channels, for the diagnostic. */
static void channels_text(const struct kh_cycle *c, struct kh_buf *out)
{
    for (int32_t i = 0; i < c->nchannels; i++) {
        if (i > 0)
            kh_buf_append(out, ", ", 2);
        kh_buf_append(out, c->channels[i].name, strlen(c->channels[i].name));
    }
}

/*
 * Duplicate answers.  With at most 64 survey items (the default scheme has
 * 8) each response keeps a bit per item, so the check is one word next to
 * nothing else; with more, (response, item) pairs go through a u64map sized
 * from the file's line count.  Both report the same rows at the same moment
 * of the pass, so the diagnostics and their order are identical.
 */
void kh__read_responses(struct kh__rd *rd)
{
    struct kh_bundle *b = rd->b;
    struct kh__table t;
    uint64_t *answered = NULL;    /* [response]: bit i = item i answered */
    size_t answered_cap = 0;
    bool bits = b->nitems <= 64;
    struct kh_buf listed_buf = KH_BUF_INIT;
    channels_text(&b->cycle, &listed_buf);
    const char *listed = kh_buf_cstr(&listed_buf);
    if (!kh__table_open(rd, KH__F_RESPONSES, response_cols, 5, false, &t))
        goto out;
    rd->usable[KH__F_RESPONSES] = true;
    if (!bits)
        kh_u64map_reserve(&rd->answer_ix, kh__line_count(rd, KH__F_RESPONSES));
    while (kh__table_next(&t)) {
        bool ok = kh__check_code(&t, RS_RESPONSE);
        int32_t u = ref_unit(&t, RS_UNIT);
        ok &= u >= 0;
        const char *ch = kh__cell(&t, RS_CHANNEL);
        int32_t chi = -1;
        if (ch[0]) {
            if (!kh__code_ok(ch)) {
                KH__ERR(&t, RS_CHANNEL, BAD_CHANNEL, ch);
                ok = false;
            } else if (!channel_listed(&b->cycle, ch)) {
                KH__ERR(&t, RS_CHANNEL, UNKNOWN_CHANNEL, ch, listed);
                ok = false;
            } else {
                chi = kh_strmap_get(&b->channel_ix, ch);
                if (chi < 0) {
                    const char *name = kh__str(rd, ch);
                    KH_GROW(b->channels, (size_t)b->nchannels + 1, rd->caps[KH__CAP_CHANNEL]);
                    b->channels[b->nchannels] = name;
                    kh_strmap_put(&b->channel_ix, name, b->nchannels);
                    chi = b->nchannels++;
                }
            }
        }
        const char *ic = kh__cell(&t, RS_ITEM);
        int32_t item = kh__lookup(&t, RS_ITEM, &b->item_ix, ic);
        if (item < 0) {
            if (rd->usable[KH__F_SURVEY_ITEMS] || !rd->present[KH__F_SURVEY_ITEMS])
                KH__ERR(&t, RS_ITEM, UNKNOWN_ITEM, ic);
            ok = false;
        }
        int16_t level = -1;
        double points = NAN;
        if (item >= 0)
            ok &= scale_answer(&t, RS_ANSWER, &b->scales[b->items[item].scale], &level, &points);
        if (!ok)
            continue;
        const char *rc = kh__cell(&t, RS_RESPONSE);
        int32_t r = kh__lookup(&t, RS_RESPONSE, &b->response_ix, rc);
        if (r < 0) {
            const char *code = kh__str(rd, rc);
            KH_GROW(b->responses, (size_t)b->nresponses + 1, rd->caps[KH__CAP_RESPONSE]);
            b->responses[b->nresponses].code = code;
            b->responses[b->nresponses].unit = u;
            b->responses[b->nresponses].channel = chi;
            kh_strmap_put(&b->response_ix, code, b->nresponses);
            if (bits) {
                KH_GROW(answered, (size_t)b->nresponses + 1, answered_cap);
                answered[b->nresponses] = 0;
            }
            r = b->nresponses++;
            kh__memo_set(&t, RS_RESPONSE, &b->response_ix, code, r);
        } else if (b->responses[r].unit != u) {
            KH__ERR(&t, RS_UNIT, RESPONSE_UNIT, rc);
            continue;
        } else if (b->responses[r].channel != chi) {
            KH__ERR(&t, RS_CHANNEL, RESPONSE_CHANNEL, rc);
            continue;
        }
        bool dup;
        if (bits) {
            uint64_t bit = (uint64_t)1 << item;
            dup = (answered[r] & bit) != 0;
            answered[r] |= bit;
        } else {
            dup = kh_u64map_put(&rd->answer_ix, KH_U64_KEY(r, item), b->nanswers) >= 0;
        }
        if (dup) {
            KH__ERR(&t, RS_ITEM, DUP_ANSWER, rc, ic);
            continue;
        }
        KH_GROW(b->answers, (size_t)b->nanswers + 1, rd->caps[KH__CAP_ANSWER]);
        struct kh_answer *a = &b->answers[b->nanswers++];
        a->response = r;
        a->item = item;
        a->level = level;
        a->points = points;
    }
out:
    free(answered);
    kh_buf_release(&listed_buf);
    kh__table_close(&t);
}
