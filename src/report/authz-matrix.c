/*
 * authz-matrix.c — authz.h's action table rendered as the Markdown matrix
 * of docs/workflow.md (authz-matrix.h).
 *
 * A cell says what kh_authz_check would decide for a role, before the state:
 * a role without the action's bit is "–"; a scoped role (unit, reporter,
 * rater) on a KH_SCOPE_OWN action is "own" (its own unit, the leaves of its
 * department, its own ratings — authz.c); a non-admin on a KH_SCOPE_SELF
 * action is "self".  The state column lists the states by name in the
 * order of the cycle (SPEC §9.1).
 */
#include <string.h>
#include "kaohe/authz-matrix.h"
#include "kaohe/authz.h"

static const char *cell(const struct kh_action_rule *r, enum kh_role role)
{
    if ((r->roles & (1u << role)) == 0)
        return "–";
    bool scoped = role == KH_ROLE_UNIT || role == KH_ROLE_REPORTER || role == KH_ROLE_RATER;
    if (r->scope == KH_SCOPE_OWN && scoped)
        return "own";
    if (r->scope == KH_SCOPE_SELF && role != KH_ROLE_ADMIN)
        return "self";
    return "✓";
}

static void states(const struct kh_action_rule *r, enum kh_lang lang, struct kh_buf *out)
{
    unsigned cyc = r->states & (unsigned)KH_ST_ANY;
    if (cyc == 0) {
        kh_buf_puts(out, "—");
        return;
    }
    if (cyc == (unsigned)KH_ST_ANY) {
        kh_buf_puts(out, lang == KH_LANG_EN ? "any" : "任何状态");
        return;
    }
    bool first = true;
    for (int st = KH_STATE_SETUP; st <= KH_STATE_FINAL; st++) {
        if ((cyc & (1u << st)) == 0)
            continue;
        kh_buf_printf(out, "%s%s", first ? "" : ", ",
                      lang == KH_LANG_EN ? kh_cycle_state_name((enum kh_cycle_state)st)
                                         : kh_cycle_state_zh((enum kh_cycle_state)st));
        first = false;
    }
    if (r->states & KH_ST_NOCYCLE)
        kh_buf_puts(out, lang == KH_LANG_EN ? " (or no cycle yet)" : "（或尚无该周期）");
}

void kh_authz_matrix_render(enum kh_lang lang, struct kh_buf *out)
{
    bool en = lang == KH_LANG_EN;
    kh_buf_printf(out, "| %s | %s |", en ? "action" : "操作", en ? "description" : "说明");
    for (int role = KH_ROLE_ADMIN; role <= KH_ROLE_VIEWER; role++)
        kh_buf_printf(out, " %s |", kh_role_name((enum kh_role)role));
    kh_buf_printf(out, " %s |\n", en ? "states" : "允许的状态");
    kh_buf_puts(out, "| --- | --- |");
    for (int role = KH_ROLE_ADMIN; role <= KH_ROLE_VIEWER; role++)
        kh_buf_puts(out, " :-: |");
    kh_buf_puts(out, " --- |\n");
    for (int a = 0; a < KH_NACTIONS; a++) {
        const struct kh_action_rule *r = &kh_action_rules[a];
        kh_buf_printf(out, "| `%s` | %s |", r->code, en ? r->en : r->zh);
        for (int role = KH_ROLE_ADMIN; role <= KH_ROLE_VIEWER; role++)
            kh_buf_printf(out, " %s |", cell(r, (enum kh_role)role));
        kh_buf_puts(out, " ");
        states(r, lang, out);
        kh_buf_puts(out, " |\n");
    }
}
