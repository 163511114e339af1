/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A growable NUL-terminated string for the host programs. */
#ifndef TOOLS_LIB_STRBUF_H
#define TOOLS_LIB_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct StrBuf {
    char *s;            /* NULL until something is added */
    size_t len, cap;
} StrBuf;

void sb_putc(StrBuf *b, char c);
void sb_puts(StrBuf *b, const char *s);
void sb_putn(StrBuf *b, const char *s, size_t n);
void sb_printf(StrBuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_vprintf(StrBuf *b, const char *fmt, va_list ap);
/* Return the string (never NULL) and reset b; the caller frees it. */
char *sb_take(StrBuf *b);
void sb_free(StrBuf *b);

#endif
