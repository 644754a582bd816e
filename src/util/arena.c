/*
 * arena.c — the region allocator (arena.h).
 *
 * Blocks form a singly linked list, newest first; allocation bumps a pointer
 * in the head block.  A request larger than a quarter of the block size gets
 * a block of its own, linked *behind* the head so the head's free tail is not
 * wasted.  Every returned pointer is 16-byte aligned: block payloads start
 * aligned (the header is padded) and every size is rounded up to 16.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/arena.h"
#include "kaohe/xalloc.h"

#define ARENA_ALIGN 16

struct kh_arena_block {
    struct kh_arena_block *next;
    size_t size;      /* payload bytes */
    size_t used;
    size_t pad_;      /* keeps the payload 16-byte aligned on 64-bit */
};

#define BLOCK_HDR (((sizeof(struct kh_arena_block) + ARENA_ALIGN - 1) / ARENA_ALIGN) * ARENA_ALIGN)

void kh_arena_init(struct kh_arena *a, size_t block_size)
{
    a->head = NULL;
    a->block_size = block_size ? block_size : 65536;
    a->used_total = 0;
}

static struct kh_arena_block *block_new(size_t size)
{
    if (size > SIZE_MAX - BLOCK_HDR)
        size = SIZE_MAX - BLOCK_HDR; /* kh_xmalloc aborts on this */
    struct kh_arena_block *blk = kh_xmalloc(BLOCK_HDR + size);
    blk->next = NULL;
    blk->size = size;
    blk->used = 0;
    return blk;
}

void *kh_arena_alloc(struct kh_arena *a, size_t n)
{
    if (a->block_size == 0)
        a->block_size = 65536;
    if (n > SIZE_MAX - ARENA_ALIGN)
        n = SIZE_MAX - ARENA_ALIGN;
    n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (n == 0)
        n = ARENA_ALIGN;
    a->used_total += n;
    if (n > a->block_size / 4) {
        struct kh_arena_block *big = block_new(n);
        big->used = n;
        if (a->head) {
            big->next = a->head->next;
            a->head->next = big;
        } else {
            a->head = big;
        }
        return (char *)big + BLOCK_HDR;
    }
    if (a->head == NULL || a->head->size - a->head->used < n) {
        struct kh_arena_block *blk = block_new(a->block_size);
        blk->next = a->head;
        a->head = blk;
    }
    void *p = (char *)a->head + BLOCK_HDR + a->head->used;
    a->head->used += n;
    return p;
}

void *kh_arena_calloc(struct kh_arena *a, size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size) {
        fprintf(stderr, "kaohe: arena allocation overflow\n");
        abort();
    }
    void *p = kh_arena_alloc(a, count * size);
    memset(p, 0, count * size);
    return p;
}

char *kh_arena_strndup(struct kh_arena *a, const char *s, size_t n)
{
    char *p = kh_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *kh_arena_strdup(struct kh_arena *a, const char *s)
{
    return kh_arena_strndup(a, s, strlen(s));
}

char *kh_arena_printf(struct kh_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    char *p = kh_arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void kh_arena_release(struct kh_arena *a)
{
    struct kh_arena_block *blk = a->head;
    while (blk) {
        struct kh_arena_block *next = blk->next;
        free(blk);
        blk = next;
    }
    a->head = NULL;
    a->used_total = 0;
}
