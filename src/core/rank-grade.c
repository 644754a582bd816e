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
#include "kaohe/xalloc.h"
#include "core/engine-internal.h"
#include "core/population.h"

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
    places = (int32_t)floor(quota * (double)n + 1e-9);
    if (at_least_one && places < 1)
        places = 1;
    if (nc > places) {
        int32_t keep = 0;
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

void kh__rank_grade(const struct kh__prep *p, struct kh_unit_result *units)
{
    const struct kh_bundle *b = p->b;
    const int32_t U = p->U;
    struct kh__popitem *it = kh_xmalloc(((size_t)U + 1) * sizeof *it);
    int32_t *rank = kh_xmalloc(((size_t)U + 1) * sizeof *rank);
    double *rounded = kh_xmalloc(((size_t)U + 1) * sizeof *rounded);
    int32_t *cap = kh_xmalloc(((size_t)U + 1) * sizeof *cap);
    int32_t *tg = kh_xmalloc(((size_t)U + 1) * sizeof *tg);
    int32_t *gr = kh_xmalloc(((size_t)U + 1) * sizeof *gr);
    int32_t *ex = kh_xmalloc(((size_t)U + 1) * sizeof *ex);
    int32_t vcap = b->cycle.veto_cap < 1 ? 1 : b->cycle.veto_cap;

    if (b->cycle.team_grades.n > 0 && vcap > b->cycle.team_grades.n - 1)
        vcap = b->cycle.team_grades.n - 1;
    for (int32_t u = 0; u < U; u++) {
        it[u].x = units[u].rounded;
        it[u].u = u;
        rounded[u] = units[u].rounded;
        cap[u] = units[u].vetoed ? vcap : 0;
    }
    kh__competition_rank(it, U, true, rank);
    for (int32_t u = 0; u < U; u++)
        units[u].rank_overall = rank[u];

    for (int32_t c = 0; c < p->C; c++) {
        int32_t lo = p->cat_start[c], n = p->cat_start[c + 1] - lo;
        for (int32_t k = 0; k < n; k++) {
            int32_t u = p->cat_units[lo + k];
            it[k].x = units[u].rounded;
            it[k].u = u;
        }
        kh__competition_rank(it, n, true, rank);
        kh__grade_group(&b->cycle.team_grades, b->cycle.team_top_quota, true, n,
                        p->cat_units + lo, rounded, cap, NULL, tg, gr, ex);
        for (int32_t k = 0; k < n; k++) {
            int32_t u = p->cat_units[lo + k];
            units[u].rank_category = rank[u];
            units[u].threshold_grade = tg[u];
            units[u].grade = gr[u];
            units[u].quota_exceeded = ex[u];
        }
    }
    free(it);
    free(rank);
    free(rounded);
    free(cap);
    free(tg);
    free(gr);
    free(ex);
}
