/*
 * flags.c — flag and veto strings of the result tables (SPEC §11.23).
 *
 * What it owns: r->unit_flags, r->unit_veto, r->cadre_flags, r->cadre_veto,
 * r->survey_flags: `;`-joined lists in r's arena ("" when empty), formatted
 * from the numeric results so the writer only copies strings.
 *
 * Order, fixed by §11.23 and checked against every golden expected file:
 *   units    missing:LEAF… (pre-order, applicable scored leaves), veto:LEAF…
 *            (pre-order), sample_small, quota_exceeded:N, no_score
 *   cadres   unit_veto:LEAF…, resp_veto:LEAF…, veto:LEAF…, vote_caution,
 *            vote_review, missing:evaluation, quota_exceeded:N
 *   surveys  sample_small
 * The veto columns list triggered veto leaves in pre-order: the unit's own
 * for units, the cadre's individual vetoes for cadres.
 */
#include <stdio.h>
#include <string.h>
#include "kaohe/arena.h"
#include "kaohe/buf.h"
#include "core/engine-internal.h"

static void item(struct kh_buf *bf, const char *a, const char *b)
{
    if (bf->len)
        kh_buf_putc(bf, ';');
    kh_buf_puts(bf, a);
    if (b)
        kh_buf_puts(bf, b);
}

static const char *keep(struct kh_results *r, struct kh_buf *bf)
{
    const char *s = bf->len ? kh_arena_strdup(&r->arena, kh_buf_cstr(bf)) : "";
    kh_buf_reset(bf);
    return s;
}

static bool veto_on(const struct kh__prep *p, int32_t u, int32_t v)
{
    return p->b->nodes[v].kind == KH_KIND_VETO && p->points[(size_t)u * p->N + v] > 0;
}

void kh__flags(const struct kh__prep *p, struct kh_results *r)
{
    const struct kh_bundle *b = p->b;
    const int32_t N = p->N;
    struct kh_buf bf = KH_BUF_INIT;
    char num[32];

    r->unit_flags = kh_arena_calloc(&r->arena, (size_t)p->U + 1, sizeof(char *));
    r->unit_veto = kh_arena_calloc(&r->arena, (size_t)p->U + 1, sizeof(char *));
    for (int32_t u = 0; u < p->U; u++) {
        const struct kh_unit_result *ur = &r->units[u];
        for (int32_t i = 0; i < N; i++) {
            int32_t n = b->preorder[i];
            const struct kh_node_result *nr = kh_results_node(r, u, n);
            if ((nr->flags & KH_NR_APPLICABLE) && (nr->flags & KH_NR_MISSING))
                item(&bf, "missing:", b->nodes[n].code);
        }
        for (int32_t i = 0; i < N; i++)
            if (veto_on(p, u, b->preorder[i]))
                item(&bf, "veto:", b->nodes[b->preorder[i]].code);
        if (ur->sample_small)
            item(&bf, "sample_small", NULL);
        if (ur->quota_exceeded > 0) {
            snprintf(num, sizeof num, "%d", (int)ur->quota_exceeded);
            item(&bf, "quota_exceeded:", num);
        }
        if (ur->no_score)
            item(&bf, "no_score", NULL);
        r->unit_flags[u] = keep(r, &bf);
        for (int32_t i = 0; i < N; i++)
            if (veto_on(p, u, b->preorder[i]))
                item(&bf, b->nodes[b->preorder[i]].code, NULL);
        r->unit_veto[u] = keep(r, &bf);
    }

    if (r->surveys) {
        r->survey_flags = kh_arena_calloc(&r->arena, (size_t)p->U + 1, sizeof(char *));
        for (int32_t u = 0; u < p->U; u++)
            r->survey_flags[u] = r->surveys[u].sample_small ? "sample_small" : "";
    }

    r->cadre_flags = kh_arena_calloc(&r->arena, (size_t)p->K + 1, sizeof(char *));
    r->cadre_veto = kh_arena_calloc(&r->arena, (size_t)p->K + 1, sizeof(char *));
    for (int32_t c = 0; c < p->K; c++) {
        const struct kh_cadre *cd = &b->cadres[c];
        const struct kh_cadre_result *cr = &r->cadres[c];
        const int32_t u = cd->unit;
        for (int32_t i = 0; i < N; i++)
            if (veto_on(p, u, b->preorder[i]))
                item(&bf, "unit_veto:", b->nodes[b->preorder[i]].code);
        for (int32_t i = 0; i < N; i++) {
            int32_t v = b->preorder[i];
            if (!veto_on(p, u, v))
                continue;
            for (int32_t k = 0; k < cd->nresp; k++) {
                int32_t rn = cd->resp[k];
                if (i >= p->pre_pos[rn] && i < p->pre_end[rn]) {
                    item(&bf, "resp_veto:", b->nodes[v].code);
                    break;
                }
            }
        }
        for (int32_t i = 0; i < N; i++)
            if (p->cadre_veto_leaf[(size_t)c * N + b->preorder[i]])
                item(&bf, "veto:", b->nodes[b->preorder[i]].code);
        if (cr->vote_caution)
            item(&bf, "vote_caution", NULL);
        if (cr->vote_review)
            item(&bf, "vote_review", NULL);
        if (cr->missing_evaluation)
            item(&bf, "missing:evaluation", NULL);
        if (cr->quota_exceeded > 0) {
            snprintf(num, sizeof num, "%d", (int)cr->quota_exceeded);
            item(&bf, "quota_exceeded:", num);
        }
        r->cadre_flags[c] = keep(r, &bf);
        for (int32_t i = 0; i < N; i++)
            if (p->cadre_veto_leaf[(size_t)c * N + b->preorder[i]])
                item(&bf, b->nodes[b->preorder[i]].code, NULL);
        r->cadre_veto[c] = keep(r, &bf);
    }
    kh_buf_release(&bf);
}
