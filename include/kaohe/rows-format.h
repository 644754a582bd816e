/*
 * rows-format.h — the rows of a store listing as CSV or JSON.
 *
 * A listing command (kaohe rectify list …) receives rows from the store
 * through a kh_store_row_fn; it wants them printed as a CSV table (header
 * line of column names, cells quoted by the project's one CSV writer) or
 * as a JSON array of objects keyed by the same names, every value a string
 * exactly as stored.  The CLI names the columns and picks the format; this
 * file does the rendering, so no command builds JSON by hand.
 */
#ifndef KAOHE_ROWS_FORMAT_H
#define KAOHE_ROWS_FORMAT_H

#include "kaohe/buf.h"

enum kh_rows_fmt { KH_ROWS_CSV, KH_ROWS_JSON };

/* "csv" or NULL → CSV, "json" → JSON; -1 for anything else. */
int kh_rows_fmt_parse(const char *name, enum kh_rows_fmt *out);

struct kh_rows_out {
    enum kh_rows_fmt fmt;
    const char *const *names;   /* ncols column names, caller's */
    int ncols;
    struct kh_buf *out;         /* caller's; the table is appended */
    void *json;                 /* the array being built (JSON) */
};

/* Start a table of ncols named columns appended to out (CSV: the header
 * now).  Every _begin is followed by one _end, which releases what it
 * holds. */
void kh_rows_out_begin(struct kh_rows_out *o, enum kh_rows_fmt fmt, const char *const *names,
                       int ncols, struct kh_buf *out);
/* One row (a kh_store_row_fn: ctx is the struct kh_rows_out); cells past
 * ncols are ignored, NULL cells are "". */
int kh_rows_out_row(void *ctx, int ncols, const char *const *cells);
/* Finish the table (JSON: the array, indented, with a final newline). */
void kh_rows_out_end(struct kh_rows_out *o);

#endif
