/*
 * prng.c — SplitMix64 and the draws derived from it (prng.h has the
 * algorithm, its source and why it is exact on every platform).
 *
 * Invariant: nothing here touches floating point beyond exact operations
 * (a 53-bit integer times a power of two, sums of such values, one constant
 * product), so the same seed gives the same doubles on every IEEE machine.
 */
#include "kaohe/prng.h"

#define GOLDEN_GAMMA 0x9E3779B97F4A7C15ULL

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void kh_prng_seed(struct kh_prng *r, uint64_t seed, uint64_t stream)
{
    /* Stream 0 must leave the seed untouched so the reference sequence of
     * SplitMix64 is reproduced; other streams start at a mixed point. */
    r->state = stream == 0 ? seed : seed ^ mix64(stream * GOLDEN_GAMMA + 0x2545F4914F6CDD1DULL);
}

uint64_t kh_prng_next(struct kh_prng *r)
{
    r->state += GOLDEN_GAMMA;
    return mix64(r->state);
}

double kh_prng_uniform(struct kh_prng *r)
{
    return (double)(kh_prng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

uint64_t kh_prng_below(struct kh_prng *r, uint64_t n)
{
    if (n == 0)
        return 0;
    /* Reject the top partial block so every residue is equally likely. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do
        x = kh_prng_next(r);
    while (x >= limit);
    return x % n;
}

long kh_prng_range(struct kh_prng *r, long lo, long hi)
{
    if (hi <= lo)
        return lo;
    return lo + (long)kh_prng_below(r, (uint64_t)(hi - lo) + 1);
}

int kh_prng_chance(struct kh_prng *r, double p)
{
    return kh_prng_uniform(r) < p;
}

double kh_prng_normal(struct kh_prng *r)
{
    /* Irwin–Hall: the sum of 4 U(0,1) has mean 2 and variance 1/3. */
    double s = kh_prng_uniform(r) + kh_prng_uniform(r) + kh_prng_uniform(r) + kh_prng_uniform(r);
    return (s - 2.0) * 1.7320508075688772;
}
