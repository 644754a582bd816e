/*
 * fuzz-form.c — libFuzzer target for the form-body decoder (src/http/form.h),
 * the first code that touches the bytes anyone on the network sends.
 *
 * Two properties, on every input:
 *  1. Any bytes, as a multipart body (boundary "XyZ") and as an urlencoded
 *     one: every field's name and value are NUL-terminated, a multipart
 *     field's bytes are a substring of the body, and there are at most
 *     KH_FORM_MAX_PARTS of them — so nothing was read from or invented
 *     outside what was sent (ASan checks the reads themselves).
 *  2. A body built from parts taken from the input (names and values with
 *     any bytes but the boundary) parses back to exactly those parts.
 * Build: -DKH_FUZZ=ON with clang; run: ./fuzz-form -max_total_time=60.
 */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/arena.h"
#include "kaohe/buf.h"
#include "http/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_any(struct kh_arena *a, const char *ct, const char *body, size_t size, int multipart)
{
    struct kh_form f;
    kh_form_parse(a, ct, body, size, &f);
    if (f.n < 0 || (multipart && f.n > KH_FORM_MAX_PARTS))
        abort();
    for (int i = 0; i < f.n; i++) {
        if (f.f[i].name == NULL || f.f[i].value == NULL || f.f[i].value[f.f[i].len] != '\0')
            abort();
        if (multipart) {
            if (f.f[i].len > size)
                abort();
            int found = f.f[i].len == 0;
            for (size_t k = 0; !found && k + f.f[i].len <= size; k++)
                found = memcmp(body + k, f.f[i].value, f.f[i].len) == 0;
            if (!found)
                abort();
        }
    }
}

/* Parts from the input: split at 0xFF bytes into (name, value) pairs; names
 * lose '"', CR, LF and NUL (a browser escapes those), values keep any byte,
 * but no value may contain the delimiter. */
static void check_roundtrip(struct kh_arena *a, const uint8_t *data, size_t size)
{
    static const char delim[] = "--kHbOuNdArY7";
    const char *names[8], *values[8];
    size_t vlen[8];
    int n = 0;
    size_t i = 0;
    struct kh_buf body = KH_BUF_INIT;
    while (i < size && n < 8) {
        size_t j = i;
        while (j < size && data[j] != 0xFF)
            j++;
        size_t k = j + 1;
        while (k < size && data[k] != 0xFF)
            k++;
        char *nm = kh_arena_alloc(a, j - i + 2), *o = nm;
        for (size_t q = i; q < j; q++)
            if (data[q] != '"' && data[q] != '\r' && data[q] != '\n' && data[q] != 0)
                *o++ = (char)data[q];
        if (o == nm)
            *o++ = 'x';
        *o = '\0';
        size_t vs = j < size ? j + 1 : size, ve = k < size ? k : size;
        if (ve < vs)
            ve = vs;
        values[n] = (const char *)data + vs;
        vlen[n] = ve - vs;
        if (memmem(values[n], vlen[n], delim, sizeof delim - 1) != NULL ||
            memmem(values[n], vlen[n], "\r\n--kHbOuNdArY7", 15) != NULL)
            break;
        names[n++] = nm;
        i = k + 1;
    }
    for (int p = 0; p < n; p++) {
        kh_buf_printf(&body, "%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n", delim, names[p]);
        kh_buf_append(&body, values[p], vlen[p]);
        kh_buf_puts(&body, "\r\n");
    }
    kh_buf_printf(&body, "%s--\r\n", delim);
    struct kh_form f;
    kh_form_parse(a, "multipart/form-data; boundary=kHbOuNdArY7", body.data, body.len, &f);
    if (f.n != n)
        abort();
    for (int p = 0; p < n; p++)
        if (strcmp(f.f[p].name, names[p]) != 0 || f.f[p].len != vlen[p] ||
            memcmp(f.f[p].value, values[p], vlen[p]) != 0 || f.f[p].filename != NULL)
            abort();
    kh_buf_release(&body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct kh_arena a;
    kh_arena_init(&a, 0);
    check_any(&a, "multipart/form-data; boundary=XyZ", (const char *)data, size, 1);
    check_any(&a, "multipart/form-data; boundary=\"XyZ\"", (const char *)data, size, 1);
    check_any(&a, "application/x-www-form-urlencoded", (const char *)data, size, 0);
    check_roundtrip(&a, data, size);
    kh_arena_release(&a);
    return 0;
}
