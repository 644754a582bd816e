/* engine-fixture.h — read a golden bundle (KH_TEST_DATA/golden/NAME/bundle) and run the engine. */
#ifndef KH_TEST_ENGINE_FIXTURE_H
#define KH_TEST_ENGINE_FIXTURE_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "kaohe/bundle.h"
#include "kaohe/engine.h"

static inline void fx_run(const char *name, struct kh_bundle *b, struct kh_results *r)
{
    char dir[1024];
    struct kh_diags d;
    const char *root = getenv("KH_TEST_DATA");
    snprintf(dir, sizeof dir, "%s/golden/%s/bundle", root ? root : "tests", name);
    kh_diags_init(&d, 0);
    assert_int_equal(kh_bundle_read_dir(dir, NULL, b, &d), 0);
    kh_diags_release(&d);
    assert_int_equal(kh_engine_run(b, NULL, r, NULL), 0);
}

static inline int32_t fx_node(const struct kh_bundle *b, const char *code)
{
    int32_t n = kh_strmap_get(&b->node_ix, code);
    assert_true(n >= 0);
    return n;
}

static inline int fx_near(double a, double b) { return fabs(a - b) <= 1e-12 * (fabs(b) > 1 ? fabs(b) : 1); }
#define NEAR(a, b) assert_true(fx_near((a), (b)))

#endif
