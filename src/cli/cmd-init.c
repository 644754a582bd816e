/*
 * cmd-init.c — `kaohe init`: create the database (or bring an existing one's
 * schema up to date) and the built-in first administrator `admin`.
 *
 * The built-in admin has no password, so the person who ran `init` can work
 * at once; KAOHE_PASSWORD at init time gives it one immediately (see
 * docs/workflow.md for why and when to set it).
 */
#include <stdio.h>
#include <stdlib.h>
#include "cli/cli-store.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"

static int run_init(const struct kh_cmd *cmd, const struct kh_args *a);

const struct kh_cmd kh_cmd_init = {
    .name = "init",
    .summary_zh = "创建数据库（或升级其结构）和内置管理员 admin",
    .summary_en = "create the database (or upgrade its schema) and the built-in admin",
    .help_zh = "用法: kaohe init [--db 路径|postgresql://…]\n"
               "  数据库默认为当前目录的 kaohe.db（或环境变量 KAOHE_DB）。\n"
               "  创建无密码的内置管理员 admin；设置 KAOHE_PASSWORD 则同时设定其密码。\n",
    .help_en = "usage: kaohe init [--db PATH|postgresql://…]\n"
               "  The database defaults to kaohe.db in the current folder (or $KAOHE_DB).\n"
               "  Creates the built-in admin without a password; with KAOHE_PASSWORD set it gets that one.\n",
    .args = {NULL, 0, 0},
    .run = run_init,
};

static int run_init(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    struct kh_error err;
    kh_error_clear(&err);
    const char *target = kh_store_default_target(kh_args_get(a, "db"));
    struct kh_store *s = NULL;
    rc = kh_store_open(target, true, &s, &err);
    if (rc != 0)
        return kh__cli_fail(cmd, &err);
    bool created = false;
    rc = kh_store_init_admin(s, getenv("KAOHE_PASSWORD"), &created, &err);
    int version = rc == 0 ? kh_store_schema_version(s, &err) : rc;
    if (rc != 0 || version < 0) {
        kh_store_close(s);
        return kh__cli_fail(cmd, &err);
    }
    printf(KH_TR("数据库: %s（%s，结构版本 %d）\n", "database: %s (%s, schema version %d)\n"), target,
           s->ops->name, version);
    if (created)
        printf("%s\n", KH_TR("已创建内置管理员 admin。多人使用前请设置密码: kaohe user passwd admin",
                             "created the built-in admin. Before several people use it, set a "
                             "password: kaohe user passwd admin"));
    kh_store_close(s);
    return KH_EXIT_OK;
}
