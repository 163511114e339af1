/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Image metadata parser; see meta.h. */
#include "format/meta.h"

#include <string.h>

#include "format/image.h"
#include "format/trace-util.h"

/* More would not fit an image: it caps the count before any allocation. */
#define RISU_META_MAX_INSNS 100000000u

/* Length of the line at pos (up to the newline or the end). */
static uint32_t line_len(const RisuMeta *m, uint32_t pos)
{
    uint32_t e = pos;

    while (e < m->len && m->text[e] != '\n') {
        e++;
    }
    return e - pos;
}

static int has_char(const char *p, uint32_t n, char c)
{
    for (uint32_t i = 0; i < n; i++) {
        if (p[i] == c) {
            return 1;
        }
    }
    return 0;
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decimal in [1, max]. */
static int parse_dec(const char *p, uint32_t n, uint32_t max, uint32_t *out)
{
    uint32_t v = 0;

    if (!n || n > 6) {
        return -1;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return -1;
        }
        v = v * 10 + (uint32_t)(p[i] - '0');
    }
    if (!v || v > max) {
        return -1;
    }
    *out = v;
    return 0;
}

/* "mem=SIZE/ALIGN": the bytes the instruction accesses and the
 * alignment its pattern requires (a power of two). */
static int parse_mem_attr(const char *p, uint32_t n, RisuMetaInsn *in)
{
    uint32_t k = 0;

    while (k < n && p[k] != '/') {
        k++;
    }
    if (k == n || parse_dec(p, k, 65536, &in->mem_size) ||
        parse_dec(p + k + 1, n - k - 1, 65536, &in->mem_align) ||
        (in->mem_align & (in->mem_align - 1))) {
        return -1;
    }
    return 0;
}

/* 1 to 8 hex digits, the whole value. */
static int parse_hex_attr(const char *p, uint32_t n, uint32_t *out)
{
    uint32_t v = 0;

    if (!n || n > 8) {
        return -1;
    }
    for (uint32_t i = 0; i < n; i++) {
        int d = hex_digit(p[i]);

        if (d < 0) {
            return -1;
        }
        v = v << 4 | (uint32_t)d;
    }
    *out = v;
    return 0;
}

/* One " key=value" attribute; unknown keys are for later formats. */
static int parse_attr(const char *k, uint32_t klen, const char *v,
                      uint32_t vlen, RisuMetaInsn *in)
{
    if (klen == 3 && !memcmp(k, "mem", 3)) {
        return parse_mem_attr(v, vlen, in);
    }
    if (klen == 4 && !memcmp(k, "join", 4)) {
        in->has_join = 1;
        return parse_hex_attr(v, vlen, &in->join);
    }
    if (klen == 4 && !memcmp(k, "slot", 4)) {
        in->in_slot = 1;
        return parse_hex_attr(v, vlen, &in->slot_of);
    }
    return 0;
}

/*
 * 1 to 8 hex digits, a space, a non-empty name, then attributes
 * " key=value" (mem=, join=, slot= are understood; others are skipped).
 */
static int parse_insn(const char *p, uint32_t n, RisuMetaInsn *in)
{
    uint32_t v = 0, i = 0, e;

    for (; i < n && p[i] != ' '; i++) {
        int d = hex_digit(p[i]);

        if (d < 0 || i >= 8) {
            return -1;
        }
        v = v << 4 | (uint32_t)d;
    }
    if (i == 0 || i + 1 >= n || p[i + 1] == ' ') {
        return -1;
    }
    in->off = v;
    in->name = p + i + 1;
    for (e = i + 1; e < n && p[e] != ' '; e++) {
    }
    in->nlen = e - i - 1;
    in->mem_size = in->mem_align = 0;
    in->join = in->slot_of = 0;
    in->has_join = in->in_slot = 0;
    while (e < n) {
        uint32_t s = ++e, eq = 0;

        for (; e < n && p[e] != ' '; e++) {
            if (p[e] == '=' && !eq) {
                eq = e;
            }
        }
        if (!eq || eq == s) {
            return -1;
        }
        if (parse_attr(p + s, eq - s, p + eq + 1, e - eq - 1, in)) {
            return -1;
        }
    }
    return 0;
}

static int parse_count(const char *p, uint32_t n, uint32_t *out)
{
    uint64_t v = 0;

    if (!n) {
        return -1;
    }
    for (uint32_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return -1;
        }
        v = v * 10 + (uint64_t)(p[i] - '0');
        if (v > RISU_META_MAX_INSNS) {
            return -1;
        }
    }
    *out = (uint32_t)v;
    return 0;
}

static int fail(char *err, size_t errlen, uint32_t line, const char *what,
                const char *quote, uint32_t qlen)
{
    RisuFmt f;

    risu_fmt_init(&f, err, errlen);
    risu_fmt_str(&f, "metadata ");
    if (line) {
        risu_fmt_str(&f, "line ");
        risu_fmt_u64(&f, line);
        risu_fmt_str(&f, ": ");
    }
    risu_fmt_str(&f, what);
    if (quote) {
        risu_fmt_str(&f, " '");
        for (uint32_t i = 0; i < qlen && i < 40; i++) {
            risu_fmt_char(&f, quote[i]);
        }
        risu_fmt_char(&f, '\'');
    }
    return -1;
}

/* The instruction lines from m->table on: exactly m->ninsns of them. */
static int check_table(RisuMeta *m, char *err, size_t errlen)
{
    uint32_t pos = m->table, line = m->table_line, got = 0, prev = 0;

    while (pos < m->len) {
        uint32_t n = line_len(m, pos);
        RisuMetaInsn in;

        if (!n && pos + n == m->len) {
            break;
        }
        if (got >= m->ninsns) {
            return fail(err, errlen, line, "more instruction lines than "
                        "insns=", NULL, 0);
        }
        if (parse_insn(m->text + pos, n, &in)) {
            return fail(err, errlen, line, "bad instruction line",
                        m->text + pos, n);
        }
        if (got && in.off <= prev) {
            m->sorted = 0;
        }
        prev = in.off;
        got++;
        line++;
        pos += n + 1;
    }
    if (got != m->ninsns) {
        RisuFmt f;

        risu_fmt_init(&f, err, errlen);
        risu_fmt_str(&f, "metadata: insns=");
        risu_fmt_u64(&f, m->ninsns);
        risu_fmt_str(&f, " but ");
        risu_fmt_u64(&f, got);
        risu_fmt_str(&f, " instruction lines follow (cut?)");
        return -1;
    }
    return 0;
}

int risu_meta_parse(RisuMeta *m, const char *text, uint32_t len, char *err,
                    size_t errlen)
{
    uint32_t pos = 0, line = 0;

    memset(m, 0, sizeof(*m));
    m->text = text;
    m->len = len;
    m->sorted = 1;
    if (has_char(text, len, 0)) {
        return fail(err, errlen, 0, "contains a NUL byte", NULL, 0);
    }
    while (pos < len) {
        uint32_t n = line_len(m, pos);
        const char *p = text + pos;

        line++;
        if (n && !has_char(p, n, '=')) {
            return fail(err, errlen, line, "not key=value:", p, n);
        }
        if (n >= 6 && !memcmp(p, "insns=", 6)) {
            if (parse_count(p + 6, n - 6, &m->ninsns)) {
                return fail(err, errlen, line, "bad insns= line", NULL, 0);
            }
            m->key_end = pos;
            m->table = pos + n + (pos + n < len);
            m->table_line = line + 1;
            return check_table(m, err, errlen);
        }
        pos += n + 1;
    }
    m->key_end = m->table = len;
    return 0;
}

int risu_meta_next_key(const RisuMeta *m, uint32_t *pos, const char **line,
                       uint32_t *n)
{
    while (*pos < m->key_end) {
        uint32_t p = *pos, l = line_len(m, p);

        *pos = p + l + 1;
        if (l) {
            *line = m->text + p;
            *n = l;
            return 1;
        }
    }
    return 0;
}

int risu_meta_value(const RisuMeta *m, const char *key, const char **val,
                    uint32_t *vlen)
{
    uint32_t pos = 0, n, k = (uint32_t)strlen(key);
    const char *line;

    while (risu_meta_next_key(m, &pos, &line, &n)) {
        if (n > k && !memcmp(line, key, k) && line[k] == '=') {
            *val = line + k + 1;
            *vlen = n - k - 1;
            return 1;
        }
    }
    return 0;
}

int risu_meta_next_insn_ex(const RisuMeta *m, uint32_t *pos,
                           RisuMetaInsn *in)
{
    uint32_t p = *pos ? *pos : m->table, n;

    if (!m->ninsns || p >= m->len) {
        return 0;
    }
    n = line_len(m, p);
    if (!n || parse_insn(m->text + p, n, in)) {
        return 0;
    }
    *pos = p + n + 1;
    return 1;
}

int risu_meta_next_insn(const RisuMeta *m, uint32_t *pos, uint32_t *off,
                        const char **name, uint32_t *nlen)
{
    RisuMetaInsn in;

    if (!risu_meta_next_insn_ex(m, pos, &in)) {
        return 0;
    }
    *off = in.off;
    *name = in.name;
    *nlen = in.nlen;
    return 1;
}

void risu_image_digest(const uint8_t *code, uint32_t code_len,
                       const char *meta, uint32_t meta_len, int has_meta,
                       uint8_t out[32])
{
    RisuSha256 s;
    uint8_t tr[RISU_META_TRAILER];

    risu_sha256_init(&s);
    risu_sha256_update(&s, code, code_len);
    if (has_meta) {
        memcpy(tr, RISU_META_MAGIC, 8);
        for (int i = 0; i < 4; i++) {
            tr[8 + i] = (uint8_t)(meta_len >> (8 * i));
            tr[12 + i] = (uint8_t)(code_len >> (8 * i));
        }
        risu_sha256_update(&s, meta, meta_len);
        risu_sha256_update(&s, tr, sizeof(tr));
    }
    risu_sha256_final(&s, out);
}
