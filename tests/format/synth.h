/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Test and bench helpers for the trace code: a synthetic MIPS-like
 * register table, an in-memory RisuIO and state generators.
 */
#ifndef TESTS_TRACE_SYNTH_H
#define TESTS_TRACE_SYNTH_H

#include <stddef.h>
#include <stdint.h>
#include "format/trace.h"

/* 32 GPRs, sp, hi, lo, fcsr, 32 FPRs, 32 128-bit vectors: 132 slots. */
extern const RisuArchDesc synth_arch;
/* Its feature bits (an arch defines its own; these mirror MIPS's). */
#define SYNTH_F_HILO (1u << 0)
#define SYNTH_F_FPU (1u << 1)
#define SYNTH_F_VEC (1u << 2)
#define SYNTH_FEATURES (SYNTH_F_HILO | SYNTH_F_FPU | SYNTH_F_VEC)

/* In-memory stream.  Reads return at most `max_read` bytes (0 = any). */
typedef struct MemIO {
    uint8_t *buf;
    size_t len;
    size_t cap;
    size_t pos;
    size_t max_read;
    size_t fail_at;     /* reads fail from this offset, writes past it */
    uint64_t rng;       /* when nonzero, read sizes are random in 1..max_read */
} MemIO;

RisuIO memio(MemIO *m);
void memio_free(MemIO *m);

uint64_t synth_rand(uint64_t *s);
/* Random state with a random number of changes against *prev. */
void synth_random_state(uint64_t *rng, const RisuState *prev, RisuState *st);
/*
 * "Realistic" generated code: pc advances by 8 per checkpoint, insns
 * from a few patterns with random register fields, one GPR (sometimes
 * two) changes to a sign-extended 32-bit value.
 */
void synth_realistic_state(uint64_t *rng, const RisuState *prev,
                           RisuState *st);

/* Fill a header for synth_arch. */
void synth_header(RisuTraceHeader *h, int big_endian);

/* Equal in every field a trace records (slots < nslots). */
int synth_state_equal(const RisuState *a, const RisuState *b, int nslots);

#endif
