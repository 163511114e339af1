/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Seeding for the xoshiro256** generator; see prng.h. */
#include "gen/prng.h"

uint64_t splitmix64_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void prng_seed(Prng *p, uint64_t seed)
{
    uint64_t st = seed;
    for (int i = 0; i < 4; i++) {
        p->s[i] = splitmix64_next(&st);
    }
}
