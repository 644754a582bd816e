/*
 * fuzz-xlsx.c — libFuzzer target for the workbook reader (xlsx.h): the zip
 * layer (libzip on hostile archives), the XML layer (expat with our
 * handlers: workbook, relationships, shared strings, styles, sheets) and the
 * bundle on top (kh_bundle_read_xlsx through a temporary file, as the CLI
 * reads it).  Every sheet is read; each cell must lie inside its sheet's
 * text and rows and columns must increase — the invariants of
 * struct kh_xlsx_sheet — not only the absence of crashes.
 * Seeds: fuzz/make-xlsx-corpus.sh.  Dictionary: fuzz/xlsx.dict.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kaohe/bundle.h"
#include "kaohe/error.h"
#include "kaohe/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_sheet(const struct kh_xlsx_sheet *s)
{
    for (size_t r = 0; r < s->nrows; r++) {
        const struct kh_xlsx_row *row = &s->rows[r];
        if ((r > 0 && row->row <= s->rows[r - 1].row) || row->first + row->n > s->ncells)
            abort();
        for (size_t i = 0; i < row->n; i++) {
            const struct kh_xlsx_cell *c = &s->cells[row->first + i];
            if (c->off >= s->text.len || (i > 0 && c->col <= s->cells[row->first + i - 1].col))
                abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct kh_xlsx *x;
    struct kh_error err;
    kh_error_clear(&err);
    if (kh_xlsx_open(data, size, &x, &err) == 0) {
        struct kh_xlsx_sheet s;
        memset(&s, 0, sizeof s);
        for (size_t i = 0; i < kh_xlsx_nsheets(x); i++)
            if (kh_xlsx_sheet_read(x, i, &s, &err) == 0)
                check_sheet(&s);
        kh_xlsx_sheet_release(&s);
        kh_xlsx_close(x);
        /* the bundle layer too, on the workbooks that open */
        char path[] = "/tmp/fuzz-xlsx-XXXXXX";
        int fd = mkstemp(path);
        if (fd >= 0) {
            if (write(fd, data, size) == (ssize_t)size) {
                struct kh_bundle b;
                struct kh_diags d;
                memset(&b, 0, sizeof b);
                kh_diags_init(&d, 0);
                if (kh_bundle_read_xlsx(path, NULL, &b, &d) == 0)
                    kh_bundle_release(&b);
                kh_diags_release(&d);
            }
            close(fd);
            unlink(path);
        }
    }
    return 0;
}
