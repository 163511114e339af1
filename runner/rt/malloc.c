/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Bounded allocator.  The runner allocates a handful of long-lived
 * objects (trace writer/reader, zlib streams) at start-up, so a bump
 * allocator over a fixed arena is enough; free() only reclaims the most
 * recent block.  Exhaustion returns NULL, which callers report as
 * RISU_ERR_NOMEM: nothing a peer sends can grow memory use.
 */
#include "runner/rt/rt.h"

#define RT_ARENA_SIZE (4u << 20)
#define RT_ALIGN 16u

static unsigned char arena[RT_ARENA_SIZE] __attribute__((aligned(16)));
static size_t arena_top;

typedef struct BlockHdr {
    size_t size;
    size_t pad;
} BlockHdr;

void *malloc(size_t n)
{
    size_t need;
    BlockHdr *h;

    if (n > RT_ARENA_SIZE) {
        return 0;
    }
    need = (sizeof(BlockHdr) + n + RT_ALIGN - 1) & ~(size_t)(RT_ALIGN - 1);
    if (need > RT_ARENA_SIZE - arena_top) {
        return 0;
    }
    h = (BlockHdr *)(arena + arena_top);
    h->size = need;
    arena_top += need;
    return h + 1;
}

void *calloc(size_t n, size_t m)
{
    void *p;

    if (m && n > RT_ARENA_SIZE / m) {
        return 0;
    }
    p = malloc(n * m);
    if (p) {
        memset(p, 0, n * m);
    }
    return p;
}

void free(void *p)
{
    BlockHdr *h;

    if (!p) {
        return;
    }
    h = (BlockHdr *)p - 1;
    if ((unsigned char *)h + h->size == arena + arena_top) {
        arena_top -= h->size;
    }
}

void *realloc(void *p, size_t n)
{
    BlockHdr *h;
    void *q;

    if (!p) {
        return malloc(n);
    }
    h = (BlockHdr *)p - 1;
    if (n + sizeof(BlockHdr) <= h->size) {
        return p;
    }
    q = malloc(n);
    if (q) {
        memcpy(q, p, h->size - sizeof(BlockHdr));
        free(p);
    }
    return q;
}

size_t rt_heap_used(void)
{
    return arena_top;
}
