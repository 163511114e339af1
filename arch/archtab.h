/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The architecture registry: one entry per risugen --arch name, tying
 * together its three faces.  Everything outside arch/ reaches an
 * architecture through an entry and never by name.
 *   gen    generator hooks (gen/arch.h); every host program links the
 *          generator, so this is never NULL
 *   host   host facts (arch/host.h)
 *   regs   the register layout the runner captures (format/state.h)
 */
#ifndef ARCH_ARCHTAB_H
#define ARCH_ARCHTAB_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/host.h"
#include "format/state.h"

typedef struct GenArch GenArch;

typedef struct ArchEntry {
    const char *name;
    const ArchHost *host;
    const RisuArchDesc *regs;
    const GenArch *gen;
} ArchEntry;

/* Every architecture, in --help order; a NULL name ends the table. */
extern const ArchEntry arch_table[];

const ArchEntry *arch_find(const char *name);
/*
 * The architecture a trace was recorded for: its arch id, byte order
 * and recorder string (which names the runner flavour, and "thumb" for
 * Thumb images).  NULL when no entry has that id.
 */
const ArchEntry *arch_for_trace(uint32_t arch_id, bool big_endian,
                                const char *recorder);
/* The RISU modes of every architecture that has one, NULL-terminated. */
const DtRisuMode *const *arch_risu_modes(void);
/* "a, b, c": the names, for help texts and error messages. */
const char *arch_name_list(void);

#endif
