/*
 * rank-grade.c — ranks, threshold grades, top-grade quotas and the veto cap
 * (SPEC §6, §11.18, §11.19); the quota routine is shared with cadres (§7).
 *
 * What it owns: rank_category, rank_overall, threshold_grade, grade and
 * quota_exceeded of every unit.
 *
 * Every decision compares round2 values (§6): ranks are standard competition
 * ranks (1, 2, 2, 4) of round2(composite), descending, within the category
 * and overall; a threshold grade is the first grade i (of the list ordered by
 * decreasing threshold) with round2 ≥ threshold_i, else the implied bottom
 * grade.
 *
 * Quota (§11.18): places = floor(quota·n + 1e-9), n = every member of the
 * group (units of the category; cadres of the district) including vetoed and
 * capped ones; teams get at least 1 place, cadres no minimum.  Candidates are
 * the uncapped members whose threshold grade is the top grade, in order of
 * round2.  If there are more candidates than places, the round2 of the last
 * candidate inside the quota is the boundary: candidates at the boundary or
 * above keep the top grade, the rest get the next grade.  N = keepers − places;
 * when N > 0 every top-grade member of the group carries quota_exceeded:N.
 *
 * Veto (§6, §11.19): a vetoed unit keeps its rank; its grade is the lower of
 * its threshold grade and veto_cap, and never the top grade.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/quota.h"
#include "kaohe/xalloc.h"
#include "core/engine-internal.h"

int32_t kh__threshold_grade(const struct kh_grades *g, double rounded)
{
    for (int32_t i = 0; i + 1 < g->n; i++)
        if (rounded >= g->thresholds[i])
            return i;
    return g->n > 0 ? g->n - 1 : 0;
}

struct cand { double r; int32_t i; };

static int cmp_cand(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->r != y->r)
        return x->r < y->r ? 1 : -1;
    return (x->i > y->i) - (x->i < y->i);
}

void kh__grade_group(const struct kh_grades *g, double quota, bool at_least_one, int32_t n,
                     const int32_t *members, const double *rounded, const int32_t *cap,
                     const uint8_t *force_bottom, int32_t *tgrade, int32_t *grade,
                     int32_t *exceeded)
{
    const int32_t bottom = g->n > 0 ? g->n - 1 : 0;
    const int32_t next = bottom < 1 ? bottom : 1;
    struct cand *cd = kh_xmalloc(((size_t)n + 1) * sizeof *cd);
    int32_t nc = 0, places, over = 0;

    for (int32_t k = 0; k < n; k++) {
        int32_t i = members[k];
        int32_t tg = kh__threshold_grade(g, rounded[i]);
        bool forced = force_bottom && force_bottom[i];
        int32_t gr = tg > cap[i] ? tg : cap[i];
        tgrade[i] = tg;
        grade[i] = forced ? bottom : gr;
        exceeded[i] = 0;
        if (tg == 0 && cap[i] == 0 && !forced) {
            cd[nc].r = rounded[i];
            cd[nc].i = i;
            nc++;
        }
    }
    places = kh_top_grade_places(quota, n, at_least_one);
    if (nc > places) {
        int32_t keep = 0;
        bool sorted = true;
        for (int32_t k = 1; k < nc && sorted; k++)
            sorted = cmp_cand(&cd[k - 1], &cd[k]) <= 0;
        if (!sorted)          /* units arrive best first; cadres may not */
            qsort(cd, (size_t)nc, sizeof *cd, cmp_cand);
        if (places > 0) {
            double boundary = cd[places - 1].r;
            while (keep < nc && cd[keep].r >= boundary)
                keep++;
        }
        for (int32_t k = keep; k < nc; k++)
            grade[cd[k].i] = next;
        over = keep - places;
    }
    if (over > 0)
        for (int32_t k = 0; k < n; k++)
            if (grade[members[k]] == 0)
                exceeded[members[k]] = over;
    free(cd);
}

/* A key whose ascending unsigned order is the descending order of x
 * (-0 counts as +0; no NaN reaches here). */
static uint64_t desc_key(double x)
{
    uint64_t k;
    if (x == 0.0)
        x = 0.0;
    memcpy(&k, &x, sizeof k);
    k = (k >> 63) ? ~k : (k | 0x8000000000000000ull);
    return ~k;
}

/*
 * order[0..n) = 0..n-1 sorted by x descending, ties by index: an LSD radix
 * sort on 16-bit digits (stable, so ties keep index order), skipping digits
 * that every key shares.  O(n) per pass, at most four passes; this replaces
 * three comparison sorts per ranking and matters when ranking runs 1,000
 * times (engine-internal.h).
 */
static void order_desc(const double *x, int32_t n, int32_t *order)
{
    uint64_t *key = kh_xmalloc(((size_t)n + 1) * sizeof *key);
    uint64_t *key2 = kh_xmalloc(((size_t)n + 1) * sizeof *key2);
    int32_t *tmp = kh_xmalloc(((size_t)n + 1) * sizeof *tmp);
    uint32_t *cnt = kh_xmalloc(65537 * sizeof *cnt);

    for (int32_t i = 0; i < n; i++) {
        key[i] = desc_key(x[i]);
        order[i] = i;
    }
    for (int shift = 0; shift < 64; shift += 16) {
        uint32_t d0;
        bool same = true;
        if (n == 0)
            break;
        d0 = (uint32_t)(key[0] >> shift) & 0xffff;
        for (int32_t i = 1; i < n && same; i++)
            same = ((uint32_t)(key[i] >> shift) & 0xffff) == d0;
        if (same)
            continue;
        memset(cnt, 0, 65537 * sizeof *cnt);
        for (int32_t i = 0; i < n; i++)
            cnt[((key[i] >> shift) & 0xffff) + 1]++;
        for (int d = 0; d < 65536; d++)
            cnt[d + 1] += cnt[d];
        for (int32_t i = 0; i < n; i++) {
            uint32_t at = cnt[(key[i] >> shift) & 0xffff]++;
            key2[at] = key[i];
            tmp[at] = order[i];
        }
        memcpy(key, key2, (size_t)n * sizeof *key);
        memcpy(order, tmp, (size_t)n * sizeof *order);
    }
    free(key);
    free(key2);
    free(tmp);
    free(cnt);
}

void kh__rank_grade(const struct kh__prep *p, struct kh_unit_result *units)
{
    const struct kh_bundle *b = p->b;
    const int32_t U = p->U, C = p->C;
    int32_t *order = kh_xmalloc(((size_t)U + 1) * sizeof *order);
    int32_t *bycat = kh_xmalloc(((size_t)U + 1) * sizeof *bycat);
    int32_t *fill = kh_xmalloc(((size_t)C + 1) * sizeof *fill);
    double *rounded = kh_xmalloc(((size_t)U + 1) * sizeof *rounded);
    int32_t *cap = kh_xmalloc(((size_t)U + 1) * sizeof *cap);
    int32_t *tg = kh_xmalloc(((size_t)U + 1) * sizeof *tg);
    int32_t *gr = kh_xmalloc(((size_t)U + 1) * sizeof *gr);
    int32_t *ex = kh_xmalloc(((size_t)U + 1) * sizeof *ex);
    int32_t vcap = b->cycle.veto_cap < 1 ? 1 : b->cycle.veto_cap;

    if (b->cycle.team_grades.n > 0 && vcap > b->cycle.team_grades.n - 1)
        vcap = b->cycle.team_grades.n - 1;
    for (int32_t u = 0; u < U; u++) {
        rounded[u] = units[u].rounded;
        cap[u] = units[u].vetoed ? vcap : 0;
    }
    order_desc(rounded, U, order);

    /* overall competition ranks */
    for (int32_t k = 0; k < U; k++) {
        int32_t u = order[k];
        units[u].rank_overall = (k > 0 && rounded[u] == rounded[order[k - 1]])
                                ? units[order[k - 1]].rank_overall : k + 1;
    }
    /* the same order split by category (a stable bucket pass): members of
     * each category best first, which is also the candidates' order */
    for (int32_t c = 0; c < C; c++)
        fill[c] = p->cat_start[c];
    for (int32_t k = 0; k < U; k++) {
        int32_t u = order[k];
        bycat[fill[b->units[u].category]++] = u;
    }
    for (int32_t c = 0; c < C; c++) {
        int32_t lo = p->cat_start[c], n = p->cat_start[c + 1] - lo;
        const int32_t *m = bycat + lo;
        for (int32_t k = 0; k < n; k++)
            units[m[k]].rank_category = (k > 0 && rounded[m[k]] == rounded[m[k - 1]])
                                        ? units[m[k - 1]].rank_category : k + 1;
        kh__grade_group(&b->cycle.team_grades, b->cycle.team_top_quota, true, n, m, rounded,
                        cap, NULL, tg, gr, ex);
        for (int32_t k = 0; k < n; k++) {
            int32_t u = m[k];
            units[u].threshold_grade = tg[u];
            units[u].grade = gr[u];
            units[u].quota_exceeded = ex[u];
        }
    }
    free(order);
    free(bycat);
    free(fill);
    free(rounded);
    free(cap);
    free(tg);
    free(gr);
    free(ex);
}
