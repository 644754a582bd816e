/*
 * params.c — the small syntaxes inside cells (FORMATS.md, SPEC §11.3, §11.19).
 *
 *   k=v;k=v          parameters, rater-group weights, dimensions, channels
 *   a|b|c            a list inside one value (`points=100|95|90`)
 *   x:y|x:y          pairs inside one value (`bands=`, `breaks=`, `schedule=`)
 *   好=90;较好=80;一般=70[;差]   grade thresholds, bottom grade implied or named
 *
 * A parameter is accepted only when it belongs to the leaf's kind and method
 * (the table `allowed` below); required ones (efficacy xs/xh, minmax lo/hi,
 * bands, breaks, binary threshold, a denominator for per_capita/ratio) must
 * be present.  Everything parsed lives in the bundle's arena.  Empty segments
 * of a `;` list (a trailing `;`) are ignored.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bundle-int.h"
#include "kaohe/arena.h"
#include "kaohe/numfmt.h"
#include "kaohe/xalloc.h"

/* Copy s[0..n) trimmed of spaces and tabs into the arena. */
static char *trimdup(struct kh_arena *a, const char *s, size_t n)
{
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return kh_arena_strndup(a, s, n);
}

bool kh__kv_parse(struct kh_arena *a, const char *s, const char *what, struct kh__kvlist *out,
                  struct kh_error *why)
{
    int32_t cap = 1;
    for (const char *p = s; *p; p++)
        cap += *p == ';';
    out->kv = kh_arena_calloc(a, (size_t)cap, sizeof *out->kv);
    out->n = 0;
    const char *p = s;
    while (*p) {
        const char *e = strchr(p, ';');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char *seg = trimdup(a, p, n);
        p += n + (e ? 1 : 0);
        if (seg[0] == '\0')
            continue;
        char *eq = strchr(seg, '=');
        if (eq == NULL) {
            KH_ERR(why, KH_EINVAL, BUNDLE_KV_NO_EQUALS, what, seg);
            return false;
        }
        *eq = '\0';
        char *k = trimdup(a, seg, strlen(seg));
        char *v = trimdup(a, eq + 1, strlen(eq + 1));
        if (k[0] == '\0') {
            KH_ERR(why, KH_EINVAL, BUNDLE_KV_EMPTY_KEY, what, v);
            return false;
        }
        for (int32_t i = 0; i < out->n; i++) {
            if (strcmp(out->kv[i].key, k) == 0) {
                KH_ERR(why, KH_EINVAL, BUNDLE_KV_DUP_KEY, what, k);
                return false;
            }
        }
        out->kv[out->n].key = k;
        out->kv[out->n].value = v;
        out->n++;
    }
    return true;
}

/* Split "a|b|c" into arena strings; *n set. */
static char **split_bar(struct kh_arena *a, const char *s, int32_t *n)
{
    int32_t cap = 1;
    for (const char *p = s; *p; p++)
        cap += *p == '|';
    char **v = kh_arena_calloc(a, (size_t)cap, sizeof *v);
    int32_t k = 0;
    const char *p = s;
    for (;;) {
        const char *e = strchr(p, '|');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        v[k++] = trimdup(a, p, len);
        if (!e)
            break;
        p = e + 1;
    }
    *n = k;
    return v;
}

enum { P_ALPHA, P_CAP, P_XS, P_XH, P_LO, P_HI, P_BANDS, P_ELSE, P_BREAKS, P_FLOOR, P_POINTS,
       P_THRESHOLD, P_CENTER, P_SPREAD, P_TRANSFORM, P_DENOMINATOR, P_USE, P_SCHEDULE, P_N };
static const char *const pnames[P_N] = {"alpha", "cap", "xs", "xh", "lo", "hi", "bands", "else",
                                        "breaks", "floor", "points", "threshold", "center",
                                        "spread", "transform", "denominator", "use",
                                        "schedule"};

/* Bit set of parameters a quant method may carry besides transform/denominator/schedule. */
static unsigned method_params(enum kh_method m)
{
    switch (m) {
    case KH_METHOD_TARGET: return 1u << P_ALPHA | 1u << P_CAP;
    case KH_METHOD_EFFICACY: return 1u << P_XS | 1u << P_XH | 1u << P_LO;
    case KH_METHOD_MINMAX: return 1u << P_LO | 1u << P_HI;
    case KH_METHOD_BANDS: return 1u << P_BANDS | 1u << P_ELSE;
    case KH_METHOD_PIECEWISE: return 1u << P_BREAKS;
    case KH_METHOD_RANK: return 1u << P_FLOOR | 1u << P_POINTS;
    case KH_METHOD_BINARY: return 1u << P_THRESHOLD;
    case KH_METHOD_ZSCORE: return 1u << P_CENTER | 1u << P_SPREAD;
    case KH_METHOD_NONE: break;
    }
    return 0;
}

static bool pnum(struct kh__table *t, int col, const char *k, const char *v, double *out)
{
    if (kh__parse_num(v, out))
        return true;
    KH__ERR(t, col, PARAM_NOT_NUMBER, k, v);
    return false;
}

static bool pbound(struct kh__table *t, int col, const char *k, const char *v,
                   struct kh_bound *out)
{
    out->v = NAN;
    if (strcmp(v, "pop_min") == 0) {
        out->kind = KH_BOUND_POP_MIN;
        return true;
    }
    if (strcmp(v, "pop_max") == 0) {
        out->kind = KH_BOUND_POP_MAX;
        return true;
    }
    out->kind = KH_BOUND_FIXED;
    if (kh__parse_num(v, &out->v))
        return true;
    KH__ERR(t, col, PARAM_BOUND, k, v);
    return false;
}

/* "x:y|x:y" into pairs; periods allowed as x when `periods`. */
static bool ppairs(struct kh__table *t, int col, struct kh_arena *a, const char *k,
                   const char *v, bool periods, struct kh_pair **out, int32_t *nout)
{
    int32_t n;
    char **items = split_bar(a, v, &n);
    struct kh_pair *p = kh_arena_calloc(a, (size_t)n, sizeof *p);
    for (int32_t i = 0; i < n; i++) {
        char *colon = strchr(items[i], ':');
        if (colon == NULL) {
            KH__ERR(t, col, PARAM_NOT_PAIRS, k, KH_ARG_LONG(i + 1), items[i]);
            return false;
        }
        *colon = '\0';
        const char *xs = items[i], *ys = colon + 1;
        bool ok;
        if (periods) {
            int per = kh_period_parse(xs);
            ok = per > 0;
            p[i].x = per;
        } else {
            ok = kh__parse_num(xs, &p[i].x);
        }
        if (!ok || !kh__parse_num(ys, &p[i].y)) {
            KH__ERR(t, col, PARAM_BAD_PAIR, k, KH_ARG_LONG(i + 1), xs, ys);
            return false;
        }
    }
    *out = p;
    *nout = n;
    return true;
}

static int pair_cmp(const void *a, const void *b)
{
    const struct kh_pair *x = a, *y = b;
    return (x->x > y->x) - (x->x < y->x);
}

bool kh__params_parse(struct kh__table *t, int col, struct kh_bundle *b, struct kh_node *n,
                      const char **denom_code)
{
    struct kh_arena *a = &b->arena;
    struct kh_params *pr = &n->params;
    memset(pr, 0, sizeof *pr);
    pr->alpha = 1;
    pr->cap = 1;
    pr->xs.kind = pr->xh.kind = pr->lo.kind = pr->hi.kind = KH_BOUND_FIXED;
    pr->xs.v = pr->xh.v = pr->lo.v = pr->hi.v = NAN;
    pr->efficacy_lo = 0;
    pr->else_score = 0;
    pr->rank_floor = 60;
    pr->threshold = NAN;
    pr->center = 75;
    pr->spread = 10;
    pr->transform = KH_TRANSFORM_NONE;
    pr->denominator = -1;
    *denom_code = NULL;

    struct kh__kvlist kv;
    struct kh_error why;
    if (!kh__kv_parse(a, n->params_text, kh__colname(t, col), &kv, &why)) {
        kh__err_from(t, col, &why);
        return false;
    }
    unsigned allowed = 0;
    if (n->kind == KH_KIND_QUANT)
        allowed = method_params(n->method) | 1u << P_TRANSFORM | 1u << P_DENOMINATOR |
                  1u << P_SCHEDULE;
    else if (n->kind == KH_KIND_SURVEY)
        allowed = 1u << P_USE;
    unsigned seen = 0;
    bool ok = true;
    for (int32_t i = 0; i < kv.n; i++) {
        const char *k = kv.kv[i].key, *v = kv.kv[i].value;
        int p;
        for (p = 0; p < P_N; p++)
            if (strcmp(pnames[p], k) == 0)
                break;
        if (p == P_N) {
            KH__ERR(t, col, UNKNOWN_PARAM, k);
            ok = false;
            continue;
        }
        if (!(allowed & 1u << p)) {
            if (n->method)
                KH__ERR(t, col, PARAM_NOT_OF_METHOD, k, kh_node_kind_name(n->kind),
                        kh_method_name(n->method));
            else
                KH__ERR(t, col, PARAM_NOT_OF_KIND, k, kh_node_kind_name(n->kind));
            ok = false;
            continue;
        }
        seen |= 1u << p;
        switch (p) {
        case P_ALPHA: ok &= pnum(t, col, k, v, &pr->alpha); break;
        case P_CAP: ok &= pnum(t, col, k, v, &pr->cap); break;
        case P_XS: ok &= pbound(t, col, k, v, &pr->xs); break;
        case P_XH: ok &= pbound(t, col, k, v, &pr->xh); break;
        case P_LO:
            if (n->method == KH_METHOD_EFFICACY)
                ok &= pnum(t, col, k, v, &pr->efficacy_lo);
            else
                ok &= pbound(t, col, k, v, &pr->lo);
            break;
        case P_HI: ok &= pbound(t, col, k, v, &pr->hi); break;
        case P_BANDS: ok &= ppairs(t, col, a, k, v, false, &pr->bands, &pr->nbands); break;
        case P_ELSE: ok &= pnum(t, col, k, v, &pr->else_score); break;
        case P_BREAKS:
            if (ppairs(t, col, a, k, v, false, &pr->breaks, &pr->nbreaks)) {
                qsort(pr->breaks, (size_t)pr->nbreaks, sizeof *pr->breaks, pair_cmp);
                for (int32_t j = 1; j < pr->nbreaks; j++) {
                    if (pr->breaks[j].x == pr->breaks[j - 1].x) {
                        char xb[32];
                        KH__ERR(t, col, DUP_BREAKPOINT, kh_fmt_double_short(pr->breaks[j].x, xb));
                        ok = false;
                        break;
                    }
                }
            } else {
                ok = false;
            }
            break;
        case P_FLOOR: ok &= pnum(t, col, k, v, &pr->rank_floor); break;
        case P_POINTS: {
            int32_t m;
            char **items = split_bar(a, v, &m);
            pr->points = kh_arena_calloc(a, (size_t)m, sizeof *pr->points);
            pr->npoints = m;
            for (int32_t j = 0; j < m; j++) {
                if (!kh__parse_num(items[j], &pr->points[j])) {
                    KH__ERR(t, col, POINTS_NOT_NUMBER, KH_ARG_LONG(j + 1), items[j]);
                    ok = false;
                    break;
                }
            }
            break;
        }
        case P_THRESHOLD: ok &= pnum(t, col, k, v, &pr->threshold); break;
        case P_CENTER: ok &= pnum(t, col, k, v, &pr->center); break;
        case P_SPREAD: ok &= pnum(t, col, k, v, &pr->spread); break;
        case P_TRANSFORM:
            if (strcmp(v, "growth") == 0)
                pr->transform = KH_TRANSFORM_GROWTH;
            else if (strcmp(v, "per_capita") == 0)
                pr->transform = KH_TRANSFORM_PER_CAPITA;
            else if (strcmp(v, "ratio") == 0)
                pr->transform = KH_TRANSFORM_RATIO;
            else {
                KH__ERR(t, col, UNKNOWN_TRANSFORM, v);
                ok = false;
            }
            break;
        case P_DENOMINATOR: *denom_code = v; break;
        case P_USE:
            if (strcmp(v, "rate") == 0)
                pr->use_rate = true;
            else if (strcmp(v, "index") != 0) {
                KH__ERR(t, col, BAD_USE, v);
                ok = false;
            }
            break;
        case P_SCHEDULE:
            ok &= ppairs(t, col, a, k, v, true, &pr->schedule, &pr->nschedule);
            break;
        }
    }
    if (!ok)
        return false;
    static const struct { enum kh_method m; int p; } required[] = {
        {KH_METHOD_EFFICACY, P_XS}, {KH_METHOD_EFFICACY, P_XH}, {KH_METHOD_MINMAX, P_LO},
        {KH_METHOD_MINMAX, P_HI}, {KH_METHOD_BANDS, P_BANDS}, {KH_METHOD_PIECEWISE, P_BREAKS},
        {KH_METHOD_BINARY, P_THRESHOLD},
    };
    if (n->kind == KH_KIND_QUANT) {
        for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
            if (required[i].m == n->method && !(seen & 1u << required[i].p)) {
                KH__ERR(t, col, MISSING_PARAM, kh_method_name(n->method), pnames[required[i].p]);
                ok = false;
            }
        }
        if ((seen & 1u << P_FLOOR) && (seen & 1u << P_POINTS)) {
            KH__ERR(t, col, FLOOR_POINTS);
            ok = false;
        }
        bool needs_den = pr->transform == KH_TRANSFORM_PER_CAPITA ||
                         pr->transform == KH_TRANSFORM_RATIO;
        if (needs_den && *denom_code == NULL) {
            KH__ERR(t, col, MISSING_DENOMINATOR,
                    pr->transform == KH_TRANSFORM_RATIO ? "ratio" : "per_capita");
            ok = false;
        }
        if (!needs_den && *denom_code != NULL) {
            KH__ERR(t, col, DENOMINATOR_FOREIGN);
            ok = false;
        }
    }
    return ok;
}

bool kh__wrefs_parse(struct kh__table *t, int col, struct kh_arena *a, const char *s,
                     const struct kh_strmap *map, struct kh_wref **out, int32_t *nout)
{
    struct kh__kvlist kv;
    struct kh_error why;
    *out = NULL;
    *nout = 0;
    if (!kh__kv_parse(a, s, kh__colname(t, col), &kv, &why)) {
        kh__err_from(t, col, &why);
        return false;
    }
    struct kh_wref *w = kh_arena_calloc(a, (size_t)kv.n + 1, sizeof *w);
    bool ok = true;
    for (int32_t i = 0; i < kv.n; i++) {
        w[i].idx = kh_strmap_get(map, kv.kv[i].key);
        if (w[i].idx < 0) {
            KH__ERR(t, col, UNKNOWN_GROUP, kv.kv[i].key);
            ok = false;
        }
        if (!kh__parse_num(kv.kv[i].value, &w[i].w)) {
            KH__ERR(t, col, WREF_NOT_NUMBER, kv.kv[i].key, kv.kv[i].value);
            ok = false;
        } else if (w[i].w < 0) {
            KH__ERR(t, col, WREF_NEGATIVE, kv.kv[i].key);
            ok = false;
        }
    }
    *out = w;
    *nout = kv.n;
    return ok;
}

bool kh__grades_parse(struct kh_arena *a, const char *s, const char *bottom,
                      struct kh_grades *g, struct kh_error *why)
{
    int32_t cap = 2;
    for (const char *p = s; *p; p++)
        cap += *p == ';';
    const char **names = kh_arena_calloc(a, (size_t)cap, sizeof *names);
    double *thr = kh_arena_calloc(a, (size_t)cap, sizeof *thr);
    int32_t n = 0;
    bool bare_last = false;
    const char *p = s;
    while (*p) {
        const char *e = strchr(p, ';');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char *seg = trimdup(a, p, len);
        p += len + (e ? 1 : 0);
        if (seg[0] == '\0')
            continue;
        if (bare_last) {
            KH_ERR(why, KH_EINVAL, BUNDLE_GRADES_BARE_NOT_LAST);
            return false;
        }
        char *eq = strchr(seg, '=');
        if (eq == NULL) {
            bare_last = true;
            names[n] = seg;
            thr[n] = NAN;
        } else {
            *eq = '\0';
            names[n] = trimdup(a, seg, strlen(seg));
            const char *v = trimdup(a, eq + 1, strlen(eq + 1));
            if (!kh__parse_num(v, &thr[n])) {
                KH_ERR(why, KH_EINVAL, BUNDLE_GRADES_NOT_NUMBER, names[n], v);
                return false;
            }
            if (n > 0 && !(thr[n] < thr[n - 1])) {
                KH_ERR(why, KH_EINVAL, BUNDLE_GRADES_NOT_DECREASING);
                return false;
            }
        }
        if (names[n][0] == '\0' || !kh__code_ok(names[n])) {
            KH_ERR(why, KH_EINVAL, BUNDLE_GRADES_BAD_NAME, names[n]);
            return false;
        }
        for (int32_t i = 0; i < n; i++) {
            if (strcmp(names[i], names[n]) == 0) {
                KH_ERR(why, KH_EINVAL, BUNDLE_GRADES_DUP, names[n]);
                return false;
            }
        }
        n++;
    }
    if (n == 0 || (bare_last && n < 2)) {
        KH_ERR(why, KH_EINVAL, BUNDLE_GRADES_NONE);
        return false;
    }
    if (!bare_last) {
        for (int32_t i = 0; i < n; i++) {
            if (strcmp(names[i], bottom) == 0) {
                KH_ERR(why, KH_EINVAL, BUNDLE_GRADES_BOTTOM_CLASH, bottom);
                return false;
            }
        }
        names[n] = bottom;
        thr[n] = NAN;
        n++;
    }
    g->n = n;
    g->names = names;
    g->thresholds = thr;
    return true;
}
