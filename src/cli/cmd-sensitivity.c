/*
 * cmd-sensitivity.c — `kaohe sensitivity`: how stable are the rankings when
 * the weights move (SPEC §8; method and definitions in stability.h).
 *
 * Writes OUT/results_stability.csv with the columns
 *   unit,category,rank_base,rank_median,rank_p05,rank_p95,top_share,overlap,flip_share
 * one row per unit in units.csv order; numbers %.17g (SPEC §11.24), ranks
 * as integers, overlap 1/0, flip_share empty for the last unit of a
 * category.  Prints a summary per category (or the same figures as JSON).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/analysis-cli.h"
#include "cli/cli-bundle.h"
#include "cli/cmd.h"
#include "kaohe/bundle.h"
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/numfmt.h"
#include "kaohe/stability.h"

extern const struct kh_cmd kh_cmd_sensitivity;

static void render(const struct kh_bundle *b, const struct kh_stability *s, struct kh_buf *out)
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

static int run_sensitivity(const struct kh_cmd *cmd, const struct kh_args *args)
{
    bool json = kh_args_has(args, "json");
    const char *out_dir = kh_args_get(args, "output"), *v;
    struct kh_stability_opts so = {1000, 0.2, 1};
    long lv;
    if ((v = kh_args_get(args, "runs")) != NULL) {
        if (!kh_parse_long(v, 1, 10000000, &lv))
            return kh_cmd_usage_error(cmd, KH_TR("--runs 须为 1 到 10000000 的整数",
                                                 "--runs must be an integer from 1 to 10000000"));
        so.runs = (int32_t)lv;
    }
    if ((v = kh_args_get(args, "delta")) != NULL)
        if (!kh_parse_double(v, &so.delta) || !(so.delta >= 0 && so.delta < 1))
            return kh_cmd_usage_error(cmd, KH_TR("--delta 须在 [0, 1) 之内",
                                                 "--delta must lie in [0, 1)"));
    if ((v = kh_args_get(args, "seed")) != NULL) {
        char *end;
        errno = 0;
        unsigned long long sv = strtoull(v, &end, 10);
        if (v[0] == '\0' || v[0] == '-' || *end != '\0' || errno != 0)
            return kh_cmd_usage_error(cmd, KH_TR("--seed 须为非负整数（64 位）",
                                                 "--seed must be a non-negative 64-bit integer"));
        so.seed = (uint64_t)sv;
    }
    if (!out_dir)
        return kh_cmd_usage_error(cmd, "%s", KH_TR("需要 -o 输出目录", "-o OUT is required"));
    const char *dir = kh_args_pos(args, 0);   /* exactly one: .args */
    struct kh_bundle b = {0};
    struct kh_stability st;
    memset(&st, 0, sizeof st);
    struct kh_buf out = KH_BUF_INIT;
    int rc = kh_cli_read_bundle(cmd->name, dir, NULL, 0, &b);
    if (rc != 0)
        return rc;
    struct kh_error err;
    kh_error_clear(&err);
    if (kh_stability_run(&b, &so, &st, &err) != 0) {
        kh_cmd_print_error(cmd->name, &err);
        rc = KH_EXIT_FAIL;
        goto out;
    }
    if (mkdir(out_dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, KH_TR("kaohe sensitivity: 无法创建目录 %s: %s\n",
                              "kaohe sensitivity: cannot create %s: %s\n"), out_dir, strerror(errno));
        rc = KH_EXIT_FAIL;
        goto out;
    }
    render(&b, &st, &out);
    char path[4096];
    snprintf(path, sizeof path, "%s/results_stability.csv", out_dir);
    if ((rc = kh__cli_write(cmd, path, &out)) != 0)
        goto out;

    if (json) {
        json_t *o = json_object(), *arr = json_array();
        json_object_set_new(o, "bundle", json_string(dir));
        json_object_set_new(o, "runs", json_integer(so.runs));
        json_object_set_new(o, "delta", json_real(so.delta));
        json_object_set_new(o, "seed", json_integer((json_int_t)so.seed));
        json_object_set_new(o, "generator", json_string("xoshiro256** seeded by splitmix64"));
        json_object_set_new(o, "output", json_string(path));
        for (int32_t u = 0; u < st.nunits; u++) {
            const struct kh_stability_unit *x = &st.units[u];
            json_t *e = json_object();
            json_object_set_new(e, "unit", json_string(b.units[u].code));
            json_object_set_new(e, "category", json_string(b.categories[b.units[u].category].code));
            json_object_set_new(e, "rank_base", json_integer(x->rank_base));
            json_object_set_new(e, "rank_median", json_real(x->rank_median));
            json_object_set_new(e, "rank_p05", json_integer(x->rank_p05));
            json_object_set_new(e, "rank_p95", json_integer(x->rank_p95));
            json_object_set_new(e, "top_share", json_real(x->top_share));
            json_object_set_new(e, "overlap", json_boolean(x->overlap));
            json_object_set_new(e, "flip_share", kh__json_num(x->flip_share));
            json_array_append_new(arr, e);
        }
        json_object_set_new(o, "units", arr);
        kh__json_print(o);
        goto out;
    }
    printf(KH_TR("排名稳定性：%d 次模拟，权重 × U(%g, %g)，种子 %llu\n",
                 "rank stability: %d runs, weights × U(%g, %g), seed %llu\n"),
           so.runs, 1 - so.delta, 1 + so.delta, (unsigned long long)so.seed);
    for (int32_t cat = 0; cat < b.ncategories; cat++) {
        int32_t n = 0, nover = 0, nstable_top = 0, ntop = 0;
        for (int32_t u = 0; u < st.nunits; u++) {
            if (b.units[u].category != cat)
                continue;
            n++;
            nover += st.units[u].overlap;
            if (st.units[u].grade_base == 0) {
                ntop++;
                nstable_top += st.units[u].top_share >= 0.95;
            }
        }
        if (n == 0)
            continue;
        printf(KH_TR("类别 %s：%d 个单位，%d 个与相邻名次的 5%%–95%% 区间重叠（次序可能互换）；"
                     "基准最高等次 %d 个，其中 %d 个在 ≥95%% 的模拟中保持\n",
                     "category %s: %d units, %d overlap a neighbour's 5%%–95%% interval (order may "
                     "flip); %d hold the top grade in the base run, %d of them in ≥95%% of runs\n"),
               b.categories[cat].code, n, nover, ntop, nstable_top);
        printf("  %-12s %6s %8s %11s %9s\n", KH_TR("单位", "unit"), KH_TR("基准", "base"),
               KH_TR("中位", "median"), "p05–p95", KH_TR("最高等次", "top"));
        for (int32_t rank = 1, shown = 0; shown < 10 && rank <= n; rank++)
            for (int32_t u = 0; u < st.nunits && shown < 10; u++)
                if (b.units[u].category == cat && st.units[u].rank_base == rank) {
                    const struct kh_stability_unit *x = &st.units[u];
                    char iv[32];
                    snprintf(iv, sizeof iv, "%d–%d", x->rank_p05, x->rank_p95);
                    printf("  %-12s %6d %8.1f %11s %8.1f%%%s\n", b.units[u].code, x->rank_base,
                           x->rank_median, iv, 100 * x->top_share, x->overlap ? "  *" : "");
                    shown++;
                }
    }
    printf(KH_TR("（* 区间与相邻名次重叠。全部结果：%s）\n", "(* interval overlaps a neighbour. All rows: %s)\n"),
           path);
out:
    kh_stability_release(&st);
    kh_buf_release(&out);
    kh_bundle_release(&b);
    return rc;
}

static const struct kh_opt opts[] = {
    {"output", 'o', KH_OPT_VALUE},
    {"json", 0, 0},
    {"runs", 0, KH_OPT_VALUE},
    {"delta", 0, KH_OPT_VALUE},
    {"seed", 0, KH_OPT_VALUE},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_sensitivity = {
    .name = "sensitivity",
    .summary_zh = "敏感性分析：权重扰动下的排名稳定性",
    .summary_en = "rank stability under perturbed weights",
    .help_zh =
        "用法: kaohe sensitivity 数据包 -o 输出目录 [--runs N] [--delta D] [--seed S] [--json]\n"
        "\n"
        "做 N 次模拟（默认 1000），每次把每个类别的每个指标权重乘以 U(1−D, 1+D)（D 默认 0.2）\n"
        "后重新汇总、排名、定等次（叶指标得分不变）。随机数为 xoshiro256**（splitmix64 播种），\n"
        "同一种子在任何平台结果相同（默认种子 1）。\n"
        "\n"
        "输出 输出目录/results_stability.csv：unit,category,rank_base,rank_median,rank_p05,\n"
        "rank_p95,top_share,overlap,flip_share（类别内排名；百分位取最近秩法；overlap=1 表示\n"
        "5%–95% 区间与基准排名相邻单位的区间重叠；flip_share 为排在其后一名的单位反超它的模拟比例）。\n"
        "详见 docs/analysis.md。\n",
    .help_en =
        "usage: kaohe sensitivity BUNDLE -o OUT [--runs N] [--delta D] [--seed S] [--json]\n"
        "\n"
        "N Monte-Carlo runs (default 1000); each multiplies every node weight of every category by\n"
        "U(1−D, 1+D) (D default 0.2) and recomputes aggregation, ranks and grades (leaf scores do\n"
        "not change).  The generator is xoshiro256** seeded by splitmix64: a seed (default 1) gives\n"
        "the same results on every platform.\n"
        "\n"
        "Writes OUT/results_stability.csv: unit,category,rank_base,rank_median,rank_p05,rank_p95,\n"
        "top_share,overlap,flip_share (ranks within the category; nearest-rank percentiles;\n"
        "overlap=1 when the 5–95% interval shares a rank with a base-ranking neighbour's;\n"
        "flip_share = share of runs in which the next unit below overtook it).  See docs/analysis.md.\n",
    .args = {opts, 1, 1},
    .run = run_sensitivity,
};
