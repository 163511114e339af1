/*
 * Small helpers shared by the generator: allocation that cannot fail
 * silently, a growable string, error reporting, "did you mean" lookup.
 */
#ifndef GEN_UTIL_H
#define GEN_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Exit status for usage and input errors (unknown arch, bad pattern...). */
#define GEN_EXIT_USAGE 2

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow *p (holding *cap elements of size sz) to hold at least n. */
void xgrow(void **p, size_t *cap, size_t n, size_t sz);

typedef struct StrBuf {
    char *s;
    size_t len, cap;
} StrBuf;

void sb_putc(StrBuf *b, char c);
void sb_puts(StrBuf *b, const char *s);
void sb_printf(StrBuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_free(StrBuf *b);

/*
 * Cleanup hook run before an error exit (removes the temporary output
 * file so no partial image is left behind).
 */
void gen_set_cleanup(void (*fn)(void));
/* "risugen: error: ..." on stderr, cleanup, exit(GEN_EXIT_USAGE). */
void gen_fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));
/* Same, exit status given (1 for I/O and internal failures). */
void gen_fatal_status(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));
void gen_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Edit distance, case-insensitive (used to suggest the nearest name). */
int gen_edit_distance(const char *a, const char *b);
/*
 * Append ", did you mean 'X', 'Y'?"-style suggestions: the up to three
 * candidates nearest to `want` (ties in candidate order), or nothing if
 * there are no candidates.  Returns b->s.
 */
const char *gen_suggest(StrBuf *b, const char *want,
                        const char *const *cands, size_t n);

/* Read a whole file; NULL (errno set) on failure.  Adds a NUL. */
char *gen_read_file(const char *path, size_t *len);

/* Portable case-insensitive ASCII compare (locale independent). */
int gen_strcasecmp(const char *a, const char *b);
char gen_tolower(char c);

#endif
