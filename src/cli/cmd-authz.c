/*
 * cmd-authz.c — `kaohe authz`: print who may do what in which state, from
 * the one action table of authz.h (the matrix docs/workflow.md carries).
 * Needs no database: the table is compiled in.
 */
#include <stdio.h>
#include "cli/cli-store.h"
#include "kaohe/authz-matrix.h"
#include "kaohe/buf.h"
#include "kaohe/lang.h"

static int run_authz(const struct kh_cmd *cmd, const struct kh_args *a);

const struct kh_cmd kh_cmd_authz = {
    .name = "authz",
    .summary_zh = "打印权限矩阵：各角色在各状态下可做的操作",
    .summary_en = "print the permission matrix: what each role may do in which state",
    .help_zh = "用法: kaohe [--lang zh|en] authz\n"
               "  输出 Markdown 表格（docs/workflow.md 中的矩阵即由此生成）。\n"
               "  own = 仅限本单位 / 本部门的指标 / 本人的评分；self = 仅限本人。\n",
    .help_en = "usage: kaohe [--lang zh|en] authz\n"
               "  Prints a Markdown table (the matrix of docs/workflow.md is this output).\n"
               "  own = its own unit / its department's leaves / its own ratings; self = itself only.\n",
    .args = {NULL, 0, 0},
    .run = run_authz,
};

static int run_authz(const struct kh_cmd *cmd, const struct kh_args *a)
{
    (void)cmd;
    (void)a;
    struct kh_buf out = KH_BUF_INIT;
    kh_authz_matrix_render(kh_cli_lang(), &out);
    fwrite(out.data, 1, out.len, stdout);
    kh_buf_release(&out);
    return KH_EXIT_OK;
}
