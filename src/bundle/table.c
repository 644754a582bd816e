/*
 * table.c — one input file as a table: header resolution, row iteration and
 * located diagnostics (FORMATS.md "General rules", SPEC §11.1–§11.2).
 *
 * Header resolution.  Each header cell is matched, in this order, against
 * (1) a canonical column name of the file (ASCII case-insensitive), (2) the
 * Chinese alias table below, taking the first alias row whose canonical
 * name belongs to this file — so 单位编码 is `unit` in values.csv but `code`
 * in units.csv, and the more specific reading wins where a file has both
 * (`unit` before `code` in cadres.csv) — and (3) for indicators.csv,
 * `weight.<CAT>` / `权重.<CAT>` with CAT a known category.  Anything else is
 * an unknown column; a column given twice is an error; a missing required
 * column is an error at line 1.  With any of these the header is unusable
 * and the file's rows are not read (one diagnostic per defect, no cascade).
 *
 * Rows.  Blank records are skipped; a record whose field count differs from
 * the header's is reported at the line where it starts and skipped; CSV
 * syntax errors are reported the same way.  A file that lost rows this way
 * is marked not usable, so later files do not report every reference to a
 * lost row as unknown.  Diagnostics name the column as
 * the user wrote it in the header.
 *
 * Sources.  A table reads either a CSV file (rd->text[f]) or a sheet of a
 * workbook (rd->sheet[f], read-xlsx.c): the same header resolution, row
 * rules and readers apply to both, and only the record source and the form
 * of the place differ.  A sheet's record is built from its non-empty cells
 * by column (gaps are empty cells), trimmed like unquoted CSV cells; the
 * header's width is its last non-empty cell, so a sheet has no "wrong field
 * count" — instead a non-empty cell right of the header is an error on that
 * cell.  Places are "file:line:column" for CSV and "sheet!D17" for sheets
 * (struct kh_diag.cell), made in one function (place_vmsg).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "bundle-int.h"
#include "kaohe/arena.h"
#include "kaohe/encoding.h"
#include "kaohe/numfmt.h"
#include "kaohe/xlsx.h"
#include "kaohe/xalloc.h"

/* (alias, canonical) in priority order; see the essay.  Documented in docs/formats.md. */
static const char *const aliases[][2] = {
    {"单位编码", "unit"}, {"单位代码", "unit"}, {"单位", "unit"},
    {"单位编码", "code"}, {"单位代码", "code"},
    {"指标编码", "indicator"}, {"指标", "indicator"},
    {"指标编码", "code"}, {"干部编码", "code"}, {"题目编码", "item"}, {"题目编码", "code"},
    {"编码", "code"}, {"代码", "code"},
    {"单位名称", "name"}, {"指标名称", "name"}, {"名称", "name"}, {"姓名", "name"},
    {"区", "district"}, {"所属区", "district"},
    {"类别", "category"}, {"分类", "category"},
    {"功能区", "zone"},
    {"上级", "parent"}, {"上级指标", "parent"},
    {"类型", "kind"},
    {"计量单位", "measure"},
    {"方向", "direction"},
    {"方法", "method"}, {"计分方法", "method"},
    {"参数", "params"},
    {"缺失处理", "missing"},
    {"责任部门", "department"}, {"部门", "department"},
    {"评价主体", "raters"},
    {"量表", "scale"},
    {"目标值", "target"},
    {"基期值", "baseline"},
    {"状态", "status"},
    {"期间", "period"},
    {"数值", "value"}, {"值", "value"},
    {"来源", "source"},
    {"评价人", "rater"},
    {"被评价", "ratee"}, {"被评价对象", "ratee"},
    {"评价项", "item"},
    {"评分", "score"}, {"得分", "score"},
    {"题目", "text"},
    {"权重", "weight"},
    {"答卷", "response"},
    {"渠道", "channel"},
    {"答案", "answer"},
    {"职位", "position"},
    {"正职", "principal"},
    {"维度", "dims"},
    {"评价组", "groups"},
    {"分管工作", "responsibilities"},
    {"对象", "subject"},
    {"分值", "amount"}, {"数额", "amount"},
    {"事由", "reason"}, {"原因", "reason"},
    {"键", "key"},
    {"档次", "level"}, {"等级", "level"},
    {"分值", "points"},
    {"组别", "group"}, {"评价组", "group"},
    {"合成方式", "combine"},
};

const char *kh__str(struct kh__rd *rd, const char *s)
{
    return kh_arena_strdup(&rd->b->arena, s);
}

const char *kh__intern(struct kh__rd *rd, const char *s)
{
    int32_t i = kh_strmap_get(&rd->intern_ix, s);
    if (i >= 0)
        return rd->interned[i];
    const char *copy = kh__str(rd, s);
    KH_GROW(rd->interned, (size_t)rd->ninterned + 1, rd->interned_cap);
    rd->interned[rd->ninterned] = copy;
    kh_strmap_put(&rd->intern_ix, copy, rd->ninterned);
    return rd->interned[rd->ninterned++];
}

size_t kh__line_count(const struct kh__rd *rd, int f)
{
    if (rd->sheet[f] != NULL)
        return rd->sheet[f]->nrows + 1;
    const char *p = rd->text[f], *end = p ? p + rd->len[f] : NULL;
    size_t n = 1;
    while (p && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        n++;
        p++;
    }
    return n;
}

/*
 * The one place where a diagnostic of a table gets its place: field (-1:
 * none) of the current record at `line`; CSV names the column `colname`.
 */
static void place_vmsg(struct kh__table *t, long line, long field, const char *colname,
                       const struct kh_msg *msg, va_list ap)
{
    if (t->sheet != NULL || t->rd->workbook) {
        char col[8];
        kh_diags_vmsg_cell(t->rd->d, t->fname, line,
                           field >= 0 ? kh_xlsx_colname((uint32_t)field, col) : NULL, msg, ap);
    } else {
        kh_diags_vmsg(t->rd->d, t->fname, line, colname, msg, ap);
    }
}

static void place_msg(struct kh__table *t, long line, long field, const char *colname,
                      const struct kh_msg *msg, ...) __attribute__((sentinel));
static void place_msg(struct kh__table *t, long line, long field, const char *colname,
                      const struct kh_msg *msg, ...)
{
    va_list ap;
    va_start(ap, msg);
    place_vmsg(t, line, field, colname, msg, ap);
    va_end(ap);
}
#define PLACE(t, line, field, colname, name, ...) \
    place_msg((t), (line), (field), (colname), &KH_M_BUNDLE_##name, ##__VA_ARGS__, (const char *)NULL)

static int spec_find(const struct kh__table *t, const char *name)
{
    for (int i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return i;
    return -1;
}

/* Spec column of a header cell, or -1. */
static int resolve(const struct kh__table *t, const char *h)
{
    for (int i = 0; i < t->ncols; i++)
        if (strcasecmp(t->cols[i].name, h) == 0)
            return i;
    for (size_t k = 0; k < sizeof aliases / sizeof aliases[0]; k++) {
        if (strcmp(aliases[k][0], h) != 0)
            continue;
        int c = spec_find(t, aliases[k][1]);
        if (c >= 0)
            return c;
    }
    return -1;
}

/* Category of a weight column header, -1 if not one; -2 if weight.X with X unknown. */
static int32_t weight_column(const struct kh__table *t, const char *h)
{
    const char *rest = NULL;
    if (strncasecmp(h, "weight.", 7) == 0)
        rest = h + 7;
    else if (strncmp(h, "权重.", strlen("权重.")) == 0)
        rest = h + strlen("权重.");
    if (rest == NULL)
        return -1;
    int32_t c = kh_strmap_get(&t->rd->b->category_ix, rest);
    return c >= 0 ? c : -2;
}

/* Trimmed copy of a sheet cell's text (ASCII spaces and tabs, as the CSV
 * reader trims an unquoted cell) appended to buf with its NUL; its offset. */
static size_t put_trimmed(struct kh_buf *buf, const char *s)
{
    size_t n = strlen(s), off = buf->len;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    while (n > 0 && (*s == ' ' || *s == '\t'))
        s++, n--;
    kh_buf_append(buf, s, n);
    kh_buf_putc(buf, '\0');
    return off;
}

/*
 * The next row of the sheet as a record of `width` fields (0: the header,
 * as wide as its last non-empty cell).  Returns 1, 0 at the end, or -1 when
 * the row has a non-empty cell right of the header (reported).  Blank rows
 * come back as records whose fields are all empty, as CSV's do.
 */
static int sheet_next(struct kh__table *t, size_t width)
{
    const struct kh_xlsx_sheet *sh = t->sheet;
    if (t->next_row >= sh->nrows)
        return 0;
    const struct kh_xlsx_row *r = &sh->rows[t->next_row++];
    size_t offs[KH__MAXCOLS * 4];
    t->line = r->row;
    kh_buf_reset(&t->cellbuf);
    size_t empty = put_trimmed(&t->cellbuf, "");
    if (width == 0) {
        for (size_t i = 0; i < r->n; i++) {
            const struct kh_xlsx_cell *c = &sh->cells[r->first + i];
            if (kh_xlsx_text(sh, c)[strspn(kh_xlsx_text(sh, c), " \t")] != '\0')
                width = c->col + 1;
        }
        if (width > sizeof offs / sizeof offs[0])
            width = sizeof offs / sizeof offs[0];   /* more is an unknown column anyway */
    }
    for (size_t i = 0; i < width; i++)
        offs[i] = empty;
    int rc = 1;
    for (size_t i = 0; i < r->n; i++) {
        const struct kh_xlsx_cell *c = &sh->cells[r->first + i];
        const char *text = kh_xlsx_text(sh, c);
        if (c->col < width) {
            offs[c->col] = put_trimmed(&t->cellbuf, text);
        } else if (text[strspn(text, " \t")] != '\0' && rc == 1) {
            place_msg(t, t->line, (long)c->col, NULL, &KH_M_XLSX_OUTSIDE_HEADER, (const char *)NULL);
            rc = -1;
        }
    }
    KH_GROW(t->sfields, width + 1, t->sfields_cap);
    for (size_t i = 0; i < width; i++)
        t->sfields[i] = t->cellbuf.data + offs[i];
    t->fields = (const char *const *)t->sfields;
    t->nfields = width;
    return rc;
}

static bool record_blank(const struct kh__table *t)
{
    if (t->sheet == NULL)
        return kh_csv_record_blank(&t->csv);
    for (size_t i = 0; i < t->nfields; i++)
        if (t->fields[i][0] != '\0')
            return false;
    return true;
}

/* The header record: 1, 0 (none) or -1 (reported). */
static int read_header(struct kh__table *t)
{
    int rc;
    if (t->sheet != NULL) {
        while ((rc = sheet_next(t, 0)) == 1 && record_blank(t))
            ;
        return rc;
    }
    struct kh_error err;
    kh_error_clear(&err);
    while ((rc = kh_csv_next(&t->csv, &err)) == 1 && kh_csv_record_blank(&t->csv))
        ;
    if (rc < 0) {
        kh_diags_add_error(t->rd->d, t->fname, err.line, NULL, &err);
        return -1;
    }
    t->fields = (const char *const *)t->csv.fields;
    t->nfields = t->csv.nfields;
    t->line = t->csv.line;
    return rc;
}

bool kh__table_open(struct kh__rd *rd, int f, const struct kh__colspec *cols, int ncols,
                    bool weights, struct kh__table *t)
{
    struct kh_bundle *b = rd->b;
    bool ok = true;
    memset(t, 0, sizeof *t);
    t->rd = rd;
    t->file = f;
    t->fname = rd->workbook ? rd->sheet_name[f] : kh_bundle_input_files[f];
    t->sheet = rd->sheet[f];
    kh_buf_init(&t->cellbuf, 0);
    t->cols = cols;
    t->ncols = ncols;
    for (int i = 0; i < KH__MAXCOLS; i++)
        t->idx[i] = -1;
    kh_csv_reader_init(&t->csv, rd->text[f] ? rd->text[f] : "", rd->text[f] ? rd->len[f] : 0);
    if (!rd->present[f] || (rd->text[f] == NULL && t->sheet == NULL))
        return false;   /* absence and encoding errors are reported by the driver */
    if (weights) {
        t->wfield = kh_xmalloc(((size_t)b->ncategories + 1) * sizeof *t->wfield);
        t->wname = kh_xcalloc((size_t)b->ncategories + 1, sizeof *t->wname);
        for (int32_t c = 0; c < b->ncategories; c++)
            t->wfield[c] = -1;
    }
    int rc = read_header(t);
    if (rc < 0)
        return false;
    if (rc == 0) {
        PLACE(t, t->sheet ? 0 : 1, -1, NULL, EMPTY_FILE);
        return false;
    }
    t->nheader = t->nfields;
    long hline = t->sheet ? t->line : 1;   /* where a missing column is reported */
    for (size_t i = 0; i < t->nfields; i++) {
        const char *h = t->fields[i];
        int c = resolve(t, h);
        if (c >= 0) {
            if (t->idx[c] >= 0) {
                PLACE(t, t->line, (long)i, h, DUP_COLUMN, t->hdr[c], cols[c].name);
                ok = false;
            } else {
                t->idx[c] = (int)i;
                t->hdr[c] = kh__str(rd, h);
            }
            continue;
        }
        int32_t wc = weights ? weight_column(t, h) : -1;
        if (wc >= 0) {
            if (t->wfield[wc] >= 0) {
                char canon[300];
                snprintf(canon, sizeof canon, "weight.%s", b->categories[wc].code);
                PLACE(t, t->line, (long)i, h, DUP_COLUMN, t->wname[wc], canon);
                ok = false;
            } else {
                t->wfield[wc] = (int32_t)i;
                t->wname[wc] = kh__str(rd, h);
            }
            continue;
        }
        if (wc == -2)
            PLACE(t, t->line, (long)i, h, UNKNOWN_WEIGHT_CATEGORY);
        else if (h[0] == '\0')
            PLACE(t, t->line, (long)i, NULL, EMPTY_HEADER, KH_ARG_SIZE(i + 1));
        else
            PLACE(t, t->line, (long)i, h, UNKNOWN_COLUMN, h);
        ok = false;
    }
    for (int c = 0; c < ncols; c++) {
        if (cols[c].required && t->idx[c] < 0) {
            PLACE(t, hline, -1, cols[c].name, MISSING_COLUMN, cols[c].name);
            ok = false;
        }
    }
    if (weights && rd->usable[KH__F_CATEGORIES]) {
        for (int32_t c = 0; c < b->ncategories; c++) {
            if (t->wfield[c] < 0) {
                char name[300];
                snprintf(name, sizeof name, "weight.%s", b->categories[c].code);
                PLACE(t, hline, -1, name, MISSING_WEIGHT_COLUMN, b->categories[c].code);
                ok = false;
            }
        }
    }
    rd->spec[f] = cols;
    rd->nspec[f] = ncols;
    memcpy(rd->field[f], t->idx, sizeof t->idx);
    return ok;
}

/* Give back the pages of an owned input the reader has passed, in steps of
 * FORGET_STEP so the system call is rare.  Safe: the reader copies every
 * cell into its own store and never looks behind its position, and the
 * readers take the file's line count before their first row. */
#define FORGET_STEP ((size_t)16 << 20)

static void forget_consumed(struct kh__table *t)
{
    struct kh_buf *own = t->rd->own[t->file];
    if (own == NULL || t->sheet != NULL)
        return;
    size_t done = (size_t)(t->csv.p - own->data);
    if (done >= t->forgotten + FORGET_STEP) {
        kh_buf_forget(own, done);
        t->forgotten = done;
    }
}

int kh__table_next(struct kh__table *t)
{
    struct kh_error err;
    forget_consumed(t);
    for (;;) {
        if (t->sheet != NULL) {
            int rc = sheet_next(t, t->nheader);
            if (rc == 0)
                return 0;
            if (rc < 0) {
                t->rd->usable[t->file] = false;   /* rows lost: not a reference any more */
                continue;
            }
            if (!record_blank(t))
                return 1;
            continue;
        }
        kh_error_clear(&err);
        int rc = kh_csv_next(&t->csv, &err);
        if (rc == 0)
            return 0;
        if (rc < 0) {
            kh_diags_add_error(t->rd->d, t->fname, err.line, NULL, &err);
            t->rd->usable[t->file] = false;   /* rows lost: not a reference any more */
            continue;
        }
        t->line = t->csv.line;
        t->fields = (const char *const *)t->csv.fields;
        t->nfields = t->csv.nfields;
        if (kh_csv_record_blank(&t->csv))
            continue;
        if (t->csv.nfields != t->nheader) {
            KH_DIAG(t->rd->d, t->fname, t->line, NULL, BUNDLE_FIELD_COUNT,
                    KH_ARG_SIZE(t->csv.nfields), KH_ARG_SIZE(t->nheader));
            t->rd->usable[t->file] = false;
            continue;
        }
        return 1;
    }
}

void kh__table_close(struct kh__table *t)
{
    kh_csv_reader_release(&t->csv);
    kh_buf_release(&t->cellbuf);
    free(t->sfields);
    free(t->wfield);
    free(t->wname);
    t->sfields = NULL;
    t->wfield = NULL;
    t->wname = NULL;
}

const char *kh__cell(const struct kh__table *t, int c)
{
    int i = t->idx[c];
    return i >= 0 && (size_t)i < t->nfields ? t->fields[i] : "";
}

bool kh__has(const struct kh__table *t, int c)
{
    return t->idx[c] >= 0;
}

const char *kh__colname(const struct kh__table *t, int c)
{
    return t->hdr[c] ? t->hdr[c] : t->cols[c].name;
}

void kh__err(struct kh__table *t, int c, const struct kh_msg *msg, ...)
{
    va_list ap;
    va_start(ap, msg);
    place_vmsg(t, t->line, c >= 0 ? t->idx[c] : -1, c >= 0 ? kh__colname(t, c) : NULL, msg, ap);
    va_end(ap);
}

void kh__err_from(struct kh__table *t, int c, const struct kh_error *e)
{
    const char *a[KH_MSG_MAXARGS + 1] = {0};
    for (int i = 0; i < e->nargs && i < KH_MSG_MAXARGS; i++)
        a[i] = kh_error_arg(e, i);
    /* a[nargs] is NULL: the list ends there */
    kh__err(t, c, e->msg ? e->msg : &KH_M_RAW, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7],
            (const char *)NULL);
}

/* The field whose header is `col` as written (or, failing that, the spec
 * column of that canonical name); -1 when none. */
static long field_named(const struct kh__table *t, const char *col)
{
    for (int c = 0; c < t->ncols; c++)
        if (t->hdr[c] && strcmp(t->hdr[c], col) == 0)
            return t->idx[c];
    for (int32_t w = 0; t->wname && w < t->rd->b->ncategories; w++)
        if (t->wname[w] && strcmp(t->wname[w], col) == 0)
            return t->wfield[w];
    int c = spec_find(t, col);
    return c >= 0 ? t->idx[c] : -1;
}

void kh__err_named(struct kh__table *t, const char *col, const struct kh_msg *msg, ...)
{
    va_list ap;
    va_start(ap, msg);
    place_vmsg(t, t->line, col ? field_named(t, col) : -1, col, msg, ap);
    va_end(ap);
}

void kh__diag_at(struct kh__rd *rd, int f, long line, const char *col, const struct kh_msg *msg,
                 ...)
{
    va_list ap;
    va_start(ap, msg);
    if (rd->workbook) {
        long field = -1;
        for (int c = 0; col && c < rd->nspec[f]; c++)
            if (strcmp(rd->spec[f][c].name, col) == 0)
                field = rd->field[f][c];
        char letters[8];
        kh_diags_vmsg_cell(rd->d, rd->sheet_name[f], line,
                           field >= 0 ? kh_xlsx_colname((uint32_t)field, letters) : NULL, msg, ap);
    } else {
        kh_diags_vmsg(rd->d, kh_bundle_input_files[f], line, col, msg, ap);
    }
    va_end(ap);
}

int32_t kh__lookup(struct kh__table *t, int c, const struct kh_strmap *map, const char *s)
{
    struct kh__memo *m = t->memo[c];
    for (int w = 0; w < 2; w++)
        if (m[w].map == map && strcmp(m[w].code, s) == 0)
            return m[w].val;
    int32_t v = kh_strmap_get(map, s);
    kh__memo_set(t, c, map, s, v);
    return v;
}

void kh__memo_set(struct kh__table *t, int c, const struct kh_strmap *map, const char *s,
                  int32_t val)
{
    struct kh__memo *m = t->memo[c];
    size_t n = strlen(s);
    if (n >= sizeof m[0].code)
        return;   /* too long to remember: looked up every time */
    /* an entry for the same (map, code) is replaced, never duplicated */
    if (!(m[0].map == map && strcmp(m[0].code, s) == 0))
        m[1] = m[0];
    memcpy(m[0].code, s, n + 1);
    m[0].map = map;
    m[0].val = val;
}

bool kh__code_ok(const char *s)
{
    if (s[0] == '\0')
        return false;
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == ';' || c == '=' || c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
            c == '\v' || c == '\f')
            return false;
        /* U+3000 ideographic space, U+00A0 no-break space */
        if (c == 0xE3 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0x80)
            return false;
        if (c == 0xC2 && (unsigned char)p[1] == 0xA0)
            return false;
    }
    return true;
}

bool kh__check_code(struct kh__table *t, int c)
{
    const char *s = kh__cell(t, c);
    if (s[0] == '\0') {
        KH__ERR(t, c, EMPTY_CODE);
        return false;
    }
    if (!kh__code_ok(s)) {
        KH__ERR(t, c, BAD_CODE, s);
        return false;
    }
    return true;
}

bool kh__num(struct kh__table *t, int c, bool allow_empty, double *out)
{
    const char *s = kh__cell(t, c);
    if (s[0] == '\0') {
        *out = NAN;
        if (allow_empty)
            return true;
        KH__ERR(t, c, NUMBER_REQUIRED);
        return false;
    }
    if (!kh_parse_double(s, out)) {
        KH__ERR(t, c, NOT_A_NUMBER, s);
        *out = NAN;
        return false;
    }
    if (!kh__num_in_range(*out)) {
        KH__ERR(t, c, NUMBER_RANGE, s);
        *out = NAN;
        return false;
    }
    return true;
}

bool kh__num_in_range(double x)
{
    double a = fabs(x);
    return a == 0 || (a >= KH__NUM_MIN && a <= KH__NUM_MAX);
}

bool kh__parse_num(const char *s, double *out)
{
    return kh_parse_double(s, out) && kh__num_in_range(*out);
}
