/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --json: the runner's final summary as one JSON object, written when
 * the process exits (whatever path it takes), so a script reads one
 * line instead of parsing the text reports.
 */
#ifndef RISU_RUNNER_SUMMARY_H
#define RISU_RUNNER_SUMMARY_H

#include <stdint.h>

typedef struct RisuSummary {
    int fd;                 /* where the object goes; -1: no --json */
    const char *mode;       /* "run", "record", "replay", ... */
    uint64_t checkpoints;
    uint64_t mismatching;
    const uint8_t *digest;  /* the image's, once loaded; else NULL */
    char escape[256];       /* how the test code left the image */
    char error[320];        /* the fatal error's message */
} RisuSummary;

extern RisuSummary risu_summary;

/* Write the object for exit status `status` (no-op when fd < 0). */
void risu_summary_print(int status);

#endif
