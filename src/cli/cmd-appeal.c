/*
 * cmd-appeal.c — `kaohe appeal file|accept|reject|list` (SPEC §9.4).  The
 * rules (publicity only, the appeal_days deadline, who may decide, the
 * recompute on accept) live in store-appeal.c.
 */
#include <stdio.h>
#include <string.h>
#include "cli/cli-store.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/store-workflow.h"

static int run_appeal(int argc, char **argv);

const struct kh_cmd kh_cmd_appeal = {
    .name = "appeal",
    .summary_zh = "公示期申诉: file|accept|reject|list",
    .summary_en = "appeals during publicity: file|accept|reject|list",
    .help_zh = "用法: kaohe appeal file 周期 单位 指标 --reason 理由   单位对某一末级指标提出复核申请\n"
               "      kaohe appeal accept 编号 --value 更正后的年末值 --reason 说明   受理：更正数据并重新计算\n"
               "      kaohe appeal reject 编号 --reason 理由            驳回\n"
               "      kaohe appeal list 周期 [--open]                   列出申诉\n"
               "  只能在 publicity（公示）状态进行；申诉须在进入公示后 appeal_days 天内提出\n"
               "  （cycle.csv，默认 15 天）。受理、驳回仅限管理员。有未处理申诉时周期不能定案。\n"
               "  共同选项: --db 数据库  --user 用户\n",
    .help_en = "usage: kaohe appeal file CYCLE UNIT LEAF --reason TEXT    a unit asks for a review of one leaf\n"
               "       kaohe appeal accept ID --value V --reason TEXT    accept: correct the year-end value, recompute\n"
               "       kaohe appeal reject ID --reason TEXT              reject\n"
               "       kaohe appeal list CYCLE [--open]                  list the appeals\n"
               "  Only in state publicity; an appeal is filed within appeal_days (cycle.csv, default\n"
               "  15) of the cycle entering publicity.  Only the admin decides.  Open appeals block\n"
               "  final.  Common options: --db DATABASE  --user NAME\n",
    .run = run_appeal,
};

static int list_row(void *ctx, int ncols, const char *const *c)
{
    (void)ctx;
    if (ncols < 11)
        return 0;
    printf("%-5s %-12s %-12s %-9s %s %s  %s\n", c[0], c[1], c[2], c[3], c[5], c[6], c[4]);
    if (c[7] && c[7][0])
        printf("      %s %s %s%s%s: %s\n", KH_TR("处理", "decided by"), c[7], c[8],
               c[10] && c[10][0] ? " value=" : "", c[10] ? c[10] : "", c[9]);
    return 0;
}

static int run_appeal(int argc, char **argv)
{
    const struct kh_cmd *cmd = &kh_cmd_appeal;
    struct kh_cli_args a;
    int rc = kh__cli_args(cmd, argc, argv, "reason value", "open", &a);
    if (rc != 0)
        return rc;
    if (a.npos < 1)
        return kh_cmd_usage_error(cmd, "%s", KH_TR("缺少子命令", "missing subcommand"));
    const char *sub = a.pos[0];
    int want = strcmp(sub, "file") == 0 ? 4 : strcmp(sub, "accept") == 0 || strcmp(sub, "reject") == 0
                                                  || strcmp(sub, "list") == 0 ? 2 : -1;
    if (want < 0)
        return kh_cmd_usage_error(cmd, KH_TR("无法理解的子命令 %s", "bad subcommand %s"), sub);
    if (a.npos != want)
        return kh_cmd_usage_error(cmd, KH_TR("appeal %s 的参数个数不对", "wrong arguments for appeal %s"),
                                  sub);
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(cmd, &a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    struct kh_diags d;
    kh_error_clear(&err);
    kh_diags_init(&d, 0);
    const char *reason = kh__cli_opt(&a, "reason");
    if (strcmp(sub, "file") == 0) {
        char id[24] = "";
        rc = kh_store_appeal_file(s, &actor, a.pos[1], a.pos[2], a.pos[3], reason, id, &err);
        if (rc == 0)
            printf(KH_TR("已提出申诉 %s（%s %s）\n", "filed appeal %s (%s %s)\n"), id, a.pos[2], a.pos[3]);
    } else if (strcmp(sub, "list") == 0) {
        printf("%-5s %-12s %-12s %-9s %s\n", KH_TR("编号", "id"), KH_TR("单位", "unit"),
               KH_TR("指标", "indicator"), KH_TR("状态", "state"),
               KH_TR("提出人 时间  理由", "filed by, at, reason"));
        rc = kh_store_appeals_list(s, &actor, a.pos[1], kh__cli_opt(&a, "open") != NULL, list_row, NULL, &err);
    } else {
        bool accept = strcmp(sub, "accept") == 0;
        rc = kh_store_appeal_decide(s, &actor, a.pos[1], accept, kh__cli_opt(&a, "value"), reason, &d, &err);
        if (rc == 0)
            printf(accept ? KH_TR("已受理申诉 %s，数据已更正并重新计算\n",
                                  "accepted appeal %s: value corrected, cycle recomputed\n")
                          : KH_TR("已驳回申诉 %s\n", "rejected appeal %s\n"), a.pos[1]);
    }
    if (rc != 0)
        kh_cmd_print_diags(&d);
    kh_diags_release(&d);
    kh_store_close(s);
    return rc != 0 ? kh__cli_fail(cmd, &err) : KH_EXIT_OK;
}
