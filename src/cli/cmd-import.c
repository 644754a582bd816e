/*
 * cmd-import.c — `kaohe import BUNDLE [--replace]`, `kaohe export CYCLE
 * DIR` and `kaohe compute CYCLE`: whole cycles in and out of the database
 * (store-load.h).  Three small commands in one file because they share the
 * same open/diagnostics handling.
 */
#include <stdio.h>
#include <string.h>
#include "cli/cli-store.h"
#include "kaohe/buf.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/store-load.h"

static int run_import(int argc, char **argv);
static int run_export(int argc, char **argv);
static int run_compute(int argc, char **argv);

const struct kh_cmd kh_cmd_import = {
    .name = "import",
    .summary_zh = "把数据包导入数据库，建立（或替换）一个处于 setup 状态的考核周期",
    .summary_en = "import a bundle as a cycle in state setup (or replace one)",
    .help_zh = "用法: kaohe import 数据包目录 [--cycle 编码] [--replace] [--encoding gbk] [--db 数据库] [--user 用户]\n"
               "  整个导入是一个事务：出错时数据库保持原样。\n"
               "  --cycle 编码   数据包的 cycle.csv 没有 code 时用这个周期编码（有 code 时必须一致）\n"
               "  --replace      替换仍处于 setup 状态的同名周期\n"
               "  cycle.csv 指定 previous（上一周期）时，空的增长率基期值在计算时取上一周期的年末值。\n",
    .help_en = "usage: kaohe import BUNDLE [--cycle CODE] [--replace] [--encoding gbk] [--db DATABASE] [--user NAME]\n"
               "  The whole import is one transaction: on any error the database is unchanged.\n"
               "  --cycle CODE   the cycle's code when cycle.csv has none (must agree when it has one)\n"
               "  --replace      replace a cycle of that code that is still in setup\n"
               "  When cycle.csv names a `previous` cycle, empty growth baselines are taken from\n"
               "  that cycle's year-end values at compute time.\n",
    .run = run_import,
};

const struct kh_cmd kh_cmd_export = {
    .name = "export",
    .summary_zh = "把考核周期（含计算结果）导出为数据包",
    .summary_en = "export a cycle (with its results) as a bundle",
    .help_zh = "用法: kaohe export 周期 目录 [--db 数据库]\n",
    .help_en = "usage: kaohe export CYCLE DIR [--db DATABASE]\n",
    .run = run_export,
};

const struct kh_cmd kh_cmd_compute = {
    .name = "compute",
    .summary_zh = "计算考核周期并保存结果",
    .summary_en = "compute a cycle and store its results",
    .help_zh = "用法: kaohe compute 周期 [--summary] [--db 数据库]\n"
               "  --summary  计算后打印各类别排名（综合得分、等次、标记）\n",
    .help_en = "usage: kaohe compute CYCLE [--summary] [--db DATABASE]\n"
               "  --summary  print the ranking per category after computing\n",
    .run = run_compute,
};

static int finish(const struct kh_cmd *cmd, struct kh_store *s, int rc, struct kh_diags *d,
                  struct kh_error *err)
{
    if (rc != 0)
        kh_cmd_print_diags(d);
    kh_diags_release(d);
    kh_store_close(s);
    return rc != 0 ? kh__cli_fail(cmd, err) : KH_EXIT_OK;
}

static int run_import(int argc, char **argv)
{
    struct kh_cli_args a;
    int rc = kh__cli_args(&kh_cmd_import, argc, argv, "encoding cycle", "replace", &a);
    if (rc != 0)
        return rc;
    if (a.npos != 1)
        return kh_cmd_usage_error(&kh_cmd_import, "%s", KH_TR("需要数据包目录", "BUNDLE is needed"));
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(&kh_cmd_import, &a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    struct kh_diags d;
    char code[128] = "";
    kh_error_clear(&err);
    kh_diags_init(&d, 0);
    struct kh_bundle_read_opts o = {.encoding = kh__cli_opt(&a, "encoding")};
    rc = kh_store_import_dir(s, &actor, a.pos[0], kh__cli_opt(&a, "replace") != NULL, &o,
                             kh__cli_opt(&a, "cycle"), &d, code, &err);
    if (rc == 0)
        printf(KH_TR("已导入考核周期 %s（状态 setup）\n", "imported cycle %s (state setup)\n"), code);
    return finish(&kh_cmd_import, s, rc, &d, &err);
}

static int run_export(int argc, char **argv)
{
    struct kh_cli_args a;
    int rc = kh__cli_args(&kh_cmd_export, argc, argv, "", "", &a);
    if (rc != 0)
        return rc;
    if (a.npos != 2)
        return kh_cmd_usage_error(&kh_cmd_export, "%s", KH_TR("需要周期和目录", "CYCLE and DIR are needed"));
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(&kh_cmd_export, &a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    struct kh_diags d;
    kh_error_clear(&err);
    kh_diags_init(&d, 0);
    rc = kh_store_export_dir(s, &actor, a.pos[0], a.pos[1], &d, &err);
    return finish(&kh_cmd_export, s, rc, &d, &err);
}

static int run_compute(int argc, char **argv)
{
    struct kh_cli_args a;
    int rc = kh__cli_args(&kh_cmd_compute, argc, argv, "", "summary", &a);
    if (rc != 0)
        return rc;
    if (a.npos != 1)
        return kh_cmd_usage_error(&kh_cmd_compute, "%s", KH_TR("需要周期", "CYCLE is needed"));
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(&kh_cmd_compute, &a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    struct kh_diags d;
    kh_error_clear(&err);
    kh_diags_init(&d, 0);
    struct kh_buf text = KH_BUF_INIT;
    bool summary = kh__cli_opt(&a, "summary") != NULL;
    rc = kh_store_compute(s, &actor, a.pos[0], summary ? &text : NULL, &d, &err);
    if (rc == 0 && summary)
        fwrite(text.data, 1, text.len, stdout);
    kh_buf_release(&text);
    if (rc == 0)
        printf(KH_TR("已计算并保存考核周期 %s 的结果\n", "computed and stored the results of %s\n"), a.pos[0]);
    return finish(&kh_cmd_compute, s, rc, &d, &err);
}
