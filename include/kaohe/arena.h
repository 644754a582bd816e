/*
 * arena.h — a region allocator: many small allocations, one release.
 *
 * A bundle, a computation run and an HTTP request each own one arena; all
 * their strings and arrays that never shrink live there and go away in a
 * single kh_arena_release().  Allocation is fatal on OOM like xalloc.
 * Alignment is 16 bytes.  Large requests get their own block.
 */
#ifndef KAOHE_ARENA_H
#define KAOHE_ARENA_H

#include <stddef.h>

struct kh_arena_block;
struct kh_arena {
    struct kh_arena_block *head;
    size_t block_size;   /* default 64 KiB */
    size_t used_total;   /* bytes handed out, for statistics */
};

#define KH_ARENA_INIT {NULL, 0, 0}

void kh_arena_init(struct kh_arena *a, size_t block_size);
void *kh_arena_alloc(struct kh_arena *a, size_t n);      /* uninitialised */
void *kh_arena_calloc(struct kh_arena *a, size_t count, size_t size); /* zeroed */
char *kh_arena_strdup(struct kh_arena *a, const char *s);
char *kh_arena_strndup(struct kh_arena *a, const char *s, size_t n);
char *kh_arena_printf(struct kh_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void kh_arena_release(struct kh_arena *a);

#endif
