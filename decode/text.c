/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Character classes as decodetree.py sees them.  It reads files as
 * UTF-8 text and splits with Python's str.split()/strip(), so Unicode
 * whitespace separates tokens too; we follow that rather than isspace().
 */
#include "decode/text.h"

size_t dt_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t c, min;
    size_t len;

    if (n == 0) {
        return 0;
    }
    c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
        c &= 0x1f;
        min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        c &= 0x0f;
        min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        c &= 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < len) {
        return 0;
    }
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80) {
            return 0;
        }
        c = (c << 6) | (p[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
        return 0;
    }
    *cp = c;
    return len;
}

bool dt_is_space_cp(uint32_t c)
{
    switch (c) {
    case '\t': case '\n': case 0x0b: case 0x0c: case '\r':
    case 0x1c: case 0x1d: case 0x1e: case 0x1f: case ' ':
    case 0x85: case 0xa0: case 0x1680:
    case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000:
        return true;
    }
    return c >= 0x2000 && c <= 0x200a;
}

size_t dt_space_at(const char *s, size_t n)
{
    uint32_t c;
    size_t len;

    if (n && (unsigned char)s[0] < 0x80) {
        return dt_is_space_cp((unsigned char)s[0]) ? 1 : 0;
    }
    len = dt_utf8_decode(s, n, &c);
    return len && dt_is_space_cp(c) ? len : 0;
}

size_t dt_char_len(const char *s, size_t n)
{
    uint32_t c;
    size_t len = dt_utf8_decode(s, n, &c);
    return len ? len : 1;
}

bool dt_utf8_valid(const char *s, size_t n, size_t *bad)
{
    size_t i = 0;
    uint32_t c;

    while (i < n) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t len = dt_utf8_decode(s + i, n - i, &c);
        if (!len) {
            *bad = i;
            return false;
        }
        i += len;
    }
    return true;
}

void dt_quote_token(char *out, size_t outlen, const char *p, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;

    for (size_t i = 0; i < n && o + 8 < outlen; i++) {
        unsigned char c = p[i];
        if (i >= 60) {
            out[o++] = '.';
            out[o++] = '.';
            out[o++] = '.';
            break;
        }
        if (c >= 0x20 && c < 0x7f) {
            out[o++] = c;
        } else {
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        }
    }
    if (outlen) {
        out[o < outlen ? o : outlen - 1] = 0;
    }
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_word(char c)
{
    return is_alpha(c) || is_digit(c) || c == '_';
}

size_t dt_match_c_ident(const char *p, size_t n)
{
    size_t i;

    if (n == 0 || !is_alpha(p[0])) {
        return 0;
    }
    for (i = 1; i < n && is_word(p[i]); i++) {
        continue;
    }
    return i;
}

bool dt_is_word(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_word(p[i])) {
            return false;
        }
    }
    return true;
}

bool dt_is_digits(const char *p, size_t n)
{
    if (n == 0) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(p[i])) {
            return false;
        }
    }
    return true;
}

long dt_parse_count(const char *p, size_t n)
{
    long v = 0;

    for (size_t i = 0; i < n; i++) {
        v = v * 10 + (p[i] - '0');
        if (v > DT_COUNT_MAX) {
            v = DT_COUNT_MAX;
        }
    }
    return v;
}
