/* test-rank-grade.c — round2 ranks, thresholds, quotas, veto cap (SPEC §6, §11.18, §11.19):
 * golden 09 and 05 rebuilt by hand, plus the quota routine on its own. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>
#include "kaohe/engine.h"
#include "kaohe/round2.h"
#include "core/engine-internal.h"
#include "hand-bundle.h"

static const double W11[] = {1, 1};

/* Golden 09: bands give composites at the half cent. */
static void test_golden09(void **state)
{
    (void)state;
    struct kh_bundle b;
    struct kh_results r;
    static struct kh_pair bands[] = {{7, 95.004}, {6, 94.995}, {5, 94.99499999999999},
                                     {4, 89.995}, {3, 89.994}, {2, 69.99499999999999},
                                     {1, 59.995}};
    static const char *codes[] = {"T1", "T2", "T3", "T4", "T5", "T6", "T7"};
    static const double x[] = {6, 5, 7, 4, 3, 2, 0};
    int32_t A, A1, L, u[8];

    hb_init(&b, 2);
    b.cycle.team_top_quota = 0.2857142857;
    b.cycle.cadre_top_quota = 0.3333333333;
    A = hb_node(&b, "A", -1, KH_KIND_NODE, KH_METHOD_NONE, KH_BENEFIT, W11);
    A1 = hb_node(&b, "A1", A, KH_KIND_NODE, KH_METHOD_NONE, KH_BENEFIT, W11);
    L = hb_node(&b, "A1.01", A1, KH_KIND_QUANT, KH_METHOD_BANDS, KH_BENEFIT, W11);
    b.nodes[L].params.bands = bands;
    b.nodes[L].params.nbands = 7;
    b.nodes[L].params.else_score = 0.005;
    b.nodes[L].missing = KH_MISSING_EXCLUDE;
    hb_finish(&b);
    for (int i = 0; i < 7; i++) {
        u[i] = hb_unit(&b, codes[i], 0, 0);
        hb_value(&b, u[i], L, KH_PERIOD_Y, x[i]);
    }
    u[7] = hb_unit(&b, "T8", 1, 1);

    /* cadres: position SJ principal 1/0/0, no dims, no groups */
    struct kh_position *ps = HB_PUSH(b.positions, b.npositions);
    ps->code = ps->name = "SJ";
    ps->principal = true;
    ps->w_team = 1;
    for (int i = 0; i < 3; i++) {
        static const char *cc[] = {"C1", "C2", "C3"};
        static const int cu[] = {2, 3, 5};
        struct kh_cadre *cd = HB_PUSH(b.cadres, b.ncadres);
        cd->code = cd->name = cc[i];
        cd->unit = u[cu[i]];
        cd->position = 0;
        cd->resp_text = "";
    }

    assert_int_equal(kh_engine_run(&b, NULL, &r, NULL), 0);
    static const int rank[] = {1, 1, 1, 4, 5, 6, 7};
    static const char *grade[] = {"好", "好", "好", "较好", "较好", "一般", "差"};
    for (int i = 0; i < 7; i++) {
        assert_int_equal(r.units[i].rank_category, rank[i]);
        assert_int_equal(r.units[i].rank_overall, rank[i]);
        assert_string_equal(b.cycle.team_grades.names[r.units[i].grade], grade[i]);
    }
    assert_int_equal(r.units[0].quota_exceeded, 1);
    assert_int_equal(r.units[2].quota_exceeded, 1);
    assert_int_equal(r.units[3].quota_exceeded, 0);
    assert_string_equal(r.unit_flags[1], "quota_exceeded:1");
    assert_true(r.units[1].composite == 94.99499999999999);
    assert_true(r.units[1].rounded == 95.0);
    assert_true(r.units[5].rounded == 70.0);
    assert_true(r.units[6].rounded == 0.01);
    /* T8: nothing scored */
    assert_int_equal(r.units[7].rank_category, 1);
    assert_int_equal(r.units[7].rank_overall, 8);
    assert_true(r.units[7].no_score);
    assert_true(r.units[7].base == 0);
    assert_string_equal(r.unit_flags[7], "missing:A1.01;no_score");
    assert_int_equal(r.units[7].grade, 3);
    for (int n = 0; n < 3; n++) {
        const struct kh_node_result *nr = kh_results_node(&r, 7, n);
        assert_true(nr->flags & KH_NR_APPLICABLE);
        assert_false(nr->flags & KH_NR_HAS_SCORE);
        assert_true(nr->weight_global == 0);
    }
    /* cadres: one place in D1 (0.3333333333·3 + 1e-9), C2 outside, C3 capped anyway */
    assert_true(r.cadres[0].score == 95.004);
    assert_int_equal(r.cadres[0].grade, 0);
    assert_int_equal(r.cadres[1].grade, 1);
    assert_int_equal(r.cadres[2].grade, 2);
    assert_true(r.cadres[0].duty_folded);
    assert_true(r.cadres[0].evaluation == 0);
    assert_string_equal(r.cadre_flags[0], "missing:evaluation");
    kh_results_release(&r);
    kh_bundle_release(&b);
}

/* Golden 05: veto lowest, quota tie, single-unit category. */
static void test_golden05(void **state)
{
    (void)state;
    struct kh_bundle b;
    struct kh_results r;
    static const char *codes[] = {"T1", "T2", "T3", "T4", "T5", "T6", "T7"};
    static const double x[] = {95, 94.996, 93, 91, 98, 60, 89.996};
    static const double thr[] = {90, 85, 65, NAN};
    int32_t A, A1, L, V;

    hb_init(&b, 2);
    b.cycle.team_grades.thresholds = (double *)thr;
    b.cycle.veto_cap = 3;
    A = hb_node(&b, "A", -1, KH_KIND_NODE, KH_METHOD_NONE, KH_BENEFIT, W11);
    A1 = hb_node(&b, "A1", A, KH_KIND_NODE, KH_METHOD_NONE, KH_BENEFIT, W11);
    L = hb_node(&b, "A1.01", A1, KH_KIND_QUANT, KH_METHOD_MINMAX, KH_BENEFIT, W11);
    b.nodes[L].params.hi.v = 100;
    V = hb_node(&b, "A1.02", A1, KH_KIND_VETO, KH_METHOD_NONE, KH_BENEFIT, W11);
    hb_finish(&b);
    for (int i = 0; i < 7; i++) {
        hb_unit(&b, codes[i], i == 6 ? 1 : 0, 0);
        hb_value(&b, i, L, KH_PERIOD_Y, x[i]);
    }
    hb_adjust(&b, 4, false, V, 1);
    hb_adjust(&b, 5, false, V, 0);
    assert_int_equal(kh_engine_run(&b, NULL, &r, NULL), 0);
    static const int rc[] = {2, 2, 4, 5, 1, 6, 1}, ro[] = {2, 2, 4, 5, 1, 7, 6};
    static const int gr[] = {0, 0, 1, 1, 3, 3, 0};
    for (int i = 0; i < 7; i++) {
        assert_int_equal(r.units[i].rank_category, rc[i]);
        assert_int_equal(r.units[i].rank_overall, ro[i]);
        assert_int_equal(r.units[i].grade, gr[i]);
    }
    assert_string_equal(r.unit_flags[0], "quota_exceeded:1");
    assert_string_equal(r.unit_flags[4], "veto:A1.02");
    assert_string_equal(r.unit_veto[4], "A1.02");
    assert_string_equal(r.unit_veto[5], "");
    assert_true(kh_results_node(&r, 4, V)->value == 1);
    assert_true(kh_results_node(&r, 5, V)->value == 0);
    assert_true(isnan(kh_results_node(&r, 5, V)->weight_global));
    kh_results_release(&r);
    kh_bundle_release(&b);
}

static void test_grade_group(void **state)
{
    (void)state;
    static const char *names[] = {"a", "b", "c"};
    double thr[] = {90, 80, NAN};
    struct kh_grades g = {3, names, thr};
    int32_t mem[5] = {0, 1, 2, 3, 4}, cap[5] = {0}, tg[5], gr[5], ex[5];
    double rd[5] = {95, 93, 93, 91, 50};
    uint8_t force[5] = {0};

    /* 5 members, quota 0.2 → 1 place: 95 keeps it, the rest drop to b */
    kh__grade_group(&g, 0.2, true, 5, mem, rd, cap, NULL, tg, gr, ex);
    assert_int_equal(gr[0], 0);
    assert_int_equal(gr[1], 1);
    assert_int_equal(gr[3], 1);
    assert_int_equal(gr[4], 2);
    assert_int_equal(ex[0], 0);
    /* quota 0.4 → 2 places, boundary 93 shared by two → 3 keep, exceeded 1 */
    kh__grade_group(&g, 0.4, true, 5, mem, rd, cap, NULL, tg, gr, ex);
    assert_int_equal(gr[2], 0);
    assert_int_equal(gr[3], 1);
    assert_int_equal(ex[0], 1);
    assert_int_equal(ex[2], 1);
    assert_int_equal(ex[3], 0);
    /* capped member is no candidate: places go to the next */
    cap[0] = 1;
    kh__grade_group(&g, 0.2, true, 5, mem, rd, cap, NULL, tg, gr, ex);
    assert_int_equal(gr[0], 1);
    assert_int_equal(gr[1], 0);
    assert_int_equal(gr[2], 0);
    assert_int_equal(ex[1], 1);
    cap[0] = 0;
    /* cadres: no minimum; quota 0.1 of 5 → 0 places: nobody top */
    kh__grade_group(&g, 0.1, false, 5, mem, rd, cap, NULL, tg, gr, ex);
    assert_int_equal(gr[0], 1);
    assert_int_equal(tg[0], 0);
    /* teams: at least 1 */
    kh__grade_group(&g, 0.1, true, 5, mem, rd, cap, NULL, tg, gr, ex);
    assert_int_equal(gr[0], 0);
    /* floor(0.2·5 + 1e-9) = 1 even when 0.2·5 rounds below 1: 0.19999999999 · 5 */
    kh__grade_group(&g, 0.19999999999, false, 5, mem, rd, cap, NULL, tg, gr, ex);
    assert_int_equal(gr[0], 0);
    kh__grade_group(&g, 0.1999999, false, 5, mem, rd, cap, NULL, tg, gr, ex);
    assert_int_equal(gr[0], 1);
    /* forced to the bottom (individual veto) */
    force[0] = 1;
    kh__grade_group(&g, 0.2, true, 5, mem, rd, cap, force, tg, gr, ex);
    assert_int_equal(gr[0], 2);
    assert_int_equal(gr[1], 0);
    /* thresholds compare the rounded value */
    assert_int_equal(kh__threshold_grade(&g, kh_round2(89.995)), 0);
    assert_int_equal(kh__threshold_grade(&g, kh_round2(89.994)), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden09),
        cmocka_unit_test(test_golden05),
        cmocka_unit_test(test_grade_group),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
