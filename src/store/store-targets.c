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
#include "kaohe/agreement.h"
#include "kaohe/buf.h"
#include "kaohe/authz.h"
#include "kaohe/error.h"
#include "kaohe/store-workflow.h"
#include "kaohe/xalloc.h"
#include "kaohe/msg-store.h"
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
        rc = KH_ERR(err, KH_EINVAL, TARGET_NOT_TARGET_METHOD, a->leaf);
    if (rc == 0)
        rc = kh__store_number(a->target, "target", num, err);
    if (rc == 0 && strtod(num, NULL) == 0)
        rc = KH_ERR(err, KH_EINVAL, TARGET_ZERO);
    if (rc == 0 && (a->note == NULL || a->note[0] == '\0'))
        rc = KH_ERR(err, KH_EUSAGE, TARGET_NOTE_NEEDED);
    if (rc == 0)
        rc = get_target(s, c.id, a->unit, a->leaf, &t, err);
    if (rc != 0)
        return rc;
    char *before = t.found ? target_json(&t, t.status, t.note) : NULL;
    if (t.found) {
        const char *p[] = {num, a->note, c.id, t.ord};
        rc = kh__file_row_update(s, c.id, "targets.csv", atol(t.ord),
                                 "UPDATE targets SET target = $1, status = 'proposed', note = $2, "
                                 "review_note = '' WHERE cycle_id = $3 AND ord = $4", p, 4, err);
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
        rc = KH_ERR(err, KH_EUSAGE, TARGET_COMMENT_NEEDED);
    if (rc == 0)
        rc = get_target(s, c.id, a->unit, a->leaf, &t, err);
    if (rc == 0 && !t.found)
        rc = KH_ERR(err, KH_EINVAL, TARGET_NONE_PROPOSED, a->unit, a->leaf);
    if (rc == 0 && strcmp(t.status, "proposed") != 0)
        rc = KH_ERR(err, KH_ESTATE, TARGET_NOT_PROPOSED, a->unit, a->leaf, t.status);
    /* SPEC §9.6: open rectification items carried into this agreement are
     * answered before any of the unit's targets is approved. */
    if (rc == 0 && a->approve)
        rc = kh__rectify_unanswered(s, &c, a->unit, err);
    if (rc != 0)
        return rc;
    const char *status = a->approve ? "approved" : "returned";
    const char *comment = a->comment ? a->comment : "";
    const char *p[] = {status, comment, c.id, t.ord};
    rc = kh__file_row_update(s, c.id, "targets.csv", atol(t.ord),
                             "UPDATE targets SET status = $1, review_note = $2 WHERE cycle_id = $3 "
                             "AND ord = $4", p, 4, err);
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

void kh_agreement_release(struct kh_agreement *ag)
{
    free(ag->targets);
    free(ag->items);
    ag->targets = NULL;
    ag->items = NULL;
    ag->ntargets = ag->nitems = 0;
}

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

#define CELL(i) (c[i] ? c[i] : "")

static int target_print_row(void *ctx, int ncols, const char *const *c)
{
    struct kh_agreement *ag = ctx;
    if (ncols < 8)
        return 0;
    /* indicator, name, measure, direction, params, baseline, target, note */
    ag->targets = kh_xrealloc(ag->targets, (size_t)(ag->ntargets + 1) * sizeof *ag->targets);
    struct kh_agreement_target *t = &ag->targets[ag->ntargets++];
    memset(t, 0, sizeof *t);
    snprintf(t->leaf, sizeof t->leaf, "%s", CELL(0));
    snprintf(t->name, sizeof t->name, "%s", CELL(1));
    snprintf(t->measure, sizeof t->measure, "%s", CELL(2));
    t->cost = strcmp(CELL(3), "cost") == 0;
    snprintf(t->baseline, sizeof t->baseline, "%s", CELL(5));
    snprintf(t->target, sizeof t->target, "%s", CELL(6));
    snprintf(t->note, sizeof t->note, "%s", CELL(7));
    double target = strtod(CELL(6)[0] ? CELL(6) : "0", NULL);
    for (int q = 1; q <= 4; q++)
        t->milestones[q - 1] = target * quarter_share(c[4], q);
    return 0;
}

/* One carried rectification item (SPEC §9.6) and the unit's answer in this
 * agreement: id, from cycle, leaf, text, state, answer kind, answer text. */
static int item_print_row(void *ctx, int ncols, const char *const *c)
{
    struct kh_agreement *ag = ctx;
    if (ncols < 7)
        return 0;
    ag->items = kh_xrealloc(ag->items, (size_t)(ag->nitems + 1) * sizeof *ag->items);
    struct kh_agreement_item *x = &ag->items[ag->nitems++];
    memset(x, 0, sizeof *x);
    snprintf(x->id, sizeof x->id, "%s", CELL(0));
    snprintf(x->from_cycle, sizeof x->from_cycle, "%s", CELL(1));
    snprintf(x->leaf, sizeof x->leaf, "%s", CELL(2));
    snprintf(x->text, sizeof x->text, "%s", CELL(3));
    snprintf(x->kind, sizeof x->kind, "%s", CELL(5));
    snprintf(x->answer, sizeof x->answer, "%s", CELL(6));
    return 0;
}

struct unit_ctx {
    struct kh_agreement *ag;
    bool found;
};

static int unit_row(void *ctx, int ncols, const char *const *c)
{
    struct unit_ctx *u = ctx;
    if (ncols >= 2) {
        snprintf(u->ag->unit_name, sizeof u->ag->unit_name, "%s", CELL(0));
        snprintf(u->ag->district, sizeof u->ag->district, "%s", CELL(1));
        u->found = true;
    }
    return 0;
}

int kh_store_agreement_get(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                           const char *unit, struct kh_agreement *out, struct kh_error *err)
{
    struct kh_cycle_row c;
    struct kh_authz_target t = {.unit = unit};
    memset(out, 0, sizeof *out);
    struct unit_ctx u = {out, false};
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
    if (rc == 0)
        rc = kh_store_query(s, "SELECT t.indicator, i.name, i.measure, i.direction, i.params, "
                               "t.baseline, t.target, t.note FROM targets t JOIN indicators i "
                               "ON i.cycle_id = t.cycle_id AND i.code = t.indicator "
                               "WHERE t.cycle_id = $1 AND t.unit = $2 AND t.target <> '' "
                               "AND (t.status = 'approved' OR t.status = '') ORDER BY i.ord",
                            p, 2, target_print_row, out, err);
    if (rc == 0)
        rc = kh__rectify_carried(s, &c, unit, item_print_row, out, err);
    if (rc != 0) {
        kh_agreement_release(out);
        return rc;
    }
    snprintf(out->unit, sizeof out->unit, "%s", unit);
    snprintf(out->cycle, sizeof out->cycle, "%s", c.code);
    snprintf(out->cycle_name, sizeof out->cycle_name, "%s", c.name);
    snprintf(out->state, sizeof out->state, "%s", kh_cycle_state_name(c.state));
    snprintf(out->state_zh, sizeof out->state_zh, "%s", kh_cycle_state_zh(c.state));
    return 0;
}

int kh_store_agreement_text(struct kh_store *s, const struct kh_actor *a, const char *cycle,
                            const char *unit, struct kh_buf *out, struct kh_error *err)
{
    struct kh_agreement ag;
    int rc = kh_store_agreement_get(s, a, cycle, unit, &ag, err);
    if (rc != 0)
        return rc;
    kh_buf_printf(out, "绩效协议 / Performance agreement\n\n");
    kh_buf_printf(out, "考核周期 cycle: %s %s\n", ag.cycle, ag.cycle_name);
    kh_buf_printf(out, "单位 unit: %s %s%s%s%s\n", ag.unit, ag.unit_name, ag.district[0] ? "（" : "",
                  ag.district, ag.district[0] ? "）" : "");
    kh_buf_printf(out, "状态 state: %s（%s）\n\n", ag.state_zh, ag.state);
    kh_buf_puts(out, "已批准的目标 / approved targets:\n");
    for (int i = 0; i < ag.ntargets; i++) {
        const struct kh_agreement_target *t = &ag.targets[i];
        kh_buf_printf(out, "%2d. %s %s（%s，%s）\n", i + 1, t->leaf, t->name, t->measure[0] ? t->measure : "-",
                      t->cost ? "越小越好 cost" : "越大越好 benefit");
        kh_buf_printf(out, "    目标值 target: %s    基期值 baseline: %s\n", t->target,
                      t->baseline[0] ? t->baseline : "-");
        kh_buf_puts(out, "    进度节点 milestones:");
        for (int q = 0; q < 4; q++)
            kh_buf_printf(out, "  Q%d %.6g", q + 1, t->milestones[q]);
        kh_buf_puts(out, "\n");
        if (t->note[0])
            kh_buf_printf(out, "    说明 justification: %s\n", t->note);
    }
    if (ag.ntargets == 0)
        kh_buf_puts(out, "  （尚无已批准的目标 / no approved target yet）\n");
    if (ag.nitems > 0)
        kh_buf_puts(out, "\n上期整改事项及答复 / rectification items carried over, with answers:\n");
    for (int i = 0; i < ag.nitems; i++) {
        const struct kh_agreement_item *x = &ag.items[i];
        kh_buf_printf(out, "  [%s] 来自 from %s%s%s：%s\n", x->id, x->from_cycle,
                      x->leaf[0] ? "  指标 leaf " : "", x->leaf, x->text);
        if (x->kind[0] == '\0')
            kh_buf_puts(out, "      答复 answer: （尚未答复 / not answered yet）\n");
        else
            kh_buf_printf(out, "      答复 answer（%s）: %s\n",
                          strcmp(x->kind, "target") == 0 ? "目标 target" : "说明 note", x->answer);
    }
    kh_buf_puts(out, "\n单位负责人（签字）unit head (signature): ____________    日期 date: __________\n"
                     "考核办（签字）assessment office (signature): ____________    日期 date: __________\n");
    kh_agreement_release(&ag);
    return 0;
}
