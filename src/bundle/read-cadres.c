/*
 * read-cadres.c — positions.csv, cadres.csv, adjustments.csv (FORMATS.md;
 * SPEC §7, §11.8, §11.9, §11.2).
 *
 * Positions: `principal` accepts 1/0, yes/no, true/false, 是/否 (empty =
 * deputy); an empty w_* cell takes the principal (0.5/0/0.5) or deputy
 * (0.3/0.4/0.3) default and the three must sum to 1 ±1e-6.  `dims` empty is
 * the default 德=0.2;能=0.2;勤=0.15;绩=0.3;廉=0.15; dimension codes are
 * interned in b->dims.  `groups` empty is every rater group with weight 1.
 *
 * Cadres: unit and position must exist; a cadre code may not also be a unit
 * code; responsibilities are tree node codes (any level).
 *
 * Adjustments: the subject is a unit or a cadre; the leaf is bonus, penalty
 * or veto; amounts are not negative; a veto amount is 1 (triggered) or 0
 * (recorded non-trigger).  Rows of the same (subject, leaf) add up (a veto
 * stays triggered if any row triggers it); their reasons are joined with
 * " / " and the first row's line is kept.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "bundle-int.h"
#include "kaohe/arena.h"
#include "kaohe/numfmt.h"
#include "kaohe/xalloc.h"

enum { PO_CODE, PO_NAME, PO_PRINCIPAL, PO_W_TEAM, PO_W_DUTY, PO_W_EVAL, PO_DIMS, PO_GROUPS };
static const struct kh__colspec position_cols[] = {
    {"code", true}, {"name", false}, {"principal", true}, {"w_team", true}, {"w_duty", true},
    {"w_eval", true}, {"dims", true}, {"groups", true}};

static int parse_bool(const char *s)
{
    if (s[0] == '\0' || strcmp(s, "0") == 0 || strcasecmp(s, "no") == 0 ||
        strcasecmp(s, "false") == 0 || strcmp(s, "否") == 0)
        return 0;
    if (strcmp(s, "1") == 0 || strcasecmp(s, "yes") == 0 || strcasecmp(s, "true") == 0 ||
        strcmp(s, "是") == 0)
        return 1;
    return -1;
}

static int32_t dim_intern(struct kh__rd *rd, const char *code)
{
    struct kh_bundle *b = rd->b;
    int32_t d = kh_strmap_get(&b->dim_ix, code);
    if (d >= 0)
        return d;
    const char *s = kh__str(rd, code);
    KH_GROW(b->dims, (size_t)b->ndims + 1, rd->caps[KH__CAP_DIM]);
    b->dims[b->ndims] = s;
    kh_strmap_put(&b->dim_ix, s, b->ndims);
    return b->ndims++;
}

void kh__read_positions(struct kh__rd *rd)
{
    static const char *const ddims[] = {"德", "能", "勤", "绩", "廉"};
    static const double dw[] = {0.2, 0.2, 0.15, 0.3, 0.15};
    struct kh_bundle *b = rd->b;
    struct kh__table t;
    if (!kh__table_open(rd, KH__F_POSITIONS, position_cols, 8, false, &t))
        goto out;
    rd->usable[KH__F_POSITIONS] = true;
    while (kh__table_next(&t)) {
        bool ok = kh__check_code(&t, PO_CODE);
        int pr = parse_bool(kh__cell(&t, PO_PRINCIPAL));
        if (pr < 0) {
            KH__ERR(&t, PO_PRINCIPAL, BAD_PRINCIPAL, kh__cell(&t, PO_PRINCIPAL));
            ok = false;
            pr = 0;
        }
        double w[3];
        static const double defp[3] = {0.5, 0, 0.5}, defd[3] = {0.3, 0.4, 0.3};
        for (int k = 0; k < 3; k++) {
            if (!kh__num(&t, PO_W_TEAM + k, true, &w[k])) {
                ok = false;
            } else if (isnan(w[k])) {
                w[k] = pr ? defp[k] : defd[k];
            } else if (w[k] < 0 || w[k] > 1) {
                KH__ERR(&t, PO_W_TEAM + k, POSITION_WEIGHT_RANGE);
                ok = false;
            }
        }
        if (ok && fabs(w[0] + w[1] + w[2] - 1) > 1e-6) {
            char s[32];
            KH__ERR(&t, PO_W_TEAM, POSITION_WEIGHT_SUM, kh_fmt_double_short(w[0] + w[1] + w[2], s));
            ok = false;
        }
        struct kh_position p;
        memset(&p, 0, sizeof p);
        const char *ds = kh__cell(&t, PO_DIMS);
        if (ds[0] == '\0') {
            p.dims = kh_arena_calloc(&b->arena, 5, sizeof *p.dims);
            for (int k = 0; k < 5; k++) {
                p.dims[k].idx = dim_intern(rd, ddims[k]);
                p.dims[k].w = dw[k];
            }
            p.ndims = 5;
        } else {
            struct kh__kvlist kv;
            struct kh_error why;
            if (!kh__kv_parse(&b->arena, ds, kh__colname(&t, PO_DIMS), &kv, &why)) {
                kh__err_from(&t, PO_DIMS, &why);
                ok = false;
            } else {
                p.dims = kh_arena_calloc(&b->arena, (size_t)kv.n + 1, sizeof *p.dims);
                for (int32_t k = 0; k < kv.n; k++) {
                    double x;
                    if (!kh__code_ok(kv.kv[k].key)) {
                        KH__ERR(&t, PO_DIMS, BAD_DIM_CODE, kv.kv[k].key);
                        ok = false;
                    } else if (!kh__parse_num(kv.kv[k].value, &x) || x < 0) {
                        KH__ERR(&t, PO_DIMS, BAD_DIM_WEIGHT, kv.kv[k].key, kv.kv[k].value);
                        ok = false;
                    } else {
                        p.dims[p.ndims].idx = dim_intern(rd, kv.kv[k].key);
                        p.dims[p.ndims].w = x;
                        p.ndims++;
                    }
                }
            }
        }
        const char *gs = kh__cell(&t, PO_GROUPS);
        if (gs[0]) {
            ok &= kh__wrefs_parse(&t, PO_GROUPS, &b->arena, gs, &b->group_ix, &p.groups,
                                  &p.ngroups);
        } else {
            p.groups = kh_arena_calloc(&b->arena, (size_t)b->ngroups + 1, sizeof *p.groups);
            for (int32_t g = 0; g < b->ngroups; g++) {
                p.groups[g].idx = g;
                p.groups[g].w = 1;
            }
            p.ngroups = b->ngroups;
        }
        if (!ok)
            continue;
        p.code = kh__str(rd, kh__cell(&t, PO_CODE));
        if (kh_strmap_put(&b->position_ix, p.code, b->npositions) >= 0) {
            KH__ERR(&t, PO_CODE, DUP_POSITION, p.code);
            continue;
        }
        p.name = kh__str(rd, kh__cell(&t, PO_NAME));
        p.principal = pr == 1;
        p.w_team = w[0];
        p.w_duty = w[1];
        p.w_eval = w[2];
        p.principal_text = kh__str(rd, kh__cell(&t, PO_PRINCIPAL));
        p.w_team_text = kh__str(rd, kh__cell(&t, PO_W_TEAM));
        p.w_duty_text = kh__str(rd, kh__cell(&t, PO_W_DUTY));
        p.w_eval_text = kh__str(rd, kh__cell(&t, PO_W_EVAL));
        p.dims_text = kh__str(rd, ds);
        p.groups_text = kh__str(rd, gs);
        KH_GROW(b->positions, (size_t)b->npositions + 1, rd->caps[KH__CAP_POSITION]);
        b->positions[b->npositions++] = p;
    }
out:
    kh__table_close(&t);
}

enum { CD_CODE, CD_NAME, CD_UNIT, CD_POSITION, CD_RESP };
static const struct kh__colspec cadre_cols[] = {{"code", true}, {"name", false},
                                                {"unit", true}, {"position", true},
                                                {"responsibilities", true}};

void kh__read_cadres(struct kh__rd *rd)
{
    struct kh_bundle *b = rd->b;
    struct kh__table t;
    if (!kh__table_open(rd, KH__F_CADRES, cadre_cols, 5, false, &t))
        goto out;
    rd->usable[KH__F_CADRES] = true;
    while (kh__table_next(&t)) {
        bool ok = kh__check_code(&t, CD_CODE);
        const char *code = kh__cell(&t, CD_CODE);
        if (ok && kh_strmap_get(&b->unit_ix, code) >= 0) {
            KH__ERR(&t, CD_CODE, CODE_CLASH, code);
            ok = false;
        }
        const char *uc = kh__cell(&t, CD_UNIT);
        int32_t u = kh_strmap_get(&b->unit_ix, uc);
        if (u < 0) {
            if (rd->usable[KH__F_UNITS])
                KH__ERR(&t, CD_UNIT, UNKNOWN_UNIT, uc);
            ok = false;
        }
        const char *pc = kh__cell(&t, CD_POSITION);
        int32_t p = kh_strmap_get(&b->position_ix, pc);
        if (p < 0) {
            if (rd->usable[KH__F_POSITIONS] || !rd->present[KH__F_POSITIONS])
                KH__ERR(&t, CD_POSITION, UNKNOWN_POSITION, pc);
            ok = false;
        }
        const char *rs = kh__cell(&t, CD_RESP);
        int32_t cap = 1;
        for (const char *q = rs; *q; q++)
            cap += *q == ';';
        int32_t *resp = kh_arena_calloc(&b->arena, (size_t)cap, sizeof *resp);
        int32_t nresp = 0;
        for (const char *q = rs; *q;) {
            const char *e = strchr(q, ';');
            size_t len = e ? (size_t)(e - q) : strlen(q);
            char *item = kh_arena_strndup(&b->arena, q, len);
            q += len + (e ? 1 : 0);
            char *s = item, *end = item + strlen(item);
            while (*s == ' ' || *s == '\t')
                s++;
            while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
                *--end = '\0';
            if (*s == '\0')
                continue;
            int32_t n = kh_strmap_get(&b->node_ix, s);
            if (n < 0) {
                if (rd->usable[KH__F_INDICATORS])
                    KH__ERR(&t, CD_RESP, UNKNOWN_RESPONSIBILITY, s);
                ok = false;
                continue;
            }
            resp[nresp++] = n;
        }
        if (!ok)
            continue;
        const char *cs = kh__str(rd, code);
        if (kh_strmap_put(&b->cadre_ix, cs, b->ncadres) >= 0) {
            KH__ERR(&t, CD_CODE, DUP_CADRE, code);
            continue;
        }
        KH_GROW(b->cadres, (size_t)b->ncadres + 1, rd->caps[KH__CAP_CADRE]);
        struct kh_cadre *c = &b->cadres[b->ncadres++];
        c->code = cs;
        c->name = kh__str(rd, kh__cell(&t, CD_NAME));
        c->unit = u;
        c->position = p;
        c->resp = resp;
        c->nresp = nresp;
        c->resp_text = kh__str(rd, rs);
    }
out:
    kh__table_close(&t);
}

enum { AD_SUBJECT, AD_INDICATOR, AD_AMOUNT, AD_REASON };
static const struct kh__colspec adj_cols[] = {{"subject", true}, {"indicator", true},
                                              {"amount", true}, {"reason", false}};

void kh__read_adjustments(struct kh__rd *rd)
{
    struct kh_bundle *b = rd->b;
    struct kh__table t;
    if (!kh__table_open(rd, KH__F_ADJUSTMENTS, adj_cols, 4, false, &t))
        goto out;
    rd->usable[KH__F_ADJUSTMENTS] = true;
    while (kh__table_next(&t)) {
        bool ok = true;
        const char *sc = kh__cell(&t, AD_SUBJECT);
        int32_t subj = kh_strmap_get(&b->unit_ix, sc);
        bool is_cadre = false;
        if (subj < 0) {
            subj = kh_strmap_get(&b->cadre_ix, sc);
            is_cadre = subj >= 0;
        }
        if (subj < 0) {
            if (rd->usable[KH__F_UNITS])
                KH__ERR(&t, AD_SUBJECT, UNKNOWN_SUBJECT, sc);
            ok = false;
        }
        const char *ic = kh__cell(&t, AD_INDICATOR);
        int32_t n = kh_strmap_get(&b->node_ix, ic);
        if (n < 0) {
            if (rd->usable[KH__F_INDICATORS])
                KH__ERR(&t, AD_INDICATOR, UNKNOWN_INDICATOR, ic);
            ok = false;
        } else if (!kh_kind_is_points(b->nodes[n].kind)) {
            KH__ERR(&t, AD_INDICATOR, NOT_POINT_LEAF, ic, kh_node_kind_name(b->nodes[n].kind));
            ok = false;
        }
        double amt;
        if (!kh__num(&t, AD_AMOUNT, false, &amt)) {
            ok = false;
        } else if (n >= 0 && b->nodes[n].kind == KH_KIND_VETO && amt != 0 && amt != 1) {
            KH__ERR(&t, AD_AMOUNT, VETO_AMOUNT, kh__cell(&t, AD_AMOUNT));
            ok = false;
        } else if (amt < 0) {
            KH__ERR(&t, AD_AMOUNT, NEGATIVE_AMOUNT, kh__cell(&t, AD_AMOUNT));
            ok = false;
        }
        if (!ok)
            continue;
        const char *reason = kh__cell(&t, AD_REASON);
        uint64_t key = KH_U64_KEY((uint32_t)subj * 2u + is_cadre, n);
        int32_t prev = kh_u64map_put(&rd->adj_ix, key, b->nadjustments);
        if (prev >= 0) {
            struct kh_adjustment *a = &b->adjustments[prev];
            if (b->nodes[n].kind == KH_KIND_VETO)
                a->amount = a->amount > amt ? a->amount : amt;
            else
                a->amount += amt;
            if (reason[0])
                a->reason = a->reason[0]
                                ? kh_arena_printf(&b->arena, "%s / %s", a->reason, reason)
                                : kh__str(rd, reason);
            continue;
        }
        KH_GROW(b->adjustments, (size_t)b->nadjustments + 1, rd->caps[KH__CAP_ADJ]);
        KH_GROW(rd->adj_line, (size_t)b->nadjustments + 1, rd->adj_line_cap);
        rd->adj_line[b->nadjustments] = t.line;
        struct kh_adjustment *a = &b->adjustments[b->nadjustments++];
        a->subject = subj;
        a->subject_is_cadre = is_cadre;
        a->node = n;
        a->amount = amt;
        a->reason = kh__str(rd, reason);
    }
out:
    kh__table_close(&t);
}
