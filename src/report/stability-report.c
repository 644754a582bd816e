/*
 * stability-report.c — rank stability as CSV, JSON and a terminal summary
 * (stability-report.h).
 *
 * CSV and JSON list every unit in units.csv order with the figures of
 * stability.h as computed.  The summary is for a person at a terminal: per
 * category it counts the units whose 5%–95% rank interval overlaps a
 * neighbour's (their order may flip under other defensible weights) and the
 * base top-grade units that keep that grade in at least 95% of runs, then
 * shows the first ten units by base rank — the rest are in the CSV, whose
 * path it names.
 */
#include <stdio.h>
#include "kaohe/csv.h"
#include "kaohe/json-dump.h"
#include "kaohe/msg.h"
#include "kaohe/numfmt.h"
#include "kaohe/stability-report.h"

/* Labels in the language of the call (msg.h). */
#define TR(zh, en) kh_tr(lang, zh, en)

/* Units shown per category in the summary. */
#define SHOWN_PER_CATEGORY 10

void kh_stability_render_csv(const struct kh_bundle *b, const struct kh_stability *s,
                             struct kh_buf *out)
{
    static const char *const hdr[] = {"unit", "category", "rank_base", "rank_median", "rank_p05",
                                      "rank_p95", "top_share", "overlap", "flip_share"};
    kh_csv_put_row(out, hdr, 9);
    for (int32_t u = 0; u < s->nunits; u++) {
        const struct kh_stability_unit *x = &s->units[u];
        char rb[16], p5[16], p95[16], med[32], top[32], flip[32];
        snprintf(rb, sizeof rb, "%d", x->rank_base);
        snprintf(p5, sizeof p5, "%d", x->rank_p05);
        snprintf(p95, sizeof p95, "%d", x->rank_p95);
        const char *cells[9] = {b->units[u].code, b->categories[b->units[u].category].code, rb,
                                kh_fmt_double(x->rank_median, med), p5, p95,
                                kh_fmt_double(x->top_share, top), x->overlap ? "1" : "0",
                                kh_fmt_double(x->flip_share, flip)};
        kh_csv_put_row(out, cells, 9);
    }
}

json_t *kh_stability_json(const struct kh_bundle *b, const struct kh_stability_opts *o,
                          const struct kh_stability *s, const char *bundle_dir,
                          const char *csv_path)
{
    json_t *doc = json_object(), *arr = json_array();
    json_object_set_new(doc, "bundle", json_string(bundle_dir));
    json_object_set_new(doc, "runs", json_integer(o->runs));
    json_object_set_new(doc, "delta", json_real(o->delta));
    json_object_set_new(doc, "seed", json_integer((json_int_t)o->seed));
    json_object_set_new(doc, "generator", json_string("xoshiro256** seeded by splitmix64"));
    json_object_set_new(doc, "output", json_string(csv_path));
    for (int32_t u = 0; u < s->nunits; u++) {
        const struct kh_stability_unit *x = &s->units[u];
        json_t *e = json_object();
        json_object_set_new(e, "unit", json_string(b->units[u].code));
        json_object_set_new(e, "category", json_string(b->categories[b->units[u].category].code));
        json_object_set_new(e, "rank_base", json_integer(x->rank_base));
        json_object_set_new(e, "rank_median", json_real(x->rank_median));
        json_object_set_new(e, "rank_p05", json_integer(x->rank_p05));
        json_object_set_new(e, "rank_p95", json_integer(x->rank_p95));
        json_object_set_new(e, "top_share", json_real(x->top_share));
        json_object_set_new(e, "overlap", json_boolean(x->overlap));
        json_object_set_new(e, "flip_share", kh_json_num(x->flip_share));
        json_array_append_new(arr, e);
    }
    json_object_set_new(doc, "units", arr);
    return doc;
}

void kh_stability_render_text(const struct kh_bundle *b, const struct kh_stability_opts *o,
                              const struct kh_stability *s, const char *csv_path, enum kh_lang lang,
                              struct kh_buf *out)
{
    kh_buf_printf(out, TR("排名稳定性：%d 次模拟，权重 × U(%g, %g)，种子 %llu\n",
                          "rank stability: %d runs, weights × U(%g, %g), seed %llu\n"),
                  o->runs, 1 - o->delta, 1 + o->delta, (unsigned long long)o->seed);
    for (int32_t cat = 0; cat < b->ncategories; cat++) {
        int32_t n = 0, nover = 0, nstable_top = 0, ntop = 0;
        for (int32_t u = 0; u < s->nunits; u++) {
            if (b->units[u].category != cat)
                continue;
            n++;
            nover += s->units[u].overlap;
            if (s->units[u].grade_base == 0) {
                ntop++;
                nstable_top += s->units[u].top_share >= 0.95;
            }
        }
        if (n == 0)
            continue;
        kh_buf_printf(out, TR("类别 %s：%d 个单位，%d 个与相邻名次的 5%%–95%% 区间重叠（次序可能互换）；"
                              "基准最高等次 %d 个，其中 %d 个在 ≥95%% 的模拟中保持\n",
                              "category %s: %d units, %d overlap a neighbour's 5%%–95%% interval (order may "
                              "flip); %d hold the top grade in the base run, %d of them in ≥95%% of runs\n"),
                      b->categories[cat].code, n, nover, ntop, nstable_top);
        kh_buf_printf(out, "  %-12s %6s %8s %11s %9s\n", TR("单位", "unit"), TR("基准", "base"),
                      TR("中位", "median"), "p05–p95", TR("最高等次", "top"));
        for (int32_t rank = 1, shown = 0; shown < SHOWN_PER_CATEGORY && rank <= n; rank++)
            for (int32_t u = 0; u < s->nunits && shown < SHOWN_PER_CATEGORY; u++)
                if (b->units[u].category == cat && s->units[u].rank_base == rank) {
                    const struct kh_stability_unit *x = &s->units[u];
                    char iv[32];
                    snprintf(iv, sizeof iv, "%d–%d", x->rank_p05, x->rank_p95);
                    kh_buf_printf(out, "  %-12s %6d %8.1f %11s %8.1f%%%s\n", b->units[u].code,
                                  x->rank_base, x->rank_median, iv, 100 * x->top_share,
                                  x->overlap ? "  *" : "");
                    shown++;
                }
    }
    kh_buf_printf(out, TR("（* 区间与相邻名次重叠。全部结果：%s）\n",
                          "(* interval overlaps a neighbour. All rows: %s)\n"), csv_path);
}
