/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer target for the live protocol messages (make fuzz-proto):
 * hello and verdict decoding over arbitrary bytes with varying read
 * sizes.  A hello that decodes must re-encode to the same bytes (but the
 * CRC, which fuzz builds do not check) and
 * explain itself against a reference header without overflowing `why`.
 */
#include <stdlib.h>
#include <string.h>
#include "tests/format/synth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    MemIO m = { .buf = (uint8_t *)data + 1, .len = size ? size - 1 : 0,
                .max_read = size ? data[0] & 15 : 0, .rng = 1 };
    static RisuTraceHeader mine;
    RisuTraceHeader peer;
    char why[64];
    int rc;
    RisuVerdict v;

    if (!size) {
        return 0;
    }
    if (!mine.version) {
        synth_header(&mine, 0);
    }
    rc = risu_proto_hello_recv(memio(&m), &peer, why, (size_t)(data[0] >> 4) + 1);
    if (rc == RISU_OK) {
        MemIO out = { 0 };

        if (risu_proto_hello_send(memio(&out), &peer) ||
            out.len > m.pos || memcmp(out.buf, data + 1, out.len - 4)) {
            abort();
        }
        memio_free(&out);
        risu_trace_header_explain(&mine, "master", &peer, "apprentice",
                                  why, sizeof(why));
        if (strlen(why) >= sizeof(why)) {
            abort();
        }
    }
    /* The rest (or everything) as a verdict. */
    if (rc != RISU_OK) {
        m.pos = 0;
    }
    rc = risu_proto_verdict_recv(memio(&m), &v);
    if (rc != RISU_OK && v.verdict) {
        abort();
    }
    return 0;
}
