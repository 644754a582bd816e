/*
 * cmd-rating.c — `kaohe rating set|submit|reopen|forms|list`: enter a
 * rating into a stored cycle (a rater drafts its own form, the office
 * types in paper forms), submit a rater's form for one ratee, reopen a
 * submitted form (the office), and list ratings and forms.  The rules
 * (who, which state, what is valid, what a submission freezes) are the
 * store's (store-ratings.c, store-rating-forms.c, the rating.* rows of
 * `kaohe authz`).
 */
#include <stdio.h>
#include <string.h>
#include "cli/cli-store.h"
#include "kaohe/buf.h"
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/store-workflow.h"

static int run_rating(const struct kh_cmd *cmd, const struct kh_args *a);

static const struct kh_opt opts[] = {
    {"rater", 0, KH_OPT_VALUE},
    {"reason", 0, KH_OPT_VALUE},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_rating = {
    .name = "rating",
    .summary_zh = "录入、提交和查看评分（评价人只能录入、查看本人的评分）",
    .summary_en = "enter, submit and list ratings (a rater enters and sees only its own)",
    .help_zh = "用法: kaohe rating set 周期 被评对象 评价项 评分 [--rater 评价人编码]\n"
               "      kaohe rating submit 周期 被评对象\n"
               "      kaohe rating reopen 周期 评价人编码 被评对象 --reason 理由\n"
               "      kaohe rating forms 周期\n"
               "      kaohe rating list 周期\n"
               "  被评对象: 单位或干部编码；评价项: 定性指标或干部考核维度；评分: 量表等级或 0–100 的数。\n"
               "  rater 角色录入的是草稿（不写 --rater 即本人），submit 后计入评分并只读；\n"
               "  管理员代录纸质评分表须写 --rater，直接计入评分；reopen（管理员，年终评价阶段）\n"
               "  重新开放已提交的评分表，须写理由。forms 列出每个（评价人, 被评对象）的提交状态。\n"
               "  list 的 status 列: submitted 已提交、entered 已计入未提交、draft 草稿（仅本人可见）。\n"
               "  允许的状态: setup、evaluation。共同选项: --db 数据库 --user 操作人\n",
    .help_en = "usage: kaohe rating set CYCLE RATEE ITEM SCORE [--rater RATER]\n"
               "       kaohe rating submit CYCLE RATEE\n"
               "       kaohe rating reopen CYCLE RATER RATEE --reason TEXT\n"
               "       kaohe rating forms CYCLE\n"
               "       kaohe rating list CYCLE\n"
               "  RATEE: a unit or cadre code; ITEM: a qual leaf or cadre dimension; SCORE: a level of the\n"
               "  item's scale or a number in 0–100.  A rater user's entry is a draft of its own form (the\n"
               "  default rater); `submit` makes the drafts for RATEE count and the form read-only.  The\n"
               "  admin typing in paper forms gives --rater and the rating counts at once; `reopen` (admin,\n"
               "  evaluation) makes a submitted form editable again and needs a reason.  `forms` lists the\n"
               "  status of every (rater, ratee); `list` has a status column: submitted, entered (counts,\n"
               "  not submitted), draft (the rater's own only).\n"
               "  Allowed in setup and evaluation.  Common options: --db DATABASE --user ACTOR\n",
    .args = {opts, 0, 5},
    .run = run_rating,
};

/* Print the first n cells of each row as CSV. */
struct list_ctx {
    struct kh_buf *out;
    int n;
};

static int list_row(void *ctx, int ncols, const char *const *c)
{
    struct list_ctx *x = ctx;
    if (ncols < x->n)
        return 0;
    const char *row[8];
    for (int i = 0; i < x->n; i++)
        row[i] = c[i] ? c[i] : "";
    return kh_csv_put_row(x->out, row, (size_t)x->n);
}

static int run_rating(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    const char *sub = kh_args_count(a) > 0 ? kh_args_pos(a, 0) : "";
    bool set = kh_args_count(a) == 5 && strcmp(sub, "set") == 0;
    bool submit = kh_args_count(a) == 3 && strcmp(sub, "submit") == 0;
    bool reopen = kh_args_count(a) == 4 && strcmp(sub, "reopen") == 0;
    bool forms = kh_args_count(a) == 2 && strcmp(sub, "forms") == 0;
    bool list = kh_args_count(a) == 2 && strcmp(sub, "list") == 0;
    if (!set && !submit && !reopen && !forms && !list)
        return kh_cmd_usage_error(cmd, "%s",
                                  KH_TR("用法: rating set 周期 被评对象 评价项 评分 | rating submit 周期 被评对象 | "
                                        "rating reopen 周期 评价人 被评对象 --reason 理由 | rating forms 周期 | "
                                        "rating list 周期",
                                        "usage: rating set CYCLE RATEE ITEM SCORE | rating submit CYCLE RATEE | "
                                        "rating reopen CYCLE RATER RATEE --reason TEXT | rating forms CYCLE | "
                                        "rating list CYCLE"));
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(cmd, a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    kh_error_clear(&err);
    if (set) {
        rc = kh_store_rating_set(s, &actor, kh_args_pos(a, 1), kh_args_get(a, "rater"), kh_args_pos(a, 2), kh_args_pos(a, 3),
                                 kh_args_pos(a, 4), &err);
        if (rc == 0 && actor.role == KH_ROLE_RATER)
            printf(KH_TR("已保存草稿 %s %s = %s（提交后才计入评分）\n",
                         "draft saved %s %s = %s (it counts once submitted)\n"), kh_args_pos(a, 2), kh_args_pos(a, 3), kh_args_pos(a, 4));
        else if (rc == 0)
            printf(KH_TR("已记录评分 %s %s = %s\n", "recorded rating %s %s = %s\n"), kh_args_pos(a, 2), kh_args_pos(a, 3),
                   kh_args_pos(a, 4));
    } else if (submit) {
        char at[32];
        long moved = 0;
        rc = kh_store_rating_submit(s, &actor, kh_args_pos(a, 1), kh_args_get(a, "rater"), kh_args_pos(a, 2), at, &moved, &err);
        if (rc == 0)
            printf(KH_TR("已提交对 %s 的评分表（%ld 项草稿计入评分），%s 起只读\n",
                         "submitted the form for %s (%ld drafts now count), read-only since %s\n"),
                   kh_args_pos(a, 2), moved, at);
    } else if (reopen) {
        rc = kh_store_rating_reopen(s, &actor, kh_args_pos(a, 1), kh_args_pos(a, 2), kh_args_pos(a, 3), kh_args_get(a, "reason"), &err);
        if (rc == 0)
            printf(KH_TR("已重新开放评价人 %s 对 %s 的评分表\n", "reopened the form of rater %s for %s\n"),
                   kh_args_pos(a, 2), kh_args_pos(a, 3));
    } else {
        struct kh_buf out = KH_BUF_INIT;
        struct list_ctx x = {&out, forms ? 6 : 5};
        kh_buf_puts(&out, forms ? "rater,ratee,status,submitted_at,drafts,ratings\n"
                                : "rater,ratee,item,score,status\n");
        rc = forms ? kh_store_rating_forms(s, &actor, kh_args_pos(a, 1), list_row, &x, &err)
                   : kh_store_ratings_list(s, &actor, kh_args_pos(a, 1), list_row, &x, &err);
        if (rc == 0)
            fwrite(out.data, 1, out.len, stdout);
        kh_buf_release(&out);
    }
    kh_store_close(s);
    return rc != 0 ? kh__cli_fail(cmd, &err) : KH_EXIT_OK;
}
