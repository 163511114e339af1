/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Seeds for fuzz-live: honest sessions (hello, then the verdict an
 * honest apprentice sends) for a few record counts, written as
 * DIR/honest-N.  With flag bit 0 the harness fills in the digest.
 */
#include <stdio.h>
#include <string.h>
#include "tests/format/synth.h"

int main(int argc, char **argv)
{
    static const unsigned counts[] = { 0, 1, 5, 63 };

    if (argc != 2) {
        fprintf(stderr, "usage: live_seed DIR\n");
        return 2;
    }
    for (unsigned i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
        MemIO m = { 0 };
        RisuTraceHeader h;
        RisuVerdict v = { 0 };
        uint8_t pre[3] = { 1, (uint8_t)counts[i], 255 };
        char path[512];
        FILE *f;

        synth_header(&h, 0);
        v.ncompared = v.nrecords = counts[i];
        risu_proto_hello_send(memio(&m), &h);
        risu_proto_verdict_send(memio(&m), &v);
        snprintf(path, sizeof(path), "%s/honest-%u", argv[1], counts[i]);
        f = fopen(path, "wb");
        if (!f || fwrite(pre, 1, 3, f) != 3 ||
            fwrite(m.buf, 1, m.len, f) != m.len || fclose(f)) {
            perror(path);
            return 2;
        }
        memio_free(&m);
    }
    return 0;
}
