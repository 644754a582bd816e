/*
 * cmd-report.c — `kaohe report unit|district SOURCE … -o FILE.pdf`:
 * printable PDF reports (pdf-report.h).
 *
 *   kaohe report unit SOURCE CODE… -o FILE.pdf   report cards in one PDF
 *   kaohe report unit SOURCE --all -o DIR        one PDF per unit, DIR/CODE.pdf
 *   kaohe report unit SOURCE --all -o FILE.pdf   every unit in one PDF, one bookmark each
 *   kaohe report cadre SOURCE CODE…|--all -o …   cadre forms (干部考核表), the same way
 *   kaohe report feedback SOURCE CODE…|--all -o … feedback reports (反馈报告), the same way;
 *                                                a stored cycle adds the previous cycle's
 *                                                figures and the rectification items
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
 * --png DPI draws the same pages on a cairo image surface instead of the
 * PDF (pdf-draw.h): FILE-1.png … next to where FILE.pdf would be.
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
#include "kaohe/csv.h"
#include "kaohe/engine.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/msg-report.h"
#include "kaohe/numfmt.h"
#include "kaohe/stability.h"
#include "kaohe/pdf-report.h"
#include "kaohe/report-stored.h"
#include "kaohe/results-csv.h"
#include "kaohe/store-load.h"
#include "kaohe/store-rectify.h"
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
static int load_stored(const struct kh_args *a, const char *code, struct kh_bundle *b,
                       struct kh_results *r, char date[16])
{
    struct kh_store *s = NULL;
    struct kh_actor actor;
    struct kh_error err;
    struct kh_diags d;
    kh_diags_init(&d, 20);
    kh_error_clear(&err);
    int rc = kh__cli_open(&kh_cmd_report, a, false, &s, &actor);
    if (rc == 0 && (rc = kh_report_stored_load(s, &actor, KH_ACT_RESULTS_READ, NULL, code, b, r, date, &d,
                                               &err)) != 0) {
        kh_cmd_print_diags(&d);
        rc = kh__cli_fail(&kh_cmd_report, &err);
    }
    kh_diags_release(&d);
    kh_store_close(s);
    return rc;
}

static int load_feedback_extra(const struct kh_args *a, const char *code, struct kh_bundle *b,
                               struct kh_feedback_extra *x)
{
    struct kh_store *s = NULL;
    struct kh_actor actor;
    struct kh_error err;
    kh_error_clear(&err);
    int rc = kh__cli_open(&kh_cmd_report, a, false, &s, &actor);
    if (rc == 0 && (rc = kh_report_feedback_load(s, &actor, code, b, x, &err)) != 0)
        rc = kh__cli_fail(&kh_cmd_report, &err);
    kh_store_close(s);
    return rc;
}

/* --png DPI: PNG pages at 1..1200 DPI instead of the PDF (0 when absent);
 * anything else is a usage error (exit 2). */
static int png_dpi(const struct kh_args *a, int *dpi)
{
    const char *v = kh_args_get(a, "png");
    char *end;
    *dpi = 0;
    if (!v)
        return 0;
    long n = strtol(v, &end, 10);
    if (end == v || *end || n < 1 || n > 1200)
        return kh_cmd_usage_error(&kh_cmd_report, "%s",
                                  KH_TR("--png 需要 1 到 1200 的分辨率（DPI）", "--png needs a resolution of 1 to 1200 DPI"));
    *dpi = (int)n;
    return 0;
}

/* kaohe report agreement CYCLE UNIT -o FILE.pdf: the agreement of a stored
 * cycle (agreement.print decides who may), dated today unless --date. */
static int report_agreement(const struct kh_args *a, const char *out)
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
    if (kh_args_get(a, "date") && kh_args_get(a, "date")[0])
        snprintf(date, sizeof date, "%.10s", kh_args_get(a, "date"));
    rc = kh_store_agreement_get(s, &actor, kh_args_pos(a, 1), kh_args_pos(a, 2), &ag, &err);
    kh_store_close(s);
    if (rc != 0)
        return kh__cli_fail(&kh_cmd_report, &err);
    struct kh_pdf_report_opts o = {.lang = kh_cli_lang(), .computed_at = date};
    if ((rc = png_dpi(a, &o.png_dpi)) != 0)
        return rc;
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

static bool ends_with_pdf(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcmp(path + n - 4, ".pdf") == 0;
}

/* A report made of one section per subject (a unit or a cadre): how its
 * codes are looked up and how a list of subjects is drawn into one file. */
typedef int (*render_fn)(const struct kh_bundle *b, const struct kh_results *r,
                         const struct kh_feedback_extra *x, const int32_t *ix, int32_t n,
                         const struct kh_pdf_report_opts *o, const char *path,
                         struct kh_error *err);

static int render_unit(const struct kh_bundle *b, const struct kh_results *r,
                       const struct kh_feedback_extra *x, const int32_t *ix, int32_t n,
                       const struct kh_pdf_report_opts *o, const char *path, struct kh_error *err)
{
    (void)x;
    return kh_pdf_unit_report(b, r, ix, n, o, path, err);
}

static int render_cadre(const struct kh_bundle *b, const struct kh_results *r,
                        const struct kh_feedback_extra *x, const int32_t *ix, int32_t n,
                        const struct kh_pdf_report_opts *o, const char *path, struct kh_error *err)
{
    (void)x;
    return kh_pdf_cadre_report(b, r, ix, n, o, path, err);
}

struct subject_report {
    const char *what;
    bool cadres;                 /* subjects are cadres, else units */
    bool feedback;               /* reads kh_feedback_extra from the store */
    render_fn render;
};

static const struct subject_report subject_reports[] = {
    {"unit", false, false, render_unit},
    {"cadre", true, false, render_cadre},
    {"feedback", false, true, kh_pdf_feedback_report},
};

static const struct subject_report *subject_report(const char *what)
{
    for (size_t i = 0; i < sizeof subject_reports / sizeof subject_reports[0]; i++)
        if (strcmp(subject_reports[i].what, what) == 0)
            return &subject_reports[i];
    return NULL;
}

/* The subjects named on the command line (or all of them), every code
 * checked before anything is written.  Returns 0, or KH_EINVAL with err
 * naming the first unknown code; *ix is malloc'd (caller frees). */
static int resolve_subjects(const struct subject_report *sr, const struct kh_bundle *b,
                            const struct kh_args *a, bool all, int32_t **ix, int32_t *n,
                            struct kh_error *err)
{
    int32_t total = sr->cadres ? b->ncadres : b->nunits;
    const char *cycle = b->cycle.code ? b->cycle.code : "";
    *n = 0;
    *ix = kh_xcalloc((size_t)total + 1, sizeof **ix);
    if (all) {
        for (int32_t i = 0; i < total; i++)
            (*ix)[(*n)++] = i;
        return 0;
    }
    for (int i = 2; i < kh_args_count(a); i++) {
        int32_t k = kh_strmap_get(sr->cadres ? &b->cadre_ix : &b->unit_ix, kh_args_pos(a, i));
        if (k < 0)
            return sr->cadres ? KH_ERR(err, KH_EINVAL, REPORT_NO_CADRE, kh_args_pos(a, i), cycle)
                              : KH_ERR(err, KH_EINVAL, REPORT_NO_UNIT, kh_args_pos(a, i), cycle);
        if (*n < total)
            (*ix)[(*n)++] = k;
    }
    return 0;
}

/* Codes (or --all) into out: one PDF for a list of codes or for --all with a
 * path ending in .pdf (one bookmark per subject), else one PDF per subject
 * in the folder out, DIR/CODE.pdf. */
static int render_subjects(const struct subject_report *sr, const struct kh_bundle *b,
                           const struct kh_results *r, const struct kh_feedback_extra *x,
                           const int32_t *ix, int32_t n, bool all,
                           const struct kh_pdf_report_opts *o, const char *out,
                           struct kh_error *err)
{
    if (!all || ends_with_pdf(out))
        return sr->render(b, r, x, ix, n, o, out, err);
    if (mkdir(out, 0777) != 0 && errno != EEXIST)
        return KH_ERR(err, KH_EIO, REPORT_PDF_WRITE, out, strerror(errno));
    int rc = 0;
    for (int32_t i = 0; rc == 0 && i < n; i++) {
        char *path = unit_path(out, sr->cadres ? b->cadres[ix[i]].code : b->units[ix[i]].code);
        rc = sr->render(b, r, x, &ix[i], 1, o, path, err);
        free(path);
    }
    return rc;
}

/* --stability N [--delta D] [--seed S]: run the rank-stability study of
 * stability.h on the report's bundle for the unit card (SPEC §8, the same
 * defaults as `kaohe sensitivity`); st stays zeroed without --stability. */
static int stability(const struct kh_args *a, const struct subject_report *sr,
                     const struct kh_bundle *b, struct kh_stability *st,
                     struct kh_stability_opts *so)
{
    const char *v = kh_args_get(a, "stability");
    *so = (struct kh_stability_opts)KH_STABILITY_OPTS_DEFAULT;
    if (!v)
        return 0;
    long n;
    double d = 0.2;
    if (sr == NULL || sr->render != render_unit)
        return kh_cmd_usage_error(&kh_cmd_report, "%s",
                                  KH_TR("--stability 只用于 report unit", "--stability is for report unit only"));
    if (!kh_parse_long(v, 1, 1000000, &n))
        return kh_cmd_usage_error(&kh_cmd_report, "%s",
                                  KH_TR("--stability 须为 1 到 1000000 的运行次数", "--stability needs a number of runs from 1 to 1000000"));
    so->runs = (int32_t)n;
    if ((v = kh_args_get(a, "delta")) && (!kh_parse_double(v, &d) || !(d >= 0 && d < 1)))
        return kh_cmd_usage_error(&kh_cmd_report, "%s", KH_TR("--delta 须在 [0, 1) 之内", "--delta must lie in [0, 1)"));
    so->delta = d;
    if ((v = kh_args_get(a, "seed")) && !kh_parse_long(v, 0, 2147483647, &n))
        return kh_cmd_usage_error(&kh_cmd_report, "%s", KH_TR("--seed 须为非负整数", "--seed must be a non-negative integer"));
    if (v)
        so->seed = (uint64_t)n;
    struct kh_error err;
    kh_error_clear(&err);
    if (kh_stability_run(b, so, st, &err) != 0) {
        kh_cmd_print_error("report", &err);
        return KH_EXIT_FAIL;
    }
    return 0;
}

static int run_report(const struct kh_cmd *cmd, const struct kh_args *a)
{
    struct kh_bundle b = {0};
    struct kh_results r = {0};
    struct kh_error err;
    int32_t *subjects = NULL;
    int32_t nsubjects = 0;
    struct kh_feedback_extra fx = {0};
    char date[16] = "";
    kh_error_clear(&err);
    int rc = 0;
    struct kh_stability st = {0};
    struct kh_stability_opts so;
    const char *out = kh_args_get(a, "output");
    bool all = kh_args_has(a, "all");
    const char *what = kh_args_count(a) > 0 ? kh_args_pos(a, 0) : "";
    const struct subject_report *sr = subject_report(what);
    bool district = strcmp(what, "district") == 0;
    if (strcmp(what, "agreement") == 0) {
        if (kh_args_count(a) != 3 || out == NULL || all)
            rc = kh_cmd_usage_error(cmd, "%s",
                                    KH_TR("用法: kaohe report agreement 周期 单位 -o 文件.pdf",
                                          "usage: kaohe report agreement CYCLE UNIT -o FILE.pdf"));
        else
            rc = report_agreement(a, out);
        goto out_args;
    }
    if (!sr && !district) {
        rc = kh_cmd_usage_error(cmd, "%s",
                                KH_TR("需要报告类型 unit、cadre、feedback、district 或 agreement",
                                      "expects unit, cadre, feedback, district or agreement"));
        goto out_args;
    }
    if (kh_args_count(a) < 2 || out == NULL || (district && (kh_args_count(a) != 2 || all)) ||
        (sr && (all ? kh_args_count(a) != 2 : kh_args_count(a) < 3))) {
        rc = kh_cmd_usage_error(cmd, "%s",
                                KH_TR("参数有误，见 kaohe report --help", "bad arguments, see kaohe report --help"));
        goto out_args;
    }
    const char *source = kh_args_pos(a, 1);
    if (is_dir(source)) {
        if ((rc = kh_cli_read_bundle("report", source, NULL, 0, &b)) != KH_EXIT_OK)
            goto out_args;
        if (kh_engine_run(&b, NULL, &r, &err) != 0) {
            kh_cmd_print_error("report", &err);
            rc = KH_EXIT_INPUT;
            goto out;
        }
        today(date);
    } else if ((rc = load_stored(a, source, &b, &r, date)) != 0 ||
               (sr && sr->feedback && (rc = load_feedback_extra(a, source, &b, &fx)) != 0)) {
        goto out;
    }
    if (kh_args_get(a, "date") && kh_args_get(a, "date")[0])
        snprintf(date, sizeof date, "%.10s", kh_args_get(a, "date"));

    struct kh_pdf_report_opts o = {.lang = kh_cli_lang(), .computed_at = date};
    if ((rc = png_dpi(a, &o.png_dpi)) != 0)
        goto out;
    if ((rc = stability(a, sr, &b, &st, &so)) != 0)
        goto out;
    if (st.units) {
        o.stability = &st;
        o.stability_opts = &so;
    }
    if (district) {
        rc = kh_pdf_district_report(&b, &r, &o, out, &err);
        goto done;
    }
    if (resolve_subjects(sr, &b, a, all, &subjects, &nsubjects, &err) != 0) {
        kh_cmd_print_error("report", &err);
        rc = KH_EXIT_INPUT;
        goto out;
    }
    rc = render_subjects(sr, &b, &r, &fx, subjects, nsubjects, all, &o, out, &err);
done:
    if (rc != 0) {
        kh_cmd_print_error("report", &err);
        rc = rc == KH_EINVAL ? KH_EXIT_INPUT : KH_EXIT_FAIL;
    } else {
        fprintf(stderr, KH_TR("报告已写入 %s\n", "report written to %s\n"), out);
    }
out:
    free(subjects);
    kh_stability_release(&st);
    kh_report_feedback_release(&fx);
    kh_results_release(&r);
    kh_bundle_release(&b);
out_args:
    kh_pdf_release_caches();
    return rc;
}

static const struct kh_opt opts[] = {
    {"date", 0, KH_OPT_VALUE},
    {"output", 'o', KH_OPT_VALUE},
    {"png", 0, KH_OPT_VALUE},
    {"stability", 0, KH_OPT_VALUE},
    {"delta", 0, KH_OPT_VALUE},
    {"seed", 0, KH_OPT_VALUE},
    {"all", 0, 0},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_report = {
    .name = "report",
    .summary_zh = "输出可打印的 PDF 报告：单位考核报告、干部考核表、考核结果汇总、绩效协议书",
    .summary_en = "printable PDF reports: unit cards, cadre forms, district summary, agreement",
    .help_zh = "用法: kaohe report unit 来源 单位编码… -o 文件.pdf\n"
               "      kaohe report unit 来源 --all -o 目录|文件.pdf\n"
               "      kaohe report cadre 来源 干部编码…|--all -o 文件.pdf|目录\n"
               "      kaohe report feedback 来源 单位编码…|--all -o 文件.pdf|目录\n"
               "      kaohe report district 来源 -o 文件.pdf\n"
               "      kaohe report agreement 周期 单位 -o 文件.pdf\n\n"
               "来源是数据包目录（在内存中计算，同 kaohe eval），或数据库中已计算的考核周期编码\n"
               "（--db；数据须与已存结果一致，否则请先 kaohe compute）。\n"
               "  unit       单位考核报告：综合得分、排名、等次、维度雷达图与条形图、指标明细、\n"
               "             满意度、加减分与否决、标记；多个单位合为一个 PDF，--all 每单位一个文件\n"
               "             （-o 以 .pdf 结尾时合为一个带书签的 PDF）\n"
               "  cadre      干部考核表：班子实绩、分管工作、民主测评的权重与得分，个人扣分，得分与等次，\n"
               "             分管领域，各评议组按等级的票数，标记（诫勉谈话、组织调整等提示）\n"
               "  feedback   反馈报告：优势与短板（results_strengths.csv）、过程预警、与上期比较、整改事项\n"
               "  district   考核结果汇总：各类型排名与名额线、等次分布、得分分布图、否决与标记\n"
               "  agreement  绩效协议书（数据库中的周期）：已批准的目标、进度节点与说明，上期整改事项及答复，\n"
               "             双方签字盖章栏；页脚为打印日期\n"
               "选项: --date YYYY-MM-DD 页脚的计算日期（默认：数据包为今天，数据库为计算时间）\n"
               "      --png DPI 改为输出 PNG 页面（文件-1.png、文件-2.png…；目录时 目录/编码-1.png），\n"
               "      同一绘制代码，A4 按 DPI 换算像素\n"
               "      --stability N [--delta δ] [--seed S]  单位考核报告加“名次稳定性”一节：权重在 ±δ（默认\n"
               "      0.2）内随机扰动 N 次（同 kaohe sensitivity，种子默认 1，结果可复现）\n"
               "      --lang en 英文报告。A4，每页有周期、计算日期与页码，字体 Noto Sans CJK SC。\n",
    .help_en = "usage: kaohe report unit SOURCE CODE… -o FILE.pdf\n"
               "       kaohe report unit SOURCE --all -o DIR|FILE.pdf\n"
               "       kaohe report cadre SOURCE CODE…|--all -o FILE.pdf|DIR\n"
               "       kaohe report feedback SOURCE CODE…|--all -o FILE.pdf|DIR\n"
               "       kaohe report district SOURCE -o FILE.pdf\n"
               "       kaohe report agreement CYCLE UNIT -o FILE.pdf\n\n"
               "SOURCE is a bundle folder (evaluated in memory, as kaohe eval does) or the code of a\n"
               "computed cycle in the store (--db; its data must match the stored results, else run\n"
               "kaohe compute first).\n"
               "  unit       report card: composite, ranks, grade, dimension radar and bars, leaf table,\n"
               "             survey, bonuses/penalties/vetoes, flags; several codes make one PDF,\n"
               "             --all one file per unit in DIR (one bookmarked PDF when -o ends in .pdf)\n"
               "  cadre      cadre form: team, duty and evaluation with weights and scores, penalty,\n"
               "             score and grade, responsibilities, votes per rater group and level, flags\n"
               "  feedback   feedback report: strengths and weaknesses (results_strengths.csv), tracking\n"
               "             warnings, trend against the previous cycle, rectification items\n"
               "  district   summary: ranking per type with the quota line, grade counts, histogram,\n"
               "             vetoes and flags\n"
               "  agreement  performance agreement of a stored cycle: approved targets with milestones\n"
               "             and justifications, rectification items carried over with the answers,\n"
               "             signature and seal lines of both parties; the footer has the date printed\n"
               "Options: --date YYYY-MM-DD the date of computation in the footer (default: today for a\n"
               "         bundle, the time of compute for a stored cycle); --lang en for English;\n"
               "         --png DPI writes PNG pages instead (FILE-1.png …, or DIR/CODE-1.png), drawn by\n"
               "         the same code on an image surface, A4 at DPI.\n"
               "         --stability N [--delta D] [--seed S]: the unit card gets a rank-stability section,\n"
               "         weights perturbed within ±D (default 0.2) in N runs, as kaohe sensitivity (seed 1).\n"
               "A4 pages with the cycle, the date and page numbers; font Noto Sans CJK SC.\n",
    .args = {opts, 0, -1},
    .run = run_report,
};
