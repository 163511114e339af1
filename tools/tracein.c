/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Trace files on the host (see tracein.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tools/tracein.h"
#include "tools/tutil.h"

static long fd_read(void *opaque, void *buf, size_t len)
{
    long n;

    do {
        n = read(*(int *)opaque, buf, len);
    } while (n < 0 && errno == EINTR);
    return n;
}

static long fd_write(void *opaque, const void *buf, size_t len)
{
    long n;

    do {
        n = write(*(int *)opaque, buf, len);
    } while (n < 0 && errno == EINTR);
    return n;
}

static void set_err(TraceIn *t, int rc)
{
    t->rc = rc;
    snprintf(t->err, sizeof(t->err), "%s: %s: %s (after %llu records)",
             t->path, risu_strerror(rc), risu_trace_reader_error(t->r),
             (unsigned long long)t->n);
}

int tin_open(TraceIn *t, const char *path)
{
    int rc;

    memset(t, 0, sizeof(*t));
    t->path = xstrdup(path);
    t->fd = strcmp(path, "-") ? open(path, O_RDONLY) : 0;
    if (t->fd < 0) {
        snprintf(t->err, sizeof(t->err), "%s: %s", path, strerror(errno));
        t->rc = RISU_ERR_IO;
        return t->rc;
    }
    t->r = xmalloc(risu_trace_reader_size());
    rc = risu_trace_reader_init(t->r, (RisuIO){ .opaque = &t->fd,
                                                .read = fd_read },
                                NULL, &t->h);
    if (rc) {
        set_err(t, rc);
        return rc;
    }
    t->arch = risu_trace_reader_arch(t->r);
    {
        const ArchEntry *e = arch_for_trace(t->h.arch_id, t->h.big_endian,
                                            t->h.recorder);

        t->ta = e ? e->host : arch_host_unknown(t->h.big_endian);
        t->arch_name = e ? e->name : t->arch->name;
    }
    return 0;
}

int tin_read(TraceIn *t, RisuState *st)
{
    int rc;

    if (t->rc) {
        return t->rc;
    }
    rc = risu_trace_read(t->r, st);
    if (rc == 1) {
        t->n++;
    } else if (rc < 0) {
        set_err(t, rc);
    }
    return rc;
}

void tin_close(TraceIn *t)
{
    if (t->fd > 0) {
        close(t->fd);
    }
    free(t->r);
    free(t->path);
    memset(t, 0, sizeof(*t));
}

uint64_t tin_trailing(TraceIn *t, bool *more, bool *trace)
{
    uint8_t buf[4096];
    uint64_t n = 0;
    long got;

    *more = *trace = false;
    while ((got = fd_read(&t->fd, buf, sizeof(buf))) > 0) {
        if (!n && got >= 8 && !memcmp(buf, "RISUTRC\n", 8)) {
            *trace = true;
        }
        n += (uint64_t)got;
        if (n >= (1u << 20)) {
            *more = true;
            break;
        }
    }
    return n;
}

int tin_read_all(const char *path, TraceIn *t, RisuState **recs,
                 uint64_t *n)
{
    size_t cap = 16;
    RisuState *v;
    int rc;

    *recs = NULL;
    *n = 0;
    if ((rc = tin_open(t, path))) {
        return rc;
    }
    v = xmalloc(cap * sizeof(*v));
    memset(v, 0, sizeof(*v));
    for (;;) {
        if (*n == cap) {
            cap *= 2;
            v = xrealloc(v, cap * sizeof(*v));
        }
        /* The reader leaves slots beyond the layout alone: start clean. */
        if (*n) {
            memcpy(&v[*n], &v[*n - 1], sizeof(*v));
        } else {
            memset(&v[0], 0, sizeof(*v));
        }
        rc = tin_read(t, &v[*n]);
        if (rc != 1) {
            break;
        }
        (*n)++;
    }
    *recs = v;
    return rc < 0 ? rc : 0;
}

int tout_write_all(const char *path, const RisuArchDesc *arch,
                   const RisuTraceHeader *h, const RisuState *recs,
                   uint64_t n, char *err, size_t errlen)
{
    RisuTraceWriter *w;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    int rc = RISU_OK;

    if (fd < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    w = xmalloc(risu_trace_writer_size());
    rc = risu_trace_writer_init(w, (RisuIO){ .opaque = &fd,
                                             .write = fd_write },
                                arch, h, h->compressed);
    for (uint64_t i = 0; i < n && rc == RISU_OK; i++) {
        rc = risu_trace_write(w, &recs[i]);
    }
    if (rc == RISU_OK) {
        rc = risu_trace_finish(w);
    }
    if (rc != RISU_OK) {
        snprintf(err, errlen, "%s: %s: %s", path, risu_strerror(rc),
                 risu_trace_writer_error(w));
    }
    free(w);
    if (close(fd) && rc == RISU_OK) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        rc = RISU_ERR_IO;
    }
    return rc == RISU_OK ? 0 : -1;
}
