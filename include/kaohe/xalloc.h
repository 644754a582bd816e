/*
 * xalloc.h — allocation that cannot fail.
 *
 * kaohe treats out-of-memory as fatal (as tmux's xmalloc.c does): the
 * wrappers print one line and abort.  This keeps every error path about
 * *input* and *I/O*, which is what users can act on.  Sizes are checked for
 * overflow before multiplication.
 */
#ifndef KAOHE_XALLOC_H
#define KAOHE_XALLOC_H

#include <stddef.h>

void *kh_xmalloc(size_t n);
void *kh_xcalloc(size_t count, size_t size);
void *kh_xrealloc(void *p, size_t n);
/* realloc to count*size with overflow check */
void *kh_xreallocarray(void *p, size_t count, size_t size);
char *kh_xstrdup(const char *s);
char *kh_xstrndup(const char *s, size_t n);

/*
 * Grow-by-doubling helper for flat arrays: ensures *cap >= need, reallocating
 * *ptr (elements of `elem` bytes).  Typical use:
 *     KH_GROW(b->units, b->nunits + 1, b->units_cap);
 */
void kh__grow(void **ptr, size_t elem, size_t need, size_t *cap);
/* The capacity test is inline because readers call this once per row of ten
 * million; `need` is evaluated once. */
#define KH_GROW(ptr, need, cap)                                         \
    do {                                                                \
        size_t kh__need_ = (need);                                      \
        if (kh__need_ > (cap))                                          \
            kh__grow((void **)&(ptr), sizeof(*(ptr)), kh__need_, &(cap)); \
    } while (0)

#endif
