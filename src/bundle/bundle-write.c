/*
 * bundle-write.c — writing the input files of a bundle (export; bundle.h,
 * FORMATS.md).
 *
 * Every file the bundle has (its bit in b->files, or any rows) is written
 * with the columns of FORMATS.md in FORMATS order — indicators.csv with one
 * weight.<CAT> column per category in category order — as UTF-8 without BOM
 * with "\n" line ends, rows in model (input) order.  Cells the model keeps
 * as written (params, raters, weights, position texts …) are written back
 * verbatim; numbers the model holds only as doubles are written with
 * kh_fmt_double_short().  Hence read → write → read → write is
 * byte-identical: the first write normalises, the second has nothing left to
 * change.  Built-in scales that were not redefined are not written, nor are
 * the implicit 弃权/不了解 levels; adjustments are written merged (they add
 * up on reading).
 *
 * Each file is written atomically (kh_buf_write_file); the first failure
 * stops and returns KH_EIO.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "kaohe/bundle.h"
#include "kaohe/buf.h"
#include "kaohe/csv.h"
#include "kaohe/numfmt.h"
#include "kaohe/xalloc.h"

static const char *txt(const char *s, const char *fallback)
{
    return s ? s : fallback;
}

static const char *code_or_empty(const char *const *codes, int32_t n, int32_t i)
{
    return i >= 0 && i < n ? codes[i] : "";
}

/* Render the weighted list "code=w;code=w" into the arena (texts absent). */
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

static const char *group_name(const struct kh_bundle *b, int32_t i)
{
    return i >= 0 && i < b->ngroups ? b->groups[i].code : "";
}

static const char *dim_name(const struct kh_bundle *b, int32_t i)
{
    return code_or_empty(b->dims, b->ndims, i);
}

static int emit(struct kh_buf *buf, const char *dir, const char *name, struct kh_error *err)
{
    char *path = kh_xmalloc(strlen(dir) + strlen(name) + 2);
    sprintf(path, "%s/%s", dir, name);
    int rc = kh_buf_write_file(buf, path, err);
    free(path);
    kh_buf_reset(buf);
    return rc;
}

#define ROW(...)                                                                   \
    do {                                                                           \
        const char *cells_[] = {__VA_ARGS__};                                      \
        kh_csv_put_row(&buf, cells_, sizeof cells_ / sizeof cells_[0]);            \
    } while (0)

int kh_bundle_write_dir(const struct kh_bundle *b, const char *dir, struct kh_error *err)
{
    struct kh_buf buf = KH_BUF_INIT;
    struct kh_arena tmp = KH_ARENA_INIT;
    int rc = 0;
    char n1[32], n2[32];
    kh_arena_init(&tmp, 0);
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        rc = kh_error_set(err, KH_EIO, dir, 0, NULL, "无法创建目录：%s (cannot create folder)",
                          strerror(errno));
        goto out;
    }
#define EMIT(name)                                            \
    do {                                                      \
        if ((rc = emit(&buf, dir, name, err)) < 0)            \
            goto out;                                         \
    } while (0)

    if ((b->files & KH_FILE_CYCLE) || b->cycle.nraw > 0) {
        ROW("key", "value");
        for (int32_t i = 0; i < b->cycle.nraw; i++)
            ROW(b->cycle.raw[i].key, b->cycle.raw[i].value);
        EMIT("cycle.csv");
    }

    ROW("code", "name");
    for (int32_t i = 0; i < b->ncategories; i++)
        ROW(b->categories[i].code, txt(b->categories[i].name, ""));
    EMIT("categories.csv");

    ROW("code", "name", "district", "category", "zone", "kind");
    for (int32_t i = 0; i < b->nunits; i++) {
        const struct kh_unit *u = &b->units[i];
        ROW(u->code, txt(u->name, ""), txt(u->district_name, ""),
            b->categories[u->category].code, txt(u->zone, ""), txt(u->kind, ""));
    }
    EMIT("units.csv");

    {
        size_t nc = 12 + (size_t)b->ncategories;
        const char **cells = kh_xcalloc(nc, sizeof *cells);
        static const char *const head[12] = {"code", "parent", "name", "kind", "measure",
                                              "direction", "method", "params", "missing",
                                              "department", "raters", "scale"};
        memcpy(cells, head, sizeof head);
        for (int32_t c = 0; c < b->ncategories; c++)
            cells[12 + c] = kh_arena_printf(&tmp, "weight.%s", b->categories[c].code);
        kh_csv_put_row(&buf, cells, nc);
        for (int32_t i = 0; i < b->nnodes; i++) {
            const struct kh_node *n = &b->nodes[i];
            cells[0] = n->code;
            cells[1] = n->parent >= 0 ? b->nodes[n->parent].code : "";
            cells[2] = txt(n->name, "");
            cells[3] = kh_node_kind_name(n->kind);
            cells[4] = txt(n->measure, "");
            cells[5] = txt(n->direction_text, n->direction == KH_COST ? "cost" : "benefit");
            cells[6] = txt(n->method_text, kh_method_name(n->method));
            cells[7] = txt(n->params_text, "");
            cells[8] = txt(n->missing_text, kh_missing_name(n->missing));
            cells[9] = txt(n->department, "");
            cells[10] = n->raters_text ? n->raters_text
                                       : wrefs_text(&tmp, n->raters, n->nraters, group_name, b);
            cells[11] = txt(n->scale_text, n->scale >= 0 ? b->scales[n->scale].name : "");
            for (int32_t c = 0; c < b->ncategories; c++)
                cells[12 + c] = n->weight_text ? n->weight_text[c]
                                               : kh_arena_strdup(&tmp, kh_fmt_double_short(
                                                                           n->weights[c], n1));
            kh_csv_put_row(&buf, cells, nc);
        }
        free(cells);
        EMIT("indicators.csv");
    }

    bool any_scale = false;
    for (int32_t s = 0; s < b->nscales; s++)
        any_scale |= !b->scales[s].builtin;
    if ((b->files & KH_FILE_SCALES) || any_scale) {
        ROW("scale", "level", "points");
        for (int32_t s = 0; s < b->nscales; s++) {
            const struct kh_scale *sc = &b->scales[s];
            if (sc->builtin)
                continue;
            for (int32_t l = 0; l < sc->nlevels; l++)
                if (!sc->levels[l].implicit)
                    ROW(sc->name, sc->levels[l].name, kh_fmt_double_short(sc->levels[l].points, n1));
        }
        EMIT("scales.csv");
    }

    if ((b->files & KH_FILE_RATER_GROUPS) || b->ngroups > 0) {
        ROW("code", "name", "combine");
        for (int32_t i = 0; i < b->ngroups; i++)
            ROW(b->groups[i].code, txt(b->groups[i].name, ""),
                txt(b->groups[i].combine_text, kh_combine_name(b->groups[i].combine)));
        EMIT("rater_groups.csv");
    }

    if ((b->files & KH_FILE_RATERS) || b->nraters > 0) {
        ROW("code", "name", "group");
        for (int32_t i = 0; i < b->nraters; i++)
            ROW(b->raters[i].code, txt(b->raters[i].name, ""), group_name(b, b->raters[i].group));
        EMIT("raters.csv");
    }

    if ((b->files & KH_FILE_TARGETS) || b->ntargets > 0) {
        ROW("unit", "indicator", "target", "baseline", "status");
        for (int32_t i = 0; i < b->ntargets; i++) {
            const struct kh_target *g = &b->targets[i];
            ROW(b->units[g->unit].code, b->nodes[g->node].code,
                kh_fmt_double_short(g->target, n1), kh_fmt_double_short(g->baseline, n2),
                txt(g->status_text, kh_target_status_name(g->status)));
        }
        EMIT("targets.csv");
    }

    if ((b->files & KH_FILE_VALUES) || b->nvalues > 0) {
        ROW("unit", "indicator", "period", "value", "source");
        for (int32_t i = 0; i < b->nvalues; i++) {
            const struct kh_value *v = &b->values[i];
            ROW(b->units[v->unit].code, b->nodes[v->node].code, kh_period_name(v->period),
                kh_fmt_double_short(v->value, n1), txt(v->source, ""));
        }
        EMIT("values.csv");
    }

    if ((b->files & KH_FILE_RATINGS) || b->nratings > 0) {
        ROW("rater", "ratee", "item", "score");
        for (int32_t i = 0; i < b->nratings; i++) {
            const struct kh_rating *r = &b->ratings[i];
            const char *ratee, *item, *score;
            const struct kh_scale *sc = NULL;
            if (r->ratee_is_cadre) {
                ratee = b->cadres[r->ratee].code;
                item = dim_name(b, r->item);
                int32_t cs = kh_strmap_get(&b->scale_ix, "cadre");
                sc = cs >= 0 ? &b->scales[cs] : NULL;
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
        EMIT("ratings.csv");
    }

    if ((b->files & KH_FILE_SURVEY_ITEMS) || b->nitems > 0) {
        ROW("code", "text", "weight", "scale");
        for (int32_t i = 0; i < b->nitems; i++) {
            const struct kh_survey_item *s = &b->items[i];
            ROW(s->code, txt(s->text, ""), txt(s->weight_text, kh_fmt_double_short(s->weight, n1)),
                s->scale >= 0 ? b->scales[s->scale].name : "");
        }
        EMIT("survey_items.csv");
    }

    if ((b->files & KH_FILE_RESPONSES) || b->nanswers > 0) {
        ROW("response", "unit", "channel", "item", "answer");
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
        EMIT("responses.csv");
    }

    if ((b->files & KH_FILE_POSITIONS) || b->npositions > 0) {
        ROW("code", "name", "principal", "w_team", "w_duty", "w_eval", "dims", "groups");
        for (int32_t i = 0; i < b->npositions; i++) {
            const struct kh_position *p = &b->positions[i];
            char n3[32];
            ROW(p->code, txt(p->name, ""), txt(p->principal_text, p->principal ? "1" : "0"),
                txt(p->w_team_text, kh_fmt_double_short(p->w_team, n1)),
                txt(p->w_duty_text, kh_fmt_double_short(p->w_duty, n2)),
                txt(p->w_eval_text, kh_fmt_double_short(p->w_eval, n3)),
                p->dims_text ? p->dims_text : wrefs_text(&tmp, p->dims, p->ndims, dim_name, b),
                p->groups_text ? p->groups_text
                               : wrefs_text(&tmp, p->groups, p->ngroups, group_name, b));
        }
        EMIT("positions.csv");
    }

    if ((b->files & KH_FILE_CADRES) || b->ncadres > 0) {
        ROW("code", "name", "unit", "position", "responsibilities");
        for (int32_t i = 0; i < b->ncadres; i++) {
            const struct kh_cadre *c = &b->cadres[i];
            const char *resp = c->resp_text;
            if (resp == NULL) {
                struct kh_buf rb = KH_BUF_INIT;
                for (int32_t k = 0; k < c->nresp; k++)
                    kh_buf_printf(&rb, "%s%s", k ? ";" : "", b->nodes[c->resp[k]].code);
                resp = kh_arena_strdup(&tmp, kh_buf_cstr(&rb));
                kh_buf_release(&rb);
            }
            ROW(c->code, txt(c->name, ""), b->units[c->unit].code,
                c->position >= 0 ? b->positions[c->position].code : "", resp);
        }
        EMIT("cadres.csv");
    }

    if ((b->files & KH_FILE_ADJUSTMENTS) || b->nadjustments > 0) {
        ROW("subject", "indicator", "amount", "reason");
        for (int32_t i = 0; i < b->nadjustments; i++) {
            const struct kh_adjustment *a = &b->adjustments[i];
            ROW(a->subject_is_cadre ? b->cadres[a->subject].code : b->units[a->subject].code,
                b->nodes[a->node].code, kh_fmt_double_short(a->amount, n1), txt(a->reason, ""));
        }
        EMIT("adjustments.csv");
    }
#undef EMIT
out:
    kh_buf_release(&buf);
    kh_arena_release(&tmp);
    return rc;
}
