/*
 * cmd-invite.c — `kaohe invite`: survey invitations for a unit and channel
 * (store-survey.h), printed once as CSV (unit, channel, link) for an SMS
 * system or a mail merge.  The web's invitation page also prints them as
 * a sheet of QR codes.
 */
#include <stdio.h>
#include <stdlib.h>
#include "cli/cli-store.h"
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/store-survey.h"

static int run_invite(const struct kh_cmd *cmd, const struct kh_args *a);

static const struct kh_opt opts[] = {
    {"channel", 0, KH_OPT_VALUE},
    {"count", 0, KH_OPT_VALUE},
    {"days", 0, KH_OPT_VALUE},
    {"unit", 0, KH_OPT_VALUE},
    {"url", 0, KH_OPT_VALUE},
    {"list", 0, 0},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_invite = {
    .name = "invite",
    .summary_zh = "生成满意度问卷邀请链接（每个链接只能提交一次）",
    .summary_en = "create survey invitation links (each answers once)",
    .help_zh = "用法: kaohe invite 周期 --unit 单位 --channel 渠道 --count 数量 [--days 天数] [--url 网址]\n"
               "      kaohe invite 周期 --list      各单位、渠道已发放与已回收的邀请数\n"
               "  输出 CSV（unit,channel,link），链接形如 网址/s/令牌；令牌只显示这一次。\n"
               "  --days 有效天数（默认 30）；--url 网页应用的地址（默认 http://127.0.0.1:8080）\n",
    .help_en = "usage: kaohe invite CYCLE --unit UNIT --channel CHANNEL --count N [--days D] [--url URL]\n"
               "       kaohe invite CYCLE --list      invitations issued and used per unit and channel\n"
               "  Prints CSV (unit,channel,link) with links URL/s/TOKEN; the tokens are shown this once.\n"
               "  --days validity (default 30); --url the web application's address (default http://127.0.0.1:8080)\n",
    .args = {opts, 1, 1},
    .run = run_invite,
};

struct out {
    const char *unit, *channel, *url;
    struct kh_buf line;
};

static int token_row(void *ctx, int ncols, const char *const *c)
{
    struct out *o = ctx;
    if (ncols < 1)
        return 0;
    kh_buf_reset(&o->line);
    char link[512];
    snprintf(link, sizeof link, "%s/s/%s", o->url, c[0]);
    const char *row[] = {o->unit, o->channel, link};
    kh_csv_put_row(&o->line, row, 3);
    fputs(kh_buf_cstr(&o->line), stdout);
    return 0;
}

/* unit, channel, issued, used */
static int count_row(void *ctx, int ncols, const char *const *c)
{
    (void)ctx;
    if (ncols >= 4)
        printf("%s,%s,%s,%s\n", c[0], c[1], c[2], c[3] ? c[3] : "0");
    return 0;
}

static int run_invite(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(cmd, a, false, &s, &actor)) != 0)
        return rc;
    const char *count = kh_args_get(a, "count"), *days = kh_args_get(a, "days"), *url = kh_args_get(a, "url");
    struct out o = {kh_args_get(a, "unit"), kh_args_get(a, "channel"), url ? url : "http://127.0.0.1:8080",
                    KH_BUF_INIT};
    if (o.unit == NULL)
        o.unit = "";
    if (o.channel == NULL)
        o.channel = "";
    struct kh_error err;
    kh_error_clear(&err);
    if (kh_args_get(a, "list")) {
        printf("unit,channel,issued,used\n");
        rc = kh_store_survey_counts(s, &actor, kh_args_pos(a, 0), count_row, NULL, &err);
        kh_store_close(s);
        return rc != 0 ? kh__cli_fail(cmd, &err) : KH_EXIT_OK;
    }
    printf("unit,channel,link\n");
    rc = kh_store_survey_invite(s, &actor, kh_args_pos(a, 0), o.unit, o.channel, count ? atol(count) : 0,
                                days ? atol(days) : 30, token_row, &o, &err);
    kh_buf_release(&o.line);
    kh_store_close(s);
    return rc != 0 ? kh__cli_fail(cmd, &err) : KH_EXIT_OK;
}
