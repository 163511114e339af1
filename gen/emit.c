/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The code stream.  Bytes go through a fixed buffer to the code file, so
 * memory does not grow with the number of instructions; the offset ->
 * pattern table is streamed to a temporary file and appended to the
 * metadata at the end.  Only --format elf keeps per-instruction symbols
 * and mapping-symbol transitions in memory.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <string.h>

#include "gen/gen.h"
#include "format/image.h"

#define GEN_BUFSZ (1u << 16)

const GenTarget *gen_target(GenCtx *g)
{
    return &g->target;
}

Prng *gen_prng(GenCtx *g)
{
    return &g->prng;
}

unsigned *gen_arch_mode(GenCtx *g)
{
    return &g->arch_mode;
}

uint64_t gen_offset(GenCtx *g)
{
    return g->off;
}

void gen_put16(const GenTarget *t, uint8_t *p, uint16_t v)
{
    if (t->arch->big_endian) {
        p[0] = (uint8_t)(v >> 8);
        p[1] = (uint8_t)v;
    } else {
        p[0] = (uint8_t)v;
        p[1] = (uint8_t)(v >> 8);
    }
}

void gen_put32(const GenTarget *t, uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        int sh = t->arch->big_endian ? 24 - 8 * i : 8 * i;
        p[i] = (uint8_t)(v >> sh);
    }
}

void gen_put64(const GenTarget *t, uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        int sh = t->arch->big_endian ? 56 - 8 * i : 8 * i;
        p[i] = (uint8_t)(v >> sh);
    }
}

void gen_flush(GenCtx *g)
{
    if (g->code && g->nbuf) {
        if (g->code_limit && g->off > g->code_limit) {
            gen_fatal("the image grew past %" PRIu64 " bytes, the limit of "
                      "its format or of the runners; use a smaller -n",
                      g->code_limit);
        }
        if (fwrite(g->buf, 1, g->nbuf, g->code) != g->nbuf) {
            gen_fatal("writing %s: %s", g->code_name, strerror(errno));
        }
    }
    g->nbuf = 0;
}

static void put(GenCtx *g, const void *p, size_t n)
{
    if (g->code) {
        if (g->nbuf + n > GEN_BUFSZ) {
            gen_flush(g);
        }
        memcpy(g->buf + g->nbuf, p, n);
        g->nbuf += n;
    }
    g->off += n;
}

static void set_map(GenCtx *g, char kind)
{
    /* Only ARM has mapping symbols ($a/$t/$x code, $d data). */
    if (!g->keep_syms || !kind || kind == g->cur_map ||
        !g->target.arch->code_mapping) {
        return;
    }
    xgrow((void **)&g->maps, &g->capmaps, g->nmaps + 1, sizeof(*g->maps));
    g->maps[g->nmaps].off = g->off;
    g->maps[g->nmaps].kind = kind;
    g->nmaps++;
    g->cur_map = kind;
}

void gen_emit32(GenCtx *g, uint32_t word)
{
    uint8_t b[4];
    set_map(g, g->target.arch->code_mapping);
    if (g->dry) {
        fprintf(g->dry, "%8" PRIx64 ": %08" PRIx32 "  %s\n", g->off, word,
                g->label ? g->label : "");
    }
    gen_put32(&g->target, b, word);
    put(g, b, 4);
}

void gen_emit16(GenCtx *g, uint16_t half)
{
    uint8_t b[2];
    set_map(g, g->target.arch->code_mapping);
    if (g->dry) {
        fprintf(g->dry, "%8" PRIx64 ": %04x      %s\n", g->off, half,
                g->label ? g->label : "");
    }
    gen_put16(&g->target, b, half);
    put(g, b, 2);
}

void gen_emit_data(GenCtx *g, const void *data, size_t n)
{
    if (!n) {
        return;
    }
    set_map(g, 'd');
    if (g->dry) {
        fprintf(g->dry, "%8" PRIx64 ": <%zu data bytes>\n", g->off, n);
    }
    put(g, data, n);
}

void gen_align_data(GenCtx *g, unsigned align)
{
    static const uint8_t zero[64];
    size_t pad = (size_t)((align - g->off % align) % align);
    if (pad) {
        gen_emit_data(g, zero, pad);
    }
}

static void emit_trap(GenCtx *g, uint32_t word)
{
    if (g->target.arch->trap_bytes == 2) {
        gen_emit16(g, (uint16_t)word);
    } else {
        gen_emit32(g, word);
    }
}

void gen_checkpoint(GenCtx *g)
{
    const char *save = g->label;
    g->label = "CHECKPOINT";
    emit_trap(g, g->target.arch->trap_checkpoint);
    g->label = save;
    g->ncheckpoints++;
}

static const char *const op_names[RISU_OP_MAX] = {
    "COMPARE", "TESTEND", "SETMEM", "MEMOFF", "COMPAREMEM", "SETADDR",
    "MEMINIT", "CODEOFF", "SKIP",
};

void gen_optrap(GenCtx *g, int op, int reg, int32_t imm)
{
    uint8_t d[8];
    const char *save = g->label;
    char lab[64];

    if (g->dry) {
        snprintf(lab, sizeof(lab), "OPTRAP %s r%d %" PRId32,
                 op >= 0 && op < RISU_OP_MAX ? op_names[op] : "?", reg, imm);
        g->label = lab;
    }
    emit_trap(g, g->target.arch->trap_op);
    g->label = save;
    gen_put32(&g->target, d, (uint32_t)op | (uint32_t)reg << 8);
    gen_put32(&g->target, d + 4, (uint32_t)imm);
    /* The data words are not instructions: keep them out of the dry-run
     * listing (shown on the OPTRAP line) but mark them for ELF. */
    FILE *dry = g->dry;
    g->dry = NULL;
    gen_emit_data(g, d, 8);
    g->dry = dry;
}

uint64_t gen_skip_data(GenCtx *g, const void *data, size_t n)
{
    uint64_t at;

    if (n % g->target.arch->trap_bytes || n > INT32_MAX) {
        gen_fatal("internal error: %zu bytes of skipped data", n);
    }
    gen_optrap(g, RISU_OP_SKIP, 0, (int32_t)n);
    at = g->off;
    gen_emit_data(g, data, n);
    return at;
}

void gen_ctx_init(GenCtx *g, const GenOpts *o, GenPatterns *ps,
                  const GenTarget *t)
{
    memset(g, 0, sizeof(*g));
    g->target = *t;
    g->opts = o;
    g->ps = ps;
    prng_seed(&g->prng, o->seed);
    g->buf = xmalloc(GEN_BUFSZ);
    g->keep_syms = !o->dry_run && o->format == GEN_FMT_ELF;
}

static char *put_hex(char *p, uint64_t v)
{
    char tmp[16];
    int n = 0;
    do {
        tmp[n++] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    while (n) {
        *p++ = tmp[--n];
    }
    return p;
}

void gen_emit_test(GenCtx *g, const GenPat *gp, uint64_t w)
{
    const GenArch *a = g->target.arch;

    if (a->state_classes) {
        g->classes |= a->state_classes(&g->target, w, gp->width);
    }
    a->emit_insn(g, w, gp->width);
}

void gen_note_insn(GenCtx *g, const GenPat *gp, const char *name, int edge)
{
    if (g->table) {
        char line[320], *p = line;
        size_t n = strlen(name);
        if (n > 200) {
            n = 200;
        }
        p = put_hex(p, g->off);
        *p++ = ' ';
        memcpy(p, name, n);
        p += n;
        if (gp && gp->has_mem) {
            /* What the runner's report needs to name an access. */
            const DtMem *mem = &gp->p->annot.mem;
            p += sprintf(p, " mem=%d/%d", mem->size, mem->align);
        }
        /* join= (a branch) or slot= (after one), gen/branch.c */
        p += sprintf(p, "%s", g->note_attr);
        *p++ = '\n';
        if (fwrite(line, 1, (size_t)(p - line), g->table) !=
            (size_t)(p - line)) {
            gen_fatal("writing a temporary file: %s", strerror(errno));
        }
    }
    g->note_attr[0] = 0;
    g->ntable++;
    if (g->keep_syms) {
        xgrow((void **)&g->syms, &g->capsyms, g->nsyms + 1, sizeof(*g->syms));
        GenSym *s = &g->syms[g->nsyms++];
        s->off = g->off;
        s->pat = edge ? UINT32_MAX : (uint32_t)(gp - g->ps->pats);
        s->aux = (uint32_t)(gp - g->ps->pats);
        s->edge = (uint8_t)edge;
    }
}
