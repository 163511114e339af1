/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * 64-bit integer helpers for 32-bit targets.  We link without libgcc
 * (none exists for every runner flavour), so gcc's calls for uint64_t
 * variable shifts, '/' and '%' on o32 land here.  Division is
 * shift-subtract: only used off the hot path.
 */
#include "runner/rt/rt.h"

#if UINTPTR_MAX == 0xffffffffu
uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem);
uint64_t __udivdi3(uint64_t n, uint64_t d);
uint64_t __umoddi3(uint64_t n, uint64_t d);
int64_t __divdi3(int64_t n, int64_t d);
int64_t __moddi3(int64_t n, int64_t d);
uint64_t __ashldi3(uint64_t v, int s);
uint64_t __lshrdi3(uint64_t v, int s);
int64_t __ashrdi3(int64_t v, int s);

typedef union Split {
    uint64_t u;
    struct {
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        uint32_t hi, lo;
#else
        uint32_t lo, hi;
#endif
    } w;
} Split;

uint64_t __ashldi3(uint64_t v, int s)
{
    Split x = { v }, r;

    s &= 63;
    if (s == 0) {
        return v;
    }
    if (s >= 32) {
        r.w.lo = 0;
        r.w.hi = x.w.lo << (s - 32);
    } else {
        r.w.lo = x.w.lo << s;
        r.w.hi = x.w.hi << s | x.w.lo >> (32 - s);
    }
    return r.u;
}

uint64_t __lshrdi3(uint64_t v, int s)
{
    Split x = { v }, r;

    s &= 63;
    if (s == 0) {
        return v;
    }
    if (s >= 32) {
        r.w.hi = 0;
        r.w.lo = x.w.hi >> (s - 32);
    } else {
        r.w.hi = x.w.hi >> s;
        r.w.lo = x.w.lo >> s | x.w.hi << (32 - s);
    }
    return r.u;
}

int64_t __ashrdi3(int64_t v, int s)
{
    Split x = { (uint64_t)v }, r;

    s &= 63;
    if (s == 0) {
        return v;
    }
    if (s >= 32) {
        r.w.hi = (uint32_t)((int32_t)x.w.hi >> 31);
        r.w.lo = (uint32_t)((int32_t)x.w.hi >> (s - 32));
    } else {
        r.w.hi = (uint32_t)((int32_t)x.w.hi >> s);
        r.w.lo = x.w.lo >> s | x.w.hi << (32 - s);
    }
    return (int64_t)r.u;
}

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem)
{
    uint64_t q = 0, r = 0;

    if (d == 0) {
        /* Like a trap-less divide: defined garbage, never a crash. */
        if (rem) {
            *rem = n;
        }
        return ~(uint64_t)0;
    }
    for (int i = 63; i >= 0; i--) {
        r = (r << 1) | ((n >> i) & 1);
        if (r >= d) {
            r -= d;
            q |= (uint64_t)1 << i;
        }
    }
    if (rem) {
        *rem = r;
    }
    return q;
}

uint64_t __udivdi3(uint64_t n, uint64_t d)
{
    return __udivmoddi4(n, d, 0);
}

uint64_t __umoddi3(uint64_t n, uint64_t d)
{
    uint64_t r;

    __udivmoddi4(n, d, &r);
    return r;
}

int64_t __divdi3(int64_t n, int64_t d)
{
    uint64_t un = n < 0 ? -(uint64_t)n : (uint64_t)n;
    uint64_t ud = d < 0 ? -(uint64_t)d : (uint64_t)d;
    uint64_t q = __udivmoddi4(un, ud, 0);

    return (n < 0) != (d < 0) ? -(int64_t)q : (int64_t)q;
}

int64_t __moddi3(int64_t n, int64_t d)
{
    uint64_t un = n < 0 ? -(uint64_t)n : (uint64_t)n;
    uint64_t ud = d < 0 ? -(uint64_t)d : (uint64_t)d;
    uint64_t r;

    __udivmoddi4(un, ud, &r);
    return n < 0 ? -(int64_t)r : (int64_t)r;
}
#endif
