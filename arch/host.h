/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The host face of an architecture: what programs running on the host
 * (risu-trace, risugen's registry queries, the nightly driver through
 * `risu-trace arch --json`) need to know about an instruction set that
 * neither the trace header nor the register layout says: encoding unit
 * and byte order, trap and NOP words, signal numbering, register names,
 * disassembler choice, operand facts, how to write a reproducer program
 * and which runner flavour runs its images.  arch/<family>/host.c
 * defines one ArchHost per architecture; arch/archtab.c lists them.
 */
#ifndef ARCH_HOST_H
#define ARCH_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode/risufile.h"
#include "format/state.h"

typedef struct ArchHost ArchHost;

/* A --cpu preset: QEMU model name and the features it implies. */
typedef struct ArchCpu {
    const char *name;
    int bits;               /* 32: only 32-bit arches; 64: either */
    const char *features;   /* space separated feature names */
} ArchCpu;

/* A text sink for the reproducer writers (the host tools' buffer). */
typedef struct ArchOut {
    void (*write)(void *opaque, const char *s, size_t n);
    void *opaque;
} ArchOut;

void arch_puts(ArchOut *o, const char *s);
void arch_printf(ArchOut *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Reproducer programs (tools/repro.h has the whole story).  The register
 * area is an array of 64-bit slots addressed from the base register:
 * ARCH_REPRO_ST_SAVE.. holds the caller's registers, ARCH_REPRO_ST_SETMEM
 * + k the address for the k-th OPTRAP SETMEM; below that each arch puts
 * its registers where its repro_slot hook says.
 */
#define ARCH_REPRO_ST_SAVE 100
#define ARCH_REPRO_ST_SETMEM 112

typedef struct ArchReproWord {
    uint32_t off;         /* image offset (comments) */
    uint32_t value;       /* insn (two units: first << 16 | second) */
    int size;             /* bytes in the image (an OPTRAP: optrap_bytes) */
    int op;               /* -1 instruction, else the OPTRAP op */
    int reg;              /* OPTRAP reg */
    int32_t imm;          /* OPTRAP imm */
    const uint8_t *data;  /* SKIP: the literal pool (ndata bytes) */
    uint32_t ndata;
    char comment[200];
} ArchReproWord;

/* What the assembly part of a reproducer loads, runs and stores. */
typedef struct ArchReproCode {
    const ArchReproWord *words;
    int nwords;
    bool fpu, msa, fr1, hilo, d32;
    /*
     * Scalable vector state (vector length, wide vectors, predicates):
     * the code sets the vector length from its register-area slot and
     * loads and stores the whole state.
     */
    bool svec;
} ArchReproCode;

/* objdump machine choice by image feature (first machine wins). */
typedef struct ArchObjdumpRule {
    const char *feature;
    const char *machine;    /* NULL: keep */
    const char *options;    /* added, NULL: none */
} ArchObjdumpRule;

struct ArchHost {
    const char *name;       /* risugen --arch name */
    const char *family;     /* arch/<family>/: pattern files, aliases */
    bool big_endian;
    bool is64;              /* 64-bit GPRs */
    const ArchCpu *cpus;    /* arch/<family>/cpus.def */
    int ncpus;

    /* ---- words ---- */
    int insn_unit;          /* bytes of the smallest instruction: 4 or 2 */
    /* Does this unit begin a two-unit instruction (NULL: never)? */
    bool (*unit_is_prefix)(uint32_t unit);
    uint32_t trap_checkpoint, trap_op;
    int trap_bytes;         /* bytes of one trap word */
    int optrap_bytes;       /* OPTRAP word + d0 + d1 */
    uint32_t nop;
    int nop_bytes;
    /*
     * The preamble's jump over its data block at `off` (the word(s) w, n
     * bytes): fill [*from, *to) with the data range; false if w is not
     * that jump.
     */
    bool (*preamble_skip)(uint32_t off, uint32_t w, int n, uint32_t *from,
                          uint32_t *to);
    /*
     * The preamble's data block [*from, *to) found by the arch itself,
     * for images whose preamble runs another encoding than the body (so
     * neither the traps nor the units above describe it); NULL: found
     * through trap_op and preamble_skip.
     */
    bool (*preamble_data)(const ArchHost *a, const uint8_t *code,
                          uint32_t len, uint32_t *from, uint32_t *to);

    /* RISU files: what the .mode that means this arch implies, or NULL. */
    const DtRisuMode *risu;

    /* ---- traces ---- */
    uint32_t trace_arch_id;
    /* Among the arches sharing an id: does the recorder string fit? */
    bool (*recorder_match)(const char *recorder);

    /* ---- signals, target numbering ---- */
    const char *const *signames;    /* [1..nsignames-1] */
    int nsignames;
    /* si_code as compared (ARM: QEMU's 2 for UDF is 1); NULL: as is. */
    int32_t (*si_code_norm)(int32_t signo, int32_t code);

    /* ---- registers ---- */
    /* Name of GPR number r for listings ("a0", "r3", "x5"). */
    const char *(*gpr_name)(unsigned r, char *buf, size_t len);

    /* ---- disassembly ---- */
    int cs_arch;            /* capstone cs_arch */
    unsigned cs_mode;       /* capstone cs_mode */
    /* Image features (`requires`) capstone does not decode (NULL ends). */
    const char *const *cs_blind;
    const char *objdump_machine;    /* objdump -m, with -b binary */
    const char *objdump_options;    /* always added, or NULL */
    const ArchObjdumpRule *objdump_rules;   /* NULL-feature ends */
    const char *alias_file;         /* mnemonic aliases, under arch/ */

    /* ---- operands (the registers an instruction involves) ---- */
    /*
     * Layout register index for pattern role class cls, number num,
     * slot k of up to 3 (a register pair, a vector and its upper half);
     * -1 when none.  *fp / *vec say it reads FP or vector control state.
     */
    int (*operand_reg)(const RisuArchDesc *regs, const char *cls, int num,
                       int k, bool *fp, bool *vec);
    /* Extra operands an instruction implies (MIPS HI/LO), NULL ends. */
    const char *const *(*implicit_regs)(const char *pattern);
    /* The control registers FP and vector instructions read. */
    const char *const *fp_ctrl;     /* NULL ends */
    const char *const *vec_ctrl;
    /*
     * Registers the layout splits that are one vector on this arch with
     * these capture features (MIPS MSA: f<n> and w<n>.hi are w<n>): the
     * vector number, or -1.  NULL: none.
     */
    int (*vec_number)(const char *regname, uint32_t features);

    /* ---- reproducer programs ---- */
    /* Repro slot for a layout slot, or -1 (not set, not printed). */
    int (*repro_slot)(unsigned slot);
    /* C: sys4(), the SYS_* numbers, the signal frame offsets. */
    void (*repro_syscalls)(ArchOut *o);
    /* Assembly: repro_run, repro_code.., _start. */
    void (*repro_asm)(ArchOut *o, const ArchReproCode *c);
    const char *repro_cflags;       /* added to every reproducer build */
    /* Capture feature bits (arch/<a>/arch.h) that say a state has FP,
     * vector, HI/LO or AArch32 d16-d31 registers; 0 where none. */
    uint32_t feat_fpu, feat_vec, feat_hilo, feat_d32;
    /* ... and scalable vector state (ArchReproCode.svec); 0 where none. */
    uint32_t feat_svec;
    /* FP code always runs with FR=1 (64-bit and R6 FPUs), whatever the
     * image's features say. */
    bool fr1_always;

    /* ---- runner flavours ---- */
    /* The flavour (arch/flavour.h) that runs an image with these needs. */
    const char *(*flavour)(bool fr1, bool nan2008);
    /* The qemu-user program that runs those flavours' runners. */
    const char *qemu_user;
};

/* ---- shared helpers (arch/host.c) ---- */

uint32_t arch_rd16(const ArchHost *a, const uint8_t *p);
uint32_t arch_rd32(const ArchHost *a, const uint8_t *p);
void arch_wr16(const ArchHost *a, uint8_t *p, uint32_t v);
void arch_wr32(const ArchHost *a, uint8_t *p, uint32_t v);
/* Store one unit (insn_unit bytes) in target order. */
void arch_wr_unit(const ArchHost *a, uint8_t *p, uint32_t v);
/*
 * Instruction at code + off: its value as the runner records it (two
 * units: first << 16 | second) and its size in bytes; 0 when it does not
 * fit in len.
 */
int arch_insn_at(const ArchHost *a, const uint8_t *code, uint32_t len,
                 uint32_t off, uint32_t *insn);
/* Size in bytes of a recorded instruction value. */
int arch_insn_size(const ArchHost *a, uint32_t insn);
/* Encode a recorded instruction value into bytes (returns the size). */
int arch_insn_bytes(const ArchHost *a, uint32_t insn, uint8_t out[4]);
/*
 * A reproducer's literal pool (OPTRAP SKIP): the jump over it is the
 * arch's (`jump`, lines padding the OPTRAP's bytes, jumping to label
 * .Lpool_end<k>), then w's data as .byte lines and the label.
 */
void arch_repro_pool(ArchOut *o, const ArchReproWord *w, int k,
                     const char *const *jump, int njump);
/* Is there a trap at off; returns 1 checkpoint, 2 optrap, 0 none. */
int arch_trap_at(const ArchHost *a, const uint8_t *code, uint32_t len,
                 uint32_t off);
/*
 * Data bytes of an OPTRAP SKIP at off (a literal pool the code jumps
 * over), as the image declares them; 0 for anything else.  *past is set
 * when they would run past len (callers stop at len).
 */
uint32_t arch_skip_at(const ArchHost *a, const uint8_t *code, uint32_t len,
                      uint32_t off, bool *past);
const char *arch_signame(const ArchHost *a, int signo);
const char *arch_sicode_name(const ArchHost *a, int signo, int code);
int32_t arch_si_norm(const ArchHost *a, int32_t signo, int32_t code);
/* Every distinct flavour the arch may use (fills at most max). */
int arch_host_flavours(const ArchHost *a, const char **out, int max);

/*
 * For a trace of an architecture this build does not know: 4-byte units
 * in the given byte order, generic signal names, no trap words.
 */
const ArchHost *arch_host_unknown(bool big_endian);

/* Linux signal numbering shared by most architectures. */
extern const char *const arch_generic_signames[];
#define ARCH_GENERIC_NSIGNAMES 17

/* Does the blank-separated string s hold the token word? */
bool arch_has_token(const char *s, const char *word);
/* Index of the layout register called name, or -1. */
int arch_reg_find(const RisuArchDesc *regs, const char *name);
/* The same for a name made from fmt and num ("f%d", 3). */
int arch_reg_index(const RisuArchDesc *regs, const char *fmt, int num);

#endif
