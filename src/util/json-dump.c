/*
 * json-dump.c — JSON numbers and documents of the analysis outputs
 * (json-dump.h).
 *
 * jansson does the encoding; this file only fixes the flags once, so every
 * command and every renderer prints the same layout and precision, and
 * routes the text into a struct kh_buf instead of a FILE so renderers stay
 * free of I/O.
 */
#include <math.h>
#include "kaohe/error.h"
#include "kaohe/json-dump.h"

json_t *kh_json_num(double x)
{
    return isfinite(x) ? json_real(x) : json_null();
}

/* jansson's dump callback: append to the kh_buf passed as data. */
static int put(const char *s, size_t n, void *data)
{
    return kh_buf_append(data, s, n) == 0 ? 0 : -1;
}

int kh_json_dump_buf(json_t *v, struct kh_buf *out)
{
    if (!v)
        return 0;
    int rc = json_dump_callback(v, put, out,
                                JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
    json_decref(v);
    if (rc != 0)
        return KH_ETOOBIG;
    return kh_buf_putc(out, '\n');
}
