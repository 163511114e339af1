/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Socket and file-descriptor I/O for the runner.  Reads and writes poll
 * first so a stalled peer ends the run after the timeout instead of
 * hanging it; writes use MSG_NOSIGNAL (and SIGPIPE is ignored) so a
 * vanished peer is an error return, never a fatal signal.
 */
#include <asm/errno.h>
#include <asm/socket.h>
#include <asm/unistd.h>
#include <linux/poll.h>
#include <linux/time.h>
#include "runner/net.h"
#include "runner/rt/rt.h"

#define RISU_AF_UNIX 1
#define RISU_AF_INET 2
#define RISU_AF_INET6 10
#define RISU_MSG_NOSIGNAL 0x4000

typedef struct SockAddr {
    uint16_t family;
    uint8_t data[126];
} SockAddr;

typedef struct PollFd {
    int fd;
    short events;
    short revents;
} PollFd;

static int parse_ipv4(const char *s, uint8_t out[4])
{
    for (int i = 0; i < 4; i++) {
        unsigned v = 0, n = 0;
        while (*s >= '0' && *s <= '9' && n < 4) {
            v = v * 10 + (*s++ - '0');
            n++;
        }
        if (!n || v > 255 || (i < 3 ? *s++ != '.' : *s != 0)) {
            return -1;
        }
        out[i] = v;
    }
    return 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* RFC 4291 text form, with "::" compression (no embedded IPv4). */
static int parse_ipv6(const char *s, uint8_t out[16])
{
    uint16_t w[8];
    int n = 0, gap = -1;

    if (s[0] == '[') {
        s++;
    }
    if (s[0] == ':' && s[1] == ':') {
        gap = 0;
        s += 2;
    }
    while (*s && *s != ']') {
        unsigned v = 0;
        int k = 0;
        while (hexval(*s) >= 0 && k < 4) {
            v = v << 4 | hexval(*s++);
            k++;
        }
        if (!k || n >= 8) {
            return -1;
        }
        w[n++] = v;
        if (*s == ':') {
            s++;
            if (*s == ':') {
                if (gap >= 0) {
                    return -1;
                }
                gap = n;
                s++;
            } else if (!*s) {
                return -1;
            }
        } else if (*s && *s != ']') {
            return -1;
        }
    }
    if (gap < 0 ? n != 8 : n > 7) {
        return -1;
    }
    memset(out, 0, 16);
    for (int i = 0; i < n; i++) {
        int pos = gap >= 0 && i >= gap ? 8 - (n - i) : i;
        out[2 * pos] = w[i] >> 8;
        out[2 * pos + 1] = w[i] & 0xff;
    }
    return 0;
}

/* Fill a sockaddr for host:port; returns its length or -1. */
static int make_addr(SockAddr *sa, const char *host, unsigned port)
{
    memset(sa, 0, sizeof(*sa));
    if (!host || !strcmp(host, "localhost")) {
        host = "127.0.0.1";
    } else if (!strcmp(host, "ip6-localhost")) {
        host = "::1";
    }
    if (strchr(host, ':')) {
        sa->family = RISU_AF_INET6;
        sa->data[0] = port >> 8;
        sa->data[1] = port & 0xff;
        return parse_ipv6(host, sa->data + 6) ? -1 : 28;
    }
    sa->family = RISU_AF_INET;
    sa->data[0] = port >> 8;
    sa->data[1] = port & 0xff;
    return parse_ipv4(host, sa->data + 2) ? -1 : 16;
}

static int make_unix(SockAddr *sa, const char *path)
{
    size_t n = strlen(path);

    if (n == 0 || n >= 108) {
        return -1;
    }
    memset(sa, 0, sizeof(*sa));
    sa->family = RISU_AF_UNIX;
    memcpy(sa->data, path, n);
    return 2 + n + 1;
}

static int do_listen(SockAddr *sa, int len, char *err, size_t errlen,
                     const char *what)
{
    int one = 1, fd, r;

    fd = RT_SYS3(__NR_socket, sa->family, rt_sock_stream, 0);
    if (fd < 0) {
        rt_snprintf(err, errlen, "socket(%s): %s", what, rt_strerror(-fd));
        return -1;
    }
    RT_SYS5(__NR_setsockopt, fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    r = RT_SYS3(__NR_bind, fd, sa, len);
    if (r >= 0) {
        r = RT_SYS2(__NR_listen, fd, 1);
    }
    if (r < 0) {
        rt_snprintf(err, errlen, "cannot listen on %s: %s", what,
                    rt_strerror(-r));
        rt_close(fd);
        return -1;
    }
    return fd;
}

int risu_net_listen_tcp(const char *addr, unsigned port, char *err,
                        size_t errlen)
{
    SockAddr sa;
    int len = make_addr(&sa, addr, port);

    if (len < 0) {
        rt_snprintf(err, errlen, "bad listen address '%s' (numeric IPv4/IPv6 "
                    "or localhost)", addr);
        return -1;
    }
    return do_listen(&sa, len, err, errlen, addr ? addr : "127.0.0.1");
}

/*
 * The file type at path without following a symlink: statx has the same
 * layout on every architecture (stx_mode, a native u16, at byte 28).
 * 0 if nothing is there, -errno if it cannot be told.
 */
static long file_type(const char *path)
{
    uint64_t stx[32];
    uint16_t mode;
    long r = RT_SYS5(__NR_statx, -100 /* AT_FDCWD */, path,
                     0x100 /* AT_SYMLINK_NOFOLLOW */, 1 /* STATX_TYPE */,
                     stx);

    if (r == -2 /* ENOENT */) {
        return 0;
    }
    if (r < 0) {
        return r;
    }
    memcpy(&mode, (const uint8_t *)stx + 28, 2);   /* native byte order */
    return mode;
}

#define RISU_S_IFMT 0170000
#define RISU_S_IFSOCK 0140000

/* A socket at path that nobody listens on: left by a killed master. */
static int remove_stale(SockAddr *sa, int len, const char *path, char *err,
                        size_t errlen)
{
    long t = file_type(path);
    int fd, r;

    if (t == 0) {
        return 0;
    }
    if (t < 0) {
        rt_snprintf(err, errlen, "cannot check %s: %s", path,
                    rt_strerror((int)-t));
        return -1;
    }
    if ((t & RISU_S_IFMT) != RISU_S_IFSOCK) {
        rt_snprintf(err, errlen, "%s exists and is not a socket; not "
                    "removing it", path);
        return -1;
    }
    fd = RT_SYS3(__NR_socket, RISU_AF_UNIX, rt_sock_stream, 0);
    if (fd < 0) {
        rt_snprintf(err, errlen, "socket: %s", rt_strerror(-fd));
        return -1;
    }
    r = RT_SYS3(__NR_connect, fd, sa, len);
    rt_close(fd);
    /* <asm/errno.h> is the target's own numbering. */
    if (r != -ECONNREFUSED) {
        rt_snprintf(err, errlen, "%s is in use by another process", path);
        return -1;
    }
#ifdef __NR_unlink
    RT_SYS1(__NR_unlink, path);
#else
    RT_SYS3(__NR_unlinkat, -100, path, 0);
#endif
    return 0;
}

int risu_net_listen_unix(const char *path, char *err, size_t errlen)
{
    SockAddr sa;
    int len = make_unix(&sa, path);

    if (len < 0) {
        rt_snprintf(err, errlen, "bad Unix socket path '%s'", path);
        return -1;
    }
    if (remove_stale(&sa, len, path, err, errlen)) {
        return -1;
    }
    return do_listen(&sa, len, err, errlen, path);
}

void risu_net_unlink_socket(const char *path)
{
    long t = file_type(path);

    if (t > 0 && (t & RISU_S_IFMT) == RISU_S_IFSOCK) {
#ifdef __NR_unlink
        RT_SYS1(__NR_unlink, path);
#else
        RT_SYS3(__NR_unlinkat, -100, path, 0);
#endif
    }
}

static int wait_fd(int fd, short events, int timeout_ms)
{
    PollFd p = { fd, events, 0 };
    long r;

    do {
        r = rt_poll(&p, 1, timeout_ms);
    } while (r == -EINTR);
    if (r < 0) {
        return (int)r;
    }
    return r == 0 ? 0 : p.revents;
}

int risu_net_readable(int fd, int timeout_ms)
{
    return wait_fd(fd, POLLIN, timeout_ms);
}

int risu_net_accept(int lfd, int timeout_ms, char *err, size_t errlen)
{
    int r = wait_fd(lfd, POLLIN, timeout_ms), fd;

    if (r <= 0) {
        rt_snprintf(err, errlen, r == 0 ? "no apprentice connected within "
                    "%d s" : "poll failed", timeout_ms / 1000);
        return -1;
    }
    fd = RT_SYS3(__NR_accept, lfd, 0, 0);
    if (fd < 0) {
        rt_snprintf(err, errlen, "accept failed: %s", rt_strerror(-fd));
        return -1;
    }
    return fd;
}

static void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

    RT_SYS2(__NR_nanosleep, &ts, 0);
}

static int do_connect(SockAddr *sa, int len, int timeout_ms, char *err,
                      size_t errlen, const char *what)
{
    uint64_t deadline = rt_now_ns() + (uint64_t)timeout_ms * 1000000u;
    int r = 0;

    for (;;) {
        int fd = RT_SYS3(__NR_socket, sa->family, rt_sock_stream, 0);
        if (fd < 0) {
            rt_snprintf(err, errlen, "socket: %s", rt_strerror(-fd));
            return -1;
        }
        r = RT_SYS3(__NR_connect, fd, sa, len);
        if (r >= 0) {
            int one = 1;
            if (sa->family != RISU_AF_UNIX) {
                RT_SYS5(__NR_setsockopt, fd, 6 /* IPPROTO_TCP */,
                        1 /* TCP_NODELAY */, &one, sizeof(one));
            }
            return fd;
        }
        rt_close(fd);
        if (rt_now_ns() >= deadline) {
            break;
        }
        sleep_ms(50);
    }
    rt_snprintf(err, errlen, "cannot connect to %s: %s (no master "
                "listening?)", what, rt_strerror(-r));
    return -1;
}

int risu_net_connect_tcp(const char *host, unsigned port, int timeout_ms,
                         char *err, size_t errlen)
{
    SockAddr sa;
    int len = make_addr(&sa, host, port);

    if (len < 0) {
        rt_snprintf(err, errlen, "bad host '%s' (numeric IPv4/IPv6 or "
                    "localhost)", host);
        return -1;
    }
    return do_connect(&sa, len, timeout_ms, err, errlen, host);
}

int risu_net_connect_unix(const char *path, int timeout_ms, char *err,
                          size_t errlen)
{
    SockAddr sa;
    int len = make_unix(&sa, path);

    if (len < 0) {
        rt_snprintf(err, errlen, "bad Unix socket path '%s'", path);
        return -1;
    }
    return do_connect(&sa, len, timeout_ms, err, errlen, path);
}

int risu_net_open_dev(const char *path, int timeout_ms, const char *peer,
                      char *err, size_t errlen)
{
    uint64_t deadline = rt_now_ns() + (uint64_t)timeout_ms * 1000000u;
    int fd = rt_open(path, 02 /* O_RDWR */, 0), r;

    if (fd < 0) {
        rt_snprintf(err, errlen, "cannot open %s: %s", path, rt_strerror(-fd));
        return -1;
    }
    /*
     * An unconnected port polls readable with POLLHUP at once and blocks
     * writers without a timeout, so connection is polled for, not waited.
     */
    while ((r = wait_fd(fd, POLLOUT, 1000)) >= 0) {
        if (r > 0 && !(r & POLLHUP)) {
            return fd;
        }
        if (rt_now_ns() >= deadline) {
            rt_snprintf(err, errlen, "no %s connected to %s within %d s",
                        peer, path, timeout_ms / 1000);
            rt_close(fd);
            return -1;
        }
        sleep_ms(50);
    }
    rt_snprintf(err, errlen, "poll %s: %s", path, rt_strerror(-r));
    rt_close(fd);
    return -1;
}

void risu_net_shutdown_write(int fd)
{
    RT_SYS2(__NR_shutdown, fd, 1 /* SHUT_WR */);
}

void risu_net_phase(RisuConn *c, const char *name, int ms)
{
    c->phase = name;
    c->deadline_ns = ms ? rt_now_ns() + (uint64_t)ms * 1000000u : 0;
}

/*
 * How long the next wait may take: the idle timeout, cut to what is left
 * of the phase.  -1 (with c->err set) when the phase is over.
 */
static int wait_budget(RisuConn *c)
{
    uint64_t now, left;

    if (!c->deadline_ns) {
        return c->timeout_ms;
    }
    now = rt_now_ns();
    if (now >= c->deadline_ns) {
        rt_snprintf(c->err, sizeof(c->err), "%s not complete within %d s",
                    c->phase ? c->phase : "exchange", c->timeout_ms / 1000);
        return -1;
    }
    left = (c->deadline_ns - now) / 1000000u + 1;
    return left < (uint64_t)c->timeout_ms ? (int)left : c->timeout_ms;
}

/* Wait for `events` within the budget; >0 ready, else -1 with c->err. */
static int wait_ready(RisuConn *c, short events, const char *idle_msg)
{
    for (;;) {
        int tmo = wait_budget(c), r;

        if (tmo < 0) {
            return -1;
        }
        r = wait_fd(c->fd, events, tmo);
        if (r > 0 && c->dev && (events & POLLOUT) && (r & POLLHUP)) {
            /* A disconnected port would block the write for ever. */
            c->peer_gone = 1;
            rt_snprintf(c->err, sizeof(c->err), "the other end of the port "
                        "disconnected");
            return -1;
        }
        if (r > 0) {
            return r;
        }
        if (r < 0) {
            rt_snprintf(c->err, sizeof(c->err), "poll: %s", rt_strerror(-r));
            return -1;
        }
        if (tmo == c->timeout_ms) {
            rt_snprintf(c->err, sizeof(c->err), "%s for %d s", idle_msg,
                        c->timeout_ms / 1000);
            return -1;
        }
        /* The phase deadline passed: wait_budget says so next time. */
    }
}

void risu_net_drain(RisuConn *c)
{
    char buf[4096];
    uint32_t total = 0;
    long n;

    risu_net_shutdown_write(c->fd);
    risu_net_phase(c, "drain", c->timeout_ms);
    while (total < RISU_DRAIN_MAX && wait_ready(c, POLLIN, "idle") > 0 &&
           (n = rt_read(c->fd, buf, sizeof(buf))) > 0) {
        total += (uint32_t)n;
    }
    risu_net_phase(c, 0, 0);
}

static long conn_read(void *opaque, void *buf, size_t len)
{
    RisuConn *c = opaque;

    for (;;) {
        long n;

        if (wait_ready(c, POLLIN, "peer sent nothing") < 0) {
            return -1;
        }
        n = rt_read(c->fd, buf, len);
        if (n == -EINTR || n == -EAGAIN) {
            continue;
        }
        if (n == 0 || n == -ECONNRESET) {
            c->peer_gone = 1;
        }
        if (n < 0) {
            rt_snprintf(c->err, sizeof(c->err), "read from peer: %s",
                        rt_strerror((int)-n));
        }
        return n;
    }
}

static long conn_write(void *opaque, const void *buf, size_t len)
{
    RisuConn *c = opaque;
    const char *p = buf;
    size_t done = 0;

    if (c->check_incoming) {
        /* The apprentice only speaks to deliver a verdict: stop early. */
        int r = wait_fd(c->fd, POLLIN, 0);
        if (r > 0 && (r & (POLLIN | POLLHUP))) {
            c->peer_spoke = 1;
            rt_snprintf(c->err, sizeof(c->err), "peer stopped reading");
            return -1;
        }
    }
    while (done < len) {
        long n;

        if (wait_ready(c, POLLOUT, "peer accepted no data") < 0) {
            return -1;
        }
        n = c->dev ? rt_write(c->fd, p + done, len - done) :
            RT_SYS6(__NR_sendto, c->fd, p + done, len - done,
                    RISU_MSG_NOSIGNAL, 0, 0);
        if (n == -EINTR || n == -EAGAIN) {
            continue;
        }
        if (n <= 0) {
            if (n == -EPIPE || n == -ECONNRESET) {
                c->peer_gone = 1;
            }
            rt_snprintf(c->err, sizeof(c->err), "write to peer: %s",
                        rt_strerror((int)-n));
            return -1;
        }
        done += n;
    }
    return done;
}

/*
 * Trace files and `-t -`: a regular file is always ready, so the waits
 * cost one poll; a pipe or socket that stalls ends the run after the
 * timeout instead of hanging it.
 */
static long fd_read(void *opaque, void *buf, size_t len)
{
    RisuConn *c = opaque;
    long n;

    do {
        if (wait_ready(c, POLLIN, "the trace stream sent nothing") < 0) {
            return -1;
        }
        n = rt_read(c->fd, buf, len);
    } while (n == -EINTR || n == -EAGAIN);
    if (n < 0) {
        rt_snprintf(c->err, sizeof(c->err), "read: %s",
                    rt_strerror((int)-n));
    }
    return n;
}

static long fd_write(void *opaque, const void *buf, size_t len)
{
    RisuConn *c = opaque;
    const char *p = buf;
    size_t done = 0;

    while (done < len) {
        long n;

        if (wait_ready(c, POLLOUT, "the trace stream took no data") < 0) {
            return -1;
        }
        n = rt_write(c->fd, p + done, len - done);
        if (n == -EINTR || n == -EAGAIN) {
            continue;
        }
        if (n <= 0) {
            rt_snprintf(c->err, sizeof(c->err), "write: %s", rt_strerror((int)-n));
            return -1;
        }
        done += (size_t)n;
    }
    return (long)done;
}

RisuIO risu_net_io(RisuConn *c)
{
    RisuIO io = { c, conn_read, conn_write };

    return io;
}

RisuIO risu_fd_io(RisuConn *c)
{
    RisuIO io = { c, fd_read, fd_write };

    return io;
}
