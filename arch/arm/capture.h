/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared between the AArch32 and AArch64 capture code (capture.c holds
 * what both do the same way; capture-a32.c / capture-a64.c the frames).
 */
#ifndef ARCH_ARM_CAPTURE_H
#define ARCH_ARM_CAPTURE_H

#include <stddef.h>
#include <stdint.h>
#include "arch/arm/frame.h"
#include "runner/rt/rt.h"
#include "format/classes.h"
#include "runner/run.h"

/* The state-specific handler (capture-a32.c or capture-a64.c), called
 * by arm_sig_handler (capture.c). */
void arm_handle_signal(int sig, siginfo_t *si, void *uc);
/* Set run->caps (and the state's own probes); nonzero = cannot run here. */
int arm_probe(RisuRun *run, char *why, size_t whylen);
/* Feature names this state knows: 1 has, 0 lacks, 2 unchecked, -1. */
int arm_feature(const RisuRun *run, const char *name);

/* Read and write little-endian words at any alignment (Thumb OPTRAP
 * data is only halfword aligned). */
static inline uint32_t arm_rd32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Fill the fields every checkpoint carries and consume the noted signal. */
/* A checkpoint's fields; zeroes the slots it holds (sp NULL: all). */
void arm_cp_begin(RisuState *st, uint32_t op, uint32_t off, uint32_t insn,
                  const struct RisuSpans *sp);

#endif
