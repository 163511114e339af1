/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench-trace: write and read a realistic synthetic checkpoint stream
 * (see synth_realistic_state) and print records/s and bytes/checkpoint,
 * compressed and stored.
 *
 * States are generated on the fly into one hot RisuState, as the runner
 * captures into one buffer; the generator's own time is measured
 * separately and subtracted from the write time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "tests/format/synth.h"

#define NREC 1000000

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Initial state: the preamble leaves every register random. */
static void start(RisuState *st, uint64_t *rng)
{
    int i;

    memset(st, 0, sizeof(*st));
    *rng = 0x5eed;
    for (i = 0; i < synth_arch.nslots; i++) {
        st->slot[i] = synth_rand(rng);
    }
    st->features = SYNTH_FEATURES;
}

static int run(int compress, double tgen)
{
    RisuTraceWriter *w = malloc(risu_trace_writer_size());
    RisuTraceReader *r = malloc(risu_trace_reader_size());
    RisuState *st = malloc(sizeof(*st)), *got = malloc(sizeof(*got));
    MemIO m = { 0 };
    RisuTraceHeader h, g;
    double t0, t1, t2;
    uint64_t rng;
    size_t hdr;
    int i, rc = 0;

    synth_header(&h, 0);
    if (!w || !r || !st || !got ||
        risu_trace_writer_init(w, memio(&m), &synth_arch, &h, compress)) {
        return 1;
    }
    hdr = m.len;
    start(st, &rng);
    t0 = now();
    for (i = 0; i < NREC && !rc; i++) {
        synth_realistic_state(&rng, st, st);
        rc = risu_trace_write(w, st);
    }
    rc = rc ? rc : risu_trace_finish(w);
    t1 = now();
    rc = rc ? rc : risu_trace_reader_init(r, memio(&m), &synth_arch, &g);
    for (i = 0; !rc && (rc = risu_trace_read(r, got)) == 1; i++) {
        rc = 0;
    }
    t2 = now();
    if (rc || i != NREC || !synth_state_equal(st, got, synth_arch.nslots)) {
        fprintf(stderr, "bench-trace: read back failed: %s\n",
                risu_trace_reader_error(r));
        return 1;
    }
    printf("%-7s %6.2f bytes/checkpoint  write %6.2f M rec/s  "
           "read %6.2f M rec/s  (%zu bytes, header %zu)\n",
           compress && g.compressed ? "zlib" : "stored",
           (double)(m.len - hdr) / NREC, NREC / (t1 - t0 - tgen) / 1e6,
           NREC / (t2 - t1) / 1e6, m.len, hdr);
    memio_free(&m);
    free(w);
    free(r);
    free(st);
    free(got);
    return 0;
}

int main(void)
{
    RisuState *st = malloc(sizeof(*st));
    volatile uint64_t sink = 0;
    uint64_t rng;
    double t0, tgen;
    int i;

    if (!st) {
        return 1;
    }
    start(st, &rng);
    t0 = now();
    for (i = 0; i < NREC; i++) {
        synth_realistic_state(&rng, st, st);
        sink += st->insn;
    }
    tgen = now() - t0;
    free(st);
    printf("bench-trace: %d checkpoints, %d slots, realistic MIPS-like stream "
           "(generator %.0f ns/record, subtracted)\n",
           NREC, synth_arch.nslots, tgen * 1e9 / NREC);
    return run(1, tgen) || run(0, tgen);
}
