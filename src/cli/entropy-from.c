/*
 * entropy-from.c — the data matrix of `kaohe entropy --from` (entropy-from.h).
 *
 * Columns: the quant leaves in the subtree of the node, in tree pre-order,
 * that apply in the category (the leaf and every ancestor weighted there,
 * SPEC §11.11).  Rows: the category's units, in units.csv order, that have a
 * year-end value for every column.  Values are as entered: the entropy
 * method measures how far the units differ on the data itself.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/analysis-cli.h"
#include "cli/cli-bundle.h"
#include "cli/entropy-from.h"
#include "kaohe/applicability.h"
#include "kaohe/bundle.h"
#include "kaohe/lang.h"
#include "kaohe/xalloc.h"

static bool under(const struct kh_bundle *b, int32_t n, int32_t root)
{
    for (; n >= 0; n = b->nodes[n].parent)
        if (n == root)
            return true;
    return false;
}

int kh__entropy_from_bundle(const struct kh_cmd *cmd, const char *dir, const char *node,
                            const char *cat, size_t *m, size_t *n, char ***units, char ***crit,
                            double **x, bool **cost, char ***skipped, size_t *nskipped)
{
    struct kh_bundle b = {0};
    int rc = kh_cli_read_bundle(cmd->name, dir, NULL, 0, &b);
    if (rc != 0)
        return rc;
    int32_t root = kh_strmap_get(&b.node_ix, node);
    int32_t c = kh_strmap_get(&b.category_ix, cat);
    int32_t *leaf = NULL, *col = NULL;
    double *v = NULL;
    if (root < 0 || c < 0) {
        fprintf(stderr, root < 0 ? KH_TR("kaohe %s: %s/indicators.csv: 没有指标 “%s”\n",
                                         "kaohe %s: %s/indicators.csv: no indicator '%s'\n")
                                 : KH_TR("kaohe %s: %s/categories.csv: 没有类别 “%s”\n",
                                         "kaohe %s: %s/categories.csv: no category '%s'\n"),
                cmd->name, dir, root < 0 ? node : cat);
        rc = KH_EXIT_INPUT;
        goto out;
    }
    leaf = kh_xcalloc((size_t)b.nnodes, sizeof *leaf);
    col = kh_xcalloc((size_t)b.nnodes, sizeof *col);
    size_t nl = 0;
    for (int32_t i = 0; i < b.nnodes; i++) {
        int32_t k = b.preorder[i];
        col[k] = -1;
        if (b.nodes[k].kind == KH_KIND_QUANT && under(&b, k, root) && kh_node_applies(&b, k, c))
            leaf[nl++] = k;
    }
    for (size_t j = 0; j < nl; j++)
        col[leaf[j]] = (int32_t)j;
    if (nl == 0) {
        fprintf(stderr, KH_TR("kaohe %s: “%s” 下没有在类别 %s 适用的定量指标\n",
                              "kaohe %s: no quant leaf under '%s' applies in category %s\n"),
                cmd->name, node, cat);
        rc = KH_EXIT_INPUT;
        goto out;
    }
    v = kh_xcalloc((size_t)b.nunits * nl, sizeof *v);
    for (size_t i = 0; i < (size_t)b.nunits * nl; i++)
        v[i] = NAN;
    for (int32_t i = 0; i < b.nvalues; i++) {
        const struct kh_value *val = &b.values[i];
        if (val->period != KH_PERIOD_Y || col[val->node] < 0)
            continue;
        v[(size_t)val->unit * nl + (size_t)col[val->node]] = val->value;
    }
    *n = nl;
    *crit = kh_xcalloc(nl, sizeof **crit);
    *cost = kh_xcalloc(nl, sizeof **cost);
    for (size_t j = 0; j < nl; j++) {
        (*crit)[j] = kh_xstrdup(b.nodes[leaf[j]].code);
        (*cost)[j] = b.nodes[leaf[j]].direction == KH_COST;
    }
    *m = 0;
    *nskipped = 0;
    *units = kh_xcalloc((size_t)b.nunits + 1, sizeof **units);
    *skipped = kh_xcalloc((size_t)b.nunits + 1, sizeof **skipped);
    *x = kh_xcalloc((size_t)b.nunits * nl + 1, sizeof **x);
    for (int32_t u = 0; u < b.nunits; u++) {
        if (b.units[u].category != c)
            continue;
        bool full = true;
        for (size_t j = 0; j < nl; j++)
            full = full && !kh_isnan(v[(size_t)u * nl + j]);
        if (!full) {
            (*skipped)[(*nskipped)++] = kh_xstrdup(b.units[u].code);
            continue;
        }
        memcpy(*x + *m * nl, v + (size_t)u * nl, nl * sizeof(double));
        (*units)[(*m)++] = kh_xstrdup(b.units[u].code);
    }
out:
    free(leaf);
    free(col);
    free(v);
    kh_bundle_release(&b);
    return rc;
}
