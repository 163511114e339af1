/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The floor under a checkpoint, for make bench-floor-arm: a freestanding
 * static aarch64 program (like the runner: no libc, its own _start and
 * SA_RESTORER trampoline) that runs N checkpoints and prints the time
 * per checkpoint.
 *
 *   floor trap N   N checkpoint trap words; the SIGILL handler only
 *                  steps the pc over them (QEMU's signal delivery and
 *                  sigreturn, nothing of a runner)
 *   floor stub N   N checkpoints as branches to per-checkpoint stubs
 *                  that save and restore the whole register state
 *                  (arm-floor-a64.S), no signal
 *
 * The loop runs once untimed (translation), then N times timed; the
 * line gives wall (CLOCK_MONOTONIC) and process CPU time per checkpoint.
 */
#include <stdint.h>
#include <asm/hwcap.h>
#include <asm/unistd.h>
#include "arch/arm/frame.h"

#define FLOOR_BLOCK 64          /* checkpoints per loop (the .S) */
#define FLOOR_ONCE 16384        /* checkpoints run once (the .S) */

long floor_syscall(long a, long b, long c, long d, long nr);
void floor_sigreturn(void);
void floor_traps(long loops);
void floor_stubs(long loops, int sve);
void floor_traps_once(void);
void floor_stubs_once(long unused, int sve);
void floor_capture(void *save);
void floor_main(long *sp);

void floor_capture(void *save)
{
    (void)save;
}

static void handler(int sig, siginfo_t *si, void *ucv)
{
    ArmUcontext *uc = ucv;

    (void)sig;
    (void)si;
    uc->uc_mcontext.pc += 4;
}

static void out(const char *s)
{
    long n = 0;

    while (s[n]) {
        n++;
    }
    floor_syscall(1, (long)s, n, 0, __NR_write);
}

static char *put_u(char *p, unsigned long v)
{
    char buf[24];
    int n = 0;

    do {
        buf[n++] = '0' + v % 10;
        v /= 10;
    } while (v);
    while (n) {
        *p++ = buf[--n];
    }
    return p;
}

/* ns / count in microseconds with two decimals. */
static char *put_us(char *p, unsigned long ns, unsigned long count)
{
    unsigned long c = ns / (count * 10);    /* hundredths of a us */

    p = put_u(p, c / 100);
    *p++ = '.';
    *p++ = '0' + c / 10 % 10;
    *p++ = '0' + c % 10;
    return p;
}

static unsigned long now_ns(int clock)
{
    struct { long s, ns; } ts;

    floor_syscall(clock, (long)&ts, 0, 0, __NR_clock_gettime);
    return ts.s * 1000000000ul + ts.ns;
}

static void fail(const char *why)
{
    out("floor: ");
    out(why);
    out("\n");
    floor_syscall(2, 0, 0, 0, __NR_exit_group);
}

static char *put_s(char *p, const char *s)
{
    while (*s) {
        *p++ = *s++;
    }
    return p;
}

static void run(int stub, int once, unsigned long loops, int sve)
{
    if (once) {
        stub ? floor_stubs_once(0, sve) : floor_traps_once();
    } else {
        stub ? floor_stubs(loops, sve) : floor_traps(loops);
    }
}

void floor_main(long *sp)
{
    long argc = sp[0];
    char **argv = (char **)(sp + 1);
    long *aux = sp + argc + 2;
    unsigned long hwcap = 0, n = 0, w, c;
    KSigaction sa = {
        handler, 4 | 0x04000000, floor_sigreturn, { 0, 0 }
    };
    int stub, once, sve;
    char line[160], *p = line;

    while (*aux++) {
        ;       /* environment */
    }
    for (; aux[0]; aux += 2) {
        hwcap = aux[0] == 16 ? (unsigned long)aux[1] : hwcap;  /* AT_HWCAP */
    }
    if (argc != 3 || (argv[1][0] != 't' && argv[1][0] != 's')) {
        fail("usage: floor trap|stub|trap1|stub1 N");
    }
    for (const char *q = argv[2]; *q >= '0' && *q <= '9'; q++) {
        n = n * 10 + (*q - '0');
    }
    n = (n + FLOOR_BLOCK - 1) / FLOOR_BLOCK;
    if (!n) {
        fail("N must be positive");
    }
    stub = argv[1][0] == 's';
    once = argv[1][4] == '1';
    sve = (hwcap & HWCAP_SVE) != 0;
    if (floor_syscall(SIGILL, (long)&sa, 0, 8, __NR_rt_sigaction)) {
        fail("rt_sigaction failed");
    }
    if (!once) {
        run(stub, 0, 1, sve);   /* translate the loop first */
    } else {
        n = FLOOR_ONCE / FLOOR_BLOCK;
    }
    w = now_ns(1);      /* CLOCK_MONOTONIC */
    c = now_ns(2);      /* CLOCK_PROCESS_CPUTIME_ID */
    run(stub, once, n, sve);
    c = now_ns(2) - c;
    w = now_ns(1) - w;
    p = put_u(p, n * FLOOR_BLOCK);
    p = put_s(p, stub ? (sve ? " stub checkpoints (z/p/ffr)"
                             : " stub checkpoints (v)") : " trap checkpoints");
    p = put_s(p, once ? ", each new code: " : ", in a loop: ");
    p = put_us(p, w, n * FLOOR_BLOCK);
    p = put_s(p, " us wall, ");
    p = put_us(p, c, n * FLOOR_BLOCK);
    p = put_s(p, " us cpu per checkpoint\n");
    *p = 0;
    out(line);
    floor_syscall(0, 0, 0, 0, __NR_exit_group);
}
