/*
 * prng.h — kaohe's one pseudo-random generator: SplitMix64.
 *
 * Everything random in kaohe (sample data, the rank-stability Monte-Carlo of
 * SPEC §8 / §11.26) must depend only on its inputs and a seed, identically on
 * every platform.  SplitMix64 (Steele, Lea and Flood, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014; the generator of Java's
 * SplittableRandom) is 64-bit integer arithmetic only, so it is exact
 * everywhere:
 *
 *     state += 0x9E3779B97F4A7C15
 *     z = state
 *     z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
 *     z = (z ^ (z >> 27)) * 0x94D049BB133111EB
 *     return z ^ (z >> 31)
 *
 * Independent streams: kh_prng_seed(seed, stream) mixes the stream number
 * into the start state, so a generator can give each unit (or each purpose)
 * its own stream and a change in one part of the data does not shift every
 * other part.  Stream 0 starts exactly at `seed` (the published sequence).
 *
 * The derived draws use no libm transcendental function: uniform doubles are
 * the top 53 bits times 2^-53 (exact), integers in a range are drawn by
 * rejection (no modulo bias), and the "normal" draw is the Irwin–Hall sum of
 * four uniforms, scaled to variance 1 — additions and one multiplication,
 * exact under IEEE double with -ffp-contract=off.
 */
#ifndef KAOHE_PRNG_H
#define KAOHE_PRNG_H

#include <stdint.h>

struct kh_prng {
    uint64_t state;
};

/* Start a generator for (seed, stream); stream 0 = plain SplitMix64(seed). */
void kh_prng_seed(struct kh_prng *r, uint64_t seed, uint64_t stream);
/* The next 64-bit output. */
uint64_t kh_prng_next(struct kh_prng *r);
/* Uniform double in [0, 1). */
double kh_prng_uniform(struct kh_prng *r);
/* Uniform integer in [0, n); n = 0 gives 0. */
uint64_t kh_prng_below(struct kh_prng *r, uint64_t n);
/* Uniform integer in [lo, hi] (inclusive); hi < lo gives lo. */
long kh_prng_range(struct kh_prng *r, long lo, long hi);
/* True with probability p. */
int kh_prng_chance(struct kh_prng *r, double p);
/* Approximately standard normal: mean 0, variance 1, support [-2√3, 2√3]. */
double kh_prng_normal(struct kh_prng *r);

#endif
