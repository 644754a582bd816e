/*
 * xlsx-int.h — what the sheets of the results workbook share
 * (xlsx-results.c writes the tables, xlsx-summary.c the summary sheet):
 * the workbook with its formats, and a sheet writer that types each cell and
 * remembers how wide each column must be.  Internal to src/report.
 *
 * Widths are in Excel's unit, the width of one "0" of the default font; a
 * CJK character counts two (kh_text_width), so a column fits its longest
 * cell as the user sees it, header included.
 */
#ifndef KH_REPORT_XLSX_INT_H
#define KH_REPORT_XLSX_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>
#include "kaohe/model.h"
#include "kaohe/msg.h"

struct kh_error;

struct kh__xlsx {
    lxw_workbook *wb;
    const struct kh_bundle *b;
    enum kh_lang lang;
    const char *computed_at;               /* "" when unknown */
    lxw_format *header, *title, *score, *count;
    lxw_format *text;                      /* "@": what a user types stays text (codes such as 001) */
    lxw_format *wrap;                      /* wrapped text (the guide's explanations) */
    lxw_format *fill_green, *fill_blue, *fill_yellow, *fill_red;
    lxw_error failed;                      /* the first libxlsxwriter error of a write call */
};

/* How a cell's CSV text becomes an Excel cell. */
enum kh__xlsx_kind {
    KH__XK_TEXT,      /* always a string */
    KH__XK_INT,       /* a number, displayed as written (ranks, counts) */
    KH__XK_SCORE,     /* a number at full precision, displayed "0.00" */
    KH__XK_NUM,       /* a number at full precision, general format */
};

struct kh__xlsx_sheet {
    struct kh__xlsx *x;
    lxw_worksheet *ws;
    double *width;                         /* [cap] widest cell per column so far */
    lxw_format **format;                   /* [cap] the column's format, NULL = General */
    size_t ncols, cap;
};

/* Record REPORT_XLSX_BAD_RESULT for file from the CSV reader's error csv
 * (rendered in the workbook's language); returns KH_EINVAL. */
int kh__xlsx_bad_csv(const struct kh__xlsx *x, struct kh_error *err, const char *file,
                     const struct kh_error *csv);

/* The text of zh or en in the workbook's language. */
#define KH__XLSX_TR(x, zh, en) ((x)->lang == KH_LANG_EN ? (en) : (zh))

/* Start writing ws (added by the caller); release with kh__xlsx_sheet_finish. */
void kh__xlsx_sheet_init(struct kh__xlsx_sheet *s, struct kh__xlsx *x, lxw_worksheet *ws);
/* A string cell (nothing for ""); fmt may be NULL. */
void kh__xlsx_text(struct kh__xlsx_sheet *s, lxw_row_t row, lxw_col_t col, const char *text,
                   lxw_format *fmt);
/* A cell of the given kind from its CSV text: "" stays blank, text that is not
 * a number in a number column is written as a string (never lost). */
void kh__xlsx_cell(struct kh__xlsx_sheet *s, lxw_row_t row, lxw_col_t col, const char *text,
                   enum kh__xlsx_kind kind);
/* Give column col the format fmt (applied with the widths at finish): new
 * cells a user types there take it. */
void kh__xlsx_column_format(struct kh__xlsx_sheet *s, lxw_col_t col, lxw_format *fmt);
/* A header row of n bold cells. */
void kh__xlsx_header(struct kh__xlsx_sheet *s, lxw_row_t row, const char *const *cells, size_t n);
/* Set the column widths; with a header at row 0 (nrows rows below it),
 * freeze it and put an autofilter on it.  Frees the writer's memory. */
void kh__xlsx_sheet_finish(struct kh__xlsx_sheet *s, bool header, lxw_row_t nrows);

/* Colour the cells of column col, rows first..last, that hold a grade of g:
 * the top grade green, the bottom red, the second blue when there are four
 * or more, the others yellow. */
void kh__xlsx_grade_colours(struct kh__xlsx *x, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last,
                            lxw_col_t col, const struct kh_grades *g);
/* Colour the cells of column col (rows first..last) that equal text with fill. */
void kh__xlsx_text_colour(struct kh__xlsx *x, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last,
                          lxw_col_t col, const char *text, lxw_format *fill);
/* Colour the non-empty cells of column col (rows first..last) with fill. */
void kh__xlsx_flag_colours(struct kh__xlsx *x, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last,
                           lxw_col_t col, lxw_format *fill);

/*
 * The summary sheet (汇总), on ws, the workbook's first sheet: from the CSV
 * text of results_units.csv (units, len bytes; NULL when the cycle has none:
 * the sheet then says so).  Returns 0 or KH_EINVAL (REPORT_XLSX_BAD_RESULT).
 */
int kh__xlsx_summary(struct kh__xlsx *x, lxw_worksheet *ws, const char *units, size_t len,
                     struct kh_error *err);

/*
 * The guide sheet (填表说明) of an input workbook, on ws, its first sheet:
 * what each input sheet holds, whether it is required, and the rules of
 * filling in (xlsx-guide.c).
 */
void kh__xlsx_guide(struct kh__xlsx *x, lxw_worksheet *ws);

#endif
