/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel ABI facts the freestanding runtime (runner/rt/rt.h) needs from
 * ARM Linux, AArch32 and AArch64.
 */
#include <asm/unistd.h>
#include "runner/rt/rt.h"

const int rt_sock_stream = 1;

void rt_sync_icache(void *start, size_t len)
{
#ifdef __aarch64__
    __builtin___clear_cache((char *)start, (char *)start + len); /* libgcc */
#else
    RT_SYS3(__ARM_NR_cacheflush, start, (char *)start + len, 0);
#endif
}
