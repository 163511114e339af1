/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Standalone reproducers: a freestanding C file for the target (its own
 * _start and raw system calls, like the runner, because Debian's glibc
 * start-up cannot run on every CPU model and has no NaN2008 o32 flavour)
 * that loads the registers that matter, runs the shrunk instruction
 * sequence, and prints the resulting registers and a hash of the memory
 * block, one "name 0x..." line each, so that `diff` of the two outputs
 * shows the divergence.
 *
 * The test code is copied word for word; OPTRAP SETMEM/MEMOFF become
 * instruction sequences of exactly the same size (so branches inside the
 * code keep their targets) that address an 8 KiB block placed right below
 * the register area, filled like the runner's MEMINIT.
 */
#ifndef TOOLS_REPRO_H
#define TOOLS_REPRO_H

#include <stdbool.h>
#include <stdint.h>
#include "format/state.h"
#include "arch/archtab.h"

/* One word of the shrunk code (arch/host.h: the arch writers read it). */
typedef ArchReproWord ReproWord;

typedef struct ReproIn {
    const ArchHost *ta;
    const RisuArchDesc *arch;     /* trace layout: register names */
    const RisuState *before;      /* state before the code */
    const RisuState *ref_after;   /* expected results (comments) */
    const RisuState *test_after;
    const ReproWord *words;
    int nwords;
    uint32_t meminit_seed;
    bool fpu, msa, fr1, hilo, d32, nan2008, svec;
    const char *title;            /* first comment lines */
    const char *set_note;         /* why these registers are set */
} ReproIn;

/* The C source, or NULL (err) for an architecture it cannot handle. */
char *repro_source(const ReproIn *in, char *err, size_t errlen);

/* How to build and run the reproducer for one side. */
typedef struct ReproSide {
    char *emu;            /* "qemu-mipsel -cpu 24Kf", "" for native */
    char *flavour;        /* runner flavour ("mipsel-fp64") */
    char *cc;             /* cross compiler */
    char *cflags;         /* ISA, ABI, FP and NaN flags */
    bool known;           /* the command named a runner we know */
    const char *extra_cflags;   /* the arch's, for every reproducer */
} ReproSide;

/*
 * From a recording command ("qemu-mipsel -cpu 24Kf build/risu-mipsel
 * --master -t {trace} {image}"): the words before the runner are the
 * emulator (environment assignments dropped), the runner's name gives
 * the flavour and so the compiler flags.  Without a known runner the
 * image's features decide.
 */
void repro_side(const char *cmd, const ArchHost *ta, bool fr1, bool nan2008,
                ReproSide *out);
void repro_side_free(ReproSide *s);
char *repro_build_cmd(const ReproSide *s, const char *src, const char *exe);
char *repro_run_cmd(const ReproSide *s, const char *exe);

#endif
