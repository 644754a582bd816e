/*
 * read-tree.c — indicators.csv: the indicator tree, its kinds, methods,
 * parameters and weights (FORMATS.md; SPEC §2, §3, §11.3, §11.4, §11.11).
 *
 * One pass reads the rows; parents and denominators may name rows further
 * down, so references are resolved after the pass.  Then the tree is
 * checked and linked:
 *
 *   - every parent exists; following parents never loops (a cycle is
 *     reported once, on the row of its first member in input order);
 *   - kind consistency (docs/formats.md): a `node` has at least one child;
 *     every other kind is a leaf and has none; a `quant` leaf has a method;
 *     other kinds have no method; `raters` and `scale` belong to `qual`
 *     leaves only; the `missing` policy is written only on scored leaves;
 *   - a denominator is the code of a `quant` leaf.
 *
 * Children are linked in input order (first_child/next_sibling), `depth`
 * counts from 0 at the dimensions, and `preorder` lists the tree in
 * pre-order — the row order of results_nodes.csv.  Applicability of a leaf
 * in a category (§11.11) is core's (applicability.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bundle-int.h"
#include "kaohe/arena.h"
#include "kaohe/numfmt.h"
#include "kaohe/xalloc.h"

enum { IN_CODE, IN_PARENT, IN_NAME, IN_KIND, IN_MEASURE, IN_DIRECTION, IN_METHOD, IN_PARAMS,
       IN_MISSING, IN_DEPARTMENT, IN_RATERS, IN_SCALE, IN_NCOLS };
static const struct kh__colspec indicator_cols[] = {
    {"code", true}, {"parent", true}, {"name", false}, {"kind", true}, {"measure", false},
    {"direction", true}, {"method", true}, {"params", true}, {"missing", true},
    {"department", false}, {"raters", true}, {"scale", true}};

/* Per-row facts needed after the pass. */
struct node_extra {
    long line;
    const char *parent_code;
    const char *denom_code;
    bool ok;
};

static int parse_enum(const char *s, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

/* Report a diagnostic for node i at its row (after the pass): message
 * with one or two arguments (b2 may be NULL). */
static void node_err(struct kh__table *t, const struct node_extra *x, int col,
                     const struct kh_msg *msg, const char *a, const char *b2)
{
    long save = t->line;
    t->line = x->line;
    kh__err(t, col, msg, a, b2, (const char *)NULL);
    t->line = save;
}
#define NODE_ERR(t, x, col, name, a, b2) node_err((t), (x), (col), &KH_M_BUNDLE_##name, (a), (b2))

void kh__read_indicators(struct kh__rd *rd)
{
    static const char *const kinds[] = {"node", "quant", "qual", "survey", "bonus", "penalty",
                                        "veto"};
    static const char *const methods[] = {"", "target", "efficacy", "minmax", "bands",
                                          "piecewise", "rank", "binary", "zscore"};
    static const char *const missings[] = {"zero", "exclude", "category_mean"};
    struct kh_bundle *b = rd->b;
    struct kh__table t;
    struct node_extra *x = NULL;
    size_t xcap = 0;
    int32_t *last_child = NULL;
    signed char *state = NULL;
    int32_t *stack = NULL;
    if (!kh__table_open(rd, KH__F_INDICATORS, indicator_cols, IN_NCOLS, true, &t))
        goto out;
    int32_t ncat = b->ncategories;
    rd->usable[KH__F_INDICATORS] = true;
    while (kh__table_next(&t)) {
        bool ok = kh__check_code(&t, IN_CODE);
        const char *pc = kh__cell(&t, IN_PARENT);
        if (pc[0] != '\0' && !kh__code_ok(pc)) {
            KH__ERR(&t, IN_PARENT, BAD_CODE, pc);
            ok = false;
        }
        int kind = parse_enum(kh__cell(&t, IN_KIND), kinds, 7);
        if (kind < 0) {
            KH__ERR(&t, IN_KIND, BAD_KIND, kh__cell(&t, IN_KIND));
            ok = false;
            kind = KH_KIND_NODE;
        }
        const char *dir = kh__cell(&t, IN_DIRECTION);
        enum kh_direction direction = KH_BENEFIT;
        if (strcmp(dir, "cost") == 0)
            direction = KH_COST;
        else if (dir[0] != '\0' && strcmp(dir, "benefit") != 0) {
            KH__ERR(&t, IN_DIRECTION, BAD_DIRECTION, dir);
            ok = false;
        }
        int method = parse_enum(kh__cell(&t, IN_METHOD), methods, 9);
        if (method < 0) {
            KH__ERR(&t, IN_METHOD, UNKNOWN_METHOD, kh__cell(&t, IN_METHOD));
            ok = false;
            method = KH_METHOD_NONE;
        } else if (kind == KH_KIND_QUANT && method == KH_METHOD_NONE) {
            KH__ERR(&t, IN_METHOD, QUANT_NEEDS_METHOD);
            ok = false;
        } else if (kind != KH_KIND_QUANT && method != KH_METHOD_NONE) {
            KH__ERR(&t, IN_METHOD, METHOD_NOT_QUANT, kinds[kind]);
            ok = false;
            method = KH_METHOD_NONE;
        }
        const char *ms = kh__cell(&t, IN_MISSING);
        int missing = ms[0] ? parse_enum(ms, missings, 3) : KH_MISSING_ZERO;
        if (missing < 0) {
            KH__ERR(&t, IN_MISSING, BAD_MISSING, ms);
            ok = false;
            missing = KH_MISSING_ZERO;
        }
        /* A valid policy on a node or a point leaf is accepted and has no
         * effect: offices fill the column down a whole sheet, and nothing is
         * lost by it (docs/formats.md). */
        const char *raters = kh__cell(&t, IN_RATERS), *scale = kh__cell(&t, IN_SCALE);
        if (kind != KH_KIND_QUAL && raters[0]) {
            KH__ERR(&t, IN_RATERS, RATERS_NOT_QUAL);
            ok = false;
        }
        if (kind != KH_KIND_QUAL && scale[0]) {
            KH__ERR(&t, IN_SCALE, SCALE_NOT_QUAL);
            ok = false;
        }
        KH_GROW(b->nodes, (size_t)b->nnodes + 1, rd->caps[KH__CAP_NODE]);
        KH_GROW(x, (size_t)b->nnodes + 1, xcap);
        struct kh_node *n = &b->nodes[b->nnodes];
        struct node_extra *nx = &x[b->nnodes];
        memset(n, 0, sizeof *n);
        memset(nx, 0, sizeof *nx);
        nx->line = t.line;
        n->code = kh__str(rd, kh__cell(&t, IN_CODE));
        n->name = kh__str(rd, kh__cell(&t, IN_NAME));
        n->measure = kh__str(rd, kh__cell(&t, IN_MEASURE));
        n->department = kh__str(rd, kh__cell(&t, IN_DEPARTMENT));
        n->parent = -1;
        n->kind = (enum kh_node_kind)kind;
        n->direction = direction;
        n->method = (enum kh_method)method;
        n->missing = (enum kh_missing)missing;
        n->params_text = kh__str(rd, kh__cell(&t, IN_PARAMS));
        n->raters_text = kh__str(rd, raters);
        n->scale_text = kh__str(rd, scale);
        n->direction_text = kh__str(rd, dir);
        n->method_text = kh__str(rd, kh__cell(&t, IN_METHOD));
        n->missing_text = kh__str(rd, ms);
        n->scale = -1;
        n->first_child = n->next_sibling = -1;
        nx->parent_code = pc[0] ? kh__str(rd, pc) : NULL;
        ok &= kh__params_parse(&t, IN_PARAMS, b, n, &nx->denom_code);
        if (nx->denom_code)
            nx->denom_code = kh__str(rd, nx->denom_code);
        if (kind == KH_KIND_QUAL) {
            const char *sc = scale[0] ? scale : "team";
            n->scale = kh_strmap_get(&b->scale_ix, sc);
            if (n->scale < 0) {
                KH__ERR(&t, IN_SCALE, UNKNOWN_SCALE, sc);
                ok = false;
            }
            if (raters[0]) {
                ok &= kh__wrefs_parse(&t, IN_RATERS, &b->arena, raters, &b->group_ix, &n->raters,
                                      &n->nraters);
            } else {
                /* empty = every rater group with weight 1 (docs/formats.md) */
                n->raters = kh_arena_calloc(&b->arena, (size_t)b->ngroups + 1, sizeof *n->raters);
                for (int32_t g = 0; g < b->ngroups; g++) {
                    n->raters[g].idx = g;
                    n->raters[g].w = 1;
                }
                n->nraters = b->ngroups;
            }
        }
        n->weights = kh_arena_calloc(&b->arena, (size_t)ncat + 1, sizeof *n->weights);
        n->weight_text = kh_arena_calloc(&b->arena, (size_t)ncat + 1, sizeof *n->weight_text);
        for (int32_t c = 0; c < ncat; c++) {
            int32_t f = t.wfield[c];
            const char *w = f >= 0 ? t.fields[f] : "";
            n->weight_text[c] = kh__str(rd, w);
            if (w[0] == '\0') {
                n->weights[c] = 0;
            } else if (!kh__parse_num(w, &n->weights[c])) {
                KH__ERR_NAMED(&t, t.wname[c], WEIGHT_NOT_NUMBER, w);
                ok = false;
            } else if (n->weights[c] < 0) {
                KH__ERR_NAMED(&t, t.wname[c], NEGATIVE_WEIGHT, w);
                ok = false;
            } else if (n->weights[c] > KH__WEIGHT_MAX ||
                       (n->weights[c] > 0 && n->weights[c] < KH__WEIGHT_MIN)) {
                KH__ERR_NAMED(&t, t.wname[c], WEIGHT_RANGE, w);
                ok = false;
            }
        }
        if (kh_strmap_put(&b->node_ix, n->code, b->nnodes) >= 0) {
            KH__ERR(&t, IN_CODE, DUP_INDICATOR, n->code);
            continue;
        }
        nx->ok = ok;
        b->nnodes++;
    }

    /* Resolve parents and denominators. */
    int32_t nn = b->nnodes;
    for (int32_t i = 0; i < nn; i++) {
        struct kh_node *n = &b->nodes[i];
        if (x[i].parent_code) {
            n->parent = kh_strmap_get(&b->node_ix, x[i].parent_code);
            if (n->parent < 0)
                NODE_ERR(&t, &x[i], IN_PARENT, UNKNOWN_PARENT, x[i].parent_code, NULL);
            else if (n->parent == i)
                NODE_ERR(&t, &x[i], IN_PARENT, OWN_PARENT, n->code, NULL);
        }
        if (x[i].denom_code) {
            int32_t d = kh_strmap_get(&b->node_ix, x[i].denom_code);
            if (d < 0 || b->nodes[d].kind != KH_KIND_QUANT)
                NODE_ERR(&t, &x[i], IN_PARAMS, DENOMINATOR_NOT_QUANT, x[i].denom_code, NULL);
            else
                n->params.denominator = d;
        }
    }
    /* Cycles: walk up from every node; state 0 new, 1 on the current path, 2 done. */
    state = kh_xcalloc((size_t)nn + 1, 1);
    stack = kh_xmalloc(((size_t)nn + 1) * sizeof *stack);
    bool cyclic = false;
    for (int32_t i = 0; i < nn; i++) {
        int32_t top = 0, v = i;
        while (v >= 0 && state[v] == 0 && b->nodes[v].parent != v) {
            state[v] = 1;
            stack[top++] = v;
            v = b->nodes[v].parent;
        }
        if (v >= 0 && state[v] == 1 && b->nodes[v].parent != v) {
            NODE_ERR(&t, &x[v], IN_PARENT, TREE_CYCLE, b->nodes[v].code, NULL);
            cyclic = true;
            /* break this cycle so later walks stay finite; the bundle is rejected */
            int32_t w = v;
            do {
                int32_t next = b->nodes[w].parent;
                b->nodes[w].parent = -1;
                w = next;
            } while (w >= 0 && w != v);
        }
        while (top > 0)
            state[stack[--top]] = 2;
    }
    /* Link children in input order. */
    last_child = kh_xmalloc(((size_t)nn + 1) * sizeof *last_child);
    for (int32_t i = 0; i < nn; i++)
        last_child[i] = -1;
    for (int32_t i = 0; i < nn; i++) {
        struct kh_node *n = &b->nodes[i];
        if (n->parent < 0 || n->parent == i)
            continue;
        struct kh_node *p = &b->nodes[n->parent];
        if (p->kind != KH_KIND_NODE) {
            NODE_ERR(&t, &x[i], IN_PARENT, PARENT_IS_LEAF, p->code, kh_node_kind_name(p->kind));
            continue;
        }
        if (last_child[n->parent] < 0)
            p->first_child = i;
        else
            b->nodes[last_child[n->parent]].next_sibling = i;
        last_child[n->parent] = i;
    }
    for (int32_t i = 0; i < nn; i++) {
        if (b->nodes[i].kind == KH_KIND_NODE && b->nodes[i].first_child < 0 && x[i].ok &&
            !cyclic)
            NODE_ERR(&t, &x[i], IN_KIND, NODE_NO_CHILD, b->nodes[i].code, NULL);
    }
    /* Pre-order with depth, iteratively (roots in input order). */
    b->preorder = kh_xmalloc(((size_t)nn + 1) * sizeof *b->preorder);
    int32_t np = 0, top = 0;
    for (int32_t r = nn - 1; r >= 0; r--)
        if (b->nodes[r].parent < 0)
            stack[top++] = r;
    while (top > 0) {
        int32_t v = stack[--top];
        struct kh_node *n = &b->nodes[v];
        n->depth = n->parent >= 0 ? b->nodes[n->parent].depth + 1 : 0;
        b->preorder[np++] = v;
        /* push children reversed so the first child comes out first */
        int32_t k = 0;
        for (int32_t c = n->first_child; c >= 0; c = b->nodes[c].next_sibling)
            k++;
        int32_t base = top;
        top += k;
        for (int32_t c = n->first_child, j = 0; c >= 0; c = b->nodes[c].next_sibling, j++)
            stack[base + k - 1 - j] = c;
    }
    /* Nodes not reached (under a leaf) are appended so preorder stays a permutation. */
    if (np < nn) {
        memset(state, 0, (size_t)nn);
        for (int32_t i = 0; i < np; i++)
            state[b->preorder[i]] = 1;
        for (int32_t i = 0; i < nn; i++)
            if (!state[i])
                b->preorder[np++] = i;
    }
out:
    free(x);
    free(last_child);
    free(state);
    free(stack);
    kh__table_close(&t);
}
