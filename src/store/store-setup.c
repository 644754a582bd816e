/*
 * store-setup.c — one row of a setup file of a stored cycle, added,
 * replaced or removed (store-setup.h).
 *
 * The model is store-scheme.c: no rule about units, categories, cadres or
 * raters is written here.  A change is made to the file's CSV text and the
 * cycle is loaded with that text in place of the stored file
 * (kh__store_load_edited), so the one bundle validator — the import's —
 * decides: a unit whose category does not exist, a unit that cadres.csv
 * or targets.csv still name, a duplicate code, a position whose weights
 * do not add up.  Its diagnostics are located in the edited text, whose
 * lines are the stored file's lines with the one row changed, so
 * "units.csv:5:category" names the row the user touched.
 *
 * The texts on both sides come from the bundle writer (kh_bundle_write_rows):
 * the current rows are those of the loaded cycle, and what is stored after
 * a valid change are the rows of the *changed* bundle, so the table only
 * ever holds canonical cells, exactly as an import would have put them,
 * and export → import stays byte-identical.  A file the cycle lacks (no
 * positions.csv yet) gets its header from the writer too: the loaded
 * bundle is written with the setup files' bits of `files` set.
 *
 * Storing replaces the file's rows (DELETE, then the import's row path
 * kh__file_put_*, which rewrites cycle_files with the new SHA-256), then
 * audits one record per row whose cells changed, before and after, in
 * the transaction that validated the change — kh_store_tx, the one retry
 * point.  A whole-file rewrite is a few hundred rows at most for these
 * files, and keeps `ord` dense and equal to the file order.
 *
 * A township type is also a column of indicators.csv: every category has
 * its `weight.<CAT>` (FORMATS.md), and the validator refuses a category
 * without one.  So adding a category adds that column, its cells copied
 * from the first category's weights (a new type starts from a scheme that
 * validates; the office then sets its weights in the scheme editor, whose
 * changes are audited one by one), and deleting a category drops its
 * column.  The edited indicators.csv goes through the same load as the
 * categories, and is stored with them in the same transaction, audited as
 * one "scheme" record naming the column and where its weights came from.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "kaohe/buf.h"
#include "kaohe/bundle.h"
#include "kaohe/csv.h"
#include "kaohe/msg-store.h"
#include "kaohe/store-setup.h"
#include "kaohe/xalloc.h"
#include "store/store-int.h"

const char *const kh_setup_files[] = {"categories.csv", "units.csv", "positions.csv", "cadres.csv",
                                      "rater_groups.csv", "raters.csv", NULL};

/* The optional setup files: written even when the cycle has none, so their
 * header is known. */
#define SETUP_FILE_BITS (KH_FILE_RATER_GROUPS | KH_FILE_RATERS | KH_FILE_POSITIONS | KH_FILE_CADRES)

const char *kh_setup_file(const char *file)
{
    if (file == NULL)
        return NULL;
    size_t n = strlen(file);
    if (n > 4 && strcmp(file + n - 4, ".csv") == 0)
        n -= 4;
    for (int i = 0; kh_setup_files[i] != NULL; i++)
        if (strlen(kh_setup_files[i]) == n + 4 && strncmp(kh_setup_files[i], file, n) == 0)
            return kh_setup_files[i];
    return NULL;
}

/* ---- one file's rows, as the bundle writer gives them ---- */

struct table {
    const char *file;
    char **header;
    size_t nh;
    char ***rows;          /* [nrows][nh] */
    size_t nrows, cap;
    int code;              /* index of `code` in header, or -1 */
    bool on;               /* the writer is in this file */
};

static char **cells_dup(const char *const *c, size_t n)
{
    char **v = kh_xcalloc(n ? n : 1, sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = kh_xstrdup(c[i] ? c[i] : "");
    return v;
}

static void cells_free(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

static void table_release(struct table *t)
{
    for (size_t i = 0; i < t->nrows; i++)
        cells_free(t->rows[i], t->nh);
    free(t->rows);
    cells_free(t->header, t->nh);
    *t = (struct table){.file = t->file, .code = -1};
}

static int cap_begin(void *ctx, const char *file, const char *const *header, size_t n)
{
    struct table *t = ctx;
    t->on = strcmp(file, t->file) == 0;
    if (t->on) {
        t->header = cells_dup(header, n);
        t->nh = n;
        for (size_t i = 0; i < n; i++)
            if (strcmp(header[i], "code") == 0)
                t->code = (int)i;
    }
    return 0;
}

static int cap_row(void *ctx, const char *const *cells, size_t n)
{
    struct table *t = ctx;
    if (t->on && n == t->nh) {
        KH_GROW(t->rows, t->nrows + 1, t->cap);
        t->rows[t->nrows++] = cells_dup(cells, n);
    }
    return 0;
}

static int cap_end(void *ctx)
{
    ((struct table *)ctx)->on = false;
    return 0;
}

static const struct kh_bundle_sink capture_sink = {cap_begin, cap_row, cap_end};

/* The rows of t->file in bundle b (released first), header included even
 * when b has no such file. */
static void capture(struct kh_bundle *b, struct table *t)
{
    table_release(t);
    unsigned files = b->files;
    b->files |= SETUP_FILE_BITS;
    kh_bundle_write_rows(b, &capture_sink, t);   /* the sink never fails */
    b->files = files;
}

static long find_row(const struct table *t, const char *code)
{
    for (size_t i = 0; t->code >= 0 && i < t->nrows; i++)
        if (strcmp(t->rows[i][t->code], code) == 0)
            return (long)i;
    return -1;
}

/* ---- reading ---- */

/* In the caller's transaction: the cycle (with action checked) loaded, and
 * the file's rows captured into t. */
static int load_table(struct kh_store *s, const struct kh_actor *a, enum kh_action act, const char *cycle,
                      struct table *t, struct kh_error *err)
{
    struct kh_cycle_row c;
    struct kh_bundle b = {0};
    struct kh_diags d;
    int rc = kh__store_cycle_get(s, cycle, &c, err);
    if (rc == 0)
        rc = kh_authz_check(s, a, act, &c, NULL, err);
    if (rc != 0)
        return rc;
    kh_diags_init(&d, 5);
    memset(&b, 0, sizeof b);
    rc = kh__store_load(s, cycle, &b, &d, err);
    if (rc == 0)
        capture(&b, t);
    kh_bundle_release(&b);
    kh_diags_release(&d);
    return rc;
}

int kh_store_setup_rows(struct kh_store *s, const struct kh_actor *a, const char *cycle, const char *file,
                        kh_store_row_fn fn, void *ctx, struct kh_error *err)
{
    const char *f = kh_setup_file(file);
    if (f == NULL)
        return KH_ERR(err, KH_EINVAL, SETUP_NOT_FILE, file ? file : "");
    struct table t = {.file = f, .code = -1};
    int rc = load_table(s, a, KH_ACT_CYCLE_SHOW, cycle, &t, err);
    if (rc == 0 && t.header != NULL)
        rc = fn(ctx, (int)t.nh, (const char *const *)t.header);
    for (size_t i = 0; rc == 0 && i < t.nrows; i++)
        rc = fn(ctx, (int)t.nh, (const char *const *)t.rows[i]);
    table_release(&t);
    return rc;
}

/* ---- changing ---- */

struct change_ctx {
    const struct kh_actor *a;
    const char *cycle, *file;
    const struct kh_setup_cell *cells;   /* put: the row's cells; NULL for delete */
    size_t ncells;
    const char *code;                    /* the row's code */
    struct kh_diags *diags;
    struct table old, new;
    struct kh_buf text;                  /* the changed file */
    size_t changed;
    /* categories.csv: the type added or deleted (else NULL), whose
     * weight.<CAT> column of indicators.csv comes or goes with it, the
     * type whose weights a new column copies (NULL: none yet), and the
     * changed indicators.csv as the writer gives it back */
    const char *cat_added, *cat_removed, *cat_like;
    struct table ind;
};

/* The changed file's text: old with the row put or removed. */
static int build_text(struct change_ctx *v, struct kh_error *err)
{
    struct table *t = &v->old;
    long at = find_row(t, v->code);
    if (v->cells == NULL && at < 0)
        return KH_ERR(err, KH_ENOTFOUND, SETUP_NO_ROW, v->cycle, v->file, v->code);
    const char **row = kh_xcalloc(t->nh ? t->nh : 1, sizeof *row);
    for (size_t i = 0; i < t->nh; i++)
        row[i] = at >= 0 ? t->rows[at][i] : "";
    for (size_t k = 0; k < v->ncells; k++) {
        size_t i = 0;
        while (i < t->nh && strcmp(t->header[i], v->cells[k].column) != 0)
            i++;
        if (i == t->nh) {
            free(row);
            return KH_ERR(err, KH_EINVAL, SETUP_NO_COLUMN, v->file, v->cells[k].column);
        }
        row[i] = v->cells[k].value ? v->cells[k].value : "";
    }
    kh_buf_reset(&v->text);
    kh_csv_put_row(&v->text, (const char *const *)t->header, t->nh);
    for (size_t r = 0; r < t->nrows; r++) {
        if ((long)r == at && v->cells == NULL)
            continue;
        kh_csv_put_row(&v->text, (long)r == at ? row : (const char *const *)t->rows[r], t->nh);
    }
    if (at < 0)
        kh_csv_put_row(&v->text, row, t->nh);
    free(row);
    return 0;
}

/* Index of header cell `weight.<cat>` in the reader's current record, or
 * -1 (also for cat NULL). */
static int weight_index(const struct kh_csv_reader *r, const char *cat)
{
    for (size_t i = 0; cat && i < r->nfields; i++)
        if (strncmp(r->fields[i], "weight.", 7) == 0 && strcmp(r->fields[i] + 7, cat) == 0)
            return (int)i;
    return -1;
}

/* indicators.csv in data with column weight.<cat_removed> dropped and
 * weight.<cat_added> appended, a copy of weight.<cat_like> (empty cells
 * when the cycle had no category).  data is the store's own rebuild, so a
 * parse error is a damaged database. */
static int weight_columns(const struct change_ctx *v, struct kh_buf *data, struct kh_error *err)
{
    struct kh_csv_reader r;
    struct kh_buf out = KH_BUF_INIT;
    const char **row = NULL;
    int like = -1, drop = -1, rc;
    char added[600];
    snprintf(added, sizeof added, "weight.%s", v->cat_added ? v->cat_added : "");
    kh_csv_reader_init(&r, data->data, data->len);
    for (bool header = true; (rc = kh_csv_next(&r, err)) == 1; header = false) {
        if (header) {
            like = weight_index(&r, v->cat_like);
            drop = weight_index(&r, v->cat_removed);
            row = kh_xcalloc(r.nfields + 1, sizeof *row);
        }
        size_t n = 0;
        for (size_t i = 0; i < r.nfields; i++)
            if ((int)i != drop)
                row[n++] = r.fields[i];
        if (v->cat_added)
            row[n++] = header ? added : like >= 0 && (size_t)like < r.nfields ? r.fields[like] : "";
        kh_csv_put_row(&out, row, n);
    }
    kh_csv_reader_release(&r);
    free(row);
    if (rc < 0) {
        kh_buf_release(&out);
        return rc;
    }
    kh_buf_release(data);
    *data = out;
    return 0;
}

/* kh__file_edit_fn: the file being changed gets the built text, and
 * indicators.csv the weight column of a category added or deleted. */
static int replace_file(void *ctx, const char *file, struct kh_buf *data, struct kh_error *err)
{
    struct change_ctx *v = ctx;
    if (strcmp(file, v->file) == 0) {
        kh_buf_reset(data);
        kh_buf_append(data, v->text.data, v->text.len);
    } else if (strcmp(file, "indicators.csv") == 0 && (v->cat_added || v->cat_removed)) {
        return weight_columns(v, data, err);
    }
    return 0;
}

/* The row's cells as a JSON object keyed by the header (caller frees);
 * NULL for no row. */
static char *row_json(const struct table *t, long r)
{
    if (r < 0)
        return NULL;
    json_t *o = json_object();
    for (size_t i = 0; i < t->nh; i++)
        json_object_set_new(o, t->header[i], json_string(t->rows[r][i]));
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}

static bool same_row(const struct table *a, long ra, const struct table *b, long rb)
{
    if (ra < 0 || rb < 0 || a->nh != b->nh)
        return ra < 0 && rb < 0;
    for (size_t i = 0; i < a->nh; i++)
        if (strcmp(a->rows[ra][i], b->rows[rb][i]) != 0)
            return false;
    return true;
}

/* One audit record per code whose row differs between old and new. */
static int audit_rows(struct kh_store *s, struct change_ctx *v, struct kh_error *err)
{
    int rc = 0;
    for (int pass = 0; pass < 2 && rc == 0; pass++) {
        const struct table *t = pass == 0 ? &v->old : &v->new;
        for (size_t r = 0; rc == 0 && r < t->nrows; r++) {
            const char *code = t->code >= 0 ? t->rows[r][t->code] : "";
            long ro = find_row(&v->old, code), rn = find_row(&v->new, code);
            if ((pass == 1 && ro >= 0) || same_row(&v->old, ro, &v->new, rn))
                continue;   /* pass 1 only adds the rows new has alone */
            char key[600];
            snprintf(key, sizeof key, "%s/%s/%s", v->cycle, v->file, code);
            char *before = row_json(&v->old, ro), *after = row_json(&v->new, rn);
            rc = kh_store_audit(s, v->a, ro < 0 ? "insert" : rn < 0 ? "delete" : "update", "setup", key,
                                before, after, NULL, err);
            free(before);
            free(after);
            v->changed++;
        }
    }
    return rc;
}

/* Replace the rows of file t->file of the cycle with t's (indicators.csv:
 * its weights too). */
static int store_rows(struct kh_store *s, const struct kh_actor *a, const struct table *t, const char *cycle_id,
                      struct kh_error *err)
{
    const struct kh_store_table *tb = kh_store_table_by_file(t->file);
    char sql[160];
    const char *p[] = {cycle_id, t->file};
    snprintf(sql, sizeof sql, "DELETE FROM %s WHERE cycle_id = $1", tb->table);
    int rc = kh_store_exec(s, sql, p, 1, NULL, err);
    if (rc == 0 && strcmp(t->file, "indicators.csv") == 0)
        rc = kh_store_exec(s, "DELETE FROM indicator_weights WHERE cycle_id = $1", p, 1, NULL, err);
    if (rc == 0)
        rc = kh_store_exec(s, "DELETE FROM cycle_files WHERE cycle_id = $1 AND file = $2", p, 2, NULL, err);
    struct kh__file_put *put = NULL;
    if (rc == 0)
        rc = kh__file_put_begin(s, a, cycle_id, t->file, (const char *const *)t->header, t->nh, true, &put, err);
    for (size_t r = 0; rc == 0 && r < t->nrows; r++)
        rc = kh__file_put_row(put, (const char *const *)t->rows[r], t->nh);
    if (rc == 0)
        rc = kh__file_put_end(put, NULL, NULL);
    kh__file_put_free(put);
    return rc;
}

/* A category added or deleted: which, and whose weights a new one copies. */
static void category_change(struct change_ctx *v)
{
    v->cat_added = v->cat_removed = v->cat_like = NULL;
    if (strcmp(v->file, "categories.csv") != 0 || v->old.code < 0)
        return;
    bool had = find_row(&v->old, v->code) >= 0;
    if (v->cells == NULL && had)
        v->cat_removed = v->code;
    else if (v->cells != NULL && !had)
        v->cat_added = v->code;
    if (v->old.nrows > 0)
        v->cat_like = v->old.rows[0][v->old.code];
}

/* The audit record of a weight column added or dropped with its category. */
static int audit_column(struct kh_store *s, const struct change_ctx *v, struct kh_error *err)
{
    char key[600];
    snprintf(key, sizeof key, "%s/indicators.csv/weight.%s", v->cycle, v->cat_added ? v->cat_added : v->cat_removed);
    char *col = v->cat_added ? kh__store_json("category", v->cat_added, "copied_from", v->cat_like ? v->cat_like : "",
                                              NULL)
                             : kh__store_json("category", v->cat_removed, NULL);
    int rc = kh_store_audit(s, v->a, v->cat_added ? "insert" : "delete", "scheme", key, v->cat_added ? NULL : col,
                            v->cat_added ? col : NULL, NULL, err);
    free(col);
    return rc;
}

static int change_tx(struct kh_store *s, void *ctx, struct kh_error *err)
{
    struct change_ctx *v = ctx;
    struct kh_bundle b = {0};
    struct kh_cycle_row c;
    v->changed = 0;
    table_release(&v->old);
    table_release(&v->new);
    table_release(&v->ind);
    int rc = load_table(s, v->a, KH_ACT_SETUP_EDIT, v->cycle, &v->old, err);
    if (rc == 0) {
        category_change(v);
        rc = build_text(v, err);
    }
    if (rc == 0) {
        memset(&b, 0, sizeof b);
        rc = kh__store_load_edited(s, v->cycle, replace_file, v, &b, v->diags, err);
        if (rc == KH_EINVAL)
            rc = KH_ERR(err, KH_EINVAL, SETUP_INVALID, v->cycle, v->file);
    }
    bool column = v->cat_added || v->cat_removed;
    if (rc == 0)
        capture(&b, &v->new);
    if (rc == 0 && column)
        capture(&b, &v->ind);
    kh_bundle_release(&b);
    if (rc == 0)
        rc = audit_rows(s, v, err);
    if (rc == 0 && v->changed > 0)
        rc = kh__store_cycle_get(s, v->cycle, &c, err);
    if (rc == 0 && v->changed > 0)
        rc = store_rows(s, v->a, &v->new, c.id, err);
    if (rc == 0 && v->changed > 0 && column)
        rc = store_rows(s, v->a, &v->ind, c.id, err);
    if (rc == 0 && v->changed > 0 && column)
        rc = audit_column(s, v, err);
    return rc;
}

static int change(struct kh_store *s, struct change_ctx *v, size_t *changed, struct kh_error *err)
{
    v->old = v->new = (struct table){.file = v->file, .code = -1};
    v->ind = (struct table){.file = "indicators.csv", .code = -1};
    kh_buf_init(&v->text, 0);
    int rc = kh_store_tx(s, change_tx, v, err);
    if (changed)
        *changed = rc == 0 ? v->changed : 0;
    table_release(&v->old);
    table_release(&v->new);
    table_release(&v->ind);
    kh_buf_release(&v->text);
    return rc;
}

int kh_store_setup_put(struct kh_store *s, const struct kh_actor *a, const char *cycle, const char *file,
                       const struct kh_setup_cell *cells, size_t n, size_t *changed,
                       struct kh_diags *diags, struct kh_error *err)
{
    struct change_ctx v = {.a = a, .cycle = cycle, .file = kh_setup_file(file), .cells = cells,
                           .ncells = n, .diags = diags};
    if (v.file == NULL)
        return KH_ERR(err, KH_EINVAL, SETUP_NOT_FILE, file ? file : "");
    for (size_t i = 0; i < n; i++)
        if (strcmp(cells[i].column, "code") == 0 && cells[i].value && cells[i].value[0])
            v.code = cells[i].value;
    if (v.code == NULL)
        return KH_ERR(err, KH_EUSAGE, SETUP_NO_CODE);
    return change(s, &v, changed, err);
}

int kh_store_setup_delete(struct kh_store *s, const struct kh_actor *a, const char *cycle, const char *file,
                          const char *code, struct kh_diags *diags, struct kh_error *err)
{
    struct change_ctx v = {.a = a, .cycle = cycle, .file = kh_setup_file(file), .code = code,
                           .diags = diags};
    if (v.file == NULL)
        return KH_ERR(err, KH_EINVAL, SETUP_NOT_FILE, file ? file : "");
    if (code == NULL || code[0] == '\0')
        return KH_ERR(err, KH_EUSAGE, SETUP_NO_CODE);
    return change(s, &v, NULL, err);
}
