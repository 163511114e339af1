/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * diff resynchronisation, ddmin, pattern sets (options, decoding, lanes,
 * selection, operands) and reproducer generation.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "arch/arm/arch.h"
#include "arch/mips/arch.h"
#include "format/image.h"
#include "tests/tools/suites.h"
#include "tools/ddmin.h"
#include "tools/divrep.h"
#include "tools/operands.h"
#include "tools/patset.h"
#include "tools/repro.h"
#include "tools/tdiff.h"
#include "tools/tutil.h"

static RisuState *st_new(void)
{
    RisuState *s = calloc(1, sizeof(*s));

    s->features = MIPS_F_HILO | MIPS_F_FPU;
    return s;
}

static bool has(const int *v, int n, int x)
{
    for (int i = 0; i < n; i++) {
        if (v[i] == x) {
            return true;
        }
    }
    return false;
}

START_TEST(test_diff_resync)
{
    const RisuArchDesc *ar = &risu_arch_mips32;
    RisuState *pa = st_new(), *pb = st_new(), *a = st_new(), *b = st_new();
    const ArchHost *ta;
    StepDiff d;

    ta = arch_find("mipsel")->host;
    diff_init(&d, ar);
    /* Equal: nothing. */
    diff_step(ar, ta, pa, pb, a, b, &d);
    ck_assert(!diff_any(&d));
    /* v0 written differently: a new divergence. */
    a->slot[2] = 5;
    b->slot[2] = 7;
    diff_step(ar, ta, pa, pb, a, b, &d);
    ck_assert_int_eq(d.nregs, 1);
    ck_assert_int_eq(d.regs[0], 2);
    /* Next checkpoint, nobody touches v0: carried, not new. */
    memcpy(pa, a, sizeof(*a));
    memcpy(pb, b, sizeof(*b));
    diff_step(ar, ta, pa, pb, a, b, &d);
    ck_assert(!diff_any(&d));
    ck_assert_int_eq(d.ncarried, 1);
    /* Both write the same new value: agreement again. */
    a->slot[2] = 9;
    b->slot[2] = 9;
    diff_step(ar, ta, pa, pb, a, b, &d);
    ck_assert(!diff_any(&d) && !d.ncarried);
    /* A writes, B keeps its stale value: new divergence. */
    a->slot[2] = 11;
    b->slot[2] = 7;
    diff_step(ar, ta, pa, pb, a, b, &d);
    ck_assert_int_eq(d.nregs, 1);
    /* Upper half differs on o32: masked away. */
    memcpy(pa, a, sizeof(*a));
    memcpy(pb, a, sizeof(*a));
    memcpy(b, a, sizeof(*a));
    b->slot[3] = 0xffffffff00000000ull;
    diff_step(ar, ta, pa, pb, a, b, &d);
    ck_assert(!diff_any(&d));
    /* Only one FCSR bit flips while another differs from before (the
     * sticky NaN2008 bit): bit-wise adoption sees only the new one. */
    memcpy(b, a, sizeof(*a));
    pa->slot[MIPS_SLOT_FCSR] = 0x00040000;
    pb->slot[MIPS_SLOT_FCSR] = 0;
    a->slot[MIPS_SLOT_FCSR] = 0x00040004;
    b->slot[MIPS_SLOT_FCSR] = 0x00000004;
    diff_step(ar, ta, pa, pb, a, b, &d);
    ck_assert(!diff_any(&d));
    ck_assert_int_eq(d.ncarried, 1);
    b->slot[MIPS_SLOT_FCSR] = 0x00000008;
    diff_step(ar, ta, pa, pb, a, b, &d);
    ck_assert_int_eq(d.nregs, 1);
    /* Signals compare per checkpoint; ARM normalises si_code 2 to 1. */
    memcpy(b, a, sizeof(*a));
    b->signo = 4;
    b->si_code = 1;
    diff_step(ar, ta, pa, pb, a, b, &d);
    ck_assert(d.signal);
    a->signo = 4;
    a->si_code = 2;
    diff_step(ar, ta, pa, pb, a, b, &d);
    ck_assert(d.signal);
    ta = arch_find("aarch64")->host;
    diff_step(ar, ta, pa, pb, a, b, &d);
    ck_assert(!d.signal);
    /* A register captured on one side only, from now on. */
    memcpy(b, a, sizeof(*a));
    b->features |= MIPS_F_MSA;
    diff_step(ar, ta, pa, pb, a, b, &d);
    ck_assert(d.features);
    ck_assert(d.nregs > 0);
    memcpy(pa, a, sizeof(*a));
    memcpy(pb, b, sizeof(*a));
    diff_step(ar, ta, pa, pb, a, b, &d);
    ck_assert(!diff_any(&d));
    /* Out of step. */
    b->pc_off = 4;
    diff_step(ar, ta, pa, pb, a, b, &d);
    ck_assert(d.control);
    diff_free(&d);
    free(pa);
    free(pb);
    free(a);
    free(b);
}
END_TEST

Suite *tdiff_suite(void)
{
    Suite *s = suite_create("tdiff");
    TCase *tc = tcase_create("tdiff");

    tcase_add_test(tc, test_diff_resync);
    suite_add_tcase(s, tc);
    return s;
}

/* ---- ddmin ---- */

typedef struct Need {
    int need[4];
    int nneed;
    int calls;
} Need;

static bool needs(void *opaque, const bool *keep, int n)
{
    Need *nd = opaque;

    nd->calls++;
    for (int i = 0; i < nd->nneed; i++) {
        if (nd->need[i] >= n || !keep[nd->need[i]]) {
            return false;
        }
    }
    return true;
}

static void run_dd(int n, const int *need, int nneed, int want_tests_max)
{
    Need nd = { .nneed = nneed };
    bool *keep = calloc((size_t)n, 1);
    int tests = 0, kept;

    memcpy(nd.need, need, (size_t)nneed * sizeof(int));
    for (int i = 0; i < n; i++) {
        keep[i] = true;
    }
    kept = ddmin(n, needs, &nd, keep, &tests);
    ck_assert_int_eq(kept, nneed);
    for (int i = 0; i < n; i++) {
        bool w = false;

        for (int k = 0; k < nneed; k++) {
            w |= need[k] == i;
        }
        ck_assert_int_eq(keep[i], w);
    }
    ck_assert_int_eq(tests, nd.calls);
    ck_assert_msg(tests <= want_tests_max, "%d tests", tests);
    free(keep);
}

START_TEST(test_ddmin)
{
    static const int none[1] = { 0 };
    static const int one[1] = { 37 };
    static const int two[2] = { 3, 90 };
    static const int three[3] = { 0, 1, 99 };

    run_dd(100, none, 0, 1);
    run_dd(100, one, 1, 40);
    run_dd(100, two, 2, 80);
    run_dd(100, three, 3, 150);
    run_dd(1, one, 0, 1);
    ck_assert_int_eq(ddmin(0, needs, NULL, NULL, NULL), 0);
}
END_TEST

Suite *ddmin_suite(void)
{
    Suite *s = suite_create("ddmin");
    TCase *tc = tcase_create("ddmin");

    tcase_add_test(tc, test_ddmin);
    suite_add_tcase(s, tc);
    return s;
}

/* ---- pattern sets ---- */

static const char msa_text[] =
    "&v3 df wd ws wt\n"
    "@3r ...... ... df:2 wt:5 ws:5 wd:5 ...... &v3\n"
    "@3rf ...... .... df:1 wt:5 ws:5 wd:5 ...... &v3\n"
    "#@ reg vec wd ws wt\n"
    "#@ tags msa msa-int\n"
    "#@ requires msa\n"
    "ADDV 011110 000 .. ..... ..... ..... 001110 @3r\n"
    "#@ reg vec wd ws wt\n"
    "#@ tags msa msa-fp\n"
    "#@ requires msa\n"
    "FADD 011110 0000 . ..... ..... ..... 011011 @3rf\n"
    "#@ reg vec wd ws wt\n"
    "#@ tags msa msa-fp msa-cmp\n"
    "#@ requires msa\n"
    "FCEQ 011110 0100 . ..... ..... ..... 011010 @3rf\n"
    "#@ reg vec wd ws wt\n"
    "#@ tags msa msa-fixed\n"
    "#@ requires msa\n"
    "MUL_Q 011110 0100 . ..... ..... ..... 011100 @3rf\n"
    "#@ reg gpr rd rs rt\n"
    "#@ tags mips-int\n"
    "ADDU 000000 rs:5 rt:5 rd:5 00000 100001\n"
    "#@ reg gpr rd rs rt\n"
    "#@ never unpredictable here\n"
    "SUBU 000000 rs:5 rt:5 rd:5 00000 100011\n"
    "#@ reg gpr rd rs rt\n"
    "#@ weight 0\n"
    "XOR 000000 rs:5 rt:5 rd:5 00000 100110\n"
    "#@ tags neon\n"
    "VSUBL 1111 0010 1 0 sz:2 vn:4 vd:4 0010 0000 vm:4\n"
    "#@ tags neon\n"
    "VADDF 1111 0010 0 0 0 sz:1 vn:4 vd:4 1101 0000 vm:4\n";

static void make_set(PatSet *ps, const char *features, const char *options)
{
    DtOptions o = { 0 };
    DtSet *s = dt_set_new(&o);
    char err[200], *f = xstrdup(features), *p = f, *tok;

    memset(ps, 0, sizeof(*ps));
    dt_set_add_text(s, "t.decode", msa_text, strlen(msa_text));
    ck_assert_int_eq(dt_set_finish(s), 0);
    ps->ns = xcalloc(1, sizeof(PsNs));
    ps->ns[0].set = s;
    ps->ns[0].width = 32;
    ps->ns[0].label = xstrdup("t.decode");
    ps->nns = 1;
    while ((tok = strsep(&p, ","))) {
        ps->features = xrealloc(ps->features, (size_t)(ps->nfeatures + 1) *
                                sizeof(char *));
        ps->features[ps->nfeatures++] = xstrdup(tok);
    }
    free(f);
    ck_assert_int_eq(gen_parse_options_text(&ps->opts, options, err,
                                            sizeof(err)), 0);
    ps->sel = gen_selector_new(&ps->opts);      /* as ps_load does */
}

START_TEST(test_options)
{
    GenOpts o;
    char err[200];

    ck_assert_int_eq(gen_parse_options_text(&o, "--arch thumb --cpu max "
                                            "--numinsns 5 "
                                            "--seed 1 --pattern 'A B|C' "
                                            "--group x,y --overlay o.ov "
                                            "--insnwidth 16 t16.decode "
                                            "--insnwidth 32 "
                                            "t32.decode+n.decode "
                                            "z.decode", err, sizeof(err)),
                     0);
    ck_assert_int_eq(o.ninputs, 3);
    ck_assert_str_eq(o.inputs[1].spec, "t32.decode+n.decode");
    ck_assert_int_eq(o.inputs[0].insnwidth, 16);
    ck_assert_int_eq(o.inputs[1].insnwidth, 32);
    ck_assert_int_eq(o.inputs[2].insnwidth, 0);
    ck_assert_str_eq(o.patterns[0], "A B|C");
    ck_assert_int_eq(o.ngroups, 2);
    ck_assert_str_eq(o.groups[1], "y");
    ck_assert_str_eq(o.overlays[0], "o.ov");
    ck_assert_str_eq(o.arch, "thumb");
    ck_assert_int_eq(o.numinsns, 5);
    gen_free_opts(&o);
    /* Errors come back as messages; risu-trace goes on without patterns. */
    ck_assert_int_eq(gen_parse_options_text(&o, "--arch", err, sizeof(err)),
                     -1);
    ck_assert(strstr(err, "'--arch' needs an argument"));
    ck_assert_int_eq(gen_parse_options_text(&o, "--arch mips --insnwidth 12 "
                                            "a", err, sizeof(err)), -1);
    ck_assert(strstr(err, "--insnwidth"));
    /* The same parser twice in a row starts afresh. */
    ck_assert_int_eq(gen_parse_options_text(&o, "--arch mips a.decode", err,
                                            sizeof(err)), 0);
    ck_assert_int_eq(o.ninputs, 1);
    gen_free_opts(&o);
}
END_TEST

static uint32_t msa3(uint32_t op, unsigned df, unsigned wt, unsigned ws,
                     unsigned wd, unsigned minor)
{
    return 0x78000000u | op << 23 | df << 21 | wt << 16 | ws << 11 |
           wd << 6 | minor;
}

START_TEST(test_decode_lanes)
{
    PatSet ps;
    PsHit h;
    LaneFmt f;
    char fields[200];
    TCtx c = { 0 };
    InsnInfo ii;
    int ops[16], n;

    make_set(&ps, "msa,fpu", "--arch mipsel t.decode");
    /* ADDV.H */
    ck_assert(ps_decode(&ps, msa3(0, 1, 3, 2, 1, 0x0e), 4, NULL, &h));
    ck_assert_str_eq(h.p->name, "ADDV");
    ck_assert(h.available);
    f = ps_lane_format(&h);
    ck_assert_int_eq(f.bits, 16);
    ck_assert(!f.fp);
    ps_fields_text(&h, fields, sizeof(fields));
    ck_assert_str_eq(fields, "df=1 wd=1 ws=2 wt=3");
    /* FADD.D: df:1 = 1 -> 64-bit float lanes */
    ck_assert(ps_decode(&ps, 0x7800001b | 1u << 21, 4, NULL, &h));
    ck_assert_str_eq(h.p->name, "FADD");
    f = ps_lane_format(&h);
    ck_assert_int_eq(f.bits, 64);
    ck_assert(f.fp);
    /* FCEQ.W: FP format, integer masks */
    ck_assert(ps_decode(&ps, 0x7900001a, 4, NULL, &h));
    f = ps_lane_format(&h);
    ck_assert_int_eq(f.bits, 32);
    ck_assert(!f.fp);
    /* MUL_Q.H: fixed point, df 0 = h */
    ck_assert(ps_decode(&ps, 0x7900001c, 4, NULL, &h));
    f = ps_lane_format(&h);
    ck_assert_int_eq(f.bits, 16);
    /* A scalar instruction: no lanes */
    ck_assert(ps_decode(&ps, 0x00851021, 4, NULL, &h));
    ck_assert_str_eq(h.p->name, "ADDU");
    ck_assert_int_eq(ps_lane_format(&h).bits, 0);
    /* Neon: a 2-bit sz is an integer size, a 1-bit one the FP size. */
    ck_assert(ps_decode(&ps, 0xf2900200 | 1u << 20, 4, NULL, &h));
    ck_assert_str_eq(h.p->name, "VSUBL");
    f = ps_lane_format(&h);
    ck_assert_int_eq(f.bits, 16);
    ck_assert(!f.fp);
    ck_assert(ps_decode(&ps, 0xf2000d00, 4, NULL, &h));
    ck_assert_str_eq(h.p->name, "VADDF");
    f = ps_lane_format(&h);
    ck_assert_int_eq(f.bits, 32);
    ck_assert(f.fp);
    ck_assert(!ps_decode(&ps, 0xffffffff, 4, NULL, &h));
    ck_assert(!ps_decode(&ps, 0x00851021, 2, NULL, &h));

    /* Operands: vec -> f + w.hi, and the control registers. */
    c.ta = arch_find("mipsel")->host;
    c.ta_known = true;
    memset(&ii, 0, sizeof(ii));
    ck_assert(ps_decode(&ps, msa3(0, 1, 3, 2, 1, 0x0e), 4, NULL, &ii.hit));
    ii.hit_ok = true;
    n = insn_operands(&c, &risu_arch_mips32, &ii, ops, 16);
    ck_assert_int_eq(n, 8);
    ck_assert(has(ops, n, MIPS_SLOT_FPR(3)));    /* table index = slot */
    ck_assert(has(ops, n, 68));                  /* w1.hi */
    ii.hit_ok = false;
    ck_assert_int_eq(insn_operands(&c, &risu_arch_mips32, &ii, ops, 16), -1);
    ps_free(&ps);
}
END_TEST

START_TEST(test_selection)
{
    PatSet ps;
    const DtPattern *p;

    make_set(&ps, "fpu", "--arch mipsel t.decode");
    ck_assert(!ps_selected(&ps, ps_find(&ps, "ADDV")));   /* needs msa */
    ck_assert(ps_selected(&ps, ps_find(&ps, "ADDU")));
    ck_assert(!ps_selected(&ps, ps_find(&ps, "SUBU")));   /* never */
    ck_assert(!ps_selected(&ps, ps_find(&ps, "XOR")));    /* weight 0 */
    ps_free(&ps);
    make_set(&ps, "msa", "--arch mipsel --pattern 'XOR|ADD.*' t.decode");
    ck_assert(ps_selected(&ps, ps_find(&ps, "XOR")));     /* named */
    ck_assert(ps_selected(&ps, ps_find(&ps, "ADDV")));
    ck_assert(!ps_selected(&ps, ps_find(&ps, "FADD")));
    ps_free(&ps);
    make_set(&ps, "msa", "--arch mipsel --group msa-fp t.decode");
    ck_assert(ps_selected(&ps, ps_find(&ps, "FADD")));
    ck_assert(!ps_selected(&ps, ps_find(&ps, "ADDV")));
    p = ps_find(&ps, "FCEQ");
    ck_assert(ps_has_tag(p, "msa-cmp"));
    ck_assert(ps_is_vector(p));
    ck_assert_ptr_null(ps_find(&ps, "NOPE"));
    ps_free(&ps);
}
END_TEST

Suite *patset_suite(void)
{
    Suite *s = suite_create("patset");
    TCase *tc = tcase_create("patset");

    tcase_add_test(tc, test_options);
    tcase_add_test(tc, test_decode_lanes);
    tcase_add_test(tc, test_selection);
    suite_add_tcase(s, tc);
    return s;
}

/* ---- reproducers ---- */

START_TEST(test_repro_source)
{
    const ArchHost *ta;
    RisuState *before = st_new(), *after = st_new(), *got = st_new();
    ReproWord w[3];
    ReproIn in = { 0 };
    char err[200], *src;

    ta = arch_find("mips")->host;
    before->slot[4] = 0x12345678;
    before->slot[MIPS_SLOT_FPR(2)] = 0x3ff0000000000000ull;
    after->slot[2] = 1;
    got->slot[2] = 2;
    memset(w, 0, sizeof(w));
    w[0].op = RISU_OP_SETMEM;
    w[0].reg = 5;
    w[0].imm = 0x40;
    w[0].size = 12;
    w[1].op = -1;
    w[1].value = 0x8ca20000;
    w[1].size = 4;
    strcpy(w[1].comment, "lw $v0, 0($a1)");
    w[2].op = RISU_OP_MEMOFF;
    w[2].reg = 5;
    w[2].size = 12;
    in.ta = ta;
    in.arch = &risu_arch_mips32;
    in.before = before;
    in.ref_after = after;
    in.test_after = got;
    in.words = w;
    in.nwords = 3;
    in.meminit_seed = 0x1234;
    in.fpu = in.hilo = true;
    src = repro_source(&in, err, sizeof(err));
    ck_assert_ptr_nonnull(src);
    ck_assert(strstr(src, "[4] = 0x0000000012345678ull,  /* a0 */"));
    ck_assert(strstr(src, "[40] = 0x3ff0000000000000ull,  /* f2 */"));
    ck_assert(strstr(src, "#define MEMINIT_SEED 0x1234u"));
    ck_assert(strstr(src, "static const long setmem[] = { 64 };"));
    ck_assert(strstr(src, "\"    lw $5, 900($29)  /* SETMEM: block + 64 "
                          "*/\\n\""));
    ck_assert(strstr(src, "\"    .word 0x8ca20000\\n\""));
    ck_assert(strstr(src, "\"    subu $5, $5, $29  /* MEMOFF */\\n\""));
    ck_assert(strstr(src, "/* differs: ref 0x1 test 0x2 */"));
    ck_assert(strstr(src, "lwc1 $f31, 788($29)"));     /* FR=0, big-endian */
    ck_assert(!strstr(src, "ld.d"));
    free(src);
    in.msa = in.fr1 = true;
    src = repro_source(&in, err, sizeof(err));
    ck_assert(strstr(src, "ld.d $w31, 784($29)"));
    free(src);
    in.ta = arch_find("aarch64")->host;
    in.arch = &risu_arch_arm64;
    in.msa = false;
    src = repro_source(&in, err, sizeof(err));
    ck_assert(strstr(src, "\"    ldr x5, [sp, #896]  /* SETMEM: block + "
                          "64 */\\n\""));
    ck_assert(strstr(src, "sub x5, sp, x5, uxtx"));
    ck_assert(strstr(src, "SYS_WRITE = 64"));
    ck_assert(strstr(src, "UC_PC = 440"));
    ck_assert(strstr(src, "repro_restorer:"));
    free(src);
    in.ta = arch_find("thumb")->host;
    in.arch = &risu_arch_arm32;
    src = repro_source(&in, err, sizeof(err));
    ck_assert(strstr(src, "ldr.w r5, [sp, #896]"));
    ck_assert(strstr(src, ".thumb_func"));
    free(src);
    free(before);
    free(after);
    free(got);
}
END_TEST

START_TEST(test_repro_side)
{
    const ArchHost *ta;
    ReproSide s;
    char *b, *r;

    ta = arch_find("mipsel")->host;
    repro_side("RISU_INJECT=3:v0:1 qemu-mipsel -cpu P5600 "
               "/x/build/risu-mipsel-fp64-nan2008 --master -t {trace} {image}",
               ta, false, false, &s);
    ck_assert_str_eq(s.emu, "qemu-mipsel -cpu P5600");
    ck_assert_str_eq(s.flavour, "mipsel-fp64-nan2008");
    ck_assert(strstr(s.cflags, "-mnan=2008"));
    b = repro_build_cmd(&s, "d/repro.c", "d/r");
    ck_assert(strstr(b, "mipsel-linux-gnu-gcc -march=mips32r2 -mfp64 "
                        "-mnan=2008 "));
    ck_assert(strstr(b, "-mno-abicalls"));
    r = repro_run_cmd(&s, "d/r");
    ck_assert_str_eq(r, "qemu-mipsel -cpu P5600 d/r");
    free(b);
    free(r);
    repro_side_free(&s);
    /* Unknown runner: the image decides (o32, FR=1, legacy NaN). */
    repro_side("ssh board ./runner --master", ta, true, false, &s);
    ck_assert_str_eq(s.flavour, "mipsel-fp64");
    repro_side_free(&s);
    ta = arch_find("aarch64")->host;
    repro_side(NULL, ta, false, false, &s);
    ck_assert_str_eq(s.flavour, "aarch64");
    ck_assert_str_eq(s.emu, "");
    repro_side_free(&s);
}
END_TEST

Suite *repro_suite(void)
{
    Suite *s = suite_create("repro");
    TCase *tc = tcase_create("repro");

    tcase_add_test(tc, test_repro_source);
    tcase_add_test(tc, test_repro_side);
    suite_add_tcase(s, tc);
    return s;
}
