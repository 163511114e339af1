/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Checked allocation for the host programs (risugen, risu-trace,
 * risu-decode): a failure ends the program through the handler its
 * main() installed, so callers never test for NULL.
 */
#ifndef TOOLS_LIB_ALLOC_H
#define TOOLS_LIB_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow *p (holding *cap elements of size sz) to hold at least n. */
void xgrow(void **p, size_t *cap, size_t n, size_t sz);

/*
 * What to do when memory runs out: each program words its own message
 * and exit status (and may remove partial output).  The handler must
 * not return; by default "out of memory" is printed and the status is 1.
 */
void xalloc_set_failure(void (*fn)(void));

#endif
