/*
 * cmd-scheme.c — `kaohe scheme`: change indicator weights of a stored
 * cycle, seeing first what the change does (store-scheme.h).
 *
 *   kaohe scheme CYCLE INDICATOR:CATEGORY=WEIGHT … [--apply]
 *
 * Without --apply nothing is written: the command prints, as CSV, every
 * unit's composite, rank in its type and grade before and after the
 * change (a what-if, allowed in any state).  With --apply the same
 * preview is printed and the cells are stored (setup only).  The checks,
 * the validation and the audit are the store's; this file only parses
 * the arguments and prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli-store.h"
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/numfmt.h"
#include "kaohe/store-scheme.h"

static int run_scheme(const struct kh_cmd *cmd, const struct kh_args *a);

/* At most this many changes in one command (the old parser's limit). */
enum { KH_MAXCHANGES = 31 };

static const struct kh_opt opts[] = {
    {"apply", 0, 0},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_scheme = {
    .name = "scheme",
    .summary_zh = "修改指标权重（先预览对得分和排名的影响）",
    .summary_en = "change indicator weights (previewing what they do to scores and ranks)",
    .help_zh = "用法: kaohe scheme 周期 指标:类别=权重 … [--apply]\n"
               "  输出 CSV：每个单位修改前后的综合得分、类别内排名和等次。\n"
               "  不加 --apply 只预览，不写入；--apply 写入（仅 setup 状态），每个单元格一条审计记录。\n"
               "  权重为空（指标:类别=）表示该类别不考核此指标。\n",
    .help_en = "usage: kaohe scheme CYCLE INDICATOR:CATEGORY=WEIGHT … [--apply]\n"
               "  Prints CSV: every unit's composite, rank in its category and grade before and after.\n"
               "  Without --apply nothing is written; --apply stores the weights (setup only), one audit\n"
               "  record per cell.  An empty weight (INDICATOR:CATEGORY=) leaves the indicator out of that category.\n",
    .args = {opts, 0, KH_MAXCHANGES + 1},
    .run = run_scheme,
};

/* "A1.01:T1=0.3" → change; false when the shape is wrong. */
static bool parse_change(char *arg, struct kh_weight_change *w)
{
    char *colon = strchr(arg, ':'), *eq = strchr(arg, '=');
    if (colon == NULL || eq == NULL || eq < colon || colon == arg || eq == colon + 1)
        return false;
    *colon = *eq = '\0';
    *w = (struct kh_weight_change){arg, colon + 1, eq + 1};
    return true;
}

static void print_preview(const struct kh_scheme_preview *p)
{
    struct kh_buf line = KH_BUF_INIT;
    fputs("unit,category,composite_before,composite_after,rank_before,rank_after,grade_before,grade_after\n",
          stdout);
    for (size_t i = 0; i < p->n; i++) {
        const struct kh_scheme_unit *u = &p->units[i];
        char b[40], a[40], rb[16], ra[16];
        kh_fmt_double(u->before, b);
        kh_fmt_double(u->after, a);
        snprintf(rb, sizeof rb, "%d", (int)u->rank_before);
        snprintf(ra, sizeof ra, "%d", (int)u->rank_after);
        const char *row[] = {u->code, u->category, b, a, rb, ra, u->grade_before, u->grade_after};
        kh_buf_reset(&line);
        kh_csv_put_row(&line, row, 8);
        fputs(kh_buf_cstr(&line), stdout);
    }
    kh_buf_release(&line);
}

static int run_scheme(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    if (kh_args_count(a) < 2)
        return kh_cmd_usage_error(cmd, "%s",
                                  KH_TR("需要考核周期编码和至少一个 指标:类别=权重",
                                        "a cycle code and at least one INDICATOR:CATEGORY=WEIGHT are needed"));
    struct kh_weight_change ch[KH_MAXCHANGES];
    size_t n = 0;
    for (int i = 1; i < kh_args_count(a); i++)
        if (!parse_change(a->pos[i], &ch[n++]))
            return kh_cmd_usage_error(cmd, KH_TR("%s 不是 指标:类别=权重", "%s is not INDICATOR:CATEGORY=WEIGHT"),
                                      kh_args_pos(a, i));
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(cmd, a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    struct kh_diags d;
    struct kh_scheme_preview p = {0};
    kh_error_clear(&err);
    kh_diags_init(&d, 20);
    size_t changed = 0;
    if (kh_args_get(a, "apply"))
        rc = kh_store_scheme_set(s, &actor, kh_args_pos(a, 0), ch, n, &p, &changed, &d, &err);
    else
        rc = kh_store_scheme_preview(s, &actor, kh_args_pos(a, 0), ch, n, &p, &d, &err);
    if (rc == 0) {
        print_preview(&p);
        if (kh_args_get(a, "apply"))
            fprintf(stderr, KH_TR("已修改 %zu 个权重\n", "%zu weights changed\n"), changed);
    } else {
        kh_cmd_print_diags(&d);
    }
    kh_scheme_preview_release(&p);
    kh_diags_release(&d);
    kh_store_close(s);
    return rc != 0 ? kh__cli_fail(cmd, &err) : KH_EXIT_OK;
}
