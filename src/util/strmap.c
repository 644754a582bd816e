/*
 * strmap.c — open-addressing hash tables (strmap.h).
 *
 * Both tables use linear probing over a power-of-two array and grow (double
 * and rehash) before the load passes 1/2, so a probe sequence is short and
 * a lookup is O(1) expected.  Strings hash with 32-bit FNV-1a; the full hash
 * is stored per slot so a rehash never touches the keys and a probe compares
 * strings only when the hashes agree.  The u64 map mixes its key with the
 * splitmix64 finaliser because packed (unit, leaf) indices are far from
 * random.  Nothing is ever deleted, so no tombstones are needed.
 */
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
    m->keys = NULL;
    m->vals = NULL;
    m->hashes = NULL;
    m->cap = 0;
    m->n = 0;
}

static void strmap_grow(struct kh_strmap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 16;
    const char **keys = kh_xcalloc(ncap, sizeof *keys);
    int32_t *vals = kh_xcalloc(ncap, sizeof *vals);
    uint32_t *hashes = kh_xcalloc(ncap, sizeof *hashes);
    for (size_t i = 0; i < m->cap; i++) {
        if (m->keys[i] == NULL)
            continue;
        size_t j = m->hashes[i] & (ncap - 1);
        while (keys[j] != NULL)
            j = (j + 1) & (ncap - 1);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
        hashes[j] = m->hashes[i];
    }
    free(m->keys);
    free(m->vals);
    free(m->hashes);
    m->keys = keys;
    m->vals = vals;
    m->hashes = hashes;
    m->cap = ncap;
}

int32_t kh_strmap_put(struct kh_strmap *m, const char *key, int32_t val)
{
    if ((m->n + 1) * 2 > m->cap)
        strmap_grow(m);
    uint32_t h = kh_hash_str(key);
    size_t j = h & (m->cap - 1);
    while (m->keys[j] != NULL) {
        if (m->hashes[j] == h && strcmp(m->keys[j], key) == 0)
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    m->keys[j] = key;
    m->vals[j] = val;
    m->hashes[j] = h;
    m->n++;
    return -1;
}

int32_t kh_strmap_get(const struct kh_strmap *m, const char *key)
{
    if (m->cap == 0 || key == NULL)
        return -1;
    uint32_t h = kh_hash_str(key);
    size_t j = h & (m->cap - 1);
    while (m->keys[j] != NULL) {
        if (m->hashes[j] == h && strcmp(m->keys[j], key) == 0)
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    return -1;
}

void kh_strmap_release(struct kh_strmap *m)
{
    free(m->keys);
    free(m->vals);
    free(m->hashes);
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
    m->keys = NULL;
    m->vals = NULL;
    m->cap = 0;
    m->n = 0;
}

static void u64map_grow(struct kh_u64map *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 16;
    uint64_t *keys = kh_xcalloc(ncap, sizeof *keys);
    int32_t *vals = kh_xmalloc(ncap * sizeof *vals);
    for (size_t i = 0; i < ncap; i++)
        vals[i] = -1;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->vals[i] < 0)
            continue;
        size_t j = mix64(m->keys[i]) & (ncap - 1);
        while (vals[j] >= 0)
            j = (j + 1) & (ncap - 1);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = ncap;
}

int32_t kh_u64map_put(struct kh_u64map *m, uint64_t key, int32_t val)
{
    if ((m->n + 1) * 2 > m->cap)
        u64map_grow(m);
    size_t j = mix64(key) & (m->cap - 1);
    while (m->vals[j] >= 0) {
        if (m->keys[j] == key)
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    m->keys[j] = key;
    m->vals[j] = val;
    m->n++;
    return -1;
}

int32_t kh_u64map_get(const struct kh_u64map *m, uint64_t key)
{
    if (m->cap == 0)
        return -1;
    size_t j = mix64(key) & (m->cap - 1);
    while (m->vals[j] >= 0) {
        if (m->keys[j] == key)
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    return -1;
}

void kh_u64map_release(struct kh_u64map *m)
{
    free(m->keys);
    free(m->vals);
    kh_u64map_init(m);
}
