/*
 * cmd-audit.c — `kaohe audit log|verify` (SPEC §9.5).  verify exits 0 when
 * the chain is intact and prints its head hash (write it down: a later
 * verify that still reaches it proves nothing before it was rewritten);
 * it exits 1 naming the first broken record otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli-store.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"

static int run_audit(const struct kh_cmd *cmd, const struct kh_args *a);

static const struct kh_opt opts[] = {
    {"entity", 0, KH_OPT_VALUE},
    {"key", 0, KH_OPT_VALUE},
    {"limit", 0, KH_OPT_VALUE},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_audit = {
    .name = "audit",
    .summary_zh = "审计记录: log|verify",
    .summary_en = "audit trail: log|verify",
    .help_zh = "用法: kaohe audit log [--entity 类别] [--key 键] [--limit N]\n"
               "      kaohe audit verify    校验哈希链，指出第一条被修改、删除或插入的记录\n",
    .help_en = "usage: kaohe audit log [--entity ENTITY] [--key KEY] [--limit N]\n"
               "       kaohe audit verify    check the hash chain; names the first changed, removed or inserted record\n",
    .args = {opts, 1, 1},
    .run = run_audit,
};

static int log_row(void *ctx, int ncols, const char *const *c)
{
    (void)ctx;
    if (ncols < 9)
        return 0;
    printf("%s\t%s\t%s\t%s\t%s\t%s", c[0], c[1], c[2], c[3], c[4], c[5]);
    if (c[6])
        printf("\t%s: %s", KH_TR("前", "before"), c[6]);
    if (c[7])
        printf("\t%s: %s", KH_TR("后", "after"), c[7]);
    if (c[8] && c[8][0])
        printf("\t%s: %s", KH_TR("原因", "reason"), c[8]);
    printf("\n");
    return 0;
}

static int run_audit(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(cmd, a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    kh_error_clear(&err);
    int status = KH_EXIT_OK;
    if (strcmp(kh_args_pos(a, 0), "log") == 0) {
        const char *entity = kh_args_get(a, "entity"), *key = kh_args_get(a, "key");
        const char *limit = kh_args_get(a, "limit");
        rc = kh_store_audit_list(s, &actor, entity, key, limit ? atol(limit) : 0, log_row, NULL,
                                 &err);
    } else if (strcmp(kh_args_pos(a, 0), "verify") == 0) {
        struct kh_audit_check chk;
        rc = kh_store_audit_verify(s, &actor, &chk, &err);
        char problem[1024];
        if (rc == 0 && (chk.first_bad != 0 || chk.bad_file[0] != '\0'))
            kh_error_text(&chk.problem, kh_cli_lang(), problem, sizeof problem);
        if (rc == 0 && chk.first_bad == 0) {
            printf(KH_TR("审计链完整：%ld 条记录，链头 %s\n", "audit chain intact: %ld records, head %s\n"),
                   chk.records, chk.head[0] ? chk.head : "-");
            if (chk.bad_file[0] == '\0') {
                printf(KH_TR("存储的数据与摘要一致：%ld 个文件\n", "stored data matches its seals: %ld files\n"),
                       chk.files);
            } else {
                printf(KH_TR("存储的数据与摘要不符：%s\n", "stored data does NOT match its seals: %s\n"),
                       problem);
                status = KH_EXIT_FAIL;
            }
        } else if (rc == 0) {
            printf(KH_TR("审计链已损坏：第一条问题记录 %ld：%s\n",
                         "audit chain BROKEN: first bad record %ld: %s\n"),
                   chk.first_bad, problem);
            status = KH_EXIT_FAIL;
        }
    } else {
        kh_store_close(s);
        return kh_cmd_usage_error(cmd, KH_TR("无法理解的子命令 %s", "bad subcommand %s"), kh_args_pos(a, 0));
    }
    kh_store_close(s);
    return rc != 0 ? kh__cli_fail(cmd, &err) : status;
}
