/* Capstone wrapper (see disasm.h). */
#include <capstone/capstone.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tools/disasm.h"

struct Disasm {
    csh h;
    TArch arch;
};

Disasm *dis_open(const TArch *a)
{
    cs_arch ca;
    int mode = 0;
    Disasm *d;

    switch (a->family) {
    case TF_MIPS:
        ca = CS_ARCH_MIPS;
        mode = a->is64 ? CS_MODE_MIPS64 : CS_MODE_MIPS32;
        if (a->r6) {
            mode |= CS_MODE_MIPS32R6;
        }
        break;
    case TF_ARM:
        /* V8: the ARMv8 AArch32 additions (VSEL, crypto, LDA/STL...). */
        ca = CS_ARCH_ARM;
        mode = (a->thumb ? CS_MODE_THUMB : CS_MODE_ARM) | CS_MODE_V8;
        break;
    case TF_A64:
        ca = CS_ARCH_ARM64;
        mode = CS_MODE_ARM;
        break;
    default:
        return NULL;
    }
    if (a->big_endian) {
        mode |= CS_MODE_BIG_ENDIAN;
    }
    d = calloc(1, sizeof(*d));
    if (!d) {
        return NULL;
    }
    if (cs_open(ca, (cs_mode)mode, &d->h) != CS_ERR_OK) {
        free(d);
        return NULL;
    }
    d->arch = *a;
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
    len = (size_t)tarch_insn_bytes(&d->arch, insn, buf);
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
