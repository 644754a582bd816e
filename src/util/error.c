/*
 * error.c — error codes, single errors and diagnostic lists (error.h).
 *
 * kh_diags keeps at most `limit` items but counts all, so a bundle with
 * ten thousand bad rows reports the first hundred and "… and N more" instead
 * of flooding the terminal or memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/error.h"
#include "kaohe/xalloc.h"

const char *kh_strerror(int code, const char *lang)
{
    int en = lang != NULL && strncmp(lang, "en", 2) == 0;
    switch (code) {
    case KH_OK:
        return en ? "success" : "成功";
#define KH__ERRNO_CASE(name, val, zh, en_text) \
    case val:                                   \
        return en ? en_text : zh;
        KH_ERRNO_MAP(KH__ERRNO_CASE)
#undef KH__ERRNO_CASE
    }
    return en ? "unknown error" : "未知错误";
}

void kh_error_clear(struct kh_error *err)
{
    if (err == NULL)
        return;
    err->code = 0;
    err->file[0] = '\0';
    err->line = 0;
    err->column[0] = '\0';
    err->msg[0] = '\0';
}

int kh_error_set(struct kh_error *err, int code, const char *file, long line,
                 const char *column, const char *fmt, ...)
{
    if (err == NULL)
        return code;
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    snprintf(err->column, sizeof err->column, "%s", column ? column : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

char *kh_error_format(const struct kh_error *err, char *buf, size_t n)
{
    size_t off = 0;
    buf[0] = '\0';
    if (err->file[0]) {
        off += (size_t)snprintf(buf + off, n - off, "%s:", err->file);
        if (off < n && err->line > 0)
            off += (size_t)snprintf(buf + off, n - off, "%ld:", err->line);
        if (off < n && err->column[0])
            off += (size_t)snprintf(buf + off, n - off, "%s:", err->column);
        if (off < n)
            off += (size_t)snprintf(buf + off, n - off, " ");
    }
    if (off < n)
        snprintf(buf + off, n - off, "%s", err->msg[0] ? err->msg : kh_strerror(err->code, NULL));
    return buf;
}

void kh_diags_init(struct kh_diags *d, size_t limit)
{
    d->items = NULL;
    d->n = 0;
    d->total = 0;
    d->limit = limit ? limit : 100;
}

void kh_diags_vadd(struct kh_diags *d, const char *file, long line, const char *column,
                   const char *fmt, va_list ap)
{
    d->total++;
    if (d->limit == 0)
        d->limit = 100;
    if (d->n >= d->limit)
        return;
    if (d->items == NULL)
        d->items = kh_xcalloc(d->limit, sizeof *d->items);
    struct kh_diag *g = &d->items[d->n++];
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    g->file = kh_xstrdup(file ? file : "");
    g->line = line;
    g->column = column ? kh_xstrdup(column) : NULL;
    g->msg = kh_xstrdup(msg);
}

void kh_diags_add(struct kh_diags *d, const char *file, long line, const char *column,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kh_diags_vadd(d, file, line, column, fmt, ap);
    va_end(ap);
}

void kh_diags_release(struct kh_diags *d)
{
    if (d == NULL)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].file);
        free(d->items[i].column);
        free(d->items[i].msg);
    }
    free(d->items);
    d->items = NULL;
    d->n = 0;
    d->total = 0;
}

static int diag_cmp(const void *a, const void *b)
{
    const struct kh_diag *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    if (c)
        return c;
    return (x->line > y->line) - (x->line < y->line);
}

void kh_diags_sort(struct kh_diags *d)
{
    /* insertion sort: stable, and n <= limit is small */
    for (size_t i = 1; i < d->n; i++) {
        struct kh_diag t = d->items[i];
        size_t j = i;
        while (j > 0 && diag_cmp(&d->items[j - 1], &t) > 0) {
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = t;
    }
}
