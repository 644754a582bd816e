/*
 * cmd-sensitivity.c — `kaohe sensitivity`: how stable are the rankings when
 * the weights move (SPEC §8; method and definitions in stability.h).
 *
 * Writes OUT/results_stability.csv and prints a summary per category (or
 * the same figures as JSON); the columns and both renderings are in
 * stability-report.h.
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
#include "kaohe/error.h"
#include "kaohe/json-dump.h"
#include "kaohe/lang.h"
#include "kaohe/numfmt.h"
#include "kaohe/stability-report.h"
#include "kaohe/stability.h"

extern const struct kh_cmd kh_cmd_sensitivity;

static int run_sensitivity(const struct kh_cmd *cmd, const struct kh_args *args)
{
    bool json = kh_args_has(args, "json");
    const char *out_dir = kh_args_get(args, "output"), *v;
    struct kh_stability_opts so = KH_STABILITY_OPTS_DEFAULT;
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
    kh_stability_render_csv(&b, &st, &out);
    char path[4096];
    snprintf(path, sizeof path, "%s/results_stability.csv", out_dir);
    if ((rc = kh__cli_write(cmd, path, &out)) != 0)
        goto out;

    kh_buf_reset(&out);
    if (json)
        kh_json_dump_buf(kh_stability_json(&b, &so, &st, dir, path), &out);
    else
        kh_stability_render_text(&b, &so, &st, path, kh_cli_lang(), &out);
    kh__cli_print(&out);
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
