/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mktrace OUT N COMPRESS: write a synthetic trace for the tool tests. */
#include <stdio.h>
#include <stdlib.h>
#include "tests/format/synth.h"

int main(int argc, char **argv)
{
    RisuTraceWriter *w = malloc(risu_trace_writer_size());
    RisuState *st = calloc(1, sizeof(*st));
    MemIO m = { 0 };
    RisuTraceHeader h;
    uint64_t rng = 11;
    FILE *f;
    int i, n;

    if (argc != 4 || !w || !st) {
        fprintf(stderr, "usage: mktrace OUT N COMPRESS\n");
        return 1;
    }
    n = atoi(argv[2]);
    synth_header(&h, 0);
    if (risu_trace_writer_init(w, memio(&m), &synth_arch, &h, atoi(argv[3]))) {
        return 1;
    }
    for (i = 0; i < n; i++) {
        synth_realistic_state(&rng, st, st);
        if (risu_trace_write(w, st)) {
            return 1;
        }
    }
    if (risu_trace_finish(w) || !(f = fopen(argv[1], "wb")) ||
        fwrite(m.buf, 1, m.len, f) != m.len || fclose(f)) {
        return 1;
    }
    memio_free(&m);
    free(w);
    free(st);
    return 0;
}
