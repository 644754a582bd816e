/*
 * cadres.c — leading cadres (SPEC §7, §11.20, §11.27).
 *
 * What it owns: struct kh_cadre_result of every cadre.
 *
 *   team        the unit's composite, unrounded (§11.20)
 *   duty        Σ ω_k·s_k / Σ ω_k over the cadre's responsibility nodes, ω_k
 *               the node's weight_global for the unit; point leaves and
 *               nodes without a score are skipped, a node listed twice counts
 *               once.  Nothing left → w_duty is folded into w_team and duty is
 *               empty (duty_folded).
 *   evaluation  Σ w_d·s_d / Σ w_d over the position's dimensions that have a
 *               score (each scored like a qual leaf: ratings.c); none → 0 and
 *               missing:evaluation
 *   score       w_team·team + w_duty·duty + w_eval·evaluation − penalty
 *               (individual penalties, not capped; cadre bonuses ignored)
 *
 * Grades (§7, §11.18–§11.20): thresholds on round2(score), then caps by
 * position in the grade lists — a principal of a team graded 3rd is at most
 * 2nd, of a team graded 4th or lower at most 3rd; a deputy with a triggered
 * veto at or under one of its responsibility nodes (resp_veto) is not top;
 * an individual veto sends the cadre to the bottom grade.  The top-grade
 * quota is per district (every cadre of the district counts in n, no minimum
 * place), capped cadres are no candidates (kh__grade_group).
 *
 * Vote flags (§11.20), exact integers over every counted non-abstaining
 * level vote: 3·(优秀 + 称职) < 2·total → vote_caution; 3·不称职 > total →
 * vote_review.  Shown only, never applied.
 */
#include <math.h>
#include <stdlib.h>
#include "kaohe/round2.h"
#include "kaohe/xalloc.h"
#include "core/engine-internal.h"

/* Does a triggered veto leaf of unit u lie at or under a responsibility node
 * of cadre c?  Subtrees are pre-order ranges. */
static bool resp_veto(const struct kh__prep *p, const struct kh_cadre *cd, int32_t u)
{
    const struct kh_bundle *b = p->b;
    for (int32_t i = 0; i < p->N; i++) {
        int32_t v = b->preorder[i];
        if (b->nodes[v].kind != KH_KIND_VETO || !(p->points[(size_t)u * p->N + v] > 0))
            continue;
        for (int32_t k = 0; k < cd->nresp; k++) {
            int32_t r = cd->resp[k];
            if (i >= p->pre_pos[r] && i < p->pre_end[r])
                return true;
        }
    }
    return false;
}

void kh__cadres(const struct kh__prep *p, const struct kh_results *r,
                struct kh_cadre_result *out)
{
    const struct kh_bundle *b = p->b;
    const int32_t K = p->K, N = p->N, D = p->D;
    const struct kh_grades *cg = &b->cycle.cadre_grades;
    const int32_t cbottom = cg->n > 0 ? cg->n - 1 : 0;
    int32_t *stamp = kh_xmalloc(((size_t)N + 1) * sizeof *stamp);
    double *rounded = kh_xmalloc(((size_t)K + 1) * sizeof *rounded);
    int32_t *cap = kh_xcalloc((size_t)K + 1, sizeof *cap);
    uint8_t *force = kh_xcalloc((size_t)K + 1, 1);
    int32_t *tg = kh_xmalloc(((size_t)K + 1) * sizeof *tg);
    int32_t *gr = kh_xmalloc(((size_t)K + 1) * sizeof *gr);
    int32_t *ex = kh_xmalloc(((size_t)K + 1) * sizeof *ex);
    const int32_t ND = b->ndistricts + 1;          /* last bucket: no district index */
    int32_t *dstart = kh_xcalloc((size_t)ND + 1, sizeof *dstart);
    int32_t *dmem = kh_xmalloc(((size_t)K + 1) * sizeof *dmem);

    for (int32_t n = 0; n < N; n++)
        stamp[n] = -1;
    for (int32_t c = 0; c < K; c++) {
        const struct kh_cadre *cd = &b->cadres[c];
        const struct kh_position *ps = &b->positions[cd->position];
        const int32_t u = cd->unit;
        struct kh_cadre_result *o = &out[c];
        double num = 0.0, den = 0.0, wt;

        o->team = r->units[u].composite;
        for (int32_t k = 0; k < cd->nresp; k++) {
            int32_t n = cd->resp[k];
            const struct kh_node_result *nr = kh_results_node(r, u, n);
            if (stamp[n] == c || kh_kind_is_points(b->nodes[n].kind)
                || !(nr->flags & KH_NR_HAS_SCORE))
                continue;
            stamp[n] = c;
            num += nr->weight_global * nr->score;
            den += nr->weight_global;
        }
        o->duty_folded = !(den > 0);
        o->duty = o->duty_folded ? NAN : num / den;

        num = den = 0.0;
        for (int32_t k = 0; k < ps->ndims; k++) {
            int32_t d = ps->dims[k].idx;
            double s = (d >= 0 && d < D) ? p->cadre_dim[(size_t)c * D + d] : NAN;
            if (ps->dims[k].w > 0 && !kh_isnan(s)) {
                num += ps->dims[k].w * s;
                den += ps->dims[k].w;
            }
        }
        o->missing_evaluation = !(den > 0);
        o->evaluation = den > 0 ? num / den : 0.0;
        o->penalty = p->cadre_penalty[c];

        if (o->duty_folded) {
            wt = ps->w_team + ps->w_duty;
            o->score = wt * o->team + ps->w_eval * o->evaluation - o->penalty;
        } else {
            o->score = ps->w_team * o->team + ps->w_duty * o->duty + ps->w_eval * o->evaluation
                       - o->penalty;
        }
        o->rounded = kh_round2(o->score);
        rounded[c] = o->rounded;

        o->unit_vetoed = r->units[u].vetoed;
        o->resp_veto = resp_veto(p, cd, u);
        o->own_veto = p->cadre_veto[c] != 0;
        o->vote_caution = 3 * (int64_t)p->vote_good[c] < 2 * (int64_t)p->vote_total[c];
        o->vote_review = 3 * (int64_t)p->vote_bad[c] > (int64_t)p->vote_total[c];

        if (ps->principal) {
            int32_t t = r->units[u].grade;
            if (t == 2)
                cap[c] = 1;
            else if (t >= 3)
                cap[c] = 2;
        } else if (o->resp_veto) {
            cap[c] = 1;
        }
        if (cap[c] > cbottom)
            cap[c] = cbottom;
        force[c] = o->own_veto;

        {
            int32_t dd = b->units[u].district;
            dstart[(dd >= 0 && dd < b->ndistricts ? dd : ND - 1) + 1]++;
        }
    }

    /* group by district, cadre input order inside */
    for (int32_t d = 0; d < ND; d++)
        dstart[d + 1] += dstart[d];
    {
        int32_t *fill = kh_xmalloc(((size_t)ND + 1) * sizeof *fill);
        for (int32_t d = 0; d <= ND; d++)
            fill[d] = dstart[d];
        for (int32_t c = 0; c < K; c++) {
            int32_t dd = b->units[b->cadres[c].unit].district;
            dmem[fill[dd >= 0 && dd < b->ndistricts ? dd : ND - 1]++] = c;
        }
        free(fill);
    }
    for (int32_t d = 0; d < ND; d++) {
        int32_t lo = dstart[d], n = dstart[d + 1] - lo;
        if (n == 0)
            continue;
        kh__grade_group(cg, b->cycle.cadre_top_quota, false, n, dmem + lo, rounded, cap, force,
                        tg, gr, ex);
    }
    for (int32_t c = 0; c < K; c++) {
        out[c].threshold_grade = tg[c];
        out[c].grade = gr[c];
        out[c].quota_exceeded = ex[c];
    }

    free(stamp);
    free(rounded);
    free(cap);
    free(force);
    free(tg);
    free(gr);
    free(ex);
    free(dstart);
    free(dmem);
}
