/*
 * results-csv.c — the result files of FORMATS.md, rendered from struct
 * kh_results (results-csv.h).
 *
 * What each file holds (SPEC §10, §11.21–§11.24):
 *   results_units.csv    one row per unit, units.csv order
 *   results_nodes.csv    per unit, one row per node applicable along its path
 *                        (KH_NR_APPLICABLE), in tree pre-order
 *   results_cadres.csv   one row per cadre, cadres.csv order
 *   results_surveys.csv  one row per unit when the bundle has survey items,
 *                        else the header alone
 *   warnings.csv         tracking rows; the file exists only when it has one
 *
 * Numbers go through kh_fmt_double (%.17g, -0 → 0, inf, NaN → empty), so
 * the same results give the same bytes on every run.  Each file is rendered
 * into a buffer and written to "<name>.tmp" then renamed, so a crash never
 * leaves a half-written result file under the real name.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "kaohe/results-csv.h"
#include <math.h>
#include <stdlib.h>
#include "kaohe/csv.h"
#include "kaohe/xalloc.h"
#include "kaohe/contributions.h"
#include "kaohe/error.h"
#include "kaohe/numfmt.h"
#include "kaohe/strengths.h"
#include "kaohe/msg-report.h"

const char *const kh_result_file_names[KH_RESULT_NFILES] = {
    "results_units.csv", "results_nodes.csv", "results_cadres.csv", "results_surveys.csv",
    "warnings.csv", "results_contributions.csv", "results_strengths.csv",
};

static const char *const warning_levels[] = {"green", "yellow", "red"};

/* Append one row of `n` cells. */
static int put_row(struct kh_buf *out, const char *const *cells, size_t n)
{
    return kh_csv_put_row(out, cells, n);
}

static int render_units(const struct kh_bundle *b, const struct kh_results *r, struct kh_buf *out)
{
    static const char *const header[] = {"unit", "category", "base", "bonus", "penalty", "composite",
                                         "rank_category", "rank_overall", "grade", "veto", "flags"};
    char nb[4][32], rc[16], ro[16];
    int rc_ = put_row(out, header, 11);
    for (int32_t u = 0; rc_ == 0 && u < b->nunits; u++) {
        const struct kh_unit_result *ur = &r->units[u];
        snprintf(rc, sizeof rc, "%d", (int)ur->rank_category);
        snprintf(ro, sizeof ro, "%d", (int)ur->rank_overall);
        const char *cells[11] = {
            b->units[u].code,
            b->categories[b->units[u].category].code,
            kh_fmt_double(ur->base, nb[0]),
            kh_fmt_double(ur->bonus, nb[1]),
            kh_fmt_double(ur->penalty, nb[2]),
            kh_fmt_double(ur->composite, nb[3]),
            rc,
            ro,
            b->cycle.team_grades.names[ur->grade],
            r->unit_veto ? r->unit_veto[u] : "",
            r->unit_flags ? r->unit_flags[u] : "",
        };
        rc_ = put_row(out, cells, 11);
    }
    return rc_;
}

static int render_nodes(const struct kh_bundle *b, const struct kh_results *r, struct kh_buf *out)
{
    static const char *const header[] = {"unit", "node", "value", "score", "weight_global"};
    char v[32], s[32], w[32];
    int rc = put_row(out, header, 5);
    for (int32_t u = 0; rc == 0 && u < b->nunits; u++) {
        for (int32_t i = 0; rc == 0 && i < b->nnodes; i++) {
            int32_t n = b->preorder[i];
            const struct kh_node_result *nr = kh_results_node(r, u, n);
            if (!(nr->flags & KH_NR_APPLICABLE))
                continue;
            const char *cells[5] = {
                b->units[u].code,
                b->nodes[n].code,
                (nr->flags & KH_NR_HAS_VALUE) ? kh_fmt_double(nr->value, v) : "",
                (nr->flags & KH_NR_HAS_SCORE) ? kh_fmt_double(nr->score, s) : "",
                (nr->flags & KH_NR_POINTS) ? "" : kh_fmt_double(nr->weight_global, w),
            };
            rc = put_row(out, cells, 5);
        }
    }
    return rc;
}

static int render_cadres(const struct kh_bundle *b, const struct kh_results *r, struct kh_buf *out)
{
    static const char *const header[] = {"cadre", "unit", "position", "team", "duty", "evaluation",
                                         "penalty", "score", "grade", "veto", "flags"};
    char nb[5][32];
    int rc = put_row(out, header, 11);
    for (int32_t c = 0; rc == 0 && c < b->ncadres; c++) {
        const struct kh_cadre *cd = &b->cadres[c];
        const struct kh_cadre_result *cr = &r->cadres[c];
        const char *cells[11] = {
            cd->code,
            b->units[cd->unit].code,
            b->positions[cd->position].code,
            kh_fmt_double(cr->team, nb[0]),
            cr->duty_folded ? "" : kh_fmt_double(cr->duty, nb[1]),
            kh_fmt_double(cr->evaluation, nb[2]),
            kh_fmt_double(cr->penalty, nb[3]),
            kh_fmt_double(cr->score, nb[4]),
            b->cycle.cadre_grades.names[cr->grade],
            r->cadre_veto ? r->cadre_veto[c] : "",
            r->cadre_flags ? r->cadre_flags[c] : "",
        };
        rc = put_row(out, cells, 11);
    }
    return rc;
}

static int render_surveys(const struct kh_bundle *b, const struct kh_results *r, struct kh_buf *out)
{
    static const char *const header[] = {"unit", "n", "mean", "sd", "ci_low", "ci_high", "rate",
                                         "flags"};
    char n[16], nb[5][32];
    int rc = put_row(out, header, 8);
    if (r->surveys == NULL)
        return rc;
    for (int32_t u = 0; rc == 0 && u < b->nunits; u++) {
        const struct kh_survey_result *sr = &r->surveys[u];
        snprintf(n, sizeof n, "%d", (int)sr->n);
        const char *cells[8] = {
            b->units[u].code,
            n,
            kh_fmt_double(sr->mean, nb[0]),
            kh_fmt_double(sr->sd, nb[1]),
            kh_fmt_double(sr->ci_low, nb[2]),
            kh_fmt_double(sr->ci_high, nb[3]),
            kh_fmt_double(sr->rate, nb[4]),
            r->survey_flags ? r->survey_flags[u] : "",
        };
        rc = put_row(out, cells, 8);
    }
    return rc;
}

static int render_warnings(const struct kh_bundle *b, const struct kh_results *r, struct kh_buf *out)
{
    static const char *const header[] = {"unit", "indicator", "period", "expected", "actual",
                                         "ratio", "level"};
    char nb[3][32];
    int rc = put_row(out, header, 7);
    for (int32_t i = 0; rc == 0 && i < r->nwarnings; i++) {
        const struct kh_warning *w = &r->warnings[i];
        const char *cells[7] = {
            b->units[w->unit].code,
            b->nodes[w->node].code,
            kh_period_name(w->period),
            kh_fmt_double(w->expected, nb[0]),
            kh_fmt_double(w->actual, nb[1]),
            kh_fmt_double(w->ratio, nb[2]),
            warning_levels[w->level],
        };
        rc = put_row(out, cells, 7);
    }
    return rc;
}

/* unit,leaf,contribution: per unit, its leaves with a row, in tree
 * pre-order (results_nodes.csv order); contributions.h. */
static int render_contributions(const struct kh_bundle *b, const struct kh_results *r,
                                struct kh_buf *out)
{
    static const char *const header[] = {"unit", "leaf", "contribution"};
    double *c = kh_xmalloc(((size_t)b->nnodes + 1) * sizeof *c);
    int rc = put_row(out, header, 3);
    for (int32_t u = 0; rc == 0 && u < b->nunits; u++) {
        kh_unit_contributions(b, r, u, c);
        for (int32_t i = 0; rc == 0 && i < b->nnodes; i++) {
            int32_t n = b->preorder[i];
            if (isnan(c[n]))
                continue;
            char num[32];
            const char *cells[3] = {b->units[u].code, b->nodes[n].code, kh_fmt_double(c[n], num)};
            rc = put_row(out, cells, 3);
        }
    }
    free(c);
    return rc;
}

/* One list of strengths or weaknesses of unit u. */
static int put_strengths(const struct kh_bundle *b, int32_t u, const char *kind,
                         const struct kh_strength *list, int32_t n, struct kh_buf *out)
{
    int rc = 0;
    for (int32_t i = 0; rc == 0 && i < n; i++) {
        char rank[16], nb[4][32];
        snprintf(rank, sizeof rank, "%d", (int)i + 1);
        const char *cells[8] = {b->units[u].code, kind, rank, b->nodes[list[i].leaf].code,
                                kh_fmt_double(list[i].gap, nb[0]), kh_fmt_double(list[i].score, nb[1]),
                                kh_fmt_double(list[i].mean, nb[2]), kh_fmt_double(list[i].weight, nb[3])};
        rc = put_row(out, cells, 8);
    }
    return rc;
}

/* unit,kind,rank,leaf,gap,score,type_mean,weight_global: per unit (units.csv
 * order) its strengths then its weaknesses, best first (strengths.h). */
static int render_strengths(const struct kh_bundle *b, const struct kh_results *r,
                            struct kh_buf *out)
{
    static const char *const header[] = {"unit", "kind", "rank", "leaf", "gap", "score",
                                         "type_mean", "weight_global"};
    double *means = kh_xmalloc(((size_t)b->ncategories * b->nnodes + 1) * sizeof *means);
    struct kh_strengths s;
    int rc = put_row(out, header, 8);
    kh_type_means(b, r, means);
    for (int32_t u = 0; rc == 0 && u < b->nunits; u++) {
        kh_unit_strengths(b, r, means, u, &s);
        rc = put_strengths(b, u, "strength", s.strengths, s.nstrengths, out);
        if (rc == 0)
            rc = put_strengths(b, u, "weakness", s.weaknesses, s.nweaknesses, out);
    }
    free(means);
    return rc;
}

int kh_results_render(const struct kh_bundle *b, const struct kh_results *r,
                      enum kh_result_file which, struct kh_buf *out)
{
    switch (which) {
    case KH_RESULT_UNITS:
        return render_units(b, r, out);
    case KH_RESULT_NODES:
        return render_nodes(b, r, out);
    case KH_RESULT_CADRES:
        return render_cadres(b, r, out);
    case KH_RESULT_SURVEYS:
        return render_surveys(b, r, out);
    case KH_RESULT_WARNINGS:
        return render_warnings(b, r, out);
    case KH_RESULT_CONTRIBUTIONS:
        return render_contributions(b, r, out);
    case KH_RESULT_STRENGTHS:
        return render_strengths(b, r, out);
    case KH_RESULT_NFILES:
        break;
    }
    return KH_EINVAL;
}

int kh_results_write_dir(const struct kh_bundle *b, const struct kh_results *r, const char *dir,
                         struct kh_error *err)
{
    struct kh_buf buf = KH_BUF_INIT;
    char path[4096];
    int rc = 0;

    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        rc = KH_ERR_AT(err, KH_EIO, dir, 0, NULL, RESULTS_MKDIR, strerror(errno));
        goto out;
    }
    for (int f = 0; f < KH_RESULT_NFILES; f++) {
        snprintf(path, sizeof path, "%s/%s", dir, kh_result_file_names[f]);
        if (f == KH_RESULT_WARNINGS && r->nwarnings == 0) {
            /* A stale warnings.csv from an earlier run would contradict these results. */
            if (unlink(path) != 0 && errno != ENOENT) {
                rc = KH_ERR_AT(err, KH_EIO, path, 0, NULL, RESULTS_UNLINK, strerror(errno));
                goto out;
            }
            continue;
        }
        kh_buf_reset(&buf);
        rc = kh_results_render(b, r, (enum kh_result_file)f, &buf);
        if (rc != 0) {
            KH_ERR_AT(err, rc, kh_result_file_names[f], 0, NULL, RESULTS_RENDER);
            goto out;
        }
        rc = kh_buf_write_file(&buf, path, err);
        if (rc != 0)
            goto out;
    }
out:
    kh_buf_release(&buf);
    return rc;
}
