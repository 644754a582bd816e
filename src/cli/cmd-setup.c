/*
 * cmd-setup.c — `kaohe setup`: see and change a stored cycle's setup data
 * one row at a time (store-setup.h).
 *
 *   kaohe setup list   CYCLE FILE              the rows, as CSV
 *   kaohe setup put    CYCLE FILE col=value …  add or replace the row keyed code=
 *   kaohe setup delete CYCLE FILE CODE         remove a row
 *
 * FILE is categories, units, positions, cadres, rater_groups or raters
 * (".csv" optional).  The checks — state setup, the admin role, the bundle
 * validator's verdict on the changed file — and the audit are the store's;
 * this file parses the arguments, prints rows and diagnostics.
 */
#include <stdio.h>
#include <string.h>
#include "cli/cli-store.h"
#include "kaohe/buf.h"
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/store-setup.h"

static int run_setup(const struct kh_cmd *cmd, const struct kh_args *a);

/* At most this many col=value cells in one put (the old parser's limit). */
enum { KH_MAXCELLS = 29 };

const struct kh_cmd kh_cmd_setup = {
    .name = "setup",
    .summary_zh = "查看或修改考核周期的基础数据（类别、单位、职务、干部、评价组、评价人）",
    .summary_en = "see or change a cycle's setup data (categories, units, positions, cadres, rater groups, raters)",
    .help_zh = "用法: kaohe setup list 周期 文件\n"
               "      kaohe setup put 周期 文件 列=值 …\n"
               "      kaohe setup delete 周期 文件 编码\n"
               "  文件：categories、units、positions、cadres、rater_groups、raters。\n"
               "  put 按 code=编码 替换该行（未给出的列保持不变），没有该编码则在末尾添加。\n"
               "  新增类别时指标方案同时增加其权重列 weight.编码，权重先复制自第一个类别；删除类别时一并删除。\n"
               "  修改仅限 setup 状态；修改后的文件按导入规则校验，不通过则给出位置并不作任何修改。\n",
    .help_en = "usage: kaohe setup list CYCLE FILE\n"
               "       kaohe setup put CYCLE FILE col=value …\n"
               "       kaohe setup delete CYCLE FILE CODE\n"
               "  FILE: categories, units, positions, cadres, rater_groups, raters.\n"
               "  put replaces the row keyed code=CODE (columns not given are kept), or adds it last.\n"
               "  A new category adds its weight.CODE column to the scheme, a copy of the first\n"
               "  category's weights; deleting a category drops it.\n"
               "  Changes only in setup; the changed file is validated as an import would be, and a\n"
               "  refused change is reported with its location and writes nothing.\n",
    .args = {NULL, 0, KH_MAXCELLS + 3},
    .run = run_setup,
};

static int print_row(void *ctx, int n, const char *const *cells)
{
    struct kh_buf *line = ctx;
    kh_buf_reset(line);
    kh_csv_put_row(line, cells, (size_t)n);
    fputs(kh_buf_cstr(line), stdout);
    return 0;
}

static int run_setup(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    const char *verb = kh_args_count(a) > 0 ? kh_args_pos(a, 0) : "";
    bool list = strcmp(verb, "list") == 0, put = strcmp(verb, "put") == 0, del = strcmp(verb, "delete") == 0;
    if (!(list && kh_args_count(a) == 3) && !(put && kh_args_count(a) >= 4) && !(del && kh_args_count(a) == 4))
        return kh_cmd_usage_error(cmd, "%s",
                                  KH_TR("需要 list|put|delete、考核周期编码和文件", "list|put|delete, a cycle and a file are needed"));
    struct kh_setup_cell cells[KH_MAXCELLS];
    size_t n = 0;
    for (int i = 3; put && i < kh_args_count(a); i++) {
        char *eq = strchr(a->pos[i], '=');
        if (eq == NULL || eq == a->pos[i])
            return kh_cmd_usage_error(cmd, KH_TR("%s 不是 列=值", "%s is not col=value"), a->pos[i]);
        *eq = '\0';
        cells[n++] = (struct kh_setup_cell){a->pos[i], eq + 1};
    }
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(cmd, a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    struct kh_diags d;
    struct kh_buf line = KH_BUF_INIT;
    size_t changed = 0;
    kh_error_clear(&err);
    kh_diags_init(&d, 20);
    if (list) {
        rc = kh_store_setup_rows(s, &actor, kh_args_pos(a, 1), kh_args_pos(a, 2), print_row, &line, &err);
    } else if (put) {
        rc = kh_store_setup_put(s, &actor, kh_args_pos(a, 1), kh_args_pos(a, 2), cells, n, &changed, &d, &err);
        if (rc == 0)
            fprintf(stderr, KH_TR("已修改 %zu 行\n", "%zu rows changed\n"), changed);
    } else {
        rc = kh_store_setup_delete(s, &actor, kh_args_pos(a, 1), kh_args_pos(a, 2), kh_args_pos(a, 3), &d, &err);
        if (rc == 0)
            fputs(KH_TR("已删除 1 行\n", "1 row deleted\n"), stderr);
    }
    if (rc != 0)
        kh_cmd_print_diags(&d);
    kh_buf_release(&line);
    kh_diags_release(&d);
    kh_store_close(s);
    return rc != 0 ? kh__cli_fail(cmd, &err) : KH_EXIT_OK;
}
