/*
 * strmap.h — open-addressing hash tables for code lookup.
 *
 * Every code of a bundle (unit, node, rater, cadre …) is resolved through a
 * kh_strmap to a dense int32 index into a flat array; composite keys (unit,
 * leaf) use kh_u64map with the two indices packed into 64 bits.  Both grow at
 * load 1/2, so lookups stay O(1) at 40,000 units and ten million ratings.
 *
 * kh_strmap does not copy keys: they must outlive the map (in practice they
 * live in the bundle's arena).  Values are int32_t >= 0; lookups of absent
 * keys return -1.
 */
#ifndef KAOHE_STRMAP_H
#define KAOHE_STRMAP_H

#include <stddef.h>
#include <stdint.h>

/* One slot: the hash and value beside the key pointer, so a probe touches
 * one cache line and compares strings only when the hashes agree. */
struct kh_strslot {
    const char *key;    /* NULL marks an empty slot */
    uint32_t hash;
    int32_t val;
};

struct kh_strmap {
    struct kh_strslot *slots;
    size_t cap;     /* power of two or 0 */
    size_t n;
};

#define KH_STRMAP_INIT {NULL, 0, 0}

void kh_strmap_init(struct kh_strmap *m);
/* Insert key -> val when absent and return -1; when present leave the map
 * unchanged and return the existing value. */
int32_t kh_strmap_put(struct kh_strmap *m, const char *key, int32_t val);
int32_t kh_strmap_get(const struct kh_strmap *m, const char *key);
void kh_strmap_release(struct kh_strmap *m);

struct kh_u64slot {
    uint64_t key;
    int32_t val;      /* -1 marks an empty slot */
};

struct kh_u64map {
    struct kh_u64slot *slots;
    size_t cap;
    size_t n;
};

#define KH_U64MAP_INIT {NULL, 0, 0}
#define KH_U64_KEY(a, b) (((uint64_t)(uint32_t)(a) << 32) | (uint32_t)(b))

void kh_u64map_init(struct kh_u64map *m);
/* Make room for `n` entries in all, so that many puts never rehash (a
 * capacity hint: lookups and results are the same without it). */
void kh_u64map_reserve(struct kh_u64map *m, size_t n);
int32_t kh_u64map_put(struct kh_u64map *m, uint64_t key, int32_t val);
int32_t kh_u64map_get(const struct kh_u64map *m, uint64_t key);
void kh_u64map_release(struct kh_u64map *m);

uint32_t kh_hash_str(const char *s);

#endif
