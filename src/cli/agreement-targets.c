/*
 * agreement-targets.c — the performance-agreement half of `kaohe agreement`
 * (agreement-targets.h): parse, call store-targets.c, print.  The rules
 * (state agreement only, who may propose or decide) are in the store.
 */
#include <stdio.h>
#include <string.h>
#include "cli/agreement-targets.h"
#include "cli/cli-store.h"
#include "kaohe/buf.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/store-workflow.h"

static const char *const subs[] = {"propose", "approve", "return", "list", "print", NULL};

bool kh__agreement_is_targets(const char *word)
{
    for (int i = 0; subs[i] != NULL; i++)
        if (strcmp(word, subs[i]) == 0)
            return true;
    return false;
}

static int list_row(void *ctx, int ncols, const char *const *c)
{
    (void)ctx;
    if (ncols < 7)
        return 0;
    printf("%-12s %-12s %12s %12s  %-9s %s%s%s\n", c[0], c[1], c[2] ? c[2] : "", c[3] ? c[3] : "",
           c[4], c[5] ? c[5] : "", c[6] && c[6][0] ? "  | " : "", c[6] ? c[6] : "");
    return 0;
}

int kh__agreement_targets_run(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    const char *sub = kh_args_pos(a, 0);
    static const int need[] = {5, 4, 4, 2, 3};   /* positionals incl. the subcommand */
    int k = 0;
    while (strcmp(subs[k], sub) != 0)
        k++;
    if (kh_args_count(a) != need[k])
        return kh_cmd_usage_error(cmd, KH_TR("agreement %s 的参数个数不对（见 kaohe agreement --help）",
                                             "wrong number of arguments for agreement %s (see kaohe "
                                             "agreement --help)"), sub);
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(cmd, a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    kh_error_clear(&err);
    const char *cycle = kh_args_pos(a, 1);
    if (k == 0) {
        rc = kh_store_target_propose(s, &actor, cycle, kh_args_pos(a, 2), kh_args_pos(a, 3), kh_args_pos(a, 4), kh_args_get(a, "note"),
                                     &err);
        if (rc == 0)
            printf(KH_TR("已提出 %s %s 的目标值 %s，待考核办批准\n",
                         "proposed target %3$s for %1$s %2$s; awaiting approval\n"),
                   kh_args_pos(a, 2), kh_args_pos(a, 3), kh_args_pos(a, 4));
    } else if (k == 1 || k == 2) {
        rc = kh_store_target_decide(s, &actor, cycle, kh_args_pos(a, 2), kh_args_pos(a, 3), k == 1,
                                    kh_args_get(a, "comment"), &err);
        if (rc == 0)
            printf(k == 1 ? KH_TR("已批准 %s %s 的目标值\n", "approved the target of %s %s\n")
                          : KH_TR("已退回 %s %s 的目标值\n", "returned the target of %s %s\n"),
                   kh_args_pos(a, 2), kh_args_pos(a, 3));
    } else if (k == 3) {
        printf("%-12s %-12s %12s %12s  %-9s %s\n", KH_TR("单位", "unit"), KH_TR("指标", "indicator"),
               KH_TR("目标值", "target"), KH_TR("基期值", "baseline"), KH_TR("状态", "status"),
               KH_TR("说明 | 意见", "justification | comment"));
        rc = kh_store_targets_list(s, &actor, cycle, kh_args_get(a, "unit"), list_row, NULL, &err);
    } else {
        struct kh_buf out = KH_BUF_INIT;
        rc = kh_store_agreement_text(s, &actor, cycle, kh_args_pos(a, 2), &out, &err);
        if (rc == 0)
            fwrite(out.data, 1, out.len, stdout);
        kh_buf_release(&out);
    }
    kh_store_close(s);
    return rc != 0 ? kh__cli_fail(cmd, &err) : KH_EXIT_OK;
}
