/*
 * csv.h — RFC 4180 reading and writing.
 *
 * The reader works on a UTF-8 buffer in memory (encoding.h converts first).
 * It yields one record at a time with every cell trimmed of ASCII spaces and
 * tabs (SPEC §11.2), quotes removed and "" unescaped.  Line ends may be \n,
 * \r\n or \r; newlines inside quotes belong to the cell.  `line` is the
 * physical line where the record starts (header = 1).  Errors: an
 * unterminated quote, or text after a closing quote (`"a"b`), give
 * KH_EINVAL with the line.  Cells are capped (1 MiB) so hostile input is an
 * ordinary error.
 *
 * Cell pointers returned by kh_csv_next() stay valid until the next call or
 * kh_csv_reader_release().
 *
 * The writer side quotes a cell only when it must (comma, quote, CR, LF, or
 * leading/trailing space, or a leading UTF-8 BOM), always ends rows with "\n".
 */
#ifndef KAOHE_CSV_H
#define KAOHE_CSV_H

#include <stddef.h>
#include <stdbool.h>
#include "kaohe/buf.h"

struct kh_error;

struct kh_csv_reader {
    const char *p;
    const char *end;
    long next_line;      /* physical line of the next record */
    /* current record */
    long line;
    size_t nfields;
    char **fields;
    size_t fields_cap;
    struct kh_buf cell_store;   /* all cells of the record, NUL-separated */
    size_t *offsets;
    size_t offsets_cap;
};

/* `data` must stay alive while reading.  A leading UTF-8 BOM is skipped. */
void kh_csv_reader_init(struct kh_csv_reader *r, const char *data, size_t len);
/*
 * Read the next record.  Returns 1 with a record, 0 at end of input, or a
 * negative KH_E* code with err->line set (err->file is left for the caller).
 * Records whose cells are all empty are NOT skipped here (callers decide);
 * kh_csv_record_blank() tells.
 */
int kh_csv_next(struct kh_csv_reader *r, struct kh_error *err);
bool kh_csv_record_blank(const struct kh_csv_reader *r);
void kh_csv_reader_release(struct kh_csv_reader *r);

/* Append one cell, quoted if needed (no separator). */
int kh_csv_put_cell(struct kh_buf *b, const char *s);
/* Append cells joined by ',' and a final '\n'. */
int kh_csv_put_row(struct kh_buf *b, const char *const *cells, size_t n);

#endif
