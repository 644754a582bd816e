/*
 * xalloc.c — allocation wrappers that abort on out-of-memory (xalloc.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/xalloc.h"

static void oom(size_t n)
{
    fprintf(stderr, "kaohe: out of memory (%zu bytes)\n", n);
    abort();
}

void *kh_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL)
        oom(n);
    return p;
}

void *kh_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (p == NULL)
        oom(count * size);
    return p;
}

void *kh_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (q == NULL)
        oom(n);
    return q;
}

void *kh_xreallocarray(void *p, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size)
        oom(SIZE_MAX);
    return kh_xrealloc(p, count * size);
}

char *kh_xstrdup(const char *s)
{
    return kh_xstrndup(s, strlen(s));
}

char *kh_xstrndup(const char *s, size_t n)
{
    char *p = kh_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void kh__grow(void **ptr, size_t elem, size_t need, size_t *cap)
{
    if (need <= *cap)
        return;
    size_t c = *cap ? *cap : 16;
    while (c < need) {
        if (c > SIZE_MAX / 2)
            oom(SIZE_MAX);
        c *= 2;
    }
    *ptr = kh_xreallocarray(*ptr, c, elem);
    *cap = c;
}
