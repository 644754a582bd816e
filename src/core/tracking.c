/*
 * tracking.c — progress warnings (SPEC §9.3, §11.21).
 *
 * What it owns: r->warnings, one row per tracking value (period ≠ Y, value
 * present) of a quant leaf that has an approved target for the unit and no
 * transform.
 *
 *   expected = target × share(period)      share: the leaf's `schedule` entry
 *                                           for the period, else Qk → k/4,
 *                                           Mkk → kk/12 (kh_period_share)
 *   ratio    = actual / expected (benefit), expected / actual (cost)
 *   level    = green if ratio ≥ 0.95, yellow if ≥ 0.80, else red
 *
 * Readings (docs/method.md): a cost leaf with actual 0 is green with ratio
 * +∞ (written `inf`), as §11.21 says; a ratio that is 0/0 (nothing expected,
 * nothing done) is green and written empty.  The levels compare the ratio
 * itself, not round2 of it: round2 is the rounding of *scores* (§6), and a
 * ratio of 0.795 is not 80 % of the plan.
 *
 * Row order (§11.24 "input order"): units.csv order, then tree pre-order of
 * the leaf, then chronological order of the period (by its default elapsed
 * share, then its code), then values.csv order.
 */
#include <math.h>
#include <stdlib.h>
#include "kaohe/arena.h"
#include "kaohe/xalloc.h"
#include "core/engine-internal.h"

struct row { int32_t u, pos, period, idx; double share; };

static int cmp_row(const void *a, const void *b)
{
    const struct row *x = a, *y = b;
    if (x->u != y->u)
        return x->u < y->u ? -1 : 1;
    if (x->pos != y->pos)
        return x->pos < y->pos ? -1 : 1;
    if (x->share != y->share)
        return x->share < y->share ? -1 : 1;
    if (x->period != y->period)
        return x->period < y->period ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

static double schedule_share(const struct kh_params *pr, int32_t period)
{
    for (int32_t i = 0; i < pr->nschedule; i++)
        if ((int32_t)pr->schedule[i].x == period)
            return pr->schedule[i].y;
    return kh_period_share(period);
}

void kh__tracking(const struct kh__prep *p, struct kh_results *r)
{
    const struct kh_bundle *b = p->b;
    const int32_t N = p->N;
    double *tgt = NULL;
    struct row *rows = NULL;
    int32_t nrows = 0;

    r->warnings = NULL;
    r->nwarnings = 0;
    for (int32_t i = 0; i < b->nvalues; i++) {
        const struct kh_value *v = &b->values[i];
        const struct kh_node *nd = &b->nodes[v->node];
        if (v->period == KH_PERIOD_Y || kh_isnan(v->value) || nd->kind != KH_KIND_QUANT
            || nd->params.transform != KH_TRANSFORM_NONE)
            continue;
        if (tgt == NULL) {
            size_t UN = (size_t)p->U * N;
            tgt = kh_xmalloc((UN + 1) * sizeof *tgt);
            for (size_t j = 0; j < UN; j++)
                tgt[j] = NAN;
            for (int32_t j = 0; j < b->ntargets; j++) {
                const struct kh_target *t = &b->targets[j];
                if (t->status == KH_TARGET_APPROVED)
                    tgt[(size_t)t->unit * N + t->node] = t->target;
            }
            rows = kh_xmalloc(((size_t)b->nvalues + 1) * sizeof *rows);
        }
        if (kh_isnan(tgt[(size_t)v->unit * N + v->node]))
            continue;
        rows[nrows].u = v->unit;
        rows[nrows].pos = p->pre_pos[v->node];
        rows[nrows].period = v->period;
        rows[nrows].share = kh_period_share(v->period);
        rows[nrows].idx = i;
        nrows++;
    }
    if (nrows > 0) {
        qsort(rows, (size_t)nrows, sizeof *rows, cmp_row);
        r->warnings = kh_arena_calloc(&r->arena, (size_t)nrows, sizeof *r->warnings);
        for (int32_t k = 0; k < nrows; k++) {
            const struct kh_value *v = &b->values[rows[k].idx];
            const struct kh_node *nd = &b->nodes[v->node];
            struct kh_warning *w = &r->warnings[k];
            double ratio;
            w->unit = v->unit;
            w->node = v->node;
            w->period = v->period;
            w->expected = tgt[(size_t)v->unit * N + v->node] * schedule_share(&nd->params, v->period);
            w->actual = v->value;
            if (nd->direction == KH_COST)
                ratio = w->actual == 0.0 ? HUGE_VAL : w->expected / w->actual;
            else
                ratio = w->actual / w->expected;
            w->ratio = ratio;
            w->level = kh_isnan(ratio) || ratio >= 0.95 ? 0 : ratio >= 0.80 ? 1 : 2;
        }
        r->nwarnings = nrows;
    }
    free(tgt);
    free(rows);
}
