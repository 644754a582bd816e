/*
 * cmd-eval.c — `kaohe eval BUNDLE -o OUT`: compute a cycle straight from a
 * bundle and write the result files of FORMATS.md.
 *
 * The bundle is read and validated completely before anything is computed;
 * a bundle with any error writes nothing (SPEC §11.24) and exits 2.  The
 * readable ranking per category is printed when stdout is a terminal, with
 * --summary, or when no -o is given.  KH_TIMING=1 prints the time of each
 * phase (read and validate, compute, write, summary) to stderr.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "cli/cli-bundle.h"
#include "cli/cli-timing.h"
#include "cli/cmd.h"
#include "kaohe/buf.h"
#include "kaohe/engine.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/results-csv.h"
#include "kaohe/summary.h"

static int run_eval(const struct kh_cmd *cmd, const struct kh_args *a)
{
    const char *out_dir = kh_args_get(a, "output"), *encoding = kh_args_get(a, "encoding");
    const char *max = kh_args_get(a, "max-errors");
    bool summary = kh_args_has(a, "summary"), quiet = kh_args_has(a, "quiet");
    size_t max_errors = max ? (size_t)strtoul(max, NULL, 10) : 0;
    if (!quiet && (out_dir == NULL || isatty(STDOUT_FILENO)))
        summary = true;

    struct kh_bundle b = {0};
    struct kh_results r = {0};
    struct kh_error err;
    struct kh_buf text = KH_BUF_INIT;
    kh_cli_timing_mark("start");
    int status = kh_cli_read_bundle(cmd->name, kh_args_pos(a, 0), encoding, max_errors, &b);
    kh_cli_timing_mark("read");
    if (status != KH_EXIT_OK)
        return status;
    kh_error_clear(&err);
    if (kh_engine_run(&b, NULL, &r, &err) != 0) {
        kh_cmd_print_error("eval", &err);
        status = KH_EXIT_INPUT;
        goto out;
    }
    kh_cli_timing_mark("compute");
    if (out_dir && kh_results_write_dir(&b, &r, out_dir, &err) != 0) {
        kh_cmd_print_error("eval", &err);
        status = KH_EXIT_FAIL;
        goto out;
    }
    kh_cli_timing_mark("write");
    if (summary) {
        kh_summary_render(&b, &r, kh_cli_lang(), &text);
        fputs(kh_buf_cstr(&text), stdout);
        kh_cli_timing_mark("summary");
    }
    if (out_dir && !quiet)
        fprintf(stderr, KH_TR("结果已写入 %s\n", "results written to %s\n"), out_dir);
out:
    kh_buf_release(&text);
    kh_results_release(&r);
    kh_bundle_release(&b);
    kh_cli_timing_mark("release");
    kh_cli_timing_report("eval");
    return status;
}

static const struct kh_opt opts[] = {
    {"output", 'o', KH_OPT_VALUE},
    {"encoding", 'e', KH_OPT_VALUE},
    {"summary", 's', 0},
    {"quiet", 'q', 0},
    {"max-errors", 'm', KH_OPT_VALUE},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_eval = {
    .name = "eval",
    .summary_zh = "由数据包计算考核结果",
    .summary_en = "compute results from a bundle",
    .help_zh = "用法: kaohe eval 数据包目录 [-o 输出目录] [--summary] [--quiet]\n"
               "                 [--encoding utf-8|gbk|gb18030] [--max-errors N]\n\n"
               "读取并校验数据包，按 SPEC.md 计算全部结果，写入输出目录:\n"
               "  results_units.csv   单位综合得分、分类与总排名、等次、否决、标记\n"
               "  results_nodes.csv   每个指标节点的数值、得分、全局权重\n"
               "  results_cadres.csv  干部得分与等次\n"
               "  results_surveys.csv 满意度调查指数、区间、满意率\n"
               "  warnings.csv        过程跟踪预警（有预警时）\n"
               "数字以 %.17g 输出，同一数据包每次结果逐字节相同。\n"
               "在终端上、给出 --summary 或未给 -o 时，按分类打印排名表。\n"
               "数据包有任何错误时不写任何文件，退出码 2。\n",
    .help_en = "usage: kaohe eval BUNDLE [-o OUT] [--summary] [--quiet]\n"
               "                 [--encoding utf-8|gbk|gb18030] [--max-errors N]\n\n"
               "Reads and validates the bundle, computes every result of SPEC.md and writes:\n"
               "  results_units.csv   composite, ranks per category and overall, grade, veto, flags\n"
               "  results_nodes.csv   value, score and global weight of every indicator node\n"
               "  results_cadres.csv  cadre scores and grades\n"
               "  results_surveys.csv satisfaction index, interval, rate\n"
               "  warnings.csv        tracking warnings (when there are any)\n"
               "Numbers are written %.17g; the same bundle always gives byte-identical files.\n"
               "Prints the ranking per category on a terminal, with --summary, or without -o.\n"
               "A bundle with any error writes nothing and exits 2.\n",
    .args = {opts, 1, 1},
    .run = run_eval,
};
