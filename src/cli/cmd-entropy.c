/*
 * cmd-entropy.c — `kaohe entropy`: objective weights by the entropy method
 * (SPEC §8; math in src/analysis/entropy.c).
 *
 * Input is either a data file — first row the criterion codes (its first
 * cell labels the unit column and is ignored), first column the unit codes,
 * one number per cell, no empty cell — or, with --from, a bundle: the
 * year-end values (values.csv, period Y, as entered, before any transform)
 * of the quant leaves under --node that apply in --category, for the units
 * of that category.  With --from, a leaf's direction decides benefit/cost,
 * units lacking a value on any of those leaves are left out and listed, and
 * non-quant leaves (qual, survey, points) are skipped because they have no
 * entered values.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/analysis-cli.h"
#include "cli/cmd.h"
#include "kaohe/csv.h"
#include "kaohe/entropy-report.h"
#include "kaohe/entropy.h"
#include "kaohe/error.h"
#include "kaohe/json-dump.h"
#include "kaohe/lang.h"
#include "kaohe/msg-cli.h"
#include "kaohe/numfmt.h"
#include "kaohe/weights-file.h"
#include "kaohe/xalloc.h"
#include "cli/entropy-from.h"

extern const struct kh_cmd kh_cmd_entropy;

/* The data matrix, whichever way it was obtained. */
struct table {
    size_t m, n;
    char **units, **crit;
    double *x;
    bool *cost;
    char **skipped;      /* --from: units left out */
    size_t nskipped;
};

static void table_release(struct table *t)
{
    kh__cli_free_list(t->units, t->m);
    kh__cli_free_list(t->crit, t->n);
    kh__cli_free_list(t->skipped, t->nskipped);
    free(t->x);
    free(t->cost);
    memset(t, 0, sizeof *t);
}

static int read_table(const char *path, const char *data, size_t len, struct table *t,
                      struct kh_error *err)
{
    struct kh_csv_reader r;
    size_t ucap = 0, xcap = 0, ncells = 0;
    int rc = 0;
    kh_csv_reader_init(&r, data, len);
    for (;;) {
        int got = kh_csv_next(&r, err);
        if (got < 0) {
            kh__cli_err_file(err, path);
            rc = got;
            goto out;
        }
        if (got == 0)
            break;
        if (kh_csv_record_blank(&r))
            continue;
        if (t->crit == NULL) {
            if (r.nfields < 2) {
                rc = KH_ERR_AT(err, KH_EINVAL, path, r.line, NULL, CLI_TABLE_HEADER);
                goto out;
            }
            t->n = r.nfields - 1;
            t->crit = kh_xcalloc(t->n, sizeof *t->crit);
            for (size_t j = 0; j < t->n; j++) {
                if (r.fields[j + 1][0] == '\0') {
                    rc = KH_ERR_AT(err, KH_EINVAL, path, r.line, NULL, CLI_TABLE_EMPTY_CODE,
                                   KH_ARG_SIZE(j + 2));
                    goto out;
                }
                t->crit[j] = kh_xstrdup(r.fields[j + 1]);
                for (size_t k = 0; k < j; k++)
                    if (strcmp(t->crit[k], t->crit[j]) == 0) {
                        rc = KH_ERR_AT(err, KH_EINVAL, path, r.line, t->crit[j], CLI_TABLE_REPEATED_CODE);
                        goto out;
                    }
            }
            continue;
        }
        if (r.nfields != t->n + 1) {
            rc = KH_ERR_AT(err, KH_EINVAL, path, r.line, NULL, CLI_TABLE_CELLS, KH_ARG_SIZE(r.nfields),
                           KH_ARG_SIZE(t->n + 1));
            goto out;
        }
        KH_GROW(t->units, t->m + 1, ucap);
        t->units[t->m] = kh_xstrdup(r.fields[0]);
        t->m++;
        KH_GROW(t->x, ncells + t->n, xcap);
        for (size_t j = 0; j < t->n; j++) {
            const char *cell = r.fields[j + 1];
            if (!kh_parse_double(cell, &t->x[ncells + j])) {
                rc = cell[0] ? KH_ERR_AT(err, KH_EINVAL, path, r.line, t->crit[j], CLI_TABLE_NOT_NUMBER, cell)
                             : KH_ERR_AT(err, KH_EINVAL, path, r.line, t->crit[j], CLI_TABLE_MISSING);
                goto out;
            }
        }
        ncells += t->n;
    }
    if (t->crit == NULL || t->m == 0)
        rc = KH_ERR_AT(err, KH_EINVAL, path, 0, NULL, CLI_TABLE_NO_ROWS);
out:
    kh_csv_reader_release(&r);
    return rc;
}

static int run_entropy(const struct kh_cmd *cmd, const struct kh_args *args)
{
    bool json = kh_args_has(args, "json");
    const char *out_path = kh_args_get(args, "output"), *cost_s = kh_args_get(args, "cost");
    const char *from = kh_args_get(args, "from"), *node = kh_args_get(args, "node");
    const char *cat = kh_args_get(args, "category");
    const char *norm_s = kh_args_get(args, "normalise");
    if (norm_s == NULL)
        norm_s = kh_args_get(args, "normalize");
    enum kh_entropy_norm norm = KH_ENTROPY_MINMAX;
    if (norm_s == NULL || strcmp(norm_s, "minmax") == 0)
        norm = KH_ENTROPY_MINMAX;
    else if (strcmp(norm_s, "none") == 0)
        norm = KH_ENTROPY_NONE;
    else
        return kh_cmd_usage_error(cmd, KH_TR("--normalise 只能是 minmax 或 none",
                                             "--normalise takes minmax or none"));
    int npos = kh_args_count(args);
    if (from ? npos != 0 : npos != 1)
        return kh_cmd_usage_error(cmd, "%s", KH_TR("需要一个数据文件，或 --from 数据包",
                                                   "give one data file, or --from BUNDLE"));
    if (from && (!node || !cat))
        return kh_cmd_usage_error(cmd, "%s", KH_TR("--from 需要 --node 和 --category",
                                                   "--from needs --node and --category"));
    if (!from && (node || cat))
        return kh_cmd_usage_error(cmd, "%s", KH_TR("--node/--category 只能与 --from 一起用",
                                                   "--node/--category go with --from"));
    if (from && cost_s)
        return kh_cmd_usage_error(cmd, "%s", KH_TR("--from 时方向取自指标的 direction，不能再给 --cost",
                                                   "with --from the leaves' direction decides; "
                                                   "--cost is not allowed"));

    int rc = KH_EXIT_OK;
    struct table t;
    memset(&t, 0, sizeof t);
    struct kh_buf text = KH_BUF_INIT;
    struct kh_error err;
    char **costs = NULL;
    size_t ncosts = 0;
    double *e = NULL, *d = NULL, *w = NULL;
    kh_error_clear(&err);
    const char *source = from;
    if (from) {
        rc = kh__entropy_from_bundle(cmd, from, node, cat, &t.m, &t.n, &t.units, &t.crit, &t.x,
                                     &t.cost, &t.skipped, &t.nskipped);
        if (rc != 0)
            goto out;
    } else {
        source = kh_args_pos(args, 0);
        if ((rc = kh__cli_read(cmd, source, &text)) != 0)
            goto out;
        if (read_table(source, text.data ? text.data : "", text.len, &t, &err) != 0) {
            kh_cmd_print_error(cmd->name, &err);
            rc = KH_EXIT_INPUT;
            goto out;
        }
        t.cost = kh_xcalloc(t.n, sizeof *t.cost);
        if (cost_s) {
            costs = kh__cli_split(cost_s, &ncosts);
            for (size_t k = 0; k < ncosts; k++) {
                size_t j;
                for (j = 0; j < t.n && strcmp(t.crit[j], costs[k]) != 0; j++)
                    ;
                if (j == t.n) {
                    fprintf(stderr, KH_TR("kaohe entropy: %s:1: 没有指标列 “%s”（--cost）\n",
                                          "kaohe entropy: %s:1: no criterion column '%s' (--cost)\n"),
                            source, costs[k]);
                    rc = KH_EXIT_INPUT;
                    goto out;
                }
                t.cost[j] = true;
            }
        }
    }
    e = kh_xcalloc(t.n, sizeof *e);
    d = kh_xcalloc(t.n, sizeof *d);
    w = kh_xcalloc(t.n, sizeof *w);
    if (kh_entropy_weights(t.x, t.m, t.n, t.cost, norm, e, d, w, &err) != 0) {
        kh__cli_err_file(&err, source);
        kh_cmd_print_error(cmd->name, &err);
        rc = KH_EXIT_INPUT;
        goto out;
    }
    if (out_path) {
        struct kh_buf ob = KH_BUF_INIT;
        kh_weight_list_render((const char *const *)t.crit, w, t.n, &ob);
        rc = kh__cli_write(cmd, out_path, &ob);
        kh_buf_release(&ob);
        if (rc)
            goto out;
    }
    struct kh_entropy_report rep = {source, norm, t.m, t.n, (const char *const *)t.crit, t.cost,
                                    e, d, w, (const char *const *)t.skipped, t.nskipped};
    kh_buf_reset(&text);
    if (json)
        kh_json_dump_buf(kh_entropy_json(&rep), &text);
    else
        kh_entropy_render_text(&rep, kh_cli_lang(), &text);
    kh__cli_print(&text);
out:
    table_release(&t);
    kh__cli_free_list(costs, ncosts);
    kh_buf_release(&text);
    free(e);
    free(d);
    free(w);
    return rc;
}

static const struct kh_opt opts[] = {
    {"output", 'o', KH_OPT_VALUE},
    {"json", 0, 0},
    {"cost", 0, KH_OPT_VALUE},
    {"normalise", 0, KH_OPT_VALUE},
    {"normalize", 0, KH_OPT_VALUE},
    {"from", 0, KH_OPT_VALUE},
    {"node", 0, KH_OPT_VALUE},
    {"category", 0, KH_OPT_VALUE},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_entropy = {
    .name = "entropy",
    .summary_zh = "熵权法：由指标数据求客观权重",
    .summary_en = "entropy method: objective weights from indicator data",
    .help_zh =
        "用法: kaohe entropy 数据.csv [--cost 列,…] [--normalise minmax|none] [--json] [-o 权重.csv]\n"
        "       kaohe entropy --from 数据包 --node 编码 --category 类别 [--normalise …] [--json]\n"
        "\n"
        "数据文件：首行为指标编码（首格为单位列名，忽略），首列为单位编码，每格一个数值。\n"
        "--from：取数据包中 --node 以下、在该类别适用的定量指标的年末值（values.csv 的 Y 期，\n"
        "原始填报值），单位为该类别的单位；任一指标缺值的单位不纳入并列出；方向取自指标 direction。\n"
        "\n"
        "  --cost 列,…        成本型（越小越好）指标\n"
        "  --normalise 方法   minmax（默认，极差标准化）或 none（原值，须非负，仅效益型）\n"
        "  --json             以 JSON 输出（格式见 docs/analysis.md）\n"
        "  -o, --output 文件  另存权重文件（code,weight）\n"
        "\n"
        "取值全相同的指标权重为 0；单位少于 2 个或所有指标取值都相同时报错（退出码 2）。\n",
    .help_en =
        "usage: kaohe entropy DATA.csv [--cost COL,…] [--normalise minmax|none] [--json] [-o WEIGHTS.csv]\n"
        "       kaohe entropy --from BUNDLE --node CODE --category CAT [--normalise …] [--json]\n"
        "\n"
        "DATA.csv: first row the criterion codes (its first cell names the unit column and is\n"
        "ignored), first column the unit codes, one number per cell.\n"
        "--from: the year-end values (values.csv, period Y, as entered) of the quant leaves under\n"
        "--node that apply in the category, for the units of that category; units lacking a value\n"
        "on any of them are left out and listed; each leaf's direction decides benefit or cost.\n"
        "\n"
        "  --cost COL,…       cost criteria (lower is better)\n"
        "  --normalise M      minmax (default) or none (raw values ≥ 0, benefit only)\n"
        "  --json             JSON output (shape in docs/analysis.md)\n"
        "  -o, --output FILE  also write a weight file (code,weight)\n"
        "\n"
        "A constant column gets weight 0; fewer than 2 units, or every column constant, is an\n"
        "error (exit 2).\n",
    .args = {opts, 0, 1},
    .run = run_entropy,
};
