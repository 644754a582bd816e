/*
 * fuzz-csv.c — libFuzzer target for the CSV reader and the encoding layer.
 *
 * Input bytes go through kh_to_utf8 (auto detection) and then every record
 * is read; a record is written back with the writer and re-read, and the
 * cells must match: that checks the writer's quoting against the reader's
 * unquoting, not only the absence of crashes.  Build: -DKH_FUZZ=ON with clang.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/csv.h"
#include "kaohe/encoding.h"
#include "kaohe/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct kh_buf text = KH_BUF_INIT, row = KH_BUF_INIT;
    struct kh_error err;
    struct kh_csv_reader r, r2;
    if (kh_to_utf8((const char *)data, size, NULL, &text, &err) < 0)
        goto out;
    kh_csv_reader_init(&r, kh_buf_cstr(&text), text.len);
    int rc;
    while ((rc = kh_csv_next(&r, &err)) != 0) {
        if (rc < 0)
            continue;
        kh_buf_reset(&row);
        kh_csv_put_row(&row, (const char *const *)r.fields, r.nfields);
        kh_csv_reader_init(&r2, kh_buf_cstr(&row), row.len);
        if (kh_csv_next(&r2, &err) != 1 || r2.nfields != r.nfields)
            abort();
        for (size_t i = 0; i < r.nfields; i++) {
            /* cells come back trimmed (SPEC §11.2), so a second read changes nothing */
            if (strcmp(r.fields[i], r2.fields[i]) != 0)
                abort();
        }
        kh_csv_reader_release(&r2);
    }
    kh_csv_reader_release(&r);
out:
    kh_buf_release(&text);
    kh_buf_release(&row);
    return 0;
}
