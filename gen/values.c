/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Initial register values: a seeded mix of random bits and values at
 * the edges where implementations tend to differ (zero, sign and width
 * boundaries, FP specials).  Everything is drawn from the PRNG so the
 * preamble is determined by the seed.
 */
#include "gen/arch.h"

static uint64_t sext(uint64_t v, int bits)
{
    if (bits >= 64) {
        return v;
    }
    uint64_t m = (uint64_t)1 << (bits - 1);
    v &= ((uint64_t)1 << bits) - 1;
    return (v ^ m) - m;
}

uint64_t gen_val_int(Prng *p, int bits)
{
    uint64_t max = bits >= 64 ? ~(uint64_t)0 >> 1
                              : ((uint64_t)1 << (bits - 1)) - 1;
    uint64_t min = ~max;
    uint64_t v;

    /* Half random bits, half boundary values. */
    switch (prng_below(p, 16)) {
    case 0:
        v = 0;
        break;
    case 1:
        v = 1;
        break;
    case 2:
        v = ~(uint64_t)0;
        break;
    case 3:
        v = max - prng_below(p, 2);
        break;
    case 4:
        v = min + prng_below(p, 2);
        break;
    case 5:
        v = (uint64_t)1 << prng_below(p, bits);     /* one bit set */
        break;
    case 6:
        v = ((uint64_t)1 << prng_below(p, bits)) - 1; /* low mask */
        break;
    case 7:
        v = (uint64_t)((int64_t)prng_below(p, 256) - 128);  /* small */
        break;
    default:
        v = prng_next(p);
        break;
    }
    return sext(v, bits);
}

uint64_t gen_val_gpr64(Prng *p)
{
    /*
     * MIPS64 32-bit operations are only defined on sign-extended inputs
     * and A64 W forms ignore the top half, so a good share of the values
     * are 32-bit values sign-extended to 64.
     */
    switch (prng_below(p, 4)) {
    case 0:
    case 1:
        return gen_val_int(p, 32);
    default:
        return gen_val_int(p, 64);
    }
}

uint64_t gen_val_fp(Prng *p, int bits, GenNanStyle nan)
{
    int ebits = bits == 16 ? 5 : bits == 32 ? 8 : 11;
    int mbits = bits - 1 - ebits;
    uint64_t sign = (uint64_t)prng_below(p, 2) << (bits - 1);
    uint64_t emask = (((uint64_t)1 << ebits) - 1) << mbits;
    uint64_t mmask = ((uint64_t)1 << mbits) - 1;
    uint64_t qbit = (uint64_t)1 << (mbits - 1);
    uint64_t payload = prng_next(p) & (qbit - 1);
    uint64_t bias = ((uint64_t)1 << (ebits - 1)) - 1;
    uint64_t v;

    switch (prng_below(p, 16)) {
    case 0:
        v = 0;                                   /* +-0 */
        break;
    case 1:
        v = emask;                               /* +-Inf */
        break;
    case 2:                                      /* quiet NaN */
        v = emask | (nan == GEN_NAN_IEEE ? qbit | payload
                                          : (payload ? payload : 1));
        if (nan == GEN_NAN_LEGACY && prng_below(p, 2)) {
            v = emask | (qbit - 1);              /* the legacy default */
        }
        break;
    case 3:                                      /* signalling NaN */
        v = emask | (nan == GEN_NAN_IEEE ? (payload ? payload : 1)
                                          : qbit | payload);
        break;
    case 4:
        v = 1 + (prng_next(p) & mmask & -(uint64_t)prng_below(p, 2));
        break;                                   /* denormal */
    case 5:
        v = mmask;                               /* largest denormal */
        break;
    case 6:
        v = (uint64_t)1 << mbits;                /* smallest normal */
        break;
    case 7:
        v = emask - 1;                           /* largest normal */
        break;
    case 8:
        v = bias << mbits;                       /* 1.0 */
        break;
    case 9:                                      /* integers, rounding */
        v = ((bias + prng_below(p, mbits + 2)) << mbits) |
            (prng_next(p) & mmask & ~(mmask >> prng_below(p, 4)));
        break;
    case 10:                                     /* near 0.5 ulp ties */
        v = (bias - 1 + prng_below(p, 3)) << mbits | (qbit >> 1) |
            (prng_below(p, 2) ? 1 : 0);
        break;
    default:                                     /* any finite */
        v = ((uint64_t)prng_below(p, (emask >> mbits) - 1) + 1) << mbits |
            (prng_next(p) & mmask);
        break;
    }
    return (v & (emask | mmask)) | sign;
}

uint64_t gen_val_fpr(Prng *p, GenNanStyle nan)
{
    switch (prng_below(p, 8)) {
    case 0:
    case 1:
        /* A single in the low half; the top half random or zero. */
        return gen_val_fp(p, 32, nan) |
               (prng_below(p, 2) ? prng_next(p) << 32 : 0);
    case 2:
        return gen_val_fp(p, 32, nan) | gen_val_fp(p, 32, nan) << 32;
    case 3:
        return gen_val_int(p, 64);
    default:
        return gen_val_fp(p, 64, nan);
    }
}

void gen_val_vec128(Prng *p, GenNanStyle nan, uint64_t out[2])
{
    int lane = 8 << prng_below(p, 4);            /* b, h, w, d */
    int per = 64 / lane;

    for (int half = 0; half < 2; half++) {
        uint64_t v = 0;
        for (int i = 0; i < per; i++) {
            uint64_t x;
            if (lane >= 16 && prng_below(p, 2)) {
                x = gen_val_fp(p, lane, nan);
            } else {
                x = gen_val_int(p, lane);
            }
            if (lane < 64) {
                x &= ((uint64_t)1 << lane) - 1;
            }
            v |= x << (i * lane);
        }
        out[half] = v;
    }
}
