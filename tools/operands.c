/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Operand registers of an instruction (see operands.h). */
#include <stdio.h>
#include <string.h>
#include "tools/operands.h"

static void add(int *out, int *n, int max, int r)
{
    if (r < 0 || *n >= max) {
        return;
    }
    for (int i = 0; i < *n; i++) {
        if (out[i] == r) {
            return;
        }
    }
    out[(*n)++] = r;
}

static void add_names(const RisuArchDesc *arch, int *out, int *n, int max,
                      const char *const *names)
{
    for (int i = 0; names && names[i]; i++) {
        add(out, n, max, arch_reg_find(arch, names[i]));
    }
}

int insn_operands(const TCtx *c, const RisuArchDesc *arch,
                  const InsnInfo *ii, int *out, int max)
{
    const ArchHost *h = c->ta;
    PsReg regs[16];
    int nr, n = 0;
    bool fp = false, vec = false;
    const DtPattern *p;

    if (!ii->hit_ok) {
        return -1;
    }
    p = ii->hit.p;
    nr = ps_reg_operands(&ii->hit, regs, 16);
    for (int i = 0; i < nr && h->operand_reg; i++) {
        /* A role names up to a pair of registers or a split vector. */
        for (int k = 0; k < 3; k++) {
            add(out, &n, max, h->operand_reg(arch, regs[i].cls, regs[i].num,
                                             k, &fp, &vec));
        }
    }
    /* FP and vector extensions read their control register implicitly. */
    for (int i = 0; i < p->annot.nrequires; i++) {
        const char *r = p->annot.requires[i];

        fp |= !strcmp(r, "fpu") || !strcmp(r, "vfp") || !strcmp(r, "fp") ||
              !strcmp(r, "neon") || !strcmp(r, "asimd");
        vec |= !strcmp(r, "msa");
    }
    if (h->implicit_regs) {
        add_names(arch, out, &n, max, h->implicit_regs(p->name));
    }
    if (fp) {
        add_names(arch, out, &n, max, h->fp_ctrl);
    }
    if (vec) {
        add_names(arch, out, &n, max, h->vec_ctrl);
    }
    if (p->annot.mem.present) {
        add(out, &n, max, arch_reg_find(arch, "memhash"));
    }
    return n;
}
