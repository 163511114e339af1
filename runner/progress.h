/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The runner's progress page (format/progress.h): --progress FILE keeps
 * it up to date with plain stores; --peer-progress FILE reads the peer's
 * when the peer vanished, to name the test word that killed it.
 */
#ifndef RISU_RUNNER_PROGRESS_H
#define RISU_RUNNER_PROGRESS_H

#include <stddef.h>
#include <stdint.h>
#include "format/progress.h"

/* Create FILE (truncating it) and map it; -1 with a reason. */
int risu_progress_open(const char *path, const uint8_t digest[32],
                       char *err, size_t errlen);
/* Cheap updates; no-ops without --progress. */
void risu_progress_trap(uint32_t off);
void risu_progress_checkpoints(uint64_t n);
void risu_progress_state(uint32_t state, uint32_t status);
/* Read a peer's page: 0, or -1 with a reason. */
int risu_progress_read(const char *path, RisuProgress *out, char *err,
                       size_t errlen);

#endif
