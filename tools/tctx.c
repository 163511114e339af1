/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Instruction explanation context (see tctx.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "format/image.h"
#include "tools/edgename.h"
#include "tools/tctx.h"
#include "tools/tutil.h"

void tctx_add_patdir(TCtx *c, char *dir)
{
    c->patdirs = xrealloc(c->patdirs, (size_t)(c->npatdirs + 1) *
                          sizeof(char *));
    c->patdirs[c->npatdirs++] = dir;
}

int tctx_load_image(TCtx *c, const char *path, char *err, size_t errlen)
{
    if (timg_load(&c->img, path, err, errlen)) {
        timg_free(&c->img);
        return -1;
    }
    c->have_img = true;
    if (c->img.has_meta && !c->img.arch_known) {
        rt_warn("%s: unknown arch '%s' in the metadata", path, c->img.arch);
    }
    if (c->img.arch_known) {
        c->ta = c->img.ta;
        c->ta_known = true;
        c->have_ps = ps_load(&c->ps, &c->img, c->patdirs, c->npatdirs);
    } else if (!c->img.has_meta) {
        rt_warn("%s has no metadata: no pattern names, and the "
                "architecture comes from the trace", path);
    }
    return 0;
}

int tctx_settle(TCtx *c, const TraceIn *t, char *err, size_t errlen)
{
    if (t) {
        if (c->have_img) {
            char a[65], b[65];

            if (memcmp(c->img.digest, t->h.image_digest, 32)) {
                hex_bytes(a, t->h.image_digest, 32);
                hex_bytes(b, c->img.digest, 32);
                snprintf(err, errlen, "%s was recorded from another image "
                         "than %s (trace: image SHA-256 %.16s.., image "
                         "file: %.16s..)", t->path, c->img.path, a, b);
                return -1;
            }
        }
        if (c->ta_known && (c->ta->trace_arch_id != t->h.arch_id ||
                            c->ta->big_endian != !!t->h.big_endian)) {
            snprintf(err, errlen, "image %s is for %s (%s-endian) but trace "
                     "%s holds %s %s-endian state", c->img.path, c->ta->name,
                     c->ta->big_endian ? "big" : "little", t->path,
                     t->arch->name, t->h.big_endian ? "big" : "little");
            return -1;
        }
        if (!c->ta_known) {
            c->ta = t->ta;
            c->ta_known = true;
        }
    }
    if (c->ta_known && !c->dis) {
        c->dis = dis_open(c->ta);
    }
    return 0;
}

void tctx_free(TCtx *c)
{
    if (c->have_ps) {
        ps_free(&c->ps);
    }
    if (c->have_img) {
        timg_free(&c->img);
    }
    dis_close(c->dis);
    c->dis = NULL;
    c->have_ps = c->have_img = false;
}

/* Extensions capstone 4 does not decode (it misreads some as others). */
static const char *capstone_blind(const ArchHost *a, const DtPattern *p)
{
    const char *const *blind = a->cs_blind;

    if (!blind) {
        return NULL;
    }
    for (int i = 0; i < p->annot.nrequires; i++) {
        for (int k = 0; blind[k]; k++) {
            if (!strcmp(p->annot.requires[i], blind[k])) {
                return blind[k];
            }
        }
    }
    return NULL;
}

void tctx_explain(TCtx *c, uint32_t insn, bool off_known, uint32_t off,
                  InsnInfo *ii)
{
    const char *blind = NULL;

    memset(ii, 0, sizeof(*ii));
    ii->insn = insn;
    ii->size = arch_insn_size(c->ta, insn);
    ii->off_known = off_known;
    ii->off = off;
    if (off_known && c->have_img) {
        ii->table = timg_pattern(&c->img, off);
        edge_describe(ii->table, ii->edge, sizeof(ii->edge));
    }
    if (c->have_ps) {
        ii->hit_ok = ps_decode(&c->ps, insn, ii->size, ii->table, &ii->hit);
        if (ii->hit_ok) {
            ps_fields_text(&ii->hit, ii->fields, sizeof(ii->fields));
            blind = capstone_blind(c->ta, ii->hit.p);
        }
    }
    if (blind) {
        snprintf(ii->dis, sizeof(ii->dis), "(capstone 4 does not know %s)",
                 blind);
    } else {
        ii->dis_ok = dis_insn(c->dis, insn, off_known ? off : 0, ii->dis,
                              sizeof(ii->dis));
    }
}

bool tctx_insn_off(const TCtx *c, uint32_t prev_end, uint32_t pc,
                   uint32_t *off)
{
    long i;

    if (!c->have_img || !c->img.ninsns) {
        return false;
    }
    i = timg_index_before(&c->img, pc);
    if (i < 0 || c->img.insn_off[i] < prev_end) {
        return false;
    }
    *off = c->img.insn_off[i];
    return true;
}

uint32_t tctx_trap_len(const TCtx *c, uint32_t pc)
{
    if (c->have_img && c->ta_known &&
        arch_trap_at(c->ta, c->img.code, c->img.code_len, pc) == 2) {
        return (uint32_t)c->ta->optrap_bytes;
    }
    return c->ta_known ? (uint32_t)c->ta->trap_bytes : 4;
}

static const char *reg_name(const TCtx *c, unsigned r)
{
    static char buf[16];

    if (c->ta->gpr_name) {
        return c->ta->gpr_name(r, buf, sizeof(buf));
    }
    snprintf(buf, sizeof(buf), "r%u", r);
    return buf;
}

/* A SKIP and the literal pool after it are one unit in listings. */
static int describe_skip(const TCtx *c, uint32_t off, char *out,
                         size_t outlen)
{
    bool past;
    uint32_t d = arch_skip_at(c->ta, c->img.code, c->img.code_len, off,
                              &past);

    snprintf(out, outlen, "OPTRAP SKIP %u data bytes%s", d,
             past ? " (past the end of the code)" : "");
    return c->ta->optrap_bytes + (int)d;
}

int tctx_describe_at(TCtx *c, uint32_t off, char *out, size_t outlen,
                     InsnInfo *ii, int *kind)
{
    const uint8_t *code = c->img.code;
    uint32_t len = c->img.code_len, insn;
    int trap = arch_trap_at(c->ta, code, len, off), size;

    memset(ii, 0, sizeof(*ii));
    if (trap == 1) {
        *kind = TK_CHECKPOINT;
        snprintf(out, outlen, "CHECKPOINT");
        return c->ta->trap_bytes;
    }
    if (trap == 2) {
        uint32_t d0 = arch_rd32(c->ta, code + off + c->ta->trap_bytes);
        int32_t d1 = (int32_t)arch_rd32(c->ta, code + off +
                                         c->ta->trap_bytes + 4);
        unsigned op = d0 & 0xff, reg = d0 >> 8 & 0xff;

        *kind = TK_OPTRAP;
        switch (op) {
        case RISU_OP_SETMEM:
        case RISU_OP_SETADDR:
            snprintf(out, outlen, "OPTRAP %s %s, %s0x%x", image_op_name(op),
                     reg_name(c, reg), d1 < 0 ? "-" : "",
                     d1 < 0 ? -(unsigned)d1 : (unsigned)d1);
            break;
        case RISU_OP_MEMOFF:
            snprintf(out, outlen, "OPTRAP MEMOFF %s", reg_name(c, reg));
            break;
        case RISU_OP_MEMINIT:
            snprintf(out, outlen, "OPTRAP MEMINIT seed 0x%x", (unsigned)d1);
            break;
        case RISU_OP_CODEOFF:
            snprintf(out, outlen, "OPTRAP CODEOFF %s", reg_name(c, reg));
            break;
        case RISU_OP_SKIP:
            return describe_skip(c, off, out, outlen);
        default:
            snprintf(out, outlen, "OPTRAP %s", image_op_name(op));
        }
        return c->ta->optrap_bytes;
    }
    size = arch_insn_at(c->ta, code, len, off, &insn);
    if (!size) {
        *kind = TK_DATA;
        snprintf(out, outlen, "(partial word)");
        return (int)(len - off);
    }
    tctx_explain(c, insn, true, off, ii);
    *kind = ii->table ? TK_GEN : TK_INSN;
    if (ii->table) {
        snprintf(out, outlen, "%-36s %s%s%s", ii->dis, ii->table,
                 ii->fields[0] ? " " : "", ii->hit_ok ? ii->fields : "");
    } else {
        snprintf(out, outlen, "%s", ii->dis);
    }
    return size;
}
