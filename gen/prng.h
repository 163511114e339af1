/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The generator's PRNG: xoshiro256** (Blackman & Vigna, 2018) seeded by
 * expanding the 64-bit user seed with splitmix64.  Both are specified
 * by their published reference algorithms and use only 64-bit unsigned
 * arithmetic, so a seed gives the same stream on every host.  Bounded
 * draws use a multiply-shift on the top 32 bits, never '%' on rand().
 */
#ifndef GEN_PRNG_H
#define GEN_PRNG_H

#include <stdint.h>

typedef struct Prng {
    uint64_t s[4];
} Prng;

uint64_t splitmix64_next(uint64_t *state);
void prng_seed(Prng *p, uint64_t seed);

static inline uint64_t prng_rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t prng_next(Prng *p)
{
    uint64_t *s = p->s;
    uint64_t r = prng_rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = prng_rotl(s[3], 45);
    return r;
}

/* Uniform in [0, n) for 0 < n <= 2^32 (n == 0 returns 0). */
static inline uint32_t prng_below(Prng *p, uint64_t n)
{
    return (uint32_t)(((prng_next(p) >> 32) * n) >> 32);
}

/* True with probability num/den. */
static inline int prng_chance(Prng *p, uint32_t num, uint32_t den)
{
    return prng_below(p, den) < num;
}

#endif
