/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Capstone wrapper (see disasm.h). */
#include <capstone/capstone.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/disasm.h"

struct Disasm {
    csh h;
    const ArchHost *arch;
};

Disasm *dis_open(const ArchHost *a)
{
    Disasm *d;

    if (!a->family) {
        return NULL;
    }
    d = calloc(1, sizeof(*d));
    if (!d) {
        return NULL;
    }
    if (cs_open((cs_arch)a->cs_arch, (cs_mode)a->cs_mode, &d->h) !=
        CS_ERR_OK) {
        free(d);
        return NULL;
    }
    d->arch = a;
    return d;
}

void dis_close(Disasm *d)
{
    if (d) {
        cs_close(&d->h);
        free(d);
    }
}

bool dis_insn(Disasm *d, uint32_t insn, uint64_t addr, char *out,
              size_t outlen)
{
    uint8_t buf[4];
    cs_insn *ci = NULL;
    size_t n, len;

    if (!d) {
        snprintf(out, outlen, "(no disassembler)");
        return false;
    }
    len = (size_t)arch_insn_bytes(d->arch, insn, buf);
    n = cs_disasm(d->h, buf, len, addr, 1, &ci);
    if (n != 1 || ci[0].size != len) {
        if (n) {
            cs_free(ci, n);
        }
        snprintf(out, outlen, "(not decoded by capstone)");
        return false;
    }
    if (ci[0].op_str[0]) {
        snprintf(out, outlen, "%s %s", ci[0].mnemonic, ci[0].op_str);
    } else {
        snprintf(out, outlen, "%s", ci[0].mnemonic);
    }
    cs_free(ci, n);
    return true;
}
