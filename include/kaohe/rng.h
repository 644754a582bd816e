/*
 * rng.h — the one pseudo-random generator of kaohe (SPEC §8, §11.26).
 *
 * Rank-stability results must be identical on every platform for the same
 * seed, so the generator is written here in integer arithmetic rather than
 * borrowed from the C library: xoshiro256** (Blackman & Vigna 2018), its
 * 256-bit state filled from the 64-bit seed by four successive outputs of
 * splitmix64 (Steele, Lea & Flood 2014), as the xoshiro authors recommend.
 *
 *   splitmix64:  z = (s += 0x9E3779B97F4A7C15);
 *                z = (z ^ z>>30)·0xBF58476D1CE4E5B9; z = (z ^ z>>27)·0x94D049BB133111EB;
 *                return z ^ z>>31
 *   xoshiro256**: result = rotl(s1·5, 7)·9; t = s1<<17; s2 ^= s0; s3 ^= s1;
 *                s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45)
 *   uniform [0,1): (next >> 11) · 2^-53 — exact in IEEE double.
 *
 * Seed 1 gives first outputs 0xB3F2AF6D0FC710C5 … (tested in
 * tests/unit/test-sensitivity.c) on every platform.
 */
#ifndef KAOHE_RNG_H
#define KAOHE_RNG_H

#include <stdint.h>

struct kh_rng {
    uint64_t s[4];
};

uint64_t kh_splitmix64(uint64_t *state);
void kh_rng_seed(struct kh_rng *r, uint64_t seed);
uint64_t kh_rng_next(struct kh_rng *r);
/* Uniform on [0, 1), 53 random bits. */
double kh_rng_uniform(struct kh_rng *r);

#endif
