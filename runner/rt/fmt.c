/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Minimal printf family for the runner's messages and reports.  64-bit
 * division goes through rt_udivmod10 so 32-bit targets need no libgcc
 * (there is none for big-endian mips64 built with the mips64el compiler).
 */
#include "runner/rt/rt.h"

/*
 * With fd >= 0 the buffer is a window: when full it is written to fd and
 * reused, so rt_dprintf has no length limit (its help text is over 1 KiB).
 * len counts every byte produced; pos is the fill of the window.
 */
typedef struct Out {
    char *buf;
    size_t size;
    size_t len;
    int fd;
    size_t pos;
} Out;

static void put(Out *o, char c)
{
    if (o->fd >= 0) {
        if (o->pos == o->size) {
            rt_write_all(o->fd, o->buf, o->pos);
            o->pos = 0;
        }
        o->buf[o->pos++] = c;
    } else if (o->len + 1 < o->size) {
        o->buf[o->len] = c;
    }
    o->len++;
}

/* v / 10 by shifts, remainder in *rem. */
static uint64_t udivmod10(uint64_t v, unsigned *rem)
{
    uint64_t q = (v >> 1) + (v >> 2);
    uint64_t r;

    q += q >> 4;
    q += q >> 8;
    q += q >> 16;
    q += q >> 32;
    q >>= 3;
    r = v - q * 10;
    while (r >= 10) {
        q++;
        r -= 10;
    }
    *rem = (unsigned)r;
    return q;
}

static void put_num(Out *o, uint64_t v, int base, int upper, int neg,
                    int width, int zero, int left)
{
    char tmp[24];
    int n = 0, len;
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";

    do {
        if (base == 16) {
            tmp[n++] = digits[v & 15];
            v >>= 4;
        } else {
            unsigned r;
            v = udivmod10(v, &r);
            tmp[n++] = digits[r];
        }
    } while (v);
    len = n + neg;
    if (neg && zero) {
        put(o, '-');
    }
    if (!left) {
        for (; width > len; width--) {
            put(o, zero ? '0' : ' ');
        }
    }
    if (neg && !zero) {
        put(o, '-');
    }
    while (n) {
        put(o, tmp[--n]);
    }
    for (; left && width > len; width--) {
        put(o, ' ');
    }
}

/* One conversion's flags, width, precision and length modifier. */
typedef struct Spec {
    int width, prec, zero, left, lng;
} Spec;

/* The part of a conversion between '%' and its letter; returns the letter. */
static const char *parse_spec(const char *fmt, Spec *sp, va_list *ap)
{
    for (;; fmt++) {
        if (*fmt == '0') {
            sp->zero = 1;
        } else if (*fmt == '-') {
            sp->left = 1;
        } else {
            break;
        }
    }
    if (*fmt == '*') {
        sp->width = va_arg(*ap, int);
        fmt++;
    }
    while (*fmt >= '0' && *fmt <= '9') {
        sp->width = sp->width * 10 + (*fmt++ - '0');
    }
    if (*fmt == '.') {
        fmt++;
        sp->prec = 0;
        if (*fmt == '*') {
            sp->prec = va_arg(*ap, int);
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9') {
            sp->prec = sp->prec * 10 + (*fmt++ - '0');
        }
    }
    while (*fmt == 'l' || *fmt == 'z') {
        sp->lng += *fmt == 'z' ? (sizeof(size_t) == 8 ? 2 : 1) : 1;
        fmt++;
    }
    return fmt;
}

static void put_str(Out *o, const char *s, Spec *sp)
{
    int n;

    if (!s) {
        s = "(null)";
    }
    n = strlen(s);
    if (sp->prec >= 0 && n > sp->prec) {
        n = sp->prec;
    }
    for (; !sp->left && sp->width > n; sp->width--) {
        put(o, ' ');
    }
    for (int i = 0; i < n; i++) {
        put(o, s[i]);
    }
    for (; sp->left && sp->width > n; sp->width--) {
        put(o, ' ');
    }
}

/* Convert at the letter fmt; returns where the next character is read. */
static const char *convert(Out *o, const char *fmt, Spec *sp, va_list *ap)
{
    uint64_t v;
    int64_t sv;

    switch (*fmt) {
    case 'd':
    case 'i':
        sv = sp->lng >= 2 ? va_arg(*ap, long long)
             : sp->lng ? va_arg(*ap, long) : va_arg(*ap, int);
        v = sv < 0 ? -(uint64_t)sv : (uint64_t)sv;
        put_num(o, v, 10, 0, sv < 0, sp->width, sp->zero, sp->left);
        break;
    case 'u':
    case 'x':
    case 'X':
        v = sp->lng >= 2 ? va_arg(*ap, unsigned long long)
            : sp->lng ? va_arg(*ap, unsigned long) : va_arg(*ap, unsigned);
        put_num(o, v, *fmt == 'u' ? 10 : 16, *fmt == 'X', 0,
                sp->width, sp->zero, sp->left);
        break;
    case 'p':
        put(o, '0');
        put(o, 'x');
        put_num(o, (uintptr_t)va_arg(*ap, void *), 16, 0, 0, 0, 0, 0);
        break;
    case 'c':
        put(o, (char)va_arg(*ap, int));
        break;
    case 's':
        put_str(o, va_arg(*ap, const char *), sp);
        break;
    case '%':
        put(o, '%');
        break;
    default:
        put(o, '%');
        if (*fmt) {
            put(o, *fmt);
        } else {
            fmt--;
        }
        break;
    }
    return fmt;
}

static void format(Out *o, const char *fmt, va_list ap)
{
    va_list aq;

    /* The helpers take the list by address: a copy has a known type. */
    va_copy(aq, ap);
    for (; *fmt; fmt++) {
        Spec sp = { .prec = -1 };

        if (*fmt != '%') {
            put(o, *fmt);
            continue;
        }
        fmt = parse_spec(fmt + 1, &sp, &aq);
        fmt = convert(o, fmt, &sp, &aq);
    }
    va_end(aq);
}

int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    Out o = { buf, size, 0, -1, 0 };

    format(&o, fmt, ap);
    if (size) {
        buf[o.len < size ? o.len : size - 1] = 0;
    }
    return (int)o.len;
}

int rt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = rt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int rt_dprintf(int fd, const char *fmt, ...)
{
    char buf[1024];
    Out o = { buf, sizeof(buf), 0, fd, 0 };
    va_list ap;

    va_start(ap, fmt);
    format(&o, fmt, ap);
    va_end(ap);
    rt_write_all(fd, buf, o.pos);
    return (int)o.len;
}

int rt_parse_u64(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    int base = 10;

    if (!s || !*s) {
        return -1;
    }
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
        if (!*s) {
            return -1;
        }
    }
    for (; *s; s++) {
        unsigned d;
        if (*s >= '0' && *s <= '9') {
            d = *s - '0';
        } else if (base == 16 && *s >= 'a' && *s <= 'f') {
            d = *s - 'a' + 10;
        } else if (base == 16 && *s >= 'A' && *s <= 'F') {
            d = *s - 'A' + 10;
        } else {
            return -1;
        }
        if (d >= (unsigned)base) {
            return -1;
        }
        if (base == 16 ? (v >> 60) != 0 : v > (UINT64_MAX - d) / 10) {
            return -1;
        }
        v = base == 16 ? (v << 4) | d : v * 10 + d;
    }
    *out = v;
    return 0;
}
