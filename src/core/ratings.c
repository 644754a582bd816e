/*
 * ratings.c — qualitative leaves and cadre dimensions from ratings (SPEC §4, §7, §11.15, §11.20).
 *
 * What it owns: from ratings.csv to
 *   - the combined rating of every (unit, qual leaf): p->value, and with
 *     rater-bias correction on the uncorrected one in p->raw_value;
 *   - the score of every (cadre, dimension): p->cadre_dim;
 *   - the level-vote counts of every cadre for the vote flags (§11.20).
 *
 * A rating is *counted* when it is not an abstention and its rater's group
 * has a weight > 0 on the item (the qual leaf's `raters`, or the cadre
 * position's `groups`).  Everything else is left out of everything (§11.27).
 *
 * Steps, all linear (no string lookups, no per-rating search):
 *   1. classify each rating: its slot (ratee, item, group) or -1;
 *   2. bias correction, when the cycle turns it on (§4, §11.15): per rater j
 *      over all its counted ratings (units and cadres, every item) the mean
 *      m_j and population sd d_j, and its number of distinct ratees (a
 *      bucket pass by rater with a stamp array); per group the pooled mean M
 *      and population sd D over all counted ratings of the group.  Raters with
 *      ≥ 3 distinct ratees get x' = M + (x − m_j)·D/d_j (d_j = 0 →
 *      M + (x − m_j)), clamped to [0,100]; the others keep x;
 *   3. a counting sort of counted ratings by slot (stable: input order);
 *   4. per slot with ≥ min_raters ratings, the group's combine (mean,
 *      trimmed, median); per (ratee, item) s = Σ w_g·s_g / Σ w_g over the
 *      groups that count, in the order the groups are listed; none → NaN.
 *
 * Slots: unit part (u·NQ + qual_index)·G + g, then cadre part
 * (c·D + dim)·G + g, NQ = number of qual leaves, G = rater groups,
 * D = dimensions.  Memory: O(ratings + slots).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/xalloc.h"
#include "core/engine-internal.h"
#include "core/ratings.h"

static void sort_small(double *v, int32_t n)
{
    for (int32_t i = 1; i < n; i++) {
        double x = v[i];
        int32_t j = i - 1;
        while (j >= 0 && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void sort_values(double *v, int32_t n)
{
    if (n <= 32)
        sort_small(v, n);
    else
        qsort(v, (size_t)n, sizeof *v, cmp_double);
}

double kh_rating_combine(double *v, int32_t n, enum kh_combine how)
{
    double sum = 0.0;

    if (n <= 0)
        return NAN;
    switch (how) {
    case KH_COMBINE_TRIMMED:
        if (n >= 5) {
            sort_values(v, n);
            for (int32_t i = 1; i < n - 1; i++)
                sum += v[i];
            return sum / (double)(n - 2);
        }
        break;
    case KH_COMBINE_MEDIAN:
        sort_values(v, n);
        if (n % 2)
            return v[n / 2];
        return (v[n / 2 - 1] + v[n / 2]) / 2.0;
    case KH_COMBINE_MEAN:
        break;
    }
    for (int32_t i = 0; i < n; i++)
        sum += v[i];
    return sum / (double)n;
}

double kh_rating_correct(double x, double m, double d, double M, double D)
{
    double y = d == 0.0 ? M + (x - m) : M + (x - m) * D / d;
    if (y < 0.0)
        return 0.0;
    if (y > 100.0)
        return 100.0;
    return y;
}

/* Bias correction in place on val[] (counted ratings have slot >= 0). */
static void correct(const struct kh__prep *p, const int64_t *slot, double *val)
{
    const struct kh_bundle *b = p->b;
    const int32_t R = b->nratings, NR = b->nraters, G = b->ngroups;
    int32_t *start = kh_xcalloc((size_t)NR + 1, sizeof *start);
    int32_t *order = kh_xmalloc(((size_t)R + 1) * sizeof *order);
    int32_t *stamp = kh_xmalloc(((size_t)p->U + (size_t)p->K + 1) * sizeof *stamp);
    double *gsum = kh_xcalloc((size_t)G + 1, sizeof *gsum);
    double *gss = kh_xcalloc((size_t)G + 1, sizeof *gss);
    int64_t *gn = kh_xcalloc((size_t)G + 1, sizeof *gn);
    double *m = kh_xmalloc(((size_t)NR + 1) * sizeof *m);
    double *d = kh_xmalloc(((size_t)NR + 1) * sizeof *d);
    uint8_t *fix = kh_xcalloc((size_t)NR + 1, 1);

    /* group pools, input order */
    for (int32_t i = 0; i < R; i++) {
        if (slot[i] < 0)
            continue;
        int32_t g = b->raters[b->ratings[i].rater].group;
        gsum[g] += val[i];
        gn[g]++;
    }
    for (int32_t g = 0; g < G; g++)
        gsum[g] = gn[g] ? gsum[g] / (double)gn[g] : 0.0;     /* now M_g */
    for (int32_t i = 0; i < R; i++) {
        if (slot[i] < 0)
            continue;
        int32_t g = b->raters[b->ratings[i].rater].group;
        double dv = val[i] - gsum[g];
        gss[g] += dv * dv;
    }
    for (int32_t g = 0; g < G; g++)
        gss[g] = gn[g] ? sqrt(gss[g] / (double)gn[g]) : 0.0;  /* now D_g */

    /* bucket counted ratings by rater, stable */
    for (int32_t i = 0; i < R; i++)
        if (slot[i] >= 0)
            start[b->ratings[i].rater + 1]++;
    for (int32_t j = 0; j < NR; j++)
        start[j + 1] += start[j];
    {
        int32_t *fill = kh_xmalloc(((size_t)NR + 1) * sizeof *fill);
        memcpy(fill, start, ((size_t)NR + 1) * sizeof *fill);
        for (int32_t i = 0; i < R; i++)
            if (slot[i] >= 0)
                order[fill[b->ratings[i].rater]++] = i;
        free(fill);
    }
    for (int32_t i = 0; i < p->U + p->K; i++)
        stamp[i] = -1;
    for (int32_t j = 0; j < NR; j++) {
        int32_t lo = start[j], hi = start[j + 1], distinct = 0;
        double s = 0.0, ss = 0.0;
        if (hi == lo)
            continue;
        for (int32_t k = lo; k < hi; k++) {
            const struct kh_rating *rt = &b->ratings[order[k]];
            int32_t key = rt->ratee_is_cadre ? p->U + rt->ratee : rt->ratee;
            if (stamp[key] != j) {
                stamp[key] = j;
                distinct++;
            }
            s += val[order[k]];
        }
        m[j] = s / (double)(hi - lo);
        for (int32_t k = lo; k < hi; k++) {
            double dv = val[order[k]] - m[j];
            ss += dv * dv;
        }
        d[j] = sqrt(ss / (double)(hi - lo));
        fix[j] = distinct >= 3;
    }
    for (int32_t i = 0; i < R; i++) {
        int32_t j;
        if (slot[i] < 0)
            continue;
        j = b->ratings[i].rater;
        if (fix[j]) {
            int32_t g = b->raters[j].group;
            val[i] = kh_rating_correct(val[i], m[j], d[j], gsum[g], gss[g]);
        }
    }
    free(start);
    free(order);
    free(stamp);
    free(gsum);
    free(gss);
    free(gn);
    free(m);
    free(d);
    free(fix);
}

/* Per (ratee, item): Σ w_g·s_g / Σ w_g over the listed groups that count. */
static double combine_groups(const struct kh_wref *gl, int32_t ngl, const double *slotval)
{
    double num = 0.0, den = 0.0;
    for (int32_t k = 0; k < ngl; k++) {
        double s = slotval[gl[k].idx];
        if (gl[k].w > 0 && !kh_isnan(s)) {
            num += gl[k].w * s;
            den += gl[k].w;
        }
    }
    return den > 0 ? num / den : NAN;
}

/*
 * The combined value of each of the G slots base .. base+G-1 (one ratee and
 * item, every group) into blk_cor[g] (and blk_raw[g] when sv_raw): the
 * group's combine of the slot's ratings when there are at least min_raters
 * of them, else NaN.  start as kh__ratings leaves it: slot s is
 * start[s] .. start[s + 1] of sv_cor / sv_raw, which trimmed and median
 * combines sort in place (each slot is combined once).
 */
static void combine_slots(const struct kh_bundle *b, const int32_t *start, size_t base,
                          double *sv_cor, double *sv_raw, double *blk_cor, double *blk_raw)
{
    const int32_t G = b->ngroups;
    for (int32_t g = 0; g < G; g++) {
        int32_t lo = start[base + g], n = start[base + g + 1] - lo;
        enum kh_combine how = b->groups[g].combine;
        bool counts = n > 0 && n >= b->cycle.min_raters;
        blk_cor[g] = counts ? kh_rating_combine(sv_cor + lo, n, how) : NAN;
        if (sv_raw)
            blk_raw[g] = counts ? kh_rating_combine(sv_raw + lo, n, how) : NAN;
    }
}

static bool is_name(const char *s, const char *want)
{
    return s != NULL && strcmp(s, want) == 0;
}

void kh__ratings(struct kh__prep *p)
{
    const struct kh_bundle *b = p->b;
    const int32_t N = p->N, G = b->ngroups, D = p->D, R = b->nratings;
    const bool corr = b->cycle.rater_correction;
    int32_t NQ = 0;
    int32_t *qix = kh_xmalloc(((size_t)N + 1) * sizeof *qix);
    int32_t *qnode;
    double *gw_unit, *gw_pos;
    int64_t *slot;
    double *val = NULL;           /* corrected values (correction on), input order */
    size_t S_unit, S;
    int32_t *start;
    double *sv_cor, *sv_raw = NULL;
    double *blk_cor, *blk_raw;    /* the G slots of one (ratee, item) */
    int8_t *vote_kind = NULL;     /* cadre scale level: 1 good, 2 bad, 0 other */
    int32_t nvk = 0;

    if (R == 0 || G == 0) {
        free(qix);
        return;
    }
    for (int32_t n = 0; n < N; n++)
        qix[n] = b->nodes[n].kind == KH_KIND_QUAL ? NQ++ : -1;
    qnode = kh_xmalloc(((size_t)NQ + 1) * sizeof *qnode);
    for (int32_t n = 0; n < N; n++)
        if (qix[n] >= 0)
            qnode[qix[n]] = n;
    gw_unit = kh_xcalloc((size_t)NQ * G + 1, sizeof *gw_unit);
    for (int32_t q = 0; q < NQ; q++) {
        const struct kh_node *nd = &b->nodes[qnode[q]];
        for (int32_t k = 0; k < nd->nraters; k++)
            gw_unit[(size_t)q * G + nd->raters[k].idx] = nd->raters[k].w;
    }
    gw_pos = kh_xcalloc((size_t)b->npositions * G + 1, sizeof *gw_pos);
    for (int32_t ps = 0; ps < b->npositions; ps++)
        for (int32_t k = 0; k < b->positions[ps].ngroups; k++)
            gw_pos[(size_t)ps * G + b->positions[ps].groups[k].idx] = b->positions[ps].groups[k].w;

    /* vote kinds on the cadre scale (§7, §11.20): 优秀/称职 good, 不称职 bad */
    for (int32_t s = 0; s < b->nscales; s++) {
        if (is_name(b->scales[s].name, "cadre")) {
            nvk = b->scales[s].nlevels;
            vote_kind = kh_xcalloc((size_t)nvk + 1, 1);
            for (int32_t l = 0; l < nvk; l++) {
                const char *ln = b->scales[s].levels[l].name;
                vote_kind[l] = (is_name(ln, "优秀") || is_name(ln, "称职")) ? 1
                               : is_name(ln, "不称职") ? 2 : 0;
            }
            break;
        }
    }

    /* 1. classify */
    S_unit = (size_t)p->U * NQ * G;
    S = S_unit + (size_t)p->K * D * G;
    slot = kh_xmalloc(((size_t)R + 1) * sizeof *slot);
    for (int32_t i = 0; i < R; i++) {
        const struct kh_rating *rt = &b->ratings[i];
        int32_t g = b->raters[rt->rater].group;
        slot[i] = -1;
        if (g < 0 || kh_isnan(rt->points))
            continue;
        if (rt->ratee_is_cadre) {
            int32_t ps = b->cadres[rt->ratee].position;
            if (rt->item < 0 || rt->item >= D || gw_pos[(size_t)ps * G + g] <= 0)
                continue;
            slot[i] = (int64_t)(S_unit + ((size_t)rt->ratee * D + rt->item) * G + g);
            if (rt->level >= 0) {
                p->vote_total[rt->ratee]++;
                if (vote_kind && rt->level < nvk) {
                    if (vote_kind[rt->level] == 1)
                        p->vote_good[rt->ratee]++;
                    else if (vote_kind[rt->level] == 2)
                        p->vote_bad[rt->ratee]++;
                }
            }
        } else {
            int32_t q = (rt->item >= 0 && rt->item < N) ? qix[rt->item] : -1;
            if (q < 0 || gw_unit[(size_t)q * G + g] <= 0)
                continue;
            slot[i] = (int64_t)(((size_t)rt->ratee * NQ + q) * G + g);
        }
    }

    /* 2. bias correction: the uncorrected value of rating i stays its points */
    if (corr) {
        val = kh_xmalloc(((size_t)R + 1) * sizeof *val);
        for (int32_t i = 0; i < R; i++)
            val[i] = b->ratings[i].points;
        correct(p, slot, val);
    }

    /*
     * 3. counting sort by slot, stable.  The counts go to start[s + 2], so
     * that after the prefix sum start[s + 1] is where slot s begins and can
     * serve as its fill pointer: once every rating is placed, start[s + 1]
     * is where slot s ends, so slot s is start[s] .. start[s + 1] — one
     * array of S + 2 instead of a start and a fill.  int32 suffices: the
     * offsets count ratings, and nratings is an int32.
     */
    start = kh_xcalloc(S + 2, sizeof *start);
    for (int32_t i = 0; i < R; i++)
        if (slot[i] >= 0)
            start[slot[i] + 2]++;
    for (size_t s = 1; s <= S; s++)
        start[s + 1] += start[s];
    {
        int32_t cnt = start[S + 1];
        sv_cor = kh_xmalloc(((size_t)cnt + 1) * sizeof *sv_cor);
        if (corr)
            sv_raw = kh_xmalloc(((size_t)cnt + 1) * sizeof *sv_raw);
        for (int32_t i = 0; i < R; i++) {
            if (slot[i] < 0)
                continue;
            int32_t at = start[slot[i] + 1]++;
            sv_cor[at] = corr ? val[i] : b->ratings[i].points;
            if (corr)
                sv_raw[at] = b->ratings[i].points;
        }
    }
    free(slot);
    free(val);
    slot = NULL;
    val = NULL;

    /* 4. combine per slot, then per (ratee, item), one block of G slots at
     * a time (a slot's value depends on its own ratings only) */
    blk_cor = kh_xmalloc(((size_t)G + 1) * sizeof *blk_cor);
    blk_raw = kh_xmalloc(((size_t)G + 1) * sizeof *blk_raw);
    for (int32_t u = 0; u < p->U; u++) {
        for (int32_t q = 0; q < NQ; q++) {
            const struct kh_node *nd = &b->nodes[qnode[q]];
            size_t base = ((size_t)u * NQ + q) * G;
            size_t at = (size_t)u * N + qnode[q];
            combine_slots(b, start, base, sv_cor, sv_raw, blk_cor, blk_raw);
            double v = combine_groups(nd->raters, nd->nraters, blk_cor);
            p->value[at] = v;
            p->raw_value[at] = corr ? combine_groups(nd->raters, nd->nraters, blk_raw) : v;
            if (!kh_isnan(v))
                p->lflags[at] |= KH__LF_HAS_VALUE;
        }
    }
    for (int32_t c = 0; c < p->K; c++) {
        const struct kh_position *ps = &b->positions[b->cadres[c].position];
        for (int32_t dd = 0; dd < D; dd++) {
            size_t base = S_unit + ((size_t)c * D + dd) * G;
            combine_slots(b, start, base, sv_cor, NULL, blk_cor, NULL);
            p->cadre_dim[(size_t)c * D + dd] = combine_groups(ps->groups, ps->ngroups, blk_cor);
        }
    }

    free(qix);
    free(qnode);
    free(gw_unit);
    free(gw_pos);
    free(vote_kind);
    free(start);
    free(sv_cor);
    free(sv_raw);
    free(blk_cor);
    free(blk_raw);
}
