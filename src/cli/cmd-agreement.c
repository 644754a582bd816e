/*
 * cmd-agreement.c — `kaohe agreement propose|approve|return|list|print
 * CYCLE …`: the performance agreement (绩效协议) of a stored cycle, SPEC
 * §9.2 (agreement-targets.c).  That is all "agreement" means in kaohe.
 *
 * Deprecated, for one release: `kaohe agreement BUNDLE -o OUT`, the old
 * spelling of the rater-concordance analysis, still runs it (cmd-concordance.c)
 * after a note on stderr naming the new command.  A first argument that is
 * none of the five words is taken for that old spelling.
 */
#include <stdio.h>
#include "cli/agreement-targets.h"
#include "cli/cmd.h"
#include "kaohe/lang.h"

extern const struct kh_cmd kh_cmd_agreement;
extern const struct kh_cmd kh_cmd_concordance;

static int run_agreement(const struct kh_cmd *cmd, const struct kh_args *a)
{
    if (kh_args_count(a) >= 1 && kh__agreement_is_targets(kh_args_pos(a, 0)))
        return kh__agreement_targets_run(cmd, a);
    if (kh_args_count(a) < 1)
        return kh_cmd_usage_error(cmd, "%s",
                                  KH_TR("缺少子命令 propose|approve|return|list|print",
                                        "missing subcommand propose|approve|return|list|print"));
    fprintf(stderr, "%s\n",
            KH_TR("kaohe agreement: 注意：评价一致性分析已改名为 kaohe concordance；"
                  "kaohe agreement 数据包 的写法将在下一版本移除。",
                  "kaohe agreement: note: the rater-agreement analysis is now kaohe concordance; "
                  "the spelling kaohe agreement BUNDLE will be removed in the next release."));
    return kh_cmd_concordance.run(cmd, a);
}

/* The targets' options and, for the old spelling, concordance's. */
static const struct kh_opt opts[] = {
    {"comment", 0, KH_OPT_VALUE},
    {"note", 0, KH_OPT_VALUE},
    {"unit", 0, KH_OPT_VALUE},
    {"output", 'o', KH_OPT_VALUE},
    {"json", 0, 0},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_agreement = {
    .name = "agreement",
    .summary_zh = "绩效协议：propose|approve|return|list|print",
    .summary_en = "performance agreement: propose|approve|return|list|print",
    .help_zh =
        "绩效协议（数据库中的考核周期，SPEC §9.2；周期须处于 agreement 状态）\n"
        "用法: kaohe agreement propose 周期 单位 指标 目标值 --note 理由   单位（或管理员）提出目标值\n"
        "      kaohe agreement approve 周期 单位 指标 [--comment 意见]     管理员批准\n"
        "      kaohe agreement return 周期 单位 指标 --comment 意见       管理员退回（单位可重新提出）\n"
        "      kaohe agreement list 周期 [--unit 单位]                     列出目标值、状态、理由与意见\n"
        "      kaohe agreement print 周期 单位                             打印该单位已批准目标的协议书\n"
        "  只有按目标值计分（method=target）的定量指标需要协议目标；计分只用已批准的目标。\n"
        "  共同选项: --db 数据库  --user 用户\n"
        "（评价一致性分析已改名为 kaohe concordance。）\n",
    .help_en =
        "Performance agreement of a cycle in the database (SPEC §9.2; state agreement only)\n"
        "usage: kaohe agreement propose CYCLE UNIT LEAF TARGET --note TEXT   a unit (or admin) proposes\n"
        "       kaohe agreement approve CYCLE UNIT LEAF [--comment TEXT]     the admin approves\n"
        "       kaohe agreement return CYCLE UNIT LEAF --comment TEXT        the admin returns it\n"
        "       kaohe agreement list CYCLE [--unit UNIT]                     targets, status, notes\n"
        "       kaohe agreement print CYCLE UNIT                             the signed agreement as text\n"
        "  Only quant leaves scored with method=target take agreement targets; only approved\n"
        "  targets are scored.  Common options: --db DATABASE  --user NAME\n"
        "(The rater-agreement analysis is now kaohe concordance.)\n",
    .args = {opts, 0, 5},
    .run = run_agreement,
};
