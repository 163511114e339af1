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
    char err[160];
} RisuConn;

/* addr: numeric IPv4/IPv6, "localhost", or NULL for the loopback. */
int risu_net_listen_tcp(const char *addr, unsigned port, char *err,
                        size_t errlen);
int risu_net_listen_unix(const char *path, char *err, size_t errlen);
/* Wait up to timeout_ms for a connection; returns the connected fd. */
int risu_net_accept(int lfd, int timeout_ms, char *err, size_t errlen);
/* Retry refused connections until timeout_ms passes. */
int risu_net_connect_tcp(const char *host, unsigned port, int timeout_ms,
                         char *err, size_t errlen);
int risu_net_connect_unix(const char *path, int timeout_ms, char *err,
                          size_t errlen);
void risu_net_shutdown_write(int fd);
/* After our last message: shut down writing, read until the peer closes
 * (or the timeout), so our close cannot destroy what we sent. */
void risu_net_drain(RisuConn *c);

/* RisuIO over a connection (opaque = RisuConn *). */
RisuIO risu_net_io(RisuConn *c);
/* RisuIO over a plain file descriptor (opaque = fd stored in RisuConn). */
RisuIO risu_fd_io(RisuConn *c);

#endif
