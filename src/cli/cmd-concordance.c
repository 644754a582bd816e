/*
 * cmd-concordance.c — `kaohe concordance BUNDLE -o OUT [--json]`: how far
 * the raters agree (评价一致性, SPEC §8, §11.25; statistics and block rules in
 * concordance.h, files in concordance-report.h).  Until this release the
 * analysis was `kaohe agreement BUNDLE`; that spelling still works for one
 * release, with a deprecation note (cmd-agreement.c).
 *
 * Writes two files into OUT (numbers %.17g, NaN as an empty cell):
 *   concordance_items.csv group,item,ratee_kind,status,raters,ratees,
 *                         raters_total,ratees_total,kendall_w,chi2,icc21,mean
 *     one row per (rater group, item) that has counted ratings; ratee_kind
 *     `unit` (qual leaf) or `cadre` (cadre dimension); status `ok`,
 *     `too_few_raters` or `too_few_ratees`; raters/ratees the complete
 *     block, *_total everyone with a counted rating; kendall_w with tie
 *     correction, chi2 = m(n−1)W, icc21 = ICC(2,1); mean of the block.
 *   concordance_raters.csv group,item,rater,ratees,mean,leniency,spearman,flag
 *     one row per rater of every computed block; leniency = the rater's
 *     mean − the block mean; spearman with the mean of the other raters;
 *     flag `negative_correlation` when spearman < 0, else empty.
 * Rows are ordered by group (rater_groups.csv order), units before cadres,
 * item (indicators.csv / first-use order), rater (raters.csv order).
 * Nothing is dropped or corrected: flagged raters are listed for the admin.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/analysis-cli.h"
#include "cli/cli-bundle.h"
#include "cli/cmd.h"
#include "kaohe/bundle.h"
#include "kaohe/concordance-report.h"
#include "kaohe/concordance.h"
#include "kaohe/error.h"
#include "kaohe/json-dump.h"
#include "kaohe/lang.h"

extern const struct kh_cmd kh_cmd_concordance;

/* self is kh_cmd_concordance, or kh_cmd_agreement for the old spelling. */
static int run_concordance(const struct kh_cmd *self, const struct kh_args *args)
{
    const struct kh_cmd *cmd = &kh_cmd_concordance;
    bool json = kh_args_has(args, "json");
    const char *out_dir = kh_args_get(args, "output");
    if (kh_args_count(args) != 1)
        return kh_cmd_usage_error(cmd, "%s", KH_TR("需要一个数据包目录", "give one bundle folder"));
    if (!out_dir)
        return kh_cmd_usage_error(cmd, "%s", KH_TR("需要 -o 输出目录", "-o OUT is required"));
    const char *dir = kh_args_pos(args, 0);
    struct kh_bundle b = {0};
    struct kh_concordance a;
    memset(&a, 0, sizeof a);
    struct kh_buf f1 = KH_BUF_INIT, f2 = KH_BUF_INIT;
    int rc = kh_cli_read_bundle(cmd->name, dir, NULL, 0, &b);
    if (rc != 0)
        return rc;
    struct kh_error err;
    kh_error_clear(&err);
    if (kh_concordance_compute(&b, &a, &err) != 0) {
        kh_cmd_print_error(cmd->name, &err);
        rc = KH_EXIT_FAIL;
        goto out;
    }
    if (mkdir(out_dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, KH_TR("kaohe concordance: 无法创建目录 %s: %s\n",
                              "kaohe concordance: cannot create %s: %s\n"), out_dir, strerror(errno));
        rc = KH_EXIT_FAIL;
        goto out;
    }
    kh_concordance_render_csv(&b, &a, &f1, &f2);
    char p1[4096], p2[4096];
    /* The deprecated spelling `kaohe agreement BUNDLE` keeps its file names. */
    const char *stem = self != cmd ? "agreement" : "concordance";
    snprintf(p1, sizeof p1, "%s/%s_items.csv", out_dir, stem);
    snprintf(p2, sizeof p2, "%s/%s_raters.csv", out_dir, stem);
    if ((rc = kh__cli_write(cmd, p1, &f1)) != 0 || (rc = kh__cli_write(cmd, p2, &f2)) != 0)
        goto out;

    kh_buf_reset(&f1);
    if (json)
        kh_json_dump_buf(kh_concordance_json(&b, &a, dir), &f1);
    else
        kh_concordance_render_text(&b, &a, p1, p2, kh_cli_lang(), &f1);
    kh__cli_print(&f1);
out:
    kh_concordance_release(&a);
    kh_buf_release(&f1);
    kh_buf_release(&f2);
    kh_bundle_release(&b);
    return rc;
}

static const struct kh_opt opts[] = {
    {"output", 'o', KH_OPT_VALUE},
    {"json", 0, 0},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_concordance = {
    .name = "concordance",
    .summary_zh = "评价一致性分析：各评价组的 Kendall W、ICC(2,1)，与他人负相关的评价人",
    .summary_en = "rater concordance: Kendall's W and ICC(2,1) per group, raters at odds with the others",
    .help_zh =
        "用法: kaohe concordance 数据包 -o 输出目录 [--json]\n"
        "\n"
        "对每个（评价组，评价项）取该组每位评价人都评过的对象（数值分，弃权不计），计算带结校正\n"
        "的 Kendall W 和 ICC(2,1)（Shrout & Fleiss 双向随机、单个评价人、绝对一致）；评价人\n"
        "少于 2 或对象少于 2 时不计算并注明。对每位评价人计算与其余评价人均值的 Spearman 相关\n"
        "和宽严度（其均值 − 组均值）；相关为负者列出提示，不自动剔除。\n"
        "\n"
        "输出 concordance_items.csv 与 concordance_raters.csv（列见 docs/analysis.md）。\n"
        "  --json    以 JSON 输出\n"
        "（旧写法 kaohe agreement 数据包 仍可用一个版本，会提示已弃用。）\n",
    .help_en =
        "usage: kaohe concordance BUNDLE -o OUT [--json]\n"
        "\n"
        "Per (rater group, item), over the ratees scored by every rater of the group (numeric\n"
        "points, abstentions out): Kendall's W with tie correction and ICC(2,1) (Shrout & Fleiss\n"
        "two-way random, single rater, absolute agreement); with fewer than 2 raters or ratees it\n"
        "is not computed and says so.  Per rater: Spearman correlation with the mean of the other\n"
        "raters, and leniency (their mean − the group's); negative correlations are listed for\n"
        "the admin, nothing is dropped.\n"
        "\n"
        "Writes concordance_items.csv and concordance_raters.csv (columns in docs/analysis.md).\n"
        "  --json    JSON output\n"
        "(The old spelling kaohe agreement BUNDLE still works for one release, with a note.)\n",
    .args = {opts, 0, -1},
    .run = run_concordance,
};
