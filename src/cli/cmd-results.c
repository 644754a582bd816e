/*
 * cmd-results.c — `kaohe results CYCLE [FILE] [--unit UNIT]`: print one
 * stored result file of a cycle as CSV.  Who may read what is the store's
 * (results.read: admin and viewer; results.own: a unit user, its own rows,
 * once the cycle is in publicity or final).
 */
#include <stdio.h>
#include <string.h>
#include "cli/cli-store.h"
#include "kaohe/buf.h"
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/store-load.h"

static int run_results(const struct kh_cmd *cmd, const struct kh_args *a);

static const struct kh_opt opts[] = {
    {"unit", 0, KH_OPT_VALUE},
    {"public", 0, 0},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_results = {
    .name = "results",
    .summary_zh = "查看已计算的考核结果（CSV）；单位用户在公示后查看本单位结果",
    .summary_en = "show computed results (CSV); a unit user sees its own once published",
    .help_zh = "用法: kaohe results 周期 [units|nodes|cadres|surveys|warnings|contributions] [--unit 单位编码]\n"
               "      kaohe results 周期 --public   公示内容（排名、等次、各维度得分；公示后任何人可读）\n"
               "  默认 units（results_units.csv）。管理员和 viewer 任何状态可查看；\n"
               "  unit 角色只能查看本单位、且仅在公示（publicity）或定案（final）之后。\n"
               "  共同选项: --db 数据库 --user 操作人\n",
    .help_en = "usage: kaohe results CYCLE [units|nodes|cadres|surveys|warnings|contributions] [--unit UNIT]\n"
               "       kaohe results CYCLE --public   what is published (ranking, grades, dimension scores; anyone, once published)\n"
               "  Default units (results_units.csv).  The admin and viewers read them in any state;\n"
               "  a unit user only its own unit's rows, and only in publicity or final.\n"
               "  common options: --db DATABASE --user ACTOR\n",
    .args = {opts, 1, 2},
    .run = run_results,
};

/* --public: the rows of kh_store_public_results as CSV (kind first). */
static int public_row(void *ctx, int ncols, const char *const *c)
{
    return kh_csv_put_row(ctx, c, (size_t)ncols);
}

static int run_results(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    static const char *const short_names[][2] = {
        {"units", "results_units.csv"},     {"nodes", "results_nodes.csv"},
        {"cadres", "results_cadres.csv"},   {"surveys", "results_surveys.csv"},
        {"warnings", "warnings.csv"},       {"contributions", "results_contributions.csv"},
        {"strengths", "results_strengths.csv"},
    };
    const char *file = kh_args_count(a) == 2 ? kh_args_pos(a, 1) : "units";
    for (size_t i = 0; i < sizeof short_names / sizeof short_names[0]; i++)
        if (strcmp(file, short_names[i][0]) == 0)
            file = short_names[i][1];
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(cmd, a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_buf out = KH_BUF_INIT;
    if (kh_args_get(a, "public"))
        rc = kh_store_public_results(s, kh_args_pos(a, 0), public_row, &out, &err);
    else
        rc = kh_store_results_csv(s, &actor, kh_args_pos(a, 0), file, kh_args_get(a, "unit"), &out, &err);
    if (rc == 0)
        fwrite(out.data, 1, out.len, stdout);
    kh_buf_release(&out);
    kh_store_close(s);
    return rc != 0 ? kh__cli_fail(cmd, &err) : KH_EXIT_OK;
}
