/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Synthetic register table, memory IO and generators for trace tests. */
#include <stdlib.h>
#include <string.h>
#include "format/image.h"
#include "tests/format/synth.h"

#define G(n, s) { n, RISU_CLS_GPR, s, 1, 0, ~0ull, "test" }
#define F(n, s) { n, RISU_CLS_FPR, s, 1, SYNTH_F_FPU, ~0ull, "test" }
#define W(n, s) { n, RISU_CLS_VEC, s, 2, SYNTH_F_VEC, ~0ull, "test" }

static const RisuRegDesc synth_regs[] = {
    G("zero", 0), G("at", 1), G("v0", 2), G("v1", 3), G("a0", 4),
    G("a1", 5), G("a2", 6), G("a3", 7), G("t0", 8), G("t1", 9),
    G("t2", 10), G("t3", 11), G("t4", 12), G("t5", 13), G("t6", 14),
    G("t7", 15), G("s0", 16), G("s1", 17), G("s2", 18), G("s3", 19),
    G("s4", 20), G("s5", 21), G("s6", 22), G("s7", 23), G("t8", 24),
    G("t9", 25), G("k0", 26), G("k1", 27), G("gp", 28), G("s8", 30),
    G("ra", 31),
    { "sp", RISU_CLS_SP, 29, 1, 0, ~0ull, "test" },
    { "hi", RISU_CLS_CTRL, 32, 1, SYNTH_F_HILO, ~0ull, "test" },
    { "lo", RISU_CLS_CTRL, 33, 1, SYNTH_F_HILO, ~0ull, "test" },
    { "fcsr", RISU_CLS_CTRL, 34, 1, SYNTH_F_FPU, 0xfffc0fffull, "test" },
    F("f0", 35), F("f1", 36), F("f2", 37), F("f3", 38), F("f4", 39),
    F("f5", 40), F("f6", 41), F("f7", 42), F("f8", 43), F("f9", 44),
    F("f10", 45), F("f11", 46), F("f12", 47), F("f13", 48), F("f14", 49),
    F("f15", 50), F("f16", 51), F("f17", 52), F("f18", 53), F("f19", 54),
    F("f20", 55), F("f21", 56), F("f22", 57), F("f23", 58), F("f24", 59),
    F("f25", 60), F("f26", 61), F("f27", 62), F("f28", 63), F("f29", 64),
    F("f30", 65), F("f31", 66),
    W("w0", 67), W("w1", 69), W("w2", 71), W("w3", 73), W("w4", 75),
    W("w5", 77), W("w6", 79), W("w7", 81), W("w8", 83), W("w9", 85),
    W("w10", 87), W("w11", 89), W("w12", 91), W("w13", 93), W("w14", 95),
    W("w15", 97), W("w16", 99), W("w17", 101), W("w18", 103),
    W("w19", 105), W("w20", 107), W("w21", 109), W("w22", 111),
    W("w23", 113), W("w24", 115), W("w25", 117), W("w26", 119),
    W("w27", 121), W("w28", 123), W("w29", 125), W("w30", 127),
    W("w31", 129),
};

const RisuArchDesc synth_arch = {
    .name = "synth",
    .arch_id = 0x7e57,
    .regs = synth_regs,
    .nregs = sizeof(synth_regs) / sizeof(synth_regs[0]),
    .nslots = 131,
};

static long mem_read(void *opaque, void *buf, size_t len)
{
    MemIO *m = opaque;
    size_t n = m->len - m->pos;

    if (m->fail_at && m->pos >= m->fail_at) {
        return -1;
    }
    if (n > len) {
        n = len;
    }
    if (m->max_read && n > m->max_read) {
        n = m->rng ? 1 + synth_rand(&m->rng) % m->max_read : m->max_read;
        if (n > len) {
            n = len;
        }
    }
    memcpy(buf, m->buf + m->pos, n);
    m->pos += n;
    return (long)n;
}

static long mem_write(void *opaque, const void *buf, size_t len)
{
    MemIO *m = opaque;

    if (m->fail_at && m->len + len > m->fail_at) {
        return -1;
    }
    if (m->len + len > m->cap) {
        m->cap = (m->len + len) * 2;
        m->buf = realloc(m->buf, m->cap);
        if (!m->buf) {
            abort();
        }
    }
    memcpy(m->buf + m->len, buf, len);
    m->len += len;
    return (long)len;
}

RisuIO memio(MemIO *m)
{
    return (RisuIO){ .opaque = m, .read = mem_read, .write = mem_write };
}

void memio_free(MemIO *m)
{
    free(m->buf);
    memset(m, 0, sizeof(*m));
}

uint64_t synth_rand(uint64_t *s)
{
    return risu_meminit_next(s);
}

static uint64_t random_value(uint64_t *rng, uint64_t old)
{
    uint64_t r = synth_rand(rng);

    switch (synth_rand(rng) % 8) {
    case 0:
        return r & 0xff;                               /* small */
    case 1:
        return (uint64_t)(int64_t)(int32_t)r;          /* o32 style */
    case 2:
        return ~0ull;
    case 3:
        return old ^ (1ull << (r % 64));               /* one bit */
    case 4:
        return old + 1;
    case 5:
        return (uint64_t)(int64_t)(int16_t)r;
    default:
        return r;
    }
}

void synth_random_state(uint64_t *rng, const RisuState *prev, RisuState *st)
{
    int nslots = synth_arch.nslots, i, k;
    uint64_t r = synth_rand(rng);

    if (st != prev) {
        memcpy(st, prev, sizeof(*st));
    }
    if (r % 50 == 0) {
        st->op = r % 500 == 0 ? (uint32_t)(r >> 32) : (uint32_t)(r >> 8) % RISU_OP_MAX;
    }
    r = synth_rand(rng);
    switch (r % 40) {
    case 0:
        st->pc_off = (uint32_t)(r >> 32);
        break;
    case 1:
    case 2:
        st->pc_off += (int32_t)((r >> 32) % 64) - 32;
        break;
    default:
        st->pc_off += 8;
    }
    r = synth_rand(rng);
    if (r % 10) {
        st->insn = (uint32_t)(r >> 32);
    }
    r = synth_rand(rng);
    if (r % 8 == 0) {
        st->signo = (int32_t)(r >> 8) % 40;
        st->si_code = r % 16 == 0 ? (int32_t)(r >> 32) : (int32_t)(r >> 16) % 8 - 4;
        st->fault_flags = (r >> 24) & 1;
        st->fault_addr = synth_rand(rng) >> (r % 64);
    } else {
        st->signo = st->si_code = 0;
        st->fault_flags = 0;
        st->fault_addr = 0;
    }
    r = synth_rand(rng);
    if (r % 30 == 0) {
        st->features = r % 90 == 0 ? (uint32_t)(r >> 32) : (uint32_t)(r >> 40) & SYNTH_FEATURES;
    }
    r = synth_rand(rng);
    if (r % 20 == 0) {
        for (i = 0; i < nslots; i++) {
            st->slot[i] = random_value(rng, st->slot[i]);
        }
    } else {
        k = (int)(r >> 8) % 4;
        for (i = 0; i < k; i++) {
            int s = (int)(synth_rand(rng) % (uint64_t)nslots);
            st->slot[s] = random_value(rng, st->slot[s]);
        }
    }
}

void synth_realistic_state(uint64_t *rng, const RisuState *prev,
                           RisuState *st)
{
    static const uint32_t templ[] = {
        0x00000021, /* addu rd, rs, rt */
        0x00000024, /* and rd, rs, rt */
        0x0000002a, /* slt rd, rs, rt */
        0x00000000, /* sll rd, rt, sa */
        0x24000000, /* addiu rt, rs, imm */
        0x3c000000, /* lui rt, imm */
        0x34000000, /* ori rt, rs, imm */
        0x70000002, /* mul rd, rs, rt */
    };
    uint64_t r = synth_rand(rng);
    uint32_t t = templ[r % 8];
    unsigned rs = (r >> 8) % 26, rt = 1 + (r >> 16) % 25, rd = 1 + (r >> 24) % 25;
    unsigned dst;

    if (st != prev) {
        memcpy(st, prev, sizeof(*st));
    }
    st->op = RISU_OP_COMPARE;
    st->pc_off += 8;
    st->signo = st->si_code = 0;
    st->fault_flags = 0;
    st->fault_addr = 0;
    if (t >> 26) {
        st->insn = t | rs << 21 | rt << 16 | (uint32_t)(r >> 32) % 0x10000;
        dst = rt;
    } else {
        st->insn = t | rs << 21 | rt << 16 | rd << 11 | ((r >> 40) % 32) << 6;
        dst = rd;
    }
    r = synth_rand(rng);
    /* Most results are sign-extended 32-bit values; slt gives 0/1. */
    st->slot[dst] = (t == 0x2a) ? (r & 1) : (uint64_t)(int64_t)(int32_t)r;
    if ((r >> 40) % 8 == 0) {
        st->slot[32 + (r >> 50) % 2] = (uint64_t)(int64_t)(int32_t)(r >> 16);
    }
    if ((r >> 32) % 200 == 0) {
        st->signo = 4;
        st->si_code = 1;
    }
}

void synth_header(RisuTraceHeader *h, int big_endian)
{
    memset(h, 0, sizeof(*h));
    h->version = RISU_TRACE_VERSION;
    h->arch_id = synth_arch.arch_id;
    h->big_endian = (uint8_t)big_endian;
    h->features = SYNTH_FEATURES;
    risu_layout_digest(&synth_arch, h->layout_digest);
    risu_sha256("image", 5, h->image_digest);
    strcpy(h->recorder, "synthetic test recorder");
}

int synth_state_equal(const RisuState *a, const RisuState *b, int nslots)
{
    return a->op == b->op && a->pc_off == b->pc_off && a->insn == b->insn &&
           a->signo == b->signo && a->si_code == b->si_code &&
           a->fault_flags == b->fault_flags &&
           a->fault_addr == b->fault_addr && a->features == b->features &&
           !memcmp(a->slot, b->slot, (size_t)nslots * sizeof(uint64_t));
}
