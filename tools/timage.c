/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Host image reader and raw image writer (see timage.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "format/image.h"
#include "format/meta.h"
#include "format/trace.h"
#include "tools/timage.h"
#include "tools/tutil.h"

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static const char *kv(TImage *img, const char *key)
{
    size_t n = strlen(key);

    for (int i = 0; i < img->nklines; i++) {
        if (!strncmp(img->klines[i], key, n) && img->klines[i][n] == '=') {
            return img->klines[i] + n + 1;
        }
    }
    return "";
}

/* The instruction table, which the host tools need in ascending order. */
static int load_table(TImage *img, const RisuMeta *m, char *err,
                      size_t errlen)
{
    uint32_t pos = 0, off, nlen, got = 0;
    const char *name;

    img->insn_off = xcalloc(m->ninsns + 1, sizeof(uint32_t));
    img->insn_name = xcalloc(m->ninsns + 1, sizeof(char *));
    img->insn_text = xcalloc(m->ninsns + 1, sizeof(char *));
    while (risu_meta_next_insn(m, &pos, &off, &name, &nlen)) {
        if (got && off <= img->insn_off[got - 1]) {
            snprintf(err, errlen, "metadata line %u: offset 0x%x not "
                     "above the previous 0x%x", m->table_line + got, off,
                     img->insn_off[got - 1]);
            return -1;
        }
        img->insn_off[got] = off;
        img->insn_name[got] = xstrndup(name, nlen);
        /* The attributes run to the end of the line. */
        while (name + nlen < m->text + m->len && name[nlen] != '\n') {
            nlen++;
        }
        img->insn_text[got] = xstrndup(name, nlen);
        img->ninsns = ++got;    /* so that timg_free frees them on error */
    }
    return 0;
}

int timg_parse_meta(TImage *img, const char *blob, size_t len, char *err,
                    size_t errlen)
{
    RisuMeta m;
    uint32_t pos = 0, n;
    const char *line;

    img->meta = xstrndup(blob, len);
    img->meta_len = len;
    img->has_meta = true;
    if (len > UINT32_MAX) {
        snprintf(err, errlen, "metadata larger than 4 GiB");
        return -1;
    }
    if (risu_meta_parse(&m, blob, (uint32_t)len, err, errlen) ||
        load_table(img, &m, err, errlen)) {
        return -1;
    }
    while (risu_meta_next_key(&m, &pos, &line, &n)) {
        img->klines = xrealloc(img->klines, (size_t)(img->nklines + 1)
                               * sizeof(char *));
        img->klines[img->nklines++] = xstrndup(line, n);
    }
    img->arch = kv(img, "arch");
    img->endian = kv(img, "endian");
    img->features = kv(img, "features");
    img->seed = kv(img, "seed");
    img->options = kv(img, "options");
    img->cpu = kv(img, "cpu");
    img->generator = kv(img, "generator");
    for (int i = 0; i < img->nklines; i++) {
        const char *l = img->klines[i];
        const char *sp;
        TImgPatFile *pf;

        if (strncmp(l, "pattern-file=", 13)) {
            continue;
        }
        sp = strrchr(l, ' ');
        if (!sp || strlen(sp + 1) != 64) {
            snprintf(err, errlen, "metadata: bad pattern-file line '%.60s'",
                     l);
            return -1;
        }
        img->pfiles = xrealloc(img->pfiles, (size_t)(img->npfiles + 1) *
                               sizeof(*img->pfiles));
        pf = &img->pfiles[img->npfiles++];
        pf->name = xstrndup(l + 13, (size_t)(sp - l - 13));
        memcpy(pf->sha, sp + 1, 65);
    }
    if (*img->arch) {
        const ArchEntry *e = arch_find(img->arch);

        img->arch_known = e != NULL;
        img->ta = e ? e->host
                    : arch_host_unknown(!strcmp(img->endian, "big"));
    }
    return 0;
}

/* The digest of the raw twin (format/meta.h), as the runner has it. */
static void set_digest(TImage *img, int nload)
{
    if (nload > 1) {
        risu_sha256(img->file, img->file_len, img->digest);
    } else {
        risu_image_digest(img->code, img->code_len, img->meta,
                          (uint32_t)img->meta_len, img->has_meta,
                          img->digest);
    }
}

static int timg_check_table(const TImage *img, char *err, size_t errlen)
{
    if (img->ninsns && img->insn_off[img->ninsns - 1] >= img->code_len) {
        snprintf(err, errlen, "%s: instruction table offset 0x%x is beyond "
                 "the code (%u bytes)", img->path,
                 img->insn_off[img->ninsns - 1], img->code_len);
        return -1;
    }
    return 0;
}

int timg_load(TImage *img, const char *path, char *err, size_t errlen)
{
    char why[256];

    memset(img, 0, sizeof(*img));
    img->path = xstrdup(path);
    img->arch = img->endian = img->features = img->seed = "";
    img->options = img->cpu = img->generator = "";
    img->file = read_file(path, READ_MAX_IMAGE, &img->file_len, err, errlen);
    if (!img->file) {
        return -1;
    }
    if (img->file_len > UINT32_MAX) {
        snprintf(err, errlen, "%s: image larger than 4 GiB", path);
        return -1;
    }
    if (img->file_len >= 8 && !memcmp(img->file, "RISUTRC\n", 8)) {
        snprintf(err, errlen, "%s is a trace, not an image", path);
        return -1;
    }
    if (img->file_len >= 4 && !memcmp(img->file, "\177ELF", 4)) {
        int nload = 0;

        img->is_elf = true;
        if (timg_load_elf(img, &nload, err, errlen)) {
            return -1;
        }
        set_digest(img, nload);
        return timg_check_table(img, err, errlen);
    }
    img->code = img->file;
    img->code_len = (uint32_t)img->file_len;
    if (img->file_len >= RISU_META_TRAILER &&
        !memcmp(img->file + img->file_len - RISU_META_TRAILER,
                RISU_META_MAGIC, 8)) {
        const uint8_t *t = img->file + img->file_len - RISU_META_TRAILER;
        uint32_t meta_len = le32(t + 8), code_len = le32(t + 12);

        if ((uint64_t)code_len + meta_len + RISU_META_TRAILER !=
            img->file_len) {
            snprintf(err, errlen, "%s: offset %zu: metadata trailer says "
                     "code %u + metadata %u bytes, but the file has %zu "
                     "(cut or appended to?)", path,
                     img->file_len - RISU_META_TRAILER, code_len, meta_len,
                     img->file_len);
            return -1;
        }
        img->code_len = code_len;
        if (timg_parse_meta(img, (const char *)img->file + code_len,
                            meta_len, why, sizeof(why))) {
            snprintf(err, errlen, "%s: metadata at offset %u: %s", path,
                     code_len, why);
            return -1;
        }
    }
    set_digest(img, 0);
    return timg_check_table(img, err, errlen);
}

void timg_free(TImage *img)
{
    free(img->path);
    free(img->file);
    free(img->meta);
    for (int i = 0; i < img->nklines; i++) {
        free(img->klines[i]);
    }
    free(img->klines);
    for (int i = 0; i < img->npfiles; i++) {
        free(img->pfiles[i].name);
    }
    free(img->pfiles);
    for (uint32_t i = 0; i < img->ninsns; i++) {
        free(img->insn_name[i]);
        free(img->insn_text[i]);
    }
    free(img->insn_off);
    free(img->insn_name);
    free(img->insn_text);
    memset(img, 0, sizeof(*img));
}

long timg_index_before(const TImage *img, uint32_t off)
{
    uint32_t lo = 0, hi = img->ninsns;

    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;

        if (img->insn_off[mid] < off) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return (long)lo - 1;
}

const char *timg_pattern(const TImage *img, uint32_t off)
{
    long i = timg_index_before(img, off) + 1;

    return (uint32_t)i < img->ninsns && img->insn_off[i] == off ?
           img->insn_name[i] : NULL;
}

bool timg_has_feature(const TImage *img, const char *name)
{
    size_t n = strlen(name);
    const char *p = img->features;

    while (*p) {
        size_t k = strcspn(p, ", ");

        if (k == n && !strncmp(p, name, n)) {
            return true;
        }
        p += k;
        p += strspn(p, ", ");
    }
    return false;
}

char *timg_meta_build(const TImage *img, const char *const *drop_keys,
                      const char *extra, const uint32_t *off,
                      char *const *names, uint32_t n)
{
    Sb b = { 0 };

    for (int i = 0; i < img->nklines; i++) {
        bool drop = false;

        for (int k = 0; drop_keys && drop_keys[k]; k++) {
            size_t kl = strlen(drop_keys[k]);

            drop |= !strncmp(img->klines[i], drop_keys[k], kl) &&
                    img->klines[i][kl] == '=';
        }
        if (!drop) {
            sb_printf(&b, "%s\n", img->klines[i]);
        }
    }
    if (extra) {
        sb_puts(&b, extra);
    }
    sb_printf(&b, "insns=%u\n", n);
    for (uint32_t i = 0; i < n; i++) {
        sb_printf(&b, "%x %s\n", off[i], names[i]);
    }
    return sb_take(&b);
}

int timg_write_raw(const char *path, const uint8_t *code, uint32_t code_len,
                   const char *meta, char *err, size_t errlen)
{
    size_t ml = meta ? strlen(meta) : 0;
    size_t total = code_len + ml + (meta ? RISU_META_TRAILER : 0);
    uint8_t *buf = xmalloc(total);
    int rc;

    memcpy(buf, code, code_len);
    if (meta) {
        uint8_t *t = buf + code_len + ml;

        memcpy(buf + code_len, meta, ml);
        memcpy(t, RISU_META_MAGIC, 8);
        for (int i = 0; i < 4; i++) {
            t[8 + i] = (uint8_t)(ml >> (8 * i));
            t[12 + i] = (uint8_t)(code_len >> (8 * i));
        }
    }
    rc = write_file(path, buf, total, err, errlen);
    free(buf);
    return rc;
}

const char *image_op_name(unsigned op)
{
    static const char *const names[] = { "COMPARE", "TESTEND", "SETMEM",
                                         "MEMOFF", "COMPAREMEM", "SETADDR",
                                         "MEMINIT", "CODEOFF", "SKIP" };

    _Static_assert(sizeof(names) / sizeof(names[0]) == RISU_OP_MAX,
                   "a name for every image op");

    if (op == RISU_OP_ESCAPE) {
        return "ESCAPE";
    }
    if (op == RISU_OP_WATCHDOG) {
        return "WATCHDOG";
    }
    return op < RISU_OP_MAX ? names[op] : "OP?";
}
