/*
 * cmd-user.c — `kaohe user add|list|passwd|disable|enable`: the people who
 * may act on the database and their roles (SPEC §1).  Only an admin manages
 * users; anyone may change their own password.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli-store.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"

static int run_user(int argc, char **argv);

const struct kh_cmd kh_cmd_user = {
    .name = "user",
    .summary_zh = "管理用户: add|list|passwd|disable|enable",
    .summary_en = "manage users: add|list|passwd|disable|enable",
    .help_zh = "用法: kaohe user add 用户名 --role admin|reporter|rater|unit|viewer [--unit 单位编码]\n"
               "      kaohe user list\n"
               "      kaohe user passwd 用户名      （新密码取自 KAOHE_NEW_PASSWORD 或终端）\n"
               "      kaohe user disable|enable 用户名\n"
               "  共同选项: --db 数据库 --user 操作人\n",
    .help_en = "usage: kaohe user add NAME --role admin|reporter|rater|unit|viewer [--unit UNIT]\n"
               "       kaohe user list\n"
               "       kaohe user passwd NAME      (new password from KAOHE_NEW_PASSWORD or the terminal)\n"
               "       kaohe user disable|enable NAME\n"
               "  common options: --db DATABASE --user ACTOR\n",
    .run = run_user,
};

static int list_row(void *ctx, int ncols, const char *const *c)
{
    (void)ctx;
    if (ncols >= 5)
        printf("%-16s %-9s %-12s %-8s %s\n", c[0], c[1], c[2][0] ? c[2] : "-",
               c[3][0] ? KH_TR("有密码", "password") : KH_TR("无密码", "none"),
               c[4][0] == '1' ? KH_TR("已停用", "disabled") : KH_TR("启用", "enabled"));
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

static int run_user(int argc, char **argv)
{
    struct kh_cli_args a;
    int rc = kh__cli_args(&kh_cmd_user, argc, argv, "role unit", "", &a);
    if (rc != 0)
        return rc;
    if (a.npos < 1)
        return kh_cmd_usage_error(&kh_cmd_user, "%s", KH_TR("缺少子命令", "missing subcommand"));
    const char *sub = a.pos[0];
    struct kh_store *s;
    if ((rc = kh__cli_open(&kh_cmd_user, &a, false, &s)) != 0)
        return rc;
    struct kh_error err;
    kh_error_clear(&err);
    bool self_passwd = strcmp(sub, "passwd") == 0 && a.npos == 2 && strcmp(a.pos[1], s->actor) == 0;
    if (strcmp(sub, "list") != 0 && !self_passwd)
        rc = kh_store_require_role(s, 1u << KH_ROLE_ADMIN, "管理用户", "manage users", &err);
    if (rc == 0 && strcmp(sub, "list") == 0) {
        printf("%-16s %-9s %-12s %-8s %s\n", KH_TR("用户", "user"), KH_TR("角色", "role"),
               KH_TR("单位", "unit"), KH_TR("密码", "password"), KH_TR("状态", "status"));
        rc = kh_store_query(s, "SELECT name, role, unit, pwhash, disabled FROM users ORDER BY name",
                            NULL, 0, list_row, NULL, &err);
    } else if (rc == 0 && strcmp(sub, "add") == 0 && a.npos == 2) {
        const char *role = kh__cli_opt(&a, "role");
        enum kh_role r = role ? kh_role_parse(role) : KH_ROLE_NONE;
        if (r == KH_ROLE_NONE) {
            kh_store_close(s);
            return kh_cmd_usage_error(&kh_cmd_user, "%s",
                                      KH_TR("需要 --role admin|reporter|rater|unit|viewer",
                                            "--role admin|reporter|rater|unit|viewer is required"));
        }
        const char *unit = kh__cli_opt(&a, "unit");
        const char *pw = getenv("KAOHE_NEW_PASSWORD");
        rc = kh_store_user_add(s, a.pos[1], r, unit ? unit : "", NULL, &err);
        if (rc == 0 && pw && pw[0])
            rc = kh_store_user_passwd(s, a.pos[1], pw, &err);
        if (rc == 0)
            printf(KH_TR("已添加用户 %s（%s）\n", "added user %s (%s)\n"), a.pos[1], kh_role_name(r));
    } else if (rc == 0 && strcmp(sub, "passwd") == 0 && a.npos == 2) {
        char pw[256];
        int k = new_password(pw, sizeof pw);
        if (k != 0)
            rc = kh_error_set(&err, KH_EUSAGE, NULL, 0, NULL, "%s",
                              k == -2 ? "两次输入的密码不同 / the passwords differ"
                                      : "需要新密码：KAOHE_NEW_PASSWORD 或终端 / a new password is needed: "
                                        "KAOHE_NEW_PASSWORD or a terminal");
        else
            rc = kh_store_user_passwd(s, a.pos[1], pw, &err);
        if (rc == 0)
            printf(KH_TR("已设置 %s 的密码\n", "password of %s set\n"), a.pos[1]);
    } else if (rc == 0 && (strcmp(sub, "disable") == 0 || strcmp(sub, "enable") == 0) && a.npos == 2) {
        if (strcmp(a.pos[1], s->actor) == 0 && sub[0] == 'd')
            rc = kh_error_set(&err, KH_EUSAGE, NULL, 0, NULL, "不能停用自己 / you cannot disable yourself");
        else
            rc = kh_store_user_disable(s, a.pos[1], sub[0] == 'd', &err);
        if (rc == 0)
            printf("%s %s\n", sub[0] == 'd' ? KH_TR("已停用", "disabled") : KH_TR("已启用", "enabled"),
                   a.pos[1]);
    } else if (rc == 0) {
        kh_store_close(s);
        return kh_cmd_usage_error(&kh_cmd_user, KH_TR("无法理解的子命令 %s", "bad subcommand %s"), sub);
    }
    kh_store_close(s);
    return rc != 0 ? kh__cli_fail(&kh_cmd_user, &err) : KH_EXIT_OK;
}
