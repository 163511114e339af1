/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel ABI facts the freestanding runtime (runner/rt/rt.h) needs from
 * MIPS Linux.
 */
#include <asm/unistd.h>
#include "runner/rt/rt.h"

/* MIPS swaps SOCK_STREAM and SOCK_DGRAM (arch/mips/include/asm/socket.h,
 * not exported to user space). */
const int rt_sock_stream = 2;

void rt_sync_icache(void *start, size_t len)
{
    RT_SYS3(__NR_cacheflush, start, len, 3 /* BCACHE */);
}
