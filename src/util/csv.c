/*
 * csv.c — RFC 4180 reading and writing (csv.h, SPEC §11.2).
 *
 * The reader is a single forward scan over a UTF-8 buffer.  One call of
 * kh_csv_next() consumes exactly one record: cells are copied, unquoted and
 * trimmed into `cell_store` (NUL-separated), then `fields` is pointed into
 * it — pointers are taken only after the record is complete because the
 * store may move while it grows.
 *
 * Line accounting: `next_line` counts physical lines; \r\n, \r and \n each
 * end one line, inside quotes as well as outside, so a record's `line` is the
 * line a spreadsheet user sees it start on.
 *
 * Trimming: ASCII spaces and tabs around a cell are dropped, and so are
 * those at the ends of a quoted cell's content: SPEC §11.2 says "cells and
 * headers are trimmed" without an exception for quotes, and a spreadsheet
 * user who types `" T1 "` means the unit T1.  Spaces inside the content stay.
 * A quote inside an unquoted cell is kept as a literal character, as
 * spreadsheets do.
 *
 * Errors: an unterminated quote consumes the rest of the input (nothing
 * after it can be trusted); text after a closing quote resynchronises at the
 * next physical line so later records are still checked.  Cells are capped
 * at 1 MiB.
 */
#include <stdlib.h>
#include <string.h>
#include "kaohe/csv.h"
#include "kaohe/error.h"
#include "kaohe/msg-util.h"
#include "kaohe/xalloc.h"

#define CSV_CELL_MAX ((size_t)1 << 20)

void kh_csv_reader_init(struct kh_csv_reader *r, const char *data, size_t len)
{
    memset(r, 0, sizeof *r);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    r->p = data;
    r->end = data + len;
    r->next_line = 1;
    kh_buf_init(&r->cell_store, 0);
}

void kh_csv_reader_release(struct kh_csv_reader *r)
{
    free(r->fields);
    free(r->offsets);
    kh_buf_release(&r->cell_store);
    r->fields = NULL;
    r->offsets = NULL;
    r->fields_cap = r->offsets_cap = 0;
    r->nfields = 0;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Consume one line end at p if there is one; returns the new pointer. */
static const char *eat_eol(struct kh_csv_reader *r, const char *p)
{
    if (p < r->end && *p == '\r') {
        p++;
        if (p < r->end && *p == '\n')
            p++;
        r->next_line++;
    } else if (p < r->end && *p == '\n') {
        p++;
        r->next_line++;
    }
    return p;
}

/* Skip to just past the end of the current physical line (error recovery). */
static void resync(struct kh_csv_reader *r, const char *p)
{
    while (p < r->end && *p != '\r' && *p != '\n')
        p++;
    r->p = eat_eol(r, p);
}

/* Drop ASCII blanks at both ends of the cell being built (a quoted cell's
 * content), in place in cell_store. */
static void trim_quoted(struct kh_csv_reader *r)
{
    size_t start = r->offsets[r->nfields - 1];
    char *c = r->cell_store.data ? r->cell_store.data + start : NULL;
    size_t n = r->cell_store.len - start, lead = 0;
    if (c == NULL)
        return;
    while (n > 0 && is_blank(c[n - 1]))
        n--;
    while (lead < n && is_blank(c[lead]))
        lead++;
    if (lead > 0)
        memmove(c, c + lead, n - lead);
    r->cell_store.len = start + n - lead;
    r->cell_store.data[r->cell_store.len] = '\0';
}

static void begin_cell(struct kh_csv_reader *r)
{
    KH_GROW(r->offsets, r->nfields + 1, r->offsets_cap);
    r->offsets[r->nfields++] = r->cell_store.len;
}

/* Append n bytes of an unquoted cell and its NUL to the store.  When the
 * store has room (every record after the first few) this is one memcpy,
 * keeping buf.h's invariant (data[len] == '\0') by hand; otherwise the
 * ordinary appends. */
static void put_plain_cell(struct kh_buf *s, const char *p, size_t n)
{
    if (s->cap - s->len > n + 1) {
        memcpy(s->data + s->len, p, n);
        s->len += n + 1;
        s->data[s->len - 1] = '\0';
        s->data[s->len] = '\0';
        return;
    }
    kh_buf_append(s, p, n);
    kh_buf_putc(s, '\0');
}

int kh_csv_next(struct kh_csv_reader *r, struct kh_error *err)
{
    int rc = 0;
    const char *p = r->p;
    r->nfields = 0;
    kh_buf_reset(&r->cell_store);
    if (p >= r->end)
        return 0;
    r->line = r->next_line;
    for (;;) {
        /* one cell */
        begin_cell(r);
        while (p < r->end && is_blank(*p))
            p++;
        if (p < r->end && *p == '"') {
            p++;
            for (;;) {
                const char *q = p;
                while (q < r->end && *q != '"' && *q != '\r' && *q != '\n')
                    q++;
                if (q - p > 0 && kh_buf_append(&r->cell_store, p, (size_t)(q - p)) < 0)
                    goto too_big;
                p = q;
                if (p >= r->end) {
                    r->p = r->end;
                    return KH_ERR_AT(err, KH_EINVAL, NULL, r->line, NULL, CSV_UNTERMINATED_QUOTE);
                }
                if (*p == '"') {
                    if (p + 1 < r->end && p[1] == '"') {
                        kh_buf_putc(&r->cell_store, '"');
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                /* newline inside quotes: keep it as written */
                const char *q2 = eat_eol(r, p);
                kh_buf_append(&r->cell_store, p, (size_t)(q2 - p));
                p = q2;
                if (r->cell_store.len - r->offsets[r->nfields - 1] > CSV_CELL_MAX)
                    goto too_big;
            }
            trim_quoted(r);
            while (p < r->end && is_blank(*p))
                p++;
            if (p < r->end && *p != ',' && *p != '\r' && *p != '\n') {
                rc = KH_ERR_AT(err, KH_EINVAL, NULL, r->line, NULL, CSV_TEXT_AFTER_QUOTE);
                resync(r, p);
                return rc;
            }
        } else {
            const char *q = p;
            while (q < r->end && *q != ',' && *q != '\r' && *q != '\n')
                q++;
            const char *e = q;
            while (e > p && is_blank(e[-1]))
                e--;
            if ((size_t)(e - p) > CSV_CELL_MAX)
                goto too_big;
            put_plain_cell(&r->cell_store, p, (size_t)(e - p));
            p = q;
            goto cell_done;
        }
        if (r->cell_store.len - r->offsets[r->nfields - 1] > CSV_CELL_MAX)
            goto too_big;
        kh_buf_putc(&r->cell_store, '\0');
    cell_done:
        if (p < r->end && *p == ',') {
            p++;
            continue;
        }
        p = eat_eol(r, p);
        break;
    }
    r->p = p;
    KH_GROW(r->fields, r->nfields, r->fields_cap);
    for (size_t i = 0; i < r->nfields; i++)
        r->fields[i] = r->cell_store.data + r->offsets[i];
    return 1;
too_big:
    rc = KH_ERR_AT(err, KH_EINVAL, NULL, r->line, NULL, CSV_CELL_TOO_BIG);
    r->p = r->end;
    r->nfields = 0;
    return rc;
}

bool kh_csv_record_blank(const struct kh_csv_reader *r)
{
    for (size_t i = 0; i < r->nfields; i++)
        if (r->fields[i][0] != '\0')
            return false;
    return true;
}

int kh_csv_put_cell(struct kh_buf *b, const char *s)
{
    size_t n = strlen(s);
    bool quote = n > 0 && (is_blank(s[0]) || is_blank(s[n - 1]));
    if (!quote && strpbrk(s, ",\"\r\n") != NULL)
        quote = true;
    /* a leading BOM would be taken for the file's BOM when this row comes first */
    if (!quote && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        quote = true;
    if (!quote)
        return kh_buf_append(b, s, n);
    int rc = kh_buf_putc(b, '"');
    for (const char *p = s; rc == 0 && *p; p++) {
        if (*p == '"')
            rc = kh_buf_putc(b, '"');
        if (rc == 0)
            rc = kh_buf_putc(b, *p);
    }
    if (rc == 0)
        rc = kh_buf_putc(b, '"');
    return rc;
}

int kh_csv_put_row(struct kh_buf *b, const char *const *cells, size_t n)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (i > 0)
            rc = kh_buf_putc(b, ',');
        if (rc == 0)
            rc = kh_csv_put_cell(b, cells[i] ? cells[i] : "");
    }
    if (rc == 0)
        rc = kh_buf_putc(b, '\n');
    return rc;
}
