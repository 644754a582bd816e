/*
 * store-targets.c — the performance agreement (绩效协议, SPEC §9.2).
 *
 * In state `agreement` each unit proposes a target for each of its
 * `target`-scored leaves with a justification; the admin approves it or
 * returns it with a comment; a returned (or even an approved) target may be
 * proposed again while the cycle is still in `agreement`.  Only approved
 * targets are scored (§3), and the bundle reader refuses a cycle where a
 * target leaf lacks one, so `compute` after `agreement` proves the agreement
 * complete.
 *
 * A target is a row of the `targets` table (the cycle's targets.csv): the
 * status column is the workflow state, `note` the unit's justification and
 * `review_note` the admin's comment — the last two live only in the
 * database (FORMATS.md has no column for them) and in the audit trail.
 * The baseline is never touched here: it is data (import, or the previous
 * cycle's year-end value), not something a unit negotiates.
 *
 * Rectification items (SPEC §9.6, store-rectify.c) meet the agreement
 * twice: approving a unit's target is refused while an item carried into
 * the cycle for that unit has no answer in it, and the printed agreement
 * lists the carried items with their answers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/buf.h"
#include "kaohe/authz.h"
#include "kaohe/error.h"
#include "kaohe/store-workflow.h"
#include "store/store-int.h"

struct target_row {
    char ord[24], target[64], baseline[64], status[32], note[512];
    bool found;
};

static int target_row(void *ctx, int ncols, const char *const *c)
{
    struct target_row *t = ctx;
    if (ncols >= 5 && !t->found) {
        snprintf(t->ord, sizeof t->ord, "%s", c[0]);
        snprintf(t->target, sizeof t->target, "%s", c[1] ? c[1] : "");
        snprintf(t->baseline, sizeof t->baseline, "%s", c[2] ? c[2] : "");
        snprintf(t->status, sizeof t->status, "%s", c[3] && c[3][0] ? c[3] : "approved");
        snprintf(t->note, sizeof t->note, "%s", c[4] ? c[4] : "");
        t->found = true;
    }
    return 0;
}

static int get_target(struct kh_store *s, const char *cycle_id, const char *unit, const char *leaf,
                      struct target_row *t, struct kh_error *err)
{
    memset(t, 0, sizeof *t);
    const char *p[] = {cycle_id, unit, leaf};
    return kh_store_query(s, "SELECT ord, target, baseline, status, note FROM targets "
                             "WHERE cycle_id = $1 AND unit = $2 AND indicator = $3",
                          p, 3, target_row, t, err);
}

static char *target_json(const struct target_row *t, const char *status, const char *note)
{
    return kh__store_json("target", t->target, "baseline", t->baseline, "status", status, "note",
                          note, NULL);
}

struct propose_ctx {
    const struct kh_actor *actor;
    const char *cycle, *unit, *leaf, *target, *note;
};

static int propose_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct propose_ctx *a = ctx;
    struct kh_cycle_row c;
    struct target_row t;
    char kind[64], method[64], num[32];
    struct kh_authz_target at = {.unit = a->unit, .leaf = a->leaf};
    int rc = kh__store_cycle_get(s, a->cycle, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a->actor, KH_ACT_TARGET_PROPOSE, &c, &at, err);
    if (rc == 0)
        rc = kh__store_check_unit(s, c.id, a->unit, err);
    if (rc == 0)
        rc = kh__store_check_leaf(s, c.id, a->leaf, kind, method, err);
    if (rc == 0 && (strcmp(kind, "quant") != 0 || strcmp(method, "target") != 0))
        rc = kh_error_set(err, KH_EINVAL, NULL, 0, NULL,
                          "指标 %s 不按目标值计分（method 不是 target），不需要协议目标 / indicator %s "
                          "is not scored against a target (method is not target)", a->leaf, a->leaf);
    if (rc == 0)
        rc = kh__store_number(a->target, "目标值 target", num, err);
    if (rc == 0 && strtod(num, NULL) == 0)
        rc = kh_error_set(err, KH_EINVAL, NULL, 0, NULL, "目标值不能为 0 / a target cannot be 0");
    if (rc == 0 && (a->note == NULL || a->note[0] == '\0'))
        rc = kh_error_set(err, KH_EUSAGE, NULL, 0, NULL,
                          "提出目标值需要说明理由（--note）/ a proposed target needs a justification "
                          "(--note)");
    if (rc == 0)
        rc = get_target(s, c.id, a->unit, a->leaf, &t, err);
    if (rc != 0)
        return rc;
    char *before = t.found ? target_json(&t, t.status, t.note) : NULL;
    if (t.found) {
        const char *p[] = {num, a->note, c.id, t.ord};
        rc = kh_store_exec(s, "UPDATE targets SET target = $1, status = 'proposed', note = $2, "
                              "review_note = '' WHERE cycle_id = $3 AND ord = $4", p, 4, NULL, err);
    } else {
        const char *q[] = {c.id};
        rc = kh_store_query_text(s, "SELECT COALESCE(MAX(ord), 0) + 1 FROM targets WHERE cycle_id = $1",
                                 q, 1, t.ord, sizeof t.ord, NULL, err);
        const char *p[] = {c.id, t.ord, a->unit, a->leaf, num, a->note};
        if (rc == 0)
            rc = kh_store_exec(s, "INSERT INTO targets (cycle_id, ord, unit, indicator, target, "
                                  "baseline, status, note) VALUES ($1, $2, $3, $4, $5, '', "
                                  "'proposed', $6)", p, 6, NULL, err);
        if (rc == 0)
            rc = kh__store_file_grew(s, c.id, "targets.csv", "unit,indicator,target,baseline,status", 1,
                                     err);
    }
    snprintf(t.target, sizeof t.target, "%s", num);
    char *after = target_json(&t, "proposed", a->note);
    char key[600];
    snprintf(key, sizeof key, "%s/%s/%s", c.code, a->unit, a->leaf);
    if (rc == 0)
        rc = kh_store_audit(s, a->actor, "propose", "target", key, before, after, a->note, err);
    free(before);
    free(after);
    return rc;
}

int kh_store_target_propose(struct kh_store *s, const struct kh_actor *actor, const char *cycle,
                            const char *unit, const char *leaf, const char *target,
                            const char *note, struct kh_error *err)
{
    struct propose_ctx a = {actor, cycle, unit, leaf, target, note};
    return kh_store_tx(s, propose_tx, &a, err);
}

struct decide_ctx {
    const struct kh_actor *actor;
    const char *cycle, *unit, *leaf, *comment;
    bool approve;
};

static int decide_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct decide_ctx *a = ctx;
    struct kh_cycle_row c;
    struct target_row t;
    int rc = kh__store_cycle_get(s, a->cycle, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a->actor, a->approve ? KH_ACT_TARGET_APPROVE : KH_ACT_TARGET_RETURN,
                            &c, NULL, err);
    if (rc == 0 && !a->approve && (a->comment == NULL || a->comment[0] == '\0'))
        rc = kh_error_set(err, KH_EUSAGE, NULL, 0, NULL,
                          "退回目标值需要写明意见（--comment）/ returning a target needs a comment "
                          "(--comment)");
    if (rc == 0)
        rc = get_target(s, c.id, a->unit, a->leaf, &t, err);
    if (rc == 0 && !t.found)
        rc = kh_error_set(err, KH_EINVAL, NULL, 0, NULL,
                          "单位 %s 没有提出指标 %s 的目标值 / unit %s has proposed no target for %s",
                          a->unit, a->leaf, a->unit, a->leaf);
    if (rc == 0 && strcmp(t.status, "proposed") != 0)
        rc = kh_error_set(err, KH_ESTATE, NULL, 0, NULL,
                          "单位 %s 指标 %s 的目标值状态是 %s，只有 proposed 的目标值可以批准或退回 / "
                          "the target of unit %s, %s is %s: only a proposed target can be approved or "
                          "returned", a->unit, a->leaf, t.status, a->unit, a->leaf, t.status);
    /* SPEC §9.6: open rectification items carried into this agreement are
     * answered before any of the unit's targets is approved. */
    if (rc == 0 && a->approve)
        rc = kh__rectify_unanswered(s, &c, a->unit, err);
    if (rc != 0)
        return rc;
    const char *status = a->approve ? "approved" : "returned";
    const char *comment = a->comment ? a->comment : "";
    const char *p[] = {status, comment, c.id, t.ord};
    rc = kh_store_exec(s, "UPDATE targets SET status = $1, review_note = $2 WHERE cycle_id = $3 "
                          "AND ord = $4", p, 4, NULL, err);
    char *before = target_json(&t, t.status, t.note);
    char *after = target_json(&t, status, t.note);
    char key[600];
    snprintf(key, sizeof key, "%s/%s/%s", c.code, a->unit, a->leaf);
    if (rc == 0)
        rc = kh_store_audit(s, a->actor, a->approve ? "approve" : "return", "target", key, before, after,
                            a->comment, err);
    free(before);
    free(after);
    return rc;
}

int kh_store_target_decide(struct kh_store *s, const struct kh_actor *actor, const char *cycle,
                           const char *unit, const char *leaf, bool approve, const char *comment,
                           struct kh_error *err)
{
    struct decide_ctx a = {actor, cycle, unit, leaf, comment, approve};
    return kh_store_tx(s, decide_tx, &a, err);
}

/* A unit user that names no unit means its own (it may see nothing else). */
static const char *own_unit(const struct kh_actor *a, const char *unit)
{
    if ((unit == NULL || unit[0] == '\0') && a != NULL && a->role == KH_ROLE_UNIT)
        return a->unit;
    return unit;
}

int kh_store_targets_list(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                          const char *unit, kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    struct kh_cycle_row c;
    unit = own_unit(a, unit);
    struct kh_authz_target t = {.unit = unit};
    int rc = kh__store_cycle_get(s, cycle, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a, KH_ACT_TARGET_LIST, &c, &t, err);
    if (rc != 0)
        return rc;
    const char *p[] = {c.id, unit ? unit : ""};
    return kh_store_query(s, "SELECT unit, indicator, target, baseline, "
                             "CASE WHEN status = '' THEN 'approved' ELSE status END, note, review_note "
                             "FROM targets WHERE cycle_id = $1 AND ($2 = '' OR unit = $2) ORDER BY ord",
                          p, 2, fn, ctx, err);
}

/* ---- the printable agreement ---- */

struct print_ctx {
    struct kh_buf *out;
    int n;
};

/* Share of the year at the end of quarter q from a `schedule=Q1:0.2|…`
 * parameter, else q/4. */
static double quarter_share(const char *params, int q)
{
    const char *sch = params ? strstr(params, "schedule=") : NULL;
    if (sch != NULL) {
        char pat[8];
        snprintf(pat, sizeof pat, "Q%d:", q);
        const char *end = strchr(sch, ';');
        const char *at = strstr(sch, pat);
        if (at != NULL && (end == NULL || at < end))
            return strtod(at + strlen(pat), NULL);
    }
    return q / 4.0;
}

static int print_row(void *ctx, int ncols, const char *const *c)
{
    struct print_ctx *p = ctx;
    if (ncols < 8)
        return 0;
    /* indicator, name, measure, direction, params, baseline, target, note */
    double target = strtod(c[6] ? c[6] : "0", NULL);
    p->n++;
    kh_buf_printf(p->out, "%2d. %s %s（%s，%s）\n", p->n, c[0], c[1] ? c[1] : "",
                  c[2] && c[2][0] ? c[2] : "-",
                  c[3] && strcmp(c[3], "cost") == 0 ? "越小越好 cost" : "越大越好 benefit");
    kh_buf_printf(p->out, "    目标值 target: %s    基期值 baseline: %s\n", c[6] ? c[6] : "",
                  c[5] && c[5][0] ? c[5] : "-");
    kh_buf_puts(p->out, "    进度节点 milestones:");
    for (int q = 1; q <= 4; q++)
        kh_buf_printf(p->out, "  Q%d %.6g", q, target * quarter_share(c[4], q));
    kh_buf_puts(p->out, "\n");
    if (c[7] && c[7][0])
        kh_buf_printf(p->out, "    说明 justification: %s\n", c[7]);
    return 0;
}

struct carried_ctx {
    struct kh_buf *out;
    int n;
};

/* One carried rectification item (SPEC §9.6) and the unit's answer in this
 * agreement: id, from cycle, leaf, text, state, answer kind, answer text. */
static int carried_row(void *ctx, int ncols, const char *const *c)
{
    struct carried_ctx *p = ctx;
    if (ncols < 7)
        return 0;
    if (p->n++ == 0)
        kh_buf_puts(p->out, "\n上期整改事项及答复 / rectification items carried over, with answers:\n");
    kh_buf_printf(p->out, "  [%s] 来自 from %s%s%s：%s\n", c[0], c[1], c[2][0] ? "  指标 leaf " : "", c[2],
                  c[3]);
    if (c[5][0] == '\0')
        kh_buf_puts(p->out, "      答复 answer: （尚未答复 / not answered yet）\n");
    else
        kh_buf_printf(p->out, "      答复 answer（%s）: %s\n",
                      strcmp(c[5], "target") == 0 ? "目标 target" : "说明 note", c[6]);
    return 0;
}

struct unit_ctx {
    char name[256], district[128];
    bool found;
};

static int unit_row(void *ctx, int ncols, const char *const *c)
{
    struct unit_ctx *u = ctx;
    if (ncols >= 2) {
        snprintf(u->name, sizeof u->name, "%s", c[0] ? c[0] : "");
        snprintf(u->district, sizeof u->district, "%s", c[1] ? c[1] : "");
        u->found = true;
    }
    return 0;
}

int kh_store_agreement_text(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                            const char *unit, struct kh_buf *out, struct kh_error *err)
{
    struct kh_cycle_row c;
    struct unit_ctx u = {.found = false};
    struct kh_authz_target t = {.unit = unit};
    int rc = kh__store_cycle_get(s, cycle, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a, KH_ACT_AGREEMENT_PRINT, &c, &t, err);
    if (rc != 0)
        return rc;
    const char *p[] = {c.id, unit};
    rc = kh_store_query(s, "SELECT name, district FROM units WHERE cycle_id = $1 AND code = $2", p, 2,
                        unit_row, &u, err);
    if (rc == 0 && !u.found)
        rc = kh__store_check_unit(s, c.id, unit, err);
    if (rc != 0)
        return rc;
    kh_buf_printf(out, "绩效协议 / Performance agreement\n\n");
    kh_buf_printf(out, "考核周期 cycle: %s %s\n", c.code, c.name);
    kh_buf_printf(out, "单位 unit: %s %s%s%s%s\n", unit, u.name, u.district[0] ? "（" : "",
                  u.district, u.district[0] ? "）" : "");
    kh_buf_printf(out, "状态 state: %s（%s）\n\n", kh_cycle_state_zh(c.state),
                  kh_cycle_state_name(c.state));
    kh_buf_puts(out, "已批准的目标 / approved targets:\n");
    struct print_ctx pc = {out, 0};
    rc = kh_store_query(s, "SELECT t.indicator, i.name, i.measure, i.direction, i.params, "
                           "t.baseline, t.target, t.note FROM targets t JOIN indicators i "
                           "ON i.cycle_id = t.cycle_id AND i.code = t.indicator "
                           "WHERE t.cycle_id = $1 AND t.unit = $2 AND t.target <> '' "
                           "AND (t.status = 'approved' OR t.status = '') ORDER BY i.ord",
                        p, 2, print_row, &pc, err);
    if (rc != 0)
        return rc;
    if (pc.n == 0)
        kh_buf_puts(out, "  （尚无已批准的目标 / no approved target yet）\n");
    struct carried_ctx cc = {out, 0};
    rc = kh__rectify_carried(s, &c, unit, carried_row, &cc, err);
    if (rc != 0)
        return rc;
    kh_buf_puts(out, "\n单位负责人（签字）unit head (signature): ____________    日期 date: __________\n"
                     "考核办（签字）assessment office (signature): ____________    日期 date: __________\n");
    return 0;
}
