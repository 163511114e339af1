/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The decodetree !function expanders risu-dt can compute itself.
 *
 * QEMU's expanders are C functions "int f(DisasContext *s, int x)"; we
 * only know the ones that are pure functions of x.  Results follow the
 * C int return type: computed modulo 2^32 and sign-extended, so they
 * equal what QEMU's trans_ functions see.  Expanders that read the
 * DisasContext (t16_setflags, ex_rvc_shiftli/ri) are deliberately
 * absent: dt_func_apply returns false for them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode/annot.h"

enum {
    F_TIMES = 1,      /* x * n */
    F_PLUS,           /* x + n */
    F_MINUS,          /* x - n */
    F_SHL,            /* x << n */
    F_RSUB,           /* n - x */
    F_XOR,            /* x ^ n */
    F_TIMES_PLUS,     /* x * n + m */
    F_NEGATE,
    F_RVC_REG,        /* RISC-V compressed register: x + 8 */
    F_NEON_FPSIZE,    /* MO_32 - x */
    F_TSZ_ESZ,
    F_TSZ_SHR,
    F_TSZ_SHL,
    F_SH8S,
    F_SH8U,
    F_MSZ_DTYPE,
    F_VIDUP,
    F_T32_ROT,
    F_T32_IMM,
    F_T32_BR24,
    F_T16_PUSH,
    F_T16_POP,
    F_ELM_DF,
    F_ELM_N,
    F_BIT_DF,
    F_BIT_M,
    F_UIMM_SCALED,    /* A64: x = imm:scale(3 bits), imm << scale */
};

static const struct {
    const char *name;
    int op;
    int64_t n;
} named[] = {
    { "negate", F_NEGATE, 0 },
    { "ex_plus_1", F_PLUS, 1 },
    { "plus1", F_PLUS, 1 },               /* older translate-sve.c */
    { "ex_rvc_register", F_RVC_REG, 0 },
    { "neon_3same_fp_size", F_NEON_FPSIZE, 0 },
    { "tszimm_esz", F_TSZ_ESZ, 0 },
    { "tszimm_shr", F_TSZ_SHR, 0 },
    { "tszimm_shl", F_TSZ_SHL, 0 },
    { "expand_imm_sh8s", F_SH8S, 0 },
    { "expand_imm_sh8u", F_SH8U, 0 },
    { "msz_dtype", F_MSZ_DTYPE, 0 },
    { "vidup_imm", F_VIDUP, 0 },
    { "t32_expandimm_rot", F_T32_ROT, 0 },
    { "t32_expandimm_imm", F_T32_IMM, 0 },
    { "t32_branch24", F_T32_BR24, 0 },
    { "t16_push_list", F_T16_PUSH, 0 },
    { "t16_pop_list", F_T16_POP, 0 },
    { "elm_df", F_ELM_DF, 0 },
    { "elm_n", F_ELM_N, 0 },
    { "bit_df", F_BIT_DF, 0 },
    { "bit_m", F_BIT_M, 0 },
    /*
     * QEMU's a64.decode "%uimm_scaled 10:12 sz:3": the 12-bit offset with
     * the pattern's size (a named field) appended as 3 low bits.
     */
    { "uimm_scaled", F_UIMM_SCALED, 0 },
    /* MTE tag granule (16 bytes): LOG2_TAG_GRANULE is 4 in QEMU. */
    { "scale_by_log2_tag_granule", F_SHL, 4 },
};

static const struct {
    const char *prefix;
    int op;
    int64_t max;          /* largest N accepted */
} families[] = {
    { "times_", F_TIMES, 1 << 20 },
    { "plus_", F_PLUS, 1 << 20 },
    { "minus_", F_MINUS, 1 << 20 },
    { "rsub_", F_RSUB, 1 << 20 },
    { "xor_", F_XOR, 1 << 20 },
    { "shl_", F_SHL, 31 },
    { "ex_shift_", F_SHL, 31 },
};

/* A decimal number without sign or leading zeros; -1 if not one. */
static int64_t parse_num(const char *s, const char **end, int64_t max)
{
    int64_t v = 0;

    if (*s < '0' || *s > '9' || (s[0] == '0' && s[1] >= '0' && s[1] <= '9')) {
        return -1;
    }
    while (*s >= '0' && *s <= '9') {
        v = v * 10 + (*s++ - '0');
        if (v > max) {
            return -1;
        }
    }
    *end = s;
    return v;
}

bool dt_func_resolve(const char *name, DtFunc *out)
{
    size_t i;

    if (!name) {
        return false;
    }
    for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
        if (strcmp(name, named[i].name) == 0) {
            out->op = named[i].op;
            out->n = named[i].n;
            out->m = 0;
            return true;
        }
    }
    for (i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
        size_t len = strlen(families[i].prefix);
        const char *end;
        int64_t n;

        if (strncmp(name, families[i].prefix, len) != 0) {
            continue;
        }
        n = parse_num(name + len, &end, families[i].max);
        if (n < 0) {
            return false;
        }
        if (*end == 0) {
            out->op = families[i].op;
            out->n = n;
            out->m = 0;
            return true;
        }
        /* times_N_plus_M (times_2_plus_1 in QEMU's translate.h) */
        if (families[i].op == F_TIMES && strncmp(end, "_plus_", 6) == 0) {
            int64_t m = parse_num(end + 6, &end, 1 << 20);

            if (m < 0 || *end) {
                return false;
            }
            out->op = F_TIMES_PLUS;
            out->n = n;
            out->m = m;
            return true;
        }
        return false;
    }
    return false;
}

/* The C int the QEMU expander would return for this bit pattern. */
static int64_t as_int(uint64_t v)
{
    uint32_t lo = (uint32_t)v;

    return lo & 0x80000000u ? (int64_t)lo - 0x100000000ll : (int64_t)lo;
}

static uint64_t bits(uint64_t x, int pos, int len)
{
    return (x >> pos) & ((1ull << len) - 1);
}

/* QEMU's clz32-based element size: -1 when tsz is zero. */
static int tsz_esz(uint64_t x)
{
    uint32_t t = (uint32_t)(x >> 3);
    int esz = -1;

    while (t) {
        esz++;
        t >>= 1;
    }
    return esz;
}

/*
 * MIPS MSA df/n and df/m encodings (ELM: bits 5..0, BIT: bits 6..0):
 * the first row whose marker matches gives the data format and the
 * width of the immediate below the marker.  -1 if none matches.
 */
static const struct { int start, len, mark; } msa_elm[4] = {
    { 4, 2, 0x0 }, { 3, 3, 0x4 }, { 2, 4, 0xc }, { 1, 5, 0x1c },
};
static const struct { int start, len, mark; } msa_bit[4] = {
    { 3, 4, 0xe }, { 4, 3, 0x6 }, { 5, 2, 0x2 }, { 6, 1, 0x0 },
};

static int64_t msa_df(uint64_t x, bool elm, bool want_df)
{
    int i;

    for (i = 0; i < 4; i++) {
        int start = elm ? msa_elm[i].start : msa_bit[i].start;
        int len = elm ? msa_elm[i].len : msa_bit[i].len;
        int mark = elm ? msa_elm[i].mark : msa_bit[i].mark;

        if (bits(x, start, len) == (uint64_t)mark) {
            return want_df ? i : (int64_t)bits(x, 0, start);
        }
    }
    return -1;
}

int64_t dt_func_eval(const DtFunc *f, int64_t raw)
{
    uint64_t x = (uint64_t)raw;
    uint64_t n = (uint64_t)f->n;
    int esz;

    switch (f->op) {
    case F_TIMES:
        return as_int(x * n);
    case F_PLUS:
        return as_int(x + n);
    case F_MINUS:
        return as_int(x - n);
    case F_SHL:
        return as_int(x << n);
    case F_RSUB:
        return as_int(n - x);
    case F_XOR:
        return as_int(x ^ n);
    case F_TIMES_PLUS:
        return as_int(x * n + (uint64_t)f->m);
    case F_NEGATE:
        return as_int(0 - x);
    case F_RVC_REG:
        return as_int(x + 8);
    case F_NEON_FPSIZE:
        return as_int(2 - x);                     /* MO_32 == 2 */
    case F_TSZ_ESZ:
        return tsz_esz(x);
    case F_TSZ_SHR:
        esz = tsz_esz(x);
        return esz < 0 ? esz : as_int((16ull << esz) - x);
    case F_TSZ_SHL:
        esz = tsz_esz(x);
        return esz < 0 ? esz : as_int(x - (8ull << esz));
    case F_SH8S: {
        int64_t lo = (int64_t)(x & 0xff) - (x & 0x80 ? 0x100 : 0);

        return as_int((uint64_t)lo << (x & 0x100 ? 8 : 0));
    }
    case F_SH8U:
        return as_int((x & 0xff) << (x & 0x100 ? 8 : 0));
    case F_MSZ_DTYPE:
        return (int64_t)(x & 3) * 5;              /* 0, 5, 10, 15 */
    case F_VIDUP:
        return x < 32 ? as_int(1ull << x) : 0;
    case F_T32_ROT:
        return x & 0xc00 ? (int64_t)bits(x, 7, 5) : 0;
    case F_T32_IMM: {
        uint64_t imm = bits(x, 0, 8);

        switch (bits(x, 8, 4)) {
        case 0:
            return as_int(imm);
        case 1:
            return as_int(imm * 0x00010001u);
        case 2:
            return as_int(imm * 0x01000100u);
        case 3:
            return as_int(imm * 0x01010101u);
        default:
            return as_int(imm | 0x80);
        }
    }
    case F_T32_BR24:
        /* J1:J2 at bits 22:21 become I1:I2 = J1:J2 ^ ~S; append a zero. */
        if (as_int(x) >= 0) {
            x ^= 3u << 21;
        }
        return as_int(x << 1);
    case F_T16_PUSH:
        return as_int((x & 0xff) | (x & 0x100) << 6);   /* bit 8 -> LR */
    case F_T16_POP:
        return as_int((x & 0xff) | (x & 0x100) << 7);   /* bit 8 -> PC */
    case F_ELM_DF:
        return msa_df(x, true, true);
    case F_ELM_N:
        return msa_df(x, true, false);
    case F_BIT_DF:
        return msa_df(x, false, true);
    case F_BIT_M:
        return msa_df(x, false, false);
    case F_UIMM_SCALED:
        /* QEMU: unsigned imm = x >> 3, scale = x & 7; int result. */
        return as_int((uint64_t)((uint32_t)x >> 3) << (x & 7));
    default:
        return raw;
    }
}

bool dt_func_apply(const char *func, int64_t raw, int64_t *out)
{
    DtFunc f;

    if (!dt_func_resolve(func, &f)) {
        *out = raw;
        return false;
    }
    *out = dt_func_eval(&f, raw);
    return true;
}

/*
 * Inverses for the generator's branch offsets: linear expanders and
 * t32_branch24.  False when the function is unknown, not invertible
 * here, or dec is not in its image (not a multiple of N, say); the
 * caller then checks the result by applying the function again.
 */
static bool invert_f(const DtFunc *f, int64_t dec, int64_t *raw)
{
    int64_t n = f->n;

    switch (f->op) {
    case F_TIMES:
        if (n == 0 || dec % n) {
            return false;
        }
        *raw = dec / n;
        return true;
    case F_TIMES_PLUS:
        if (n == 0 || (dec - f->m) % n) {
            return false;
        }
        *raw = (dec - f->m) / n;
        return true;
    case F_PLUS:
    case F_RVC_REG:
        *raw = dec - (f->op == F_PLUS ? n : 8);
        return true;
    case F_MINUS:
        *raw = dec + n;
        return true;
    case F_RSUB:
        *raw = n - dec;
        return true;
    case F_XOR:
        *raw = dec ^ n;
        return true;
    case F_NEGATE:
        *raw = -dec;
        return true;
    case F_SHL:
        if (dec & ((1ll << n) - 1)) {
            return false;
        }
        *raw = dec >> n;
        return true;
    case F_T32_BR24:
        if (dec & 1) {
            return false;
        }
        *raw = dec >> 1;
        /* I1:I2 back to J1:J2 = I1:I2 ^ ~S (the flip is its own inverse) */
        if (*raw >= 0) {
            *raw ^= 3ll << 21;
        }
        return true;
    default:
        return false;
    }
}

bool dt_func_invert(const char *func, int64_t dec, int64_t *raw)
{
    DtFunc f;
    int64_t back;

    /* Expanders return a C int: nothing maps beyond it (and no overflow
     * below). */
    if (dec < INT32_MIN || dec > INT32_MAX || !dt_func_resolve(func, &f) ||
        !invert_f(&f, dec, raw)) {
        return false;
    }
    /* Out of the C int range, or a value the expander never yields. */
    back = dt_func_eval(&f, *raw);
    return back == dec;
}
