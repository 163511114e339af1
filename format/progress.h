/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The progress page (`risu --progress FILE`): where a runner is, in a
 * small file the runner maps shared and updates with plain stores at
 * every trap, so it outlives the process.  When QEMU aborts or crashes
 * under a runner, nothing the runner could send survives; this page
 * names the last trap the test code raised, so the surviving peer
 * (`--peer-progress`) or `risu-trace progress` can name the test word
 * that killed it (the first generated instruction after that trap).
 *
 * Layout, little-endian, RISU_PROGRESS_SIZE bytes:
 *   0  u8[8]  "RISUPROG"
 *   8  u32    version (1)
 *  12  u32    state (RISU_PROG_*)
 *  16  u32    exit status (state EXITED)
 *  20  u32    has_off: last_off is valid
 *  24  u64    checkpoints completed
 *  32  u32    last_off: image offset of the last trap the test code raised
 *  36  u32    0
 *  40  u8[32] SHA-256 of the image
 */
#ifndef RISU_PROGRESS_H
#define RISU_PROGRESS_H

#include <stdint.h>
#include <string.h>
#include "format/trace-util.h"

#define RISU_PROGRESS_SIZE 72
#define RISU_PROGRESS_VERSION 1

enum {
    RISU_PROG_STARTING = 0,    /* before the image runs */
    RISU_PROG_RUNNING = 1,     /* the image runs (a dead runner died here) */
    RISU_PROG_EXITED = 2,      /* the runner exited with `status` */
};

typedef struct RisuProgress {
    uint32_t state;
    uint32_t status;
    uint32_t has_off;
    uint64_t checkpoints;
    uint32_t last_off;
    uint8_t image_digest[32];
} RisuProgress;

static inline void risu_progress_encode(uint8_t *p, const RisuProgress *pr)
{
    memcpy(p, "RISUPROG", 8);
    risu_put_le32(p + 8, RISU_PROGRESS_VERSION);
    risu_put_le32(p + 12, pr->state);
    risu_put_le32(p + 16, pr->status);
    risu_put_le32(p + 20, pr->has_off);
    risu_put_le64(p + 24, pr->checkpoints);
    risu_put_le32(p + 32, pr->last_off);
    risu_put_le32(p + 36, 0);
    memcpy(p + 40, pr->image_digest, 32);
}

/* 0, or -1 when p is not a progress page of this version. */
static inline int risu_progress_decode(const uint8_t *p, size_t len,
                                       RisuProgress *pr)
{
    if (len < RISU_PROGRESS_SIZE || memcmp(p, "RISUPROG", 8) ||
        risu_get_le32(p + 8) != RISU_PROGRESS_VERSION) {
        return -1;
    }
    pr->state = risu_get_le32(p + 12);
    pr->status = risu_get_le32(p + 16);
    pr->has_off = risu_get_le32(p + 20);
    pr->checkpoints = risu_get_le64(p + 24);
    pr->last_off = risu_get_le32(p + 32);
    memcpy(pr->image_digest, p + 40, 32);
    return 0;
}

#endif
