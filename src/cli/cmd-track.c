/*
 * cmd-track.c — `kaohe track`: values entered after import (SPEC §9.3) and
 * the progress warnings they raise.
 *
 *   kaohe track CYCLE UNIT LEAF PERIOD VALUE [--source TEXT]
 *       enter a cumulative tracking value (Q1…Q4, M01…M12; state tracking)
 *       or a year-end value (Y; state evaluation), then list that unit's
 *       warnings;
 *   kaohe track CYCLE [--unit UNIT] [--all]
 *       list the warnings (yellow and red; --all adds green).
 *
 * Warnings are computed, not stored: the cycle is loaded and run through
 * the engine in memory (store-load.h, engine.h), exactly as `compute` would
 * produce warnings.csv, so the list is always current.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli-store.h"
#include "kaohe/engine.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/numfmt.h"
#include "kaohe/store-load.h"
#include "kaohe/store-workflow.h"

static int run_track(const struct kh_cmd *cmd, const struct kh_args *a);

static const struct kh_opt opts[] = {
    {"source", 0, KH_OPT_VALUE},
    {"unit", 0, KH_OPT_VALUE},
    {"all", 0, 0},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_track = {
    .name = "track",
    .summary_zh = "过程跟踪：填报季度/月度值（或评价阶段的年末值），列出进度预警",
    .summary_en = "tracking: enter period values (or year-end values in evaluation), list warnings",
    .help_zh = "用法: kaohe track 周期 单位 指标 期间 数值 [--source 来源]   填报一个值\n"
               "      kaohe track 周期 [--unit 单位] [--all]               列出进度预警\n"
               "  期间 Q1…Q4、M01…M12 为累计跟踪值：周期处于 tracking（或 setup）状态，\n"
               "    管理员、填报员或本单位可以填报；\n"
               "  期间 Y 为年末值：周期处于 evaluation（或 setup）状态，管理员或填报员填报。\n"
               "  进度 = 实际 / (目标 × 已过时间比例)；≥0.95 绿，≥0.80 黄，否则红（预警）。\n"
               "  默认只列黄、红；--all 也列绿。共同选项: --db 数据库  --user 用户\n",
    .help_en = "usage: kaohe track CYCLE UNIT LEAF PERIOD VALUE [--source TEXT]   enter one value\n"
               "       kaohe track CYCLE [--unit UNIT] [--all]                    list the warnings\n"
               "  Periods Q1…Q4, M01…M12 are cumulative tracking values: state tracking (or setup);\n"
               "    admin, reporter or the unit itself.\n"
               "  Period Y is the year-end value: state evaluation (or setup); admin or reporter.\n"
               "  Progress = actual / (target × elapsed share); ≥0.95 green, ≥0.80 yellow, else red.\n"
               "  Yellow and red are listed; --all adds green.  Common options: --db  --user\n",
    .args = {opts, 1, 5},
    .run = run_track,
};

struct warn_ctx {
    bool all;
    int shown, counts[3];
};

/* unit, indicator, period, expected, actual, ratio, level */
static int warn_row(void *ctx, int ncols, const char *const *c)
{
    struct warn_ctx *x = ctx;
    if (ncols < 7)
        return 0;
    int level = strcmp(c[6], "red") == 0 ? 2 : strcmp(c[6], "yellow") == 0 ? 1 : 0;
    static const char *const zh[] = {"绿", "黄", "红"};
    static const char *const en[] = {"green", "yellow", "red"};
    x->counts[level]++;
    if (level == 0 && !x->all)
        return 0;
    if (x->shown++ == 0)
        printf("%-12s %-12s %-6s %14s %14s %8s  %s\n", KH_TR("单位", "unit"), KH_TR("指标", "indicator"),
               KH_TR("期间", "period"), KH_TR("应达", "expected"), KH_TR("实际", "actual"),
               KH_TR("进度", "ratio"), KH_TR("预警", "level"));
    printf("%-12s %-12s %-6s %14s %14s %8.3f  %s\n", c[0], c[1], c[2], c[3], c[4], atof(c[5]),
           KH_TR(zh[level], en[level]));
    return 0;
}

static int list_warnings(struct kh_store *s, const struct kh_actor *actor, const char *cycle,
                         const char *unit, bool all, struct kh_diags *d, struct kh_error *err)
{
    struct warn_ctx x = {.all = all};
    int rc = kh_store_progress(s, actor, cycle, unit, warn_row, &x, d, err);
    if (rc == 0)
        printf(KH_TR("进度预警：绿 %d，黄 %d，红 %d\n", "progress: green %d, yellow %d, red %d\n"),
               x.counts[0], x.counts[1], x.counts[2]);
    return rc;
}

static int run_track(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    if (kh_args_count(a) != 1 && kh_args_count(a) != 5)
        return kh_cmd_usage_error(cmd, "%s", KH_TR("用法: track 周期 [单位 指标 期间 数值]",
                                                   "usage: track CYCLE [UNIT LEAF PERIOD VALUE]"));
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(cmd, a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    struct kh_diags d;
    kh_error_clear(&err);
    kh_diags_init(&d, 0);
    const char *unit = kh_args_get(a, "unit");
    if (kh_args_count(a) == 5) {
        rc = kh_store_value_set(s, &actor, kh_args_pos(a, 0), kh_args_pos(a, 1), kh_args_pos(a, 2), kh_args_pos(a, 3), kh_args_pos(a, 4),
                                kh_args_get(a, "source"), &err);
        if (rc == 0)
            printf(KH_TR("已记录 %s %s %s = %s\n", "recorded %s %s %s = %s\n"), kh_args_pos(a, 1), kh_args_pos(a, 2),
                   kh_args_pos(a, 3), kh_args_pos(a, 4));
        unit = kh_args_pos(a, 1);
    }
    if (rc == 0) {
        rc = list_warnings(s, &actor, kh_args_pos(a, 0), unit, kh_args_has(a, "all"), &d, &err);
        if (rc != 0 && kh_args_count(a) == 5) {
            /* the value is stored; the cycle just cannot be evaluated yet */
            kh_cmd_print_diags(&d);
            fprintf(stderr, KH_TR("kaohe track: 暂时无法计算预警：%s\n",
                                  "kaohe track: warnings cannot be computed yet: %s\n"),
                    kh_error_text(&err, kh_cli_lang(), (char[800]){0}, 800));
            rc = 0;
        }
    }
    if (rc != 0)
        kh_cmd_print_diags(&d);
    kh_diags_release(&d);
    kh_store_close(s);
    return rc != 0 ? kh__cli_fail(cmd, &err) : KH_EXIT_OK;
}
