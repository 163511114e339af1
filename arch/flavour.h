/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Runner flavours: one static runner binary per (compiler, ISA, ABI, FP
 * mode) a family needs.  arch/<family>/flavours.mk defines each flavour
 * once; make builds `risu-<name>` from it and generates the C table
 * below from the same lines, so risu-trace's reproducers, the nightly
 * driver and the docs never keep a second list.
 */
#ifndef ARCH_FLAVOUR_H
#define ARCH_FLAVOUR_H

typedef struct ArchFlavour {
    const char *name;           /* the runner is build/risu-<name> */
    const char *family;         /* arch/<family>/ */
    const char *cc;             /* cross compiler command (+ fixed args) */
    const char *cflags;         /* ISA, ABI and FP flags */
    const char *runner_cflags;  /* added for the runner only */
    const char *repro_cflags;   /* added for a reproducer program only */
} ArchFlavour;

/* Every flavour of every family, in flavours.mk order; NULL name ends. */
extern const ArchFlavour arch_flavours[];

const ArchFlavour *arch_flavour_find(const char *name);

#endif
