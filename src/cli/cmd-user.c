/*
 * cmd-user.c — `kaohe user add|list|passwd|disable|enable|token`: the people who
 * may act on the database and their roles (SPEC §1).  Only an admin manages
 * users; anyone may change their own password.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli-store.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/msg-cli.h"
#include "kaohe/store-session.h"

static int run_user(const struct kh_cmd *cmd, const struct kh_args *a);

static const struct kh_opt opts[] = {
    {"days", 0, KH_OPT_VALUE},
    {"department", 0, KH_OPT_VALUE},
    {"label", 0, KH_OPT_VALUE},
    {"lang", 0, KH_OPT_VALUE},
    {"rater", 0, KH_OPT_VALUE},
    {"role", 0, KH_OPT_VALUE},
    {"unit", 0, KH_OPT_VALUE},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_user = {
    .name = "user",
    .summary_zh = "管理用户: add|list|passwd|disable|enable|token",
    .summary_en = "manage users: add|list|passwd|disable|enable|token",
    .help_zh = "用法: kaohe user add 用户名 --role admin|reporter|rater|unit|viewer\n"
               "            [--unit 单位编码] [--department 部门] [--rater 评价人编码] [--lang zh|en]\n"
               "      （unit 角色需 --unit，reporter 需 --department，rater 需 --rater）\n"
               "      kaohe user list\n"
               "      kaohe user passwd 用户名      （新密码取自 KAOHE_NEW_PASSWORD 或终端）\n"
               "      kaohe user disable|enable 用户名\n"
               "      kaohe user token 用户名 --label 名称 [--days 天数]   （为脚本创建 API 令牌，只显示一次）\n"
               "  共同选项: --db 数据库 --user 操作人\n",
    .help_en = "usage: kaohe user add NAME --role admin|reporter|rater|unit|viewer\n"
               "            [--unit UNIT] [--department DEPT] [--rater RATER] [--lang zh|en]\n"
               "       (role unit needs --unit, reporter --department, rater --rater)\n"
               "       kaohe user list\n"
               "       kaohe user passwd NAME      (new password from KAOHE_NEW_PASSWORD or the terminal)\n"
               "       kaohe user disable|enable NAME\n"
               "       kaohe user token NAME --label LABEL [--days N]   (an API token for scripts, shown once)\n"
               "  common options: --db DATABASE --user ACTOR\n",
    .args = {opts, 1, 2},
    .run = run_user,
};

/* name, role, unit, department, rater, has_password, disabled */
static int list_row(void *ctx, int ncols, const char *const *c)
{
    (void)ctx;
    if (ncols < 7)
        return 0;
    char bound[300];
    snprintf(bound, sizeof bound, "%s%s%s", c[2][0] ? c[2] : "", c[3][0] ? c[3] : "",
             c[4][0] ? c[4] : "");
    printf("%-16s %-9s %-20s %-8s %s\n", c[0], c[1], bound[0] ? bound : "-",
           c[5][0] == '1' ? KH_TR("有密码", "password") : KH_TR("无密码", "none"),
           c[6][0] == '1' ? KH_TR("已停用", "disabled") : KH_TR("启用", "enabled"));
    return 0;
}

static int new_password(char *pw, size_t n)
{
    const char *env = getenv("KAOHE_NEW_PASSWORD");
    if (env) {
        snprintf(pw, n, "%s", env);
        return 0;
    }
    char again[256];
    unsetenv("KAOHE_PASSWORD");   /* the prompt must not take the actor's password */
    if (kh__cli_password(KH_TR("新密码: ", "new password: "), pw, n) != 0 ||
        kh__cli_password(KH_TR("再输入一次: ", "again: "), again, sizeof again) != 0)
        return -1;
    return strcmp(pw, again) == 0 ? 0 : -2;
}

static int run_user(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    const char *sub = kh_args_pos(a, 0);
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(cmd, a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    kh_error_clear(&err);
    const char *name = kh_args_count(a) == 2 ? kh_args_pos(a, 1) : NULL;
    if (strcmp(sub, "list") == 0 && kh_args_count(a) == 1) {
        printf("%-16s %-9s %-20s %-8s %s\n", KH_TR("用户", "user"), KH_TR("角色", "role"),
               KH_TR("范围", "bound to"), KH_TR("密码", "password"), KH_TR("状态", "status"));
        rc = kh_store_users_list(s, &actor, list_row, NULL, &err);
    } else if (strcmp(sub, "add") == 0 && name != NULL) {
        struct kh_user u = {.role = KH_ROLE_NONE};
        const char *role = kh_args_get(a, "role");
        const char *unit = kh_args_get(a, "unit"), *dept = kh_args_get(a, "department");
        const char *rater = kh_args_get(a, "rater"), *lang = kh_args_get(a, "lang");
        snprintf(u.name, sizeof u.name, "%s", name);
        u.role = role ? kh_role_parse(role) : KH_ROLE_NONE;
        snprintf(u.unit, sizeof u.unit, "%s", unit ? unit : "");
        snprintf(u.department, sizeof u.department, "%s", dept ? dept : "");
        snprintf(u.rater, sizeof u.rater, "%s", rater ? rater : "");
        snprintf(u.lang, sizeof u.lang, "%s", lang ? kh_lang_code(kh_lang_parse(lang)) : "");
        rc = kh_store_user_add(s, &actor, &u, getenv("KAOHE_NEW_PASSWORD"), &err);
        if (rc == 0)
            printf(KH_TR("已添加用户 %s（%s）\n", "added user %s (%s)\n"), name, kh_role_name(u.role));
    } else if (strcmp(sub, "passwd") == 0 && name != NULL) {
        char pw[256];
        int k = new_password(pw, sizeof pw);
        if (k != 0)
            rc = k == -2 ? KH_ERR(&err, KH_EUSAGE, CLI_PASSWORDS_DIFFER) : KH_ERR(&err, KH_EUSAGE, CLI_NEW_PASSWORD);
        else
            rc = kh_store_user_passwd(s, &actor, name, pw, &err);
        memset(pw, 0, sizeof pw);
        if (rc == 0)
            printf(KH_TR("已设置 %s 的密码\n", "password of %s set\n"), name);
    } else if ((strcmp(sub, "disable") == 0 || strcmp(sub, "enable") == 0) && name != NULL) {
        rc = kh_store_user_disable(s, &actor, name, sub[0] == 'd', &err);
        if (rc == 0)
            printf("%s %s\n", sub[0] == 'd' ? KH_TR("已停用", "disabled") : KH_TR("已启用", "enabled"),
                   name);
    } else if (strcmp(sub, "token") == 0 && name != NULL) {
        char secret[KH_SESSION_SECRET_HEX];
        const char *days = kh_args_get(a, "days");
        rc = kh_store_api_token_new(s, &actor, name, kh_args_get(a, "label"), days ? atol(days) : 365,
                                    secret, &err);
        if (rc == 0)
            printf("%s\n", secret);
    } else {
        kh_store_close(s);
        return kh_cmd_usage_error(cmd, KH_TR("无法理解的子命令 %s", "bad subcommand %s"), sub);
    }
    kh_store_close(s);
    return rc != 0 ? kh__cli_fail(cmd, &err) : KH_EXIT_OK;
}
