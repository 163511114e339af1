/*
 * Socket and file-descriptor I/O for the runner.  Reads and writes poll
 * first so a stalled peer ends the run after the timeout instead of
 * hanging it; writes use MSG_NOSIGNAL (and SIGPIPE is ignored) so a
 * vanished peer is an error return, never a fatal signal.
 */
#include <asm/socket.h>
#include <asm/unistd.h>
#include <linux/poll.h>
#include <linux/time.h>
#include "runner/net.h"
#include "runner/rt/rt.h"

#define RISU_AF_UNIX 1
#define RISU_AF_INET 2
#define RISU_AF_INET6 10
#ifdef __mips__
#define RISU_SOCK_STREAM 2   /* MIPS swaps SOCK_STREAM and SOCK_DGRAM */
#else
#define RISU_SOCK_STREAM 1
#endif
#define RISU_MSG_NOSIGNAL 0x4000
#define RISU_EINTR 4
#define RISU_EAGAIN 11
#define RISU_EINPROGRESS_MIPS 150

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

    fd = RT_SYS3(__NR_socket, sa->family, RISU_SOCK_STREAM, 0);
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

int risu_net_listen_unix(const char *path, char *err, size_t errlen)
{
    SockAddr sa;
    int len = make_unix(&sa, path);

    if (len < 0) {
        rt_snprintf(err, errlen, "bad Unix socket path '%s'", path);
        return -1;
    }
#ifdef __NR_unlink
    RT_SYS1(__NR_unlink, path);
#else
    RT_SYS3(__NR_unlinkat, -100, path, 0);
#endif
    return do_listen(&sa, len, err, errlen, path);
}

static int wait_fd(int fd, short events, int timeout_ms)
{
    PollFd p = { fd, events, 0 };
    long r;

    do {
        r = rt_poll(&p, 1, timeout_ms);
    } while (r == -RISU_EINTR);
    if (r < 0) {
        return (int)r;
    }
    return r == 0 ? 0 : p.revents;
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
        int fd = RT_SYS3(__NR_socket, sa->family, RISU_SOCK_STREAM, 0);
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

void risu_net_shutdown_write(int fd)
{
    RT_SYS2(__NR_shutdown, fd, 1 /* SHUT_WR */);
}

void risu_net_drain(RisuConn *c)
{
    char buf[256];

    risu_net_shutdown_write(c->fd);
    while (wait_fd(c->fd, POLLIN, c->timeout_ms) > 0 &&
           rt_read(c->fd, buf, sizeof(buf)) > 0) {
    }
}

static long conn_read(void *opaque, void *buf, size_t len)
{
    RisuConn *c = opaque;

    for (;;) {
        int r = wait_fd(c->fd, POLLIN, c->timeout_ms);
        long n;
        if (r == 0) {
            rt_snprintf(c->err, sizeof(c->err), "peer sent nothing for %d s",
                        c->timeout_ms / 1000);
            return -1;
        }
        if (r < 0) {
            rt_snprintf(c->err, sizeof(c->err), "poll: %s", rt_strerror(-r));
            return -1;
        }
        n = rt_read(c->fd, buf, len);
        if (n == -RISU_EINTR || n == -RISU_EAGAIN) {
            continue;
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
        int r = wait_fd(c->fd, POLLOUT, c->timeout_ms);
        long n;
        if (r == 0) {
            rt_snprintf(c->err, sizeof(c->err), "peer accepted no data for "
                        "%d s", c->timeout_ms / 1000);
            return -1;
        }
        if (r < 0) {
            rt_snprintf(c->err, sizeof(c->err), "poll: %s", rt_strerror(-r));
            return -1;
        }
        n = RT_SYS6(__NR_sendto, c->fd, p + done, len - done,
                    RISU_MSG_NOSIGNAL, 0, 0);
        if (n == -RISU_EINTR || n == -RISU_EAGAIN) {
            continue;
        }
        if (n <= 0) {
            rt_snprintf(c->err, sizeof(c->err), "write to peer: %s",
                        rt_strerror((int)-n));
            return -1;
        }
        done += n;
    }
    return done;
}

static long fd_read(void *opaque, void *buf, size_t len)
{
    RisuConn *c = opaque;
    long n;

    do {
        n = rt_read(c->fd, buf, len);
    } while (n == -RISU_EINTR);
    if (n < 0) {
        rt_snprintf(c->err, sizeof(c->err), "read: %s",
                    rt_strerror((int)-n));
    }
    return n;
}

static long fd_write(void *opaque, const void *buf, size_t len)
{
    RisuConn *c = opaque;
    long n = rt_write_all(c->fd, buf, len);

    if (n < 0) {
        rt_snprintf(c->err, sizeof(c->err), "write: %s",
                    rt_strerror((int)-n));
    }
    return n;
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
