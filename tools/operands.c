/* Operand registers of an instruction (see operands.h). */
#include <stdio.h>
#include <string.h>
#include "tools/operands.h"

static int find(const RisuArchDesc *arch, const char *name)
{
    for (int i = 0; i < arch->nregs; i++) {
        if (!strcmp(arch->regs[i].name, name)) {
            return i;
        }
    }
    return -1;
}

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

static void addf(const RisuArchDesc *arch, int *out, int *n, int max,
                 const char *fmt, int num)
{
    char name[32];

    snprintf(name, sizeof(name), fmt, num);
    add(out, n, max, find(arch, name));
}

static bool prefix(const char *s, const char *p)
{
    return !strncmp(s, p, strlen(p));
}

int insn_operands(const TCtx *c, const RisuArchDesc *arch,
                  const InsnInfo *ii, int *out, int max)
{
    PsReg regs[16];
    int nr, n = 0;
    bool fp = false, vec = false;
    const DtPattern *p;

    if (!ii->hit_ok) {
        return -1;
    }
    p = ii->hit.p;
    nr = ps_reg_operands(&ii->hit, regs, 16);
    for (int i = 0; i < nr; i++) {
        const char *cls = regs[i].cls;
        int num = regs[i].num;

        if (c->ta.family == TF_MIPS) {
            if (prefix(cls, "gpr")) {
                if (num > 0 && num < 32) {
                    add(out, &n, max, find(arch, arch->regs[num].name));
                }
            } else if (prefix(cls, "fpr")) {
                addf(arch, out, &n, max, "f%d", num);
                /* FR=0 doubles use the odd register of the pair too. */
                if (!(num & 1)) {
                    addf(arch, out, &n, max, "f%d", num + 1);
                }
                fp = true;
            } else if (prefix(cls, "vec") || !strcmp(cls, "msa") ||
                       !strcmp(cls, "wr")) {
                addf(arch, out, &n, max, "f%d", num);
                addf(arch, out, &n, max, "w%d.hi", num);
                vec = true;
            } else if (!strcmp(cls, "fcr")) {
                add(out, &n, max, find(arch, "fcsr"));
            } else if (!strcmp(cls, "msacr")) {
                add(out, &n, max, find(arch, "msacsr"));
            } else if (!strcmp(cls, "acc")) {
                if (num) {
                    addf(arch, out, &n, max, "hi%d", num);
                    addf(arch, out, &n, max, "lo%d", num);
                } else {
                    add(out, &n, max, find(arch, "hi"));
                    add(out, &n, max, find(arch, "lo"));
                }
            }
        } else if (c->ta.family == TF_ARM) {
            if (prefix(cls, "gpr")) {
                if (num >= 0 && num < 15) {
                    add(out, &n, max, find(arch, arch->regs[num].name));
                }
            } else if (!strcmp(cls, "dreg")) {
                addf(arch, out, &n, max, "d%d", num);
                fp = true;
            } else if (!strcmp(cls, "sreg")) {
                addf(arch, out, &n, max, "d%d", num / 2);
                fp = true;
            } else if (!strcmp(cls, "qreg")) {
                addf(arch, out, &n, max, "d%d", num);
                addf(arch, out, &n, max, "d%d", num + 1);
                fp = true;
            }
        } else if (c->ta.family == TF_A64) {
            if (prefix(cls, "gpr")) {
                if (num >= 0 && num < 31) {
                    addf(arch, out, &n, max, "x%d", num);
                }
            } else if (!strcmp(cls, "vreg")) {
                addf(arch, out, &n, max, "v%d", num);
                fp = true;
            }
        }
    }
    /* FP and vector extensions read their control register implicitly. */
    for (int i = 0; i < p->annot.nrequires; i++) {
        const char *r = p->annot.requires[i];

        fp |= !strcmp(r, "fpu") || !strcmp(r, "vfp") || !strcmp(r, "fp") ||
              !strcmp(r, "neon") || !strcmp(r, "asimd");
        vec |= !strcmp(r, "msa");
    }
    if (c->ta.family == TF_MIPS) {
        static const char *const hilo[] = { "MFHI", "MFLO", "MADD", "MADDU",
                                            "MSUB", "MSUBU", NULL };

        for (int i = 0; hilo[i]; i++) {
            if (!strcmp(p->name, hilo[i])) {
                add(out, &n, max, find(arch, "hi"));
                add(out, &n, max, find(arch, "lo"));
            }
        }
        if (fp || vec) {
            add(out, &n, max, find(arch, "fcsr"));
        }
        if (vec) {
            add(out, &n, max, find(arch, "msacsr"));
        }
    } else if (fp) {
        add(out, &n, max, find(arch, c->ta.family == TF_A64 ? "fpcr"
                                                             : "fpscr"));
    }
    if (p->annot.mem.present) {
        add(out, &n, max, find(arch, "memhash"));
    }
    return n;
}
