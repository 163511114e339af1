/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Naming a memory divergence.  A COMPAREMEM mismatch says only that the
 * hash differs; with the reference's block (carried by the trace stream,
 * format 2) the report names the bytes, and the image's mem= metadata
 * names the test words since the previous COMPAREMEM that access memory:
 * one of them wrote the bytes (the metadata does not say which address
 * each accessed, so every one is listed, loads too).
 */
#include "runner/memreport.h"
#include "format/image.h"
#include "format/trace-util.h"

#define MEM_MAX_RANGES_SHOWN 8
#define MEM_MAX_WORDS_SHOWN 8

static void list_words(const RisuImage *img, uint32_t from, uint32_t to,
                       RisuPrintFn pr, void *opaque)
{
    uint32_t i, size, align, n = 0, shown = 0;
    char line[160];
    RisuFmt f;

    if (!img->insn_sorted || !img->insn_mem) {
        return;
    }
    for (i = risu_image_lower_bound(img, from); i < img->ninsns &&
         img->insn_off[i] < to; i++) {
        n += risu_image_insn_mem(img, img->insn_off[i], &size, &align);
    }
    risu_fmt_init(&f, line, sizeof(line));
    risu_fmt_str(&f, "  memory words since the last COMPAREMEM (+");
    risu_fmt_hex(&f, from, 8);
    risu_fmt_str(&f, " .. +");
    risu_fmt_hex(&f, to, 8);
    risu_fmt_str(&f, "): ");
    risu_fmt_u64(&f, n);
    risu_fmt_str(&f, n ? " access memory (mem=); any store among them "
                 "could have written there" : " access memory (mem=)");
    pr(opaque, line);
    for (i = risu_image_lower_bound(img, from); i < img->ninsns &&
         img->insn_off[i] < to && shown < MEM_MAX_WORDS_SHOWN; i++) {
        uint32_t off = img->insn_off[i];
        const char *pat = risu_image_pattern(img, off);

        if (!risu_image_insn_mem(img, off, &size, &align)) {
            continue;
        }
        risu_fmt_init(&f, line, sizeof(line));
        risu_fmt_str(&f, "    +");
        risu_fmt_hex(&f, off, 8);
        risu_fmt_char(&f, ' ');
        risu_fmt_str(&f, pat ? pat : "?");
        risu_fmt_str(&f, " (");
        risu_fmt_u64(&f, size);
        risu_fmt_str(&f, size == 1 ? " byte)" : " bytes)");
        pr(opaque, line);
        shown++;
    }
    if (n > shown) {
        risu_fmt_init(&f, line, sizeof(line));
        risu_fmt_str(&f, "    ... ");
        risu_fmt_u64(&f, n - shown);
        risu_fmt_str(&f, " more");
        pr(opaque, line);
    }
}

void risu_report_mem(const RisuImage *img, const uint8_t *ref,
                     const uint8_t *got, uint32_t from, uint32_t to,
                     RisuPrintFn pr, void *opaque)
{
    if (risu_report_memdiff(ref, got, RISU_MEMBLOCK_SIZE,
                            MEM_MAX_RANGES_SHOWN, pr, opaque)) {
        list_words(img, from, to, pr, opaque);
    }
}
