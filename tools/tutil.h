/*
 * Small host helpers shared by the risu-trace subcommands: checked
 * allocation, a growable string, whole-file I/O, shell quoting and
 * command templates.  Host only (uses stdio and malloc).
 */
#ifndef TOOLS_TUTIL_H
#define TOOLS_TUTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit statuses of every subcommand (diff: 1 = the traces differ). */
enum { RT_OK = 0, RT_DIFFER = 1, RT_ERROR = 2 };

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Growable NUL-terminated string. */
typedef struct Sb {
    char *s;
    size_t len, cap;
} Sb;

void sb_putc(Sb *b, char c);
void sb_puts(Sb *b, const char *s);
void sb_putn(Sb *b, const char *s, size_t n);
void sb_printf(Sb *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_vprintf(Sb *b, const char *fmt, va_list ap);
/* Return the string (never NULL) and reset b; the caller frees it. */
char *sb_take(Sb *b);
void sb_free(Sb *b);

/*
 * Read a whole file.  Returns 0, or -1 with "PATH: reason" in err.  The
 * buffer gets one extra NUL byte (not counted in *len).
 */
int read_file(const char *path, uint8_t **buf, size_t *len, char *err,
              size_t errlen);
/* Write via a temporary file and rename, so a failure leaves no half file. */
int write_file(const char *path, const void *buf, size_t len, char *err,
               size_t errlen);

/* Lower-case hex of n bytes into out (2n+1 bytes). */
void hex_bytes(char *out, const uint8_t *p, size_t n);

/* Quote one word for POSIX sh ('...' with '\'' for quotes). */
char *sh_quote(const char *s);
/*
 * Expand {image}, {trace} (and {{ / }} for literal braces) in a command
 * template, each value shell-quoted.  Unknown {names} are kept as they
 * are, so that shell constructs such as ${VAR} survive.
 */
char *expand_template(const char *tmpl, const char *image, const char *trace);

/* Base name of a path (pointer into it). */
const char *path_base(const char *path);
/* Directory part of a path (allocated; "." when there is none). */
char *path_dir(const char *path);
bool file_exists(const char *path);

/* "risu-trace: " prefixed message on stderr. */
void rt_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void rt_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Set by --quiet style options: suppress warnings. */
extern bool rt_quiet;

#endif
