/*
 * pages-stability.c — how stable each unit's rank is under other
 * defensible weights (排名稳定性, SPEC §8): the web face of
 * `kaohe sensitivity` and of `kaohe report unit --stability`.
 *
 * /cycles/CODE/results/stability shows, per township type, each unit's
 * base rank, median rank and 5%–95% rank interval over `runs` perturbed
 * weightings (stability.h), an ECharts interval chart (one bar per unit
 * from p05 to p95, a marker at the base rank, bars that overlap a
 * neighbour's in the accent colour — the units the text summary marks
 * `*`), and links to the same table as CSV (…/stability.csv, the bytes of
 * kh_stability_render_csv, as `kaohe sensitivity` writes them).
 *
 * The bundle comes from kh_report_stored_load under results.read, the call
 * the PDF reports use: the store decides who may read (the office and
 * viewers; a unit user must not see other units' intervals, and the route
 * table keeps that role out before any work), and a cycle changed after
 * `compute` is refused rather than analysed.  Parameters: runs, delta and
 * seed with the CLI's defaults (KH_STABILITY_OPTS_DEFAULT); a bad value is
 * a 400 page in the request's language.  runs is capped at
 * MAX_RUNS for a page: the study is CPU work done inside a request.
 *
 * No cache: on the Beijing sample (182 units, 2026-12 on the 2-core build
 * machine) `kaohe sensitivity --runs 200`, bundle reading included, takes
 * 0.41 s and the default 1000 runs 0.62 s, well under the ~2 s at which
 * keeping results in memory would pay for its invalidation rules.
 */
#include <stdlib.h>
#include <string.h>
#include "http/handlers.h"
#include "kaohe/html.h"
#include "kaohe/msg-http.h"
#include "kaohe/numfmt.h"
#include "kaohe/report-stored.h"
#include "kaohe/stability-report.h"
#include "kaohe/stability.h"

/* The most runs a page computes (about 4 s on the Beijing sample). */
#define MAX_RUNS 5000

/* runs, delta and seed from the query into o; on a bad value answer 400
 * and return false. */
static bool params(struct kh_req *r, struct kh_stability_opts *o)
{
    *o = (struct kh_stability_opts)KH_STABILITY_OPTS_DEFAULT;
    const char *v;
    long lv;
    if ((v = kh__query(r, "runs")) != NULL) {
        if (!kh_parse_long(v, 1, MAX_RUNS, &lv)) {
            kh__fail_msg(r, 400, &KH_M_HTTP_STABILITY_RUNS, "5000", v, (const char *)NULL);
            return false;
        }
        o->runs = (int32_t)lv;
    }
    if ((v = kh__query(r, "delta")) != NULL &&
        (!kh_parse_double(v, &o->delta) || !(o->delta >= 0 && o->delta < 1))) {
        kh__fail_msg(r, 400, &KH_M_HTTP_STABILITY_DELTA, v, (const char *)NULL);
        return false;
    }
    if ((v = kh__query(r, "seed")) != NULL) {
        char *end;
        unsigned long long sv = v[0] >= '0' && v[0] <= '9' ? strtoull(v, &end, 10) : 0;
        if (!(v[0] >= '0' && v[0] <= '9') || *end != '\0' || sv == (unsigned long long)-1) {
            kh__fail_msg(r, 400, &KH_M_HTTP_STABILITY_SEED, v, (const char *)NULL);
            return false;
        }
        o->seed = (uint64_t)sv;
    }
    return true;
}

/* One study: its parameters, the stored cycle's bundle and results, and
 * the figures.  Zeroed bundle parts are safe to release. */
struct study {
    struct kh_stability_opts o;
    struct kh_bundle b;
    struct kh_results res;
    struct kh_stability st;
};

/* The parameters from the query, the stored cycle's bundle (loaded as the
 * PDF reports load it: the store decides) and the study on it; on failure
 * the error is answered and false returned.  Release s with study_release
 * in every case. */
static bool study_run(struct kh_req *r, struct study *s)
{
    memset(s, 0, sizeof *s);
    kh_bundle_init(&s->b);
    if (!params(r, &s->o))
        return false;
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_diags d;
    kh_diags_init(&d, 20);
    char date[16] = "";
    int rc = kh_report_stored_load(r->store, &r->actor, KH_ACT_RESULTS_READ, NULL, r->cap[0], &s->b, &s->res, date,
                                   &d, &err);
    if (rc == 0)
        rc = kh_stability_run(&s->b, &s->o, &s->st, &err);
    kh_diags_release(&d);
    if (rc != 0)
        kh__fail(r, kh__error_status(rc), &err);
    return rc == 0;
}

static void study_release(struct study *s)
{
    kh_stability_release(&s->st);
    kh_results_release(&s->res);
    kh_bundle_release(&s->b);
}

/* The query string of o, for links (no leading '?'). */
static const char *query_of(struct kh_req *r, const struct kh_stability_opts *o)
{
    return kh_arena_printf(&r->arena, "runs=%d&delta=%g&seed=%llu", (int)o->runs, o->delta,
                           (unsigned long long)o->seed);
}

/* A unit of one type with its base rank, sorted by (rank, unit). */
struct ranked {
    int32_t rank, unit;
};

static int by_rank(const void *a, const void *b)
{
    const struct ranked *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return (x->unit > y->unit) - (x->unit < y->unit);
}

/* One township type: its table (base rank order) and its chart's data. */
static void category_section(struct kh_req *r, const struct kh_bundle *b, const struct kh_stability *st,
                             int32_t cat)
{
    struct kh_buf *o = &r->out;
    int32_t n = 0;
    for (int32_t u = 0; u < b->nunits; u++)
        n += b->units[u].category == cat;
    if (n == 0)
        return;
    json_t *doc = json_pack("{s:[], s:[], s:[], s:[], s:[], s:[], s:s, s:s, s:s}", "units", "base", "lo", "hi",
                            "median", "overlap", "base_label", T(r, "基准名次", "base rank"), "interval_label",
                            T(r, "5%–95% 名次区间", "5%–95% rank interval"), "median_label",
                            T(r, "中位名次", "median rank"));
    const struct kh_category *c = &b->categories[cat];
    kh_html_put(o, "<h2>%T <span class=\"code\">%T</span></h2>"
                   "<table class=\"grid stability\" data-category=\"%A\"><thead><tr><th class=\"num\">%T</th><th>%T</th>"
                   "<th class=\"num\">%T</th><th class=\"num\">%T</th><th class=\"num\">%T</th><th class=\"num\">%T</th>"
                   "<th>%T</th></tr></thead><tbody>",
                c->name && c->name[0] ? c->name : c->code, c->code, c->code, T(r, "基准名次", "Base rank"),
                T(r, "单位", "Unit"), T(r, "中位名次", "Median rank"), "p05", "p95",
                T(r, "保持最高等次", "Keeps top grade"), T(r, "与相邻区间重叠", "Overlaps a neighbour"));
    /* base rank order; ties keep units.csv order (stability.h's neighbours) */
    struct ranked *order = kh_arena_alloc(&r->arena, (size_t)n * sizeof *order);
    n = 0;
    for (int32_t u = 0; u < b->nunits; u++)
        if (b->units[u].category == cat)
            order[n++] = (struct ranked){st->units[u].rank_base, u};
    qsort(order, (size_t)n, sizeof *order, by_rank);
    for (int32_t k = 0; k < n; k++) {
        int32_t u = order[k].unit;
        const struct kh_stability_unit *x = &st->units[u];
        char med[32], top[32];
        kh_fmt_double(x->rank_median, med);
        snprintf(top, sizeof top, "%.1f%%", 100 * x->top_share);
        kh_html_put(o, "<tr%R><td class=\"num\">%d</td><td><a href=\"/cycles/%U/results?unit=%U\">%T</a> "
                       "<span class=\"code\">%T</span></td><td class=\"num median\">%T</td>"
                       "<td class=\"num p05\">%d</td><td class=\"num p95\">%d</td><td class=\"num\">%T</td>"
                       "<td class=\"overlap\">%T</td></tr>",
                    x->overlap ? " class=\"overlap\"" : "", (int)x->rank_base, r->cap[0], b->units[u].code,
                    b->units[u].name && b->units[u].name[0] ? b->units[u].name : b->units[u].code,
                    b->units[u].code, med, (int)x->rank_p05, (int)x->rank_p95, top, x->overlap ? "*" : "");
        json_array_append_new(json_object_get(doc, "units"),
                              json_string(b->units[u].name && b->units[u].name[0] ? b->units[u].name
                                                                                  : b->units[u].code));
        json_array_append_new(json_object_get(doc, "base"), json_integer(x->rank_base));
        json_array_append_new(json_object_get(doc, "lo"), json_integer(x->rank_p05));
        json_array_append_new(json_object_get(doc, "hi"), json_integer(x->rank_p95));
        json_array_append_new(json_object_get(doc, "median"), json_real(x->rank_median));
        json_array_append_new(json_object_get(doc, "overlap"), json_boolean(x->overlap));
    }
    kh_html_put(o, "</tbody></table>");
    char *t = json_dumps(doc, JSON_COMPACT);
    kh_html_put(o, "<div class=\"chart stability-chart\" data-stability=\"%A\" data-title=\"%A\"></div>", t,
                T(r, "名次区间（横条：5%–95%；圆点：基准名次）", "Rank intervals (bar: 5%–95%; dot: base rank)"));
    free(t);
    json_decref(doc);
}

void kh__h_results_stability(struct kh_req *r)
{
    struct kh_cycle_row c;
    if (!kh__cycle(r, &c))
        return;
    struct study s;
    if (study_run(r, &s)) {
        const struct kh_stability_opts so = s.o;
        struct kh_buf *o = &r->out;
        kh__page_begin(r, T(r, "排名稳定性", "Rank stability"), &c, "results",
                       (const char *const[]){"echarts.min.js", "results.js", NULL});
        kh_html_put(o, "<p><a href=\"/cycles/%U/results\">%T</a></p>", c.code, T(r, "← 考核结果", "← Results"));
        kh_html_put(o, "<p class=\"hint\" id=\"stability-params\">%T</p>",
                    kh_arena_printf(&r->arena,
                                    T(r, "%d 次模拟，每个权重乘以 U(%g, %g) 的随机因子，种子 %llu。"
                                         "带 * 的单位其 5%%–95%% 名次区间与相邻名次的区间重叠：换一套同样合理的权重，次序可能互换。",
                                      "%d runs, every weight times a factor drawn from U(%g, %g), seed %llu. "
                                      "A unit marked * has a 5%%–95%% rank interval overlapping a neighbour's: under "
                                      "other defensible weights their order may flip."),
                                    (int)so.runs, 1 - so.delta, 1 + so.delta, (unsigned long long)so.seed));
        kh_html_put(o, "<form method=\"get\" class=\"inline\"><label>%T <input name=\"runs\" value=\"%d\" size=\"6\"></label> "
                       "<label>δ <input name=\"delta\" value=\"%A\" size=\"4\"></label> "
                       "<label>%T <input name=\"seed\" value=\"%A\" size=\"8\"></label> <button>%T</button></form>",
                    T(r, "模拟次数", "Runs"), (int)so.runs, kh_arena_printf(&r->arena, "%g", so.delta),
                    T(r, "种子", "Seed"), kh_arena_printf(&r->arena, "%llu", (unsigned long long)so.seed),
                    T(r, "重新计算", "Recompute"));
        for (int32_t cat = 0; cat < s.b.ncategories; cat++)
            category_section(r, &s.b, &s.st, cat);
        kh_html_put(o, "<p class=\"downloads\">%T <a id=\"stability-csv\" href=\"/cycles/%U/results/stability.csv?%A\">"
                       "results_stability.csv</a></p>",
                    T(r, "下载（CSV）：", "Download (CSV):"), c.code, query_of(r, &so));
        kh__page_end(r);
        kh__respond(r, 200, "text/html; charset=utf-8");
    }
    study_release(&s);
}

void kh__h_results_stability_csv(struct kh_req *r)
{
    struct study s;
    if (study_run(r, &s)) {
        kh_buf_reset(&r->out);
        kh_stability_render_csv(&s.b, &s.st, &r->out);
        r->disposition = kh_arena_printf(&r->arena, "attachment; filename=\"%s-results_stability.csv\"",
                                         kh__file_name_part(r, r->cap[0]));
        kh__respond(r, 200, "text/csv; charset=utf-8");
    }
    study_release(&s);
}
