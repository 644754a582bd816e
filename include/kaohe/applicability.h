/*
 * applicability.h — where a node of the indicator tree is assessed (SPEC
 * §11.11, §11.17): the one statement of the rule, used by the engine
 * (aggregate.c), the bundle reader (which targets are required), the entropy
 * data matrix and any other caller.
 *
 * A node applies in a category when it and every ancestor have weight > 0
 * there ("weight 0 means not assessed in this category", §2).  A point leaf
 * (bonus, penalty, veto) has no weight of its own (§11.17): it applies when
 * its ancestors do.
 */
#ifndef KAOHE_APPLICABILITY_H
#define KAOHE_APPLICABILITY_H

#include <stdbool.h>
#include <stdint.h>
#include "kaohe/model.h"

/* Does node apply in category cat, with the bundle's own weights? */
bool kh_node_applies(const struct kh_bundle *b, int32_t node, int32_t cat);

/*
 * The rule for every node at once, for one category whose weights are
 * w[0..nnodes) (the bundle's, or a sensitivity run's perturbed ones):
 * out[n] = 1 when node n applies, else 0.  Walks b->preorder, so O(nodes).
 */
void kh_applicability_mask(const struct kh_bundle *b, const double *w, uint8_t *out);

#endif
