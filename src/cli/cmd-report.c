/*
 * cmd-report.c — `kaohe report unit|district SOURCE … -o FILE.pdf`:
 * printable PDF reports (pdf-report.h).
 *
 *   kaohe report unit SOURCE CODE… -o FILE.pdf   report cards in one PDF
 *   kaohe report unit SOURCE --all -o DIR        one PDF per unit, DIR/CODE.pdf
 *   kaohe report district SOURCE -o FILE.pdf     the district summary
 *   kaohe report agreement CYCLE UNIT -o FILE.pdf the performance agreement
 *                                                (a stored cycle; agreement.print)
 *
 * SOURCE is either a bundle folder or the code of a stored cycle:
 *   - a folder (it exists as a directory) is read, validated and evaluated in
 *     memory exactly as `kaohe eval` does; the date of computation is today
 *     (or SOURCE_DATE_EPOCH, or --date YYYY-MM-DD);
 *   - anything else is a cycle in the store named by --db / KAOHE_DB.  Its
 *     bundle is loaded and evaluated again (the engine is deterministic) and
 *     the results must equal the stored results_units.csv byte for byte:
 *     the PDF then shows the stored results, and a cycle whose data changed
 *     after `compute` is refused (REPORT_STALE) rather than printed with
 *     numbers nobody published.  The date is the cycle's computed_at.
 *     Needs results.read (admin, viewer).
 * Re-evaluating instead of parsing the stored CSV keeps one source of truth
 * for every number the renderers read (struct kh_results).
 *
 * Every code is checked before anything is written: an unknown unit exits
 * 2 with REPORT_NO_UNIT and leaves no file.  With --all, DIR is created.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "cli/cli-bundle.h"
#include "cli/cli-store.h"
#include "cli/cmd.h"
#include "kaohe/agreement.h"
#include "kaohe/buf.h"
#include "kaohe/engine.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/msg-report.h"
#include "kaohe/pdf-report.h"
#include "kaohe/results-csv.h"
#include "kaohe/store-load.h"
#include "kaohe/store-workflow.h"
#include "kaohe/xalloc.h"

extern const struct kh_cmd kh_cmd_report;

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Today's date, or SOURCE_DATE_EPOCH's (reproducible builds' convention). */
static void today(char out[16])
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t t = sde && sde[0] ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
    struct tm tm;
    if (sde && sde[0])
        gmtime_r(&t, &tm);
    else
        localtime_r(&t, &tm);
    strftime(out, 16, "%Y-%m-%d", &tm);
}

/* Load a stored cycle and evaluate it; the results must be the stored ones. */
static int load_stored(const struct kh_cli_args *a, const char *code, struct kh_bundle *b,
                       struct kh_results *r, char date[16])
{
    struct kh_store *s = NULL;
    struct kh_actor actor;
    struct kh_error err;
    struct kh_diags d;
    struct kh_cycle_row row;
    struct kh_buf stored = KH_BUF_INIT, mine = KH_BUF_INIT;
    kh_diags_init(&d, 20);
    kh_error_clear(&err);
    int rc = kh__cli_open(&kh_cmd_report, a, false, &s, &actor);
    if (rc != 0)
        goto out_plain;
    if ((rc = kh_store_cycle_get(s, &actor, code, &row, &err)) != 0)
        goto out;
    if (!row.computed_at[0]) {
        rc = KH_ERR(&err, KH_ESTATE, REPORT_NOT_COMPUTED, code);
        goto out;
    }
    if ((rc = kh_store_load(s, &actor, KH_ACT_RESULTS_READ, NULL, code, b, &d, &err)) != 0)
        goto out;
    if ((rc = kh_engine_run(b, NULL, r, &err)) != 0)
        goto out;
    if ((rc = kh_store_results_csv(s, &actor, code, "results_units.csv", NULL, &stored, &err)) != 0)
        goto out;
    kh_results_render(b, r, KH_RESULT_UNITS, &mine);
    if (stored.len != mine.len || memcmp(stored.data, mine.data, stored.len) != 0) {
        rc = KH_ERR(&err, KH_ESTATE, REPORT_STALE, code);
        goto out;
    }
    snprintf(date, 16, "%.10s", row.computed_at);
    /* a cycle imported with --cycle has no code in its cycle.csv: the header names the stored one */
    if (!b->cycle.code || !b->cycle.code[0])
        b->cycle.code = kh_arena_strdup(&b->arena, row.code);
out:
    if (rc != 0) {
        kh_cmd_print_diags(&d);
        rc = kh__cli_fail(&kh_cmd_report, &err);
    }
out_plain:
    kh_buf_release(&stored);
    kh_buf_release(&mine);
    kh_diags_release(&d);
    kh_store_close(s);
    return rc;
}

/* kaohe report agreement CYCLE UNIT -o FILE.pdf: the agreement of a stored
 * cycle (agreement.print decides who may), dated today unless --date. */
static int report_agreement(const struct kh_cli_args *a, const char *out)
{
    struct kh_store *s = NULL;
    struct kh_actor actor;
    struct kh_error err;
    struct kh_agreement ag = {0};
    char date[16];
    kh_error_clear(&err);
    int rc = kh__cli_open(&kh_cmd_report, a, false, &s, &actor);
    if (rc != 0)
        return rc;
    today(date);
    if (kh__cli_opt(a, "date") && kh__cli_opt(a, "date")[0])
        snprintf(date, sizeof date, "%.10s", kh__cli_opt(a, "date"));
    rc = kh_store_agreement_get(s, &actor, a->pos[1], a->pos[2], &ag, &err);
    kh_store_close(s);
    if (rc != 0)
        return kh__cli_fail(&kh_cmd_report, &err);
    struct kh_pdf_report_opts o = {kh_cli_lang(), date};
    rc = kh_pdf_agreement_report(&ag, &o, out, &err);
    kh_agreement_release(&ag);
    if (rc != 0) {
        kh_cmd_print_error("report", &err);
        return KH_EXIT_FAIL;
    }
    fprintf(stderr, KH_TR("报告已写入 %s\n", "report written to %s\n"), out);
    return KH_EXIT_OK;
}

/* path = dir/code.pdf, malloc'd. */
static char *unit_path(const char *dir, const char *code)
{
    size_t n = strlen(dir) + strlen(code) + 6;
    char *p = kh_xmalloc(n);
    snprintf(p, n, "%s/%s.pdf", dir, code);
    return p;
}

static int run_report(int argc, char **argv)
{
    /* -o is the one short option; the rest is the common long-option parser */
    char **rest = kh_xcalloc((size_t)argc + 1, sizeof *rest);
    const char *out = NULL;
    int nrest = 0;
    for (int i = 0; i < argc; i++) {
        if (i > 0 && strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else
            rest[nrest++] = argv[i];
    }
    struct kh_cli_args a;
    struct kh_bundle b = {0};
    struct kh_results r = {0};
    struct kh_error err;
    int32_t *units = NULL;
    int32_t nunits = 0;
    char date[16] = "";
    kh_error_clear(&err);
    int rc = kh__cli_args(&kh_cmd_report, nrest, rest, "output date", "all", &a);
    if (rc != 0)
        goto out_args;
    if (kh__cli_opt(&a, "output"))
        out = kh__cli_opt(&a, "output");
    bool all = kh__cli_opt(&a, "all") != NULL;
    const char *what = a.npos > 0 ? a.pos[0] : "";
    bool unit = strcmp(what, "unit") == 0, district = strcmp(what, "district") == 0;
    if (strcmp(what, "agreement") == 0) {
        if (a.npos != 3 || out == NULL || all)
            rc = kh_cmd_usage_error(&kh_cmd_report, "%s",
                                    KH_TR("用法: kaohe report agreement 周期 单位 -o 文件.pdf",
                                          "usage: kaohe report agreement CYCLE UNIT -o FILE.pdf"));
        else
            rc = report_agreement(&a, out);
        goto out_args;
    }
    if (!unit && !district) {
        rc = kh_cmd_usage_error(&kh_cmd_report, "%s",
                                KH_TR("需要报告类型 unit、district 或 agreement",
                                      "expects unit, district or agreement"));
        goto out_args;
    }
    if (a.npos < 2 || out == NULL || (district && (a.npos != 2 || all)) ||
        (unit && (all ? a.npos != 2 : a.npos < 3))) {
        rc = kh_cmd_usage_error(&kh_cmd_report, "%s",
                                KH_TR("参数有误，见 kaohe report --help", "bad arguments, see kaohe report --help"));
        goto out_args;
    }
    const char *source = a.pos[1];
    if (is_dir(source)) {
        if ((rc = kh_cli_read_bundle("report", source, NULL, 0, &b)) != KH_EXIT_OK)
            goto out_args;
        if (kh_engine_run(&b, NULL, &r, &err) != 0) {
            kh_cmd_print_error("report", &err);
            rc = KH_EXIT_INPUT;
            goto out;
        }
        today(date);
    } else if ((rc = load_stored(&a, source, &b, &r, date)) != 0) {
        goto out;
    }
    if (kh__cli_opt(&a, "date") && kh__cli_opt(&a, "date")[0])
        snprintf(date, sizeof date, "%.10s", kh__cli_opt(&a, "date"));

    struct kh_pdf_report_opts o = {kh_cli_lang(), date};
    if (district) {
        rc = kh_pdf_district_report(&b, &r, &o, out, &err);
        goto done;
    }
    units = kh_xcalloc((size_t)b.nunits + 1, sizeof *units);
    if (all) {
        for (int32_t u = 0; u < b.nunits; u++)
            units[nunits++] = u;
    } else {
        for (int i = 2; i < a.npos; i++) {
            int32_t u = kh_strmap_get(&b.unit_ix, a.pos[i]);
            if (u < 0) {
                KH_ERR(&err, KH_EINVAL, REPORT_NO_UNIT, a.pos[i], b.cycle.code ? b.cycle.code : "");
                kh_cmd_print_error("report", &err);
                rc = KH_EXIT_INPUT;
                goto out;
            }
            if (nunits < b.nunits)
                units[nunits++] = u;
        }
    }
    if (!all) {
        rc = kh_pdf_unit_report(&b, &r, units, nunits, &o, out, &err);
        goto done;
    }
    if (mkdir(out, 0777) != 0 && errno != EEXIST) {
        KH_ERR(&err, KH_EIO, REPORT_PDF_WRITE, out, strerror(errno));
        rc = KH_EIO;
        goto done;
    }
    rc = 0;
    for (int32_t i = 0; rc == 0 && i < nunits; i++) {
        char *path = unit_path(out, b.units[units[i]].code);
        rc = kh_pdf_unit_report(&b, &r, &units[i], 1, &o, path, &err);
        free(path);
    }
done:
    if (rc != 0) {
        kh_cmd_print_error("report", &err);
        rc = rc == KH_EINVAL ? KH_EXIT_INPUT : KH_EXIT_FAIL;
    } else {
        fprintf(stderr, KH_TR("报告已写入 %s\n", "report written to %s\n"), out);
    }
out:
    free(units);
    kh_results_release(&r);
    kh_bundle_release(&b);
out_args:
    free(rest);
    kh_pdf_release_caches();
    return rc;
}

const struct kh_cmd kh_cmd_report = {
    .name = "report",
    .summary_zh = "输出可打印的 PDF 报告：单位考核报告、考核结果汇总、绩效协议书",
    .summary_en = "printable PDF reports: unit report cards, district summary, agreement",
    .help_zh = "用法: kaohe report unit 来源 单位编码… -o 文件.pdf\n"
               "      kaohe report unit 来源 --all -o 目录\n"
               "      kaohe report district 来源 -o 文件.pdf\n"
               "      kaohe report agreement 周期 单位 -o 文件.pdf\n\n"
               "来源是数据包目录（在内存中计算，同 kaohe eval），或数据库中已计算的考核周期编码\n"
               "（--db；数据须与已存结果一致，否则请先 kaohe compute）。\n"
               "  unit       单位考核报告：综合得分、排名、等次、维度雷达图与条形图、指标明细、\n"
               "             满意度、加减分与否决、标记；多个单位合为一个 PDF，--all 每单位一个文件\n"
               "  district   考核结果汇总：各类型排名与名额线、等次分布、得分分布图、否决与标记\n"
               "  agreement  绩效协议书（数据库中的周期）：已批准的目标、进度节点与说明，上期整改事项及答复，\n"
               "             双方签字盖章栏；页脚为打印日期\n"
               "选项: --date YYYY-MM-DD 页脚的计算日期（默认：数据包为今天，数据库为计算时间）\n"
               "      --lang en 英文报告。A4，每页有周期、计算日期与页码，字体 Noto Sans CJK SC。\n",
    .help_en = "usage: kaohe report unit SOURCE CODE… -o FILE.pdf\n"
               "       kaohe report unit SOURCE --all -o DIR\n"
               "       kaohe report district SOURCE -o FILE.pdf\n"
               "       kaohe report agreement CYCLE UNIT -o FILE.pdf\n\n"
               "SOURCE is a bundle folder (evaluated in memory, as kaohe eval does) or the code of a\n"
               "computed cycle in the store (--db; its data must match the stored results, else run\n"
               "kaohe compute first).\n"
               "  unit       report card: composite, ranks, grade, dimension radar and bars, leaf table,\n"
               "             survey, bonuses/penalties/vetoes, flags; several codes make one PDF,\n"
               "             --all one file per unit in DIR\n"
               "  district   summary: ranking per type with the quota line, grade counts, histogram,\n"
               "             vetoes and flags\n"
               "  agreement  performance agreement of a stored cycle: approved targets with milestones\n"
               "             and justifications, rectification items carried over with the answers,\n"
               "             signature and seal lines of both parties; the footer has the date printed\n"
               "Options: --date YYYY-MM-DD the date of computation in the footer (default: today for a\n"
               "         bundle, the time of compute for a stored cycle); --lang en for English.\n"
               "A4 pages with the cycle, the date and page numbers; font Noto Sans CJK SC.\n",
    .run = run_report,
};
