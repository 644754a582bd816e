/*
 * xlsx-results.c — the results workbook of a computed cycle
 * (xlsx-results.h): its sheets in order, the result and input tables, and
 * the atomic write.
 *
 * Result sheets.  Each result file of FORMATS.md has an entry in `tables`
 * below: its sheet name and, per CSV column, the Chinese and English header
 * and how the cell is typed (xlsx-int.h).  A sheet holds the file's rows in
 * the file's order, cell for cell; a column the table does not know (a
 * later schema) keeps its CSV name and is typed as a number where it parses
 * as one, so no column is ever dropped.  The English sheet names are the
 * file names without ".csv": the input sheets are named the same way, and
 * Excel sheet names are case-insensitive, so "Units" would clash with the
 * input sheet "units".
 *
 * Input sheets.  The bundle's files come from kh_bundle_write_rows — the
 * very cells `kaohe export` writes — with the canonical header, so a reader
 * of workbooks finds what it would find in the folder.  Number columns
 * (values, targets, weights, amounts, scores, points, position weights) hold
 * numbers where the text is one; every other cell is a string, so codes
 * such as "001" or a cycle code "2024" stay text and read back unchanged.
 *
 * Bytes.  libxlsxwriter stamps docProps/core.xml with the creation time;
 * it is set to the cycle's computation time (a fixed date when unknown), so
 * the same cycle exports to identical bytes.  The zip entries carry
 * libxlsxwriter's own fixed date.
 *
 * Atomic write.  The workbook goes to "<path>.tmp" — created first by us,
 * so an unwritable folder is reported with the system's reason before
 * libxlsxwriter runs — and is renamed over path only when complete; every
 * failure removes the temporary file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/msg-report.h"
#include "kaohe/results-csv.h"
#include "kaohe/xalloc.h"
#include "kaohe/xlsx-results.h"
#include "report/xlsx-int.h"

#define MAX_ROWS 1048576u   /* Excel's limit, header included */

enum colour { PLAIN, TEAM_GRADE, CADRE_GRADE, VETO, FLAGS, LEVEL, KIND };

struct column {
    const char *name, *zh, *en;
    enum kh__xlsx_kind kind;
    enum colour colour;
};

struct table {
    const char *file, *zh, *en;
    struct column cols[12];
};

#define T KH__XK_TEXT
#define I KH__XK_INT
#define S KH__XK_SCORE
#define N KH__XK_NUM

/* In FORMATS.md order; the columns are the writers' of results-csv.c. */
static const struct table tables[] = {
    {"results_units.csv", "单位结果", "results_units",
     {{"unit", "单位编码", "unit", T, PLAIN},
      {"category", "类别", "category", T, PLAIN},
      {"base", "基础得分", "base", S, PLAIN},
      {"bonus", "加分", "bonus", S, PLAIN},
      {"penalty", "扣分", "penalty", S, PLAIN},
      {"composite", "综合得分", "composite", S, PLAIN},
      {"rank_category", "类别内排名", "rank in category", I, PLAIN},
      {"rank_overall", "总排名", "overall rank", I, PLAIN},
      {"grade", "等次", "grade", T, TEAM_GRADE},
      {"veto", "一票否决", "veto", T, VETO},
      {"flags", "标记", "flags", T, FLAGS}}},
    {"results_nodes.csv", "指标得分", "results_nodes",
     {{"unit", "单位编码", "unit", T, PLAIN},
      {"node", "指标编码", "indicator", T, PLAIN},
      {"value", "数值", "value", N, PLAIN},
      {"score", "得分", "score", S, PLAIN},
      {"weight_global", "全局权重", "global weight", N, PLAIN}}},
    {"results_cadres.csv", "干部结果", "results_cadres",
     {{"cadre", "干部编码", "cadre", T, PLAIN},
      {"unit", "单位编码", "unit", T, PLAIN},
      {"position", "职位", "position", T, PLAIN},
      {"team", "班子得分", "team", S, PLAIN},
      {"duty", "履职得分", "duty", S, PLAIN},
      {"evaluation", "测评得分", "evaluation", S, PLAIN},
      {"penalty", "扣分", "penalty", S, PLAIN},
      {"score", "综合得分", "score", S, PLAIN},
      {"grade", "等次", "grade", T, CADRE_GRADE},
      {"veto", "一票否决", "veto", T, VETO},
      {"flags", "标记", "flags", T, FLAGS}}},
    {"results_surveys.csv", "满意度调查", "results_surveys",
     {{"unit", "单位编码", "unit", T, PLAIN},
      {"n", "样本量", "n", I, PLAIN},
      {"mean", "平均分", "mean", S, PLAIN},
      {"sd", "标准差", "sd", S, PLAIN},
      {"ci_low", "置信区间下限", "CI low", S, PLAIN},
      {"ci_high", "置信区间上限", "CI high", S, PLAIN},
      {"rate", "满意率", "rate", N, PLAIN},
      {"flags", "标记", "flags", T, FLAGS}}},
    {"warnings.csv", "进度预警", "warnings",
     {{"unit", "单位编码", "unit", T, PLAIN},
      {"indicator", "指标编码", "indicator", T, PLAIN},
      {"period", "期间", "period", T, PLAIN},
      {"expected", "应达进度", "expected", N, PLAIN},
      {"actual", "实际值", "actual", N, PLAIN},
      {"ratio", "完成比", "ratio", S, PLAIN},
      {"level", "预警等级", "level", T, LEVEL}}},
    {"results_contributions.csv", "得分贡献", "results_contributions",
     {{"unit", "单位编码", "unit", T, PLAIN},
      {"leaf", "指标编码", "leaf", T, PLAIN},
      {"contribution", "对综合得分的贡献", "contribution", S, PLAIN}}},
    {"results_strengths.csv", "优势短板", "results_strengths",
     {{"unit", "单位编码", "unit", T, PLAIN},
      {"kind", "优势/短板", "kind", T, KIND},
      {"rank", "序号", "rank", I, PLAIN},
      {"leaf", "指标编码", "leaf", T, PLAIN},
      {"gap", "加权差距", "weighted gap", S, PLAIN},
      {"score", "本单位得分", "score", S, PLAIN},
      {"type_mean", "同类型均值", "type mean", S, PLAIN},
      {"weight_global", "全局权重", "global weight", N, PLAIN}}},
};

#undef T
#undef I
#undef S
#undef N

static const struct column *find_column(const struct table *t, const char *name)
{
    for (size_t i = 0; i < sizeof t->cols / sizeof t->cols[0] && t->cols[i].name; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return &t->cols[i];
    return NULL;
}

/* The number of records of a CSV text (header included), or a negative code. */
static long count_records(const char *data, size_t len, struct kh_error *e)
{
    struct kh_csv_reader r;
    long n = 0;
    int rc;
    kh_csv_reader_init(&r, data, len);
    while ((rc = kh_csv_next(&r, e)) == 1)
        n++;
    kh_csv_reader_release(&r);
    return rc < 0 ? rc : n;
}

/* One result sheet: the file's records cell for cell under translated headers. */
static int result_sheet(struct kh__xlsx *x, const struct table *t, const struct kh_bundle_file *f,
                        struct kh_error *err)
{
    struct kh_error e;
    kh_error_clear(&e);
    const char *name = KH__XLSX_TR(x, t->zh, t->en);
    long nrec = count_records(f->data, f->len, &e);
    if (nrec < 0)
        return kh__xlsx_bad_csv(x, err, t->file, &e);
    if ((unsigned long)nrec > MAX_ROWS)
        return KH_ERR(err, KH_EINVAL, REPORT_XLSX_TOO_BIG, name, KH_ARG_LONG(nrec));

    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (ws == NULL)
        return KH_ERR(err, KH_EINVAL, REPORT_XLSX_BAD_RESULT, t->file, name);
    struct kh__xlsx_sheet s;
    struct kh_csv_reader r;
    const struct column **cols = NULL;
    size_t ncols = 0;
    lxw_row_t row = 0;
    int rc;
    kh__xlsx_sheet_init(&s, x, ws);
    kh_csv_reader_init(&r, f->data, f->len);
    while ((rc = kh_csv_next(&r, &e)) == 1) {
        if (row == 0) {
            ncols = r.nfields;
            cols = kh_xcalloc(ncols + 1, sizeof *cols);
            for (size_t c = 0; c < ncols; c++) {
                cols[c] = find_column(t, r.fields[c]);
                kh__xlsx_text(&s, 0, (lxw_col_t)c,
                              cols[c] ? KH__XLSX_TR(x, cols[c]->zh, cols[c]->en) : r.fields[c],
                              x->header);
            }
        } else {
            for (size_t c = 0; c < r.nfields && c < ncols; c++)
                kh__xlsx_cell(&s, row, (lxw_col_t)c, r.fields[c],
                              cols[c] ? cols[c]->kind : KH__XK_NUM);
        }
        row++;
    }
    kh_csv_reader_release(&r);
    lxw_row_t last = row > 1 ? row - 1 : 0;
    for (size_t c = 0; rc == 0 && row > 1 && c < ncols; c++) {
        switch (cols[c] ? cols[c]->colour : PLAIN) {
        case TEAM_GRADE:
            kh__xlsx_grade_colours(x, ws, 1, last, (lxw_col_t)c, &x->b->cycle.team_grades);
            break;
        case CADRE_GRADE:
            kh__xlsx_grade_colours(x, ws, 1, last, (lxw_col_t)c, &x->b->cycle.cadre_grades);
            break;
        case VETO:
            kh__xlsx_flag_colours(x, ws, 1, last, (lxw_col_t)c, x->fill_red);
            break;
        case FLAGS:
            kh__xlsx_flag_colours(x, ws, 1, last, (lxw_col_t)c, x->fill_yellow);
            break;
        case LEVEL:
            kh__xlsx_text_colour(x, ws, 1, last, (lxw_col_t)c, "red", x->fill_red);
            kh__xlsx_text_colour(x, ws, 1, last, (lxw_col_t)c, "yellow", x->fill_yellow);
            break;
        case KIND:
            kh__xlsx_text_colour(x, ws, 1, last, (lxw_col_t)c, "strength", x->fill_green);
            kh__xlsx_text_colour(x, ws, 1, last, (lxw_col_t)c, "weakness", x->fill_red);
            break;
        case PLAIN:
            break;
        }
    }
    kh__xlsx_sheet_finish(&s, true, last);
    free(cols);
    return rc < 0 ? kh__xlsx_bad_csv(x, err, t->file, &e) : 0;
}

/* Input columns that hold numbers (FORMATS.md); cycle.csv's values are
 * settings of every kind and stay text. */
static bool number_column(const char *file, const char *name)
{
    static const char *const names[] = {"value", "target", "baseline", "amount", "score",
                                        "points", "weight"};
    if (strcmp(file, "cycle.csv") == 0)
        return false;
    if (strncmp(name, "weight.", 7) == 0 || strncmp(name, "w_", 2) == 0)
        return true;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

struct input_sink {
    struct kh__xlsx *x;
    struct kh_error *err;
    struct kh__xlsx_sheet s;
    const char *file;
    char name[64];
    bool *numeric;           /* [ncols] */
    size_t ncols;
    lxw_row_t row;
};

static int input_begin(void *ctx, const char *file, const char *const *header, size_t n)
{
    struct input_sink *k = ctx;
    size_t len = strlen(file);
    if (len > 4 && strcmp(file + len - 4, ".csv") == 0)
        len -= 4;
    snprintf(k->name, sizeof k->name, "%.*s", (int)len, file);
    lxw_worksheet *ws = workbook_add_worksheet(k->x->wb, k->name);
    if (ws == NULL)
        return KH_ERR(k->err, KH_EINVAL, REPORT_XLSX_WRITE, k->name, lxw_strerror(LXW_ERROR_SHEETNAME_ALREADY_USED));
    kh__xlsx_sheet_init(&k->s, k->x, ws);
    k->file = file;
    k->ncols = n;
    k->numeric = kh_xcalloc(n + 1, sizeof *k->numeric);
    for (size_t c = 0; c < n; c++) {
        k->numeric[c] = number_column(file, header[c]);
        if (!k->numeric[c])
            kh__xlsx_column_format(&k->s, (lxw_col_t)c, k->x->text);
    }
    kh__xlsx_header(&k->s, 0, header, n);
    k->row = 1;
    return 0;
}

static int input_row(void *ctx, const char *const *cells, size_t n)
{
    struct input_sink *k = ctx;
    if (k->row >= MAX_ROWS)
        return KH_ERR(k->err, KH_EINVAL, REPORT_XLSX_TOO_BIG, k->name, KH_ARG_LONG(k->row + 1));
    for (size_t c = 0; c < n && c < k->ncols; c++)
        kh__xlsx_cell(&k->s, k->row, (lxw_col_t)c, cells[c],
                      k->numeric[c] ? KH__XK_NUM : KH__XK_TEXT);
    k->row++;
    return 0;
}

static int input_end(void *ctx)
{
    struct input_sink *k = ctx;
    kh__xlsx_sheet_finish(&k->s, true, k->row - 1);
    free(k->numeric);
    k->numeric = NULL;
    return 0;
}

static const struct kh_bundle_sink input_sink_ops = {input_begin, input_row, input_end};

/* A fill with its dark text, as Excel's own "good / neutral / bad" styles. */
static lxw_format *fill_format(lxw_workbook *wb, lxw_color_t bg, lxw_color_t fg)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_bg_color(f, bg);
    format_set_font_color(f, fg);
    return f;
}

static void add_formats(struct kh__xlsx *x)
{
    x->header = workbook_add_format(x->wb);
    format_set_bold(x->header);
    format_set_bg_color(x->header, 0xD9E1F2);
    format_set_bottom(x->header, LXW_BORDER_THIN);
    x->title = workbook_add_format(x->wb);
    format_set_bold(x->title);
    format_set_font_size(x->title, 14);
    x->score = workbook_add_format(x->wb);
    format_set_num_format(x->score, "0.00");
    x->text = workbook_add_format(x->wb);
    format_set_num_format(x->text, "@");
    x->wrap = workbook_add_format(x->wb);
    format_set_text_wrap(x->wrap);
    format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
    x->count = workbook_add_format(x->wb);
    format_set_num_format(x->count, "0");
    x->fill_green = fill_format(x->wb, 0xC6EFCE, 0x006100);
    x->fill_blue = fill_format(x->wb, 0xDDEBF7, 0x1F4E78);
    x->fill_yellow = fill_format(x->wb, 0xFFEB9C, 0x9C5700);
    x->fill_red = fill_format(x->wb, 0xFFC7CE, 0x9C0006);
}

/* "YYYY-MM-DD[THH:MM:SS]" (UTC) as a time_t; 2000-01-01 when unknown — never
 * 0, which libxlsxwriter would replace by the clock. */
static time_t created_time(const char *iso)
{
    struct tm tm = {0};
    int y = 2000, mo = 1, d = 1, h = 0, mi = 0, s = 0;
    if (iso && sscanf(iso, "%d-%d-%d%*[T ]%d:%d:%d", &y, &mo, &d, &h, &mi, &s) < 3)
        y = 2000, mo = 1, d = 1;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    time_t t = timegm(&tm);
    return t > 0 ? t : 946684800;
}

static const struct kh_bundle_file *find_file(const struct kh_bundle_file *f, size_t n,
                                              const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(f[i].name, name) == 0)
            return &f[i];
    return NULL;
}

/* Every sheet, in order; the workbook is not closed here.  results NULL:
 * the input workbook, whose first sheet is the guide. */
static int fill_workbook(struct kh__xlsx *x, const struct kh_bundle_file *results, size_t n,
                         struct kh_error *err)
{
    int rc = 0;
    if (results == NULL) {
        kh__xlsx_guide(x, workbook_add_worksheet(x->wb, KH__XLSX_TR(x, "填表说明", "notes")));
    } else {
        const struct kh_bundle_file *units = find_file(results, n, "results_units.csv");
        lxw_worksheet *summary = workbook_add_worksheet(x->wb, KH__XLSX_TR(x, "汇总", "Summary"));
        rc = kh__xlsx_summary(x, summary, units ? units->data : NULL, units ? units->len : 0, err);
    }
    for (size_t t = 0; rc == 0 && results != NULL && t < sizeof tables / sizeof tables[0]; t++) {
        const struct kh_bundle_file *f = find_file(results, n, tables[t].file);
        if (f != NULL)
            rc = result_sheet(x, &tables[t], f, err);
    }
    if (rc == 0) {
        struct input_sink k = {.x = x, .err = err};
        rc = kh_bundle_write_rows(x->b, &input_sink_ops, &k);
        free(k.numeric);   /* left when a row stopped the walk */
        if (k.s.width)
            kh__xlsx_sheet_finish(&k.s, false, 0);
    }
    return rc;
}

/* The workbook of b, with results (NULL: the input workbook) to path, via
 * path.tmp; nothing is left at either on failure. */
static int write_workbook(const struct kh_bundle *b, const struct kh_bundle_file *results, size_t n,
                          const struct kh_xlsx_opts *opts, const char *path, struct kh_error *err)
{
    size_t plen = strlen(path);
    char *tmp = kh_xmalloc(plen + 5);
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp", 5);
    int rc = 0;

    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0) {
        rc = KH_ERR(err, KH_EIO, REPORT_XLSX_WRITE, path, strerror(errno));
        free(tmp);
        return rc;
    }
    close(fd);

    struct kh__xlsx x = {.b = b, .lang = opts->lang,
                         .computed_at = opts->computed_at ? opts->computed_at : ""};
    x.wb = workbook_new(tmp);
    if (x.wb == NULL) {
        rc = KH_ERR(err, KH_EIO, REPORT_XLSX_WRITE, path, lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED));
        goto out;
    }
    char title[320];
    snprintf(title, sizeof title, "%s %s",
             results ? KH__XLSX_TR(&x, "考核结果", "Assessment results")
                     : KH__XLSX_TR(&x, "考核数据", "Assessment data"),
             b->cycle.code ? b->cycle.code : "");
    lxw_doc_properties props = {.title = title, .author = "kaohe",
                                .created = created_time(x.computed_at)};
    workbook_set_properties(x.wb, &props);
    add_formats(&x);
    rc = fill_workbook(&x, results, n, err);
    if (rc == 0 && x.failed != LXW_NO_ERROR)
        rc = KH_ERR(err, KH_EIO, REPORT_XLSX_WRITE, path, lxw_strerror(x.failed));
    lxw_error closed = workbook_close(x.wb);   /* also frees the workbook after a failure */
    if (rc == 0 && closed != LXW_NO_ERROR)
        rc = KH_ERR(err, KH_EIO, REPORT_XLSX_WRITE, path, lxw_strerror(closed));
    if (rc == 0 && rename(tmp, path) != 0)
        rc = KH_ERR(err, KH_EIO, REPORT_XLSX_WRITE, path, strerror(errno));
out:
    if (rc != 0)
        unlink(tmp);
    free(tmp);
    return rc;
}

int kh_xlsx_results_write(const struct kh_bundle *b, const struct kh_bundle_file *results, size_t n,
                          const struct kh_xlsx_opts *opts, const char *path, struct kh_error *err)
{
    static const struct kh_bundle_file none = {0};
    return write_workbook(b, results ? results : &none, results ? n : 0, opts, path, err);
}

int kh_xlsx_bundle_write(const struct kh_bundle *b, const struct kh_xlsx_opts *opts, const char *path,
                         struct kh_error *err)
{
    struct kh_bundle every = *b;   /* a shallow view: every input sheet, header-only when empty */
    every.files = KH_FILE_CYCLE | KH_FILE_SCALES | KH_FILE_RATER_GROUPS | KH_FILE_RATERS |
                  KH_FILE_TARGETS | KH_FILE_VALUES | KH_FILE_RATINGS | KH_FILE_SURVEY_ITEMS |
                  KH_FILE_RESPONSES | KH_FILE_POSITIONS | KH_FILE_CADRES | KH_FILE_ADJUSTMENTS;
    return write_workbook(&every, NULL, 0, opts, path, err);
}
