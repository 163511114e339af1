/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Divergence reports, text and JSON (see divrep.h). */
#include <stdlib.h>
#include <string.h>
#include "format/image.h"
#include "format/trace.h"
#include "tools/divrep.h"
#include "tools/operands.h"
#include "tools/regfmt.h"
#include "tools/tutil.h"

#define VIEW_MAX_SLOTS 32

/* A register as shown: a table entry, or an MSA w register (f + w.hi). */
typedef struct RegView {
    char name[40];
    int cls;
    int nslots;
    unsigned slot[VIEW_MAX_SLOTS];
    uint64_t mask;
    bool ina, inb;
} RegView;

static const char *cls_name(int cls)
{
    static const char *const n[] = { "gpr", "sp", "ctrl", "fpr", "vec",
                                     "pred" };

    return cls >= 0 && cls < 6 ? n[cls] : "?";
}

static int find_reg(const RisuArchDesc *arch, const char *name)
{
    for (int i = 0; i < arch->nregs; i++) {
        if (!strcmp(arch->regs[i].name, name)) {
            return i;
        }
    }
    return -1;
}

/* Registers the layout splits but the arch treats as one vector, or -1. */
static int msa_number(const TCtx *c, const RisuArchDesc *arch, int reg,
                      const RisuState *a, const RisuState *b)
{
    if (!c->ta->vec_number) {
        return -1;
    }
    return c->ta->vec_number(arch->regs[reg].name,
                             a->features | (b ? b->features : 0));
}

static int build_views(const TCtx *c, const RisuArchDesc *arch,
                       const int *idx, int n, const RisuState *a,
                       const RisuState *b, RegView *out)
{
    int nv = 0;
    bool msa_done[32] = { false };

    for (int i = 0; i < n; i++) {
        const RisuRegDesc *r = &arch->regs[idx[i]];
        int w = msa_number(c, arch, idx[i], a, b);
        RegView *v = &out[nv];

        memset(v, 0, sizeof(*v));
        if (w >= 0 && w < 32) {
            char fn[8], hn[12];
            int fi, hi;

            if (msa_done[w]) {
                continue;
            }
            snprintf(fn, sizeof(fn), "f%d", w);
            snprintf(hn, sizeof(hn), "w%d.hi", w);
            fi = find_reg(arch, fn);
            hi = find_reg(arch, hn);
            if (fi >= 0 && hi >= 0) {
                msa_done[w] = true;
                snprintf(v->name, sizeof(v->name), "w%d", w);
                v->cls = RISU_CLS_VEC;
                v->nslots = 2;
                v->slot[0] = arch->regs[fi].slot;
                v->slot[1] = arch->regs[hi].slot;
                v->mask = ~0ull;
                v->ina = diff_present(&arch->regs[hi], a);
                v->inb = b && diff_present(&arch->regs[hi], b);
                nv++;
                continue;
            }
        }
        snprintf(v->name, sizeof(v->name), "%s", r->name);
        v->cls = r->cls;
        v->nslots = r->nslots < VIEW_MAX_SLOTS ? r->nslots : VIEW_MAX_SLOTS;
        for (int k = 0; k < v->nslots; k++) {
            v->slot[k] = r->slot + (unsigned)k;
        }
        v->mask = r->mask;
        v->ina = diff_present(r, a);
        v->inb = b && diff_present(r, b);
        nv++;
    }
    return nv;
}

static void view_vals(const RegView *v, const RisuState *st, uint64_t *out)
{
    for (int k = 0; k < v->nslots; k++) {
        out[k] = st->slot[v->slot[k]];
    }
}

/* Lane formats to show for a view: the instruction's, else all four. */
static int view_lanes(const RegView *v, const InsnInfo *ii, LaneFmt *out)
{
    bool vec = v->cls == RISU_CLS_VEC ||
               (v->cls == RISU_CLS_FPR && ii->hit_ok &&
                ps_is_vector(ii->hit.p));
    LaneFmt f;

    if (!vec) {
        return 0;
    }
    f = ii->hit_ok ? ps_lane_format(&ii->hit) : (LaneFmt){ 0, false };
    if (f.bits && f.bits <= v->nslots * 64) {
        out[0] = f;
        return 1;
    }
    for (int i = 0; i < 4; i++) {
        out[i] = (LaneFmt){ 8 << i, false };
    }
    return 4;
}

/* "SIGSEGV (11) si_code 1 SEGV_MAPERR" */
static void sig_name_text(TCtx *c, const RisuState *st, Sb *b)
{
    const char *cn = arch_sicode_name(c->ta, st->signo, st->si_code);

    sb_printf(b, "%s (%d) si_code %d%s%s", arch_signame(c->ta, st->signo),
              st->signo, st->si_code, cn ? " " : "", cn ? cn : "");
}

static void sig_text(TCtx *c, const RisuState *st, Sb *b)
{
    const char *cn;
    int32_t norm;

    if (!st->signo && !st->si_code && !st->fault_flags && !st->fault_addr) {
        sb_puts(b, "none");
        return;
    }
    cn = arch_sicode_name(c->ta, st->signo, st->si_code);
    sb_printf(b, "%s (%d) si_code %d%s%s", arch_signame(c->ta, st->signo),
              st->signo, st->si_code, cn ? " " : "", cn ? cn : "");
    norm = arch_si_norm(c->ta, st->signo, st->si_code);
    if (norm != st->si_code) {
        sb_printf(b, " (compared as %d)", norm);
    }
    if (st->fault_flags & RISU_FAULT_IN_BLOCK) {
        sb_printf(b, ", fault at memory block +0x%llx",
                  (unsigned long long)st->fault_addr);
    } else {
        sb_printf(b, ", fault address 0x%llx",
                  (unsigned long long)st->fault_addr);
    }
}

/*
 * The instruction a checkpoint tests.  The runner records the word before
 * the trap, which is a clean-up instruction for some patterns; with the
 * image, the generated instruction itself is explained.
 */
static void explain_at(TCtx *c, uint32_t pc, uint32_t insn,
                       uint32_t prev_end, InsnInfo *ii)
{
    uint32_t off = 0;
    bool known = tctx_insn_off(c, prev_end, pc, &off);

    if (known) {
        arch_insn_at(c->ta, c->img.code, c->img.code_len, off, &insn);
    }
    tctx_explain(c, insn, known, off, ii);
}

static void explain_record(TCtx *c, const RisuState *st, uint32_t prev_end,
                           InsnInfo *ii)
{
    explain_at(c, st->pc_off, st->insn, prev_end, ii);
}

int div_inputs_differ(TCtx *c, const RisuArchDesc *arch,
                      const Divergence *dv, int *out, int max)
{
    /* A signal difference is the instruction's own, whatever its inputs. */
    if (dv->sd && dv->sd->signal) {
        return 0;
    }
    return div_operands_before(c, arch, dv, out, max);
}

int div_operands_before(TCtx *c, const RisuArchDesc *arch,
                        const Divergence *dv, int *out, int max)
{
    InsnInfo ii;
    int ops[64], nops, n = 0;

    if (!dv->b || !strcmp(dv->kind, "end") || dv->sd->control) {
        return 0;
    }
    explain_record(c, dv->a, dv->prev_end, &ii);
    nops = insn_operands(c, arch, &ii, ops, 64);
    if (nops < 0) {
        /* Operands unknown: any register still differing counts. */
        nops = 0;
        for (int i = 0; i < arch->nregs && nops < 64; i++) {
            ops[nops++] = i;
        }
    }
    for (int i = 0; i < nops && n < max; i++) {
        const RisuRegDesc *r = &arch->regs[ops[i]];
        bool pa = diff_present(r, dv->pa), pb = diff_present(r, dv->pb);
        bool d = pa != pb;

        for (int k = 0; pa && pb && k < r->nslots; k++) {
            d |= ((dv->pa->slot[r->slot + k] ^ dv->pb->slot[r->slot + k]) &
                  r->mask) != 0;
        }
        if (d) {
            out[n++] = ops[i];
        }
    }
    return n;
}

static void insn_text(const InsnInfo *ii, Sb *b)
{
    if (ii->off_known) {
        sb_printf(b, "+0x%x ", ii->off);
    }
    sb_printf(b, "0x%0*x  %s", ii->size * 2, ii->insn, ii->dis);
    if (ii->table || ii->hit_ok) {
        sb_printf(b, "  [%s%s%s%s]",
                  ii->edge[0] ? ii->edge
                              : ii->table ? ii->table : ii->hit.p->name,
                  ii->hit_ok && ii->fields[0] ? " " : "",
                  ii->hit_ok ? ii->fields : "",
                  ii->hit_ok && !ii->hit.available ? ", not in target" : "");
    }
}

/*
 * A record that ended its run abnormally (RISU_OP_ESCAPE, _WATCHDOG) in
 * words, with the word disassembled: "the test word at +0x6e4 (0x166741d3
 * b #0x..  [undef:FRINTX_sd]) transferred control outside the image:
 * SIGSEGV (11) si_code 1 SEGV_MAPERR at pc 0x199d0e30".  False otherwise.
 */
bool divrep_end_text(TCtx *c, const RisuState *st, Sb *b)
{
    InsnInfo ii;
    Sb w = { 0 }, sig = { 0 };

    if (st->op != RISU_OP_ESCAPE && st->op != RISU_OP_WATCHDOG) {
        return false;
    }
    tctx_explain(c, st->insn, c->have_img, st->pc_off, &ii);
    ii.off_known = false;   /* the text names the offset itself */
    insn_text(&ii, &w);
    sig_name_text(c, st, &sig);
    if (st->op == RISU_OP_WATCHDOG) {
        sb_printf(b, "the test code looped at +0x%x (%s): no checkpoint "
                  "within the watchdog's time (%s)", st->pc_off, w.s, sig.s);
    } else if (st->fault_flags & RISU_FAULT_IN_IMAGE) {
        sb_printf(b, "the test word at +0x%x (%s) transferred control "
                  "back to the trap at +0x%llx (a loop: test code only "
                  "runs forward)", st->pc_off, w.s,
                  (unsigned long long)st->fault_addr);
    } else if (!st->signo) {
        sb_printf(b, "the test word at +0x%x (%s) transferred control "
                  "outside the image: the image returned to the runner "
                  "without TESTEND", st->pc_off, w.s);
    } else {
        sb_printf(b, "the test word at +0x%x (%s) transferred control "
                  "outside the image: %s at pc %s0x%llx%s", st->pc_off, w.s,
                  sig.s, st->fault_flags & RISU_FAULT_IN_BLOCK ?
                  "memory block +" : "", (unsigned long long)st->fault_addr,
                  st->fault_flags & RISU_FAULT_RUNNER ?
                  ", in the runner's own signal handler" : "");
    }
    sb_free(&w);
    sb_free(&sig);
    return true;
}

/* ---- text ---- */

static void end_lines(TCtx *c, const Divergence *dv, FILE *f)
{
    const RisuState *st[2] = { dv->a, dv->b };

    for (int i = 0; i < 2; i++) {
        Sb s = { 0 };

        /* "end": a is the record of whichever run goes on. */
        if (st[i] && divrep_end_text(c, st[i], &s)) {
            fprintf(f, "  %s: %s\n", !dv->b ? "then" : i ? "B" : "A", s.s);
        }
        sb_free(&s);
    }
}

static void reg_text(const RegView *v, const RisuState *a,
                     const RisuState *b, const InsnInfo *ii, FILE *f)
{
    uint64_t va[VIEW_MAX_SLOTS], vb[VIEW_MAX_SLOTS];
    char ha[VIEW_MAX_SLOTS * 16 + 8], hb[VIEW_MAX_SLOTS * 16 + 8];
    LaneFmt lf[4];
    int nl;

    view_vals(v, a, va);
    view_vals(v, b, vb);
    fmt_hexval(ha, sizeof(ha), va, v->nslots);
    fmt_hexval(hb, sizeof(hb), vb, v->nslots);
    fprintf(f, "  %-10s A %s\n  %-10s B %s", v->name,
            v->ina ? ha : "(not captured)", "", v->inb ? hb : "(not captured)");
    if (v->mask != ~0ull) {
        fprintf(f, "  mask 0x%016llx", (unsigned long long)v->mask);
    }
    fputc('\n', f);
    if (v->cls == RISU_CLS_FPR && v->ina && v->inb &&
        !(ii->hit_ok && ps_is_vector(ii->hit.p))) {
        char d1[48], s1[48], d2[48], s2[48];

        fmt_f64(d1, sizeof(d1), va[0]);
        fmt_f32(s1, sizeof(s1), (uint32_t)va[0]);
        fmt_f64(d2, sizeof(d2), vb[0]);
        fmt_f32(s2, sizeof(s2), (uint32_t)vb[0]);
        fprintf(f, "  %-10s A double %s, single(lo) %s\n"
                   "  %-10s B double %s, single(lo) %s\n",
                "", d1, s1, "", d2, s2);
    }
    nl = v->ina && v->inb ? view_lanes(v, ii, lf) : 0;
    for (int i = 0; i < nl; i++) {
        Sb la = { 0 }, lb = { 0 };
        char tag[16];

        fmt_lanes(&la, va, v->nslots, lf[i].bits, lf[i].fp);
        fmt_lanes(&lb, vb, v->nslots, lf[i].bits, lf[i].fp);
        snprintf(tag, sizeof(tag), ".%c%s", lane_letter(lf[i].bits,
                 v->name[0] != 'w'), lf[i].fp ? " fp" : "");
        fprintf(f, "  %-10s A %s\n  %-10s B %s\n", tag, la.s, "", lb.s);
        sb_free(&la);
        sb_free(&lb);
    }
}

static void unit_text(TCtx *c, uint32_t from, uint32_t to, FILE *f)
{
    uint32_t off = from;

    while (off < to && off < c->img.code_len) {
        char line[512];
        InsnInfo ii;
        int kind, n = tctx_describe_at(c, off, line, sizeof(line), &ii,
                                       &kind);
        uint32_t w = 0;

        arch_insn_at(c->ta, c->img.code, c->img.code_len, off, &w);
        fprintf(f, "    +0x%-6x %0*x  %s\n", off, arch_insn_size(c->ta, w)
                * 2, w, line);
        if (n <= 0) {
            break;
        }
        off += (uint32_t)n;
    }
}

/*
 * A checkpoint that joins a branch group: a signal there may come from
 * the delay slot, which the kernel reports at the branch (the runner
 * then resumes at the join).
 */
static void join_text(TCtx *c, const RisuState *st, FILE *f)
{
    long b, s;

    if (!tctx_join_of(c, st->pc_off, &b, &s)) {
        return;
    }
    fprintf(f, "  %-10s joins %s at 0x%x", "branch", c->img.insn_name[b],
            c->img.insn_off[b]);
    if (s >= 0) {
        fprintf(f, ", next %s at 0x%x (its delay slot if it has one: a "
                "fault there is reported at the branch)", c->img.insn_name[s],
                c->img.insn_off[s]);
    }
    fputc('\n', f);
}

void divrep_text(TCtx *c, const RisuArchDesc *arch, const Divergence *dv,
                 FILE *f)
{
    const RisuState *a = dv->a, *b = dv->b;
    const StepDiff *sd = dv->sd;
    InsnInfo ii;
    Sb s = { 0 };
    RegView *views;
    int nv;

    explain_record(c, a, dv->prev_end, &ii);
    insn_text(&ii, &s);
    fprintf(f, "divergence %d at checkpoint %llu", dv->number,
            (unsigned long long)dv->ia);
    if (dv->ib != dv->ia) {
        fprintf(f, " (B: %llu)", (unsigned long long)dv->ib);
    }
    fprintf(f, ": pc offset 0x%x\n  insn %s\n", a->pc_off, s.s);
    sb_free(&s);
    end_lines(c, dv, f);
    if (!strcmp(dv->kind, "end")) {
        fprintf(f, "  %s\n", dv->note);
        return;
    }
    if (sd->control) {
        fprintf(f, "  out of step: A op %s pc 0x%x, B op %s pc 0x%x%s%s\n",
                image_op_name(a->op), a->pc_off, image_op_name(b->op),
                b->pc_off, dv->note ? "; " : "", dv->note ? dv->note : "");
    }
    if (sd->insn) {
        fprintf(f, "  insn word: A 0x%08x B 0x%08x (different images?)\n",
                a->insn, b->insn);
    }
    if (sd->features) {
        fprintf(f, "  capture features: A 0x%x B 0x%x\n", a->features,
                b->features);
    }
    if (sd->signal) {
        Sb sa = { 0 }, sb = { 0 };

        sig_text(c, a, &sa);
        sig_text(c, b, &sb);
        fprintf(f, "  %-10s A %s\n  %-10s B %s\n", "signal", sa.s, "", sb.s);
        sb_free(&sa);
        sb_free(&sb);
    }
    join_text(c, a, f);
    views = xcalloc((size_t)sd->nregs + 1, sizeof(*views));
    nv = build_views(c, arch, sd->regs, sd->nregs, a, b, views);
    for (int i = 0; i < nv; i++) {
        reg_text(&views[i], a, b, &ii, f);
    }
    free(views);
    if (sd->ncarried) {
        views = xcalloc((size_t)sd->ncarried + 1, sizeof(*views));
        nv = build_views(c, arch, sd->carried, sd->ncarried, a, b, views);
        fprintf(f, "  still different from earlier divergences:");
        for (int i = 0; i < nv; i++) {
            fprintf(f, " %s", views[i].name);
        }
        fputc('\n', f);
        free(views);
    }
    {
        int in[64], nin = div_inputs_differ(c, arch, dv, in, 64);

        if (nin) {
            fprintf(f, "  operands already differed before this checkpoint "
                    "(may only carry an earlier divergence on):");
            for (int i = 0; i < nin; i++) {
                fprintf(f, " %s", arch->regs[in[i]].name);
            }
            fputc('\n', f);
        }
    }
    if (c->have_img && dv->prev_end < a->pc_off) {
        fprintf(f, "  code since the previous checkpoint:\n");
        unit_text(c, dv->prev_end, a->pc_off + tctx_trap_len(c, a->pc_off),
                  f);
    }
    if (dv->nhist) {
        fprintf(f, "  preceding checkpoints:\n");
        for (int i = 0; i < dv->nhist; i++) {
            const HistEnt *h = &dv->hist[i];

            explain_at(c, h->pc, h->insn, h->prev_end, &ii);
            insn_text(&ii, &s);
            fprintf(f, "    #%-6llu %s%s\n", (unsigned long long)h->idx, s.s,
                    h->idx ? "" : "  (end of the preamble)");
            sb_free(&s);
        }
    }
}

void divrep_line(TCtx *c, const RisuArchDesc *arch, const Divergence *dv,
                 char *out, size_t outlen)
{
    InsnInfo ii;
    Sb s = { 0 };
    char *t;

    explain_record(c, dv->a, dv->prev_end, &ii);
    sb_printf(&s, "checkpoint %llu, %s 0x%0*x", (unsigned long long)dv->ia,
              ii.edge[0] ? ii.edge : ii.table ? ii.table
                         : ii.hit_ok ? ii.hit.p->name : ii.dis,
              ii.size * 2, ii.insn);
    if (ii.off_known) {
        sb_printf(&s, " at +0x%x", ii.off);
    }
    if (!strcmp(dv->kind, "end")) {
        sb_printf(&s, ": %s", dv->note);
    } else {
        const char *sep = ": ";

        if (dv->a->op == RISU_OP_ESCAPE || (dv->b &&
                                            dv->b->op == RISU_OP_ESCAPE)) {
            sb_printf(&s, "%s%s left the image", sep,
                      dv->a->op != RISU_OP_ESCAPE ? "B" :
                      dv->b && dv->b->op == RISU_OP_ESCAPE ? "A and B" : "A");
            sep = ", ";
        } else if (dv->sd->control) {
            sb_printf(&s, "%sout of step", sep);
            sep = ", ";
        }
        if (dv->sd->signal) {
            sb_printf(&s, "%ssignal A %s B %s", sep,
                      arch_signame(c->ta, dv->a->signo),
                      arch_signame(c->ta, dv->b->signo));
            sep = ", ";
        }
        for (int i = 0; i < dv->sd->nregs && i < 4; i++) {
            const RisuRegDesc *r = &arch->regs[dv->sd->regs[i]];

            sb_printf(&s, "%s%s A 0x%llx B 0x%llx", sep, r->name,
                      (unsigned long long)dv->a->slot[r->slot],
                      (unsigned long long)dv->b->slot[r->slot]);
            sep = ", ";
        }
        if (dv->sd->nregs > 4) {
            sb_printf(&s, ", +%d more", dv->sd->nregs - 4);
        }
    }
    t = sb_take(&s);
    snprintf(out, outlen, "%s", t);
    free(t);
}

/* ---- JSON ---- */

static void json_insn(JsonW *j, const InsnInfo *ii)
{
    json_obj(j);
    if (ii->off_known) {
        json_kuint(j, "offset", ii->off);
    } else {
        json_key(j, "offset");
        json_null(j);
    }
    json_khex(j, "word", ii->insn, ii->size * 2);
    json_kint(j, "size", ii->size);
    json_key(j, "disasm");
    json_str(j, ii->dis_ok ? ii->dis : NULL);
    if (!ii->dis_ok) {
        json_kstr(j, "disasm_note", ii->dis);
    }
    json_key(j, "pattern");
    json_str(j, ii->table ? ii->table : ii->hit_ok ? ii->hit.p->name : NULL);
    json_key(j, "edge");
    json_str(j, ii->edge[0] ? ii->edge : NULL);
    json_key(j, "fields");
    if (ii->hit_ok) {
        json_obj(j);
        for (int i = 0; i < ii->hit.p->nargs; i++) {
            const DtArg *a = &ii->hit.p->args[i];

            json_kint(j, a->name, a->kind == DT_ARG_CONST ? a->value
                                                          : ii->hit.args[i]);
        }
        json_obj_end(j);
        json_kstr(j, "pattern_file", path_base(ii->hit.p->file));
        json_kint(j, "pattern_line", ii->hit.p->line);
        json_kbool(j, "in_target", ii->hit.available);
    } else {
        json_null(j);
    }
    json_obj_end(j);
}

static void json_signal(TCtx *c, JsonW *j, const RisuState *st)
{
    const char *cn;

    if (!st || (!st->signo && !st->si_code && !st->fault_flags &&
                !st->fault_addr)) {
        json_null(j);
        return;
    }
    json_obj(j);
    json_kint(j, "signo", st->signo);
    json_kstr(j, "name", arch_signame(c->ta, st->signo));
    json_kint(j, "si_code", st->si_code);
    cn = arch_sicode_name(c->ta, st->signo, st->si_code);
    json_kstr(j, "si_code_name", cn);
    json_kint(j, "si_code_compared",
              arch_si_norm(c->ta, st->signo, st->si_code));
    json_khex(j, "fault_addr", st->fault_addr, 1);
    json_kbool(j, "fault_in_block", st->fault_flags & RISU_FAULT_IN_BLOCK);
    json_obj_end(j);
}

static void json_reg(JsonW *j, const RegView *v, const RisuState *a,
                     const RisuState *b, const InsnInfo *ii)
{
    uint64_t va[VIEW_MAX_SLOTS], vb[VIEW_MAX_SLOTS];
    char h[VIEW_MAX_SLOTS * 16 + 8];
    LaneFmt lf[4];
    int nl;

    view_vals(v, a, va);
    view_vals(v, b, vb);
    json_obj(j);
    json_kstr(j, "name", v->name);
    json_kstr(j, "class", cls_name(v->cls));
    json_kint(j, "bits", v->nslots * 64);
    fmt_hexval(h, sizeof(h), va, v->nslots);
    json_kstr(j, "a", v->ina ? h : NULL);
    fmt_hexval(h, sizeof(h), vb, v->nslots);
    json_kstr(j, "b", v->inb ? h : NULL);
    json_khex(j, "mask", v->mask, 16);
    if (v->cls == RISU_CLS_FPR && v->ina && v->inb) {
        char t[48];

        json_key(j, "float");
        json_obj(j);
        fmt_f64(t, sizeof(t), va[0]);
        json_kstr(j, "a_double", t);
        fmt_f32(t, sizeof(t), (uint32_t)va[0]);
        json_kstr(j, "a_single", t);
        fmt_f64(t, sizeof(t), vb[0]);
        json_kstr(j, "b_double", t);
        fmt_f32(t, sizeof(t), (uint32_t)vb[0]);
        json_kstr(j, "b_single", t);
        json_obj_end(j);
    }
    nl = v->ina && v->inb ? view_lanes(v, ii, lf) : 0;
    if (nl) {
        json_key(j, "lanes");
        json_arr(j);
        for (int i = 0; i < nl; i++) {
            int n = v->nslots * 64 / lf[i].bits;
            char fmt[2] = { lane_letter(lf[i].bits, v->name[0] != 'w'), 0 };

            json_obj(j);
            json_kstr(j, "format", fmt);
            json_kint(j, "bits", lf[i].bits);
            json_kbool(j, "fp", lf[i].fp);
            json_kbool(j, "from_insn", nl == 1);
            for (int side = 0; side < 2; side++) {
                const uint64_t *vals = side ? vb : va;

                json_key(j, side ? "b" : "a");
                json_arr(j);
                for (int k = 0; k < n; k++) {
                    uint64_t x = vec_lane(vals, v->nslots, lf[i].bits, k);
                    char t[48];

                    if (lf[i].fp && lf[i].bits == 64) {
                        fmt_f64(t, sizeof(t), x);
                    } else if (lf[i].fp) {
                        fmt_f32(t, sizeof(t), (uint32_t)x);
                    } else {
                        snprintf(t, sizeof(t), "0x%0*llx", lf[i].bits / 4,
                                 (unsigned long long)x);
                    }
                    json_str(j, t);
                }
                json_arr_end(j);
            }
            json_obj_end(j);
        }
        json_arr_end(j);
    }
    json_obj_end(j);
}

static void json_unit(TCtx *c, JsonW *j, uint32_t from, uint32_t to)
{
    uint32_t off = from;

    json_arr(j);
    while (off < to && off < c->img.code_len) {
        char line[512];
        InsnInfo ii;
        int kind, n = tctx_describe_at(c, off, line, sizeof(line), &ii,
                                       &kind);
        static const char *const kinds[] = { "insn", "generated",
                                             "checkpoint", "optrap", "data" };
        uint32_t w = 0;

        arch_insn_at(c->ta, c->img.code, c->img.code_len, off, &w);
        json_obj(j);
        json_kuint(j, "offset", off);
        json_khex(j, "word", w, arch_insn_size(c->ta, w) * 2);
        json_kstr(j, "kind", kinds[kind]);
        json_kstr(j, "text", line);
        json_obj_end(j);
        if (n <= 0) {
            break;
        }
        off += (uint32_t)n;
    }
    json_arr_end(j);
}

#define JSON_MEM_RANGES 64
#define JSON_MEM_SHOW 256
static void json_bytes(JsonW *j, const char *k, const uint8_t *p, size_t n)
{
    char hex[2 * JSON_MEM_SHOW + 1];

    for (size_t i = 0; i < n && i < JSON_MEM_SHOW; i++) {
        snprintf(hex + 2 * i, 3, "%02x", p[i]);
    }
    hex[2 * (n < JSON_MEM_SHOW ? n : JSON_MEM_SHOW)] = 0;
    json_kstr(j, k, hex);
}

/* "memory": null, or where the two blocks differ (ranges as the runner
 * reports them, at most JSON_MEM_RANGES, bytes at most JSON_MEM_SHOW). */
static void json_mem(JsonW *j, const Divergence *dv)
{
    const uint8_t *ma = dv->mem_a, *mb = dv->mem_b;
    size_t off, len, pos = 0, nbytes = 0;
    uint64_t count = 0;

    json_key(j, "memory");
    if (!ma || !mb) {
        json_null(j);
        return;
    }
    for (size_t i = 0; i < RISU_MEMBLOCK_SIZE; i++) {
        nbytes += ma[i] != mb[i];
    }
    json_obj(j);
    json_kuint(j, "bytes_differ", nbytes);
    json_key(j, "ranges");
    json_arr(j);
    while (risu_memdiff_next(ma, mb, RISU_MEMBLOCK_SIZE, pos, &off, &len)) {
        pos = off + len;
        if (count++ >= JSON_MEM_RANGES) {
            continue;
        }
        json_obj(j);
        json_kuint(j, "offset", off);
        json_kuint(j, "length", len);
        json_bytes(j, "a", ma + off, len);
        json_bytes(j, "b", mb + off, len);
        json_obj_end(j);
    }
    json_arr_end(j);
    json_kuint(j, "count", count);
    json_obj_end(j);
}

void divrep_json(TCtx *c, const RisuArchDesc *arch, const Divergence *dv,
                 JsonW *j)
{
    const RisuState *a = dv->a, *b = dv->b;
    const StepDiff *sd = dv->sd;
    InsnInfo ii;
    RegView *views;
    int nv;

    explain_record(c, a, dv->prev_end, &ii);
    json_obj(j);
    json_kint(j, "number", dv->number);
    json_kstr(j, "kind", dv->kind);
    json_kuint(j, "checkpoint", dv->ia);
    json_kuint(j, "checkpoint_b", dv->ib);
    json_kuint(j, "pc_offset", a->pc_off);
    json_key(j, "insn");
    json_insn(j, &ii);
    json_kstr(j, "note", dv->note);
    if (strcmp(dv->kind, "end")) {
        json_key(j, "differs");
        json_obj(j);
        json_kbool(j, "out_of_step", sd->control);
        json_kbool(j, "insn_word", sd->insn);
        json_kbool(j, "features", sd->features);
        json_kbool(j, "signal", sd->signal);
        json_kint(j, "registers", sd->nregs);
        json_obj_end(j);
        json_key(j, "op");
        json_obj(j);
        json_kstr(j, "a", image_op_name(a->op));
        json_kstr(j, "b", image_op_name(b->op));
        json_obj_end(j);
        json_kuint(j, "pc_offset_b", b->pc_off);
        json_khex(j, "insn_b", b->insn, 8);
        json_khex(j, "features_a", a->features, 1);
        json_khex(j, "features_b", b->features, 1);
        json_key(j, "signal");
        json_obj(j);
        json_key(j, "a");
        json_signal(c, j, a);
        json_key(j, "b");
        json_signal(c, j, b);
        json_obj_end(j);
        json_key(j, "registers");
        json_arr(j);
        views = xcalloc((size_t)sd->nregs + 1, sizeof(*views));
        nv = build_views(c, arch, sd->regs, sd->nregs, a, b, views);
        for (int i = 0; i < nv; i++) {
            json_reg(j, &views[i], a, b, &ii);
        }
        free(views);
        json_arr_end(j);
        {
            int in[64], nin = div_inputs_differ(c, arch, dv, in, 64);

            json_key(j, "operands_differed");
            json_arr(j);
            for (int i = 0; i < nin; i++) {
                json_str(j, arch->regs[in[i]].name);
            }
            json_arr_end(j);
            /* The same, also when the signal differs: a trap taken on one
             * side only because its operands differ is a consequence. */
            nin = div_operands_before(c, arch, dv, in, 64);
            json_key(j, "inputs_differed");
            json_arr(j);
            for (int i = 0; i < nin; i++) {
                json_str(j, arch->regs[in[i]].name);
            }
            json_arr_end(j);
        }
        json_key(j, "carried");
        json_arr(j);
        views = xcalloc((size_t)sd->ncarried + 1, sizeof(*views));
        nv = build_views(c, arch, sd->carried, sd->ncarried, a, b, views);
        for (int i = 0; i < nv; i++) {
            json_str(j, views[i].name);
        }
        free(views);
        json_arr_end(j);
    }
    json_mem(j, dv);
    json_key(j, "unit");
    if (c->have_img && dv->prev_end < a->pc_off) {
        json_unit(c, j, dv->prev_end, a->pc_off + tctx_trap_len(c, a->pc_off));
    } else {
        json_null(j);
    }
    json_key(j, "preceding");
    json_arr(j);
    for (int i = 0; i < dv->nhist; i++) {
        const HistEnt *h = &dv->hist[i];

        explain_at(c, h->pc, h->insn, h->prev_end, &ii);
        json_obj(j);
        json_kuint(j, "checkpoint", h->idx);
        json_kuint(j, "pc_offset", h->pc);
        json_key(j, "insn");
        json_insn(j, &ii);
        json_obj_end(j);
    }
    json_arr_end(j);
    json_obj_end(j);
}
