/*
 * transform.c — year-end values, approved targets and transforms (SPEC §3, §11.10).
 *
 * What it owns: filling p->value[u*N + leaf] with the *transformed* x of
 * every quant leaf (the value a method scores and the `value` column of
 * results_nodes, §11.22) and p->target with the approved target of
 * target-method leaves.
 *
 *   growth               x := 100·(v − b)/|b|,  b = the unit's baseline (targets.csv, any status)
 *   per_capita / ratio   x := v / d,            d = raw year-end value of the denominator leaf
 *
 * Invariants: only period Y feeds scoring (tracking values are tracking.c's);
 * a missing v, or a missing denominator value, gives a missing x (NaN) that
 * the leaf's missing policy handles.  A present v with a missing or zero
 * baseline, or a zero denominator, is a data error: validation rejects such
 * bundles, and the engine reports KH_EDATA rather than score it silently.
 */
#include <math.h>
#include <stdlib.h>
#include "kaohe/error.h"
#include "kaohe/xalloc.h"
#include "kaohe/msg-core.h"
#include "core/engine-internal.h"

int kh__transform(struct kh__prep *p, struct kh_error *err)
{
    const struct kh_bundle *b = p->b;
    const int32_t N = p->N;
    const size_t UN = (size_t)p->U * (size_t)N;
    double *raw = kh_xmalloc(UN * sizeof *raw);
    double *base = NULL;
    int rc = 0;

    for (size_t i = 0; i < UN; i++)
        raw[i] = NAN;
    for (int32_t i = 0; i < b->nvalues; i++) {
        const struct kh_value *v = &b->values[i];
        if (v->period == KH_PERIOD_Y)
            raw[(size_t)v->unit * N + v->node] = v->value;
    }
    for (int32_t i = 0; i < b->ntargets; i++) {
        const struct kh_target *t = &b->targets[i];
        size_t at = (size_t)t->unit * N + t->node;
        if (b->nodes[t->node].params.transform == KH_TRANSFORM_GROWTH) {
            if (base == NULL) {
                base = kh_xmalloc(UN * sizeof *base);
                for (size_t j = 0; j < UN; j++)
                    base[j] = NAN;
            }
            base[at] = t->baseline;
        }
        if (t->status == KH_TARGET_APPROVED && b->nodes[t->node].method == KH_METHOD_TARGET)
            p->target[at] = t->target;
    }

    for (int32_t n = 0; n < N; n++) {
        const struct kh_node *node = &b->nodes[n];
        if (node->kind != KH_KIND_QUANT)
            continue;
        for (int32_t u = 0; u < p->U; u++) {
            size_t at = (size_t)u * N + n;
            double x = raw[at];
            if (kh_isnan(x))
                continue;
            switch (node->params.transform) {
            case KH_TRANSFORM_GROWTH: {
                double bl = base ? base[at] : NAN;
                if (kh_isnan(bl) || bl == 0.0) {
                    rc = KH_ERR_AT(err, KH_EDATA, "targets.csv", 0, "baseline", TRANSFORM_BASELINE, b->units[u].code, node->code);
                    goto out;
                }
                x = 100.0 * (x - bl) / fabs(bl);
                break;
            }
            case KH_TRANSFORM_PER_CAPITA:
            case KH_TRANSFORM_RATIO: {
                double d = node->params.denominator >= 0
                           ? raw[(size_t)u * N + node->params.denominator] : NAN;
                if (d == 0.0) {
                    rc = KH_ERR_AT(err, KH_EDATA, "values.csv", 0, "value", TRANSFORM_DENOMINATOR, b->units[u].code, node->code);
                    goto out;
                }
                x = x / d;   /* NaN when the denominator is missing */
                break;
            }
            case KH_TRANSFORM_NONE:
                break;
            }
            p->value[at] = x;
            if (!kh_isnan(x))
                p->lflags[at] |= KH__LF_HAS_VALUE;
        }
    }
out:
    free(raw);
    free(base);
    return rc;
}
