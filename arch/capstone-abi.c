/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The arch faces (gen.c, host.c) spell capstone's enum values as plain
 * numbers so that only the disassembler wrappers include capstone.h;
 * this unit, linked into risugen, checks the numbers at compile time.
 */
#include <capstone/capstone.h>

_Static_assert(CS_ARCH_ARM == 0 && CS_ARCH_ARM64 == 1 && CS_ARCH_MIPS == 2,
               "capstone arch numbering");
_Static_assert(CS_MODE_THUMB == 16 && CS_MODE_V8 == 64 &&
               CS_MODE_MIPS32R6 == 64 && CS_MODE_MIPS32 == 4 &&
               CS_MODE_MIPS64 == 8, "capstone mode numbering");

/* ISO C wants a declaration in every translation unit. */
extern int arch_capstone_abi_checked;
