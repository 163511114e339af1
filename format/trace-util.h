/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Internal helpers shared by the trace, protocol, compare and report
 * code: explicit little-endian serialisation, LEB128 varints, CRC32,
 * incremental SHA-256 and a tiny bounded string builder.  Freestanding:
 * no stdio, no malloc, no 64-bit division (32-bit targets would need
 * libgcc for it).
 */
#ifndef RISU_TRACE_UTIL_H
#define RISU_TRACE_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Fuzz builds skip CRC and layout digest checks so that mutated inputs
 * reach the decoders behind them (the usual libFuzzer convention).
 */
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
#define RISU_CHECK_SUMS 0
#else
#define RISU_CHECK_SUMS 1
#endif

/* Little-endian stores and loads, independent of host byte order. */
static inline void risu_put_le32(uint8_t *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

static inline void risu_put_le64(uint8_t *p, uint64_t v)
{
    risu_put_le32(p, (uint32_t)v);
    risu_put_le32(p + 4, (uint32_t)(v >> 32));
}

static inline uint32_t risu_get_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static inline uint64_t risu_get_le64(const uint8_t *p)
{
    return risu_get_le32(p) | (uint64_t)risu_get_le32(p + 4) << 32;
}

/* Unsigned LEB128; at most 10 bytes for 64 bits.  Returns bytes used. */
static inline size_t risu_put_varint(uint8_t *p, uint64_t v)
{
    size_t n = 0;

    while (v >= 0x80) {
        p[n++] = (uint8_t)v | 0x80;
        v >>= 7;
    }
    p[n++] = (uint8_t)v;
    return n;
}

/*
 * Decode a varint from [*pp, end).  Rejects overlong encodings (a value
 * must have exactly one encoding, so a flipped continuation bit cannot
 * silently decode to the same value) and values wider than 64 bits.
 */
static inline bool risu_get_varint(const uint8_t **pp, const uint8_t *end,
                                   uint64_t *out)
{
    const uint8_t *p = *pp;
    uint64_t v = 0;
    unsigned shift = 0;

    for (;;) {
        uint8_t b;

        if (p == end || shift > 63) {
            return false;
        }
        b = *p++;
        if (shift == 63 && b > 1) {
            return false;
        }
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            if (b == 0 && shift) {
                return false;   /* overlong: trailing zero group */
            }
            break;
        }
        shift += 7;
    }
    *pp = p;
    *out = v;
    return true;
}

static inline uint32_t risu_zigzag32(int32_t v)
{
    return ((uint32_t)v << 1) ^ (uint32_t)(v >> 31);
}

static inline int32_t risu_unzigzag32(uint32_t v)
{
    return (int32_t)((v >> 1) ^ -(v & 1));
}

/* CRC-32 (IEEE 802.3, zlib's polynomial); zlib's code when linked. */
uint32_t risu_crc32(uint32_t crc, const void *buf, size_t len);

/* Incremental SHA-256. */
typedef struct RisuSha256 {
    uint32_t h[8];
    uint64_t len;
    uint8_t buf[64];
    uint32_t nbuf;
} RisuSha256;

void risu_sha256_init(RisuSha256 *s);
void risu_sha256_update(RisuSha256 *s, const void *data, size_t len);
void risu_sha256_final(RisuSha256 *s, uint8_t out[32]);

/* Shared by compare.c and report.c. */
#include "format/state.h"
bool risu_reg_present(const RisuRegDesc *rd, uint32_t features);
/* Masked difference of slot k of a register (0 if equal). */
uint64_t risu_reg_slot_diff(const RisuRegDesc *rd, int k,
                            const RisuState *a, const RisuState *b);
int32_t risu_norm_si_code(int32_t signo, int32_t si_code);

/*
 * Bounded string builder: appends silently truncate (the result is always
 * NUL-terminated), which is what a message buffer wants.
 */
typedef struct RisuFmt {
    char *buf;
    size_t size;
    size_t len;
} RisuFmt;

void risu_fmt_init(RisuFmt *f, char *buf, size_t size);
void risu_fmt_str(RisuFmt *f, const char *s);
void risu_fmt_char(RisuFmt *f, char c);
void risu_fmt_u64(RisuFmt *f, uint64_t v);
void risu_fmt_s64(RisuFmt *f, int64_t v);
/* "0x" then exactly `digits` hex digits (1..16). */
void risu_fmt_hex(RisuFmt *f, uint64_t v, int digits);
/* Bare hex bytes, no prefix (digests). */
void risu_fmt_bytes(RisuFmt *f, const uint8_t *p, size_t n);
/* Pad with spaces to column `col`. */
void risu_fmt_pad(RisuFmt *f, size_t col);

#endif
