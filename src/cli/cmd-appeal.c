/*
 * cmd-appeal.c — `kaohe appeal file|accept|reject|list|attachment` (SPEC
 * §9.4).  The rules (publicity only, the appeal_days deadline, who may
 * decide, the recompute on accept, which files may be attached and who may
 * read them) live in store-appeal.c and store-attachment.c; this file only
 * reads the --attach files and writes a fetched one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli-store.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/buf.h"
#include "kaohe/store-attachment.h"
#include "kaohe/store-workflow.h"
#include "kaohe/xalloc.h"

static int run_appeal(const struct kh_cmd *cmd, const struct kh_args *a);

static const struct kh_opt opts[] = {
    {"attach", 0, KH_OPT_VALUE | KH_OPT_MANY},
    {"output", 'o', KH_OPT_VALUE},
    {"reason", 0, KH_OPT_VALUE},
    {"value", 0, KH_OPT_VALUE},
    {"open", 0, 0},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_appeal = {
    .name = "appeal",
    .summary_zh = "公示期申诉: file|accept|reject|list|attachment",
    .summary_en = "appeals during publicity: file|accept|reject|list|attachment",
    .help_zh = "用法: kaohe appeal file 周期 单位 指标 --reason 理由 [--attach 文件]…   单位对某一末级指标提出复核申请\n"
               "      kaohe appeal accept 编号 --value 更正后的年末值 --reason 说明   受理：更正数据并重新计算\n"
               "      kaohe appeal reject 编号 --reason 理由            驳回\n"
               "      kaohe appeal list 周期 [--open]                   列出申诉（含附件）\n"
               "      kaohe appeal attachment 编号 [序号] -o 文件       取出申诉的第 N 个附件（默认 1）\n"
               "  --attach 可重复：PDF、PNG 或 JPEG（按文件内容判断），每个不超过 5 MiB，\n"
               "  每次申诉合计不超过 10 MiB、最多 10 个；申诉与附件一起提交，要么全部成功，要么都不保存。\n"
               "  附件只有管理员和本单位用户可以查看。\n"
               "  只能在 publicity（公示）状态进行；申诉须在进入公示后 appeal_days 天内提出\n"
               "  （cycle.csv，默认 15 天）。受理、驳回仅限管理员。有未处理申诉时周期不能定案。\n"
               "  共同选项: --db 数据库  --user 用户\n",
    .help_en = "usage: kaohe appeal file CYCLE UNIT LEAF --reason TEXT [--attach FILE]…   a unit asks for a review of one leaf\n"
               "       kaohe appeal accept ID --value V --reason TEXT    accept: correct the year-end value, recompute\n"
               "       kaohe appeal reject ID --reason TEXT              reject\n"
               "       kaohe appeal list CYCLE [--open]                  list the appeals (and their attachments)\n"
               "       kaohe appeal attachment ID [N] -o FILE            write attachment N (default 1) of an appeal\n"
               "  --attach repeats: PDF, PNG or JPEG (judged by content), at most 5 MiB each, 10 MiB\n"
               "  and 10 files per appeal; the appeal and its files are filed together or not at all.\n"
               "  Only the admin and the unit's own users read attachments.\n"
               "  Only in state publicity; an appeal is filed within appeal_days (cycle.csv, default\n"
               "  15) of the cycle entering publicity.  Only the admin decides.  Open appeals block\n"
               "  final.  Common options: --db DATABASE  --user NAME\n",
    .args = {opts, 1, 4},
    .run = run_appeal,
};

struct list_ctx {
    struct kh_store *s;
    const struct kh_actor *actor;
};

static int attachment_row(void *ctx, int ncols, const char *const *c)
{
    (void)ctx;
    if (ncols >= 5)
        printf("      %s %s: %s (%s, %s B, sha256 %s)\n", KH_TR("附件", "attachment"), c[0], c[1], c[2],
               c[3], c[4]);
    return 0;
}

static int list_row(void *ctx, int ncols, const char *const *c)
{
    struct list_ctx *l = ctx;
    if (ncols < 11)
        return 0;
    printf("%-5s %-12s %-12s %-9s %s %s  %s\n", c[0], c[1], c[2], c[3], c[5], c[6], c[4]);
    if (c[7] && c[7][0])
        printf("      %s %s %s%s%s: %s\n", KH_TR("处理", "decided by"), c[7], c[8],
               c[10] && c[10][0] ? " value=" : "", c[10] ? c[10] : "", c[9]);
    /* only who may read them sees the files (the store decides; asking
     * a role that may not would audit a refusal per row) */
    if (kh_authz_role_may(l->actor->role, KH_ACT_APPEAL_ATTACHMENT))
        kh_store_appeal_attachments(l->s, l->actor, c[0], attachment_row, NULL, NULL);
    return 0;
}

/* Every --attach FILE read whole into (*bufs)[i]/(*att)[i], arrays
 * allocated here (freed by the caller, also on failure); the store checks
 * types and limits.  Returns the count, or -1 after printing why a file
 * cannot be read. */
static int read_attachments(const struct kh_cmd *cmd, const struct kh_args *a, struct kh_buf **bufs,
                            struct kh_attachment_in **att)
{
    int n = 0;
    while (kh_args_value(a, "attach", n) != NULL)
        n++;
    *bufs = kh_xcalloc((size_t)n + 1, sizeof **bufs);
    *att = kh_xcalloc((size_t)n + 1, sizeof **att);
    for (int i = 0; i < n; i++) {
        const char *path = kh_args_value(a, "attach", i);
        struct kh_error err;
        kh_error_clear(&err);
        /* one byte over the per-appeal limit: bigger files are refused
         * by the buffer, the rest by the store's message naming the file */
        kh_buf_init(&(*bufs)[i], KH_ATTACH_MAX_TOTAL + 1);
        if (kh_buf_read_file(&(*bufs)[i], path, &err) != 0) {
            for (int k = 0; k <= i; k++)
                kh_buf_release(&(*bufs)[k]);
            kh__cli_fail(cmd, &err);
            return -1;
        }
        (*att)[i].name = path;
        (*att)[i].data = (const unsigned char *)(*bufs)[i].data;
        (*att)[i].len = (*bufs)[i].len;
    }
    return n;
}

static int fetch_attachment(struct kh_store *s, const struct kh_actor *actor, const char *id, const char *n,
                            const char *path, struct kh_error *err)
{
    struct kh_attachment x;
    int rc = kh_store_appeal_attachment_get(s, actor, id, n ? atol(n) : 1, &x, err);
    if (rc == 0) {
        FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
        bool ok = f != NULL && fwrite(x.bytes, 1, x.size, f) == x.size;
        if (f != NULL && f != stdout)
            ok = fclose(f) == 0 && ok;
        if (!ok)
            rc = KH_ERR(err, KH_EIO, RAW, path);
        else if (f != stdout)
            printf(KH_TR("已写出附件 %s（%s，%zu 字节，sha256 %s）到 %s\n",
                         "wrote attachment %s (%s, %zu bytes, sha256 %s) to %s\n"),
                   x.name, x.mime, x.size, x.sha256, path);
    }
    kh_attachment_release(&x);
    return rc;
}

static int run_appeal(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    const char *output = kh_args_get(a, "output");
    const char *sub = kh_args_pos(a, 0);
    bool fetch = strcmp(sub, "attachment") == 0;
    int want = strcmp(sub, "file") == 0 ? 4 : strcmp(sub, "accept") == 0 || strcmp(sub, "reject") == 0
                                                  || strcmp(sub, "list") == 0 || fetch ? 2 : -1;
    if (want < 0)
        return kh_cmd_usage_error(cmd, KH_TR("无法理解的子命令 %s", "bad subcommand %s"), sub);
    if (fetch && output == NULL)
        return kh_cmd_usage_error(cmd, "%s", KH_TR("appeal attachment 需要 -o 文件（- 为标准输出）",
                                                   "appeal attachment needs -o FILE (- for standard output)"));
    if (kh_args_count(a) != want && !(fetch && kh_args_count(a) == 3))
        return kh_cmd_usage_error(cmd, KH_TR("appeal %s 的参数个数不对", "wrong arguments for appeal %s"),
                                  sub);
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(cmd, a, false, &s, &actor)) != 0)
        return rc;
    struct kh_error err;
    struct kh_diags d;
    kh_error_clear(&err);
    kh_diags_init(&d, 0);
    const char *reason = kh_args_get(a, "reason");
    if (strcmp(sub, "file") == 0) {
        char id[24] = "";
        struct kh_buf *bufs;
        struct kh_attachment_in *att;
        int natt = read_attachments(cmd, a, &bufs, &att);
        if (natt < 0) {
            free(bufs);
            free(att);
            kh_diags_release(&d);
            kh_store_close(s);
            return KH_EXIT_INPUT;
        }
        rc = kh_store_appeal_file(s, &actor, kh_args_pos(a, 1), kh_args_pos(a, 2), kh_args_pos(a, 3), reason, att, natt, id, &err);
        if (rc == 0)
            printf(KH_TR("已提出申诉 %s（%s %s，%d 个附件）\n", "filed appeal %s (%s %s, %d attachments)\n"), id,
                   kh_args_pos(a, 2), kh_args_pos(a, 3), natt);
        for (int i = 0; i < natt; i++)
            kh_buf_release(&bufs[i]);
        free(bufs);
        free(att);
    } else if (fetch) {
        rc = fetch_attachment(s, &actor, kh_args_pos(a, 1), kh_args_count(a) == 3 ? kh_args_pos(a, 2) : NULL, output, &err);
    } else if (strcmp(sub, "list") == 0) {
        printf("%-5s %-12s %-12s %-9s %s\n", KH_TR("编号", "id"), KH_TR("单位", "unit"),
               KH_TR("指标", "indicator"), KH_TR("状态", "state"),
               KH_TR("提出人 时间  理由", "filed by, at, reason"));
        struct list_ctx l = {s, &actor};
        rc = kh_store_appeals_list(s, &actor, kh_args_pos(a, 1), kh_args_has(a, "open"), list_row, &l, &err);
    } else {
        bool accept = strcmp(sub, "accept") == 0;
        rc = kh_store_appeal_decide(s, &actor, kh_args_pos(a, 1), accept, kh_args_get(a, "value"), reason, &d, &err);
        if (rc == 0)
            printf(accept ? KH_TR("已受理申诉 %s，数据已更正并重新计算\n",
                                  "accepted appeal %s: value corrected, cycle recomputed\n")
                          : KH_TR("已驳回申诉 %s\n", "rejected appeal %s\n"), kh_args_pos(a, 1));
    }
    if (rc != 0)
        kh_cmd_print_diags(&d);
    kh_diags_release(&d);
    kh_store_close(s);
    return rc != 0 ? kh__cli_fail(cmd, &err) : KH_EXIT_OK;
}
