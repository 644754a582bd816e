/*
 * form.h — a request body's form fields, decoded: the two encodings HTML
 * forms use (application/x-www-form-urlencoded and multipart/form-data,
 * RFC 7578).  Pure functions over bytes and an arena, apart from the
 * request, so the parser can be fuzzed (fuzz/fuzz-form.c) and unit tested
 * (tests/unit/test-form.c) without a server.
 */
#ifndef KAOHE_HTTP_FORM_H
#define KAOHE_HTTP_FORM_H

#include <stddef.h>
#include "kaohe/arena.h"

/* Parts of a multipart body kept (the fields of a form plus an appeal's
 * KH_ATTACH_MAX_COUNT files, with room to spare); later parts are ignored. */
#define KH_FORM_MAX_PARTS 32

struct kh_form_field {
    const char *name;        /* NUL-terminated, in the arena */
    const char *value;       /* len bytes plus a NUL, in the arena (may hold NULs) */
    size_t len;
    const char *filename;    /* multipart file parts: the name sent, else NULL */
};

struct kh_form {
    struct kh_form_field *f;
    int n;
};

/*
 * Decode body[0..len) sent with Content-Type ct into out (everything in a).
 * ct starting with "multipart/form-data" (with a boundary= parameter, quoted
 * or not, 1–150 bytes): each part with a Content-Disposition name becomes a
 * field, its bytes exactly as sent (the CRLF before the next delimiter is
 * not part of them); parsing stops at the closing delimiter, at a part
 * without a blank line after its headers, or without a delimiter after its
 * bytes (such a part is dropped).  File names are unescaped as browsers
 * escape them (%22, %0D, %0A).  Any other ct (or NULL): urlencoded pairs
 * separated by '&', '+' and %XX decoded, up to the first NUL byte.  A
 * malformed body gives fewer fields, never an error: the handler then finds
 * a field missing and says which.  Never reads outside body[0..len).
 */
void kh_form_parse(struct kh_arena *a, const char *ct, const char *body, size_t len, struct kh_form *out);

#endif
