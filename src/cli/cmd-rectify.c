/*
 * cmd-rectify.c — `kaohe rectify add|list|close|answer`: rectification
 * items (整改事项, SPEC §9.6).  Parse, call store-rectify.c, print; the
 * rules (final cycles only, who may add, close or answer, what carries into
 * which agreement, approval blocked while an item is unanswered) are in the
 * store, the CSV/JSON rendering in src/report/rows-format.c.
 */
#include <stdio.h>
#include <string.h>
#include "cli/cli-store.h"
#include "kaohe/buf.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/rows-format.h"
#include "kaohe/store-rectify.h"

static int run_rectify(const struct kh_cmd *cmd, const struct kh_args *a);

static const struct kh_opt opts[] = {
    {"format", 0, KH_OPT_VALUE},
    {"leaf", 0, KH_OPT_VALUE},
    {"note", 0, KH_OPT_VALUE},
    {"target", 0, KH_OPT_VALUE},
    {"unit", 0, KH_OPT_VALUE},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_rectify = {
    .name = "rectify",
    .summary_zh = "整改事项：add|list|close|answer",
    .summary_en = "rectification items: add|list|close|answer",
    .help_zh =
        "整改事项（SPEC §9.6）\n"
        "用法: kaohe rectify add 周期 单位 问题 [--leaf 指标]          已定案周期：管理员为单位记录整改事项\n"
        "      kaohe rectify list 周期 [--unit 单位] [--format csv|json]  列出该周期记录的整改事项\n"
        "      kaohe rectify close 编号 --note 整改结果                  管理员关闭（不再转入以后的协议）\n"
        "      kaohe rectify answer 周期 编号 --target 文字|--note 文字  在以后周期的绩效协议中答复\n"
        "  未关闭的整改事项转入之后各周期（cycle.csv 的 previous 链）的绩效协议；单位（或代其\n"
        "  操作的管理员）须在该周期 agreement 状态逐项答复（目标或说明），否则其目标值不能批准。\n"
        "  kaohe agreement print 列出转入的整改事项及答复。共同选项: --db 数据库  --user 用户\n",
    .help_en =
        "Rectification items (SPEC §9.6)\n"
        "usage: kaohe rectify add CYCLE UNIT TEXT [--leaf LEAF]          a final cycle: the admin records an item\n"
        "       kaohe rectify list CYCLE [--unit UNIT] [--format csv|json]  the items recorded for a cycle\n"
        "       kaohe rectify close ID --note TEXT                       the admin closes it (it carries no more)\n"
        "       kaohe rectify answer CYCLE ID --target TEXT|--note TEXT  answer it in a later agreement\n"
        "  Open items carry into the agreement of every later cycle (the previous chain of\n"
        "  cycle.csv); there, in state agreement, the unit (or the admin for it) answers each with\n"
        "  a target or a note before any of its targets can be approved.  kaohe agreement print\n"
        "  lists them with the answers.  Common options: --db DATABASE  --user NAME\n",
    .args = {opts, 1, 4},
    .run = run_rectify,
};

static const char *const list_names[] = {"id", "unit", "leaf", "text", "state", "created_at",
                                         "created_by", "closed_at", "closed_by", "close_note"};

static int run_rectify(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    const char *sub = kh_args_pos(a, 0);
    int want = strcmp(sub, "add") == 0 ? 4 : strcmp(sub, "list") == 0 ? 2
             : strcmp(sub, "close") == 0 ? 2 : strcmp(sub, "answer") == 0 ? 3 : -1;
    if (want < 0)
        return kh_cmd_usage_error(cmd, KH_TR("无法理解的子命令 %s", "bad subcommand %s"), sub);
    if (kh_args_count(a) != want)
        return kh_cmd_usage_error(cmd, KH_TR("rectify %s 的参数个数不对（见 kaohe rectify --help）",
                                             "wrong number of arguments for rectify %s (see kaohe "
                                             "rectify --help)"), sub);
    enum kh_rows_fmt fmt;
    if (kh_rows_fmt_parse(kh_args_get(a, "format"), &fmt) != 0)
        return kh_cmd_usage_error(cmd, "%s", KH_TR("--format 须为 csv 或 json", "--format is csv or json"));
    const char *target = kh_args_get(a, "target"), *note = kh_args_get(a, "note");
    if (strcmp(sub, "answer") == 0 && (target != NULL) == (note != NULL))
        return kh_cmd_usage_error(cmd, "%s", KH_TR("答复须给出 --target 或 --note 之一",
                                                   "an answer takes one of --target or --note"));
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(cmd, a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    kh_error_clear(&err);
    if (strcmp(sub, "add") == 0) {
        char id[24] = "";
        rc = kh_store_rectify_add(s, &actor, kh_args_pos(a, 1), kh_args_pos(a, 2), kh_args_pos(a, 3), kh_args_get(a, "leaf"), id, &err);
        if (rc == 0)
            printf(KH_TR("已记录整改事项 %s（%s）\n", "recorded rectification item %s (%s)\n"), id, kh_args_pos(a, 2));
    } else if (strcmp(sub, "list") == 0) {
        struct kh_buf out = KH_BUF_INIT;
        struct kh_rows_out o;
        kh_rows_out_begin(&o, fmt, list_names, (int)(sizeof list_names / sizeof list_names[0]), &out);
        rc = kh_store_rectify_list(s, &actor, kh_args_pos(a, 1), kh_args_get(a, "unit"), kh_rows_out_row, &o, &err);
        kh_rows_out_end(&o);
        if (rc == 0)
            fwrite(out.data ? out.data : "", 1, out.len, stdout);
        kh_buf_release(&out);
    } else if (strcmp(sub, "close") == 0) {
        rc = kh_store_rectify_close(s, &actor, kh_args_pos(a, 1), note, &err);
        if (rc == 0)
            printf(KH_TR("已关闭整改事项 %s\n", "closed rectification item %s\n"), kh_args_pos(a, 1));
    } else {
        rc = kh_store_rectify_answer(s, &actor, kh_args_pos(a, 1), kh_args_pos(a, 2), target ? "target" : "note",
                                     target ? target : note, &err);
        if (rc == 0)
            printf(KH_TR("已在 %s 的绩效协议中答复整改事项 %s\n",
                         "answered rectification item %2$s in the agreement of %1$s\n"), kh_args_pos(a, 1), kh_args_pos(a, 2));
    }
    kh_store_close(s);
    return rc != 0 ? kh__cli_fail(cmd, &err) : KH_EXIT_OK;
}
