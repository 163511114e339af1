/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The compressed instruction sets of MIPS (microMIPS, MIPS16e): one row
 * per ISA, shared by risugen, the host tools and the runner (so it stays
 * freestanding).  An image of a compressed arch starts in the standard
 * encoding (the preamble) and switches with "jr" to an odd address; the
 * ISA bit (bit 0 of the pc) then says which decoder applies.
 *
 * Instruction words of a compressed ISA are halfwords: a 16-bit one, or
 * a 32-bit one stored as two halfwords, the one holding the major opcode
 * (or the MIPS16e EXTEND prefix) first, each in the image's byte order.
 * Recorded instruction values are (first << 16) | second, as for Thumb.
 *
 * The length rule: the first halfword begins a 32-bit instruction when
 * bit ((hw >> wide_shift) & wide_mask) of wide_set is set.
 */
#ifndef ARCH_MIPS_ISAMODE_H
#define ARCH_MIPS_ISAMODE_H

#include <stdint.h>

#include "arch/mips/trap.h"

/* Index of the ISA: GenArch.variant >> MIPS_V_ISA_SHIFT. */
enum {
    MIPS_ISA_STD = 0,
    MIPS_ISA_MICRO = 1,
    MIPS_ISA_M16 = 2,
    MIPS_ISA_N
};

typedef struct MipsIsaMode {
    const char *name;           /* image arch without "el": "micromips" */
    const char *feature;        /* risugen feature the CPU needs */
    uint16_t trap_checkpoint;   /* 16-bit traps (arch/mips/trap.h) */
    uint16_t trap_op;
    uint16_t nop;
    uint8_t wide_shift, wide_mask;
    uint32_t wide_set;
    unsigned cs_mode;           /* capstone mode bits added to MIPS32;
                                   0: capstone 4 has no mode for it */
    const char *objdump_machine;
    uint32_t elf_ase;           /* e_flags bit of the ASE */
} MipsIsaMode;

#define MIPS_CS_MODE_MICRO_ (1u << 4)

/*
 * microMIPS: major opcode in bits 15:10; the columns 1-3 of the opcode
 * table (bits 12:10 = 001, 010, 011) are the 16-bit instructions.
 */
static const MipsIsaMode mips_isa_modes[MIPS_ISA_N] = {
    [MIPS_ISA_MICRO] = {
        "micromips", "micromips", MIPS_UMIPS_TRAP_CHECKPOINT,
        MIPS_UMIPS_TRAP_OP, 0x0c00 /* move16 $0, $0 */,
        10, 7, 0xf1, MIPS_CS_MODE_MICRO_, "mips:micromips",
        0x02000000u /* EF_MIPS_ARCH_ASE_MICROMIPS */,
    },
    /*
     * MIPS16e: major opcode in bits 15:11; EXTEND (11110) and JAL/JALX
     * (00011) begin the 32-bit instructions.  capstone 4 does not decode
     * MIPS16e: objdump -m mips:16 checks it.
     */
    [MIPS_ISA_M16] = {
        "mips16", "mips16", MIPS16_TRAP_CHECKPOINT, MIPS16_TRAP_OP,
        0x6500 /* nop: move $0, $16 */,
        11, 0x1f, 1u << 0x1e | 1u << 0x03, 0, "mips:16",
        0x04000000u /* EF_MIPS_ARCH_ASE_M16 */,
    },
};

static inline const MipsIsaMode *mips_isa(int isa)
{
    return isa > MIPS_ISA_STD && isa < MIPS_ISA_N ? &mips_isa_modes[isa]
                                                  : (const MipsIsaMode *)0;
}

/* Does halfword hw begin a 32-bit instruction of ISA m? */
static inline int mips_isa_wide(const MipsIsaMode *m, uint32_t hw)
{
    return (m->wide_set >> ((hw >> m->wide_shift) & m->wide_mask)) & 1;
}

/*
 * microMIPS 3-bit register fields of the 16-bit forms (rd, rs, rt of
 * ADDU16, LW16 ...): 16, 17, 2-7, as MIPS16e's rx, ry, rz.  The store
 * sources (SB16, SH16, SW16) and MOVEP's sources encode $0 instead of 16
 * and 16, 18-20 for 4-7.
 */
static inline int mips_micro_gpr3(int enc)
{
    return enc < 2 ? 16 + enc : enc;
}

static inline int mips_micro_gpr3_store(int enc)
{
    return enc == 0 ? 0 : mips_micro_gpr3(enc);
}

static inline int mips_micro_gpr3_movep(int enc)
{
    static const uint8_t map[8] = { 0, 17, 2, 3, 16, 18, 19, 20 };
    return map[enc & 7];
}

/*
 * 1 load-linked, 2 store-conditional, 0 neither, for a 32-bit word of
 * the ISA.  microMIPS: POOL32C (major 011000) LL and SC, function 3 and
 * 0xb in bits 15:12.
 */
static inline int mips_isa_llsc_kind(int isa, uint32_t w)
{
    if (isa == MIPS_ISA_MICRO && (w & 0xfc000000u) == 0x60000000u) {
        uint32_t fn = (w >> 12) & 0xf;
        return fn == 3 ? 1 : fn == 0xb ? 2 : 0;
    }
    return 0;
}

#endif
