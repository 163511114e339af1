/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Checked allocation; see alloc.h. */
#include "tools/lib/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void default_failure(void)
{
    fputs("out of memory\n", stderr);
    exit(1);
}

static void (*failure_fn)(void) = default_failure;

void xalloc_set_failure(void (*fn)(void))
{
    failure_fn = fn ? fn : default_failure;
}

static void *checked(void *p)
{
    if (!p) {
        failure_fn();
        /* A handler that returns would hand out NULL: stop here. */
        abort();
    }
    return p;
}

void *xmalloc(size_t n)
{
    return checked(malloc(n ? n : 1));
}

void *xcalloc(size_t n, size_t size)
{
    return checked(calloc(n ? n : 1, size ? size : 1));
}

void *xrealloc(void *p, size_t n)
{
    return checked(realloc(p, n ? n : 1));
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);

    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    int n;
    char *s;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return xstrdup("");
    }
    s = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

void xgrow(void **p, size_t *cap, size_t n, size_t sz)
{
    size_t c;

    if (n <= *cap) {
        return;
    }
    c = *cap ? *cap : 16;
    while (c < n) {
        c *= 2;
    }
    *p = xrealloc(*p, c * sz);
    *cap = c;
}
