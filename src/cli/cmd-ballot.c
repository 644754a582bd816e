/*
 * cmd-ballot.c — `kaohe ballot`: 民主测评 ballots at the meeting
 * (store-ballot.h).
 *
 * Creating a ballot prints its slips once, as CSV (ballot, group, group
 * name, link) on stdout, and with --sheet FILE also as the printable QR
 * sheet (slip-sheet.h, HTML to print or save as PDF).  --list and --tally
 * give the office's count of slips returned per group; --close ends the
 * vote.  --form / --submit use a slip from the command line, the same
 * store operations as the public page /b/TOKEN: for typing in a paper
 * slip, and for scripts and tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli-store.h"
#include "kaohe/buf.h"
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/lang.h"
#include "kaohe/slip-sheet.h"
#include "kaohe/store-ballot.h"
#include "kaohe/xalloc.h"

static int run_ballot(const struct kh_cmd *cmd, const struct kh_args *a);

static const struct kh_opt opts[] = {
    {"close", 0, KH_OPT_VALUE},
    {"form", 0, KH_OPT_VALUE},
    {"group", 0, KH_OPT_VALUE | KH_OPT_MANY},
    {"sheet", 0, KH_OPT_VALUE},
    {"submit", 0, KH_OPT_VALUE},
    {"tally", 0, KH_OPT_VALUE},
    {"unit", 0, KH_OPT_VALUE},
    {"url", 0, KH_OPT_VALUE},
    {"vote", 0, KH_OPT_VALUE | KH_OPT_MANY},
    {"list", 0, 0},
    {NULL, 0, 0},
};

const struct kh_cmd kh_cmd_ballot = {
    .name = "ballot",
    .summary_zh = "民主测评票：按评价组生成一次性测评票（二维码）、计票、结束投票",
    .summary_en = "民主测评 ballots: one-time slips (QR) per rater group, tally, close",
    .help_zh = "用法: kaohe ballot 周期 --unit 单位 --group 组:票数 [--group 组:票数 …] [--url 网址] [--sheet 文件.html]\n"
               "      kaohe ballot 周期 --list          各测评票、各组已发放与已提交的票数\n"
               "      kaohe ballot 周期 --tally 编号    一张测评票的分组计票（提交数/发放数）\n"
               "      kaohe ballot 周期 --close 编号    结束投票\n"
               "      kaohe ballot 周期 --form 令牌     票上要投的各项（序号、对象、项目、选项）\n"
               "      kaohe ballot 周期 --submit 令牌 --vote 对象:项目=选项 [--vote …]   代为录入一张纸质票\n"
               "  创建时输出 CSV（ballot,group,group_name,link），链接形如 网址/b/令牌；令牌只显示这一次。\n"
               "  --sheet 另写一页可打印的二维码测评票（HTML，可打印或存为 PDF）；--url 默认 http://127.0.0.1:8080\n",
    .help_en = "usage: kaohe ballot CYCLE --unit UNIT --group GROUP:N [--group GROUP:N …] [--url URL] [--sheet FILE.html]\n"
               "       kaohe ballot CYCLE --list          ballots, slips issued and submitted per group\n"
               "       kaohe ballot CYCLE --tally ID      one ballot's tally per group (submitted/issued)\n"
               "       kaohe ballot CYCLE --close ID      close the vote\n"
               "       kaohe ballot CYCLE --form TOKEN    what a slip votes on (number, ratee, item, options)\n"
               "       kaohe ballot CYCLE --submit TOKEN --vote RATEE:ITEM=OPTION [--vote …]   type in a paper slip\n"
               "  Creating prints CSV (ballot,group,group_name,link) with links URL/b/TOKEN; the tokens are shown this once.\n"
               "  --sheet also writes the printable sheet of QR slips (HTML: print it or save as PDF);\n"
               "  --url defaults to http://127.0.0.1:8080\n",
    .args = {opts, 1, 1},
    .run = run_ballot,
};

struct created {
    const char *url;
    char unit_name[512], cycle_name[512];
    struct kh_buf line;
    long n, cap;
    char **cells;   /* 3 per slip: group, group name, link */
};

static int slip_row(void *ctx, int ncols, const char *const *c)
{
    struct created *o = ctx;
    if (ncols < 5)
        return 0;
    snprintf(o->unit_name, sizeof o->unit_name, "%s", c[3] && c[3][0] ? c[3] : "");
    snprintf(o->cycle_name, sizeof o->cycle_name, "%s", c[4] ? c[4] : "");
    if (o->n == o->cap) {
        o->cap = o->cap ? 2 * o->cap : 64;
        o->cells = kh_xrealloc(o->cells, (size_t)o->cap * 3 * sizeof *o->cells);
    }
    char link[512];
    snprintf(link, sizeof link, "%s/b/%s", o->url, c[2]);
    o->cells[3 * o->n] = kh_xstrdup(c[0]);
    o->cells[3 * o->n + 1] = kh_xstrdup(c[1] ? c[1] : "");
    o->cells[3 * o->n + 2] = kh_xstrdup(link);
    o->n++;
    return 0;
}

static int csv_row(void *ctx, int ncols, const char *const *c)
{
    struct kh_buf *line = ctx;
    kh_buf_reset(line);
    kh_csv_put_row(line, c, (size_t)ncols);
    fputs(kh_buf_cstr(line), stdout);
    return 0;
}

/* The groups of every --group G:N (or G:N,G2:M). */
static int parse_groups(const struct kh_args *a, struct kh_ballot_group *g, char **own, int *ng)
{
    *ng = 0;
    const char *value;
    for (int i = 0; (value = kh_args_value(a, "group", i)) != NULL; i++) {
        char *list = kh_xstrdup(value);
        for (char *save = NULL, *p = strtok_r(list, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
            char *colon = strrchr(p, ':');
            if (colon == NULL || *ng == KH_BALLOT_MAXGROUPS) {
                free(list);
                return kh_cmd_usage_error(&kh_cmd_ballot, "%s: %s", KH_TR("应为 组:票数", "expected GROUP:N"), p);
            }
            *colon = '\0';
            own[*ng] = kh_xstrdup(p);
            g[*ng].group = own[*ng];
            g[*ng].slips = atol(colon + 1);
            (*ng)++;
        }
        free(list);
    }
    return 0;
}

static int write_sheet(const char *path, const struct created *o)
{
    struct kh_slip *slips = kh_xcalloc((size_t)o->n + 1, sizeof *slips);
    for (long i = 0; i < o->n; i++)
        slips[i] = (struct kh_slip){o->cells[3 * i], o->cells[3 * i + 1], o->cells[3 * i + 2]};
    struct kh_buf b = KH_BUF_INIT;
    int rc = kh_slip_sheet_html(&b, kh_lang_en() ? KH_LANG_EN : KH_LANG_ZH, o->cycle_name, o->unit_name, slips, o->n);
    FILE *f = rc == 0 ? fopen(path, "w") : NULL;
    if (f == NULL || fwrite(kh_buf_cstr(&b), 1, b.len, f) != b.len)
        rc = -1;
    if (f && fclose(f) != 0)
        rc = -1;
    kh_buf_release(&b);
    free(slips);
    if (rc != 0)
        fprintf(stderr, "kaohe ballot: %s %s\n", KH_TR("无法写入", "cannot write"), path);
    return rc;
}

/* index, kind, ratee, ratee name, item, item name, options */
static int print_form(const struct kh_ballot_form *f, struct kh_buf *line)
{
    const char *head[] = {"n", "kind", "ratee", "ratee_name", "item", "item_name", "options"};
    csv_row(line, 7, head);
    for (int i = 0; i < f->nitems; i++) {
        char n[16];
        snprintf(n, sizeof n, "%d", i + 1);
        const char *row[] = {n, f->items[i].kind, f->items[i].ratee, f->items[i].ratee_name, f->items[i].item,
                             f->items[i].item_name, f->items[i].levels};
        csv_row(line, 7, row);
    }
    return 0;
}

/* The votes of every --vote RATEE:ITEM=OPTION, by the form's item order. */
static int parse_votes(const struct kh_args *a, const struct kh_ballot_form *f, const char **votes)
{
    const char *v;
    for (int i = 0; (v = kh_args_value(a, "vote", i)) != NULL; i++) {
        const char *colon = strchr(v, ':'), *eq = strrchr(v, '=');
        int k = -1;
        for (int j = 0; colon && eq && eq > colon && j < f->nitems && k < 0; j++)
            if (strlen(f->items[j].ratee) == (size_t)(colon - v) && strncmp(f->items[j].ratee, v, (size_t)(colon - v)) == 0 &&
                strlen(f->items[j].item) == (size_t)(eq - colon - 1) &&
                strncmp(f->items[j].item, colon + 1, (size_t)(eq - colon - 1)) == 0)
                k = j;
        if (k < 0)
            return kh_cmd_usage_error(&kh_cmd_ballot, "%s: %s",
                                      KH_TR("票上没有这一项（见 --form）", "the slip has no such item (see --form)"), v);
        votes[k] = eq + 1;
    }
    return 0;
}

/* Print the slip's form, or submit the --vote options with it; *status
 * is set when a usage error was printed. */
static int use_slip(struct kh_store *s, const struct kh_actor *actor, const struct kh_args *a,
                    const char *token, bool submit, int *status, struct kh_error *err)
{
    struct kh_ballot_form *f = kh_xcalloc(1, sizeof *f);
    struct kh_buf line = KH_BUF_INIT;
    int rc = submit ? kh_store_ballot_submit_as(s, actor, kh_args_pos(a, 0), "", NULL, 0, err) : 0;
    if (rc == KH_EPERM || rc == KH_ESTATE)
        goto out;   /* refused before the slip is looked at */
    rc = kh_store_ballot_open(s, token, f, err);
    if (rc == 0 && !submit)
        print_form(f, &line);
    if (rc == 0 && submit) {
        const char **votes = kh_xcalloc(KH_BALLOT_MAXITEMS, sizeof *votes);
        *status = parse_votes(a, f, votes) != 0 ? KH_EXIT_INPUT : -1;
        if (*status < 0)
            rc = kh_store_ballot_submit_as(s, actor, kh_args_pos(a, 0), token, votes, f->nitems, err);
        free(votes);
    }
out:
    kh_buf_release(&line);
    free(f);
    return rc;
}

static int run_ballot(const struct kh_cmd *cmd, const struct kh_args *a)
{
    int rc = 0;
    struct kh_ballot_group groups[KH_BALLOT_MAXGROUPS];
    char *own[KH_BALLOT_MAXGROUPS] = {NULL};
    int ng = 0;
    bool creating = !kh_args_get(a, "list") && !kh_args_get(a, "tally") && !kh_args_get(a, "close") &&
                    !kh_args_get(a, "form") && !kh_args_get(a, "submit");
    if (creating && (rc = parse_groups(a, groups, own, &ng)) != 0)
        return rc;
    struct kh_store *s;
    struct kh_actor actor;
    if ((rc = kh__cli_open(cmd, a, false, &s, &actor)) != 0) {
        for (int i = 0; i < ng; i++)
            free(own[i]);
        return rc;
    }
    struct kh_error err;
    kh_error_clear(&err);
    struct kh_buf line = KH_BUF_INIT;
    const char *cycle = kh_args_pos(a, 0), *v;
    int status = -1;   /* an exit status already decided (a usage error printed) */
    if (kh_args_get(a, "list")) {
        const char *head[] = {"ballot", "unit", "unit_name", "state", "created", "group", "group_name", "issued",
                              "submitted"};
        csv_row(&line, 9, head);
        rc = kh_store_ballot_list(s, &actor, cycle, csv_row, &line, &err);
    } else if ((v = kh_args_get(a, "tally")) != NULL) {
        const char *head[] = {"group", "group_name", "issued", "submitted"};
        csv_row(&line, 4, head);
        rc = kh_store_ballot_show(s, &actor, cycle, v, csv_row, &line, &err);
    } else if ((v = kh_args_get(a, "close")) != NULL) {
        rc = kh_store_ballot_close(s, &actor, cycle, v, &err);
    } else if ((v = kh_args_get(a, "form")) != NULL || (v = kh_args_get(a, "submit")) != NULL) {
        rc = use_slip(s, &actor, a, v, kh_args_has(a, "submit"), &status, &err);
        if (rc == 0 && status < 0 && kh_args_get(a, "submit"))
            printf("%s\n", KH_TR("已提交", "submitted"));
    } else {
        const char *url = kh_args_get(a, "url"), *unit = kh_args_get(a, "unit"), *sheet = kh_args_get(a, "sheet");
        struct created o = {url ? url : "http://127.0.0.1:8080", "", "", KH_BUF_INIT, 0, 0, NULL};
        char id[24];
        rc = kh_store_ballot_create(s, &actor, cycle, unit ? unit : "", groups, ng, slip_row, &o, id, &err);
        if (rc == 0) {
            const char *head[] = {"ballot", "group", "group_name", "link"};
            csv_row(&line, 4, head);
            for (long i = 0; i < o.n; i++) {
                const char *row[] = {id, o.cells[3 * i], o.cells[3 * i + 1], o.cells[3 * i + 2]};
                csv_row(&line, 4, row);
            }
        }
        if (rc == 0 && sheet && write_sheet(sheet, &o) != 0)
            status = KH_EXIT_FAIL;
        for (long i = 0; i < 3 * o.n; i++)
            free(o.cells[i]);
        free(o.cells);
    }
    for (int i = 0; i < ng; i++)
        free(own[i]);
    kh_buf_release(&line);
    kh_store_close(s);
    if (status >= 0)
        return status;
    return rc != 0 ? kh__cli_fail(cmd, &err) : KH_EXIT_OK;
}
