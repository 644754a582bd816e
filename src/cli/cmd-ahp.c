/*
 * cmd-ahp.c — `kaohe ahp`: weights from pairwise-comparison matrices
 * (SPEC §8; the math is in src/analysis/ahp.c).
 *
 * One file per expert; several are pooled by the element-wise geometric
 * mean.  When the files carry criterion codes, later files may list the
 * criteria in another order: they are permuted to the first file's order
 * (same set required).  Without codes the files must simply agree in size.
 *
 * --apply writes the weights into BUNDLE/indicators.csv for the children of
 * --node in weight.<--category>, touching nothing else (weights-file.h).  An
 * inconsistent matrix (CR ≥ 0.1) is refused — exit 1 — unless --force.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/analysis-cli.h"
#include "cli/cmd.h"
#include "kaohe/ahp-report.h"
#include "kaohe/ahp.h"
#include "kaohe/error.h"
#include "kaohe/json-dump.h"
#include "kaohe/lang.h"
#include "kaohe/weights-file.h"
#include "kaohe/xalloc.h"

extern const struct kh_cmd kh_cmd_ahp;

/* Reorder m (order n) to follow the codes of ref; false when the sets differ. */
static bool permute_to(const struct kh_ahp_matrix *ref, struct kh_ahp_matrix *m)
{
    int n = m->n, map[KH_AHP_MAX_N];
    for (int i = 0; i < n; i++) {
        map[i] = -1;
        for (int j = 0; j < n; j++)
            if (strcmp(ref->codes[i], m->codes[j]) == 0)
                map[i] = j;
        if (map[i] < 0)
            return false;
    }
    double a[KH_AHP_MAX_N * KH_AHP_MAX_N];
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            a[i * n + j] = m->a[map[i] * n + map[j]];
    memcpy(m->a, a, sizeof(double) * (size_t)(n * n));
    return true;
}

static int run_ahp(const struct kh_cmd *cmd, const struct kh_args *args)
{
    bool json = kh_args_has(args, "json"), force = kh_args_has(args, "force");
    const char *out_path = kh_args_get(args, "output"), *bundle = kh_args_get(args, "apply");
    const char *node = kh_args_get(args, "node"), *cat = kh_args_get(args, "category");
    int nfiles = kh_args_count(args);   /* at least 1: .args */
    if (bundle && (!node || !cat))
        return kh_cmd_usage_error(cmd, "%s", KH_TR("--apply 需要 --node 和 --category",
                                                   "--apply needs --node and --category"));
    if (!bundle && (node || cat || force))
        return kh_cmd_usage_error(cmd, "%s", KH_TR("--node/--category/--force 只能与 --apply 一起用",
                                                   "--node/--category/--force go with --apply"));

    int rc = KH_EXIT_OK;
    struct kh_ahp_matrix *ms = kh_xcalloc((size_t)nfiles, sizeof *ms);
    const double **mats = kh_xcalloc((size_t)nfiles, sizeof *mats);
    struct kh_buf text = KH_BUF_INIT, out = KH_BUF_INIT;
    struct kh_error err;
    int loaded = 0;
    for (int f = 0; f < nfiles; f++) {
        const char *path = kh_args_pos(args, f);
        kh_buf_reset(&text);
        if ((rc = kh__cli_read(cmd, path, &text)) != 0)
            goto out;
        kh_error_clear(&err);
        if (kh_ahp_matrix_parse(text.data ? text.data : "", text.len, path, &ms[f], &err) != 0) {
            kh_cmd_print_error(cmd->name, &err);
            rc = KH_EXIT_INPUT;
            goto out;
        }
        loaded = f + 1;
        if (f > 0) {
            if (ms[f].n != ms[0].n) {
                fprintf(stderr, KH_TR("kaohe ahp: %s: 矩阵为 %d 阶，%s 为 %d 阶\n",
                                      "kaohe ahp: %s: order %d, but %s has order %d\n"),
                        path, ms[f].n, kh_args_pos(args, 0), ms[0].n);
                rc = KH_EXIT_INPUT;
                goto out;
            }
            if (ms[0].codes[0] && ms[f].codes[0] && !permute_to(&ms[0], &ms[f])) {
                fprintf(stderr, KH_TR("kaohe ahp: %s: 指标编码与 %s 不同\n",
                                      "kaohe ahp: %s: criterion codes differ from those of %s\n"),
                        path, kh_args_pos(args, 0));
                rc = KH_EXIT_INPUT;
                goto out;
            }
        }
        mats[f] = ms[f].a;
    }
    int n = ms[0].n;
    double pooled[KH_AHP_MAX_N * KH_AHP_MAX_N];
    kh_ahp_geomean(mats, (size_t)nfiles, n, pooled);
    if (nfiles == 1)
        memcpy(pooled, ms[0].a, sizeof(double) * (size_t)(n * n));
    struct kh_ahp_result r;
    kh_error_clear(&err);
    if (kh_ahp_solve(pooled, n, &r, &err) != 0) {
        kh_cmd_print_error(cmd->name, &err);
        rc = KH_EXIT_INPUT;
        goto out;
    }
    /* codes: the first file that has them, else 1..n */
    char *codes[KH_AHP_MAX_N], numbuf[KH_AHP_MAX_N][16];
    for (int i = 0; i < n; i++) {
        snprintf(numbuf[i], sizeof numbuf[i], "%d", i + 1);
        codes[i] = ms[0].codes[i] ? ms[0].codes[i] : numbuf[i];
    }
    bool have_codes = ms[0].codes[0] != NULL;

    if (out_path) {
        kh_buf_reset(&out);
        kh_weight_list_render((const char *const *)codes, r.weights, (size_t)n, &out);
        if ((rc = kh__cli_write(cmd, out_path, &out)) != 0)
            goto out;
    }

    bool applied = false;
    if (bundle) {
        if (!have_codes) {
            fprintf(stderr, "%s", KH_TR("kaohe ahp: --apply 需要判断矩阵带指标编码（表头或首列）\n",
                                        "kaohe ahp: --apply needs criterion codes in the matrix "
                                        "(header row or first column)\n"));
            rc = KH_EXIT_INPUT;
            goto out;
        }
        if (!r.consistent && !force) {
            fprintf(stderr, KH_TR("kaohe ahp: CR = %.4f ≥ 0.1，一致性不可接受，未写入权重（确需写入请加 --force）\n",
                                  "kaohe ahp: CR = %.4f ≥ 0.1, inconsistent; weights not written "
                                  "(use --force to write anyway)\n"), r.cr);
            rc = KH_EXIT_FAIL;
            goto out;
        }
        char path[4096];
        snprintf(path, sizeof path, "%s/indicators.csv", bundle);
        kh_buf_reset(&text);
        if ((rc = kh__cli_read(cmd, path, &text)) != 0)
            goto out;
        kh_buf_reset(&out);
        kh_error_clear(&err);
        if (kh_indicators_set_weights(text.data ? text.data : "", text.len, node, cat,
                                      (const char *const *)codes, r.weights, (size_t)n, &out,
                                      &err) != 0) {
            kh__cli_err_file(&err, path);
            kh_cmd_print_error(cmd->name, &err);
            rc = KH_EXIT_INPUT;
            goto out;
        }
        if ((rc = kh__cli_write(cmd, path, &out)) != 0)
            goto out;
        applied = true;
    }

    const char **files = kh_xcalloc((size_t)nfiles, sizeof *files);
    for (int f = 0; f < nfiles; f++)
        files[f] = kh_args_pos(args, f);
    struct kh_ahp_report rep = {files, nfiles,
                                (const char *const *)codes, have_codes, pooled, &r,
                                bundle, node, cat, applied};
    kh_buf_reset(&out);
    if (json)
        kh_json_dump_buf(kh_ahp_json(&rep), &out);
    else
        kh_ahp_render_text(&rep, kh_cli_lang(), &out);
    kh__cli_print(&out);
    free(files);
out:
    for (int f = 0; f < loaded; f++)
        kh_ahp_matrix_release(&ms[f]);
    free(ms);
    free(mats);
    kh_buf_release(&text);
    kh_buf_release(&out);
    return rc;
}

static const struct kh_opt opts[] = {
    {"output", 'o', KH_OPT_VALUE},
    {"json", 0, 0},
    {"apply", 0, KH_OPT_VALUE},
    {"node", 0, KH_OPT_VALUE},
    {"category", 0, KH_OPT_VALUE},
    {"force", 0, 0},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_ahp = {
    .name = "ahp",
    .summary_zh = "层次分析法：由判断矩阵求权重并检验一致性",
    .summary_en = "AHP: weights and consistency from pairwise-comparison matrices",
    .help_zh =
        "用法: kaohe ahp 矩阵.csv… [--json] [-o 权重.csv]\n"
        "       kaohe ahp 矩阵.csv… --apply 数据包 --node 编码 --category 类别 [--force]\n"
        "\n"
        "每个文件是一位专家的 n×n 判断矩阵（n ≤ 15，1–9 标度，可写 7、1/7、0.5），可带一行\n"
        "指标编码表头和/或一列指标编码。多个文件按元素几何平均合成。输出权重（特征向量）、\n"
        "λmax、CI、RI、CR；CR < 0.1 为一致性可接受。\n"
        "\n"
        "  --json             以 JSON 输出（格式见 docs/analysis.md）\n"
        "  -o, --output 文件  另存权重文件（code,weight），供 kaohe weights combine 使用\n"
        "  --apply 数据包     把权重写入该数据包 indicators.csv 中 --node 下级指标的\n"
        "                     weight.<类别> 列，其余内容逐字节不变\n"
        "  --node 编码        上级指标编码；矩阵中的指标编码须为其下级指标\n"
        "  --category 类别    单位类别（如 U、I、A、E）\n"
        "  --force            CR ≥ 0.1 时仍然写入\n"
        "\n"
        "退出码: 0 成功；1 一致性不可接受而拒绝写入，或写文件失败；2 输入错误（指明文件:行:列）。\n",
    .help_en =
        "usage: kaohe ahp MATRIX.csv… [--json] [-o WEIGHTS.csv]\n"
        "       kaohe ahp MATRIX.csv… --apply BUNDLE --node CODE --category CAT [--force]\n"
        "\n"
        "Each file is one expert's n×n pairwise-comparison matrix (n ≤ 15, Saaty's 1–9 scale,\n"
        "cells like 7, 1/7, 0.5), optionally with a header row and/or a first column of\n"
        "criterion codes.  Several files are pooled by the element-wise geometric mean.\n"
        "Prints the weights (principal eigenvector), λmax, CI, RI and CR; CR < 0.1 is\n"
        "acceptably consistent.\n"
        "\n"
        "  --json             JSON output (shape in docs/analysis.md)\n"
        "  -o, --output FILE  also write a weight file (code,weight) for `kaohe weights combine`\n"
        "  --apply BUNDLE     write the weights into BUNDLE/indicators.csv, column weight.CAT of\n"
        "                     the children of --node; every other byte stays as it was\n"
        "  --node CODE        the parent indicator; the matrix codes must be its children\n"
        "  --category CAT     the unit category (e.g. U, I, A, E)\n"
        "  --force            write even when CR ≥ 0.1\n"
        "\n"
        "Exit status: 0 ok; 1 refused (inconsistent) or a write failed; 2 bad input (file:line:column).\n",
    .args = {opts, 1, -1},
    .run = run_ahp,
};
