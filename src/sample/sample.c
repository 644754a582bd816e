/*
 * sample.c — the generator behind `kaohe sample`: the default scheme as
 * files, and a whole simulated assessment cycle driven by a preset
 * (sample-int.h) and a seed.
 *
 * What it owns.  Reading the embedded scheme (embedded.h) to learn the tree,
 * the categories where each leaf applies (SPEC §11.11: the leaf and every
 * ancestor weigh > 0), scales, positions and survey items; drawing the data
 * for every unit of the preset's township list; writing the bundle files of
 * FORMATS.md.  The scheme is the single source of truth: a leaf added to
 * data/scheme/indicators.csv is picked up here, and the run fails (KH_EDATA)
 * if the preset has no model for it.
 *
 * Invariants that make the result a valid, scoreable bundle:
 *   - every applicable `target` leaf gets an approved non-zero target and every
 *     growth leaf a non-zero baseline (SPEC §11.10), even when its value is
 *     left missing;
 *   - ratings use only levels of the item's scale, and the first
 *     `min_raters` raters of a group never abstain, so every group counts;
 *   - at least `responses_min` responses per unit, each with answered items;
 *   - codes are unique across units, cadres, raters and responses.
 *
 * Output is streamed: each big file (ratings, responses, values …) is built
 * in a 1 MiB buffer that is written out whenever it fills, to `<file>.tmp`,
 * renamed over `<file>` only when the whole run succeeded, so a national
 * run (tens of millions of rows) needs no more memory than a Beijing one and
 * a failed run leaves earlier files as they were.
 *
 * Units come from an embedded township list (beijing) or from a synthetic
 * layout (national: numbered districts and units, categories drawn per
 * district).  Everything per unit is linear in the number of units; the one
 * per-district question (is this the district's first unit?) is a flag
 * array, not a scan.
 *
 * Determinism.  Each (purpose, unit) pair draws from its own SplitMix64
 * stream (prng.h), so the data of one unit do not depend on how much
 * randomness another consumed.  Numbers are rounded and printed with integer
 * arithmetic (fmt_fixed), never printf's %f, and the only floating point is
 * + − × ÷ under -ffp-contract=off: identical bytes on every platform.
 *
 * How values are drawn (q = the unit's overall quality, z = 0.6·q + 0.8·N a
 * leaf-specific performance, N ≈ standard normal):
 *   POP       p = base·(1 + spread·N), ≥ lo
 *   FLOW      expected e = base·(p/base_pop if pop_scaled)·(1 + spread·N);
 *             target t = e·(1 + uplift); value = t·(1.03 + perf·z);
 *             Q1–Q3 cumulative at (k/4)·pace, laggards pace 0.6–0.85; Q4 = Y
 *   LEVEL     level L = base + spread·N; t = L·(1 + uplift);
 *             value = t·(1 ± perf·z) (− for cost); quarters = value ± noise,
 *             laggards 10–12% on the wrong side
 *   GROWTH    baseline b = base·(…)·(1 + spread·N); value = b·(1 + (uplift + perf·z)/100)
 *   RATE      base + spread·z, clamped to [lo, hi]
 *   COUNT     binomial(20, λ/20) incidents, λ = base·(1 − 0.4·z); × step·(0.5 + U) when step > 1
 *   PER_CAPITA  rate = base·(1 + spread·N)·(1 − 0.15·z) per 10,000; value = rate·POP
 * Ratings, survey answers: a latent score around 84 (+8·q for the unit,
 * cadre-specific for cadres) with noise, mapped to the scale level whose
 * points are nearest.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "kaohe/arena.h"
#include "kaohe/buf.h"
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/msg-bundle.h"
#include "kaohe/msg-sample.h"
#include "kaohe/msg-util.h"
#include "kaohe/prng.h"
#include "kaohe/sample.h"
#include "kaohe/xalloc.h"
#include "sample/embedded.h"
#include "sample/sample-int.h"

#define MAXCAT KH__SAMPLE_MAXCAT

/* Scheme files copied verbatim into every output. */
static const char *const scheme_files[] = {
    "cycle.csv", "categories.csv", "indicators.csv", "scales.csv", "rater_groups.csv",
    "raters.csv", "survey_items.csv", "positions.csv",
};

static const struct kh__sample_preset *const presets[] = {
    &kh__sample_preset_beijing,
    &kh__sample_preset_national,
};
static const char *const preset_names[] = {"beijing", "national", NULL};

/* Random-stream purposes; a stream is (purpose << 32 | unit + 1).  New
 * purposes go at the end so existing streams keep their numbers. */
enum { S_CYCLE = 1, S_UNIT, S_VALUES, S_TRACK, S_RATINGS, S_SURVEY, S_CADRES, S_ADJUST, S_LAYOUT, S_DISTRICT };

/* Bytes an output buffer collects before it is written to its file. */
#define FLUSH_AT ((size_t)1 << 20)

/* ---- a CSV file held as a table of strings ---------------------------------------------------- */

struct table {
    size_t ncols, nrows;
    char **head;
    char **cells;   /* nrows × ncols */
};

static int table_load(struct kh_arena *a, const char *name, struct table *t, struct kh_error *err)
{
    const struct kh__embedded_file *f = kh__embedded_find(name);
    struct kh_csv_reader r;
    size_t cap = 0;
    int rc = 0, more;
    memset(t, 0, sizeof *t);
    if (f == NULL)
        return KH_ERR_AT(err, KH_ENOTFOUND, name, 0, NULL, SAMPLE_EMBEDDED_MISSING);
    kh_csv_reader_init(&r, (const char *)f->data, f->len);
    while ((more = kh_csv_next(&r, err)) == 1) {
        if (kh_csv_record_blank(&r))
            continue;
        if (t->head == NULL) {
            t->ncols = r.nfields;
            t->head = kh_arena_calloc(a, t->ncols, sizeof(char *));
            for (size_t i = 0; i < t->ncols; i++)
                t->head[i] = kh_arena_strdup(a, r.fields[i]);
            continue;
        }
        if (r.nfields != t->ncols) {
            rc = KH_ERR_AT(err, KH_EDATA, name, r.line, NULL, SAMPLE_FIELD_COUNT);
            goto out;
        }
        if (t->nrows == cap) {
            size_t ncap = cap ? 2 * cap : 64;
            char **n = kh_arena_calloc(a, ncap * t->ncols, sizeof(char *));
            if (t->cells)
                memcpy(n, t->cells, cap * t->ncols * sizeof(char *));
            t->cells = n;
            cap = ncap;
        }
        for (size_t i = 0; i < t->ncols; i++)
            t->cells[t->nrows * t->ncols + i] = kh_arena_strdup(a, r.fields[i]);
        t->nrows++;
    }
    if (more < 0)
        rc = more;
out:
    kh_csv_reader_release(&r);
    return rc;
}

static int table_col(const struct table *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->head[i], name) == 0)
            return (int)i;
    return -1;
}

/* Cell (row, column); "" for an absent column. */
static const char *cell(const struct table *t, size_t row, int col)
{
    return col < 0 ? "" : t->cells[row * t->ncols + (size_t)col];
}

/* ---- the model of one run ------------------------------------------------------------------- */

struct leaf {
    const char *code, *parent, *kind, *method, *params, *dept, *raters, *scale;
    int parent_idx;
    bool cost;
    double w[MAXCAT];
    const struct kh__leaf_model *model;
};

struct unit {
    char code[48];
    const char *name, *district, *kind, *zone;
    int cat;          /* index into the preset's category order */
    int district_idx;
    double q;         /* overall quality, ≈ N(0,1) */
    double pop;       /* residents, 万人 */
    int veto;         /* index into preset->vetoes, -1 = none */
};

struct level {
    const char *name;
    double points;
};

struct scale {
    const char *name;
    struct level levels[16];
    size_t nlevels;
    const char *abstain;   /* level with empty points, or NULL */
};

struct position {
    const char *code, *dims, *groups;
};

/* One output file.  Rows are appended to `b`; when `f` is set and `b` holds
 * FLUSH_AT bytes they are written to `f` (the file `<name>.tmp`) and `b` is
 * emptied.  `f` NULL keeps the rows in memory (a part appended to another
 * output later).  A failed write is remembered in `werr` (an errno) and
 * reported when the file is closed. */
struct out {
    struct kh_buf b;
    FILE *f;
    char *tmp, *path;   /* malloc'd; NULL when held in memory */
    int werr;
};

struct gen {
    const struct kh__sample_preset *p;
    uint64_t seed;
    struct kh_arena a;
    struct kh_error *err;
    struct leaf *leaves;
    size_t nleaves;
    struct unit *units;
    size_t nunits;
    const char **districts;
    size_t ndistricts;
    struct scale scales[8];
    size_t nscales;
    struct position *pos;
    size_t npos;
    struct table items;       /* survey_items.csv */
    struct table cycle_t, positions_t;   /* as written, after the preset's overrides */
    double *year;             /* [unit × leaf] year-end value drawn (NAN = none) */
    struct out units_csv, targets, values, ratings, responses, cadres, adjust, adjust_cadres, raters;
};

static struct kh_prng stream(const struct gen *g, uint64_t purpose, size_t unit)
{
    struct kh_prng r;
    kh_prng_seed(&r, g->seed, (purpose << 32) | (uint64_t)(unit + 1));
    return r;
}

/* ---- numbers, exactly -------------------------------------------------------------------------- */

static double pow10i(int d)
{
    double p = 1;
    while (d-- > 0)
        p *= 10;
    return p;
}

static double round_to(double x, int decimals)
{
    double p = pow10i(decimals);
    return floor(x * p + 0.5) / p;
}

/* x rounded to `decimals` places, written without exponent or trailing
 * zeros, by integer arithmetic (so no libc formatting differences). */
static const char *fmt_fixed(char *buf, double x, int decimals)
{
    long long p = (long long)pow10i(decimals);
    long long m = (long long)floor(x * (double)p + 0.5);
    bool neg = m < 0;
    if (neg)
        m = -m;
    long long ip = m / p, fp = m % p;
    int n = sprintf(buf, "%s%lld", neg && m != 0 ? "-" : "", ip);
    if (fp != 0) {
        char frac[24];
        int d = decimals;
        while (fp % 10 == 0) {
            fp /= 10;
            d--;
        }
        snprintf(frac, sizeof frac, "%0*lld", d, fp);
        sprintf(buf + n, ".%s", frac);
    }
    return buf;
}

static double clampd(double x, double lo, double hi)
{
    return x < lo ? lo : hi > lo && x > hi ? hi : x;
}

/* ---- output helpers ---------------------------------------------------------------------------- */

static void out_flush(struct out *o)
{
    if (o->f == NULL || o->b.len == 0)
        return;
    if (o->werr == 0 && fwrite(o->b.data, 1, o->b.len, o->f) != o->b.len)
        o->werr = errno ? errno : EIO;
    kh_buf_reset(&o->b);
}

static void row(struct out *o, size_t n, ...)
{
    const char *cells[16];
    va_list ap;
    va_start(ap, n);
    for (size_t i = 0; i < n && i < 16; i++)
        cells[i] = va_arg(ap, const char *);
    va_end(ap);
    (void)kh_csv_put_row(&o->b, cells, n);   /* no cap on these buffers: cannot fail */
    if (o->b.len >= FLUSH_AT)
        out_flush(o);
}

static int make_dirs(const char *dir, struct kh_error *err)
{
    char *path = kh_xstrdup(dir);
    int rc = 0;
    for (char *s = path + 1;; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            if (mkdir(path, 0777) != 0 && errno != EEXIST) {
                rc = KH_ERR_AT(err, KH_EIO, path, 0, NULL, BUNDLE_MKDIR, strerror(errno));
                break;
            }
            *s = c;
            if (c == '\0')
                break;
        }
    }
    struct stat st;
    if (rc == 0 && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)))
        rc = KH_ERR_AT(err, KH_EIO, dir, 0, NULL, SAMPLE_NOT_A_FOLDER);
    free(path);
    return rc;
}

static int write_out(const char *dir, const char *name, const struct kh_buf *b, struct kh_error *err)
{
    char *path = kh_xmalloc(strlen(dir) + strlen(name) + 2);
    sprintf(path, "%s/%s", dir, name);
    int rc = kh_buf_write_file(b, path, err);
    free(path);
    return rc;
}

/* Start output `name` in `dir`: rows stream to `<name>.tmp`.  On failure
 * the output stays in memory-only state and the error is in `err`. */
static int out_open(struct out *o, const char *dir, const char *name, struct kh_error *err)
{
    o->path = kh_xmalloc(strlen(dir) + strlen(name) + 2);
    sprintf(o->path, "%s/%s", dir, name);
    o->tmp = kh_xmalloc(strlen(o->path) + 5);
    sprintf(o->tmp, "%s.tmp", o->path);
    o->f = fopen(o->tmp, "wb");
    if (o->f == NULL)
        return KH_ERR_AT(err, KH_EIO, o->path, 0, NULL, FILE_CREATE, strerror(errno));
    return 0;
}

/* Finish an output: with `commit`, write what is left and rename the
 * temporary file over the real one (an error goes to `err` unless one is
 * already there, i.e. rc < 0); without, remove the temporary file.  Frees
 * everything; accepts an output that was never opened. */
static int out_close(struct out *o, bool commit, int rc, struct kh_error *err)
{
    if (o->f != NULL) {
        out_flush(o);
        if (fclose(o->f) != 0 && o->werr == 0)
            o->werr = errno ? errno : EIO;
        o->f = NULL;
        if (commit && o->werr == 0 && rename(o->tmp, o->path) != 0)
            o->werr = errno ? errno : EIO;
        if (!commit || o->werr != 0)
            (void)remove(o->tmp);
        if (commit && o->werr != 0 && rc == 0)
            rc = KH_ERR_AT(err, KH_EIO, o->path, 0, NULL, FILE_WRITE, strerror(o->werr));
    }
    kh_buf_release(&o->b);
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
    return rc;
}

/* Write a table (header and rows) as a CSV file. */
static int write_table(const char *dir, const char *name, const struct table *t, struct kh_error *err)
{
    struct kh_buf b = KH_BUF_INIT;
    (void)kh_csv_put_row(&b, (const char *const *)t->head, t->ncols);
    for (size_t i = 0; i < t->nrows; i++)
        (void)kh_csv_put_row(&b, (const char *const *)&t->cells[i * t->ncols], t->ncols);
    int rc = write_out(dir, name, &b, err);
    kh_buf_release(&b);
    return rc;
}

/* Copy the embedded scheme files into dir, except raters.csv (the
 * generator writes it); cycle.csv and positions.csv are written from the
 * run's tables when the preset changed them. */
static int copy_scheme(const struct gen *g, const char *dir, struct kh_error *err)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sizeof scheme_files / sizeof scheme_files[0]; i++) {
        if (g != NULL && strcmp(scheme_files[i], "raters.csv") == 0)
            continue;
        if (g != NULL && g->p->cycle_overrides && strcmp(scheme_files[i], "cycle.csv") == 0) {
            rc = write_table(dir, scheme_files[i], &g->cycle_t, err);
            continue;
        }
        if (g != NULL && g->p->cadre_groups && strcmp(scheme_files[i], "positions.csv") == 0) {
            rc = write_table(dir, scheme_files[i], &g->positions_t, err);
            continue;
        }
        char name[64];
        snprintf(name, sizeof name, "scheme/%s", scheme_files[i]);
        const struct kh__embedded_file *f = kh__embedded_find(name);
        if (f == NULL)
            return KH_ERR_AT(err, KH_ENOTFOUND, name, 0, NULL, SAMPLE_EMBEDDED_MISSING);
        struct kh_buf b = KH_BUF_INIT;
        kh_buf_append(&b, f->data, f->len);
        rc = write_out(dir, scheme_files[i], &b, err);
        kh_buf_release(&b);
    }
    return rc;
}

/* ---- loading the scheme ------------------------------------------------------------------------ */

static int cat_index(const struct gen *g, const char *code)
{
    const char *s = strlen(code) == 1 ? strchr(g->p->categories, code[0]) : NULL;
    return s && *code ? (int)(s - g->p->categories) : -1;
}

/* Replace values of cycle.csv by the preset's `key=value;…` list; a key
 * that cycle.csv lacks is a preset error (KH_EDATA). */
static int apply_cycle_overrides(struct gen *g)
{
    struct table *t = &g->cycle_t;
    int c_key = table_col(t, "key"), c_value = table_col(t, "value");
    for (const char *p = g->p->cycle_overrides; p && *p;) {
        size_t klen = strcspn(p, "=;"), vlen = p[klen] == '=' ? strcspn(p + klen + 1, ";") : 0;
        bool found = false;
        for (size_t i = 0; c_key >= 0 && c_value >= 0 && i < t->nrows; i++) {
            const char *k = cell(t, i, c_key);
            if (strlen(k) == klen && strncmp(k, p, klen) == 0) {
                t->cells[i * t->ncols + (size_t)c_value] = kh_arena_strndup(&g->a, p + klen + 1, vlen);
                found = true;
            }
        }
        if (!found || p[klen] != '=')
            return KH_ERR_AT(g->err, KH_EDATA, "cycle.csv", 0, NULL, SAMPLE_UNKNOWN_CYCLE_KEY,
                             g->p->name, kh_arena_strndup(&g->a, p, klen));
        p += klen + 1 + vlen;
        if (*p == ';')
            p++;
    }
    return 0;
}

static int load_scheme(struct gen *g)
{
    struct table t;
    int rc;
    /* categories must be the preset's */
    if ((rc = table_load(&g->a, "scheme/categories.csv", &t, g->err)) < 0)
        return rc;
    for (size_t i = 0; i < t.nrows; i++)
        if (cat_index(g, cell(&t, i, table_col(&t, "code"))) < 0)
            return KH_ERR_AT(g->err, KH_EDATA, "categories.csv", (long)i + 2, "code",
                             SAMPLE_CATEGORY, g->p->name);

    if ((rc = table_load(&g->a, "scheme/indicators.csv", &t, g->err)) < 0)
        return rc;
    g->nleaves = t.nrows;
    g->leaves = kh_arena_calloc(&g->a, t.nrows, sizeof *g->leaves);
    int c_code = table_col(&t, "code"), c_parent = table_col(&t, "parent"), c_kind = table_col(&t, "kind"),
        c_dir = table_col(&t, "direction"), c_method = table_col(&t, "method"),
        c_params = table_col(&t, "params"), c_dept = table_col(&t, "department"),
        c_raters = table_col(&t, "raters"), c_scale = table_col(&t, "scale");
    for (size_t i = 0; i < t.nrows; i++) {
        struct leaf *l = &g->leaves[i];
        l->code = cell(&t, i, c_code);
        l->parent = cell(&t, i, c_parent);
        l->kind = cell(&t, i, c_kind);
        l->method = cell(&t, i, c_method);
        l->params = cell(&t, i, c_params);
        l->dept = cell(&t, i, c_dept);
        l->raters = cell(&t, i, c_raters);
        l->scale = cell(&t, i, c_scale);
        l->cost = strcmp(cell(&t, i, c_dir), "cost") == 0;
        for (size_t k = 0; g->p->categories[k]; k++) {
            char col[32];
            snprintf(col, sizeof col, "weight.%c", g->p->categories[k]);
            l->w[k] = atof(cell(&t, i, table_col(&t, col)));
        }
        l->parent_idx = -1;
        for (size_t j = 0; j < i; j++)
            if (*l->parent && strcmp(g->leaves[j].code, l->parent) == 0)
                l->parent_idx = (int)j;
        for (size_t m = 0; m < g->p->nleaves; m++)
            if (strcmp(g->p->leaves[m].code, l->code) == 0)
                l->model = &g->p->leaves[m];
        if (strcmp(l->kind, "quant") == 0 && l->model == NULL)
            return KH_ERR_AT(g->err, KH_EDATA, "indicators.csv", (long)i + 2, "code",
                             SAMPLE_NO_MODEL, g->p->name, l->code);
    }

    if ((rc = table_load(&g->a, "scheme/scales.csv", &t, g->err)) < 0)
        return rc;
    for (size_t i = 0; i < t.nrows; i++) {
        const char *sn = cell(&t, i, table_col(&t, "scale"));
        struct scale *s = NULL;
        for (size_t k = 0; k < g->nscales; k++)
            if (strcmp(g->scales[k].name, sn) == 0)
                s = &g->scales[k];
        if (s == NULL && g->nscales < sizeof g->scales / sizeof g->scales[0]) {
            s = &g->scales[g->nscales++];
            s->name = sn;
        }
        if (s == NULL)
            continue;
        const char *pts = cell(&t, i, table_col(&t, "points"));
        if (*pts == '\0')
            s->abstain = cell(&t, i, table_col(&t, "level"));
        else if (s->nlevels < sizeof s->levels / sizeof s->levels[0])
            s->levels[s->nlevels++] = (struct level){cell(&t, i, table_col(&t, "level")), atof(pts)};
    }

    if ((rc = table_load(&g->a, "scheme/positions.csv", &g->positions_t, g->err)) < 0)
        return rc;
    struct table *pt = &g->positions_t;
    int c_groups = table_col(pt, "groups");
    g->npos = pt->nrows;
    g->pos = kh_arena_calloc(&g->a, pt->nrows, sizeof *g->pos);
    for (size_t i = 0; i < pt->nrows; i++) {
        if (g->p->cadre_groups && c_groups >= 0)
            pt->cells[i * pt->ncols + (size_t)c_groups] = (char *)g->p->cadre_groups;
        g->pos[i] = (struct position){cell(pt, i, table_col(pt, "code")), cell(pt, i, table_col(pt, "dims")),
                                      cell(pt, i, c_groups)};
    }

    if ((rc = table_load(&g->a, "scheme/cycle.csv", &g->cycle_t, g->err)) < 0 || (rc = apply_cycle_overrides(g)) < 0)
        return rc;

    return table_load(&g->a, "scheme/survey_items.csv", &g->items, g->err);
}

static bool applicable(const struct gen *g, const struct leaf *l, int cat)
{
    for (;;) {
        if (!(l->w[cat] > 0))
            return false;
        if (l->parent_idx < 0)
            return true;
        l = &g->leaves[l->parent_idx];
    }
}

static bool has_param(const struct leaf *l, const char *kv)
{
    size_t n = strlen(kv);
    for (const char *s = l->params; (s = strstr(s, kv)) != NULL; s += n)
        if ((s == l->params || s[-1] == ';') && (s[n] == ';' || s[n] == '\0'))
            return true;
    return false;
}

static const struct scale *find_scale(const struct gen *g, const char *name)
{
    for (size_t k = 0; k < g->nscales; k++)
        if (strcmp(g->scales[k].name, name) == 0)
            return &g->scales[k];
    return NULL;
}

/* The level whose points are nearest to x (ties: the higher level). */
static const char *nearest_level(const struct scale *s, double x)
{
    const char *best = s->nlevels ? s->levels[0].name : "";
    double bd = 1e300;
    for (size_t i = 0; i < s->nlevels; i++) {
        double d = fabs(s->levels[i].points - x);
        if (d < bd) {
            bd = d;
            best = s->levels[i].name;
        }
    }
    return best;
}

/* ---- units --------------------------------------------------------------------------------------- */

static const struct kh__leaf_model *pop_model(const struct gen *g)
{
    for (size_t m = 0; m < g->p->nleaves; m++)
        if (g->p->leaves[m].shape == KH__SHAPE_POP)
            return &g->p->leaves[m];
    return NULL;
}

/* Units from the preset's embedded township list. */
static int list_units(struct gen *g)
{
    struct table t;
    int rc;
    if ((rc = table_load(&g->a, g->p->townships, &t, g->err)) < 0)
        return rc;
    int c_d = table_col(&t, "district"), c_t = table_col(&t, "township"), c_k = table_col(&t, "kind"),
        c_z = table_col(&t, "zone_2005"), c_c = table_col(&t, "type");
    g->nunits = t.nrows;
    g->units = kh_arena_calloc(&g->a, t.nrows, sizeof *g->units);
    g->districts = kh_arena_calloc(&g->a, t.nrows, sizeof *g->districts);
    for (size_t i = 0; i < t.nrows; i++) {
        struct unit *u = &g->units[i];
        u->name = cell(&t, i, c_t);
        u->district = cell(&t, i, c_d);
        u->kind = cell(&t, i, c_k);
        u->zone = cell(&t, i, c_z);
        u->cat = cat_index(g, cell(&t, i, c_c));
        if (u->cat < 0)
            return KH_ERR_AT(g->err, KH_EDATA, g->p->townships, (long)i + 2, "type",
                             SAMPLE_UNKNOWN_CATEGORY);
        /* a short list (Beijing: 16 districts): a scan is fine */
        u->district_idx = -1;
        for (size_t d = 0; d < g->ndistricts; d++)
            if (strcmp(g->districts[d], u->district) == 0)
                u->district_idx = (int)d;
        if (u->district_idx < 0) {
            u->district_idx = (int)g->ndistricts;
            g->districts[g->ndistricts++] = u->district;
        }
    }
    return 0;
}

/* A category index drawn by the preset's shares. */
static int draw_category(const struct gen *g, struct kh_prng *r)
{
    double x = kh_prng_uniform(r), acc = 0, total = 0;
    size_t n = strlen(g->p->categories);
    for (size_t k = 0; k < n; k++)
        total += g->p->cat_share[k];
    for (size_t k = 0; k < n; k++) {
        acc += g->p->cat_share[k] / total;
        if (x < acc)
            return (int)k;
    }
    return (int)n - 1;
}

/* Units of a synthetic layout (sample-int.h): district d holds units
 * [d·N/D, (d+1)·N/D), so sizes differ by at most one. */
static int layout_units(struct gen *g)
{
    const struct kh__sample_preset *p = g->p;
    if (p->nunits <= 0 || p->ndistricts <= 0 || p->ndistricts > p->nunits)
        return KH_ERR(g->err, KH_EDATA, SAMPLE_BAD_LAYOUT, p->name);
    g->nunits = (size_t)p->nunits;
    g->ndistricts = (size_t)p->ndistricts;
    g->units = kh_arena_calloc(&g->a, g->nunits, sizeof *g->units);
    g->districts = kh_arena_calloc(&g->a, g->ndistricts, sizeof *g->districts);
    int *main_cat = kh_arena_calloc(&g->a, g->ndistricts, sizeof *main_cat);
    for (size_t d = 0; d < g->ndistricts; d++) {
        struct kh_prng r = stream(g, S_DISTRICT, d);
        g->districts[d] = kh_arena_printf(&g->a, "第%zu区", d + 1);
        main_cat[d] = draw_category(g, &r);
    }
    for (size_t i = 0; i < g->nunits; i++) {
        struct unit *u = &g->units[i];
        struct kh_prng r = stream(g, S_LAYOUT, i);
        size_t d = i * g->ndistricts / g->nunits;
        u->district_idx = (int)d;
        u->district = g->districts[d];
        u->cat = kh_prng_chance(&r, p->district_mix) ? draw_category(g, &r) : main_cat[d];
        u->kind = p->cat_kind[u->cat] ? p->cat_kind[u->cat] : "镇";
        u->zone = p->cat_zone[u->cat] ? p->cat_zone[u->cat] : "";
        u->name = kh_arena_printf(&g->a, "第%zu%s", i + 1, u->kind);
    }
    return 0;
}

static int load_units(struct gen *g)
{
    int rc = g->p->townships ? list_units(g) : layout_units(g);
    if (rc < 0)
        return rc;
    const struct kh__leaf_model *pm = pop_model(g);
    /* 1–9 digits (3 when unset); the bound also lets the compiler see the code fits */
    int digits = g->p->code_digits > 0 && g->p->code_digits <= 9 ? g->p->code_digits : 3;
    for (size_t i = 0; i < g->nunits; i++) {
        struct unit *u = &g->units[i];
        snprintf(u->code, sizeof u->code, "%.16s%0*u", g->p->code_prefix, digits,
                 (unsigned)(i + 1) % 1000000000u);
        u->veto = -1;
        struct kh_prng r = stream(g, S_UNIT, i);
        u->q = kh_prng_normal(&r);
        u->pop = 1;
        if (pm)
            u->pop = round_to(clampd(pm->base[u->cat] * (1 + pm->spread * kh_prng_normal(&r)), pm->lo, pm->hi),
                              pm->decimals);
        char cat[2] = {g->p->categories[u->cat], '\0'};
        row(&g->units_csv, 6, u->code, u->name, u->district, cat, u->zone, u->kind);
    }
    /* vetoes: distinct units, drawn from the cycle stream */
    struct kh_prng r = stream(g, S_CYCLE, 0);
    size_t vetoed = 0;
    for (size_t v = 0; v < g->p->nvetoes; v++) {
        int count = g->p->vetoes[v].count > 0 ? g->p->vetoes[v].count : 1;
        for (int c = 0; c < count && vetoed < g->nunits; c++, vetoed++) {
            size_t k;
            do
                k = (size_t)kh_prng_below(&r, g->nunits);
            while (g->units[k].veto >= 0);
            g->units[k].veto = (int)v;
        }
    }
    return 0;
}

/* ---- values and targets ---------------------------------------------------------------------- */

static void put_value(struct gen *g, const struct unit *u, const struct leaf *l, const char *period, double x,
                      int decimals)
{
    char num[48];
    row(&g->values, 5, u->code, l->code, period, fmt_fixed(num, x, decimals), l->dept);
}

static void gen_values(struct gen *g, size_t ui)
{
    struct unit *u = &g->units[ui];
    struct kh_prng r = stream(g, S_VALUES, ui), tr = stream(g, S_TRACK, ui);
    const struct kh__leaf_model *pm = pop_model(g);
    bool lagging = kh_prng_chance(&tr, g->p->lag_share);
    char num[48], num2[48];
    for (size_t li = 0; li < g->nleaves; li++) {
        struct leaf *l = &g->leaves[li];
        const struct kh__leaf_model *m = l->model;
        g->year[ui * g->nleaves + li] = NAN;
        if (strcmp(l->kind, "quant") != 0 || m == NULL)
            continue;
        if (m->shape != KH__SHAPE_POP && !applicable(g, l, u->cat))
            continue;
        double z = 0.6 * u->q + 0.8 * kh_prng_normal(&r);
        double n1 = kh_prng_normal(&r);
        double size = m->pop_scaled && pm && pm->base[u->cat] > 0 ? u->pop / pm->base[u->cat] : 1;
        double base = m->base[u->cat];
        double target = NAN, baseline = NAN, y = NAN;
        switch (m->shape) {
        case KH__SHAPE_POP:
            y = u->pop;
            break;
        case KH__SHAPE_FLOW: {
            double e = base * size * (1 + m->spread * n1);
            target = round_to(clampd(e * (1 + m->uplift), m->lo, m->hi), m->decimals);
            y = clampd(target * (1.03 + m->perf * z), 0, m->hi);
            break;
        }
        case KH__SHAPE_LEVEL: {
            double lv = clampd(base + m->spread * n1, m->lo, m->hi);
            target = round_to(lv * (1 + m->uplift), m->decimals);
            y = clampd(target * (1 + (l->cost ? -1 : 1) * m->perf * z), m->lo, m->hi);
            break;
        }
        case KH__SHAPE_GROWTH:
            baseline = round_to(clampd(base * size * (1 + m->spread * n1), m->lo, m->hi), m->decimals);
            y = baseline * (1 + (m->uplift + m->perf * z) / 100);
            break;
        case KH__SHAPE_RATE:
            y = clampd(base + m->spread * z, m->lo, m->hi);
            break;
        case KH__SHAPE_COUNT: {
            double lambda = clampd(base * (1 - 0.4 * z), 0.02, 20);
            int k = 0;
            for (int t = 0; t < 20; t++)
                k += kh_prng_chance(&r, lambda / 20);
            y = m->step > 1 ? k * m->step * (0.5 + kh_prng_uniform(&r)) : k;
            break;
        }
        case KH__SHAPE_PER_CAPITA:
            y = clampd(base * (1 + m->spread * n1) * (1 - 0.15 * z), 1, 0) * u->pop;
            break;
        }
        bool fixed = false;
        if (u->veto >= 0) {
            const struct kh__veto_model *v = &g->p->vetoes[u->veto];
            if (v->fix_leaf && strcmp(v->fix_leaf, l->code) == 0) {
                y = v->fix_value;
                fixed = true;
            }
        }
        y = round_to(y, m->decimals);
        g->year[ui * g->nleaves + li] = y;

        bool is_target = strcmp(l->method, "target") == 0;
        bool growth = has_param(l, "transform=growth");
        if (is_target || growth)
            row(&g->targets, 5, u->code, l->code, is_target ? fmt_fixed(num, target, m->decimals) : "",
                growth ? fmt_fixed(num2, baseline, m->decimals) : "", "approved");
        bool missing = !fixed && m->shape != KH__SHAPE_POP && kh_prng_chance(&r, g->p->missing_share);
        if (!missing)
            put_value(g, u, l, "Y", y, m->decimals);

        /* Tracking: cumulative for flows, the level itself for levels (their
         * leaves carry a flat schedule); transforms are never tracked. */
        if (!is_target || growth || missing)
            continue;
        bool late = lagging && kh_prng_chance(&tr, 0.6);
        double prev = 0;
        for (int k = 1; k <= 4; k++) {
            char period[4] = {'Q', (char)('0' + k), '\0'};
            double x;
            if (k == 4)
                x = y;
            else if (m->shape == KH__SHAPE_FLOW) {
                double pace = late ? 0.6 + 0.25 * kh_prng_uniform(&tr) : 1 + 0.05 * kh_prng_normal(&tr);
                x = y * clampd(k / 4.0 * pace, 0, 1);
                x = x < prev ? prev : x;
            } else {
                double off = late ? 0.10 + 0.02 * kh_prng_uniform(&tr) : 0.02 * kh_prng_normal(&tr);
                x = clampd(y * (1 + (l->cost ? off : -off)), m->lo, m->hi);
                if (!late)
                    x = clampd(y * (1 + 0.02 * kh_prng_normal(&tr)), m->lo, m->hi);
            }
            x = round_to(x, m->decimals);
            prev = x;
            put_value(g, u, l, period, x, m->decimals);
        }
    }
}

/* ---- raters and ratings ------------------------------------------------------------------------ */

static const struct kh__group_model *group_model(const struct gen *g, const char *code, size_t n)
{
    for (size_t i = 0; i < g->p->ngroups; i++)
        if (strlen(g->p->groups[i].group) == n && strncmp(g->p->groups[i].group, code, n) == 0)
            return &g->p->groups[i];
    return NULL;
}

/* Rater code of the k-th (0-based) rater of group m seen by unit u. */
static const char *rater_code(char *buf, size_t n, const struct gen *g, const struct kh__group_model *m,
                              const struct unit *u, int k)
{
    switch (m->scope) {
    case KH__SCOPE_CYCLE:
        snprintf(buf, n, "%s%02d", m->tag, k + 1);
        break;
    case KH__SCOPE_DISTRICT:
        snprintf(buf, n, "%sD%02d-%s%d", g->p->code_prefix, u->district_idx + 1, m->tag, k + 1);
        break;
    case KH__SCOPE_UNIT:
        snprintf(buf, n, "%s-%s%02d", u->code, m->tag, k + 1);
        break;
    }
    return buf;
}

static void write_raters(struct gen *g)
{
    char code[96], name[256];
    bool *seen = kh_xmalloc(g->ndistricts ? g->ndistricts : 1);
    for (size_t gi = 0; gi < g->p->ngroups; gi++) {
        const struct kh__group_model *m = &g->p->groups[gi];
        memset(seen, 0, g->ndistricts);
        for (size_t ui = 0; ui < g->nunits; ui++) {
            const struct unit *u = &g->units[ui];
            if (m->scope == KH__SCOPE_CYCLE && ui > 0)
                break;
            /* district raters are listed at the district's first unit */
            if (m->scope == KH__SCOPE_DISTRICT) {
                if (seen[u->district_idx])
                    continue;
                seen[u->district_idx] = true;
            }
            for (int k = 0; k < m->count; k++) {
                rater_code(code, sizeof code, g, m, u, k);
                if (m->scope == KH__SCOPE_CYCLE)
                    snprintf(name, sizeof name, "%s%d", m->label, k + 1);
                else if (m->scope == KH__SCOPE_DISTRICT)
                    snprintf(name, sizeof name, "%s%s%d", u->district, m->label, k + 1);
                else
                    snprintf(name, sizeof name, "%s%s%d", u->name, m->label, k + 1);
                row(&g->raters, 3, code, name, m->group);
            }
        }
    }
    free(seen);
}

/* Ratings of `ratee` on `item` by every rater of the groups in `groups`
 * ("g=w;g=w"); latent scores mean + 10·N mapped to the nearest level. */
static int rate(struct gen *g, struct kh_prng *r, const struct unit *u, const char *ratee, const char *item,
                const char *groups, const struct scale *s, double mean)
{
    char code[96];
    for (const char *p = groups; *p;) {
        size_t n = strcspn(p, "=;");
        const struct kh__group_model *m = group_model(g, p, n);
        if (m == NULL)
            return KH_ERR(g->err, KH_EDATA, SAMPLE_NO_ROSTER, g->p->name,
                          kh_arena_strndup(&g->a, p, n));
        for (int k = 0; k < m->count; k++) {
            const char *level = nearest_level(s, mean + 10 * kh_prng_normal(r));
            if (k >= g->p->min_raters && s->abstain && kh_prng_chance(r, g->p->abstain_share))
                level = s->abstain;
            row(&g->ratings, 4, rater_code(code, sizeof code, g, m, u, k), ratee, item, level);
        }
        p += strcspn(p, ";");
        if (*p == ';')
            p++;
    }
    return 0;
}

static int gen_unit_ratings(struct gen *g, size_t ui, struct kh_prng *r)
{
    const struct unit *u = &g->units[ui];
    for (size_t li = 0; li < g->nleaves; li++) {
        const struct leaf *l = &g->leaves[li];
        if (strcmp(l->kind, "qual") != 0 || !applicable(g, l, u->cat))
            continue;
        const struct scale *s = find_scale(g, *l->scale ? l->scale : "team");
        if (s == NULL)
            return KH_ERR_AT(g->err, KH_EDATA, "scales.csv", 0, NULL, SAMPLE_SCALE_MISSING, l->scale);
        int rc = rate(g, r, u, u->code, l->code, l->raters, s, 84 + 8 * u->q);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* ---- surveys --------------------------------------------------------------------------------- */

static void gen_survey(struct gen *g, size_t ui)
{
    const struct unit *u = &g->units[ui];
    struct kh_prng r = stream(g, S_SURVEY, ui);
    long n = kh_prng_range(&r, g->p->responses_min, g->p->responses_max);
    int c_code = table_col(&g->items, "code"), c_scale = table_col(&g->items, "scale");
    char code[80];
    double unit_mean = 84 + 6 * u->q;
    for (long k = 0; k < n; k++) {
        const char *channel = kh_prng_chance(&r, g->p->phone_share) ? "phone" : "onsite";
        double resp_mean = unit_mean + 8 * kh_prng_normal(&r);
        snprintf(code, sizeof code, "%s-R%04ld", u->code, k + 1);
        for (size_t i = 0; i < g->items.nrows; i++) {
            const char *sc = cell(&g->items, i, c_scale);
            const struct scale *s = find_scale(g, *sc ? sc : "survey");
            if (s == NULL)
                continue;
            const char *ans = nearest_level(s, resp_mean + 10 * kh_prng_normal(&r));
            /* the first item is always answered so every response counts */
            if (i > 0 && s->abstain && kh_prng_chance(&r, g->p->unknown_share))
                ans = s->abstain;
            row(&g->responses, 5, code, u->code, channel, cell(&g->items, i, c_code), ans);
        }
    }
}

/* ---- cadres ------------------------------------------------------------------------------------ */

static const char *const surnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高",
    "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
};
static const char *const given[] = {
    "建国", "志强", "海燕", "丽华", "文博", "晓东", "春梅", "国栋", "立新", "秀英", "伟", "静", "敏", "磊",
    "洋", "勇", "军", "杰", "娟", "涛", "明", "超", "霞", "平", "刚", "桂兰", "宏伟", "玉兰", "红", "鹏",
    "子涵", "浩然", "雪梅", "永强", "振华", "晓燕", "德明", "金凤", "利民", "书华",
};

static const struct position *find_position(const struct gen *g, const char *code)
{
    for (size_t i = 0; i < g->npos; i++)
        if (strcmp(g->pos[i].code, code) == 0)
            return &g->pos[i];
    return NULL;
}

static int gen_cadres(struct gen *g, size_t ui, struct kh_prng *rr, int *cadre_vetoed)
{
    const struct unit *u = &g->units[ui];
    struct kh_prng r = stream(g, S_CADRES, ui);
    const struct scale *s = find_scale(g, "cadre");
    char code[80], name[64], item[64];
    int n = 0;
    if (s == NULL)
        return KH_ERR_AT(g->err, KH_EDATA, "scales.csv", 0, NULL, SAMPLE_SCALE_MISSING, "cadre");
    for (size_t ci = 0; ci < g->p->ncadres; ci++) {
        const struct kh__cadre_slot *slot = &g->p->cadres[ci];
        if (!kh_prng_chance(&r, slot->chance))
            continue;
        const struct position *pos = find_position(g, slot->position);
        if (pos == NULL)
            return KH_ERR_AT(g->err, KH_EDATA, "positions.csv", 0, NULL, SAMPLE_UNKNOWN_POSITION,
                             g->p->name, slot->position);
        snprintf(code, sizeof code, "%s-C%02d", u->code, ++n);
        snprintf(name, sizeof name, "%s%s", surnames[kh_prng_below(&r, sizeof surnames / sizeof surnames[0])],
                 given[kh_prng_below(&r, sizeof given / sizeof given[0])]);
        row(&g->cadres, 5, code, name, u->code, pos->code, slot->responsibilities);
        double c = 0.4 * u->q + 0.9 * kh_prng_normal(&r);
        /* dims "德=0.2;能=0.2;…": one item per dimension */
        for (const char *p = pos->dims; *p;) {
            size_t len = strcspn(p, "=;");
            snprintf(item, sizeof item, "%.*s", (int)len, p);
            int rc = rate(g, rr, u, code, item, pos->groups, s, 84 + 8 * c);
            if (rc < 0)
                return rc;
            p += strcspn(p, ";");
            if (*p == ';')
                p++;
        }
        /* individual adjustments: the deputy of a unit vetoed for a team
         * member's discipline case, and a few personal penalties */
        if (u->veto >= 0 && g->p->cadre_veto && *cadre_vetoed == 0 && *slot->responsibilities &&
            strcmp(g->p->vetoes[u->veto].leaf, g->p->cadre_veto) == 0) {
            row(&g->adjust_cadres, 4, code, g->p->cadre_veto, "1", "本人严重违纪违法");
            *cadre_vetoed = 1;
        } else if (g->p->cadre_penalty && kh_prng_chance(&r, g->p->cadre_penalty_share)) {
            row(&g->adjust_cadres, 4, code, g->p->cadre_penalty, "1", "个人被督查通报");
        }
    }
    return 0;
}

/* ---- bonuses, penalties, vetoes ---------------------------------------------------------------- */

static int leaf_index(const struct gen *g, const char *code)
{
    for (size_t i = 0; i < g->nleaves; i++)
        if (strcmp(g->leaves[i].code, code) == 0)
            return (int)i;
    return -1;
}

static void gen_adjustments(struct gen *g, size_t ui, bool *cleared)
{
    const struct unit *u = &g->units[ui];
    struct kh_prng r = stream(g, S_ADJUST, ui);
    char num[48];
    for (size_t i = 0; i < g->p->nadjusts; i++) {
        const struct kh__adjust_model *m = &g->p->adjusts[i];
        bool draw = kh_prng_chance(&r, m->chance);
        long steps = m->amount_step > 0 ? (long)((m->amount_hi - m->amount_lo) / m->amount_step + 0.5) : 0;
        double amount = m->amount_lo + m->amount_step * (double)kh_prng_range(&r, 0, steps);
        if (m->cond_leaf) {
            int li = leaf_index(g, m->cond_leaf);
            double v = li < 0 ? NAN : g->year[ui * g->nleaves + (size_t)li];
            if (!(v >= m->cond_min) || u->veto >= 0)
                continue;
        }
        if (draw)
            row(&g->adjust, 4, u->code, m->leaf, fmt_fixed(num, amount, 2), m->reason);
    }
    if (u->veto >= 0)
        row(&g->adjust, 4, u->code, g->p->vetoes[u->veto].leaf, "1", g->p->vetoes[u->veto].reason);
    else if (g->p->veto_cleared && !*cleared && kh_prng_chance(&r, 0.02)) {
        row(&g->adjust, 4, u->code, g->p->veto_cleared, "0", "经核查不构成一票否决");
        *cleared = true;
    }
}

/* ---- entry points ------------------------------------------------------------------------------ */

bool kh_sample_preset_exists(const char *name)
{
    for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++)
        if (strcmp(presets[i]->name, name) == 0)
            return true;
    return false;
}

const char *const *kh_sample_preset_names(void)
{
    return preset_names;
}

int kh_sample_write_scheme(const char *dir, struct kh_error *err)
{
    int rc = make_dirs(dir, err);
    return rc < 0 ? rc : copy_scheme(NULL, dir, err);
}

int kh_sample_write(const char *preset, uint64_t seed, const char *dir, struct kh_error *err)
{
    struct gen g;
    int rc = 0;
    memset(&g, 0, sizeof g);
    kh_arena_init(&g.a, 0);
    g.seed = seed;
    g.err = err;
    struct out *outs[] = {&g.units_csv, &g.targets, &g.values, &g.ratings,
                          &g.responses, &g.cadres, &g.adjust, &g.raters, &g.adjust_cadres};
    static const char *const names[] = {"units.csv", "targets.csv", "values.csv", "ratings.csv",
                                        "responses.csv", "cadres.csv", "adjustments.csv", "raters.csv",
                                        NULL /* adjust_cadres: in memory, appended to adjustments.csv */};
    for (size_t i = 0; i < sizeof outs / sizeof outs[0]; i++)
        kh_buf_init(&outs[i]->b, 0);
    for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++)
        if (strcmp(presets[i]->name, preset) == 0)
            g.p = presets[i];
    if (g.p == NULL) {
        rc = KH_ERR(err, KH_EINVAL, SAMPLE_UNKNOWN_PRESET, preset);
        goto out;
    }
    if ((rc = make_dirs(dir, err)) < 0)
        goto out;
    for (size_t i = 0; rc == 0 && i < sizeof outs / sizeof outs[0]; i++)
        if (names[i])
            rc = out_open(outs[i], dir, names[i], err);
    if (rc < 0)
        goto out;
    row(&g.units_csv, 6, "code", "name", "district", "category", "zone", "kind");
    row(&g.targets, 5, "unit", "indicator", "target", "baseline", "status");
    row(&g.values, 5, "unit", "indicator", "period", "value", "source");
    row(&g.ratings, 4, "rater", "ratee", "item", "score");
    row(&g.responses, 5, "response", "unit", "channel", "item", "answer");
    row(&g.cadres, 5, "code", "name", "unit", "position", "responsibilities");
    row(&g.adjust, 4, "subject", "indicator", "amount", "reason");
    row(&g.raters, 3, "code", "name", "group");
    if ((rc = load_scheme(&g)) < 0 || (rc = load_units(&g)) < 0)
        goto out;
    g.year = kh_arena_calloc(&g.a, g.nunits * g.nleaves, sizeof *g.year);
    int cadre_vetoed = 0;
    bool cleared = false;
    for (size_t ui = 0; ui < g.nunits; ui++) {
        struct kh_prng rr = stream(&g, S_RATINGS, ui);
        gen_values(&g, ui);
        if ((rc = gen_unit_ratings(&g, ui, &rr)) < 0 || (rc = gen_cadres(&g, ui, &rr, &cadre_vetoed)) < 0)
            goto out;
        gen_survey(&g, ui);
    }
    /* adjustments after all values: conditions look at year-end values */
    for (size_t ui = 0; ui < g.nunits; ui++)
        gen_adjustments(&g, ui, &cleared);
    kh_buf_append(&g.adjust.b, g.adjust_cadres.b.data ? g.adjust_cadres.b.data : "", g.adjust_cadres.b.len);
    write_raters(&g);
    rc = copy_scheme(&g, dir, err);
out:
    for (size_t i = 0; i < sizeof outs / sizeof outs[0]; i++)
        rc = out_close(outs[i], rc == 0, rc, err);
    kh_arena_release(&g.a);
    return rc;
}
