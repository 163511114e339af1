/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * String and memory functions for the freestanding runner.
 */
#include "runner/rt/rt.h"

/*
 * Word-at-a-time where both ends allow it: under qemu-user every guest
 * load and store is a dozen host instructions, and a checkpoint clears,
 * copies and compares a few KiB of state (583 slots with SVE).
 */
typedef uintptr_t __attribute__((may_alias)) rt_word;
#define RT_W sizeof(rt_word)

static int rt_aligned(const void *a, const void *b)
{
    return (((uintptr_t)a | (uintptr_t)b) & (RT_W - 1)) == 0;
}

void *memcpy(void *d, const void *s, size_t n)
{
    unsigned char *dp = d;
    const unsigned char *sp = s;

    if (rt_aligned(dp, sp)) {
        for (; n >= 4 * RT_W; n -= 4 * RT_W, dp += 4 * RT_W,
             sp += 4 * RT_W) {
            rt_word a = ((const rt_word *)sp)[0];
            rt_word b = ((const rt_word *)sp)[1];
            rt_word c = ((const rt_word *)sp)[2];
            rt_word e = ((const rt_word *)sp)[3];
            ((rt_word *)dp)[0] = a;
            ((rt_word *)dp)[1] = b;
            ((rt_word *)dp)[2] = c;
            ((rt_word *)dp)[3] = e;
        }
        for (; n >= RT_W; n -= RT_W, dp += RT_W, sp += RT_W) {
            *(rt_word *)dp = *(const rt_word *)sp;
        }
    }
    while (n--) {
        *dp++ = *sp++;
    }
    return d;
}

void *memmove(void *d, const void *s, size_t n)
{
    unsigned char *dp = d;
    const unsigned char *sp = s;

    if (dp <= sp || dp >= sp + n) {
        while (n--) {
            *dp++ = *sp++;
        }
    } else {
        while (n--) {
            dp[n] = sp[n];
        }
    }
    return d;
}

void *memset(void *d, int c, size_t n)
{
    unsigned char *dp = d;
    rt_word w = (unsigned char)c;

    w |= w << 8;
    w |= w << 16;
    w |= (w << 16) << 16;       /* no-op where a word is 32 bits */
    for (; n && ((uintptr_t)dp & (RT_W - 1)); n--) {
        *dp++ = (unsigned char)c;
    }
    for (; n >= 4 * RT_W; n -= 4 * RT_W, dp += 4 * RT_W) {
        ((rt_word *)dp)[0] = w;
        ((rt_word *)dp)[1] = w;
        ((rt_word *)dp)[2] = w;
        ((rt_word *)dp)[3] = w;
    }
    for (; n >= RT_W; n -= RT_W, dp += RT_W) {
        *(rt_word *)dp = w;
    }
    while (n--) {
        *dp++ = (unsigned char)c;
    }
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *ap = a, *bp = b;

    if (rt_aligned(ap, bp)) {
        for (; n >= RT_W; n -= RT_W, ap += RT_W, bp += RT_W) {
            if (*(const rt_word *)ap != *(const rt_word *)bp) {
                break;      /* the bytes below say which is smaller */
            }
        }
    }
    for (; n; n--, ap++, bp++) {
        if (*ap != *bp) {
            return *ap - *bp;
        }
    }
    return 0;
}

size_t strlen(const char *s)
{
    const char *p = s;

    while (*p) {
        p++;
    }
    return p - s;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b || !*a) {
            return (unsigned char)*a - (unsigned char)*b;
        }
    }
    return 0;
}

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c) {
            return (char *)s;
        }
        if (!*s) {
            return 0;
        }
    }
}
