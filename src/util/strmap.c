/*
 * strmap.c — open-addressing hash tables (strmap.h).
 *
 * Both tables use linear probing over a power-of-two array and grow (double
 * and rehash) before the load passes 1/2, so a probe sequence is short and
 * a lookup is O(1) expected.  Strings hash with 32-bit FNV-1a; the full hash
 * is stored per slot so a rehash never touches the keys and a probe compares
 * strings only when the hashes agree.  Key, hash and value share one slot
 * (not three parallel arrays): at ten million lookups into maps of a million
 * codes, each probe is one cache miss instead of three.  The u64 map mixes its key with the
 * splitmix64 finaliser because packed (unit, leaf) indices are far from
 * random.  Nothing is ever deleted, so no tombstones are needed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "kaohe/strmap.h"
#include "kaohe/xalloc.h"

uint32_t kh_hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 16777619u;
    }
    return h;
}

void kh_strmap_init(struct kh_strmap *m)
{
    m->slots = NULL;
    m->cap = 0;
    m->n = 0;
}

static void strmap_grow(struct kh_strmap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 16;
    struct kh_strslot *slots = kh_xcalloc(ncap, sizeof *slots);
    for (size_t i = 0; i < m->cap; i++) {
        if (m->slots[i].key == NULL)
            continue;
        size_t j = m->slots[i].hash & (ncap - 1);
        while (slots[j].key != NULL)
            j = (j + 1) & (ncap - 1);
        slots[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = slots;
    m->cap = ncap;
}

int32_t kh_strmap_put(struct kh_strmap *m, const char *key, int32_t val)
{
    if ((m->n + 1) * 2 > m->cap)
        strmap_grow(m);
    uint32_t h = kh_hash_str(key);
    size_t j = h & (m->cap - 1);
    while (m->slots[j].key != NULL) {
        if (m->slots[j].hash == h && strcmp(m->slots[j].key, key) == 0)
            return m->slots[j].val;
        j = (j + 1) & (m->cap - 1);
    }
    m->slots[j].key = key;
    m->slots[j].val = val;
    m->slots[j].hash = h;
    m->n++;
    return -1;
}

int32_t kh_strmap_get(const struct kh_strmap *m, const char *key)
{
    if (m->cap == 0 || key == NULL)
        return -1;
    uint32_t h = kh_hash_str(key);
    size_t j = h & (m->cap - 1);
    while (m->slots[j].key != NULL) {
        if (m->slots[j].hash == h && strcmp(m->slots[j].key, key) == 0)
            return m->slots[j].val;
        j = (j + 1) & (m->cap - 1);
    }
    return -1;
}

void kh_strmap_release(struct kh_strmap *m)
{
    free(m->slots);
    kh_strmap_init(m);
}

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

void kh_u64map_init(struct kh_u64map *m)
{
    m->slots = NULL;
    m->cap = 0;
    m->n = 0;
}

static void u64map_rehash(struct kh_u64map *m, size_t ncap)
{
    struct kh_u64slot *slots = kh_xreallocarray(NULL, ncap, sizeof *slots);
    for (size_t i = 0; i < ncap; i++)
        slots[i].val = -1;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->slots[i].val < 0)
            continue;
        size_t j = mix64(m->slots[i].key) & (ncap - 1);
        while (slots[j].val >= 0)
            j = (j + 1) & (ncap - 1);
        slots[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = slots;
    m->cap = ncap;
}

void kh_u64map_reserve(struct kh_u64map *m, size_t n)
{
    size_t ncap = m->cap ? m->cap : 16;
    while (n * 2 > ncap && ncap <= SIZE_MAX / 4)
        ncap *= 2;
    if (ncap > m->cap)
        u64map_rehash(m, ncap);
}

int32_t kh_u64map_put(struct kh_u64map *m, uint64_t key, int32_t val)
{
    if ((m->n + 1) * 2 > m->cap)
        u64map_rehash(m, m->cap ? m->cap * 2 : 16);
    size_t j = mix64(key) & (m->cap - 1);
    while (m->slots[j].val >= 0) {
        if (m->slots[j].key == key)
            return m->slots[j].val;
        j = (j + 1) & (m->cap - 1);
    }
    m->slots[j].key = key;
    m->slots[j].val = val;
    m->n++;
    return -1;
}

int32_t kh_u64map_get(const struct kh_u64map *m, uint64_t key)
{
    if (m->cap == 0)
        return -1;
    size_t j = mix64(key) & (m->cap - 1);
    while (m->slots[j].val >= 0) {
        if (m->slots[j].key == key)
            return m->slots[j].val;
        j = (j + 1) & (m->cap - 1);
    }
    return -1;
}

void kh_u64map_release(struct kh_u64map *m)
{
    free(m->slots);
    kh_u64map_init(m);
}
