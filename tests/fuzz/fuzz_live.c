/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target for the live protocol as the master sees it (make
 * fuzz-live): the peer's bytes are arbitrary, the master's side is the
 * real code (hello exchange, tapped trace writer, verdict decoding and
 * risu_live_judge).  The property: the master never concludes "match"
 * unless the peer's verdict is exactly the honest one for the stream
 * that was sent, however the peer lies.
 *
 * Input: byte 0 = flags (bit 0: fill in the true stream digest, so that
 * mutations explore lies in the other fields; bits 4-7: read size),
 * byte 1 = records the master sends (0..63), byte 2 = the record after
 * which the peer "speaks" (>= byte 1: after the end chunk), then the
 * peer's bytes: its hello, then its verdict.
 */
#include <stdlib.h>
#include <string.h>
#include "tests/format/synth.h"

#define VERDICT_LEN 72
#define DIGEST_AT 36

static void master_stream(unsigned n, unsigned speak, RisuLiveTap *tap,
                          uint64_t *sent, int *complete)
{
    static RisuTraceWriter *w;
    MemIO sink = { 0 };
    RisuTraceHeader h;
    RisuState st = { 0 };
    uint64_t rng = 1;

    if (!w) {
        w = malloc(risu_trace_writer_size());
    }
    synth_header(&h, 0);
    if (risu_trace_writer_init(w, risu_live_tap(tap, memio(&sink)),
                               &synth_arch, &h, 0)) {
        abort();
    }
    *complete = speak >= n;
    for (unsigned i = 0; i < n && i <= speak; i++) {
        synth_realistic_state(&rng, &st, &st);
        if (risu_trace_write(w, &st)) {
            abort();
        }
    }
    if ((*complete ? risu_trace_finish(w) : risu_trace_flush(w)) != RISU_OK) {
        abort();
    }
    *sent = risu_trace_writer_records(w);
    memio_free(&sink);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static RisuTraceHeader mine;
    RisuLiveTap tap;
    RisuVerdict v, honest;
    uint8_t *peer, digest[32];
    uint64_t sent;
    int complete, rc;
    char why[160];

    if (size < 3) {
        return 0;
    }
    if (!mine.version) {
        synth_header(&mine, 0);
    }
    peer = malloc(size - 3 + 1);
    memcpy(peer, data + 3, size - 3);
    MemIO m = { .buf = peer, .len = size - 3, .max_read = data[0] >> 4,
                .rng = 1 };

    if (risu_proto_hello_check(memio(&m), &mine, why, sizeof(why))) {
        free(peer);
        return 0;           /* refused at the handshake: exit 2 */
    }
    master_stream(data[1] & 63, data[2], &tap, &sent, &complete);
    risu_live_tap_digest(&tap, digest);
    if ((data[0] & 1) && m.len - m.pos >= VERDICT_LEN) {
        memcpy(peer + m.pos + DIGEST_AT, digest, 32);
    }
    if (risu_proto_verdict_recv(memio(&m), &v) != RISU_OK) {
        free(peer);
        return 0;           /* no verdict: exit 2 */
    }
    rc = risu_live_judge(&v, sent, digest, complete, why, sizeof(why));
    memset(&honest, 0, sizeof(honest));
    honest.ncompared = honest.nrecords = sent;
    memcpy(honest.digest, digest, 32);
    if (rc == RISU_LIVE_MATCH &&
        (!complete || memcmp(&v, &honest, sizeof(v)))) {
        abort();            /* a false match */
    }
    if (rc == RISU_LIVE_MISMATCH && (v.verdict != 1 || !v.ndiverge)) {
        abort();
    }
    if (rc < 0 && (rc != RISU_ERR_CORRUPT || strlen(why) >= sizeof(why))) {
        abort();
    }
    free(peer);
    return 0;
}
