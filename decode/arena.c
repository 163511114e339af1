/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Arena allocation and an insertion-ordered string map.  A set's objects
 * are freed all at once, so nothing in the parser tracks ownership.
 */
#include <stdlib.h>
#include <string.h>

#include "decode/internal.h"

typedef struct DtChunk {
    struct DtChunk *next;
    size_t used, size;
    max_align_t data[];
} DtChunk;

struct DtArena {
    DtChunk *head;
};

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        abort();
    }
    return p;
}

DtArena *dt_arena_new(void)
{
    DtArena *a = xmalloc(sizeof(*a));
    a->head = NULL;
    return a;
}

void dt_arena_free(DtArena *a)
{
    if (!a) {
        return;
    }
    while (a->head) {
        DtChunk *c = a->head;
        a->head = c->next;
        free(c);
    }
    free(a);
}

void *dt_arena_alloc(DtArena *a, size_t n)
{
    const size_t al = sizeof(max_align_t);
    DtChunk *c = a->head;
    void *p;

    n = (n + al - 1) / al * al;
    if (!c || c->size - c->used < n) {
        size_t size = n > 65536 ? n : 65536;
        c = xmalloc(sizeof(*c) + size);
        c->used = 0;
        c->size = size;
        c->next = a->head;
        a->head = c;
    }
    p = (char *)c->data + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

char *dt_arena_strndup(DtArena *a, const char *s, size_t n)
{
    char *p = dt_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *dt_arena_strdup(DtArena *a, const char *s)
{
    return dt_arena_strndup(a, s, strlen(s));
}

void dt_grow(void **p, size_t *cap, size_t n, size_t elsize)
{
    if (n < *cap) {
        return;
    }
    size_t ncap = *cap ? *cap * 2 : 16;
    void *np = realloc(*p, ncap * elsize);
    if (!np) {
        abort();
    }
    *p = np;
    *cap = ncap;
}

/* ---- map ---------------------------------------------------------- */

static size_t hash_str(const char *s, size_t len)
{
    size_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    }
    return h;
}

void dt_map_free(DtMap *m)
{
    free(m->keys);
    free(m->vals);
    free(m->hash);
    memset(m, 0, sizeof(*m));
}

long dt_map_find(const DtMap *m, const char *key, size_t len)
{
    if (!m->hcap) {
        return -1;
    }
    size_t h = hash_str(key, len) & (m->hcap - 1);
    for (;;) {
        size_t v = m->hash[h];
        if (v == 0) {
            return -1;
        }
        const char *k = m->keys[v - 1];
        if (strlen(k) == len && memcmp(k, key, len) == 0) {
            return (long)(v - 1);
        }
        h = (h + 1) & (m->hcap - 1);
    }
}

void *dt_map_get(const DtMap *m, const char *key, size_t len, bool *found)
{
    long i = dt_map_find(m, key, len);
    if (found) {
        *found = i >= 0;
    }
    return i >= 0 ? m->vals[i] : NULL;
}

static void rehash(DtMap *m)
{
    size_t ncap = m->hcap ? m->hcap * 2 : 64;
    free(m->hash);
    m->hash = calloc(ncap, sizeof(size_t));
    if (!m->hash) {
        abort();
    }
    m->hcap = ncap;
    for (size_t i = 0; i < m->n; i++) {
        size_t h = hash_str(m->keys[i], strlen(m->keys[i])) & (ncap - 1);
        while (m->hash[h]) {
            h = (h + 1) & (ncap - 1);
        }
        m->hash[h] = i + 1;
    }
}

void dt_map_put(DtMap *m, const char *key, void *val)
{
    long i = dt_map_find(m, key, strlen(key));
    if (i >= 0) {
        m->vals[i] = val;
        return;
    }
    size_t cap = m->cap;
    dt_grow((void **)&m->keys, &cap, m->n, sizeof(*m->keys));
    cap = m->cap;
    dt_grow((void **)&m->vals, &cap, m->n, sizeof(*m->vals));
    m->cap = cap;
    m->keys[m->n] = key;
    m->vals[m->n] = val;
    m->n++;
    if (m->n * 2 > m->hcap) {
        rehash(m);
    } else {
        size_t h = hash_str(key, strlen(key)) & (m->hcap - 1);
        while (m->hash[h]) {
            h = (h + 1) & (m->hcap - 1);
        }
        m->hash[h] = m->n;
    }
}

/* ---- ordered hash index ------------------------------------------- */

uint64_t dt_hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    while (*s) {
        h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
    }
    return h ^ (h >> 29);
}

static DtIndexBucket *index_slot(const DtIndex *ix, uint64_t key)
{
    size_t h = (size_t)(key ^ (key >> 31)) & (ix->cap - 1);
    while (ix->b[h].used && ix->b[h].key != key) {
        h = (h + 1) & (ix->cap - 1);
    }
    return &ix->b[h];
}

void dt_index_add(DtIndex *ix, uint64_t key, size_t pos, void *val)
{
    DtIndexBucket *b;
    size_t i;

    if ((ix->n + 1) * 2 > ix->cap) {
        DtIndex big = { calloc(ix->cap ? ix->cap * 2 : 64,
                               sizeof(DtIndexBucket)),
                        ix->n, ix->cap ? ix->cap * 2 : 64 };
        if (!big.b) {
            abort();
        }
        for (size_t k = 0; k < ix->cap; k++) {
            if (ix->b[k].used) {
                *index_slot(&big, ix->b[k].key) = ix->b[k];
            }
        }
        free(ix->b);
        *ix = big;
    }
    b = index_slot(ix, key);
    if (!b->used) {
        b->used = true;
        b->key = key;
        ix->n++;
    }
    dt_grow((void **)&b->v, &b->cap, b->n, sizeof(*b->v));
    /* Keep position order; appends are the common case. */
    for (i = b->n; i > 0 && b->v[i - 1].pos > pos; i--) {
        b->v[i] = b->v[i - 1];
    }
    b->v[i].pos = pos;
    b->v[i].val = val;
    b->n++;
}

const DtIndexEnt *dt_index_get(const DtIndex *ix, uint64_t key, size_t *n)
{
    DtIndexBucket *b;

    *n = 0;
    if (!ix->cap) {
        return NULL;
    }
    b = index_slot(ix, key);
    if (!b->used) {
        return NULL;
    }
    *n = b->n;
    return b->v;
}

void dt_index_free(DtIndex *ix)
{
    for (size_t k = 0; k < ix->cap; k++) {
        free(ix->b[k].v);
    }
    free(ix->b);
    memset(ix, 0, sizeof(*ix));
}
