/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Checkpoint comparison with resynchronisation (see tdiff.h). */
#include <stdlib.h>
#include <string.h>
#include "tools/tdiff.h"
#include "tools/tutil.h"

void diff_init(StepDiff *d, const RisuArchDesc *arch)
{
    memset(d, 0, sizeof(*d));
    d->regs = xcalloc((size_t)arch->nregs + 1, sizeof(int));
    d->carried = xcalloc((size_t)arch->nregs + 1, sizeof(int));
}

void diff_free(StepDiff *d)
{
    free(d->regs);
    free(d->carried);
    memset(d, 0, sizeof(*d));
}

bool diff_present(const RisuRegDesc *r, const RisuState *st)
{
    return (st->features & r->features) == r->features;
}

void diff_step(const RisuArchDesc *arch, const ArchHost *ta,
               const RisuState *pa, const RisuState *pb,
               const RisuState *a, const RisuState *b, StepDiff *d)
{
    d->nregs = d->ncarried = 0;
    d->control = a->op != b->op || a->pc_off != b->pc_off;
    d->insn = a->insn != b->insn;
    /*
     * A capture-set difference is reported when it appears or changes.
     * Which state classes a record holds (format/state.h) says how it was
     * taken, not what the CPU did: the registers of the others hold their
     * last full values, which a correct image declaration keeps true, so
     * they are compared as they are.
     */
    const uint32_t cm = RISU_FEAT_CLASSES | RISU_FEAT_CLASS_MASK;
    d->features = ((a->features ^ b->features) & ~cm) !=
                  ((pa->features ^ pb->features) & ~cm);
    d->signal = a->signo != b->signo ||
                arch_si_norm(ta, a->signo, a->si_code) !=
                arch_si_norm(ta, b->signo, b->si_code) ||
                a->fault_flags != b->fault_flags ||
                a->fault_addr != b->fault_addr;

    for (int i = 0; i < arch->nregs; i++) {
        const RisuRegDesc *r = &arch->regs[i];
        bool ina = diff_present(r, a), inb = diff_present(r, b);
        bool differs = false, fresh = false;

        if (ina != inb) {
            /* New if the capture sets only now disagree on it. */
            differs = true;
            fresh = diff_present(r, pa) == diff_present(r, pb);
        } else if (ina) {
            for (int k = 0; k < r->nslots; k++) {
                unsigned s = r->slot + (unsigned)k;
                uint64_t va = a->slot[s], vb = b->slot[s];
                uint64_t chg = vb ^ pb->slot[s];
                uint64_t bhat = (vb & chg) | (pa->slot[s] & ~chg);

                if ((va ^ vb) & r->mask) {
                    differs = true;
                    fresh |= ((va ^ bhat) & r->mask) != 0;
                }
            }
        }
        if (fresh) {
            d->regs[d->nregs++] = i;
        } else if (differs) {
            d->carried[d->ncarried++] = i;
        }
    }
}

bool diff_any(const StepDiff *d)
{
    return d->control || d->insn || d->features || d->signal || d->nregs;
}
