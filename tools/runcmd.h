/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Running shell commands for shrink: in parallel (reference and
 * implementation at once; the lab machines have few cores, but two
 * emulators side by side halve the wait), each in its own process group
 * so a timeout kills the emulator and everything it started, output
 * captured to a file whose tail explains a failure.
 */
#ifndef TOOLS_RUNCMD_H
#define TOOLS_RUNCMD_H

#include <stdbool.h>

typedef struct RunRes {
    int status;           /* exit status, 128 + signal, or -1 */
    bool timed_out;
    char *output;         /* stdout + stderr (last 64 KiB) */
} RunRes;

/* Run n shell commands at once; returns 0 when all could be started. */
int run_cmds(char *const *cmds, int n, double timeout_s, RunRes *res);
void run_res_free(RunRes *r);

#endif
