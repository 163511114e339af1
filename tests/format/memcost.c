/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * memcost TRACE...: what the memory blocks of format 2 cost.  Each trace
 * is re-encoded twice with the same writer settings (zlib): with its
 * blocks and without them (what format 1 recorded), and the bytes per
 * checkpoint of both are printed.  For `make bench`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tests/format/synth.h"

static long count_write(void *opaque, const void *buf, size_t len)
{
    (void)buf;
    *(uint64_t *)opaque += len;
    return (long)len;
}

static int cost(const char *path)
{
    RisuTraceReader *r = malloc(risu_trace_reader_size());
    RisuTraceWriter *w[2] = { malloc(risu_trace_writer_size()),
                              malloc(risu_trace_writer_size()) };
    RisuState *st = malloc(sizeof(*st));
    uint64_t bytes[2] = { 0, 0 }, n = 0;
    RisuTraceHeader h;
    MemIO m = { 0 };
    FILE *f = fopen(path, "rb");
    int rc, k;

    if (!f || !r || !w[0] || !w[1] || !st) {
        fprintf(stderr, "memcost: cannot open %s\n", path);
        return 1;
    }
    while ((k = fgetc(f)) != EOF) {
        uint8_t c = (uint8_t)k;
        memio(&m).write(&m, &c, 1);
    }
    fclose(f);
    rc = risu_trace_reader_init(r, memio(&m), NULL, &h);
    for (k = 0; k < 2 && rc == RISU_OK; k++) {
        RisuIO io = { &bytes[k], NULL, count_write };
        rc = risu_trace_writer_init(w[k], io, risu_trace_reader_arch(r), &h,
                                    1);
    }
    while (rc == RISU_OK && (rc = risu_trace_read(r, st)) == 1) {
        const uint8_t *blk = risu_trace_reader_mem(r);

        if (blk && risu_trace_reader_mem_base(r)) {
            risu_trace_mem_base(w[0], (uint32_t)
                                (risu_trace_reader_mem_base(r) - 1));
        }
        rc = blk ? risu_trace_write_mem(w[0], st, blk) :
             risu_trace_write(w[0], st);
        rc = rc ? rc : risu_trace_write(w[1], st);
        n++;
    }
    if (rc == 0) {
        rc = risu_trace_finish(w[0]) ? -1 : risu_trace_finish(w[1]);
    }
    if (rc || !n) {
        fprintf(stderr, "memcost: %s: %s\n", path,
                risu_trace_reader_error(r));
        return 1;
    }
    printf("  %-8s %6llu checkpoints: %6.2f bytes/checkpoint with memory "
           "blocks, %6.2f without (+%.1f%%)\n", risu_trace_reader_arch(r)->name,
           (unsigned long long)n, (double)bytes[0] / n, (double)bytes[1] / n,
           100.0 * ((double)bytes[0] / bytes[1] - 1));
    (void)h;
    memio_free(&m);
    free(r);
    free(w[0]);
    free(w[1]);
    free(st);
    return 0;
}

int main(int argc, char **argv)
{
    int rc = 0;

    for (int i = 1; i < argc; i++) {
        rc |= cost(argv[i]);
    }
    return rc;
}
