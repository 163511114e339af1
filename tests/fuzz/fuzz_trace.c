/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target for the trace reader (make fuzz-trace).
 *
 * First byte selects the mode:
 *   even  the rest is a trace: read it to the end or the first error,
 *         with or without an arch table, with reads of varying sizes;
 *         the records that decoded must round-trip through the writer.
 *   odd   the rest describes states: write them (stored or zlib), read
 *         them back and abort unless every record round-trips and the
 *         trace ends cleanly; truncate it and require RISU_ERR_TRUNCATED.
 */
#include <stdlib.h>
#include <string.h>
#include "tests/format/synth.h"

static RisuTraceWriter *w;
static RisuTraceReader *r;
static RisuState *st, *states;

#define MAX_STATES 64

static void init(void)
{
    if (!w) {
        w = malloc(risu_trace_writer_size());
        r = malloc(risu_trace_reader_size());
        st = malloc(sizeof(*st));
        states = calloc(MAX_STATES + 1, sizeof(*states));
        if (!w || !r || !st || !states) {
            abort();
        }
    }
}

static void check_roundtrip(int n, int compress, unsigned cut);

static void read_trace(const uint8_t *data, size_t len, int with_arch,
                       size_t max_read)
{
    MemIO m = { .buf = (uint8_t *)data, .len = len, .max_read = max_read,
                .rng = max_read ? 1 : 0 };
    RisuTraceHeader h;
    int rc = risu_trace_reader_init(r, memio(&m), with_arch ? &synth_arch : NULL,
                                    &h);

    int n = 0;

    memset(st, 0, sizeof(*st));
    while (!rc && (rc = risu_trace_read(r, st)) == 1) {
        if (n < MAX_STATES) {
            memcpy(&states[n++], st, sizeof(*st));
        }
        rc = 0;
    }
    if (rc < 0 && (!risu_trace_reader_error(r)[0] ||
                   risu_trace_reader_offset(r) > len)) {
        abort();
    }
    /* Whatever decoded must survive our own encoder unchanged. */
    if (n) {
        check_roundtrip(n, len & 1, (unsigned)len);
    }
}

/* Take n bytes from the input as a little-endian number. */
static uint64_t take(const uint8_t **p, const uint8_t *end, unsigned n)
{
    uint64_t v = 0;
    unsigned i;

    for (i = 0; i < n && *p < end; i++) {
        v |= (uint64_t)*(*p)++ << (8 * i);
    }
    return v;
}

/* Build states from the input, then check them. */
static void roundtrip(const uint8_t *p, const uint8_t *end, int compress)
{
    int n = 0;

    memset(&states[MAX_STATES], 0, sizeof(*states));
    while (p < end && n < MAX_STATES) {
        RisuState *s = &states[n];
        unsigned what = (unsigned)take(&p, end, 1);
        int k = (int)take(&p, end, 1) % 4;

        memcpy(s, n ? &states[n - 1] : &states[MAX_STATES], sizeof(*s));
        if (what & 1) {
            s->op = (uint32_t)take(&p, end, 4);
        }
        if (what & 2) {
            s->pc_off = (uint32_t)take(&p, end, 4);
        } else {
            s->pc_off += 8;
        }
        if (what & 4) {
            s->insn = (uint32_t)take(&p, end, 4);
        }
        s->signo = s->si_code = 0;
        s->fault_flags = 0;
        s->fault_addr = 0;
        if (what & 8) {
            s->signo = (int32_t)take(&p, end, 4);
            s->si_code = (int32_t)take(&p, end, 4);
            s->fault_flags = (uint32_t)take(&p, end, 4);
            s->fault_addr = take(&p, end, 8);
        }
        if (what & 16) {
            s->features = (uint32_t)take(&p, end, 4);
        }
        while (k--) {
            int slot = (int)(take(&p, end, 1) % (unsigned)synth_arch.nslots);

            s->slot[slot] = take(&p, end, 1 + (what >> 5));
            if (what & 0x80) {
                s->slot[slot] = (uint64_t)(int64_t)(int8_t)s->slot[slot];
            }
        }
        n++;
    }
    if (n) {
        check_roundtrip(n, compress, end[-1]);
    }
}

/*
 * Write states[0..n), read them back: every record must be identical and
 * the end clean; then a cut (chosen by `cut`) must read as truncated.
 */
static void check_roundtrip(int n, int compress, unsigned cut)
{
    MemIO m = { 0 };
    RisuTraceHeader h;
    int i, rc;

    synth_header(&h, 0);
    if (risu_trace_writer_init(w, memio(&m), &synth_arch, &h, compress)) {
        abort();
    }
    for (i = 0; i < n; i++) {
        if (risu_trace_write(w, &states[i]) ||
            ((cut >> (i % 8)) & 1 && risu_trace_flush(w))) {
            abort();
        }
    }
    if (risu_trace_finish(w)) {
        abort();
    }
    if (risu_trace_reader_init(r, memio(&m), &synth_arch, &h)) {
        abort();
    }
    for (i = 0; i < n; i++) {
        if (risu_trace_read(r, st) != 1 ||
            !synth_state_equal(st, &states[i], synth_arch.nslots)) {
            abort();
        }
    }
    if (risu_trace_read(r, st) != 0) {
        abort();
    }
    /* Any cut is a truncation, never a clean end. */
    m.len = m.len * ((cut & 0xff) | 1) / 257;
    m.pos = 0;
    rc = risu_trace_reader_init(r, memio(&m), &synth_arch, &h);
    while (!rc && (rc = risu_trace_read(r, st)) == 1) {
        rc = 0;
    }
    if (rc != RISU_ERR_TRUNCATED) {
        abort();
    }
    memio_free(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    init();
    if (size < 2) {
        return 0;
    }
    if (!(data[0] & 1)) {
        read_trace(data + 1, size - 1, data[0] & 2, (data[0] >> 2) & 15);
    } else {
        roundtrip(data + 2, data + size, data[1] & 1);
    }
    return 0;
}
