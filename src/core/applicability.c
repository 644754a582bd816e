/*
 * applicability.c — SPEC §11.11 / §11.17 in one place (applicability.h).
 *
 * Both entry points are the same recursion — a node applies when its own
 * test passes and its parent applies — over the same own test: a point
 * leaf always passes it, any other node passes with weight > 0.  The mask
 * form visits nodes in pre-order, so a parent's answer is ready before its
 * children's.
 */
#include "kaohe/applicability.h"

static bool own_test(const struct kh_node *n, double w)
{
    return kh_kind_is_points(n->kind) || w > 0;
}

bool kh_node_applies(const struct kh_bundle *b, int32_t node, int32_t cat)
{
    for (int32_t n = node; n >= 0; n = b->nodes[n].parent)
        if (!own_test(&b->nodes[n], b->nodes[n].weights[cat]))
            return false;
    return true;
}

void kh_applicability_mask(const struct kh_bundle *b, const double *w, uint8_t *out)
{
    for (int32_t i = 0; i < b->nnodes; i++) {
        int32_t n = b->preorder[i], par = b->nodes[n].parent;
        out[n] = (par < 0 || out[par]) && own_test(&b->nodes[n], w[n]);
    }
}
