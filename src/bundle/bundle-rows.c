/*
 * bundle-rows.c — the canonical rows of a bundle, file by file, handed to a
 * sink (bundle.h: kh_bundle_write_rows).
 *
 * This is the one place that decides how a struct kh_bundle is written
 * back as the input files of FORMATS.md: which files (those the bundle had,
 * or has rows for), their columns in FORMATS order (indicators.csv with one
 * weight.<CAT> column per category in category order), rows in model
 * (input) order, cells kept verbatim where the model has their text
 * (params, raters, weights, position texts …) and kh_fmt_double_short()
 * elsewhere; built-in scales that were not redefined and the implicit
 * 弃权/不了解 levels are skipped; adjustments are written merged (they add
 * up on reading).  Hence read → write → read → write is byte-identical: the
 * first write normalises, the second has nothing left to change.
 *
 * Two sinks use it: kh_bundle_write_dir() (bundle-write.c) renders each
 * file as CSV on disk, and the store's import (src/store/store-load.c)
 * inserts the same cells into its tables and digests the same CSV bytes —
 * so an import, an export and a file written here can never disagree.
 *
 * Cells are valid only during the row callback (numbers are formatted into
 * stack buffers, lists into an arena released at the end).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/arena.h"
#include "kaohe/buf.h"
#include "kaohe/numfmt.h"
#include "kaohe/xalloc.h"
#include "kaohe/bundle.h"

static const char *txt(const char *s, const char *fallback)
{
    return s ? s : fallback;
}

static const char *code_or_empty(const char *const *codes, int32_t n, int32_t i)
{
    return i >= 0 && i < n ? codes[i] : "";
}

static const char *group_name(const struct kh_bundle *b, int32_t i)
{
    return i >= 0 && i < b->ngroups ? b->groups[i].code : "";
}

static const char *dim_name(const struct kh_bundle *b, int32_t i)
{
    return code_or_empty(b->dims, b->ndims, i);
}

/* "code=w;code=w" into the arena (for lists whose text the model lacks). */
static const char *wrefs_text(struct kh_arena *a, const struct kh_wref *w, int32_t n,
                              const char *(*name)(const struct kh_bundle *, int32_t),
                              const struct kh_bundle *b)
{
    struct kh_buf buf = KH_BUF_INIT;
    char num[32];
    for (int32_t i = 0; i < n; i++)
        kh_buf_printf(&buf, "%s%s=%s", i ? ";" : "", name(b, w[i].idx),
                      kh_fmt_double_short(w[i].w, num));
    const char *s = kh_arena_strdup(a, kh_buf_cstr(&buf));
    kh_buf_release(&buf);
    return s;
}

int kh_bundle_write_rows(const struct kh_bundle *b, const struct kh_bundle_sink *k, void *ctx)
{
    struct kh_arena tmp = KH_ARENA_INIT;
    const char **wide = NULL;
    int rc = 0;
    char n1[32], n2[32], n3[32];
    kh_arena_init(&tmp, 0);

/* BEGIN(file, header cells…); ROW(cells…); END — each stops at the first
 * non-zero return of the sink. */
#define CALL(expr)                                                   \
    do {                                                             \
        if ((rc = (expr)) != 0)                                      \
            goto out;                                                \
    } while (0)
#define BEGIN(file, ...)                                             \
    do {                                                             \
        const char *h_[] = {__VA_ARGS__};                            \
        CALL(k->begin(ctx, file, h_, sizeof h_ / sizeof h_[0]));     \
    } while (0)
#define ROW(...)                                                     \
    do {                                                             \
        const char *c_[] = {__VA_ARGS__};                            \
        CALL(k->row(ctx, c_, sizeof c_ / sizeof c_[0]));             \
    } while (0)
#define END() CALL(k->end(ctx))

    if ((b->files & KH_FILE_CYCLE) || b->cycle.nraw > 0) {
        BEGIN("cycle.csv", "key", "value");
        for (int32_t i = 0; i < b->cycle.nraw; i++)
            ROW(b->cycle.raw[i].key, b->cycle.raw[i].value);
        END();
    }

    BEGIN("categories.csv", "code", "name");
    for (int32_t i = 0; i < b->ncategories; i++)
        ROW(b->categories[i].code, txt(b->categories[i].name, ""));
    END();

    BEGIN("units.csv", "code", "name", "district", "category", "zone", "kind");
    for (int32_t i = 0; i < b->nunits; i++) {
        const struct kh_unit *u = &b->units[i];
        ROW(u->code, txt(u->name, ""), txt(u->district_name, ""), b->categories[u->category].code,
            txt(u->zone, ""), txt(u->kind, ""));
    }
    END();

    {
        size_t nc = 12 + (size_t)b->ncategories;
        static const char *const head[12] = {"code", "parent", "name", "kind", "measure",
                                              "direction", "method", "params", "missing",
                                              "department", "raters", "scale"};
        wide = kh_xcalloc(nc, sizeof *wide);
        memcpy(wide, head, sizeof head);
        for (int32_t c = 0; c < b->ncategories; c++)
            wide[12 + c] = kh_arena_printf(&tmp, "weight.%s", b->categories[c].code);
        CALL(k->begin(ctx, "indicators.csv", wide, nc));
        for (int32_t i = 0; i < b->nnodes; i++) {
            const struct kh_node *n = &b->nodes[i];
            wide[0] = n->code;
            wide[1] = n->parent >= 0 ? b->nodes[n->parent].code : "";
            wide[2] = txt(n->name, "");
            wide[3] = kh_node_kind_name(n->kind);
            wide[4] = txt(n->measure, "");
            wide[5] = txt(n->direction_text, n->direction == KH_COST ? "cost" : "benefit");
            wide[6] = txt(n->method_text, kh_method_name(n->method));
            wide[7] = txt(n->params_text, "");
            wide[8] = txt(n->missing_text, kh_missing_name(n->missing));
            wide[9] = txt(n->department, "");
            wide[10] = n->raters_text ? n->raters_text
                                      : wrefs_text(&tmp, n->raters, n->nraters, group_name, b);
            wide[11] = txt(n->scale_text, n->scale >= 0 ? b->scales[n->scale].name : "");
            for (int32_t c = 0; c < b->ncategories; c++)
                wide[12 + c] = n->weight_text ? n->weight_text[c]
                                              : kh_arena_strdup(&tmp, kh_fmt_double_short(
                                                                          n->weights[c], n1));
            CALL(k->row(ctx, wide, nc));
        }
        END();
    }

    bool any_scale = false;
    for (int32_t s = 0; s < b->nscales; s++)
        any_scale |= !b->scales[s].builtin;
    if ((b->files & KH_FILE_SCALES) || any_scale) {
        BEGIN("scales.csv", "scale", "level", "points");
        for (int32_t s = 0; s < b->nscales; s++) {
            const struct kh_scale *sc = &b->scales[s];
            if (sc->builtin)
                continue;
            for (int32_t l = 0; l < sc->nlevels; l++)
                if (!sc->levels[l].implicit)
                    ROW(sc->name, sc->levels[l].name, kh_fmt_double_short(sc->levels[l].points, n1));
        }
        END();
    }

    if ((b->files & KH_FILE_RATER_GROUPS) || b->ngroups > 0) {
        BEGIN("rater_groups.csv", "code", "name", "combine");
        for (int32_t i = 0; i < b->ngroups; i++)
            ROW(b->groups[i].code, txt(b->groups[i].name, ""),
                txt(b->groups[i].combine_text, kh_combine_name(b->groups[i].combine)));
        END();
    }

    if ((b->files & KH_FILE_RATERS) || b->nraters > 0) {
        BEGIN("raters.csv", "code", "name", "group");
        for (int32_t i = 0; i < b->nraters; i++)
            ROW(b->raters[i].code, txt(b->raters[i].name, ""), group_name(b, b->raters[i].group));
        END();
    }

    if ((b->files & KH_FILE_TARGETS) || b->ntargets > 0) {
        BEGIN("targets.csv", "unit", "indicator", "target", "baseline", "status");
        for (int32_t i = 0; i < b->ntargets; i++) {
            const struct kh_target *g = &b->targets[i];
            ROW(b->units[g->unit].code, b->nodes[g->node].code, kh_fmt_double_short(g->target, n1),
                kh_fmt_double_short(g->baseline, n2),
                txt(g->status_text, kh_target_status_name(g->status)));
        }
        END();
    }

    if ((b->files & KH_FILE_VALUES) || b->nvalues > 0) {
        BEGIN("values.csv", "unit", "indicator", "period", "value", "source");
        for (int32_t i = 0; i < b->nvalues; i++) {
            const struct kh_value *v = &b->values[i];
            ROW(b->units[v->unit].code, b->nodes[v->node].code, kh_period_name(v->period),
                kh_fmt_double_short(v->value, n1), txt(v->source, ""));
        }
        END();
    }

    if ((b->files & KH_FILE_RATINGS) || b->nratings > 0) {
        int32_t cs = kh_strmap_get(&b->scale_ix, "cadre");
        const struct kh_scale *cadre_scale = cs >= 0 ? &b->scales[cs] : NULL;
        BEGIN("ratings.csv", "rater", "ratee", "item", "score");
        for (int32_t i = 0; i < b->nratings; i++) {
            const struct kh_rating *r = &b->ratings[i];
            const char *ratee, *item, *score;
            const struct kh_scale *sc;
            if (r->ratee_is_cadre) {
                ratee = b->cadres[r->ratee].code;
                item = dim_name(b, r->item);
                sc = cadre_scale;
            } else {
                ratee = b->units[r->ratee].code;
                item = b->nodes[r->item].code;
                sc = b->nodes[r->item].scale >= 0 ? &b->scales[b->nodes[r->item].scale] : NULL;
            }
            if (r->level >= 0 && sc && r->level < sc->nlevels)
                score = sc->levels[r->level].name;
            else
                score = kh_fmt_double_short(r->points, n1);
            ROW(b->raters[r->rater].code, ratee, item, score);
        }
        END();
    }

    if ((b->files & KH_FILE_SURVEY_ITEMS) || b->nitems > 0) {
        BEGIN("survey_items.csv", "code", "text", "weight", "scale");
        for (int32_t i = 0; i < b->nitems; i++) {
            const struct kh_survey_item *s = &b->items[i];
            ROW(s->code, txt(s->text, ""), txt(s->weight_text, kh_fmt_double_short(s->weight, n1)),
                s->scale >= 0 ? b->scales[s->scale].name : "");
        }
        END();
    }

    if ((b->files & KH_FILE_RESPONSES) || b->nanswers > 0) {
        BEGIN("responses.csv", "response", "unit", "channel", "item", "answer");
        for (int32_t i = 0; i < b->nanswers; i++) {
            const struct kh_answer *a = &b->answers[i];
            const struct kh_response *r = &b->responses[a->response];
            const struct kh_survey_item *s = &b->items[a->item];
            const struct kh_scale *sc = &b->scales[s->scale];
            const char *ans = a->level >= 0 && a->level < sc->nlevels
                                  ? sc->levels[a->level].name
                                  : kh_fmt_double_short(a->points, n1);
            ROW(r->code, b->units[r->unit].code, code_or_empty(b->channels, b->nchannels, r->channel),
                s->code, ans);
        }
        END();
    }

    if ((b->files & KH_FILE_POSITIONS) || b->npositions > 0) {
        BEGIN("positions.csv", "code", "name", "principal", "w_team", "w_duty", "w_eval", "dims",
              "groups");
        for (int32_t i = 0; i < b->npositions; i++) {
            const struct kh_position *p = &b->positions[i];
            ROW(p->code, txt(p->name, ""), txt(p->principal_text, p->principal ? "1" : "0"),
                txt(p->w_team_text, kh_fmt_double_short(p->w_team, n1)),
                txt(p->w_duty_text, kh_fmt_double_short(p->w_duty, n2)),
                txt(p->w_eval_text, kh_fmt_double_short(p->w_eval, n3)),
                p->dims_text ? p->dims_text : wrefs_text(&tmp, p->dims, p->ndims, dim_name, b),
                p->groups_text ? p->groups_text
                               : wrefs_text(&tmp, p->groups, p->ngroups, group_name, b));
        }
        END();
    }

    if ((b->files & KH_FILE_CADRES) || b->ncadres > 0) {
        struct kh_buf rb = KH_BUF_INIT;
        BEGIN("cadres.csv", "code", "name", "unit", "position", "responsibilities");
        for (int32_t i = 0; i < b->ncadres; i++) {
            const struct kh_cadre *c = &b->cadres[i];
            const char *resp = c->resp_text;
            if (resp == NULL) {
                kh_buf_reset(&rb);
                for (int32_t j = 0; j < c->nresp; j++)
                    kh_buf_printf(&rb, "%s%s", j ? ";" : "", b->nodes[c->resp[j]].code);
                resp = kh_buf_cstr(&rb);
            }
            const char *cells[] = {c->code, txt(c->name, ""), b->units[c->unit].code,
                                   c->position >= 0 ? b->positions[c->position].code : "", resp};
            if ((rc = k->row(ctx, cells, 5)) != 0)
                break;
        }
        kh_buf_release(&rb);
        if (rc != 0)
            goto out;
        END();
    }

    if ((b->files & KH_FILE_ADJUSTMENTS) || b->nadjustments > 0) {
        BEGIN("adjustments.csv", "subject", "indicator", "amount", "reason");
        for (int32_t i = 0; i < b->nadjustments; i++) {
            const struct kh_adjustment *a = &b->adjustments[i];
            ROW(a->subject_is_cadre ? b->cadres[a->subject].code : b->units[a->subject].code,
                b->nodes[a->node].code, kh_fmt_double_short(a->amount, n1), txt(a->reason, ""));
        }
        END();
    }
#undef CALL
#undef BEGIN
#undef ROW
#undef END
out:
    free(wide);
    kh_arena_release(&tmp);
    return rc;
}
