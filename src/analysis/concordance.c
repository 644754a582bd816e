/*
 * concordance.c — Kendall's W, ICC(2,1), Spearman's ρ and the per-block
 * bookkeeping over a bundle's ratings (concordance.h, SPEC §8, §11.25).
 *
 * Blocks.  Counted ratings (numeric points, abstentions out, group weighted
 * on the item) are copied into one array and sorted by (group, ratee kind,
 * item, rater, ratee); each run of equal (group, kind, item) is a block.
 * Within it the complete sub-block — ratees scored by every rater present —
 * is laid out as a dense m × n matrix and handed to the pure statistics.
 * Sorting by indices, never by codes or pointers, keeps the output order
 * the input order and identical from run to run.
 *
 * Leave-one-out consensus.  A rater's scores are compared with the mean of
 * the *other* raters on the same ratees, so the rater does not agree with
 * themselves; with m = 2 the consensus is simply the other rater.
 * Leniency is the rater's mean minus the block mean (all raters, same
 * ratees), in points: positive = milder than the group.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/concordance.h"
#include "kaohe/error.h"
#include "kaohe/xalloc.h"

struct ix { double v; size_t i; };

static int ix_cmp(const void *a, const void *b)
{
    const struct ix *x = a, *y = b;
    if (x->v < y->v)
        return -1;
    if (x->v > y->v)
        return 1;
    return (x->i > y->i) - (x->i < y->i);
}

double kh_rank_average(const double *x, size_t n, double *ranks)
{
    struct ix *v = kh_xcalloc(n ? n : 1, sizeof *v);
    double ties = 0;
    for (size_t i = 0; i < n; i++) {
        v[i].v = x[i];
        v[i].i = i;
    }
    qsort(v, n, sizeof *v, ix_cmp);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && v[j].v == v[i].v)
            j++;
        /* positions i..j-1 hold ranks i+1..j: their average */
        double r = (double)(i + 1 + j) / 2;
        for (size_t k = i; k < j; k++)
            ranks[v[k].i] = r;
        double t = (double)(j - i);
        ties += t * t * t - t;
        i = j;
    }
    free(v);
    return ties;
}

double kh_kendall_w(const double *x, size_t m, size_t n, double *s_out, double *chi2_out)
{
    double *rank = kh_xcalloc(n ? n : 1, sizeof *rank);
    double *sum = kh_xcalloc(n ? n : 1, sizeof *sum);
    double ties = 0;
    for (size_t r = 0; r < m; r++) {
        ties += kh_rank_average(x + r * n, n, rank);
        for (size_t t = 0; t < n; t++)
            sum[t] += rank[t];
    }
    double dm = (double)m, dn = (double)n;
    double mean = dm * (dn + 1) / 2, s = 0;
    for (size_t t = 0; t < n; t++)
        s += (sum[t] - mean) * (sum[t] - mean);
    double den = dm * dm * (dn * dn * dn - dn) - dm * ties;
    double w = den > 0 ? 12 * s / den : NAN;
    if (s_out)
        *s_out = s;
    if (chi2_out)
        *chi2_out = dm * (dn - 1) * w;
    free(rank);
    free(sum);
    return w;
}

double kh_icc21(const double *x, size_t k, size_t n)
{
    if (k < 2 || n < 2)
        return NAN;
    double *tm = kh_xcalloc(n, sizeof *tm), *rm = kh_xcalloc(k, sizeof *rm);
    double g = 0;
    for (size_t r = 0; r < k; r++)
        for (size_t t = 0; t < n; t++) {
            double v = x[r * n + t];
            tm[t] += v;
            rm[r] += v;
            g += v;
        }
    double dk = (double)k, dn = (double)n;
    g /= dk * dn;
    for (size_t t = 0; t < n; t++)
        tm[t] /= dk;
    for (size_t r = 0; r < k; r++)
        rm[r] /= dn;
    double ssr = 0, ssc = 0, sse = 0;
    for (size_t t = 0; t < n; t++)
        ssr += (tm[t] - g) * (tm[t] - g);
    ssr *= dk;
    for (size_t r = 0; r < k; r++)
        ssc += (rm[r] - g) * (rm[r] - g);
    ssc *= dn;
    for (size_t r = 0; r < k; r++)
        for (size_t t = 0; t < n; t++) {
            double e = x[r * n + t] - tm[t] - rm[r] + g;
            sse += e * e;
        }
    double bms = ssr / (dn - 1), jms = ssc / (dk - 1), ems = sse / ((dn - 1) * (dk - 1));
    double den = bms + (dk - 1) * ems + dk * (jms - ems) / dn;
    free(tm);
    free(rm);
    return den != 0 ? (bms - ems) / den : NAN;
}

double kh_spearman(const double *a, const double *b, size_t n)
{
    if (n < 2)
        return NAN;
    double *ra = kh_xcalloc(n, sizeof *ra), *rb = kh_xcalloc(n, sizeof *rb);
    kh_rank_average(a, n, ra);
    kh_rank_average(b, n, rb);
    double ma = 0, mb = 0;
    for (size_t i = 0; i < n; i++) {
        ma += ra[i];
        mb += rb[i];
    }
    ma /= (double)n;
    mb /= (double)n;
    double sab = 0, saa = 0, sbb = 0;
    for (size_t i = 0; i < n; i++) {
        sab += (ra[i] - ma) * (rb[i] - mb);
        saa += (ra[i] - ma) * (ra[i] - ma);
        sbb += (rb[i] - mb) * (rb[i] - mb);
    }
    free(ra);
    free(rb);
    if (saa == 0 || sbb == 0)
        return NAN;
    return sab / sqrt(saa * sbb);
}

/* ---- blocks over a bundle ---- */

struct counted {
    int32_t group, kind, item, rater, ratee;
    double points;
};

static int counted_cmp(const void *a, const void *b)
{
    const struct counted *x = a, *y = b;
#define CMP(f) if (x->f != y->f) return x->f < y->f ? -1 : 1
    CMP(group);
    CMP(kind);
    CMP(item);
    CMP(rater);
    CMP(ratee);
#undef CMP
    return 0;
}

/* Does `group` have a weight on this rating's item (SPEC §11.27)?  An empty
 * raters/groups list means every group with weight 1 (SPEC §11.8). */
static bool group_weighted(const struct kh_bundle *b, const struct kh_rating *rt, int32_t group)
{
    const struct kh_wref *list;
    int32_t n;
    if (rt->ratee_is_cadre) {
        const struct kh_cadre *c = &b->cadres[rt->ratee];
        if (c->position < 0)
            return false;
        list = b->positions[c->position].groups;
        n = b->positions[c->position].ngroups;
    } else {
        list = b->nodes[rt->item].raters;
        n = b->nodes[rt->item].nraters;
    }
    if (n == 0)
        return true;
    for (int32_t i = 0; i < n; i++)
        if (list[i].idx == group)
            return list[i].w > 0;
    return false;
}

void kh_concordance_release(struct kh_concordance *a)
{
    if (a == NULL)
        return;
    free(a->items);
    free(a->raters);
    memset(a, 0, sizeof *a);
}

static void do_block(struct kh_concordance *a, const struct counted *c, size_t nc,
                     size_t *items_cap, size_t *raters_cap)
{
    KH_GROW(a->items, a->nitems + 1, *items_cap);
    struct kh_concordance_item *it = &a->items[a->nitems];
    memset(it, 0, sizeof *it);
    it->group = c[0].group;
    it->ratee_is_cadre = c[0].kind != 0;
    it->item = c[0].item;
    it->w = it->s = it->chi2 = it->icc = it->mean = NAN;

    /* distinct raters (c is sorted by rater, then ratee) */
    int32_t *raters = kh_xcalloc(nc, sizeof *raters);
    size_t m = 0;
    for (size_t i = 0; i < nc; i++)
        if (m == 0 || raters[m - 1] != c[i].rater)
            raters[m++] = c[i].rater;
    /* distinct ratees with the number of raters that scored each */
    struct ix *ratees = kh_xcalloc(nc, sizeof *ratees);
    for (size_t i = 0; i < nc; i++) {
        ratees[i].v = c[i].ratee;
        ratees[i].i = i;
    }
    qsort(ratees, nc, sizeof *ratees, ix_cmp);
    int32_t *full = kh_xcalloc(nc, sizeof *full);
    size_t ntot = 0, n = 0;
    for (size_t i = 0; i < nc;) {
        size_t j = i;
        size_t cnt = 0;
        int32_t last_rater = -1;
        while (j < nc && ratees[j].v == ratees[i].v) {
            int32_t r = c[ratees[j].i].rater;
            if (r != last_rater)
                cnt++;
            last_rater = r;
            j++;
        }
        ntot++;
        if (cnt == m)
            full[n++] = (int32_t)ratees[i].v;
        i = j;
    }
    it->raters_total = (int32_t)m;
    it->ratees_total = (int32_t)ntot;
    it->first_rater = (int32_t)a->nraters;
    if (m < 2)
        it->status = KH_CONC_FEW_RATERS;
    else if (n < 2)
        it->status = KH_CONC_FEW_RATEES;
    if (it->status != KH_CONC_OK)
        goto out;

    it->nraters = (int32_t)m;
    it->nratees = (int32_t)n;
    double *x = kh_xcalloc(m * n, sizeof *x);
    /* fill: c is sorted by (rater, ratee) and full[] ascending by ratee */
    size_t r = 0;
    for (size_t i = 0; i < nc; i++) {
        while (raters[r] != c[i].rater)
            r++;
        int32_t *hit = NULL;
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (full[mid] < c[i].ratee)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < n && full[lo] == c[i].ratee)
            hit = &full[lo];
        if (hit)
            x[r * n + (size_t)(hit - full)] = c[i].points;
    }
    double total = 0;
    for (size_t k = 0; k < m * n; k++)
        total += x[k];
    it->mean = total / (double)(m * n);
    it->w = kh_kendall_w(x, m, n, &it->s, &it->chi2);
    it->icc = kh_icc21(x, m, n);

    double *cons = kh_xcalloc(n, sizeof *cons);
    for (size_t q = 0; q < m; q++) {
        double rs = 0;
        for (size_t t = 0; t < n; t++) {
            double o = 0;
            for (size_t p = 0; p < m; p++)
                if (p != q)
                    o += x[p * n + t];
            cons[t] = o / (double)(m - 1);
            rs += x[q * n + t];
        }
        KH_GROW(a->raters, a->nraters + 1, *raters_cap);
        struct kh_concordance_rater *ar = &a->raters[a->nraters++];
        ar->item_row = (int32_t)a->nitems;
        ar->rater = raters[q];
        ar->n = (int32_t)n;
        ar->mean = rs / (double)n;
        ar->leniency = ar->mean - it->mean;
        ar->spearman = kh_spearman(x + q * n, cons, n);
        ar->flagged = ar->spearman < 0;
    }
    it->nrater_rows = (int32_t)m;
    free(cons);
    free(x);
out:
    a->nitems++;
    free(raters);
    free(ratees);
    free(full);
}

int kh_concordance_compute(const struct kh_bundle *b, struct kh_concordance *a, struct kh_error *err)
{
    (void)err;
    memset(a, 0, sizeof *a);
    struct counted *c = kh_xcalloc(b->nratings ? (size_t)b->nratings : 1, sizeof *c);
    size_t nc = 0;
    for (int32_t i = 0; i < b->nratings; i++) {
        const struct kh_rating *rt = &b->ratings[i];
        if (kh_isnan(rt->points) || rt->rater < 0)
            continue;
        int32_t g = b->raters[rt->rater].group;
        if (g < 0 || !group_weighted(b, rt, g))
            continue;
        c[nc++] = (struct counted){g, rt->ratee_is_cadre ? 1 : 0, rt->item, rt->rater, rt->ratee,
                                   rt->points};
    }
    qsort(c, nc, sizeof *c, counted_cmp);
    size_t icap = 0, rcap = 0;
    for (size_t i = 0; i < nc;) {
        size_t j = i + 1;
        while (j < nc && c[j].group == c[i].group && c[j].kind == c[i].kind &&
               c[j].item == c[i].item)
            j++;
        do_block(a, c + i, j - i, &icap, &rcap);
        i = j;
    }
    free(c);
    return 0;
}
