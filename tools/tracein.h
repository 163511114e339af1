/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A trace file opened for reading on the host, with errors worded for
 * the user: "FILE: truncated: offset 4194304: end of file inside a
 * chunk (after 1200 records)".  Records before an error are returned
 * normally; the error is sticky.  Also writing a whole (small) trace.
 */
#ifndef TOOLS_TRACEIN_H
#define TOOLS_TRACEIN_H

#include <stdbool.h>
#include <stdint.h>
#include "format/trace.h"
#include "arch/archtab.h"

typedef struct TraceIn {
    char *path;
    int fd;
    RisuTraceReader *r;
    RisuTraceHeader h;
    const RisuArchDesc *arch;   /* layout from the header */
    const ArchHost *ta;         /* the registry's, or arch_host_unknown */
    const char *arch_name;      /* its name, else the layout's */
    uint64_t n;                 /* records returned so far */
    int rc;                     /* sticky error, RISU_ERR_* */
    char err[512];
} TraceIn;

/* 0, or a RisuErr (RISU_ERR_IO also for open errors) with t->err set. */
int tin_open(TraceIn *t, const char *path);
/* 1 record, 0 clean end, < 0 error (t->err). */
int tin_read(TraceIn *t, RisuState *st);
void tin_close(TraceIn *t);
/*
 * After a clean end: bytes that follow the end chunk (counted up to
 * 1 MiB; *more when there are more), *trace when they start like
 * another trace.  0 if none.  Replay ignores them; verify reports them.
 */
uint64_t tin_trailing(TraceIn *t, bool *more, bool *trace);

/* Read a whole (small) trace into memory: shrink and tests. */
int tin_read_all(const char *path, TraceIn *t, RisuState **recs,
                 uint64_t *n);

/* Write n records as a trace with header h (compressed if h says so):
 * shrink's cut traces.  0, or -1 with err set. */
int tout_write_all(const char *path, const RisuArchDesc *arch,
                   const RisuTraceHeader *h, const RisuState *recs,
                   uint64_t n, char *err, size_t errlen);

#endif
