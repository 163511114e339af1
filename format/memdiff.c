/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Memory block differences: the hash a COMPAREMEM checkpoint records,
 * the ranges in which two blocks differ, and the report lines naming
 * them.  The runner (replay, live) and risu-trace (show, diff) print the
 * same lines, and the trace writer encodes its deltas over the same
 * ranges.
 */
#include <string.h>
#include "format/trace.h"
#include "format/trace-util.h"

uint64_t risu_memblock_hash(const uint8_t *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;

    for (size_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 0x100000001b3ull;
    }
    return h;
}

int risu_memhash_slot(const RisuArchDesc *arch)
{
    for (int i = 0; arch && i < arch->nregs; i++) {
        if (arch->regs[i].name && !strcmp(arch->regs[i].name, "memhash")) {
            return arch->regs[i].slot;
        }
    }
    return -1;
}

int risu_memdiff_next(const uint8_t *a, const uint8_t *b, size_t size,
                      size_t from, size_t *off, size_t *len)
{
    size_t i = from, end;

    while (i < size && a[i] == b[i]) {
        i++;
    }
    if (i >= size) {
        return 0;
    }
    *off = i;
    end = i + 1;
    /* Extend while the next difference is within the gap. */
    for (i = end; i < size && i - end < RISU_MEMDIFF_GAP; i++) {
        if (a[i] != b[i]) {
            end = i + 1;
        }
    }
    *len = end - *off;
    return 1;
}

static void fmt_bytes_capped(RisuFmt *f, const uint8_t *p, size_t n)
{
    risu_fmt_bytes(f, p, n < RISU_MEMDIFF_SHOW ? n : RISU_MEMDIFF_SHOW);
    if (n > RISU_MEMDIFF_SHOW) {
        risu_fmt_str(f, "..");
    }
}

int risu_report_memdiff(const uint8_t *ref, const uint8_t *got, size_t size,
                        int maxranges, RisuPrintFn pr, void *opaque)
{
    size_t off, len, pos = 0, nbytes = 0, hidden_bytes = 0;
    int nranges = 0;
    char line[160];
    RisuFmt f;

    for (size_t i = 0; i < size; i++) {
        nbytes += ref[i] != got[i];
    }
    if (!nbytes) {
        return 0;
    }
    while (risu_memdiff_next(ref, got, size, pos, &off, &len)) {
        nranges++;
        pos = off + len;
    }
    risu_fmt_init(&f, line, sizeof(line));
    risu_fmt_str(&f, "  memory: ");
    risu_fmt_u64(&f, nbytes);
    risu_fmt_str(&f, nbytes == 1 ? " byte differs in " :
                 " bytes differ in ");
    risu_fmt_u64(&f, (uint64_t)nranges);
    risu_fmt_str(&f, nranges == 1 ? " range" : " ranges");
    risu_fmt_str(&f, " (block offset, length, ref, got)");
    pr(opaque, line);
    pos = 0;
    for (int k = 0; risu_memdiff_next(ref, got, size, pos, &off, &len); k++) {
        pos = off + len;
        if (k >= maxranges) {
            hidden_bytes += len;
            continue;
        }
        risu_fmt_init(&f, line, sizeof(line));
        risu_fmt_str(&f, "    +");
        risu_fmt_hex(&f, off, 4);
        risu_fmt_str(&f, " len ");
        risu_fmt_u64(&f, len);
        risu_fmt_str(&f, ": ref ");
        fmt_bytes_capped(&f, ref + off, len);
        risu_fmt_str(&f, " got ");
        fmt_bytes_capped(&f, got + off, len);
        pr(opaque, line);
    }
    if (nranges > maxranges) {
        risu_fmt_init(&f, line, sizeof(line));
        risu_fmt_str(&f, "    ... ");
        risu_fmt_u64(&f, (uint64_t)(nranges - maxranges));
        risu_fmt_str(&f, " more ranges (");
        risu_fmt_u64(&f, hidden_bytes);
        risu_fmt_str(&f, " bytes) not shown");
        pr(opaque, line);
    }
    return nranges;
}
