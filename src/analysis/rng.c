/*
 * rng.c — splitmix64 seeding and xoshiro256** (rng.h).
 *
 * Everything is unsigned 64-bit arithmetic, which C defines modulo 2^64 on
 * every platform, and one exact conversion to double; so a seed yields the
 * same stream everywhere (SPEC §11.26).  Written from the published
 * algorithm descriptions (Vigna, "xoshiro/xoroshiro generators", 2018).
 */
#include "kaohe/rng.h"

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t kh_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

void kh_rng_seed(struct kh_rng *r, uint64_t seed)
{
    uint64_t sm = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = kh_splitmix64(&sm);
    /* splitmix64 never yields four zeros in a row, so the state is valid. */
}

uint64_t kh_rng_next(struct kh_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double kh_rng_uniform(struct kh_rng *r)
{
    return (double)(kh_rng_next(r) >> 11) * 0x1.0p-53;
}
