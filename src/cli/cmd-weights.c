/*
 * cmd-weights.c — `kaohe weights combine`: subjective and objective weights
 * mixed as w = α·w_subj + (1 − α)·w_obj (SPEC §8).
 *
 * Both inputs are weight files (weights-file.h: header code,weight), such as
 * `kaohe ahp -o` and `kaohe entropy -o` write.  They must name the same set
 * of criteria, in any order; each is divided by its own sum first, so a file
 * in points out of 100 mixes with one in fractions.  Output rows follow the
 * subjective file's order.  `-o` writes the combined weights as a weight
 * file again, so the result can be combined or inspected further.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/analysis-cli.h"
#include "cli/cmd.h"
#include "kaohe/entropy.h"
#include "kaohe/error.h"
#include "kaohe/json-dump.h"
#include "kaohe/lang.h"
#include "kaohe/numfmt.h"
#include "kaohe/weights-file.h"
#include "kaohe/weights-report.h"
#include "kaohe/xalloc.h"

extern const struct kh_cmd kh_cmd_weights;

static int load_list(const char *path, struct kh_weight_list *wl)
{
    struct kh_buf text = KH_BUF_INIT;
    struct kh_error err;
    int rc = kh__cli_read(&kh_cmd_weights, path, &text);
    if (rc == 0) {
        kh_error_clear(&err);
        if (kh_weight_list_parse(text.data ? text.data : "", text.len, path, wl, &err) != 0) {
            kh_cmd_print_error("weights", &err);
            rc = KH_EXIT_INPUT;
        }
    }
    kh_buf_release(&text);
    return rc;
}

static int run_weights(const struct kh_cmd *cmd, const struct kh_args *args)
{
    bool json = kh_args_has(args, "json");
    const char *out_path = kh_args_get(args, "output"), *alpha_s = kh_args_get(args, "alpha");
    double alpha = 0.5;
    if (alpha_s && (!kh_parse_double(alpha_s, &alpha) || !(alpha >= 0 && alpha <= 1)))
        return kh_cmd_usage_error(cmd, KH_TR("--alpha 须为 0 到 1 之间的数，而不是 “%s”",
                                             "--alpha must be a number in [0, 1], not '%s'"),
                                  alpha_s);
    if (strcmp(kh_args_pos(args, 0), "combine") != 0)   /* three positionals: .args */
        return kh_cmd_usage_error(cmd, "%s", KH_TR("用法: kaohe weights combine [--alpha A] 主观.csv 客观.csv",
                                                   "usage: kaohe weights combine [--alpha A] SUBJ.csv OBJ.csv"));
    const char *sp = kh_args_pos(args, 1), *op = kh_args_pos(args, 2);
    struct kh_weight_list s, o;
    memset(&s, 0, sizeof s);
    memset(&o, 0, sizeof o);
    double *ow = NULL, *w = NULL;
    int rc = load_list(sp, &s);
    if (rc == 0)
        rc = load_list(op, &o);
    if (rc != 0)
        goto out;
    ow = kh_xcalloc(s.n, sizeof *ow);
    w = kh_xcalloc(s.n, sizeof *w);
    for (size_t i = 0; i < s.n; i++) {
        size_t k;
        for (k = 0; k < o.n && strcmp(o.codes[k], s.codes[i]) != 0; k++)
            ;
        if (k == o.n) {
            fprintf(stderr, KH_TR("kaohe weights: %s:%ld:code: “%s” 不在 %s 中\n",
                                  "kaohe weights: %s:%ld:code: '%s' is not in %s\n"),
                    sp, s.lines[i], s.codes[i], op);
            rc = KH_EXIT_INPUT;
            goto out;
        }
        ow[i] = o.weights[k];
    }
    if (o.n != s.n) {
        for (size_t k = 0; k < o.n; k++) {
            size_t i;
            for (i = 0; i < s.n && strcmp(o.codes[k], s.codes[i]) != 0; i++)
                ;
            if (i == s.n) {
                fprintf(stderr, KH_TR("kaohe weights: %s:%ld:code: “%s” 不在 %s 中\n",
                                      "kaohe weights: %s:%ld:code: '%s' is not in %s\n"),
                        op, o.lines[k], o.codes[k], sp);
                break;
            }
        }
        rc = KH_EXIT_INPUT;
        goto out;
    }
    struct kh_error err;
    kh_error_clear(&err);
    if (kh_weights_combine(alpha, s.weights, ow, s.n, w, &err) != 0) {
        kh_cmd_print_error(cmd->name, &err);
        rc = KH_EXIT_INPUT;
        goto out;
    }
    if (out_path) {
        struct kh_buf ob = KH_BUF_INIT;
        kh_weight_list_render((const char *const *)s.codes, w, s.n, &ob);
        rc = kh__cli_write(cmd, out_path, &ob);
        kh_buf_release(&ob);
        if (rc)
            goto out;
    }
    struct kh_weights_report rep = {alpha, sp, op, s.n, (const char *const *)s.codes, s.weights,
                                    ow, w};
    struct kh_buf ob = KH_BUF_INIT;
    if (json)
        kh_json_dump_buf(kh_weights_json(&rep), &ob);
    else
        kh_weights_render_text(&rep, kh_cli_lang(), &ob);
    kh__cli_print(&ob);
    kh_buf_release(&ob);
out:
    kh_weight_list_release(&s);
    kh_weight_list_release(&o);
    free(ow);
    free(w);
    return rc;
}

static const struct kh_opt opts[] = {
    {"output", 'o', KH_OPT_VALUE},
    {"json", 0, 0},
    {"alpha", 0, KH_OPT_VALUE},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_weights = {
    .name = "weights",
    .summary_zh = "权重工具：主客观组合赋权",
    .summary_en = "weight tools: combine subjective and objective weights",
    .help_zh =
        "用法: kaohe weights combine [--alpha A] 主观.csv 客观.csv [--json] [-o 输出.csv]\n"
        "\n"
        "w = A × 主观权重 + (1 − A) × 客观权重，A 默认 0.5。两个文件均为权重文件（表头\n"
        "code,weight，可由 kaohe ahp -o 与 kaohe entropy -o 生成），须含相同的指标编码（顺序不限），\n"
        "各自先按其总和归一。输出按主观文件的顺序。\n"
        "\n"
        "  --alpha A          主观权重的比重，0 到 1\n"
        "  --json             以 JSON 输出（格式见 docs/analysis.md）\n"
        "  -o, --output 文件  另存组合后的权重文件（code,weight）\n",
    .help_en =
        "usage: kaohe weights combine [--alpha A] SUBJ.csv OBJ.csv [--json] [-o OUT.csv]\n"
        "\n"
        "w = A × subjective + (1 − A) × objective, A default 0.5.  Both files are weight files\n"
        "(header code,weight, as written by `kaohe ahp -o` and `kaohe entropy -o`) naming the same\n"
        "criteria in any order; each is divided by its own sum first.  Rows follow SUBJ's order.\n"
        "\n"
        "  --alpha A          share of the subjective weights, in [0, 1]\n"
        "  --json             JSON output (shape in docs/analysis.md)\n"
        "  -o, --output FILE  also write the combined weights as a weight file (code,weight)\n",
    .args = {opts, 3, 3},
    .run = run_weights,
};
