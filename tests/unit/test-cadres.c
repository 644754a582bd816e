/* test-cadres.c — team/duty/evaluation, folding, caps, district quota, vote flags (SPEC §7, §11.20). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>
#include "engine-fixture.h"

static void test_golden07(void **state)
{
    (void)state;
    struct kh_bundle b;
    struct kh_results r;
    fx_run("07-cadres", &b, &r);
    const struct kh_cadre_result *c = r.cadres;
    static const char *grade[] = {"不称职", "基本称职", "优秀", "优秀", "不称职", "称职", "优秀",
                                  "称职", "称职"};
    static const double score[] = {87.5, 70.7, 96.5, 96.5, 55, 92.5, 96.5, 95, 95.5};
    for (int i = 0; i < 9; i++) {
        NEAR(c[i].score, score[i]);
        assert_string_equal(b.cycle.cadre_grades.names[c[i].grade], grade[i]);
    }
    /* duty: C2 A1 = 80 (weight_global 0.75 alone); C4 over A1.01 and A2.01 = 95 */
    NEAR(c[1].duty, 80);
    NEAR(c[3].duty, 95);
    assert_true(c[0].duty_folded && isnan(c[0].duty));
    assert_true(c[6].duty_folded);           /* deputy without responsibilities: 0.7·95 + 0.3·100 */
    NEAR(c[1].evaluation, 54);
    NEAR(c[4].evaluation, 35);
    NEAR(c[8].penalty, 2);
    /* threshold grades before caps and quota */
    assert_int_equal(c[7].threshold_grade, 0);    /* C8 capped by team 一般 */
    assert_int_equal(c[5].threshold_grade, 0);    /* C6 resp veto */
    assert_int_equal(c[8].threshold_grade, 0);    /* C9 quota 0 in D2 */
    assert_int_equal(c[0].threshold_grade, 1);    /* C1 individual veto → bottom */
    assert_true(c[5].resp_veto && !c[4].resp_veto);
    assert_true(c[4].vote_caution && c[4].vote_review);
    assert_true(c[1].vote_caution && !c[1].vote_review);
    assert_string_equal(r.cadre_flags[0], "veto:A1.04");
    assert_string_equal(r.cadre_veto[0], "A1.04");
    assert_string_equal(r.cadre_flags[2], "quota_exceeded:2");
    assert_string_equal(r.cadre_flags[4], "unit_veto:A1.02;vote_caution;vote_review");
    assert_string_equal(r.cadre_flags[5], "unit_veto:A1.02;resp_veto:A1.02");
    kh_results_release(&r);
    kh_bundle_release(&b);
}

/* Golden 09: principals only (1/0/0), no rater groups: evaluation 0 flagged,
 * team 一般 caps at 称职 (higher than 基本称职, so no effect). */
static void test_golden09(void **state)
{
    (void)state;
    struct kh_bundle b;
    struct kh_results r;
    fx_run("09-rounding-quota", &b, &r);
    assert_true(r.cadres[0].score == r.units[2].composite);
    assert_true(r.cadres[0].missing_evaluation);
    assert_int_equal(r.cadres[0].grade, 0);
    assert_int_equal(r.cadres[1].grade, 1);
    assert_int_equal(r.cadres[2].grade, 2);
    kh_results_release(&r);
    kh_bundle_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden07),
        cmocka_unit_test(test_golden09),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
