/*
 * cmd-agreement.c — `kaohe agreement`, two commands under one name:
 *
 *   kaohe agreement propose|approve|return|list|print CYCLE …
 *       the performance agreement (绩效协议) of a stored cycle, SPEC §9.2:
 *       sent to agreement-targets.c as soon as the first argument is one
 *       of those words;
 *   kaohe agreement BUNDLE -o OUT
 *       anything else: how far the raters agree (评价一致性, SPEC §8,
 *       §11.25; statistics and block rules in agreement.h).
 *
 * A bundle folder literally named `propose` (etc.) can still be analysed as
 * `kaohe agreement ./propose -o OUT`.
 *
 * The analysis:
 *
 * Writes two files into OUT (numbers %.17g, NaN as an empty cell):
 *   agreement_items.csv   group,item,ratee_kind,status,raters,ratees,
 *                         raters_total,ratees_total,kendall_w,chi2,icc21,mean
 *     one row per (rater group, item) that has counted ratings; ratee_kind
 *     `unit` (qual leaf) or `cadre` (cadre dimension); status `ok`,
 *     `too_few_raters` or `too_few_ratees`; raters/ratees the complete
 *     block, *_total everyone with a counted rating; kendall_w with tie
 *     correction, chi2 = m(n−1)W, icc21 = ICC(2,1); mean of the block.
 *   agreement_raters.csv  group,item,rater,ratees,mean,leniency,spearman,flag
 *     one row per rater of every computed block; leniency = the rater's
 *     mean − the block mean; spearman with the mean of the other raters;
 *     flag `negative_correlation` when spearman < 0, else empty.
 * Rows are ordered by group (rater_groups.csv order), units before cadres,
 * item (indicators.csv / first-use order), rater (raters.csv order).
 * Nothing is dropped or corrected: flagged raters are listed for the admin.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/agreement-targets.h"
#include "cli/analysis-cli.h"
#include "cli/cli-bundle.h"
#include "cli/cmd.h"
#include "kaohe/agreement.h"
#include "kaohe/bundle.h"
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/numfmt.h"

extern const struct kh_cmd kh_cmd_agreement;

static const char *status_name(enum kh_agreement_status s)
{
    switch (s) {
    case KH_AGREE_OK: return "ok";
    case KH_AGREE_FEW_RATERS: return "too_few_raters";
    case KH_AGREE_FEW_RATEES: return "too_few_ratees";
    }
    return "";
}

static const char *item_code(const struct kh_bundle *b, const struct kh_agreement_item *it)
{
    return it->ratee_is_cadre ? b->dims[it->item] : b->nodes[it->item].code;
}

static void render(const struct kh_bundle *b, const struct kh_agreement *a, struct kh_buf *items,
                   struct kh_buf *raters)
{
    static const char *const h1[] = {"group", "item", "ratee_kind", "status", "raters", "ratees",
                                     "raters_total", "ratees_total", "kendall_w", "chi2", "icc21",
                                     "mean"};
    static const char *const h2[] = {"group", "item", "rater", "ratees", "mean", "leniency",
                                     "spearman", "flag"};
    kh_csv_put_row(items, h1, 12);
    kh_csv_put_row(raters, h2, 8);
    for (size_t i = 0; i < a->nitems; i++) {
        const struct kh_agreement_item *it = &a->items[i];
        char n1[16], n2[16], n3[16], n4[16], w[32], chi[32], icc[32], mean[32];
        snprintf(n1, sizeof n1, "%d", it->nraters);
        snprintf(n2, sizeof n2, "%d", it->nratees);
        snprintf(n3, sizeof n3, "%d", it->raters_total);
        snprintf(n4, sizeof n4, "%d", it->ratees_total);
        const char *cells[12] = {b->groups[it->group].code, item_code(b, it),
                                 it->ratee_is_cadre ? "cadre" : "unit", status_name(it->status),
                                 n1, n2, n3, n4, kh_fmt_double(it->w, w),
                                 kh_fmt_double(it->chi2, chi), kh_fmt_double(it->icc, icc),
                                 kh_fmt_double(it->mean, mean)};
        kh_csv_put_row(items, cells, 12);
    }
    for (size_t k = 0; k < a->nraters; k++) {
        const struct kh_agreement_rater *r = &a->raters[k];
        const struct kh_agreement_item *it = &a->items[r->item_row];
        char n[16], mean[32], len[32], rho[32];
        snprintf(n, sizeof n, "%d", r->n);
        const char *cells[8] = {b->groups[it->group].code, item_code(b, it),
                                b->raters[r->rater].code, n, kh_fmt_double(r->mean, mean),
                                kh_fmt_double(r->leniency, len), kh_fmt_double(r->spearman, rho),
                                r->flagged ? "negative_correlation" : ""};
        kh_csv_put_row(raters, cells, 8);
    }
}

static int run_agreement(int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'}, {"output", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0},
    };
    const struct kh_cmd *cmd = &kh_cmd_agreement;
    if (argc >= 2 && kh__agreement_is_targets(argv[1]))
        return kh__agreement_targets_run(argc, argv);
    bool json = false;
    const char *out_dir = NULL;
    int c;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
        switch (c) {
        case 'j': json = true; break;
        case 'o': out_dir = optarg; break;
        default:
            return kh_cmd_usage_error(cmd, KH_TR("无法识别的选项 %s", "unrecognised option %s"),
                                      argv[optind - 1]);
        }
    }
    if (argc - optind != 1)
        return kh_cmd_usage_error(cmd, "%s", KH_TR("需要一个数据包目录", "give one bundle folder"));
    if (!out_dir)
        return kh_cmd_usage_error(cmd, "%s", KH_TR("需要 -o 输出目录", "-o OUT is required"));
    const char *dir = argv[optind];
    struct kh_bundle b = {0};
    struct kh_agreement a;
    memset(&a, 0, sizeof a);
    struct kh_buf f1 = KH_BUF_INIT, f2 = KH_BUF_INIT;
    int rc = kh_cli_read_bundle(cmd->name, dir, NULL, 0, &b);
    if (rc != 0)
        return rc;
    struct kh_error err;
    kh_error_clear(&err);
    if (kh_agreement_compute(&b, &a, &err) != 0) {
        kh_cmd_print_error(cmd->name, &err);
        rc = KH_EXIT_FAIL;
        goto out;
    }
    if (mkdir(out_dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, KH_TR("kaohe agreement: 无法创建目录 %s: %s\n",
                              "kaohe agreement: cannot create %s: %s\n"), out_dir, strerror(errno));
        rc = KH_EXIT_FAIL;
        goto out;
    }
    render(&b, &a, &f1, &f2);
    char p1[4096], p2[4096];
    snprintf(p1, sizeof p1, "%s/agreement_items.csv", out_dir);
    snprintf(p2, sizeof p2, "%s/agreement_raters.csv", out_dir);
    if ((rc = kh__cli_write(cmd, p1, &f1)) != 0 || (rc = kh__cli_write(cmd, p2, &f2)) != 0)
        goto out;

    if (json) {
        json_t *o = json_object(), *items = json_array(), *raters = json_array(),
               *flagged = json_array();
        json_object_set_new(o, "bundle", json_string(dir));
        for (size_t i = 0; i < a.nitems; i++) {
            const struct kh_agreement_item *it = &a.items[i];
            json_t *e = json_object();
            json_object_set_new(e, "group", json_string(b.groups[it->group].code));
            json_object_set_new(e, "item", json_string(item_code(&b, it)));
            json_object_set_new(e, "ratee_kind", json_string(it->ratee_is_cadre ? "cadre" : "unit"));
            json_object_set_new(e, "status", json_string(status_name(it->status)));
            json_object_set_new(e, "raters", json_integer(it->nraters));
            json_object_set_new(e, "ratees", json_integer(it->nratees));
            json_object_set_new(e, "raters_total", json_integer(it->raters_total));
            json_object_set_new(e, "ratees_total", json_integer(it->ratees_total));
            json_object_set_new(e, "kendall_w", kh__json_num(it->w));
            json_object_set_new(e, "chi2", kh__json_num(it->chi2));
            json_object_set_new(e, "icc21", kh__json_num(it->icc));
            json_object_set_new(e, "mean", kh__json_num(it->mean));
            json_array_append_new(items, e);
        }
        for (size_t k = 0; k < a.nraters; k++) {
            const struct kh_agreement_rater *r = &a.raters[k];
            const struct kh_agreement_item *it = &a.items[r->item_row];
            json_t *e = json_object();
            json_object_set_new(e, "group", json_string(b.groups[it->group].code));
            json_object_set_new(e, "item", json_string(item_code(&b, it)));
            json_object_set_new(e, "rater", json_string(b.raters[r->rater].code));
            json_object_set_new(e, "ratees", json_integer(r->n));
            json_object_set_new(e, "mean", kh__json_num(r->mean));
            json_object_set_new(e, "leniency", kh__json_num(r->leniency));
            json_object_set_new(e, "spearman", kh__json_num(r->spearman));
            json_object_set_new(e, "flagged", json_boolean(r->flagged));
            json_array_append_new(raters, e);
            if (r->flagged) {
                json_t *f = json_object();
                json_object_set_new(f, "rater", json_string(b.raters[r->rater].code));
                json_object_set_new(f, "group", json_string(b.groups[it->group].code));
                json_object_set_new(f, "item", json_string(item_code(&b, it)));
                json_object_set_new(f, "reason", json_string("negative_correlation"));
                json_object_set_new(f, "spearman", kh__json_num(r->spearman));
                json_array_append_new(flagged, f);
            }
        }
        json_object_set_new(o, "items", items);
        json_object_set_new(o, "raters", raters);
        json_object_set_new(o, "flagged", flagged);
        kh__json_print(o);
        goto out;
    }
    printf(KH_TR("评价一致性：%zu 个（评价组，评价项）\n", "rater agreement: %zu (group, item) blocks\n"),
           a.nitems);
    printf("  %-10s %-12s %6s %6s %9s %9s\n", KH_TR("评价组", "group"), KH_TR("评价项", "item"),
           KH_TR("评价人", "raters"), KH_TR("对象", "ratees"), "W", "ICC(2,1)");
    for (size_t i = 0; i < a.nitems; i++) {
        const struct kh_agreement_item *it = &a.items[i];
        if (it->status != KH_AGREE_OK) {
            printf("  %-10s %-12s %6d %6d  %s\n", b.groups[it->group].code, item_code(&b, it),
                   it->raters_total, it->ratees_total,
                   it->status == KH_AGREE_FEW_RATERS
                       ? KH_TR("未计算：评价人少于 2", "not computed: fewer than 2 raters")
                       : KH_TR("未计算：被所有评价人评过的对象少于 2",
                               "not computed: fewer than 2 ratees scored by every rater"));
            continue;
        }
        char w[32], icc[32];
        snprintf(w, sizeof w, it->w == it->w ? "%.4f" : "-", it->w);
        snprintf(icc, sizeof icc, it->icc == it->icc ? "%.4f" : "-", it->icc);
        printf("  %-10s %-12s %6d %6d %9s %9s\n", b.groups[it->group].code, item_code(&b, it),
               it->nraters, it->nratees, w, icc);
    }
    size_t nflag = 0;
    for (size_t k = 0; k < a.nraters; k++)
        nflag += a.raters[k].flagged;
    if (nflag == 0)
        printf("%s", KH_TR("没有与其他评价人呈负相关的评价人。\n",
                           "no rater correlates negatively with the others.\n"));
    else {
        printf(KH_TR("需要关注的评价人（%zu，仅提示，未剔除）：\n",
                     "raters to look at (%zu; listed, not removed):\n"), nflag);
        for (size_t k = 0; k < a.nraters; k++) {
            const struct kh_agreement_rater *r = &a.raters[k];
            if (!r->flagged)
                continue;
            const struct kh_agreement_item *it = &a.items[r->item_row];
            printf(KH_TR("  %s（%s，%s）：与其他评价人均值的 Spearman 相关 %.3f < 0，宽严度 %+.2f 分\n",
                         "  %s (%s, %s): Spearman correlation %.3f < 0 with the other raters' mean, "
                         "leniency %+.2f points\n"),
                   b.raters[r->rater].code, b.groups[it->group].code, item_code(&b, it),
                   r->spearman, r->leniency);
        }
    }
    printf(KH_TR("明细：%s、%s\n", "details: %s, %s\n"), p1, p2);
out:
    kh_agreement_release(&a);
    kh_buf_release(&f1);
    kh_buf_release(&f2);
    kh_bundle_release(&b);
    return rc;
}

const struct kh_cmd kh_cmd_agreement = {
    .name = "agreement",
    .summary_zh = "绩效协议（propose|approve|return|list|print）；或评价一致性分析（数据包）",
    .summary_en = "performance agreement (propose|approve|return|list|print); or rater agreement of a bundle",
    .help_zh =
        "kaohe agreement 有两种用法。\n"
        "\n"
        "一、绩效协议（数据库中的考核周期，SPEC §9.2；周期须处于 agreement 状态）\n"
        "用法: kaohe agreement propose 周期 单位 指标 目标值 --note 理由   单位（或管理员）提出目标值\n"
        "      kaohe agreement approve 周期 单位 指标 [--comment 意见]     管理员批准\n"
        "      kaohe agreement return 周期 单位 指标 --comment 意见       管理员退回（单位可重新提出）\n"
        "      kaohe agreement list 周期 [--unit 单位]                     列出目标值、状态、理由与意见\n"
        "      kaohe agreement print 周期 单位                             打印该单位已批准目标的协议书\n"
        "  只有按目标值计分（method=target）的定量指标需要协议目标；计分只用已批准的目标。\n"
        "  共同选项: --db 数据库  --user 用户\n"
        "\n"
        "二、评价一致性分析（数据包文件夹）\n"
        "用法: kaohe agreement 数据包 -o 输出目录 [--json]\n"
        "\n"
        "对每个（评价组，评价项）取该组每位评价人都评过的对象（数值分，弃权不计），计算带结校正\n"
        "的 Kendall W 和 ICC(2,1)（Shrout & Fleiss 双向随机、单个评价人、绝对一致）；评价人\n"
        "少于 2 或对象少于 2 时不计算并注明。对每位评价人计算与其余评价人均值的 Spearman 相关\n"
        "和宽严度（其均值 − 组均值）；相关为负者列出提示，不自动剔除。\n"
        "\n"
        "输出 agreement_items.csv 与 agreement_raters.csv（列见 docs/analysis.md）。\n"
        "  --json    以 JSON 输出\n"
        "  数据包文件夹恰好名为 propose 等子命令时，写成 ./propose。\n",
    .help_en =
        "kaohe agreement has two uses.\n"
        "\n"
        "1. Performance agreement of a cycle in the database (SPEC §9.2; state agreement only)\n"
        "usage: kaohe agreement propose CYCLE UNIT LEAF TARGET --note TEXT   a unit (or admin) proposes\n"
        "       kaohe agreement approve CYCLE UNIT LEAF [--comment TEXT]     the admin approves\n"
        "       kaohe agreement return CYCLE UNIT LEAF --comment TEXT        the admin returns it\n"
        "       kaohe agreement list CYCLE [--unit UNIT]                     targets, status, notes\n"
        "       kaohe agreement print CYCLE UNIT                             the signed agreement as text\n"
        "  Only quant leaves scored with method=target take agreement targets; only approved\n"
        "  targets are scored.  Common options: --db DATABASE  --user NAME\n"
        "\n"
        "2. Rater agreement of a bundle folder\n"
        "usage: kaohe agreement BUNDLE -o OUT [--json]\n"
        "\n"
        "Per (rater group, item), over the ratees scored by every rater of the group (numeric\n"
        "points, abstentions out): Kendall's W with tie correction and ICC(2,1) (Shrout & Fleiss\n"
        "two-way random, single rater, absolute agreement); with fewer than 2 raters or ratees it\n"
        "is not computed and says so.  Per rater: Spearman correlation with the mean of the other\n"
        "raters, and leniency (their mean − the group's); negative correlations are listed for\n"
        "the admin, nothing is dropped.\n"
        "\n"
        "Writes agreement_items.csv and agreement_raters.csv (columns in docs/analysis.md).\n"
        "  --json    JSON output\n"
        "  A bundle folder named like a subcommand (propose…) is written ./propose.\n",
    .run = run_agreement,
};
