/*
 * xlsx.h — reading the cells of an Office Open XML workbook (.xlsx) with
 * libzip and expat: the spreadsheet form of a bundle (FORMATS.md).
 *
 * A workbook is a zip of XML parts.  kh_xlsx_open finds the workbook part
 * (_rels/.rels), its sheets in tab order (xl/workbook.xml, names and
 * visibility), resolves each sheet's relationship to its part
 * (xl/_rels/workbook.xml.rels), and reads the two parts every sheet shares:
 * the shared strings (xl/sharedStrings.xml; rich-text runs concatenated,
 * phonetic runs dropped) and the cell styles (xl/styles.xml; which cell
 * formats are dates).  kh_xlsx_sheet_read then turns one worksheet into its
 * non-empty cells, row by row, each cell as the text a spreadsheet's "save
 * as CSV" would give for it:
 *
 *   shared / inline / formula (t="str") / error (t="e") strings  verbatim,
 *                                             _xHHHH_ escapes decoded
 *   numbers                 the shortest text that reads back to the same
 *                           double (kh_fmt_double_short: 0.1, not
 *                           0.1000000000000000055)
 *   numbers with a date format (built-in 14–17, 22, the Chinese built-ins
 *                           27–36 and 50–58, or a custom format with y or d,
 *                           or m without h or s)  the ISO date YYYY-MM-DD
 *                           (the time of day is dropped; 1900 and 1904
 *                           date systems)
 *   booleans                TRUE / FALSE
 *   t="d" (ISO 8601)        its date part when it has one
 *
 * Text is kept as written: trimming and every other rule of a bundle cell
 * belong to the bundle reader.  A formula without a cached result is an
 * empty cell (the workbook was never calculated).
 *
 * Hostile input is an ordinary error, never a crash or an unbounded
 * allocation: each part is capped uncompressed (KH_XLSX_PART_MAX) and the
 * workbook in all (KH_XLSX_TOTAL_MAX), counted on the bytes actually
 * inflated, not on what the zip headers claim; a cell is at most 1 MiB;
 * shared-string indexes are checked against the strings read; DOCTYPE
 * declarations (entity expansion) are refused; cell references must be
 * valid (A1..XFD1048576) and increase along the sheet.  Errors are
 * KH_EINVAL with a message naming the part and its XML line, or the cell.
 */
#ifndef KAOHE_XLSX_H
#define KAOHE_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kaohe/buf.h"

struct kh_error;
struct kh_xlsx;   /* an open workbook (opaque) */

#define KH_XLSX_PART_MAX ((size_t)256 << 20)   /* one part, uncompressed */
#define KH_XLSX_TOTAL_MAX ((size_t)1 << 30)    /* every part read, in all */
#define KH_XLSX_CELL_MAX ((size_t)1 << 20)     /* one cell's text */

/* One non-empty cell: column (0 = A) and its text at text.data + off. */
struct kh_xlsx_cell {
    uint32_t col;
    size_t off;
};

/* One row with at least one non-empty cell: number (1-based) and its cells
 * cells[first .. first + n), in increasing column order. */
struct kh_xlsx_row {
    uint32_t row;
    size_t first;
    size_t n;
};

/* One worksheet's cells.  Rows increase; owns everything it points to. */
struct kh_xlsx_sheet {
    struct kh_xlsx_row *rows;
    size_t nrows, rows_cap;
    struct kh_xlsx_cell *cells;
    size_t ncells, cells_cap;
    struct kh_buf text;        /* every cell's text, each NUL-terminated */
};

/*
 * Open the workbook data[0..len) (borrowed: it must outlive *out).  Returns
 * 0 and a workbook the caller frees with kh_xlsx_close, or KH_EINVAL (not a
 * zip, a missing or malformed part, a cap passed) with err set; *out is then
 * NULL.
 */
int kh_xlsx_open(const void *data, size_t len, struct kh_xlsx **out, struct kh_error *err);
/* Free an open workbook; NULL is accepted. */
void kh_xlsx_close(struct kh_xlsx *x);

/* Sheets in tab order: count, name (UTF-8, as written) and whether hidden. */
size_t kh_xlsx_nsheets(const struct kh_xlsx *x);
const char *kh_xlsx_sheet_name(const struct kh_xlsx *x, size_t i);
bool kh_xlsx_sheet_hidden(const struct kh_xlsx *x, size_t i);

/*
 * Read sheet i into s (released first, so an initialised or zeroed sheet
 * may be reused).  Returns 0, or KH_EINVAL with err set and s released.
 * The caller releases s with kh_xlsx_sheet_release.
 */
int kh_xlsx_sheet_read(struct kh_xlsx *x, size_t i, struct kh_xlsx_sheet *s,
                       struct kh_error *err);
void kh_xlsx_sheet_release(struct kh_xlsx_sheet *s);

/* The text of a cell of s. */
static inline const char *kh_xlsx_text(const struct kh_xlsx_sheet *s, const struct kh_xlsx_cell *c)
{
    return s->text.data + c->off;
}

/* Column letters of col (0 = "A", 26 = "AA") into buf; returns buf. */
char *kh_xlsx_colname(uint32_t col, char buf[8]);

#endif
