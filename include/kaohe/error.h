/*
 * error.h — the one error convention of kaohe.
 *
 * Every fallible function returns 0 or a negative KH_E* code from the X-macro
 * table below (libuv style).  Details travel in an optional struct kh_error:
 * the code, a message in Chinese and English, and for input errors the place
 * (file, line, column name).  Library code never prints or exits; the CLI
 * prints kh_error_format() and chooses the exit status.
 *
 * Input validation wants *all* errors, not the first one: struct kh_diags
 * collects up to a limit of located messages ("file:line:column: reason").
 * Out-of-memory is not an error code: allocation failure aborts (xalloc.h).
 */
#ifndef KAOHE_ERROR_H
#define KAOHE_ERROR_H

#include <stddef.h>
#include <stdarg.h>

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

/* Short text of a code; lang "en" gives English, anything else Chinese. */
const char *kh_strerror(int code, const char *lang);

/*
 * One error with optional location.  `file` and `column` are empty strings
 * when unknown, `line` 0.  Fixed-size so it can live on the stack and be
 * filled without allocation.
 */
struct kh_error {
    int code;
    char file[256];
    long line;
    char column[64];
    char msg[768];
};

/* Reset to "no error". Accepts NULL. */
void kh_error_clear(struct kh_error *err);

/*
 * Record an error and return `code` (so `return kh_error_set(err, ...)` works).
 * `err` may be NULL (then only the code is returned).  file/column may be NULL.
 */
int kh_error_set(struct kh_error *err, int code, const char *file, long line,
                 const char *column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Format as "file:line:column: message" (parts omitted when unknown) into
 * buf of size n; returns buf. */
char *kh_error_format(const struct kh_error *err, char *buf, size_t n);

/*
 * A bounded list of located diagnostics.  kh_diags_add() keeps counting past
 * the limit (so "and N more" can be reported) but stores only `limit` items.
 * Owns its strings; kh_diags_release() frees them and accepts the empty state.
 */
struct kh_diag {
    char *file;      /* file name as the user knows it, e.g. "values.csv" */
    long line;       /* physical line where the record starts; 0 = whole file */
    char *column;    /* column name (header as written) or NULL */
    char *msg;       /* reason, Chinese first */
};

struct kh_diags {
    struct kh_diag *items;
    size_t n;        /* stored */
    size_t total;    /* reported, including those past the limit */
    size_t limit;    /* 0 means the default, 100 */
};

void kh_diags_init(struct kh_diags *d, size_t limit);
void kh_diags_add(struct kh_diags *d, const char *file, long line,
                  const char *column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void kh_diags_vadd(struct kh_diags *d, const char *file, long line,
                   const char *column, const char *fmt, va_list ap);
void kh_diags_release(struct kh_diags *d);
/* Sort stored diagnostics by (file, line) keeping insertion order for ties. */
void kh_diags_sort(struct kh_diags *d);

#endif
