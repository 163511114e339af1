/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The architecture list (see archtab.h).  Adding an architecture: its
 * faces in arch/<family>/, one ARCH() line here.
 */
#include <stdio.h>
#include <string.h>

#include "arch/archtab.h"
#include "arch/arm/arch.h"
#include "arch/mips/arch.h"

#include "gen/arch.h"
#define GEN_FACE(n) (&gen_arch_##n)
#define ARCH_GEN_DECL(n) extern const GenArch gen_arch_##n;
ARCH_GEN_DECL(mips) ARCH_GEN_DECL(mipsel) ARCH_GEN_DECL(mips64)
ARCH_GEN_DECL(mips64el) ARCH_GEN_DECL(mipsr6) ARCH_GEN_DECL(mipsr6el)
ARCH_GEN_DECL(mips64r6) ARCH_GEN_DECL(mips64r6el)
ARCH_GEN_DECL(micromips) ARCH_GEN_DECL(micromipsel)
ARCH_GEN_DECL(mips16) ARCH_GEN_DECL(mips16el)
ARCH_GEN_DECL(arm) ARCH_GEN_DECL(thumb) ARCH_GEN_DECL(aarch64)

#define ARCH_HOST_DECL(n) extern const ArchHost arch_host_##n;
ARCH_HOST_DECL(mips) ARCH_HOST_DECL(mipsel) ARCH_HOST_DECL(mips64)
ARCH_HOST_DECL(mips64el) ARCH_HOST_DECL(mipsr6) ARCH_HOST_DECL(mipsr6el)
ARCH_HOST_DECL(mips64r6) ARCH_HOST_DECL(mips64r6el)
ARCH_HOST_DECL(micromips) ARCH_HOST_DECL(micromipsel)
ARCH_HOST_DECL(mips16) ARCH_HOST_DECL(mips16el)
ARCH_HOST_DECL(arm) ARCH_HOST_DECL(thumb) ARCH_HOST_DECL(aarch64)

#define ARCH(n, regs) { #n, &arch_host_##n, &regs, GEN_FACE(n) },

const ArchEntry arch_table[] = {
    ARCH(mips, risu_arch_mips32)
    ARCH(mipsel, risu_arch_mips32)
    ARCH(mips64, risu_arch_mips64)
    ARCH(mips64el, risu_arch_mips64)
    ARCH(mipsr6, risu_arch_mips32)
    ARCH(mipsr6el, risu_arch_mips32)
    ARCH(mips64r6, risu_arch_mips64)
    ARCH(mips64r6el, risu_arch_mips64)
    ARCH(micromips, risu_arch_mips32)
    ARCH(micromipsel, risu_arch_mips32)
    ARCH(mips16, risu_arch_mips32)
    ARCH(mips16el, risu_arch_mips32)
    ARCH(arm, risu_arch_arm32)
    ARCH(thumb, risu_arch_arm32)
    ARCH(aarch64, risu_arch_arm64)
    { NULL, NULL, NULL, NULL },
};

const ArchEntry *arch_find(const char *name)
{
    for (const ArchEntry *e = arch_table; e->name; e++) {
        if (!strcmp(e->name, name)) {
            return e;
        }
    }
    return NULL;
}

const ArchEntry *arch_for_trace(uint32_t arch_id, bool big_endian,
                                const char *recorder)
{
    const ArchEntry *any = NULL;

    for (const ArchEntry *e = arch_table; e->name; e++) {
        const ArchHost *h = e->host;

        if (h->trace_arch_id != arch_id ||
            (h->recorder_match && !h->recorder_match(recorder))) {
            continue;
        }
        if (h->big_endian == big_endian) {
            return e;
        }
        /* A family with one byte order: the header's flag says nothing. */
        any = any ? any : e;
    }
    return any;
}

const DtRisuMode *const *arch_risu_modes(void)
{
    static const DtRisuMode *modes[sizeof(arch_table) /
                                   sizeof(arch_table[0])];

    if (!modes[0]) {
        size_t n = 0;
        for (const ArchEntry *e = arch_table; e->name; e++) {
            if (e->host->risu) {
                modes[n++] = e->host->risu;
            }
        }
    }
    return modes;
}

const char *arch_name_list(void)
{
    static char buf[256];
    size_t n = 0;

    if (buf[0]) {
        return buf;
    }
    for (const ArchEntry *e = arch_table; e->name; e++) {
        n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
                              n ? ", " : "", e->name);
        if (n >= sizeof(buf)) {
            break;
        }
    }
    return buf;
}
