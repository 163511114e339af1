/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * <string.h> for the freestanding runner: the portable trace code
 * includes it, and the distro's libc header cannot be used (glibc has no
 * headers for the NaN2008 o32 flavours, and we link no libc anyway).
 * The functions live in runner/rt/string.c.
 */
#ifndef RISU_RT_STRING_H
#define RISU_RT_STRING_H

#include <stddef.h>

void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);

#endif
