/*
 * bench-engine.c — the engine at the size the brief asks for: 40,000 units,
 * 30 leaves, ten million ratings, eight million survey answers; then 1,000
 * re-aggregations through the split API (engine-internal.h).
 *
 * Build (not part of ctest):
 *   cc -O2 -ffp-contract=off -Iinclude -Isrc -Itests/unit bench/bench-engine.c \
 *      build/libkaohe_lib.a -lm -o build/bench-engine
 */
#include <stdio.h>
#include <time.h>
#include "kaohe/engine.h"
#include "core/engine-internal.h"
#include "hand-bundle.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static uint64_t rng = 88172645463325252ull;
static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)rng;
}

int main(void)
{
    enum { U = 40000, NL = 30, NQ = 5, NR = 10000000, NA = 8000000, NRATERS = 2000 };
    static const double w4[] = {1, 2, 1, 3};
    struct kh_bundle b;
    struct kh_results r;
    int32_t dims[3], leaves[NL], g[4];
    double t0;

    hb_init(&b, 4);
    for (int d = 0; d < 3; d++) {
        static const char *dc[] = {"A", "B", "C"};
        dims[d] = hb_node(&b, dc[d], -1, KH_KIND_NODE, KH_METHOD_NONE, KH_BENEFIT, w4);
    }
    for (int l = 0; l < NL; l++) {
        static char codes[NL][8];
        snprintf(codes[l], sizeof codes[l], "L%02d", l);
        enum kh_node_kind k = l < NQ ? KH_KIND_QUAL : l == NQ ? KH_KIND_SURVEY : KH_KIND_QUANT;
        static const enum kh_method ms[] = {KH_METHOD_MINMAX, KH_METHOD_ZSCORE, KH_METHOD_RANK,
                                            KH_METHOD_EFFICACY, KH_METHOD_BANDS};
        leaves[l] = hb_node(&b, codes[l], dims[l % 3], k, k == KH_KIND_QUANT ? ms[l % 5] : KH_METHOD_NONE,
                            l % 4 ? KH_BENEFIT : KH_COST, w4);
        b.nodes[leaves[l]].params.lo.kind = KH_BOUND_POP_MIN;
        b.nodes[leaves[l]].params.hi.kind = KH_BOUND_POP_MAX;
        b.nodes[leaves[l]].params.xs.kind = KH_BOUND_POP_MIN;
        b.nodes[leaves[l]].params.xh.kind = KH_BOUND_POP_MAX;
    }
    hb_finish(&b);
    for (int i = 0; i < 4; i++) {
        static const char *gc[] = {"g1", "g2", "g3", "g4"};
        g[i] = hb_group(&b, gc[i], (enum kh_combine)(i % 3));
    }
    for (int l = 0; l < NQ; l++) {
        static const double gw[] = {0.4, 0.3, 0.2, 0.1};
        hb_node_raters(&b, leaves[l], 4, g, gw);
    }
    for (int i = 0; i < NRATERS; i++)
        hb_rater(&b, "R", g[i % 4]);
    for (int u = 0; u < U; u++)
        hb_unit(&b, "T", u % 4, u % 3);
    b.values = kh_xmalloc((size_t)U * NL * sizeof *b.values);
    for (int u = 0; u < U; u++)
        for (int l = NQ + 1; l < NL; l++)
            if (rnd() % 50) {
                struct kh_value *v = &b.values[b.nvalues++];
                v->unit = u;
                v->node = leaves[l];
                v->period = KH_PERIOD_Y;
                v->value = (double)(rnd() % 10000) / 7.0;
                v->source = "";
            }
    b.ratings = kh_xmalloc((size_t)NR * sizeof *b.ratings);
    for (int i = 0; i < NR; i++) {
        struct kh_rating *rt = &b.ratings[b.nratings++];
        rt->rater = (int32_t)(rnd() % NRATERS);
        rt->ratee = (int32_t)(rnd() % U);
        rt->item = leaves[rnd() % NQ];
        rt->level = -1;
        rt->points = (double)(rnd() % 101);
    }
    b.cycle.rater_correction = true;
    {
        static const char *lv[] = {"满意", "基本满意", "不满意"};
        static const double pt[] = {100, 75, 55};
        hb_scale(&b, "survey", 3, lv, pt);
    }
    for (int i = 0; i < 5; i++) {
        struct kh_survey_item *it = HB_PUSH(b.items, b.nitems);
        it->code = it->text = "S";
        it->weight = 1 + i;
        it->scale = 0;
    }
    b.responses = kh_xmalloc((size_t)(NA / 5) * sizeof *b.responses);
    b.answers = kh_xmalloc((size_t)NA * sizeof *b.answers);
    for (int i = 0; i < NA / 5; i++) {
        struct kh_response *rs = &b.responses[b.nresponses++];
        rs->code = "R";
        rs->unit = (int32_t)(rnd() % U);
        rs->channel = -1;
        for (int k = 0; k < 5; k++) {
            struct kh_answer *a = &b.answers[b.nanswers++];
            a->response = i;
            a->item = k;
            a->level = (int16_t)(rnd() % 3);
            a->points = b.scales[0].levels[a->level].points;
        }
    }

    t0 = now();
    if (kh_engine_run(&b, NULL, &r, NULL) != 0)
        return 1;
    printf("kh_engine_run: %.2f s (units %d, ratings %d, answers %d)\n", now() - t0, U, NR, NA);
    kh_results_release(&r);

    {
        struct kh__prep p;
        struct kh_unit_result *ur = kh_xcalloc(U, sizeof *ur);
        double *W = kh__weights_from_bundle(&b, NULL);
        t0 = now();
        kh__prep_build(&b, &p, NULL);
        printf("prep: %.2f s\n", now() - t0);
        double ta = 0, tr = 0;
        t0 = now();
        for (int run = 0; run < 1000; run++) {
            for (int i = 0; i < b.nnodes * b.ncategories; i++)
                W[i] = b.nodes[i % b.nnodes].weights[0] * (0.8 + 0.4 * (rnd() / 4294967296.0));
            double t1 = now();
            kh__aggregate(&p, W, ur, NULL);
            ta += now() - t1;
            t1 = now();
            kh__rank_grade(&p, ur);
            tr += now() - t1;
        }
        printf("aggregate %.2f s, rank+grade %.2f s\n", ta, tr);
        printf("1000 × aggregate+rank: %.2f s\n", now() - t0);
        free(W);
        free(ur);
        kh__prep_release(&p);
    }
    kh_bundle_release(&b);
    return 0;
}
