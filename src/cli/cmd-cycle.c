/*
 * cmd-cycle.c — `kaohe cycle list|show|advance|reopen`: the cycles of the
 * database and their workflow state (SPEC §9.1).  The rules themselves are
 * in store-cycle.c; this file only parses and prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli-store.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"

static int run_cycle(const struct kh_cmd *cmd, const struct kh_args *a);

static const struct kh_opt opts[] = {
    {"reason", 0, KH_OPT_VALUE},
    {"to", 0, KH_OPT_VALUE},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_cycle = {
    .name = "cycle",
    .summary_zh = "考核周期: list|show|progress|advance|reopen",
    .summary_en = "assessment cycles: list|show|progress|advance|reopen",
    .help_zh = "用法: kaohe cycle list\n"
               "      kaohe cycle show 周期\n"
               "      kaohe cycle progress 周期   填报率（按部门）、评分完成率（按评价组）、问卷样本（按单位）\n"
               "      kaohe cycle advance 周期 [--reason 说明]   推进到下一状态（仅管理员）\n"
               "      kaohe cycle reopen 周期 --reason 原因 [--to 状态]   重新打开已定案周期（默认回到 evaluation）\n"
               "  状态: setup → agreement → tracking → evaluation → review → publicity → final\n",
    .help_en = "usage: kaohe cycle list\n"
               "       kaohe cycle show CYCLE\n"
               "       kaohe cycle progress CYCLE   values per department, ratings per rater group, survey sample per unit\n"
               "       kaohe cycle advance CYCLE [--reason TEXT]   move to the next state (admin only)\n"
               "       kaohe cycle reopen CYCLE --reason TEXT [--to STATE]   reopen a final cycle (default: evaluation)\n"
               "  states: setup → agreement → tracking → evaluation → review → publicity → final\n",
    .args = {opts, 1, 2},
    .run = run_cycle,
};

static int list_row(void *ctx, int ncols, const char *const *c)
{
    (void)ctx;
    if (ncols >= 4) {   /* code, name, state, previous */
        enum kh_cycle_state st = kh_cycle_state_parse(c[2]);
        printf("%-16s %-10s %-10s %-16s %s\n", c[0], c[2], kh_cycle_state_zh(st), c[3][0] ? c[3] : "-",
               c[1]);
    }
    return 0;
}

static int file_row(void *ctx, int ncols, const char *const *c)
{
    (void)ctx;
    if (ncols >= 3)
        printf("  %-22s %8s  %s\n", c[0], c[1], c[2]);
    return 0;
}

/* kind, key, done, expected */
static int progress_row(void *ctx, int ncols, const char *const *c)
{
    (void)ctx;
    if (ncols >= 4) {
        long done = atol(c[2]), want = atol(c[3]);
        printf("%-8s %-28s %8ld / %-8ld %5.1f%%\n", c[0], c[1][0] ? c[1] : "-", done, want,
               want > 0 ? 100.0 * (double)done / (double)want : 100.0);
    }
    return 0;
}

static int run_cycle(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    const char *sub = kh_args_pos(a, 0);
    if (strcmp(sub, "list") != 0 && kh_args_count(a) != 2)
        return kh_cmd_usage_error(cmd, "%s", KH_TR("需要考核周期编码", "a cycle code is needed"));
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(cmd, a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_cycle_row c;
    if (strcmp(sub, "list") == 0) {
        printf("%-16s %-10s %-10s %-16s %s\n", KH_TR("周期", "cycle"), KH_TR("状态", "state"), "",
               KH_TR("上一周期", "previous"), KH_TR("名称", "name"));
        rc = kh_store_cycles_list(s, &actor, list_row, NULL, &err);
    } else if (strcmp(sub, "show") == 0) {
        rc = kh_store_cycle_get(s, &actor, kh_args_pos(a, 1), &c, &err);
        long open = 0;
        if (rc == 0)
            rc = kh_store_cycle_open_appeals(s, &actor, c.code, &open, &err);
        if (rc == 0) {
            printf("%s: %s\n%s: %s\n%s: %s（%s）%s %s\n%s: %s\n%s: %s\n%s: %ld\n",
                   KH_TR("周期", "cycle"), c.code, KH_TR("名称", "name"), c.name,
                   KH_TR("状态", "state"), kh_cycle_state_zh(c.state), kh_cycle_state_name(c.state),
                   KH_TR("自", "since"), c.state_since, KH_TR("上一周期", "previous"),
                   c.previous[0] ? c.previous : "-", KH_TR("计算时间", "computed"),
                   c.computed_at[0] ? c.computed_at : KH_TR("未计算", "never"),
                   KH_TR("未处理申诉", "open appeals"), open);
            printf("%s:\n", KH_TR("文件（行数、SHA-256）", "files (rows, SHA-256)"));
            rc = kh_store_cycle_files(s, &actor, c.code, file_row, NULL, &err);
        }
    } else if (strcmp(sub, "progress") == 0) {
        rc = kh_store_cycle_progress(s, &actor, kh_args_pos(a, 1), progress_row, NULL, &err);
    } else if (strcmp(sub, "advance") == 0) {
        enum kh_cycle_state to;
        rc = kh_store_cycle_advance(s, &actor, kh_args_pos(a, 1), kh_args_get(a, "reason"), &to, &err);
        if (rc == 0)
            printf(KH_TR("考核周期 %s 进入“%s”状态\n", "cycle %s is now in state %s\n"), kh_args_pos(a, 1),
                   KH_TR(kh_cycle_state_zh(to), kh_cycle_state_name(to)));
    } else if (strcmp(sub, "reopen") == 0) {
        const char *to = kh_args_get(a, "to");
        enum kh_cycle_state st = to ? kh_cycle_state_parse(to) : KH_STATE_EVALUATION;
        if (st == KH_STATE_NONE) {
            kh_store_close(s);
            return kh_cmd_usage_error(cmd, KH_TR("未知状态 %s", "unknown state %s"), to);
        }
        rc = kh_store_cycle_reopen(s, &actor, kh_args_pos(a, 1), st, kh_args_get(a, "reason"), &err);
        if (rc == 0)
            printf(KH_TR("考核周期 %s 已重新打开，回到“%s”\n", "cycle %s reopened, back in state %s\n"),
                   kh_args_pos(a, 1), KH_TR(kh_cycle_state_zh(st), kh_cycle_state_name(st)));
    } else {
        kh_store_close(s);
        return kh_cmd_usage_error(cmd, KH_TR("无法理解的子命令 %s", "bad subcommand %s"), sub);
    }
    kh_store_close(s);
    return rc != 0 ? kh__cli_fail(cmd, &err) : KH_EXIT_OK;
}
