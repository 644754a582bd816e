/*
 * cmd-publicity.c — `kaohe publicity show|set CYCLE` (SPEC §9.4): what the
 * public results page shows, for how long, and how to appeal.  The rules
 * (who, when, validation, the defaults) live in store-publicity.c.
 */
#include <stdio.h>
#include <string.h>
#include "cli/cli-store.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/store-publicity.h"

static int run_publicity(const struct kh_cmd *cmd, const struct kh_args *a);

static const struct kh_opt opts[] = {
    {"contact", 0, KH_OPT_VALUE},
    {"end", 0, KH_OPT_VALUE},
    {"howto", 0, KH_OPT_VALUE},
    {"parts", 0, KH_OPT_VALUE},
    {"start", 0, KH_OPT_VALUE},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_publicity = {
    .name = "publicity",
    .summary_zh = "公示设置: show|set",
    .summary_en = "what publicity shows: show|set",
    .help_zh = "用法: kaohe publicity show 周期\n"
               "      kaohe publicity set 周期 [--parts ranking,composite,dimensions|none]\n"
               "                             [--start YYYY-MM-DD] [--end YYYY-MM-DD]\n"
               "                             [--contact 联系方式] [--howto 申诉说明]\n"
               "  --parts 公示页显示的部分：ranking（按类别排名及等次）、composite（综合得分）、\n"
               "  dimensions（各单位一级指标得分）；未列出的部分不出现在公示页。默认全部显示，\n"
               "  公示期默认自进入公示之日起 7 天（cycle.csv 的 publicity_days）；空值恢复默认。\n"
               "  仅管理员，定案前任何状态均可设置；每次修改都记入审计。\n"
               "  共同选项: --db 数据库  --user 用户\n",
    .help_en = "usage: kaohe publicity show CYCLE\n"
               "       kaohe publicity set CYCLE [--parts ranking,composite,dimensions|none]\n"
               "                                 [--start YYYY-MM-DD] [--end YYYY-MM-DD]\n"
               "                                 [--contact TEXT] [--howto TEXT]\n"
               "  --parts: what the public page shows: ranking (per type, with grades), composite\n"
               "  (scores), dimensions (each unit's first-level scores); a part not named is absent\n"
               "  from the page.  By default all are shown, for 7 days (cycle.csv publicity_days)\n"
               "  from entering publicity; an empty value restores the default.  Admin only, in any\n"
               "  state before final; every change is audited.  Common options: --db DATABASE --user NAME\n",
    .args = {opts, 2, 2},
    .run = run_publicity,
};

static void show(const char *code, const struct kh_publicity *p)
{
    printf("%s %s\n", KH_TR("考核周期", "cycle"), code);
    printf("ranking     %s\n", p->show_ranking ? "yes" : "no");
    printf("composite   %s\n", p->show_composite ? "yes" : "no");
    printf("dimensions  %s\n", p->show_dimensions ? "yes" : "no");
    printf("start       %s%s\n", p->start[0] ? p->start : "-", p->start_chosen ? "" : KH_TR("（默认）", " (default)"));
    printf("end         %s%s\n", p->end[0] ? p->end : "-", p->end_chosen ? "" : KH_TR("（默认）", " (default)"));
    printf("contact     %s\n", p->contact[0] ? p->contact : "-");
    printf("howto       %s\n", p->howto[0] ? p->howto : KH_TR("（标准说明）", "(the standard text)"));
    printf("appeal_days %ld%s%s\n", p->appeal_days, p->appeal_deadline[0] ? KH_TR("，截止 ", ", until ") : "",
           p->appeal_deadline);
}

static int run_publicity(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    if (kh_args_count(a) != 2 || (strcmp(kh_args_pos(a, 0), "show") != 0 && strcmp(kh_args_pos(a, 0), "set") != 0))
        return kh_cmd_usage_error(cmd, "%s", KH_TR("用法: publicity show|set 周期", "usage: publicity show|set CYCLE"));
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(cmd, a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_publicity p;
    if (strcmp(kh_args_pos(a, 0), "set") == 0) {
        struct kh_publicity_change ch = {kh_args_get(a, "parts"), kh_args_get(a, "start"), kh_args_get(a, "end"),
                                         kh_args_get(a, "contact"), kh_args_get(a, "howto")};
        rc = kh_store_publicity_set(s, &actor, kh_args_pos(a, 1), &ch, &err);
    }
    if (rc == 0)
        rc = kh_store_publicity_get(s, &actor, kh_args_pos(a, 1), &p, &err);
    if (rc == 0)
        show(kh_args_pos(a, 1), &p);
    kh_store_close(s);
    return rc != 0 ? kh__cli_fail(cmd, &err) : KH_EXIT_OK;
}
