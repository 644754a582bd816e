/*
 * error.c — error codes, single errors and diagnostic lists (error.h).
 *
 * An error keeps its message as data: a pointer to a catalog entry and the
 * argument strings, packed into a fixed buffer so a struct kh_error never
 * allocates and can be copied with memcpy.  Rendering happens in the
 * caller's language at the moment of showing (kh_error_render).
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

const char *kh_error_code_name(int code)
{
    switch (code) {
    case KH_OK:
        return "OK";
#define KH__ERRNO_NAME(name, val, zh, en_text) \
    case val:                                   \
        return #name;
        KH_ERRNO_MAP(KH__ERRNO_NAME)
#undef KH__ERRNO_NAME
    }
    return "UNKNOWN";
}

const char *kh_strerror(int code, enum kh_lang lang)
{
    int en = lang == KH_LANG_EN;
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
    err->msg = NULL;
    err->nargs = 0;
    err->argbuf[0] = '\0';
}

/* Copy a string into dst (size n) cut at a UTF-8 character boundary. */
static void copy_cut(char *dst, size_t n, const char *src)
{
    size_t len = strlen(src);
    if (len >= n) {
        len = n - 1;
        while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(dst, src, len);
    dst[len] = '\0';
}

void kh_error_locate(struct kh_error *err, const char *file, long line, const char *column)
{
    if (err == NULL)
        return;
    if (file != NULL)
        copy_cut(err->file, sizeof err->file, file);
    if (line != 0)
        err->line = line;
    if (column != NULL)
        copy_cut(err->column, sizeof err->column, column);
}

/* Pack the NULL-terminated argument list into err->argbuf. */
static void pack_args(struct kh_error *err, va_list ap)
{
    size_t off = 0;
    err->nargs = 0;
    const char *a;
    while ((a = va_arg(ap, const char *)) != NULL) {
        if (err->nargs == KH_MSG_MAXARGS)
            continue;   /* keep consuming to the sentinel */
        size_t room = sizeof err->argbuf - off;
        err->argoff[err->nargs++] = (unsigned short)off;
        if (room == 0) {
            err->argoff[err->nargs - 1] = (unsigned short)(sizeof err->argbuf - 1);
            continue;
        }
        copy_cut(err->argbuf + off, room, a);
        off += strlen(err->argbuf + off) + 1;
        if (off > sizeof err->argbuf)
            off = sizeof err->argbuf;
    }
    if (off == 0)
        err->argbuf[0] = '\0';
    else if (off >= sizeof err->argbuf)
        err->argbuf[sizeof err->argbuf - 1] = '\0';
}

int kh_error_vmsg(struct kh_error *err, int code, const char *file, long line,
                  const char *column, const struct kh_msg *msg, va_list ap)
{
    if (err == NULL)
        return code;
    err->code = code;
    copy_cut(err->file, sizeof err->file, file ? file : "");
    err->line = line;
    copy_cut(err->column, sizeof err->column, column ? column : "");
    err->msg = msg;
    pack_args(err, ap);
    return code;
}

int kh_error_msg(struct kh_error *err, int code, const char *file, long line, const char *column,
                 const struct kh_msg *msg, ...)
{
    va_list ap;
    va_start(ap, msg);
    kh_error_vmsg(err, code, file, line, column, msg, ap);
    va_end(ap);
    return code;
}

int kh_error_copy(struct kh_error *dst, const struct kh_error *src)
{
    if (dst != NULL && dst != src)
        memcpy(dst, src, sizeof *dst);
    return src->code;
}

const char *kh_error_arg(const struct kh_error *err, int i)
{
    if (err == NULL || i < 0 || i >= err->nargs)
        return "";
    return err->argbuf + err->argoff[i];
}

char *kh_error_text(const struct kh_error *err, enum kh_lang lang, char *buf, size_t n)
{
    if (err->msg == NULL) {
        snprintf(buf, n, "%s", kh_strerror(err->code, lang));
        return buf;
    }
    const char *args[KH_MSG_MAXARGS];
    for (int i = 0; i < err->nargs; i++)
        args[i] = err->argbuf + err->argoff[i];
    return kh_msg_render(err->msg, lang, args, err->nargs, buf, n);
}

/* "file:line:column: " into buf; returns the length written. */
static size_t place(char *buf, size_t n, const char *file, long line, const char *column)
{
    if (file == NULL || file[0] == '\0')
        return 0;
    int k;
    if (line > 0 && column && column[0])
        k = snprintf(buf, n, "%s:%ld:%s: ", file, line, column);
    else if (line > 0)
        k = snprintf(buf, n, "%s:%ld: ", file, line);
    else if (column && column[0])
        k = snprintf(buf, n, "%s:%s: ", file, column);
    else
        k = snprintf(buf, n, "%s: ", file);
    return k < 0 ? 0 : (size_t)k >= n ? n - 1 : (size_t)k;
}

char *kh_error_render(const struct kh_error *err, enum kh_lang lang, char *buf, size_t n)
{
    size_t off = place(buf, n, err->file, err->line, err->column);
    kh_error_text(err, lang, buf + off, n - off);
    return buf;
}

void kh_diags_init(struct kh_diags *d, size_t limit)
{
    d->items = NULL;
    d->n = 0;
    d->total = 0;
    d->limit = limit ? limit : 100;
}

static struct kh_diag *diag_slot(struct kh_diags *d)
{
    d->total++;
    if (d->limit == 0)
        d->limit = 100;
    if (d->n >= d->limit)
        return NULL;
    if (d->items == NULL)
        d->items = kh_xcalloc(d->limit, sizeof *d->items);
    return &d->items[d->n++];
}

static void diag_place(struct kh_diag *g, const char *file, long line, const char *column)
{
    g->cell = false;
    g->file = kh_xstrdup(file ? file : "");
    g->line = line;
    g->column = column ? kh_xstrdup(column) : NULL;
}

void kh_diags_vmsg(struct kh_diags *d, const char *file, long line, const char *column,
                   const struct kh_msg *msg, va_list ap)
{
    struct kh_diag *g = diag_slot(d);
    if (g == NULL)
        return;
    diag_place(g, file, line, column);
    g->msg = msg;
    const char *args[KH_MSG_MAXARGS];
    int n = 0;
    const char *a;
    while ((a = va_arg(ap, const char *)) != NULL)
        if (n < KH_MSG_MAXARGS)
            args[n++] = a;
    g->nargs = n;
    g->args = n ? kh_xcalloc((size_t)n, sizeof *g->args) : NULL;
    for (int i = 0; i < n; i++)
        g->args[i] = kh_xstrdup(args[i]);
}

void kh_diags_msg(struct kh_diags *d, const char *file, long line, const char *column,
                  const struct kh_msg *msg, ...)
{
    va_list ap;
    va_start(ap, msg);
    kh_diags_vmsg(d, file, line, column, msg, ap);
    va_end(ap);
}

/* The diagnostic added since d held `before` items, if one was stored,
 * is placed at a cell of a sheet. */
static void mark_cell(struct kh_diags *d, size_t before)
{
    if (d->n > before)
        d->items[before].cell = true;
}

void kh_diags_vmsg_cell(struct kh_diags *d, const char *sheet, long row, const char *col,
                        const struct kh_msg *msg, va_list ap)
{
    size_t n = d->n;
    kh_diags_vmsg(d, sheet, row, col, msg, ap);
    mark_cell(d, n);
}

void kh_diags_msg_cell(struct kh_diags *d, const char *sheet, long row, const char *col,
                       const struct kh_msg *msg, ...)
{
    va_list ap;
    va_start(ap, msg);
    kh_diags_vmsg_cell(d, sheet, row, col, msg, ap);
    va_end(ap);
}

void kh_diags_add_error(struct kh_diags *d, const char *file, long line, const char *column,
                        const struct kh_error *err)
{
    struct kh_diag *g = diag_slot(d);
    if (g == NULL)
        return;
    diag_place(g, file ? file : err->file, line ? line : err->line,
               column ? column : err->column[0] ? err->column : NULL);
    if (err->msg == NULL) {
        g->msg = &KH_M_RAW;
        g->nargs = 1;
        g->args = kh_xcalloc(1, sizeof *g->args);
        g->args[0] = kh_xstrdup(kh_strerror(err->code, KH_LANG_ZH));
        return;
    }
    g->msg = err->msg;
    g->nargs = err->nargs;
    g->args = err->nargs ? kh_xcalloc((size_t)err->nargs, sizeof *g->args) : NULL;
    for (int i = 0; i < err->nargs; i++)
        g->args[i] = kh_xstrdup(kh_error_arg(err, i));
}

void kh_diags_add_error_cell(struct kh_diags *d, const struct kh_error *err)
{
    size_t n = d->n;
    kh_diags_add_error(d, NULL, 0, NULL, err);
    mark_cell(d, n);
}

void kh_diags_release(struct kh_diags *d)
{
    if (d == NULL)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].file);
        free(d->items[i].column);
        for (int k = 0; k < d->items[i].nargs; k++)
            free(d->items[i].args[k]);
        free(d->items[i].args);
    }
    free(d->items);
    d->items = NULL;
    d->n = 0;
    d->total = 0;
}

char *kh_diag_text(const struct kh_diag *g, enum kh_lang lang, char *buf, size_t n)
{
    return kh_msg_render(g->msg, lang, (const char *const *)g->args, g->nargs, buf, n);
}

/* "sheet!D17: ", "sheet!17:17: " or "sheet: " into buf; returns the length. */
static size_t cell_place(char *buf, size_t n, const char *sheet, long row, const char *col)
{
    int k;
    if (row > 0 && col && col[0])
        k = snprintf(buf, n, "%s!%s%ld: ", sheet, col, row);
    else if (row > 0)
        k = snprintf(buf, n, "%s!%ld:%ld: ", sheet, row, row);
    else
        k = snprintf(buf, n, "%s: ", sheet);
    return k < 0 ? 0 : (size_t)k >= n ? n - 1 : (size_t)k;
}

char *kh_diag_render(const struct kh_diag *g, enum kh_lang lang, char *buf, size_t n)
{
    size_t off = g->cell ? cell_place(buf, n, g->file, g->line, g->column)
                         : place(buf, n, g->file, g->line, g->column);
    kh_diag_text(g, lang, buf + off, n - off);
    return buf;
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
