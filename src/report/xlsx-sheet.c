/*
 * xlsx-sheet.c — writing one worksheet of the results workbook
 * (xlsx-int.h): typed cells, column widths, the frozen header, and the
 * conditional colours of grades and flags.
 *
 * Typing.  A result or input cell arrives as CSV text.  In a number column
 * it becomes an Excel number holding the double the text denotes
 * (kh_parse_double, the bundle reader's own syntax), so the cell value is
 * the file's full-precision number and only its format rounds the display
 * ("0.00" for scores).  Text that is not a number stays a string: a cell is
 * never lost or altered to fit its column.  An empty cell is left blank,
 * which a reader sees as the CSV's empty cell.
 *
 * Colours are conditional formats on the cell text, not fills baked into
 * cells: the values stay what the CSV says, and a user who sorts or edits
 * the sheet keeps the colours right.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/error.h"
#include "kaohe/msg-report.h"
#include "kaohe/numfmt.h"
#include "kaohe/textwidth.h"
#include "kaohe/xalloc.h"
#include "report/xlsx-int.h"

#define MIN_WIDTH 4.0
#define MAX_WIDTH 60.0

int kh__xlsx_bad_csv(const struct kh__xlsx *x, struct kh_error *err, const char *file,
                     const struct kh_error *csv)
{
    char why[512];
    kh_error_render(csv, x->lang, why, sizeof why);
    return KH_ERR(err, KH_EINVAL, REPORT_XLSX_BAD_RESULT, file, why);
}

void kh__xlsx_sheet_init(struct kh__xlsx_sheet *s, struct kh__xlsx *x, lxw_worksheet *ws)
{
    s->x = x;
    s->ws = ws;
    s->width = NULL;
    s->format = NULL;
    s->ncols = s->cap = 0;
}

/* Keep the first libxlsxwriter error of the workbook: checked once at the end. */
static void note_error(struct kh__xlsx *x, lxw_error e)
{
    if (e != LXW_NO_ERROR && x->failed == LXW_NO_ERROR)
        x->failed = e;
}

static void note_width(struct kh__xlsx_sheet *s, lxw_col_t col, double w)
{
    if ((size_t)col >= s->cap) {
        size_t old = s->cap;
        size_t fcap = old;
        KH_GROW(s->width, (size_t)col + 1, s->cap);
        KH_GROW(s->format, s->cap, fcap);   /* at least as many as width */
        for (size_t i = old; i < s->cap; i++) {
            s->width[i] = 0;
            s->format[i] = NULL;
        }
    }
    if ((size_t)col >= s->ncols)
        s->ncols = (size_t)col + 1;
    if (w > s->width[col])
        s->width[col] = w;
}

void kh__xlsx_text(struct kh__xlsx_sheet *s, lxw_row_t row, lxw_col_t col, const char *text,
                   lxw_format *fmt)
{
    if (text == NULL || text[0] == '\0')
        return;
    note_error(s->x, worksheet_write_string(s->ws, row, col, text, fmt));
    note_width(s, col, (double)kh_text_width(text));
}

void kh__xlsx_cell(struct kh__xlsx_sheet *s, lxw_row_t row, lxw_col_t col, const char *text,
                   enum kh__xlsx_kind kind)
{
    double v;
    if (kind == KH__XK_TEXT || text[0] == '\0' || !kh_parse_double(text, &v)) {
        kh__xlsx_text(s, row, col, text, NULL);
        return;
    }
    char shown[48];
    lxw_format *fmt = NULL;
    if (kind == KH__XK_SCORE) {
        fmt = s->x->score;
        snprintf(shown, sizeof shown, "%.2f", v);
    } else {
        fmt = kind == KH__XK_INT ? s->x->count : NULL;
        snprintf(shown, sizeof shown, "%.10g", v);   /* about what "General" shows */
    }
    note_error(s->x, worksheet_write_number(s->ws, row, col, v, fmt));
    note_width(s, col, (double)strlen(shown));
}

void kh__xlsx_column_format(struct kh__xlsx_sheet *s, lxw_col_t col, lxw_format *fmt)
{
    note_width(s, col, 0);
    s->format[col] = fmt;
}

void kh__xlsx_header(struct kh__xlsx_sheet *s, lxw_row_t row, const char *const *cells, size_t n)
{
    for (size_t i = 0; i < n; i++)
        kh__xlsx_text(s, row, (lxw_col_t)i, cells[i], s->x->header);
}

void kh__xlsx_sheet_finish(struct kh__xlsx_sheet *s, bool header, lxw_row_t nrows)
{
    for (size_t c = 0; c < s->ncols; c++) {
        double w = s->width[c] + 2;   /* a margin, and room for the autofilter's button */
        w = w < MIN_WIDTH ? MIN_WIDTH : w > MAX_WIDTH ? MAX_WIDTH : w;
        note_error(s->x, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, w, s->format[c]));
    }
    if (header && s->ncols > 0) {
        worksheet_freeze_panes(s->ws, 1, 0);
        note_error(s->x, worksheet_autofilter(s->ws, 0, 0, nrows, (lxw_col_t)(s->ncols - 1)));
    }
    free(s->width);
    free(s->format);
    s->width = NULL;
    s->format = NULL;
    s->ncols = s->cap = 0;
}

/* One "cell equals this text" rule; text is quoted as an Excel string. */
void kh__xlsx_text_colour(struct kh__xlsx *x, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last,
                          lxw_col_t col, const char *text, lxw_format *fill)
{
    size_t n = strlen(text);
    char *q = kh_xmalloc(2 * n + 3), *p = q;
    *p++ = '"';
    for (size_t i = 0; i < n; i++) {
        if (text[i] == '"')
            *p++ = '"';            /* Excel doubles a quote inside a string */
        *p++ = text[i];
    }
    *p++ = '"';
    *p = '\0';
    lxw_conditional_format cf = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                 .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
                                 .value_string = q,
                                 .format = fill};
    note_error(x, worksheet_conditional_format_range(ws, first, col, last, col, &cf));
    free(q);
}

void kh__xlsx_grade_colours(struct kh__xlsx *x, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last,
                            lxw_col_t col, const struct kh_grades *g)
{
    if (last < first)
        return;
    for (int32_t i = 0; i < g->n; i++) {
        lxw_format *fill = i == 0              ? x->fill_green
                           : i == g->n - 1     ? x->fill_red
                           : i == 1 && g->n >= 4 ? x->fill_blue
                                                 : x->fill_yellow;
        kh__xlsx_text_colour(x, ws, first, last, col, g->names[i], fill);
    }
}

void kh__xlsx_flag_colours(struct kh__xlsx *x, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last,
                           lxw_col_t col, lxw_format *fill)
{
    if (last < first)
        return;
    lxw_conditional_format cf = {.type = LXW_CONDITIONAL_TYPE_NO_BLANKS, .format = fill};
    note_error(x, worksheet_conditional_format_range(ws, first, col, last, col, &cf));
}
