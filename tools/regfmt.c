/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Register value formatting (see regfmt.h). */
#include <stdio.h>
#include <string.h>
#include "tools/regfmt.h"

void fmt_f64(char *out, size_t n, uint64_t bits)
{
    uint64_t exp = bits >> 52 & 0x7ff, man = bits & ((1ull << 52) - 1);
    const char *sign = bits >> 63 ? "-" : "";
    double d;

    if (exp == 0x7ff) {
        if (man) {
            snprintf(out, n, "%snan(0x%llx)", sign, (unsigned long long)man);
        } else {
            snprintf(out, n, "%sinf", sign);
        }
        return;
    }
    memcpy(&d, &bits, sizeof(d));
    snprintf(out, n, "%.17g", d);
}

void fmt_f32(char *out, size_t n, uint32_t bits)
{
    uint32_t exp = bits >> 23 & 0xff, man = bits & 0x7fffff;
    const char *sign = bits >> 31 ? "-" : "";
    float f;

    if (exp == 0xff) {
        if (man) {
            snprintf(out, n, "%snan(0x%x)", sign, man);
        } else {
            snprintf(out, n, "%sinf", sign);
        }
        return;
    }
    memcpy(&f, &bits, sizeof(f));
    snprintf(out, n, "%.9g", (double)f);
}

void fmt_hexval(char *out, size_t n, const uint64_t *slots, int nslots)
{
    size_t k = 0;

    if (n < 3) {
        return;
    }
    k += (size_t)snprintf(out, n, "0x");
    for (int i = nslots - 1; i >= 0 && k < n; i--) {
        k += (size_t)snprintf(out + k, n - k, "%016llx",
                              (unsigned long long)slots[i]);
    }
}

uint64_t vec_lane(const uint64_t *slots, int nslots, int bits, int i)
{
    int bit = bits * i, s = bit / 64, sh = bit % 64;

    if (s >= nslots) {
        return 0;
    }
    return bits == 64 ? slots[s]
                      : (slots[s] >> sh) & ((1ull << bits) - 1);
}

void fmt_lanes(Sb *b, const uint64_t *slots, int nslots, int bits, bool fp)
{
    int n = nslots * 64 / bits;
    char tmp[64];

    sb_putc(b, '{');
    for (int i = 0; i < n; i++) {
        uint64_t v = vec_lane(slots, nslots, bits, i);

        if (fp && bits == 64) {
            fmt_f64(tmp, sizeof(tmp), v);
        } else if (fp && bits == 32) {
            fmt_f32(tmp, sizeof(tmp), (uint32_t)v);
        } else {
            snprintf(tmp, sizeof(tmp), "0x%0*llx", bits / 4,
                     (unsigned long long)v);
        }
        sb_printf(b, "%s%s", i ? ", " : "", tmp);
    }
    sb_putc(b, '}');
}

char lane_letter(int bits, bool s_lanes)
{
    switch (bits) {
    case 8:
        return 'b';
    case 16:
        return 'h';
    case 32:
        return s_lanes ? 's' : 'w';
    case 64:
        return 'd';
    }
    return '?';
}
