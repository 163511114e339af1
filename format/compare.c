/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Comparison of two captures over the architecture's register table.
 * Exact bits under each register's mask; nothing else is forgiven here
 * (undefined results belong in masks or in the pattern files).
 */
#include <string.h>
#include "format/trace.h"
#include "format/trace-util.h"
#include "format/classes.h"

static RisuSiCodeNormFn si_code_norm;

void risu_compare_set_si_code_norm(RisuSiCodeNormFn fn)
{
    si_code_norm = fn;
}

int32_t risu_norm_si_code(int32_t signo, int32_t si_code)
{
    return si_code_norm && signo ? si_code_norm(signo, si_code) : si_code;
}

bool risu_reg_present(const RisuRegDesc *rd, uint32_t features)
{
    return (features & rd->features) == rd->features;
}

uint64_t risu_reg_slot_diff(const RisuRegDesc *rd, int k,
                            const RisuState *a, const RisuState *b)
{
    int s = rd->slot + k;

    if (s >= RISU_MAX_SLOTS) {
        return 0;   /* malformed table; the trace reader rejects these */
    }
    return (a->slot[s] ^ b->slot[s]) & rd->mask;
}

static bool reg_differs(const RisuRegDesc *rd, const RisuState *ref,
                        const RisuState *got)
{
    bool pr = risu_reg_present(rd, ref->features);
    bool pg = risu_reg_present(rd, got->features);
    int k;

    if (pr != pg) {
        return true;   /* captured on one side only: a real difference */
    }
    if (!pr) {
        return false;  /* absent on both sides: nothing to compare */
    }
    for (k = 0; k < rd->nslots; k++) {
        if (risu_reg_slot_diff(rd, k, ref, got)) {
            return true;
        }
    }
    return false;
}

/*
 * Returns the number of differing registers; only the first `maxdiff`
 * indices are stored, so a caller may pass maxdiff 0 just to count.
 */
int risu_compare(const RisuArchDesc *arch, const RisuState *ref,
                 const RisuState *got, int *diff, int maxdiff)
{
    int i, n = 0;

    /* Equal features and equal slots: no register can differ. */
    if (ref->features == got->features && arch->nslots <= RISU_MAX_SLOTS &&
        !memcmp(ref->slot, got->slot, arch->nslots * sizeof(ref->slot[0]))) {
        return 0;
    }
    for (i = 0; i < arch->nregs; i++) {
        if (reg_differs(&arch->regs[i], ref, got)) {
            if (n < maxdiff) {
                diff[n] = i;
            }
            n++;
        }
    }
    return n;
}

int risu_compare_meta(const RisuState *ref, const RisuState *got)
{
    return ref->op != got->op || ref->pc_off != got->pc_off ||
           ref->insn != got->insn || ref->signo != got->signo ||
           risu_norm_si_code(ref->signo, ref->si_code) !=
               risu_norm_si_code(got->signo, got->si_code) ||
           ref->fault_flags != got->fault_flags ||
           ref->fault_addr != got->fault_addr;
}

int risu_compare_classes(const RisuArchDesc *arch, const RisuState *ref,
                         const RisuState *got, uint32_t mask,
                         const RisuSpans *spans, int *diff, int maxdiff)
{
    int i, n = 0;
    bool same = ref->features == got->features;

    for (i = 0; same && i < spans->n; i++) {
        same = !memcmp(ref->slot + spans->lo[i], got->slot + spans->lo[i],
                       (spans->hi[i] - spans->lo[i]) * sizeof(ref->slot[0]));
    }
    if (same) {
        return 0;
    }
    for (i = 0; i < arch->nregs; i++) {
        if (risu_reg_in_classes(arch, i, mask) &&
            reg_differs(&arch->regs[i], ref, got)) {
            if (n < maxdiff) {
                diff[n] = i;
            }
            n++;
        }
    }
    return n;
}
