/*
 * bundle-read.c — reading a bundle: the driver and the cross-file checks
 * (bundle.h, FORMATS.md, SPEC §11 "Input").
 *
 * The driver calls the per-file readers in dependency order, and just
 * before each one gets the bytes of its file (from a folder or from memory)
 * and converts them to UTF-8 (encoding.h).  A file that is UTF-8 already is
 * read where it lies (kh_utf8_view), and every string the bundle keeps is
 * copied into its arena, so nothing points back into the bytes afterwards:
 * a folder's file is freed as soon as its reader returns (struct source),
 * which keeps one file, not the whole bundle, in memory next to the model
 * being built — and of that file only what the rows have not reached yet
 * (kh__table_next, rd->own).  Encoding defects are reported file by file as each is
 * reached; the final sort by file and line makes the order the same.
 *
 *   cycle → categories → units → scales → rater_groups → raters →
 *   indicators → survey_items → positions → cadres → targets → values →
 *   ratings → responses → adjustments → cross-file checks
 *
 * so every reference points backwards, except parents and denominators
 * inside indicators.csv, which read-tree.c resolves after its pass.  Each
 * file is read once; every row costs O(1) hash lookups.
 *
 * Cross-file checks (§11.10): every unit where a `target`-scored leaf is
 * applicable has an approved non-zero target; a present year-end value of a
 * growth leaf has a non-zero baseline (reported at the baseline cell of its
 * targets.csv row, where it is fixed; at the value when there is no row); a present year-end value of a
 * per_capita/ratio leaf does not meet a denominator value of 0.  The
 * transformed value (growth rate, ratio) must obey the number range of every
 * bundle number (KH__NUM_MAX, docs/formats.md), so that a tiny baseline or
 * denominator cannot send +inf or NaN into populations and means.
 *
 * All-or-nothing: any diagnostic → the bundle is released and KH_EINVAL
 * (KH_EIO when a file of the folder could not be read) returned;
 * diagnostics are sorted by file and line.  Unknown file names
 * are ignored (a folder may also hold results or notes).
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "bundle-int.h"
#include "kaohe/applicability.h"
#include "kaohe/encoding.h"
#include "kaohe/xalloc.h"

const char *const kh_bundle_input_files[] = {
    "cycle.csv", "categories.csv", "units.csv", "indicators.csv", "scales.csv",
    "rater_groups.csv", "raters.csv", "targets.csv", "values.csv", "ratings.csv",
    "survey_items.csv", "responses.csv", "positions.csv", "cadres.csv", "adjustments.csv",
    NULL};

static const unsigned file_bits[KH__F_COUNT] = {
    KH_FILE_CYCLE, 0, 0, 0, KH_FILE_SCALES, KH_FILE_RATER_GROUPS, KH_FILE_RATERS,
    KH_FILE_TARGETS, KH_FILE_VALUES, KH_FILE_RATINGS, KH_FILE_SURVEY_ITEMS, KH_FILE_RESPONSES,
    KH_FILE_POSITIONS, KH_FILE_CADRES, KH_FILE_ADJUSTMENTS};

static void check_targets(struct kh__rd *rd)
{
    struct kh_bundle *b = rd->b;
    if (!rd->usable[KH__F_UNITS] || !rd->usable[KH__F_INDICATORS] ||
        (rd->present[KH__F_TARGETS] && !rd->usable[KH__F_TARGETS]))
        return;
    for (int32_t n = 0; n < b->nnodes; n++) {
        const struct kh_node *nd = &b->nodes[n];
        if (nd->kind != KH_KIND_QUANT || nd->method != KH_METHOD_TARGET)
            continue;
        for (int32_t u = 0; u < b->nunits; u++) {
            if (!kh_node_applies(b, n, b->units[u].category))
                continue;
            int32_t ti = kh_u64map_get(&rd->target_ix, KH_U64_KEY(u, n));
            if (ti < 0) {
                KH__DIAG_AT(rd, KH__F_TARGETS, 0, NULL, MISSING_TARGET, b->units[u].code,
                            nd->code);
                continue;
            }
            const struct kh_target *g = &b->targets[ti];
            long line = rd->target_line[ti];
            if (g->status != KH_TARGET_APPROVED)
                KH__DIAG_AT(rd, KH__F_TARGETS, line, "status", TARGET_NOT_APPROVED,
                            kh_target_status_name(g->status));
            else if (isnan(g->target))
                KH__DIAG_AT(rd, KH__F_TARGETS, line, "target", TARGET_MISSING);
            else if (g->target == 0)
                KH__DIAG_AT(rd, KH__F_TARGETS, line, "target", TARGET_ZERO);
        }
    }
}

static void check_values(struct kh__rd *rd)
{
    struct kh_bundle *b = rd->b;
    for (int32_t i = 0; i < b->nvalues; i++) {
        const struct kh_value *v = &b->values[i];
        if (v->period != KH_PERIOD_Y || isnan(v->value))
            continue;
        const struct kh_params *p = &b->nodes[v->node].params;
        if (p->transform == KH_TRANSFORM_GROWTH) {
            int32_t ti = kh_u64map_get(&rd->target_ix, KH_U64_KEY(v->unit, v->node));
            double base = ti >= 0 ? b->targets[ti].baseline : NAN;
            if (isnan(base) && rd->baselines_from_previous && b->cycle.previous != NULL &&
                b->cycle.previous[0] != '\0')
                ;   /* filled from the previous cycle by the store (store-load.c) */
            else if (isnan(base) && ti >= 0)
                KH__DIAG_AT(rd, KH__F_TARGETS, rd->target_line[ti], "baseline", MISSING_BASELINE,
                            b->nodes[v->node].code, b->units[v->unit].code);
            else if (isnan(base))   /* no target row: the value is what needs one */
                KH__DIAG_AT(rd, KH__F_VALUES, rd->value_line[i], "value", MISSING_BASELINE,
                            b->nodes[v->node].code, b->units[v->unit].code);
            else if (base == 0)
                /* The baseline cell is where the user fixes it.  A baseline
                 * filled from the previous cycle (store-load.c rewrites
                 * targets.csv and reads it again) is placed on the row of the
                 * rewritten file; the message names leaf and unit, which
                 * leads to the previous cycle's year-end value. */
                KH__DIAG_AT(rd, KH__F_TARGETS, rd->target_line[ti], "baseline", BASELINE_ZERO,
                            b->nodes[v->node].code, b->units[v->unit].code);
            else if (fabs(100.0 * (v->value - base) / fabs(base)) > KH__NUM_MAX)
                KH__DIAG_AT(rd, KH__F_VALUES, rd->value_line[i], "value", GROWTH_RANGE,
                            b->nodes[v->node].code);
        } else if ((p->transform == KH_TRANSFORM_PER_CAPITA ||
                    p->transform == KH_TRANSFORM_RATIO) && p->denominator >= 0) {
            uint64_t key = KH_U64_KEY(v->unit, (uint32_t)p->denominator << 7 | KH_PERIOD_Y);
            int32_t di = kh_u64map_get(&rd->value_ix, key);
            double dv = di >= 0 ? b->values[di].value : NAN;
            if (dv == 0)
                KH__DIAG_AT(rd, KH__F_VALUES, rd->value_line[i], "value", DENOMINATOR_ZERO,
                            b->nodes[p->denominator].code);
            else if (!isnan(dv) && fabs(v->value / dv) > KH__NUM_MAX)
                KH__DIAG_AT(rd, KH__F_VALUES, rd->value_line[i], "value", RATIO_RANGE,
                            b->nodes[v->node].code, b->nodes[p->denominator].code);
        }
    }
}

void kh__check_cross(struct kh__rd *rd)
{
    check_targets(rd);
    if (rd->usable[KH__F_VALUES])
        check_values(rd);
}

static void rd_release(struct kh__rd *rd)
{
    for (int f = 0; f < KH__F_COUNT; f++)
        kh_buf_release(&rd->conv[f]);
    free(rd->target_line);
    free(rd->value_line);
    free(rd->adj_line);
    kh_u64map_release(&rd->target_ix);
    kh_u64map_release(&rd->value_ix);
    kh_u64map_release(&rd->adj_ix);
    kh_u64map_release(&rd->answer_ix);
    kh_strmap_release(&rd->intern_ix);
    free(rd->interned);
}

/*
 * Where the bytes of the input files come from.  kh_bundle_read_mem: the
 * caller's memory, borrowed for the whole read.  kh_bundle_read_dir: the
 * folder, one file at a time — a file is read just before its reader runs
 * and freed as soon as that reader returns, so the peak holds the bytes of
 * one file (ratings.csv, half of a national bundle) next to the bundle
 * being built instead of all of them.  Nothing the bundle keeps points
 * into the bytes (the essay), so freeing them early is safe.
 */
struct source {
    const struct kh_bundle_file *mem[KH__F_COUNT];   /* read_mem: file f, or NULL */
    struct kh_xlsx *wb;                               /* read_xlsx: the workbook, else NULL */
    const char *wbpath;                               /* read_xlsx: its path */
    size_t sheet_of[KH__F_COUNT];                     /* read_xlsx: sheet index of file f */
    struct kh_xlsx_sheet sheet;                       /* read_xlsx: the sheet being read */
    const char *dir;                                  /* read_dir: the folder, else NULL */
    struct kh_buf bytes;                              /* read_dir: the file being read */
    bool io_failed;                                   /* read_dir: a file could not be read */
};

/* Make rd->text[f] the UTF-8 text of file f, or leave it NULL after a
 * diagnostic (unreadable, not convertible, NUL byte).  Absent: nothing. */
static void file_load(struct kh__rd *rd, struct source *src, int f)
{
    const char *name = kh_bundle_input_files[f];
    const char *data;
    size_t dlen;
    struct kh_error err;
    if (!rd->present[f])
        return;
    kh_error_clear(&err);
    if (src->wb != NULL) {
        if (kh_xlsx_sheet_read(src->wb, src->sheet_of[f], &src->sheet, &err) == 0)
            rd->sheet[f] = &src->sheet;
        else if (err.line > 0)
            kh_diags_add_error_cell(rd->d, &err);   /* a cell: sheet!D17 */
        else
            kh_diags_add_error(rd->d, src->wbpath, 0, NULL, &err);
        return;
    }
    if (src->dir != NULL) {
        char *path = kh_xmalloc(strlen(src->dir) + strlen(name) + 2);
        sprintf(path, "%s/%s", src->dir, name);
        int r = kh_buf_read_file(&src->bytes, path, &err);
        free(path);
        if (r < 0) {
            kh_diags_add_error(rd->d, name, 0, NULL, &err);
            src->io_failed = true;
            return;
        }
        data = kh_buf_cstr(&src->bytes);
        dlen = src->bytes.len;
    } else {
        data = src->mem[f]->data;
        dlen = src->mem[f]->len;
    }
    const char *text;
    size_t len;
    if (kh_utf8_view(data, dlen, rd->encoding, &rd->conv[f], &text, &len, &err) < 0) {
        kh_diags_add_error(rd->d, name, err.line, NULL, &err);
        return;
    }
    /* A NUL byte would silently end a cell early (cells are C strings):
     * such a file is not the text a spreadsheet saves, so refuse it. */
    const char *nul = memchr(text, '\0', len);
    if (nul != NULL) {
        long line = 1;
        for (const char *p = text; p < nul; p++)
            line += *p == '\n';
        KH_DIAG(rd->d, name, line, NULL, BUNDLE_NUL_BYTE);
        return;
    }
    rd->text[f] = text;
    rd->len[f] = len;
    if (src->dir != NULL && text >= src->bytes.data && text <= src->bytes.data + src->bytes.len)
        rd->own[f] = &src->bytes;   /* a view into our copy: pages can go as they are read */
}

/* Forget the text of file f once its reader is done; free what we own. */
static void file_unload(struct kh__rd *rd, struct source *src, int f)
{
    rd->text[f] = NULL;
    rd->len[f] = 0;
    rd->own[f] = NULL;
    rd->sheet[f] = NULL;
    kh_xlsx_sheet_release(&src->sheet);
    kh_buf_release(&rd->conv[f]);
    kh_buf_release(&src->bytes);
}

/* The readers in dependency order (the essay), each with the file it reads. */
static const struct {
    int file;
    void (*read)(struct kh__rd *rd);
} steps[] = {
    {KH__F_CYCLE, kh__read_cycle},
    {KH__F_CATEGORIES, kh__read_categories},
    {KH__F_UNITS, kh__read_units},
    {KH__F_SCALES, kh__read_scales},
    {KH__F_RATER_GROUPS, kh__read_rater_groups},
    {KH__F_RATERS, kh__read_raters},
    {KH__F_INDICATORS, kh__read_indicators},
    {KH__F_SURVEY_ITEMS, kh__read_survey_items},
    {KH__F_POSITIONS, kh__read_positions},
    {KH__F_CADRES, kh__read_cadres},
    {KH__F_TARGETS, kh__read_targets},
    {KH__F_VALUES, kh__read_values},
    {KH__F_RATINGS, kh__read_ratings},
    {KH__F_RESPONSES, kh__read_responses},
    {KH__F_ADJUSTMENTS, kh__read_adjustments},
};

/*
 * Read the bundle whose present files src provides (rd->present, b->files
 * set by the caller).  Returns 0, KH_EINVAL (diagnostics) or KH_EIO (a
 * file of the folder could not be read: it is named, and so are the defects
 * of the files that could); on failure b is released.
 */
static int read_bundle(struct kh__rd *rd, struct source *src, size_t before)
{
    struct kh_diags *d = rd->d;
    int rc = 0;
    static const int required[] = {KH__F_CATEGORIES, KH__F_UNITS, KH__F_INDICATORS};
    for (size_t i = 0; i < 3; i++)
        if (!rd->present[required[i]] && rd->workbook)
            kh__diag_at(rd, required[i], 0, NULL, &KH_M_XLSX_MISSING_SHEET, (const char *)NULL);
        else if (!rd->present[required[i]])
            KH_DIAG(d, kh_bundle_input_files[required[i]], 0, NULL, BUNDLE_MISSING_FILE);
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        file_load(rd, src, steps[i].file);
        steps[i].read(rd);
        file_unload(rd, src, steps[i].file);
    }
    if (d->total == before)
        kh__check_cross(rd);
    if (d->total > before) {
        kh_diags_sort(d);
        kh_bundle_release(rd->b);
        rc = src->io_failed ? KH_EIO : KH_EINVAL;
    }
    return rc;
}

/* The reader's state for b and d, b emptied (kh_bundle_read_dir contract). */
static size_t rd_start(struct kh__rd *rd, const struct kh_bundle_read_opts *opts,
                       struct kh_bundle *b, struct kh_diags *d)
{
    memset(rd, 0, sizeof *rd);
    kh_bundle_release(b);   /* whatever b held (zeroed, initialised or a bundle) */
    kh_bundle_init(b);
    if (d->limit == 0 || (opts && opts->max_errors))
        d->limit = opts && opts->max_errors ? opts->max_errors : 100;
    rd->b = b;
    rd->d = d;
    rd->encoding = opts ? opts->encoding : NULL;
    rd->baselines_from_previous = opts != NULL && opts->baselines_from_previous;
    for (int f = 0; f < KH__F_COUNT; f++)
        kh_buf_init(&rd->conv[f], 0);
    return d->total;
}

int kh_bundle_read_mem(const struct kh_bundle_file *files, size_t nfiles,
                       const struct kh_bundle_read_opts *opts, struct kh_bundle *b,
                       struct kh_diags *d)
{
    struct kh__rd rd;
    struct source src;
    memset(&src, 0, sizeof src);
    kh_buf_init(&src.bytes, 0);
    size_t before = rd_start(&rd, opts, b, d);
    for (size_t i = 0; i < nfiles; i++) {
        int f;
        for (f = 0; f < KH__F_COUNT; f++)
            if (strcmp(files[i].name, kh_bundle_input_files[f]) == 0)
                break;
        if (f == KH__F_COUNT || rd.present[f])
            continue;   /* unknown names are ignored; the first of a name counts */
        rd.present[f] = true;
        b->files |= file_bits[f];
        src.mem[f] = &files[i];
    }
    int rc = read_bundle(&rd, &src, before);
    rd_release(&rd);
    return rc;
}

int kh_bundle_read_dir(const char *dir, const struct kh_bundle_read_opts *opts,
                       struct kh_bundle *b, struct kh_diags *d)
{
    struct kh__rd rd;
    struct source src;
    struct stat st;
    memset(&src, 0, sizeof src);
    kh_buf_init(&src.bytes, 0);
    if (d->limit == 0)
        d->limit = opts && opts->max_errors ? opts->max_errors : 100;
    if (stat(dir, &st) == 0 && S_ISREG(st.st_mode))
        return kh_bundle_read_xlsx(dir, opts, b, d);
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        kh_bundle_release(b);
        KH_DIAG(d, dir, 0, NULL, BUNDLE_NOT_A_FOLDER, strerror(errno ? errno : ENOTDIR));
        return KH_EIO;
    }
    size_t before = rd_start(&rd, opts, b, d);
    src.dir = dir;
    for (int f = 0; f < KH__F_COUNT; f++) {
        char *path = kh_xmalloc(strlen(dir) + strlen(kh_bundle_input_files[f]) + 2);
        sprintf(path, "%s/%s", dir, kh_bundle_input_files[f]);
        if (stat(path, &st) == 0) {
            rd.present[f] = true;
            b->files |= file_bits[f];
        }
        free(path);
    }
    int rc = read_bundle(&rd, &src, before);
    rd_release(&rd);
    kh_buf_release(&src.bytes);
    return rc;
}

/* Sheet names of file f as the user knows it: the sheet's, or the
 * canonical name without .csv when the workbook has no such sheet. */
static const char *const canonical_sheet[KH__F_COUNT] = {
    "cycle", "categories", "units", "indicators", "scales", "rater_groups", "raters",
    "targets", "values", "ratings", "survey_items", "responses", "positions", "cadres",
    "adjustments"};

/*
 * The workbook form (FORMATS.md, docs/formats.md "Workbooks"): each sheet
 * named after an input file (kh__sheet_file) is that file, read one sheet
 * at a time by the same readers as a folder's CSV files; places are cells.
 * An unknown visible sheet and a second sheet for one file are errors (a
 * typo must not drop data); results, notes and hidden sheets are ignored.
 */
int kh_bundle_read_xlsx(const char *path, const struct kh_bundle_read_opts *opts,
                        struct kh_bundle *b, struct kh_diags *d)
{
    struct kh__rd rd;
    struct source src;
    struct kh_buf bytes = KH_BUF_INIT;
    struct kh_error err;
    memset(&src, 0, sizeof src);
    kh_buf_init(&src.bytes, 0);
    kh_error_clear(&err);
    size_t before = rd_start(&rd, opts, b, d);
    rd.workbook = true;
    for (int f = 0; f < KH__F_COUNT; f++)
        rd.sheet_name[f] = canonical_sheet[f];
    int rc = kh_buf_read_file(&bytes, path, &err);
    if (rc != 0) {
        kh_diags_add_error(d, path, 0, NULL, &err);
        rc = KH_EIO;
        goto out;
    }
    if (kh_xlsx_open(bytes.data, bytes.len, &src.wb, &err) != 0) {
        kh_diags_add_error(d, path, 0, NULL, &err);
        rc = KH_EINVAL;
        goto out;
    }
    src.wbpath = path;
    for (size_t i = 0; i < kh_xlsx_nsheets(src.wb); i++) {
        const char *name = kh_xlsx_sheet_name(src.wb, i);
        int f = kh__sheet_file(name);
        if (f == -2 && !kh_xlsx_sheet_hidden(src.wb, i))
            kh_diags_msg_cell(d, name, 0, NULL, &KH_M_XLSX_UNKNOWN_SHEET, (const char *)NULL);
        if (f < 0)
            continue;
        if (rd.present[f]) {
            kh_diags_msg_cell(d, name, 0, NULL, &KH_M_XLSX_DUP_SHEET, rd.sheet_name[f],
                              canonical_sheet[f], (const char *)NULL);
            continue;
        }
        rd.present[f] = true;
        rd.sheet_name[f] = name;
        b->files |= file_bits[f];
        src.sheet_of[f] = i;
    }
    rc = read_bundle(&rd, &src, before);   /* counts the sheet diagnostics above too */
out:
    if (rc != 0)
        kh_bundle_release(b);
    rd_release(&rd);
    kh_xlsx_sheet_release(&src.sheet);
    kh_xlsx_close(src.wb);
    kh_buf_release(&bytes);
    return rc;
}
