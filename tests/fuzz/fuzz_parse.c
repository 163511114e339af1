/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness for the decodetree parser, checks and decoder.
 *
 * Input: one option byte (instruction width, variable width), then the
 * pattern text; an optional "\0\0" separates an overlay text.  When the
 * set is accepted, words derived from the input are decoded and every
 * extracted field is re-inserted, which must reproduce the word's bits.
 */
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"

static const int widths[] = { 32, 16, 64, 32 };

static uint64_t word_from(const uint8_t *d, size_t n, size_t i)
{
    uint64_t w = 0;
    for (int k = 0; k < 8 && n; k++) {
        w = (w << 8) | d[(i + k) % n];
    }
    return w * 0x9E3779B97F4A7C15ULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    DtOptions o = { 0 };
    const char *text;
    size_t len, olen = 0;
    const char *otext = NULL;
    DtSet *s;

    if (size < 1) {
        return 0;
    }
    o.insnwidth = widths[data[0] & 3];
    if (data[0] & 4) {
        o.varinsnwidth = o.insnwidth;
    }
    if (data[0] & 8) {
        o.decode_name = "disas";
    }
    text = (const char *)data + 1;
    len = size - 1;
    for (size_t i = 0; i + 1 < len; i++) {
        if (text[i] == 0 && text[i + 1] == 0) {
            otext = text + i + 2;
            olen = len - i - 2;
            len = i;
            break;
        }
    }

    s = dt_set_new(&o);
    dt_set_add_text(s, "fuzz.decode", text, len);
    if (otext) {
        dt_set_add_overlay_text(s, "fuzz.overlay", otext, olen);
    }
    if (dt_set_finish(s) == 0) {
        int w = dt_set_insnwidth(s);
        uint64_t mask = w == 64 ? ~0ULL : (1ULL << w) - 1;

        for (size_t i = 0; i < 64; i++) {
            int64_t args[DT_MAX_ARGS];
            uint64_t word = word_from(data, size, i) & mask;
            const DtPattern *p;

            /* Half the words are forced onto a pattern's fixed bits. */
            if ((i & 1) && dt_set_npatterns(s)) {
                size_t k = (size_t)(word >> 7) % dt_set_npatterns(s);
                p = dt_set_pattern(s, k);
                word = (word & ~p->fixedmask) | p->fixedbits;
            }
            p = dt_decode(s, word, args);
            if (!p) {
                continue;
            }
            if ((word & p->fixedmask) != p->fixedbits) {
                abort();
            }
            for (int k = 0; k < p->nargs; k++) {
                const DtArg *a = &p->args[k];
                if (a->kind != DT_ARG_FIELD || !dt_field_insertable(a->field)) {
                    continue;
                }
                uint64_t back = dt_field_insert(a->field, word, args[k]);
                if (back != word) {
                    abort();
                }
            }
        }
    }
    dt_set_free(s);
    return 0;
}
