/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * System call wrappers.  The numbers and flag values come from the
 * target's kernel UAPI headers (asm/unistd.h picks o32 or n64 numbers
 * from _MIPS_SIM), so nothing is hand-copied.
 */
#include <asm/unistd.h>
#include <linux/time.h>
#include <asm/errno.h>
#include "runner/rt/rt.h"

char **rt_environ;

long rt_read(int fd, void *buf, size_t len)
{
    return RT_SYS3(__NR_read, fd, buf, len);
}

long rt_write(int fd, const void *buf, size_t len)
{
    return RT_SYS3(__NR_write, fd, buf, len);
}

long rt_write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    size_t done = 0;

    while (done < len) {
        long n = rt_write(fd, p + done, len - done);
        if (n == -4 /* EINTR */) {
            continue;
        }
        if (n <= 0) {
            return n < 0 ? n : -5;
        }
        done += n;
    }
    return done;
}

int rt_open(const char *path, int flags, int mode)
{
#ifdef __NR_open
    return RT_SYS3(__NR_open, path, flags, mode);
#else
    return RT_SYS4(__NR_openat, -100, path, flags, mode);
#endif
}

int rt_close(int fd)
{
    return RT_SYS1(__NR_close, fd);
}

void *rt_mmap(void *addr, size_t len, int prot, int flags, int fd)
{
#ifdef __NR_mmap2
    return (void *)RT_SYS6(__NR_mmap2, addr, len, prot, flags, fd, 0);
#else
    return (void *)RT_SYS6(__NR_mmap, addr, len, prot, flags, fd, 0);
#endif
}

int rt_munmap(void *addr, size_t len)
{
    return RT_SYS2(__NR_munmap, addr, len);
}

int rt_getpid(void)
{
    return RT_SYS0(__NR_getpid);
}

int rt_kill(int pid, int sig)
{
    return RT_SYS2(__NR_kill, pid, sig);
}

long rt_poll(void *fds, unsigned n, int timeout_ms)
{
#ifdef __NR_poll
    return RT_SYS3(__NR_poll, fds, n, timeout_ms);
#else
    struct timespec ts = { timeout_ms / 1000, (timeout_ms % 1000) * 1000000 };
    return RT_SYS5(__NR_ppoll, fds, n, timeout_ms < 0 ? 0 : &ts, 0, 8);
#endif
}

uint64_t rt_now_ns(void)
{
    struct timespec ts;

    RT_SYS2(__NR_clock_gettime, CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

void (*rt_exit_hook)(int status);

_Noreturn void rt_exit(int status)
{
    if (rt_exit_hook) {
        rt_exit_hook(status);
    }
    for (;;) {
        RT_SYS1(__NR_exit_group, status);
    }
}

const char *rt_getenv(const char *name)
{
    size_t n = strlen(name);

    for (char **e = rt_environ; e && *e; e++) {
        if (!strncmp(*e, name, n) && (*e)[n] == '=') {
            return *e + n + 1;
        }
    }
    return 0;
}

/*
 * errno values differ between architectures (MIPS: ECONNREFUSED is 146,
 * not 111), so a number means little to the user; <asm/errno.h> is the
 * target's own table.
 */
const char *rt_strerror(int err)
{
    static const struct {
        int no;
        const char *text;
    } tab[] = {
        { EPERM, "Operation not permitted (EPERM)" },
        { ENOENT, "No such file or directory (ENOENT)" },
        { EINTR, "Interrupted system call (EINTR)" },
        { EIO, "Input/output error (EIO)" },
        { EBADF, "Bad file descriptor (EBADF)" },
        { EAGAIN, "Resource temporarily unavailable (EAGAIN)" },
        { ENOMEM, "Out of memory (ENOMEM)" },
        { EACCES, "Permission denied (EACCES)" },
        { EEXIST, "File exists (EEXIST)" },
        { ENOTDIR, "Not a directory (ENOTDIR)" },
        { EISDIR, "Is a directory (EISDIR)" },
        { EINVAL, "Invalid argument (EINVAL)" },
        { EMFILE, "Too many open files (EMFILE)" },
        { EFBIG, "File too large (EFBIG)" },
        { ENOSPC, "No space left on device (ENOSPC)" },
        { ESPIPE, "Illegal seek (ESPIPE)" },
        { EROFS, "Read-only file system (EROFS)" },
        { EPIPE, "Broken pipe (EPIPE)" },
        { ENAMETOOLONG, "File name too long (ENAMETOOLONG)" },
        { ENOTSOCK, "Not a socket (ENOTSOCK)" },
        { EAFNOSUPPORT, "Address family not supported (EAFNOSUPPORT)" },
        { EADDRINUSE, "Address already in use (EADDRINUSE)" },
        { EADDRNOTAVAIL, "Cannot assign requested address (EADDRNOTAVAIL)" },
        { ENETUNREACH, "Network is unreachable (ENETUNREACH)" },
        { ECONNABORTED, "Connection aborted (ECONNABORTED)" },
        { ECONNRESET, "Connection reset by peer (ECONNRESET)" },
        { ENOTCONN, "Transport endpoint is not connected (ENOTCONN)" },
        { ETIMEDOUT, "Connection timed out (ETIMEDOUT)" },
        { ECONNREFUSED, "Connection refused (ECONNREFUSED)" },
        { EHOSTUNREACH, "No route to host (EHOSTUNREACH)" },
    };
    static char other[24];

    for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
        if (tab[i].no == err) {
            return tab[i].text;
        }
    }
    rt_snprintf(other, sizeof(other), "errno %d", err);
    return other;
}
