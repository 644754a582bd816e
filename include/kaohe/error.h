/*
 * error.h — the one error convention of kaohe.
 *
 * Every fallible function returns 0 or a negative KH_E* code from the X-macro
 * table below (libuv style).  Details travel in an optional struct kh_error:
 * the code, a message id with its arguments (msg.h), and for input errors
 * the place (file, line, column name).  Library code never prints or exits;
 * a front end renders the error in the language of its user or request
 * (kh_error_render) and chooses the exit status or HTTP status.
 *
 * Input validation wants *all* errors, not the first one: struct kh_diags
 * collects up to a limit of located messages ("file:line:column: reason").
 * Out-of-memory is not an error code: allocation failure aborts (xalloc.h).
 */
#ifndef KAOHE_ERROR_H
#define KAOHE_ERROR_H

#include <stddef.h>
#include <stdarg.h>
#include <stdbool.h>
#include "kaohe/msg.h"

/* X(name, value, Chinese text, English text) */
#define KH_ERRNO_MAP(X)                                                        \
    X(INVAL,    -1,  "输入无效", "invalid input")                                \
    X(IO,       -2,  "读写失败", "input/output error")                           \
    X(NOTFOUND, -3,  "不存在", "not found")                                      \
    X(EXISTS,   -4,  "已存在", "already exists")                                 \
    X(STATE,    -5,  "当前状态不允许此操作", "not allowed in the current state")  \
    X(PERM,     -6,  "权限不足", "permission denied")                            \
    X(BUSY,     -7,  "数据库忙，请重试", "database busy, retry")                   \
    X(DB,       -8,  "数据库错误", "database error")                             \
    X(DATA,     -9,  "数据错误", "data error")                                   \
    X(TOOBIG,   -10, "超出大小限制", "size limit exceeded")                       \
    X(USAGE,    -11, "用法错误", "usage error")                                  \
    X(INTEGRITY,-12, "完整性校验失败", "integrity check failed")

enum kh_errno {
    KH_OK = 0,
#define KH__ERRNO_ENUM(name, val, zh, en) KH_E##name = val,
    KH_ERRNO_MAP(KH__ERRNO_ENUM)
#undef KH__ERRNO_ENUM
};

/* The code's name without the KH_E prefix ("PERM", "STATE"): stable, for
 * machine-readable errors (the JSON API's "status"). */
const char *kh_error_code_name(int code);
/* Short text of a code in lang. */
const char *kh_strerror(int code, enum kh_lang lang);

/*
 * One error: its code, an optional place (file, line, column name) and a
 * message with its arguments (msg.h), rendered only when shown.  Fixed-size
 * so it lives on the stack and is filled without allocation; arguments are
 * copied into argbuf (truncated at a character boundary when very long).
 * msg NULL means "no details": it renders as kh_strerror(code).
 */
struct kh_error {
    int code;
    char file[256];
    long line;
    char column[64];
    const struct kh_msg *msg;
    int nargs;
    unsigned short argoff[KH_MSG_MAXARGS];   /* offsets into argbuf */
    char argbuf[768];
};

/* Reset to "no error". Accepts NULL. */
void kh_error_clear(struct kh_error *err);

/*
 * Record an error and return `code` (so `return KH_ERR(...)` works).  `err`
 * may be NULL (then only the code is returned).  The variadic arguments are
 * the message's arguments as `const char *`, ended by NULL; use the macros,
 * which add the NULL:
 *
 *     return KH_ERR(err, KH_ENOTFOUND, STORE_NO_CYCLE, code);
 *     return KH_ERR_AT(err, KH_EINVAL, "targets.csv", 7, "baseline",
 *                      BUNDLE_BASELINE_ZERO, unit, leaf);
 */
int kh_error_msg(struct kh_error *err, int code, const char *file, long line, const char *column,
                 const struct kh_msg *msg, ...) __attribute__((sentinel));
int kh_error_vmsg(struct kh_error *err, int code, const char *file, long line,
                  const char *column, const struct kh_msg *msg, va_list ap);
#define KH_ERR(err, code, name, ...) \
    kh_error_msg((err), (code), NULL, 0, NULL, &KH_M_##name, ##__VA_ARGS__, (const char *)NULL)
#define KH_ERR_AT(err, code, file, line, column, name, ...)                              \
    kh_error_msg((err), (code), (file), (line), (column), &KH_M_##name, ##__VA_ARGS__, \
                 (const char *)NULL)
/* Copy src into dst (dst may be NULL); returns src->code. */
int kh_error_copy(struct kh_error *dst, const struct kh_error *src);
/* Set or replace the place of an error already recorded (NULL keeps). */
void kh_error_locate(struct kh_error *err, const char *file, long line, const char *column);
/* The i-th argument of err ("" when absent). */
const char *kh_error_arg(const struct kh_error *err, int i);

/* The message alone, rendered in lang, into buf of size n; returns buf. */
char *kh_error_text(const struct kh_error *err, enum kh_lang lang, char *buf, size_t n);
/* "file:line:column: message" (parts omitted when unknown) in lang. */
char *kh_error_render(const struct kh_error *err, enum kh_lang lang, char *buf, size_t n);

/*
 * A bounded list of located diagnostics.  kh_diags_msg() keeps counting past
 * the limit (so "and N more" can be reported) but stores only `limit` items.
 * Owns its strings; kh_diags_release() frees them and accepts the empty state.
 */
struct kh_diag {
    char *file;      /* file name as the user knows it, e.g. "values.csv" */
    long line;       /* physical line where the record starts; 0 = whole file */
    char *column;    /* column name (header as written) or NULL */
    /* The place is a cell of a sheet (xlsx): file is the sheet name, line
     * its row, column its letters, rendered "values!D17" ("values!17:17"
     * for a whole row, "values" for the sheet). */
    bool cell;
    const struct kh_msg *msg;
    int nargs;
    char **args;     /* nargs strings, owned */
};

struct kh_diags {
    struct kh_diag *items;
    size_t n;        /* stored */
    size_t total;    /* reported, including those past the limit */
    size_t limit;    /* 0 means the default, 100 */
};

void kh_diags_init(struct kh_diags *d, size_t limit);
/* Add one diagnostic: message arguments as `const char *`, ended by NULL
 * (KH_DIAG adds it). */
void kh_diags_msg(struct kh_diags *d, const char *file, long line, const char *column,
                  const struct kh_msg *msg, ...) __attribute__((sentinel));
void kh_diags_vmsg(struct kh_diags *d, const char *file, long line, const char *column,
                   const struct kh_msg *msg, va_list ap);
#define KH_DIAG(d, file, line, column, name, ...) \
    kh_diags_msg((d), (file), (line), (column), &KH_M_##name, ##__VA_ARGS__, (const char *)NULL)
/* Add err as a diagnostic; its own place is used where file/line/column
 * are NULL/0/NULL. */
void kh_diags_add_error(struct kh_diags *d, const char *file, long line, const char *column,
                        const struct kh_error *err);
/* Same, placed at a cell of a sheet (struct kh_diag.cell: file = sheet,
 * line = row, column = letters or NULL for the whole row). */
void kh_diags_msg_cell(struct kh_diags *d, const char *sheet, long row, const char *col,
                       const struct kh_msg *msg, ...) __attribute__((sentinel));
void kh_diags_vmsg_cell(struct kh_diags *d, const char *sheet, long row, const char *col,
                        const struct kh_msg *msg, va_list ap);
/* err as a diagnostic at a cell: its place (file = sheet, line = row,
 * column = letters) is taken as a cell of a sheet. */
void kh_diags_add_error_cell(struct kh_diags *d, const struct kh_error *err);
void kh_diags_release(struct kh_diags *d);
/* Sort stored diagnostics by (file, line) keeping insertion order for ties. */
void kh_diags_sort(struct kh_diags *d);
/* The message of one diagnostic in lang; "file:line:column: message". */
char *kh_diag_text(const struct kh_diag *g, enum kh_lang lang, char *buf, size_t n);
char *kh_diag_render(const struct kh_diag *g, enum kh_lang lang, char *buf, size_t n);

#endif
