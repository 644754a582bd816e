/*
 * store-load.c — whole cycles in and out of the database: import a bundle
 * folder, load a cycle back as a validated struct kh_bundle, export it, and
 * store computed results.
 *
 * Import validates with kh_bundle_read_dir (every rule of SPEC §11, all
 * errors located), then stores the validated bundle's *canonical* rows —
 * the cells kh_bundle_write_dir would write, produced in memory by
 * kh_bundle_write_rows (src/bundle/bundle-rows.c) and inserted as they come, with no
 * temporary files.  So the database never holds a cell the reader would
 * interpret differently on the way out, Chinese header aliases and GBK
 * input are already normalised, and import → export → import → export is
 * byte-identical because write(read(write(read(x)))) = write(read(x)).
 * Everything is inserted in one transaction (kh_store_tx): a killed import
 * leaves the database exactly as before.
 *
 * Loading rebuilds the CSV files in memory from the tables
 * (kh__store_file_get) and feeds kh_bundle_read_mem: the one validator is
 * reused, and a database edited by hand into an invalid cycle is refused
 * with located diagnostics instead of being computed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/bundle.h"
#include "kaohe/buf.h"
#include "kaohe/engine.h"
#include "kaohe/authz.h"
#include "kaohe/error.h"
#include "kaohe/results-csv.h"
#include "kaohe/store-load.h"
#include "kaohe/csv.h"
#include "kaohe/strmap.h"
#include "kaohe/xalloc.h"
#include "kaohe/msg-store.h"
#include "store/store-int.h"

#define NFILES 32

struct files {
    const char *name[NFILES];
    struct kh_buf data[NFILES];
    size_t n;
};

static void files_release(struct files *f)
{
    for (size_t i = 0; i < f->n; i++)
        kh_buf_release(&f->data[i]);
    f->n = 0;
}

/*
 * Import: the canonical rows of the validated bundle go straight from the
 * model into the tables (kh_bundle_write_rows), one kh__file_put per file,
 * each digesting its rows as the bundle writer would serialise them.
 */
struct import_ctx {
    struct kh_store *s;
    const struct kh_actor *actor;
    const struct kh_bundle *b;
    const char *code;
    bool replace;
    char id[24];
    struct kh__file_put *put;    /* the file being stored */
    const char *file;            /* its name (a literal of bundle-rows.c) */
    struct kh_error *err;
};

static int import_begin(void *ctx, const char *file, const char *const *header, size_t n)
{
    struct import_ctx *x = ctx;
    x->file = file;
    return kh__file_put_begin(x->s, x->actor, x->id, file, header, n, true, &x->put, x->err);
}

static int import_row(void *ctx, const char *const *cells, size_t n)
{
    struct import_ctx *x = ctx;
    return kh__file_put_row(x->put, cells, n);
}

static int import_end(void *ctx)
{
    struct import_ctx *x = ctx;
    char key[300];
    snprintf(key, sizeof key, "%s/%s", x->code, x->file);
    int rc = kh__file_put_end(x->put, key, NULL);
    kh__file_put_free(x->put);
    x->put = NULL;
    return rc;
}

static const struct kh_bundle_sink import_sink = {import_begin, import_row, import_end};

static int import_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct import_ctx *x = ctx;
    const struct kh_cycle *c = &x->b->cycle;
    x->s = s;
    x->err = err;
    int rc = kh__store_cycle_create(s, x->actor, x->code, c->name ? c->name : "", c->previous ? c->previous : "",
                                   x->replace, x->id, err);
    if (rc == 0)
        rc = kh_bundle_write_rows(x->b, &import_sink, x);
    kh__file_put_free(x->put);   /* a put left open by an error */
    x->put = NULL;
    return rc;
}

int kh_store_import_dir(struct kh_store *s, const struct kh_actor *a, const char *dir,
                        bool replace, const struct kh_bundle_read_opts *opts,
                        const char *cycle_code, struct kh_diags *diags, char code[128],
                        struct kh_error *err)
{
    /* The role first, before reading a national bundle for nothing; the
     * state of an existing cycle is checked inside the transaction. */
    int rc = kh_authz_check(s, a, KH_ACT_CYCLE_IMPORT, NULL, NULL, err);
    if (rc != 0)
        return rc;
    struct kh_bundle_read_opts o = {0};
    if (opts != NULL)
        o = *opts;
    o.baselines_from_previous = true;
    struct kh_bundle b = {0};
    memset(&b, 0, sizeof b);   /* the reader initialises it; zeroed is the empty state */
    rc = kh_bundle_read_dir(dir, &o, &b, diags);
    if (rc != 0) {
        rc = KH_ERR_AT(err, rc, dir, 0, NULL, IMPORT_BUNDLE_ERRORS);
        goto out;
    }
    bool has_code = b.cycle.code != NULL && b.cycle.code[0] != '\0';
    bool given = cycle_code != NULL && cycle_code[0] != '\0';
    if (!has_code && !given) {
        rc = KH_ERR_AT(err, KH_EINVAL, "cycle.csv", 0, "code", IMPORT_NO_CYCLE_CODE);
        goto out;
    }
    if (has_code && given && strcmp(b.cycle.code, cycle_code) != 0) {
        rc = KH_ERR_AT(err, KH_EINVAL, "cycle.csv", 0, "code", IMPORT_CYCLE_MISMATCH, b.cycle.code, cycle_code);
        goto out;
    }
    if (given && strpbrk(cycle_code, ";= \t\r\n,\"") != NULL) {
        rc = KH_ERR(err, KH_EUSAGE, IMPORT_CYCLE_CODE_BAD);
        goto out;
    }
    snprintf(code, 128, "%s", has_code ? b.cycle.code : cycle_code);
    struct import_ctx x = {.actor = a, .b = &b, .code = code, .replace = replace};
    rc = kh_store_bulk_tx(s, import_tx, &x, err);
out:
    kh_bundle_release(&b);
    return rc;
}

static int load_files(struct kh_store *s, const char *cycle_id, bool results, struct files *f,
                      struct kh_error *err)
{
    for (size_t i = 0; i < kh_store_ntables && f->n < NFILES; i++) {
        if (kh_store_tables[i].result != results)
            continue;
        bool present;
        kh_buf_init(&f->data[f->n], 0);
        int rc = kh__store_file_get(s, cycle_id, kh_store_tables[i].file, &f->data[f->n], &present, err);
        if (rc != 0) {
            kh_buf_release(&f->data[f->n]);
            return rc;
        }
        if (present)
            f->name[f->n++] = kh_store_tables[i].file;
        else
            kh_buf_release(&f->data[f->n]);
    }
    return 0;
}

/*
 * Year over year (FORMATS.md `previous`).  A cycle that names a previous
 * cycle may leave growth baselines empty; they are the previous cycle's
 * year-end values of the same unit and leaf.  They are filled here, on the
 * way out of the database, not at import: the previous cycle may be
 * imported after this one, and a value corrected there (an accepted appeal)
 * must reach this year's baseline.  The fill happens on the CSV text of
 * targets.csv, so the one validator checks the result and an export carries
 * the filled baselines (it is then computable by `kaohe eval` alone, with
 * the same results).  Needs: every present year-end value of a growth leaf
 * whose unit has no baseline (empty cell, or no targets.csv row at all).
 */
struct need {
    int32_t unit, node;
    char *key;               /* "unit\x1fleaf" */
    char value[64];          /* the previous cycle's year-end value */
    bool has_row;
};

struct needs {
    struct need *v;
    size_t n, cap;
    struct kh_strmap ix;
};

static void needs_release(struct needs *n)
{
    for (size_t i = 0; i < n->n; i++)
        free(n->v[i].key);
    free(n->v);
    kh_strmap_release(&n->ix);
}

static int find_needs(const struct kh_bundle *b, struct needs *nd)
{
    size_t UN = (size_t)b->nunits * (size_t)b->nnodes;
    signed char *row = kh_xcalloc(UN + 1, 1);   /* 0 no row, 1 row without baseline, 2 with */
    for (int32_t i = 0; i < b->ntargets; i++) {
        const struct kh_target *t = &b->targets[i];
        row[(size_t)t->unit * b->nnodes + t->node] = isnan(t->baseline) ? 1 : 2;
    }
    for (int32_t i = 0; i < b->nvalues; i++) {
        const struct kh_value *v = &b->values[i];
        if (v->period != KH_PERIOD_Y || isnan(v->value) ||
            b->nodes[v->node].params.transform != KH_TRANSFORM_GROWTH)
            continue;
        signed char r = row[(size_t)v->unit * b->nnodes + v->node];
        if (r == 2)
            continue;
        KH_GROW(nd->v, nd->n + 1, nd->cap);
        struct need *x = &nd->v[nd->n];
        size_t kn = strlen(b->units[v->unit].code) + strlen(b->nodes[v->node].code) + 2;
        x->key = kh_xmalloc(kn);
        snprintf(x->key, kn, "%s\x1f%s", b->units[v->unit].code, b->nodes[v->node].code);
        x->unit = v->unit;
        x->node = v->node;
        x->has_row = r == 1;
        x->value[0] = '\0';
        if (kh_strmap_put(&nd->ix, x->key, (int32_t)nd->n) >= 0) {
            free(x->key);
            continue;
        }
        nd->n++;
    }
    free(row);
    return 0;
}

/* Rewrite targets.csv (canonical: unit,indicator,target,baseline,status)
 * with the needed baselines filled in and rows appended for the others. */
static int patch_targets(const struct kh_bundle *b, struct needs *nd, struct kh_buf *in,
                         struct kh_buf *out, struct kh_error *err)
{
    static const char *const header[] = {"unit", "indicator", "target", "baseline", "status"};
    struct kh_csv_reader r;
    char key[600];
    int rc = 0, ucol = 0, icol = 1, bcol = 3;
    kh_csv_reader_init(&r, in ? kh_buf_cstr(in) : "", in ? in->len : 0);
    if (in != NULL && (rc = kh_csv_next(&r, err)) == 1) {
        const char *cells[16];
        size_t n = r.nfields < 16 ? r.nfields : 16;
        for (size_t i = 0; i < n; i++) {
            cells[i] = r.fields[i];
            if (strcmp(r.fields[i], "unit") == 0) ucol = (int)i;
            if (strcmp(r.fields[i], "indicator") == 0) icol = (int)i;
            if (strcmp(r.fields[i], "baseline") == 0) bcol = (int)i;
        }
        kh_csv_put_row(out, cells, n);
        while ((rc = kh_csv_next(&r, err)) == 1) {
            n = r.nfields < 16 ? r.nfields : 16;
            for (size_t i = 0; i < n; i++)
                cells[i] = r.fields[i];
            if ((size_t)bcol < n && cells[bcol][0] == '\0' && (size_t)ucol < n && (size_t)icol < n) {
                snprintf(key, sizeof key, "%s\x1f%s", cells[ucol], cells[icol]);
                int32_t k = kh_strmap_get(&nd->ix, key);
                if (k >= 0)
                    cells[bcol] = nd->v[k].value;
            }
            kh_csv_put_row(out, cells, n);
        }
        if (rc < 0)
            goto out;
        rc = 0;
    } else {
        if (rc < 0)
            goto out;
        rc = 0;
        kh_csv_put_row(out, header, 5);
    }
    for (size_t i = 0; i < nd->n; i++) {
        if (nd->v[i].has_row)
            continue;
        /* cells in the canonical column order (a stored header always is) */
        const char *cells[5] = {b->units[nd->v[i].unit].code, b->nodes[nd->v[i].node].code, "",
                                nd->v[i].value, ""};
        kh_csv_put_row(out, cells, 5);
    }
out:
    kh_csv_reader_release(&r);
    return rc;
}

static int fill_from_previous(struct kh_store *s, const struct kh_cycle_row *c,
                              struct files *f, struct kh_bundle *b, struct kh_diags *diags,
                              struct kh_error *err)
{
    struct needs nd = {0};
    struct kh_cycle_row prev;
    struct kh_buf patched = KH_BUF_INIT;
    kh_strmap_init(&nd.ix);
    int rc = find_needs(b, &nd);
    if (rc != 0 || nd.n == 0)
        goto out;
    if (kh__store_cycle_get(s, c->previous, &prev, NULL) != 0) {
        KH_DIAG(diags, "cycle.csv", 0, "previous", STORE_PREVIOUS_MISSING, c->previous);
        rc = KH_EINVAL;
        goto out;
    }
    for (size_t i = 0; i < nd.n; i++) {
        const char *p[] = {prev.id, b->units[nd.v[i].unit].code, b->nodes[nd.v[i].node].code};
        bool isnull = false;
        int q = kh_store_query_text(s, "SELECT value FROM indicator_values WHERE cycle_id = $1 AND "
                                       "unit = $2 AND indicator = $3 AND period = 'Y'",
                                    p, 3, nd.v[i].value, sizeof nd.v[i].value, &isnull, err);
        if (q != 0 && q != KH_ENOTFOUND) {
            rc = q;
            goto out;
        }
        if (q == KH_ENOTFOUND || nd.v[i].value[0] == '\0') {
            KH_DIAG(diags, "targets.csv", 0, "baseline", STORE_PREVIOUS_NO_VALUE, p[1], p[2], c->previous);
            rc = KH_EINVAL;
        }
    }
    if (rc != 0)
        goto out;
    size_t ti = f->n;
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->name[i], "targets.csv") == 0)
            ti = i;
    if (ti == f->n && f->n == NFILES) {
        rc = KH_ERR(err, KH_EDB, STORE_TOO_MANY_FILES);
        goto out;
    }
    rc = patch_targets(b, &nd, ti < f->n ? &f->data[ti] : NULL, &patched, err);
    if (rc != 0)
        goto out;
    if (ti == f->n) {
        f->name[f->n] = "targets.csv";
        kh_buf_init(&f->data[f->n], 0);
        f->n++;
    }
    kh_buf_release(&f->data[ti]);
    f->data[ti] = patched;
    patched = (struct kh_buf)KH_BUF_INIT;
    rc = 1;   /* re-read */
out:
    kh_buf_release(&patched);
    needs_release(&nd);
    return rc;
}

static int read_files(struct files *f, bool relaxed, struct kh_bundle *b, struct kh_diags *diags)
{
    struct kh_bundle_file bf[NFILES];
    struct kh_bundle_read_opts o = {.baselines_from_previous = relaxed};
    for (size_t i = 0; i < f->n; i++)
        bf[i] = (struct kh_bundle_file){f->name[i], kh_buf_cstr(&f->data[i]), f->data[i].len};
    return kh_bundle_read_mem(bf, f->n, &o, b, diags);
}

int kh__store_load_edited(struct kh_store *s, const char *code, kh__file_edit_fn edit, void *ctx,
                          struct kh_bundle *b, struct kh_diags *diags, struct kh_error *err)
{
    struct kh_cycle_row c;
    struct files f = {0};
    int rc = kh__store_cycle_get(s, code, &c, err);
    if (rc == 0)
        rc = load_files(s, c.id, false, &f, err);
    for (size_t i = 0, present = f.n; rc == 0 && edit && i < present; i++)
        rc = edit(ctx, f.name[i], &f.data[i], err);
    for (size_t i = 0; rc == 0 && edit && i < kh_store_ntables && f.n < NFILES; i++) {
        const struct kh_store_table *t = &kh_store_tables[i];
        bool have = t->result;
        for (size_t j = 0; j < f.n && !have; j++)
            have = strcmp(f.name[j], t->file) == 0;
        if (have)
            continue;
        kh_buf_init(&f.data[f.n], 0);
        rc = edit(ctx, t->file, &f.data[f.n], err);
        if (rc == 0 && f.data[f.n].len > 0)
            f.name[f.n++] = t->file;
        else
            kh_buf_release(&f.data[f.n]);
    }
    if (rc == 0) {
        bool yoy = c.previous[0] != '\0';
        rc = read_files(&f, yoy, b, diags);
        if (rc == 0 && yoy) {
            rc = fill_from_previous(s, &c, &f, b, diags, err);
            if (rc == 1) {
                kh_bundle_release(b);
                rc = read_files(&f, false, b, diags);
            }
        }
        if (rc == KH_EINVAL)
            rc = KH_ERR(err, rc, STORED_CYCLE_INVALID, code);
    }
    files_release(&f);
    return rc;
}

int kh__store_load(struct kh_store *s, const char *code, struct kh_bundle *b,
                   struct kh_diags *diags, struct kh_error *err)
{
    return kh__store_load_edited(s, code, NULL, NULL, b, diags, err);
}

int kh_store_load(struct kh_store *s, const struct kh_actor *a, enum kh_action act,
                  const struct kh_authz_target *t, const char *code, struct kh_bundle *b,
                  struct kh_diags *diags, struct kh_error *err)
{
    struct kh_cycle_row c;
    int rc = kh__store_cycle_get(s, code, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a, act, &c, t, err);
    return rc ? rc : kh__store_load(s, code, b, diags, err);
}

int kh_store_export(struct kh_store *s, const struct kh_actor *a, const char *code,
                    struct kh_export *x, struct kh_diags *diags, struct kh_error *err)
{
    struct kh_cycle_row c;
    struct files f = {0};
    memset(x, 0, sizeof *x);   /* the reader initialises the bundle; zeroed is the empty state */
    int rc = kh_store_load(s, a, KH_ACT_CYCLE_EXPORT, NULL, code, &x->bundle, diags, err);
    if (rc == 0)
        rc = kh__store_cycle_get(s, code, &c, err);
    if (rc == 0)
        rc = load_files(s, c.id, true, &f, err);
    if (rc == 0) {
        /* the buffers change hands: f is left empty, x owns them */
        for (size_t i = 0; i < f.n && i < KH_EXPORT_MAXFILES; i++) {
            x->result_name[i] = f.name[i];
            x->result[i] = f.data[i];
            kh_buf_init(&f.data[i], 0);
        }
        x->nresults = f.n < KH_EXPORT_MAXFILES ? f.n : KH_EXPORT_MAXFILES;
        snprintf(x->code, sizeof x->code, "%s", c.code);
        snprintf(x->computed_at, sizeof x->computed_at, "%s", c.computed_at);
    }
    files_release(&f);
    if (rc != 0)
        kh_export_release(x);
    return rc;
}

void kh_export_release(struct kh_export *x)
{
    for (size_t i = 0; i < x->nresults; i++)
        kh_buf_release(&x->result[i]);
    x->nresults = 0;
    kh_bundle_release(&x->bundle);
}

int kh_export_write_dir(const struct kh_export *x, const char *dir, struct kh_error *err)
{
    int rc = kh_bundle_write_dir(&x->bundle, dir, err);
    for (size_t i = 0; rc == 0 && i < x->nresults; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", dir, x->result_name[i]);
        rc = kh_buf_write_file(&x->result[i], path, err);
    }
    return rc;
}

int kh_store_export_dir(struct kh_store *s, const struct kh_actor *a, const char *code,
                        const char *dir, struct kh_diags *diags, struct kh_error *err)
{
    struct kh_export x;
    int rc = kh_store_export(s, a, code, &x, diags, err);
    if (rc == 0)
        rc = kh_export_write_dir(&x, dir, err);
    kh_export_release(&x);
    return rc;
}
