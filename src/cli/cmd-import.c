/*
 * cmd-import.c — `kaohe import BUNDLE [--replace]`, `kaohe export CYCLE
 * [DIR] [--xlsx FILE.xlsx]` and `kaohe compute CYCLE`: whole cycles in and
 * out of the database (store-load.h).  Three small commands in one file
 * because they share the same open/diagnostics handling.
 *
 * export loads the cycle once through kh_store_export — the store's
 * cycle.export check — and hands the same bundle and stored result files to
 * the folder writer, the workbook writer (xlsx-results.h), or both.
 */
#include <stdio.h>
#include <string.h>
#include "cli/cli-store.h"
#include "kaohe/buf.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/msg-report.h"
#include "kaohe/results-csv.h"
#include "kaohe/store-load.h"
#include "kaohe/xlsx-results.h"

static int run_import(const struct kh_cmd *cmd, const struct kh_args *a);
static int run_export(const struct kh_cmd *cmd, const struct kh_args *a);
static int run_compute(const struct kh_cmd *cmd, const struct kh_args *a);

static const struct kh_opt import_opts[] = {
    {"encoding", 0, KH_OPT_VALUE},
    {"cycle", 0, KH_OPT_VALUE},
    {"replace", 0, 0},
    {NULL, 0, 0},
};
static const struct kh_opt export_opts[] = {
    {"xlsx", 0, KH_OPT_VALUE},
    {NULL, 0, 0},
};
static const struct kh_opt compute_opts[] = {
    {"summary", 0, 0},
    {NULL, 0, 0},
};

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
    .args = {import_opts, 1, 1},
    .run = run_import,
};

const struct kh_cmd kh_cmd_export = {
    .name = "export",
    .summary_zh = "把考核周期（含计算结果）导出为数据包",
    .summary_en = "export a cycle (with its results) as a bundle",
    .help_zh = "用法: kaohe export 周期 [目录] [--xlsx 文件.xlsx] [--db 数据库]\n"
               "  目录           写入数据包的 CSV 文件和已存的结果文件\n"
               "  --xlsx 文件    写入一个 Excel 工作簿：汇总（含图表）、各结果表（中文表头）、\n"
               "                 各输入表（units、values……）；--lang en 为英文表名和表头。\n"
               "                 需要周期已计算（kaohe compute）。\n",
    .help_en = "usage: kaohe export CYCLE [DIR] [--xlsx FILE.xlsx] [--db DATABASE]\n"
               "  DIR            the bundle's CSV files and the stored result files\n"
               "  --xlsx FILE    one Excel workbook: a summary with charts, every result table\n"
               "                 (Chinese headers; --lang en for English), every input table\n"
               "                 (units, values, …).  The cycle must have been computed.\n",
    .args = {export_opts, 1, 2},
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
    .args = {compute_opts, 1, 1},
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

static int run_import(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(cmd, a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    struct kh_diags d;
    char code[128] = "";
    kh_error_clear(&err);
    kh_diags_init(&d, 0);
    struct kh_bundle_read_opts o = {.encoding = kh_args_get(a, "encoding")};
    rc = kh_store_import_dir(s, &actor, kh_args_pos(a, 0), kh_args_has(a, "replace"), &o,
                             kh_args_get(a, "cycle"), &d, code, &err);
    if (rc == 0)
        printf(KH_TR("已导入考核周期 %s（状态 setup）\n", "imported cycle %s (state setup)\n"), code);
    return finish(cmd, s, rc, &d, &err);
}

static int run_export(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    const char *xlsx = kh_args_get(a, "xlsx");
    if (xlsx != NULL && xlsx[0] == '\0')
        return kh_cmd_usage_error(cmd, "%s", KH_TR("--xlsx 需要文件名", "--xlsx needs a file name"));
    if (kh_args_count(a) != 2 && !(kh_args_count(a) == 1 && xlsx != NULL))
        return kh_cmd_usage_error(cmd, "%s",
                                  KH_TR("需要周期和目录（或 --xlsx 文件）", "CYCLE and DIR (or --xlsx FILE) are needed"));
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(cmd, a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    struct kh_diags d;
    struct kh_export x;
    kh_error_clear(&err);
    kh_diags_init(&d, 0);
    rc = kh_store_export(s, &actor, kh_args_pos(a, 0), &x, &d, &err);
    if (rc == 0 && xlsx != NULL)
        rc = kh_xlsx_export_write(&x, kh_cli_lang(), xlsx, &err);
    if (rc == 0 && kh_args_count(a) == 2)
        rc = kh_export_write_dir(&x, kh_args_pos(a, 1), &err);
    kh_export_release(&x);   /* kh_store_export leaves it released on failure: safe either way */
    return finish(cmd, s, rc, &d, &err);
}

static int run_compute(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(cmd, a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    struct kh_diags d;
    kh_error_clear(&err);
    kh_diags_init(&d, 0);
    struct kh_buf text = KH_BUF_INIT;
    bool summary = kh_args_has(a, "summary");
    rc = kh_store_compute(s, &actor, kh_args_pos(a, 0), summary ? &text : NULL, kh_cli_lang(), &d, &err);
    if (rc == 0 && summary)
        fwrite(text.data, 1, text.len, stdout);
    kh_buf_release(&text);
    if (rc == 0)
        printf(KH_TR("已计算并保存考核周期 %s 的结果\n", "computed and stored the results of %s\n"), kh_args_pos(a, 0));
    return finish(cmd, s, rc, &d, &err);
}
