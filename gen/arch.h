/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Per-architecture hooks for risugen.
 *
 * The generic generator (gen/) knows pattern sets, selection, the PRNG,
 * the image layout and output formats.  Everything that depends on an
 * instruction set lives behind a GenArch: target features and CPU
 * presets, register classes and reserved registers, how a word is laid
 * out in the image, the preamble that loads the initial state, how to
 * put a small constant in a register, ELF header values and how to
 * disassemble for --verify.  arch/<family>/gen.c defines the GenArch
 * tables; the registry (arch/archtab.c) lists them.
 *
 * Arch code emits through the GenCtx functions below, never by writing
 * the output itself, so every byte is accounted for in the image, the
 * --dry-run listing and the ELF mapping symbols.
 */
#ifndef GEN_ARCH_H
#define GEN_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/host.h"
#include "gen/prng.h"

typedef struct GenCtx GenCtx;
typedef struct GenArch GenArch;

/* A family names up to 64 features; a target holds a set of them. */
typedef uint64_t GenFeatures;
#define GEN_FEAT(i) ((GenFeatures)1 << (i))

typedef struct GenFeatureDesc {
    const char *name;
    const char *help;
} GenFeatureDesc;

/* A --cpu preset: the registry's type (arch/host.h). */
typedef ArchCpu GenCpu;

typedef struct GenTarget {
    const GenArch *arch;
    GenFeatures features;
    const GenCpu *cpu;      /* NULL without --cpu */
    /* What --features asked for explicitly, so finish_features can let
     * them override the preset and report real contradictions. */
    GenFeatures user_add, user_del;
} GenTarget;

static inline bool gen_has(const GenTarget *t, int feat)
{
    return (t->features & GEN_FEAT(feat)) != 0;
}

/* Where a role's register lives, for the memory-operand rules. */
typedef enum GenRegKind {
    GEN_REG_OTHER,          /* FPR, vector, control ... */
    GEN_REG_GPR,            /* a general-purpose register */
} GenRegKind;

struct GenArch {
    const char *name;       /* --arch value, e.g. "mipsel" */
    const char *family;     /* directory under arch/, e.g. "mips" */
    const char *descr;      /* one line for --help */
    bool big_endian;
    bool is64;              /* 64-bit GPRs, ELFCLASS64 */
    int insnwidth;          /* default decodetree --insnwidth */
    int variant;            /* family-private (e.g. R6, Thumb) */

    /* ---- features ---- */
    const GenFeatureDesc *features;
    int nfeatures;
    const GenCpu *cpus;
    int ncpus;
    const char *default_features;   /* used when there is no --cpu */
    /*
     * Add implied features and check the combination after --cpu and
     * --features were applied.  Returns NULL, or a message naming the
     * contradiction (static storage or from xasprintf; the caller exits).
     */
    const char *(*finish_features)(GenTarget *t);
    /*
     * The features whose absence makes their encodings UNDEFINED on
     * this target (--edge absent), as opposed to mode features (FR, NaN
     * encoding) or ones whose encodings then do something else (hints
     * that become NOPs).  NULL: none.
     */
    GenFeatures (*undef_when_absent)(const GenTarget *t);

    /* ---- registers ---- */
    /* Class id for a `reg CLASS` name, or -1 if the arch has none. */
    int (*reg_class)(const char *name);
    /* Names of all classes (NULL-terminated), for error suggestions. */
    const char *const *reg_class_names;
    GenRegKind (*reg_kind)(int cls);
    /* May a field of class cls hold raw value `raw` in a test insn? */
    bool (*reg_ok)(const GenTarget *t, int cls, int64_t raw);
    /*
     * May GPR `reg` be a memory base or index (the runner can SETMEM it,
     * a small constant can be loaded into it)?  Stricter than reg_ok:
     * MIPS $0 may be an operand but never a base.
     */
    bool (*mem_reg_ok)(const GenTarget *t, int64_t reg);
    /*
     * The register number a field of class cls holding raw names, where
     * the two differ (a compressed encoding's 3-bit field may name a
     * scattered subset of the registers).  NULL: the raw value is the
     * register number.
     */
    int64_t (*reg_number)(int cls, int64_t raw);

    /* ---- words ---- */
    uint32_t trap_checkpoint;       /* arch/<a>/trap.h */
    uint32_t trap_op;
    int trap_bytes;                 /* 4, or 2 for Thumb */
    /*
     * Extra validity of a word of a set of the given width beyond the
     * decoder (Thumb: a 16-bit insn must not be a 32-bit prefix).  NULL
     * means always true.
     */
    bool (*word_ok)(const GenTarget *t, uint64_t word, int width);
    /*
     * 1 for a load-linked/exclusive word, 2 for a store-conditional/
     * exclusive one, else 0 (gen/llsc.c).  NULL: none.
     */
    int (*llsc_kind)(const GenTarget *t, uint64_t word, int width);
    /* Emit an instruction of `width` bits (Thumb splits 32 into 2x16). */
    void (*emit_insn)(GenCtx *g, uint64_t word, int width);

    /* ---- sequences ---- */
    /*
     * Initial state: SETADDR to a data block in the image, loads of every
     * register, FP/vector control registers.  The generic code emits the
     * MEMINIT and the first CHECKPOINT after it.
     */
    void (*preamble)(GenCtx *g);
    /* reg := value (small: |value| < 2^15) with real instructions. */
    void (*set_reg_small)(GenCtx *g, int reg, int64_t value);
    /*
     * Before a test instruction: make the register a role names satisfy
     * its class's value rules (MIPS gpr32: sign-extended word; *nz:
     * non-zero).  Called once per role; NULL if no class needs it.
     */
    void (*prepare_reg)(GenCtx *g, int cls, int64_t raw);
    /* Does prepare_reg do anything for this class (checked once)? */
    bool (*prepare_cls)(const GenTarget *t, int cls);
    /*
     * Clean-up after a test instruction, before its checkpoint, that the
     * pattern's tags ask for (MIPS `clobbers-hilo` resets HI/LO).
     * tag_flags maps a pattern's tags to arch-private flags once at
     * start-up; after_insn runs for patterns whose flags are non-zero.
     */
    unsigned (*tag_flags)(const GenTarget *t, const char *const *tags,
                          int ntags);
    void (*after_insn)(GenCtx *g, unsigned flags);
    /*
     * Set-up before a test instruction (before its operand fix-ups and
     * memory set-up), for an arch that keeps a mode across instructions
     * (ARM `streaming`: SME streaming mode).  Called with the pattern's
     * tag_flags for every test instruction, and with 0 before the end
     * of the sequence (leave any mode).  NULL: no modes.
     */
    void (*before_insn)(GenCtx *g, unsigned flags);
    /*
     * Clean-up after a test instruction for the register a role of class
     * cls names (MIPS fprout: with FR=1 a 32-bit result leaves the upper
     * half of the FPR UNPREDICTABLE, with MSA any scalar FPU write leaves
     * bits 127:64 of the vector so; the clean-up gives them a defined
     * value).  after_cls says once per role whether its class needs it
     * on this target.  NULL: never.
     */
    bool (*after_cls)(const GenTarget *t, int cls);
    void (*after_reg)(GenCtx *g, int cls, int64_t raw);

    /* ---- ELF ---- */
    int elf_machine;
    uint32_t (*elf_flags)(const GenTarget *t);
    /* Mapping symbol for code ('a', 't', 'x'), or 0 when none exist. */
    char code_mapping;
    /*
     * st_other of the instruction symbols, where the ELF ABI marks an
     * instruction set there rather than in bit 0 or mapping symbols; 0:
     * none.
     */
    unsigned char insn_sym_other;

    /* ---- --verify ---- */
    int cs_arch;                    /* capstone cs_arch */
    int (*cs_mode)(const GenTarget *t);
    /*
     * objdump fallback for words capstone does not decode: argv[0] and
     * options for "-D -b binary" (NULL if none).
     */
    const char *objdump;
    const char *(*objdump_opts)(const GenTarget *t);
    /* Does a disassembler mnemonic fit the pattern name (normalised)? */
    bool (*mnemonic_match)(const char *pattern, const char *mnemonic);
};

/* The register a role's field value names (GenArch.reg_number). */
static inline int64_t gen_reg_number(const GenTarget *t, int cls,
                                     int64_t raw)
{
    return t->arch->reg_number ? t->arch->reg_number(cls, raw) : raw;
}

/* ---- services for arch code (gen/emit.c, gen/values.c) ---- */

const GenTarget *gen_target(GenCtx *g);
Prng *gen_prng(GenCtx *g);
uint64_t gen_offset(GenCtx *g);
/* The arch's mode between test instructions (before_insn), 0 at first. */
unsigned *gen_arch_mode(GenCtx *g);

/* One 32-bit or 16-bit instruction unit, in target byte order. */
void gen_emit32(GenCtx *g, uint32_t word);
void gen_emit16(GenCtx *g, uint16_t half);
/* Data bytes in the code stream (ARM marks them with $d). */
void gen_emit_data(GenCtx *g, const void *data, size_t n);
/* Pad with zero data bytes to a multiple of `align`. */
void gen_align_data(GenCtx *g, unsigned align);
/* A checkpoint, and OPTRAP op/reg/imm (see format/image.h). */
void gen_checkpoint(GenCtx *g);
void gen_optrap(GenCtx *g, int op, int reg, int32_t imm);
/*
 * n bytes of data the runner jumps over (OPTRAP SKIP, e.g. a literal
 * pool for PC-relative loads); n a multiple of the trap unit.  Returns
 * the image offset of the data.
 */
uint64_t gen_skip_data(GenCtx *g, const void *data, size_t n);

/* Store v at p in the target's byte order. */
void gen_put16(const GenTarget *t, uint8_t *p, uint16_t v);
void gen_put32(const GenTarget *t, uint8_t *p, uint32_t v);
void gen_put64(const GenTarget *t, uint8_t *p, uint64_t v);

/* Initial values (gen/values.c). */
typedef enum GenNanStyle {
    GEN_NAN_IEEE,           /* quiet bit set = quiet (IEEE 754-2008) */
    GEN_NAN_LEGACY,         /* quiet bit set = signalling (pre-2008) */
} GenNanStyle;

/* An integer of `bits` (8..64), sign-extended to 64: interesting or random. */
uint64_t gen_val_int(Prng *p, int bits);
/* A GPR value for a 64-bit register: mixes 64-bit and sext-32 values. */
uint64_t gen_val_gpr64(Prng *p);
/* FP bit patterns: half (16), single (32), double (64). */
uint64_t gen_val_fp(Prng *p, int bits, GenNanStyle nan);
/* An FPR (64 bits): a double, or a single in the low half. */
uint64_t gen_val_fpr(Prng *p, GenNanStyle nan);
/* A 128-bit vector, lanes of one random size, each lane mixed int/FP. */
void gen_val_vec128(Prng *p, GenNanStyle nan, uint64_t out[2]);

/* The generator face of --arch name, from the registry (arch/archtab.h). */
const GenArch *gen_arch_find(const char *name);

#endif
