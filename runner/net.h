/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sockets for live mode: TCP over IPv4/IPv6 (numeric addresses and
 * "localhost"; the freestanding runner has no resolver) and Unix
 * sockets.  Every read and write waits at most the configured timeout.
 */
#ifndef RISU_NET_H
#define RISU_NET_H

#include <stddef.h>
#include <stdint.h>
#include "format/trace.h"

typedef struct RisuConn {
    int fd;
    int timeout_ms;
    int check_incoming;   /* master: stop writing if the peer spoke */
    int peer_spoke;       /* set when check_incoming saw data */
    int peer_gone;        /* the peer closed or reset the connection */
    int dev;              /* a character device (--dev), not a socket */
    uint64_t deadline_ns; /* end of the current phase (rt_now_ns), 0 none */
    const char *phase;    /* its name, for the message */
    char err[160];
} RisuConn;

/* addr: numeric IPv4/IPv6, "localhost", or NULL for the loopback. */
int risu_net_listen_tcp(const char *addr, unsigned port, char *err,
                        size_t errlen);
/* Removes a stale socket at path (nobody listening), nothing else. */
int risu_net_listen_unix(const char *path, char *err, size_t errlen);
/* Remove our own socket file (only if it is still a socket). */
void risu_net_unlink_socket(const char *path);
/* Wait up to timeout_ms for a connection; returns the connected fd. */
int risu_net_accept(int lfd, int timeout_ms, char *err, size_t errlen);
/* Poll fd for input up to timeout_ms: 0 on timeout, >0 ready, <0 error. */
int risu_net_readable(int fd, int timeout_ms);
/* Retry refused connections until timeout_ms passes. */
int risu_net_connect_tcp(const char *host, unsigned port, int timeout_ms,
                         char *err, size_t errlen);
int risu_net_connect_unix(const char *path, int timeout_ms, char *err,
                          size_t errlen);
/*
 * A virtio-serial port (--dev): open it and wait up to timeout_ms for its
 * other end to connect (the port polls POLLHUP until it does).  The
 * returned fd carries the stream as a connected socket would.
 */
int risu_net_open_dev(const char *path, int timeout_ms, const char *peer,
                      char *err, size_t errlen);
void risu_net_shutdown_write(int fd);
/* After our last message: shut down writing, read until the peer closes
 * (at most the timeout and RISU_DRAIN_MAX bytes), so our close cannot
 * destroy what we sent. */
#define RISU_DRAIN_MAX (16u << 20)
void risu_net_drain(RisuConn *c);
/* Bound a whole protocol phase (handshake, verdict) by ms on top of the
 * per-read idle timeout; ms 0 ends the phase. */
void risu_net_phase(RisuConn *c, const char *name, int ms);

/* RisuIO over a connection (opaque = RisuConn *). */
RisuIO risu_net_io(RisuConn *c);
/* RisuIO over a plain file descriptor (opaque = fd stored in RisuConn);
 * pipes and sockets wait at most the timeout, like connections. */
RisuIO risu_fd_io(RisuConn *c);

#endif
