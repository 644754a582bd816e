/*
 * assets.c — serving the embedded static files (/assets/NAME).
 *
 * At start (kh__assets_init, before the worker threads exist) each file
 * gets its ETag — the first 16 hex digits of its SHA-256, quoted — and a
 * gzip copy (zlib, level 9) kept when it is smaller.  Pages link assets
 * as /assets/NAME?v=ETAG, so a response can be cached for a year
 * (immutable): a new build changes the URL.  A request with a matching
 * If-None-Match gets 304 and no body; one whose Accept-Encoding allows
 * gzip gets the compressed copy (ECharts: 1.1 MB → ≈0.37 MB).
 */
#include <string.h>
#include <sodium.h>
#include <zlib.h>
#include "http/assets.h"
#include "http/http-int.h"
#include "kaohe/xalloc.h"

struct prepared {
    char etag[20];
    unsigned char *gz;
    size_t gzlen;
};

static struct prepared *prep;
static size_t nassets;

static const char *ctype_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (dot && strcmp(dot, ".css") == 0)
        return "text/css; charset=utf-8";
    if (dot && strcmp(dot, ".js") == 0)
        return "text/javascript; charset=utf-8";
    if (dot && strcmp(dot, ".svg") == 0)
        return "image/svg+xml";
    if (dot && strcmp(dot, ".png") == 0)
        return "image/png";
    return "application/octet-stream";
}

static void gzip_of(const unsigned char *p, size_t n, struct prepared *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 9, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        return;
    size_t cap = deflateBound(&z, (uLong)n);
    out->gz = kh_xmalloc(cap);
    z.next_in = (unsigned char *)p;
    z.avail_in = (uInt)n;
    z.next_out = out->gz;
    z.avail_out = (uInt)cap;
    if (deflate(&z, Z_FINISH) == Z_STREAM_END && z.total_out < n) {
        out->gzlen = z.total_out;
    } else {
        free(out->gz);
        out->gz = NULL;
    }
    deflateEnd(&z);
}

void kh__assets_init(void)
{
    if (prep != NULL)
        return;
    while (kh__assets[nassets].name)
        nassets++;
    prep = kh_xcalloc(nassets + 1, sizeof *prep);
    for (size_t i = 0; i < nassets; i++) {
        const struct kh__asset_file *a = &kh__assets[i];
        size_t n = (size_t)(a->end - a->start);
        unsigned char d[crypto_hash_sha256_BYTES];
        crypto_hash_sha256(d, a->start, n);
        static const char hx[] = "0123456789abcdef";
        prep[i].etag[0] = '"';
        for (int k = 0; k < 8; k++) {
            prep[i].etag[1 + 2 * k] = hx[d[k] >> 4];
            prep[i].etag[2 + 2 * k] = hx[d[k] & 15];
        }
        prep[i].etag[17] = '"';
        prep[i].etag[18] = '\0';
        gzip_of(a->start, n, &prep[i]);
    }
}

static long find(const char *name)
{
    for (size_t i = 0; i < nassets; i++)
        if (strcmp(kh__assets[i].name, name) == 0)
            return (long)i;
    return -1;
}

const char *kh__asset_etag(const char *name)
{
    long i = find(name);
    return i < 0 ? NULL : prep[i].etag;
}

bool kh__asset_serve(struct kh_req *r, const char *name)
{
    long i = find(name);
    if (i < 0)
        return false;
    const struct kh__asset_file *a = &kh__assets[i];
    r->no_store = false;
    r->etag = prep[i].etag;
    const char *inm = kh__header(r, "If-None-Match");
    kh_buf_reset(&r->out);
    if (inm && strcmp(inm, prep[i].etag) == 0) {
        kh__respond(r, 304, NULL);
        return true;
    }
    const char *ae = kh__header(r, "Accept-Encoding");
    if (prep[i].gz && ae && strstr(ae, "gzip")) {
        kh_buf_append(&r->out, prep[i].gz, prep[i].gzlen);
        r->gzip_ok = true;
    } else {
        kh_buf_append(&r->out, a->start, (size_t)(a->end - a->start));
    }
    kh__respond(r, 200, ctype_of(name));
    return true;
}
