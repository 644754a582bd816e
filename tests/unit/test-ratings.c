/* test-ratings.c — combination, min_raters, abstentions, rater-bias correction (SPEC §4, §11.15). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>
#include "core/ratings.h"
#include "engine-fixture.h"
#include "hand-bundle.h"

static void test_combine(void **state)
{
    (void)state;
    double t5[] = {100, 100, 80, 60, 0};           /* exactly 5: drop one 100 and the 0 */
    double t4[] = {80, 80, 60, 100};               /* n < 5: plain mean */
    double t6[] = {0, 100, 50, 50, 100, 0};        /* drop one 0 and one 100 → (0+50+50+100)/4 */
    double m4[] = {100, 60, 0, 80};                /* median of even count: (60 + 80)/2 */
    double m3[] = {100, 60, 0};
    double mean[] = {100, 100, 60};
    NEAR(kh_rating_combine(t5, 5, KH_COMBINE_TRIMMED), 80);
    NEAR(kh_rating_combine(t4, 4, KH_COMBINE_TRIMMED), 80);
    NEAR(kh_rating_combine(t6, 6, KH_COMBINE_TRIMMED), 50);
    NEAR(kh_rating_combine(m4, 4, KH_COMBINE_MEDIAN), 70);
    NEAR(kh_rating_combine(m3, 3, KH_COMBINE_MEDIAN), 60);
    NEAR(kh_rating_combine(mean, 3, KH_COMBINE_MEAN), 260.0 / 3);
    assert_true(isnan(kh_rating_combine(mean, 0, KH_COMBINE_MEAN)));
}

static void test_correct(void **state)
{
    (void)state;
    double M = 76.25, D = sqrt(1187.5 / 8), d = sqrt(200.0 / 3);
    NEAR(kh_rating_correct(90, 80, d, M, D), 76.25 + 10 * D / d);     /* 91.17167… */
    NEAR(kh_rating_correct(70, 70, 0, M, D), 76.25);                  /* d_j = 0 → M + (x − m) */
    NEAR(kh_rating_correct(100, 60, 0, 80, 10), 100);                 /* clamp high */
    NEAR(kh_rating_correct(0, 90, 1, 20, 10), 0);                     /* clamp low */
}

/* Golden 04: min_raters 3, abstentions, trimmed/mean/median per group. */
static void test_golden04(void **state)
{
    (void)state;
    struct kh_bundle b;
    struct kh_results r;
    fx_run("04-ratings", &b, &r);
    int32_t q1 = fx_node(&b, "A1.01"), q2 = fx_node(&b, "A1.02");
    NEAR(kh_results_node(&r, 0, q1)->value, 80);    /* only the panel counts (trimmed of 5) */
    NEAR(kh_results_node(&r, 1, q1)->value, 78);    /* 0.5·80 + 0.3·86.67 + 0.2·60 */
    assert_true(isnan(kh_results_node(&r, 2, q1)->value));       /* 2 ratings < 3 */
    NEAR(kh_results_node(&r, 2, q1)->score, 0);
    assert_true(kh_results_node(&r, 2, q1)->flags & KH_NR_MISSING);
    NEAR(kh_results_node(&r, 1, q2)->value, 70);
    NEAR(r.units[2].base, 25);
    assert_string_equal(r.unit_flags[2], "missing:A1.01");
    kh_results_release(&r);
    kh_bundle_release(&b);
}

/* Golden 08: correction with d_j = 0 and a rater below 3 ratees (pooled anyway). */
static void test_golden08(void **state)
{
    (void)state;
    struct kh_bundle b;
    struct kh_results r;
    fx_run("08-rater-correction", &b, &r);
    int32_t q = fx_node(&b, "A1.01");
    double M = 76.25, D = sqrt(1187.5 / 8), d = sqrt(200.0 / 3);
    double p1[3] = {M + 10 * D / d, M, M - 10 * D / d};
    NEAR(kh_results_node(&r, 0, q)->value, (p1[0] + M + 60) / 3);
    NEAR(kh_results_node(&r, 0, q)->value, 75.807223494297219);
    NEAR(kh_results_node(&r, 1, q)->value, (M + M + 100) / 3);
    NEAR(kh_results_node(&r, 2, q)->value, (p1[2] + M) / 2);
    /* raw kept beside corrected */
    NEAR(kh_results_node(&r, 0, q)->raw_value, (90 + 70 + 60) / 3.0);
    NEAR(kh_results_node(&r, 2, q)->raw_value, 70);
    kh_results_release(&r);
    kh_bundle_release(&b);
}

/* Correction uses all a rater's counted ratings, units *and* cadres: P1 rates
 * 2 units and 1 cadre → 3 distinct ratees → corrected. */
static void test_correction_units_and_cadres(void **state)
{
    (void)state;
    struct kh_bundle b;
    struct kh_results r;
    static const double w1[] = {1};
    static const char *lv[] = {"优秀", "称职", "基本称职", "不称职"};
    static const double pt[] = {100, 80, 60, 0};
    int32_t A, Q, g, P1, P2;
    hb_init(&b, 1);
    b.cycle.rater_correction = true;
    b.cycle.min_raters = 1;
    A = hb_node(&b, "A", -1, KH_KIND_NODE, KH_METHOD_NONE, KH_BENEFIT, w1);
    Q = hb_node(&b, "A.01", A, KH_KIND_QUAL, KH_METHOD_NONE, KH_BENEFIT, w1);
    hb_finish(&b);
    hb_scale(&b, "cadre", 4, lv, pt);
    g = hb_group(&b, "panel", KH_COMBINE_MEAN);
    hb_node_raters(&b, Q, 1, &g, w1);
    P1 = hb_rater(&b, "P1", g);
    P2 = hb_rater(&b, "P2", g);
    hb_unit(&b, "T1", 0, 0);
    hb_unit(&b, "T2", 0, 0);
    const char **dm = HB_PUSH(b.dims, b.ndims);
    *dm = "德";
    struct kh_position *ps = HB_PUSH(b.positions, b.npositions);
    ps->code = "SJ";
    ps->principal = true;
    ps->w_team = 0.5;
    ps->w_eval = 0.5;
    ps->dims = kh_arena_calloc(&b.arena, 1, sizeof *ps->dims);
    ps->dims[0].w = 1;
    ps->ndims = 1;
    ps->groups = kh_arena_calloc(&b.arena, 1, sizeof *ps->groups);
    ps->groups[0].idx = g;
    ps->groups[0].w = 1;
    ps->ngroups = 1;
    struct kh_cadre *cd = HB_PUSH(b.cadres, b.ncadres);
    cd->code = "C1";
    cd->unit = 0;
    hb_rating(&b, P1, 0, false, Q, -1, 90);
    hb_rating(&b, P1, 1, false, Q, -1, 70);
    hb_rating(&b, P1, 0, true, 0, 1, 80);
    hb_rating(&b, P2, 0, false, Q, -1, 50);
    hb_rating(&b, P2, 1, false, Q, -1, 50);
    hb_rating(&b, P2, 0, true, 0, 3, 0);          /* 不称职: vote_review (1 of 2 > 1/3) */
    assert_int_equal(kh_engine_run(&b, NULL, &r, NULL), 0);
    /* pool: 90 70 80 50 50 0 → M = 340/6; P1: m 80, d √(200/3); P2: m 100/3 */
    double M = 340.0 / 6, D, ss = 0, pool[] = {90, 70, 80, 50, 50, 0};
    for (int i = 0; i < 6; i++)
        ss += (pool[i] - M) * (pool[i] - M);
    D = sqrt(ss / 6);
    double d1 = sqrt(200.0 / 3), m2 = 100.0 / 3, d2 = sqrt((2 * (50 - m2) * (50 - m2) + m2 * m2) / 3);
    NEAR(kh_results_node(&r, 0, Q)->value,
         (kh_rating_correct(90, 80, d1, M, D) + kh_rating_correct(50, m2, d2, M, D)) / 2);
    NEAR(kh_results_node(&r, 0, Q)->raw_value, 70);
    NEAR(r.cadres[0].evaluation,
         (kh_rating_correct(80, 80, d1, M, D) + kh_rating_correct(0, m2, d2, M, D)) / 2);
    assert_true(r.cadres[0].vote_review);
    assert_true(r.cadres[0].vote_caution);           /* 3·1 < 2·2 */
    kh_results_release(&r);
    kh_bundle_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_combine),
        cmocka_unit_test(test_correct),
        cmocka_unit_test(test_golden04),
        cmocka_unit_test(test_golden08),
        cmocka_unit_test(test_correction_units_and_cadres),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
