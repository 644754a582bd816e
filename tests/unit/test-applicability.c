/* test-applicability.c — SPEC §11.11 / §11.17 (applicability.h): a node applies
 * where it and every ancestor weigh > 0; a point leaf needs only its ancestors;
 * the one-node and the whole-tree forms agree on every node and category. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "kaohe/applicability.h"
#include "hand-bundle.h"

/* Two categories.  root(1,1) → A(1,0) → A1(2,3) quant, A2 bonus (0,0);
 *                              B(1,1) → B1(0,1) quant, B2(1,1) quant */
static void build(struct kh_bundle *b)
{
    hb_init(b, 2);
    int32_t root = hb_node(b, "R", -1, KH_KIND_NODE, KH_METHOD_NONE, KH_BENEFIT, (double[]){1, 1});
    int32_t a = hb_node(b, "A", root, KH_KIND_NODE, KH_METHOD_NONE, KH_BENEFIT, (double[]){1, 0});
    hb_node(b, "A1", a, KH_KIND_QUANT, KH_METHOD_TARGET, KH_BENEFIT, (double[]){2, 3});
    hb_node(b, "A2", a, KH_KIND_BONUS, KH_METHOD_NONE, KH_BENEFIT, (double[]){0, 0});
    int32_t bb = hb_node(b, "B", root, KH_KIND_NODE, KH_METHOD_NONE, KH_BENEFIT, (double[]){1, 1});
    hb_node(b, "B1", bb, KH_KIND_QUANT, KH_METHOD_TARGET, KH_BENEFIT, (double[]){0, 1});
    hb_node(b, "B2", bb, KH_KIND_QUANT, KH_METHOD_TARGET, KH_BENEFIT, (double[]){1, 1});
    hb_finish(b);
}

static void test_rule(void **state)
{
    (void)state;
    struct kh_bundle b;
    build(&b);
    /*                       R  A  A1 A2 B  B1 B2 */
    static const int c0[] = {1, 1, 1, 1, 1, 0, 1};
    static const int c1[] = {1, 0, 0, 0, 1, 1, 1};   /* A off: its leaf weight 3 does not count */
    for (int32_t n = 0; n < b.nnodes; n++) {
        assert_int_equal(kh_node_applies(&b, n, 0), c0[n]);
        assert_int_equal(kh_node_applies(&b, n, 1), c1[n]);
    }
    kh_bundle_release(&b);
}

static void test_mask_agrees(void **state)
{
    (void)state;
    struct kh_bundle b;
    build(&b);
    uint8_t mask[16];
    double w[16];
    for (int32_t c = 0; c < b.ncategories; c++) {
        for (int32_t n = 0; n < b.nnodes; n++)
            w[n] = b.nodes[n].weights[c];
        memset(mask, 7, sizeof mask);
        kh_applicability_mask(&b, w, mask);
        for (int32_t n = 0; n < b.nnodes; n++)
            assert_int_equal(mask[n], kh_node_applies(&b, n, c));
    }
    /* perturbed weights (a sensitivity run): turning B off turns its leaves off */
    for (int32_t n = 0; n < b.nnodes; n++)
        w[n] = b.nodes[n].weights[0];
    w[4] = 0;
    kh_applicability_mask(&b, w, mask);
    assert_int_equal(mask[4], 0);
    assert_int_equal(mask[6], 0);
    assert_int_equal(mask[2], 1);
    kh_bundle_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule),
        cmocka_unit_test(test_mask_agrees),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
