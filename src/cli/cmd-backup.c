/*
 * cmd-backup.c — `kaohe backup DEST`: a consistent copy of a SQLite database
 * taken while others keep working (online backup API); for PostgreSQL it
 * explains that pg_dump / pg_restore are the tools.
 */
#include <stdio.h>
#include "cli/cli-store.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"

static int run_backup(const struct kh_cmd *cmd, const struct kh_args *a);

const struct kh_cmd kh_cmd_backup = {
    .name = "backup",
    .summary_zh = "备份数据库（SQLite 在线备份；PostgreSQL 用 pg_dump）",
    .summary_en = "back up the database (SQLite online backup; PostgreSQL: pg_dump)",
    .help_zh = "用法: kaohe backup 目标文件 [--db 数据库]\n",
    .help_en = "usage: kaohe backup DEST [--db DATABASE]\n",
    .args = {NULL, 1, 1},
    .run = run_backup,
};

static int run_backup(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(cmd, a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    kh_error_clear(&err);
    rc = kh_store_backup(s, &actor, kh_args_pos(a, 0), &err);
    kh_store_close(s);
    if (rc != 0)
        return kh__cli_fail(cmd, &err);
    printf(KH_TR("已备份到 %s\n", "backed up to %s\n"), kh_args_pos(a, 0));
    return KH_EXIT_OK;
}
