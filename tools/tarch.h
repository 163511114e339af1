/*
 * What the host tools need to know about a target architecture that
 * the trace header does not say: instruction encoding width and byte
 * order, trap and NOP words, signal numbering, the pattern-file
 * directory.  Built from an image's `arch=` metadata (exact) or from a
 * trace header (arch id, byte order and the recorder string, which
 * names the runner flavour and "thumb" for Thumb images).
 */
#ifndef TOOLS_TARCH_H
#define TOOLS_TARCH_H

#include <stdbool.h>
#include <stdint.h>
#include "format/trace.h"

typedef enum TFamily {
    TF_UNKNOWN,
    TF_MIPS,
    TF_ARM,      /* AArch32: A32 or Thumb */
    TF_A64,
} TFamily;

typedef struct TArch {
    const char *name;     /* risugen --arch name ("mipsel", "thumb"), or
                             the trace layout name when unknown */
    TFamily family;
    bool is64;            /* 64-bit GPRs */
    bool big_endian;      /* instruction and data byte order */
    bool r6;              /* MIPS Release 6 encodings */
    bool thumb;           /* Thumb: 16/32-bit instructions */
    uint32_t arch_id;     /* trace arch id */
    const char *subdir;   /* arch/<subdir>/ holds the pattern files */
    uint32_t checkpoint;  /* CHECKPOINT trap word */
    uint32_t optrap;      /* OPTRAP trap word, then d0 d1 */
    int trap_size;        /* bytes of one trap word (2 for Thumb) */
    int optrap_size;      /* bytes of OPTRAP + d0 + d1 */
    uint32_t nop;         /* architectural NOP */
    int nop_size;
} TArch;

/* From risugen's --arch name (image metadata). */
bool tarch_from_name(const char *name, TArch *out);
/* From a trace header; unknown arch ids give TF_UNKNOWN (still usable). */
void tarch_from_trace(const RisuTraceHeader *h, const RisuArchDesc *layout,
                      TArch *out);

/* Read an instruction-size unit at byte offset (target byte order). */
uint32_t tarch_rd16(const TArch *a, const uint8_t *p);
uint32_t tarch_rd32(const TArch *a, const uint8_t *p);
void tarch_wr16(const TArch *a, uint8_t *p, uint32_t v);
void tarch_wr32(const TArch *a, uint8_t *p, uint32_t v);
/*
 * Instruction at code + off: its value as the runner records it (Thumb
 * 32-bit: first halfword << 16 | second) and its size in bytes; 0 when
 * it does not fit in len.
 */
int tarch_insn_at(const TArch *a, const uint8_t *code, uint32_t len,
                  uint32_t off, uint32_t *insn);
/* Size in bytes of a recorded instruction value (Thumb: 2 or 4). */
int tarch_insn_size(const TArch *a, uint32_t insn);
/* Encode a recorded instruction value into bytes (returns the size). */
int tarch_insn_bytes(const TArch *a, uint32_t insn, uint8_t out[4]);
/* Is there a trap at off; returns 1 checkpoint, 2 optrap, 0 none. */
int tarch_trap_at(const TArch *a, const uint8_t *code, uint32_t len,
                  uint32_t off);

/* Signals: target numbering (MIPS differs from ARM for SIGBUS). */
const char *tarch_signame(const TArch *a, int signo);
const char *tarch_sicode_name(const TArch *a, int signo, int code);
/* si_code normalisation for comparison (ARM: QEMU's 2 for UDF = 1). */
int32_t tarch_si_norm(const TArch *a, int32_t signo, int32_t code);

/* Name of an image op (RISU_OP_*) for listings. */
const char *tarch_op_name(unsigned op);

#endif
