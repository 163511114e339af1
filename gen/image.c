/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Metadata blob and raw images (docs/image-format.md):
 *   [code][meta blob]["RISUMETA" u32 meta_len u32 code_len]
 * The blob is text; nothing in it depends on the host (no time, no
 * paths beyond base names, no locale: numbers are formatted by hand or
 * with the C locale, which risugen never changes).
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "gen/gen.h"
#include "format/image.h"
#include "arch/archtab.h"

static void wr(FILE *f, const void *p, size_t n, uint64_t *len,
               const char *name)
{
    if (n && fwrite(p, 1, n, f) != n) {
        gen_fatal("writing %s: %s", name, strerror(errno));
    }
    *len += n;
}

/*
 * classes=: the state classes the image's test words can change, by the
 * names of the runner's register layout (the registry entry's), so the
 * runner captures only those between full checkpoints.
 */
static void put_classes(StrBuf *b, const GenCtx *g)
{
    const RisuArchDesc *regs = NULL;
    const char *sep = "";

    if (!g->target.arch->state_classes) {
        return;
    }
    for (const ArchEntry *e = arch_table; e->name; e++) {
        if (e->gen == g->target.arch) {
            regs = e->regs;
        }
    }
    if (!regs || !regs->class_names) {
        gen_fatal("arch %s has state_classes but its register layout "
                  "names no classes", g->target.arch->name);
    }
    sb_printf(b, "classes=");
    for (int c = 0; regs->class_names[c]; c++) {
        if (g->classes & (1u << c)) {
            sb_printf(b, "%s%s", sep, regs->class_names[c]);
            sep = ",";
        }
    }
    sb_printf(b, "\n");
}

void gen_write_meta(GenCtx *g, FILE *f, uint64_t *len, const char *name)
{
    const GenTarget *t = &g->target;
    const GenOpts *o = g->opts;
    StrBuf b = { 0 };
    char *feat = gen_feature_string(t);
    char *opts = gen_canonical_options(o);

    *len = 0;
    sb_printf(&b, "format=1\narch=%s\nendian=%s\ngenerator=%s\n",
              t->arch->name, t->arch->big_endian ? "big" : "little",
              GEN_VERSION);
    sb_printf(&b, "seed=%" PRIu64 "\noptions=%s\nfeatures=%s\n", o->seed,
              opts, feat);
    if (t->cpu) {
        sb_printf(&b, "cpu=%s\n", t->cpu->name);
    }
    sb_printf(&b, "memblock=%u\n", RISU_MEMBLOCK_SIZE);
    put_classes(&b, g);
    for (size_t i = 0; i < g->ps->ndigests; i++) {
        sb_printf(&b, "pattern-file=%s\n", g->ps->digests[i]);
    }
    sb_printf(&b, "insns=%" PRIu64 "\n", g->ntable);
    wr(f, b.s, b.len, len, name);
    sb_free(&b);
    free(feat);
    free(opts);

    /* The streamed offset -> pattern table. */
    if (fflush(g->table) || fseek(g->table, 0, SEEK_SET)) {
        gen_fatal("reading back the metadata table: %s", strerror(errno));
    }
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), g->table)) > 0) {
        wr(f, buf, n, len, name);
    }
    if (ferror(g->table)) {
        gen_fatal("reading back the metadata table: %s", strerror(errno));
    }
}

static void put_le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
    }
}

void gen_finish_raw(GenCtx *g, FILE *out)
{
    uint64_t meta_len;
    uint8_t tr[RISU_META_TRAILER];

    gen_flush(g);
    if (g->off > UINT32_MAX) {
        gen_fatal("image of %" PRIu64 " bytes is too large for the raw "
                  "format's 32-bit code length", g->off);
    }
    gen_write_meta(g, out, &meta_len, g->opts->out);
    if (g->off + meta_len + RISU_META_TRAILER > RISU_IMAGE_MAX) {
        gen_fatal("the image of %" PRIu64 " bytes is larger than the %u MiB "
                  "a runner loads; use a smaller -n",
                  g->off + meta_len + RISU_META_TRAILER, RISU_IMAGE_MAX >> 20);
    }
    memcpy(tr, RISU_META_MAGIC, 8);
    put_le32(tr + 8, (uint32_t)meta_len);
    put_le32(tr + 12, (uint32_t)g->off);
    if (fwrite(tr, 1, sizeof(tr), out) != sizeof(tr)) {
        gen_fatal("writing %s: %s", g->opts->out, strerror(errno));
    }
}
