/*
 * cmd-rating.c — `kaohe rating set|list`: enter a rating into a stored
 * cycle (a rater for itself, the office for paper forms) and list them.
 * The rules (who, which state, what is valid) are the store's
 * (store-ratings.c, the rating.* rows of `kaohe authz`).
 */
#include <stdio.h>
#include <string.h>
#include "cli/cli-store.h"
#include "kaohe/buf.h"
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/store-workflow.h"

static int run_rating(int argc, char **argv);

const struct kh_cmd kh_cmd_rating = {
    .name = "rating",
    .summary_zh = "录入和查看评分（评价人只能录入、查看本人的评分）",
    .summary_en = "enter and list ratings (a rater enters and sees only its own)",
    .help_zh = "用法: kaohe rating set 周期 被评对象 评价项 评分 [--rater 评价人编码]\n"
               "      kaohe rating list 周期\n"
               "  被评对象: 单位或干部编码；评价项: 定性指标或干部考核维度；评分: 量表等级或 0–100 的数。\n"
               "  rater 角色只能以本人的评价人编码录入（不写 --rater 即本人）；管理员代录须写 --rater。\n"
               "  允许的状态: setup、evaluation。共同选项: --db 数据库 --user 操作人\n",
    .help_en = "usage: kaohe rating set CYCLE RATEE ITEM SCORE [--rater RATER]\n"
               "       kaohe rating list CYCLE\n"
               "  RATEE: a unit or cadre code; ITEM: a qual leaf or cadre dimension; SCORE: a level of the\n"
               "  item's scale or a number in 0–100.  A rater user enters only as its own rater code\n"
               "  (the default); the admin typing in paper forms gives --rater.\n"
               "  Allowed in setup and evaluation.  Common options: --db DATABASE --user ACTOR\n",
    .run = run_rating,
};

static int list_row(void *ctx, int ncols, const char *const *c)
{
    if (ncols < 4)
        return 0;
    const char *row[4] = {c[0], c[1], c[2], c[3] ? c[3] : ""};
    return kh_csv_put_row(ctx, row, 4);
}

static int run_rating(int argc, char **argv)
{
    struct kh_cli_args a;
    int rc = kh__cli_args(&kh_cmd_rating, argc, argv, "rater", "", &a);
    if (rc != 0)
        return rc;
    bool set = a.npos == 5 && strcmp(a.pos[0], "set") == 0;
    bool list = a.npos == 2 && strcmp(a.pos[0], "list") == 0;
    if (!set && !list)
        return kh_cmd_usage_error(&kh_cmd_rating, "%s",
                                  KH_TR("用法: rating set 周期 被评对象 评价项 评分 | rating list 周期",
                                        "usage: rating set CYCLE RATEE ITEM SCORE | rating list CYCLE"));
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(&kh_cmd_rating, &a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    kh_error_clear(&err);
    if (set) {
        rc = kh_store_rating_set(s, &actor, a.pos[1], kh__cli_opt(&a, "rater"), a.pos[2], a.pos[3],
                                 a.pos[4], &err);
        if (rc == 0)
            printf(KH_TR("已记录评分 %s %s = %s\n", "recorded rating %s %s = %s\n"), a.pos[2], a.pos[3],
                   a.pos[4]);
    } else {
        struct kh_buf out = KH_BUF_INIT;
        kh_buf_puts(&out, "rater,ratee,item,score\n");
        rc = kh_store_ratings_list(s, &actor, a.pos[1], list_row, &out, &err);
        if (rc == 0)
            fwrite(out.data, 1, out.len, stdout);
        kh_buf_release(&out);
    }
    kh_store_close(s);
    return rc != 0 ? kh__cli_fail(&kh_cmd_rating, &err) : KH_EXIT_OK;
}
