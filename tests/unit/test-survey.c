/* test-survey.c — survey index, channels, interval, rate, sample_small (SPEC §5, §11.16). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>
#include "engine-fixture.h"

static void test_golden06(void **state)
{
    (void)state;
    struct kh_bundle b;
    struct kh_results r;
    fx_run("06-survey-channels", &b, &r);
    assert_non_null(r.surveys);
    const struct kh_survey_result *s = &r.surveys[0];
    double r1 = 275.0 / 3, r2 = 55, r3 = 250.0 / 3;
    double idx = 0.6 * ((r1 + r2) / 2) + 0.4 * r3;
    double m = (r1 + r2 + r3) / 3;
    double sd = sqrt(((r1 - m) * (r1 - m) + (r2 - m) * (r2 - m) + (r3 - m) * (r3 - m)) / 2);
    assert_int_equal(s->n, 3);
    NEAR(s->mean, 232.0 / 3);
    NEAR(s->mean, idx);
    NEAR(s->sd, sd);
    NEAR(s->ci_low, idx - 1.96 * sd / sqrt(3));
    NEAR(s->ci_high, 99.08387185369935);
    NEAR(s->rate, 0.8);
    assert_false(s->sample_small);
    /* T2: one response, sd 0, sample_small */
    assert_int_equal(r.surveys[1].n, 1);
    NEAR(r.surveys[1].mean, 100);
    NEAR(r.surveys[1].sd, 0);
    assert_true(r.surveys[1].sample_small);
    assert_string_equal(r.survey_flags[1], "sample_small");
    /* T3: nothing */
    assert_int_equal(r.surveys[2].n, 0);
    assert_true(isnan(r.surveys[2].mean));
    assert_string_equal(r.unit_flags[2], "missing:A1.01;missing:A1.02;sample_small");
    /* leaves: index (exclude) and 100·rate (zero) */
    int32_t l1 = fx_node(&b, "A1.01"), l2 = fx_node(&b, "A1.02");
    NEAR(kh_results_node(&r, 0, l2)->score, 80);
    assert_true(kh_results_node(&r, 2, l1)->weight_global == 0);
    NEAR(kh_results_node(&r, 2, l2)->weight_global, 1);
    NEAR(r.units[0].base, (idx + 80) / 2);
    kh_results_release(&r);
    kh_bundle_release(&b);
}

/* Without survey items there is no survey table. */
static void test_no_items(void **state)
{
    (void)state;
    struct kh_bundle b;
    struct kh_results r;
    fx_run("01-quant-aggregation", &b, &r);
    assert_null(r.surveys);
    assert_null(r.survey_flags);
    kh_results_release(&r);
    kh_bundle_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden06),
        cmocka_unit_test(test_no_items),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
