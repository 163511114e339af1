/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Freestanding runtime for the target runner: raw system calls, string
 * functions, formatted output and a bounded allocator.  No libc: the
 * runner must start on CPUs (Loongson-2E/2F, Octeon) where a distro libc
 * start-up already dies, and in NaN2008/FR=1 flavours no distro ships.
 * The architecture supplies rt_syscall6() and the syscall numbers.
 */
#ifndef RISU_RT_H
#define RISU_RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>     /* runner/rt/include: memcpy, strlen ... */

/* Raw system call: returns the result, or -errno. */
long rt_syscall6(long a, long b, long c, long d, long e, long f, long nr);

/* Kernel ABI facts that differ between architectures (arch/<a>/rt.c). */
extern const int rt_sock_stream;    /* SOCK_STREAM: not 1 everywhere */
/* Make freshly written code visible to instruction fetch. */
void rt_sync_icache(void *start, size_t len);

#define RT_SYS0(nr) rt_syscall6(0, 0, 0, 0, 0, 0, nr)
#define RT_SYS1(nr, a) rt_syscall6((long)(a), 0, 0, 0, 0, 0, nr)
#define RT_SYS2(nr, a, b) rt_syscall6((long)(a), (long)(b), 0, 0, 0, 0, nr)
#define RT_SYS3(nr, a, b, c) \
    rt_syscall6((long)(a), (long)(b), (long)(c), 0, 0, 0, nr)
#define RT_SYS4(nr, a, b, c, d) \
    rt_syscall6((long)(a), (long)(b), (long)(c), (long)(d), 0, 0, nr)
#define RT_SYS5(nr, a, b, c, d, e) \
    rt_syscall6((long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0, nr)
#define RT_SYS6(nr, a, b, c, d, e, f)                                   \
    rt_syscall6((long)(a), (long)(b), (long)(c), (long)(d), (long)(e), \
                (long)(f), nr)

/* Thin wrappers (sys.c); all return -errno on failure. */
long rt_read(int fd, void *buf, size_t len);
long rt_write(int fd, const void *buf, size_t len);
long rt_write_all(int fd, const void *buf, size_t len);
int rt_open(const char *path, int flags, int mode);
int rt_close(int fd);
void *rt_mmap(void *addr, size_t len, int prot, int flags, int fd);
int rt_munmap(void *addr, size_t len);
int rt_getpid(void);
int rt_kill(int pid, int sig);
long rt_poll(void *fds, unsigned n, int timeout_ms);
uint64_t rt_now_ns(void);
_Noreturn void rt_exit(int status);
/* Called by rt_exit with the status first, when set. */
extern void (*rt_exit_hook)(int status);

/* Process start (start.c): the arch's _start passes the initial sp;
 * rt_start_c records what follows and exits with risu_main's status. */
_Noreturn void rt_start_c(long *sp);
int risu_main(int argc, char **argv);

/* Environment and aux vector entries captured at start (0 if absent). */
extern char **rt_environ;
extern unsigned long rt_pagesize;
extern unsigned long rt_hwcap, rt_hwcap2;
extern const char *rt_platform;
const char *rt_getenv(const char *name);

/* Formatted output: %d %i %u %x %X %s %c %p %%, flags '-' '0', width,
 * precision for %s, length l and ll. */
int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int rt_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int rt_dprintf(int fd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "No such file or directory (ENOENT)" for a positive errno value. */
const char *rt_strerror(int err);

/* Number parsing: 0 on success. */
int rt_parse_u64(const char *s, uint64_t *out);

/* Bounded allocator (malloc.c): all memory comes from a fixed arena, so
 * nothing the peer sends can make the runner grow without bound. */
size_t rt_heap_used(void);

/* The C functions the compiler and portable code may call: those of
 * <string.h> (string.c), and the allocator. */
void *malloc(size_t n);
void *calloc(size_t n, size_t m);
void *realloc(void *p, size_t n);
void free(void *p);

/*
 * Send SIGILL, SIGTRAP, SIGFPE, SIGSEGV, SIGBUS and SIGALRM to the arch's handler
 * on an alternate stack and ignore SIGPIPE.  install(sig, 0) installs the
 * handler, install(sig, 1) ignores sig.  -1 with a reason in why.
 */
int rt_trap_signals(int (*install)(int sig, int ignore), char *why,
                    size_t whylen);
/*
 * The synchronous fault signals as bits of the first word of a kernel
 * sigset (bit sig - 1).  The handler's mask leaves them unblocked: a fault
 * inside the handler then re-enters it (the escape guard reports it)
 * instead of the kernel killing the runner.
 */
unsigned long rt_fault_sigs(void);

#endif
