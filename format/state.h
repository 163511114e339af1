/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Architecture-neutral view of captured state.  Every architecture lays
 * its registers out as 64-bit slots, described once in arch/<a>/regs.def;
 * that table drives capture, comparison, printing and the trace layout.
 * Freestanding: usable in the target runner and in host tools.
 */
#ifndef RISU_STATE_H
#define RISU_STATE_H

#include <stdbool.h>
#include <stdint.h>

#define RISU_MAX_SLOTS 1664

enum RisuRegClass {
    RISU_CLS_GPR,     /* general purpose, 64-bit slot */
    RISU_CLS_SP,      /* stack pointer: compared as delta from entry */
    RISU_CLS_CTRL,    /* HI/LO, flags, FCSR, MSACSR, FPSR ... */
    RISU_CLS_FPR,     /* 64-bit FP register */
    RISU_CLS_VEC,     /* vector register, nslots x 64 bits */
    RISU_CLS_PRED,    /* SVE predicate */
};

/*
 * Features: a 32-bit mask (RisuRegDesc.features, RisuState.features,
 * the trace header) whose bits each architecture defines in its
 * arch/<a>/arch.h.  A register is present only if the runner has all of
 * its features.  The bit values are recorded in traces: never renumber.
 */

struct RisuRegDesc;
typedef struct RisuRegDesc {
    const char *name;
    uint8_t cls;          /* enum RisuRegClass */
    uint16_t slot;        /* first slot */
    uint8_t nslots;       /* 1, 2 (128-bit), more for SVE */
    uint32_t features;    /* feature bits; all must be present */
    uint64_t mask;        /* bits compared (documented where not ~0) */
    const char *source;   /* where capture reads it (docs) */
} RisuRegDesc;

typedef struct RisuArchDesc {
    const char *name;         /* "mips", "aarch64" ... */
    uint32_t arch_id;         /* trace/protocol identifier */
    const RisuRegDesc *regs;
    int nregs;
    int nslots;
    /*
     * State classes (format/classes.c), optional: their names
     * (NULL-terminated, at most RISU_MAX_CLASSES) and a register's
     * class index, RISU_CLASS_ALWAYS for one captured at every
     * checkpoint.  Not part of the layout (nor of its digest).
     */
    const char *const *class_names;
    uint8_t (*reg_class)(const struct RisuRegDesc *rd);
} RisuArchDesc;

/*
 * State classes.  An image may declare (metadata "classes=") the classes
 * of state its instructions can change; the runner then captures only
 * those, and RISU_CLASS_ALWAYS registers, at most checkpoints.  Such a
 * record's features have RISU_FEAT_CLASSES and the class mask in bits
 * 30:16; a record without RISU_FEAT_CLASSES holds everything.  Every
 * RISU_FULL_EVERY-th checkpoint (index 0, K, 2K ...) and TESTEND hold
 * everything, so a change to an undeclared class (an emulator bug) is
 * still found.  Slots of classes a record does not hold keep the values
 * of the last record that did, on both sides of a comparison.
 */
#define RISU_MAX_CLASSES 15
#define RISU_CLASS_ALWAYS 0xff
#define RISU_FEAT_CLASS_SHIFT 16
#define RISU_FEAT_CLASS_MASK (0x7fffu << RISU_FEAT_CLASS_SHIFT)
#define RISU_FEAT_CLASSES (1u << 31)
#define RISU_FULL_EVERY 32

/* One checkpoint. */
typedef struct RisuState {
    uint32_t op;          /* RISU_OP_COMPARE or RISU_OP_TESTEND, ... */
    uint32_t pc_off;      /* trap offset in the image */
    uint32_t insn;        /* the tested instruction (word before trap) */
    int32_t signo;        /* signal raised since last checkpoint, or 0 */
    int32_t si_code;
    uint32_t fault_flags; /* RISU_FAULT_IN_BLOCK: fault_addr is an offset */
    uint64_t fault_addr;
    uint32_t features;    /* feature bits valid in this capture */
    uint64_t slot[RISU_MAX_SLOTS];
} RisuState;

#define RISU_FAULT_IN_BLOCK 1u
/* fault_addr is the pc where the signal caught the run (RISU_OP_ESCAPE);
 * with RISU_FAULT_IN_BLOCK an offset in the memory block. */
#define RISU_FAULT_PC 2u
/* RISU_OP_ESCAPE: the signal hit the runner's own signal handler while it
 * handled the test code (state the test code corrupted, or a runner bug). */
#define RISU_FAULT_RUNNER 4u
/* RISU_OP_ESCAPE: control went back (a loop) to the trap at image offset
 * fault_addr; test code only ever runs forward. */
#define RISU_FAULT_IN_IMAGE 8u

/*
 * Op of the last record when the runner's watchdog ended the run: pc_off
 * is where the test code was looping (never a trap), signo SIGALRM (14).
 * Not an image op (image.h): only ever written by the runner.
 */
#define RISU_OP_WATCHDOG 255u
/*
 * Op of the last record when the test code left the image: a signal
 * arrived with the pc outside the image (or misaligned, or in the other
 * instruction set), the image returned to the runner without TESTEND, or
 * the runner's own handler faulted.  pc_off/insn name the last test word
 * executed (the one that transferred control), signo/si_code the signal
 * that caught it (0 when the image returned), fault_addr the pc with
 * RISU_FAULT_PC.  Only ever written by the runner.
 */
#define RISU_OP_ESCAPE 254u

#endif
