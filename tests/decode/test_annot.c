/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * "#@" directives: each directive and its errors, the per-file context
 * (pending, all:, continuation), binding, copy and free.
 */
#include <stdlib.h>

#include "tests/decode/annotutil.h"

static char err[1024];

/* Apply to a fresh annotation; the test fails on error. */
static void ok(DtAnnot *a, const char *d)
{
    int r = dt_annot_apply(a, d, "t.decode", 5, err, sizeof(err));

    ck_assert_msg(r == 0, "'%s': %s", d, err);
}

/* The directive must be rejected; returns the diagnostic. */
static const char *bad(const char *d)
{
    DtAnnot a = { 0 };
    int r = dt_annot_apply(&a, d, "t.decode", 5, err, sizeof(err));

    dt_annot_free(&a);
    ck_assert_msg(r == -1, "'%s' accepted", d);
    ck_assert_msg(strncmp(err, "t.decode:5: error: ", 19) == 0,
                  "bad prefix: %s", err);
    return err;
}

START_TEST(test_reg)
{
    DtAnnot a = { 0 };

    ok(&a, "reg gpr rs rt");
    ok(&a, "reg fpr fd? rt");       /* rt moves to fpr, fd is optional */
    ck_assert_int_eq(a.nroles, 3);
    ck_assert_str_eq(a.roles[0].cls, "gpr");
    ck_assert_str_eq(a.roles[0].field, "rs");
    ck_assert(!a.roles[0].optional);
    ck_assert_str_eq(a.roles[1].cls, "fpr");
    ck_assert_str_eq(a.roles[1].field, "rt");
    ck_assert_str_eq(a.roles[2].field, "fd");
    ck_assert(a.roles[2].optional);
    ck_assert_str_eq(a.roles[2].file, "t.decode");
    ck_assert_int_eq(a.roles[2].line, 5);
    ck_assert_int_eq(a.roles[2].argidx, -1);
    dt_annot_free(&a);
    ck_assert_int_eq(a.nroles, 0);
    ck_assert_ptr_null(a.roles);
}
END_TEST

START_TEST(test_constraint_tags_misc)
{
    DtAnnot a = { 0 };
    bool fault;

    ok(&a, "constraint 1 + 1 == 2");
    ok(&a, "constraint   in(3, 1, 2)  ");
    ck_assert_int_eq(a.nconstraints, 2);
    ck_assert_int_eq(dt_expr_eval_const(a.constraints[0], &fault), 1);
    ck_assert_int_eq(dt_expr_eval_const(a.constraints[1], &fault), 0);
    ck_assert_str_eq(dt_expr_text(a.constraints[1]), "in(3, 1, 2)");

    ok(&a, "tags mips-int load");
    ok(&a, "tags load r6 fp.single c++");
    ck_assert_int_eq(a.ntags, 5);      /* duplicates dropped */
    ck_assert_str_eq(a.tags[0], "mips-int");
    ck_assert_str_eq(a.tags[4], "c++");
    ok(&a, "requires msa fr1");
    ok(&a, "requires msa");
    ck_assert_int_eq(a.nrequires, 2);
    ck_assert_str_eq(a.requires[1], "fr1");

    ck_assert(!a.has_weight);
    ok(&a, "weight 0");
    ck_assert(a.has_weight);
    ck_assert_int_eq(a.weight, 0);
    ok(&a, "weight 1000000");
    ck_assert_int_eq(a.weight, 1000000);

    ok(&a, "never");
    ck_assert(a.never);
    ck_assert_ptr_null(a.never_reason);
    ok(&a, "never   traps to the debugger  ");
    ck_assert_str_eq(a.never_reason, "traps to the debugger");

    ok(&a, "dontcare 0x3");
    ck_assert(a.has_dontcare);
    ck_assert_uint_eq(a.dontcare, 3);
    ok(&a, "dontcare 0b101");
    ck_assert_uint_eq(a.dontcare, 5);
    ok(&a, "dontcare 0xffffffffffffffff");
    ck_assert_uint_eq(a.dontcare, UINT64_MAX);
    dt_annot_free(&a);
}
END_TEST

START_TEST(test_mem)
{
    DtAnnot a = { 0 };
    bool fault;

    ok(&a, "mem base=rs offset=imm size=4 align=4");
    ck_assert(a.mem.present);
    ck_assert_str_eq(a.mem.base, "rs");
    ck_assert_ptr_null(a.mem.index);
    ck_assert_ptr_nonnull(a.mem.offset);
    ck_assert_ptr_null(a.mem.scale);
    ck_assert_int_eq(a.mem.size, 4);
    ck_assert_int_eq(a.mem.align, 4);
    ck_assert(!a.mem.post);
    ck_assert(!a.mem.writeback);
    ck_assert_int_eq(a.mem.baseidx, -1);
    ck_assert_str_eq(a.mem.file, "t.decode");

    /* A second mem replaces the first; defaults come back. */
    ok(&a, "mem base=rn index=rm scale=(1 << 2) size=8 post");
    ck_assert_str_eq(a.mem.base, "rn");
    ck_assert_str_eq(a.mem.index, "rm");
    ck_assert_ptr_null(a.mem.offset);
    ck_assert_int_eq(dt_expr_eval_const(a.mem.scale, &fault), 4);
    ck_assert_int_eq(a.mem.align, 1);
    ck_assert(a.mem.post);
    ck_assert(a.mem.writeback);        /* post-indexing writes back */

    ok(&a, "mem base=rn offset=\"imm * 4 + 2\" size=1 wb");
    ck_assert(!a.mem.post);
    ck_assert(a.mem.writeback);
    ck_assert_str_eq(dt_expr_text(a.mem.offset), "imm * 4 + 2");

    ok(&a, "mem size=65536 base=x offset=(dec(imm) - (4)) align=65536");
    ck_assert_str_eq(dt_expr_text(a.mem.offset), "(dec(imm) - (4))");
    ck_assert_int_eq(a.mem.size, 65536);
    ok(&a, "mem base=x size=6 align=2");     /* LD3 of halfwords */
    ck_assert_int_eq(a.mem.size, 6);
    ck_assert_int_eq(a.mem.align, 2);
    dt_annot_free(&a);
    ck_assert(!a.mem.present);
}
END_TEST

START_TEST(test_pcrel)
{
    static const char *const wrong[][2] = {
        { "pcrel", "needs target=EXPR field=ARG size=N" },
        { "pcrel target=imm*4 field=imm", "needs target=EXPR" },
        { "pcrel result=rs size=4", "result= stands alone" },
        { "pcrel result=rs pcalign=8", "result= stands alone" },
        { "pcrel target=imm field=imm size=65", "size=65 must be an "
          "integer from 1 to 64" },
        { "pcrel target=imm field=imm size=4 align=3", "align=3 must be a "
          "power of two" },
        { "pcrel target=imm field=imm size=4 pcalign=131072", "pcalign="
          "131072 must be a power of two from 1 to 65536" },
        { "pcrel target=imm field=1x size=4", "field='1x' is not a field "
          "name" },
        { "pcrel target=imm target=imm field=imm size=4", "duplicate "
          "'target='" },
        { "pcrel target=imm+ field=imm size=4", "expected a value" },
        { "pcrel base=rs", "unknown key 'base=' (valid: target= field= "
          "size= align= pcalign= result=)" },
        { "pcrel result", "'result' needs a value" },
    };
    DtAnnot a = { 0 }, c;
    DtPattern p;
    int64_t raw[5] = { 0, 0, 3, 0, 9 };
    bool fault;

    ok(&a, "pcrel target=8+imm*4 field=imm size=8 align=8 pcalign=8");
    ck_assert(a.pcrel.present);
    ck_assert_str_eq(a.pcrel.field, "imm");
    ck_assert_ptr_null(a.pcrel.result);
    ck_assert_int_eq(a.pcrel.size, 8);
    ck_assert_int_eq(a.pcrel.align, 8);
    ck_assert_int_eq(a.pcrel.pcalign, 8);
    ck_assert_int_eq(a.pcrel.fieldidx, -1);
    ck_assert_int_eq(dt_annot_copy(&c, &a), 0);
    dt_annot_free(&a);
    test_pattern(&p);
    p.annot = c;
    ck_assert_int_eq(dt_annot_bind(&p, err, sizeof(err)), 0);
    ck_assert_int_eq(p.annot.pcrel.fieldidx, 2);
    ck_assert_int_eq(dt_expr_eval(p.annot.pcrel.target, raw, NULL, &fault),
                     20);
    dt_annot_free(&p.annot);
    ck_assert(!p.annot.pcrel.present);

    /* An address form, then one naming a field the pattern lacks. */
    ok(&a, "pcrel result=rt");
    ck_assert_int_eq(a.pcrel.align, 1);
    ck_assert_int_eq(a.pcrel.pcalign, 1);
    test_pattern(&p);
    p.annot = a;
    ck_assert_int_eq(dt_annot_bind(&p, err, sizeof(err)), 0);
    ck_assert_int_eq(p.annot.pcrel.resultidx, 1);
    dt_annot_free(&p.annot);
    memset(&a, 0, sizeof(a));
    ok(&a, "pcrel result=rd");
    test_pattern(&p);
    p.annot = a;
    ck_assert_int_eq(dt_annot_bind(&p, err, sizeof(err)), -1);
    ck_assert_str_eq(err, "t.decode:5: error: pcrel: pattern LW has no "
                     "field 'rd'");
    dt_annot_free(&p.annot);
    for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
        ck_assert_contains(bad(wrong[i][0]), wrong[i][1]);
    }
}
END_TEST

static const struct {
    const char *directive;
    const char *msg;
} errors[] = {
    { "", "empty directive (valid: reg, constraint, reserved, mem, branch, "
      "block, tags, requires, weight, never, dontcare, pcrel)" },
    { "   ", "empty directive" },
    { "regs gpr rs", "unknown directive 'regs' (valid: reg, constraint, "
      "reserved, mem, branch, block, tags, requires, weight, never, dontcare, "
      "pcrel)" },
    { "all: tags x", "unknown directive 'all:'" },
    { "averyveryverylongdirectivename x", "unknown directive "
      "'averyveryverylongdirectivename'" },
    { "reg", "reg needs a class and at least one field" },
    { "reg gpr", "reg needs a class and at least one field" },
    { "reg 1gpr rs", "reg: '1gpr' is not a register class name" },
    { "reg gpr r-s", "reg: 'r-s' is not a field name" },
    { "reg gpr ?", "reg: '?' is not a field name" },
    { "reg gpr rs??", "reg: 'rs?' is not a field name" },
    { "constraint", "constraint needs an expression" },
    { "reserved", "reserved needs an expression" },
    { "reserved rs ==", "expected a value near end of expression" },
    { "constraint rs ==", "t.decode:5: error: col 6: expected a value near "
      "end of expression" },
    { "constraint (rs", "missing ')'" },
    { "mem", "mem needs base=FIELD and size=BYTES" },
    { "mem base=rs", "mem needs base=FIELD and size=BYTES" },
    { "mem size=4", "mem needs base=FIELD and size=BYTES" },
    { "mem base=rs size=0", "mem: size=0 must be an integer from 1 to "
      "65536" },
    { "mem base=rs size=65537", "size=65537 must be an integer from 1" },
    { "mem base=rs size=four", "size=four must be" },
    { "mem base=rs size=-4", "size=-4 must be" },
    { "mem base=rs size=4 align=0", "align=0 must be an integer" },
    { "mem base=rs size=4 align=6", "mem: align=6 must be a power of two" },
    { "mem base=rs size=4 align=131072", "align=131072 must be an integer" },
    { "mem base=rs size=4 align=", "align= must be" },
    { "mem base=rs size=4 size=4", "mem: duplicate 'size='" },
    { "mem base=rs base=rt size=4", "mem: duplicate 'base='" },
    { "mem base=rs size=4 post post", "mem: duplicate 'post'" },
    { "mem base=rs size=4 wb wb", "mem: duplicate 'wb'" },
    { "mem base=rs size=4 post=1", "mem: 'post' takes no value" },
    { "mem base=rs size=4 offset=1 offset=2", "mem: duplicate 'offset='" },
    { "mem base=rs size=4 width=4", "mem: unknown key 'width=' (valid: "
      "base= index= offset= scale= size= align= post wb)" },
    { "mem base=rs size=4 pre", "mem: unknown key 'pre'" },
    { "mem base=1 size=4", "mem: base='1' is not a field name" },
    { "mem base=rs index=r+1 size=4", "mem: index='r+1' is not a field name" },
    { "mem base=rs size=4 scale=4", "mem: scale= needs index=" },
    { "mem base=rs size=4 offset=imm+", "col 5: expected a value near end "
      "of expression" },
    { "mem base=rs size=4 offset=(imm", "unbalanced quote or parenthesis "
      "in 'offset=(imm'" },
    { "mem base=rs size=4 offset=imm)", "unbalanced quote or parenthesis" },
    { "mem base=rs size=4 offset=\"imm", "unbalanced quote or parenthesis" },
    { "tags", "tags needs at least one name" },
    { "tags a,b", "tags: 'a,b' is not a valid name" },
    { "requires", "requires needs at least one name" },
    { "requires m$a", "requires: 'm$a' is not a valid name" },
    { "weight", "weight takes one non-negative integer" },
    { "weight -1", "weight takes one non-negative integer" },
    { "weight 1 2", "weight takes one non-negative integer" },
    { "weight 1.5", "weight takes one non-negative integer" },
    { "weight 1000001", "weight 1000001 is too large (maximum 1000000)" },
    { "weight 99999999999999999999999", "weight takes one non-negative" },
    { "dontcare", "dontcare takes one non-negative integer" },
    { "dontcare 0x", "dontcare takes one non-negative integer" },
    { "dontcare 0x1ffffffffffffffff", "dontcare takes one" },
};

START_TEST(test_errors)
{
    ck_assert_contains(bad(errors[_i].directive), errors[_i].msg);
}
END_TEST

/* A failed directive leaves the annotation as it was. */
START_TEST(test_error_no_change)
{
    DtAnnot a = { 0 };

    ok(&a, "mem base=rs size=4");
    ck_assert_int_eq(dt_annot_apply(&a, "mem base=rt size=0", "f", 1,
                                    err, sizeof(err)), -1);
    ck_assert_str_eq(a.mem.base, "rs");
    ck_assert_int_eq(dt_annot_apply(&a, "constraint (", "f", 1,
                                    err, sizeof(err)), -1);
    ck_assert_int_eq(a.nconstraints, 0);
    /* NULL buffers and a NULL file are allowed. */
    ck_assert_int_eq(dt_annot_apply(&a, "bogus", NULL, 1, NULL, 0), -1);
    ck_assert_int_eq(dt_annot_apply(&a, NULL, NULL, 1, err, sizeof(err)),
                     -1);
    ck_assert_contains(err, "<annot>:1: error: empty directive");
    dt_annot_free(&a);
    dt_annot_free(&a);      /* freeing twice is harmless: it was zeroed */
    dt_annot_free(NULL);
}
END_TEST

/* ---- the per-file context ------------------------------------------- */

static void comment(DtAnnotCtx *c, const char *text, int line)
{
    int r = dt_annot_comment(c, text, "m.decode", line, err, sizeof(err));

    ck_assert_msg(r == 0, "line %d '%s': %s", line, text, err);
}

START_TEST(test_ctx_pending_and_all)
{
    DtAnnotCtx *c = dt_annot_ctx_new();
    DtAnnot a = { 0 }, b = { 0 }, d = { 0 };

    ck_assert_int_eq(dt_annot_pending(c), 0);
    comment(c, " all: tags mips-int", 1);
    comment(c, "all: weight 2", 2);
    ck_assert_int_eq(dt_annot_pending(c), 0);     /* all: is not pending */
    comment(c, " reg gpr rs rt", 10);
    comment(c, "", 11);                           /* blank "#@" line */
    comment(c, " # a remark for readers", 12);
    comment(c, " weight 5", 13);
    ck_assert_int_eq(dt_annot_pending(c), 10);

    ck_assert_int_eq(dt_annot_take(c, &a, err, sizeof(err)), 0);
    ck_assert_int_eq(dt_annot_pending(c), 0);
    ck_assert_int_eq(a.ntags, 1);
    ck_assert_int_eq(a.nroles, 2);
    ck_assert_int_eq(a.weight, 5);                /* own directive wins */

    /* The next pattern only gets the all: directives. */
    ck_assert_int_eq(dt_annot_take(c, &b, err, sizeof(err)), 0);
    ck_assert_int_eq(b.ntags, 1);
    ck_assert_str_eq(b.tags[0], "mips-int");
    ck_assert_int_eq(b.nroles, 0);
    ck_assert_int_eq(b.weight, 2);

    comment(c, "all: clear", 20);
    ck_assert_int_eq(dt_annot_take(c, &d, err, sizeof(err)), 0);
    ck_assert_int_eq(d.ntags, 0);
    ck_assert(!d.has_weight);
    ck_assert_int_eq(d.weight, 1);                /* the default */

    dt_annot_free(&a);
    dt_annot_free(&b);
    dt_annot_free(&d);
    dt_annot_ctx_free(c);
}
END_TEST

START_TEST(test_ctx_continuation)
{
    DtAnnotCtx *c = dt_annot_ctx_new();
    DtAnnot a = { 0 };

    comment(c, " mem base=rs \\", 30);
    ck_assert_int_eq(dt_annot_pending(c), 30);
    comment(c, "     offset=imm\\  ", 31);
    comment(c, " size=4", 32);
    comment(c, " constraint rs != 0 && \\", 33);
    comment(c, "   rt != 0", 34);
    ck_assert_int_eq(dt_annot_take(c, &a, err, sizeof(err)), 0);
    ck_assert(a.mem.present);
    ck_assert_int_eq(a.mem.size, 4);
    ck_assert_int_eq(a.mem.line, 30);             /* the first line */
    ck_assert_int_eq(a.nconstraints, 1);
    dt_annot_free(&a);

    /* A continuation that never ends is reported at take. */
    comment(c, " reg gpr \\", 40);
    ck_assert_int_eq(dt_annot_pending(c), 40);
    ck_assert_int_eq(dt_annot_take(c, &a, err, sizeof(err)), -1);
    ck_assert_str_eq(err, "m.decode:40: error: '\\' continuation is not "
                     "followed by a '#@' line");
    ck_assert_int_eq(dt_annot_pending(c), 0);
    dt_annot_free(&a);

    /* An error in a continued directive cites its first line. */
    comment(c, " weight \\", 50);
    ck_assert_int_eq(dt_annot_comment(c, " lots", "m.decode", 51, err,
                                      sizeof(err)), -1);
    ck_assert_str_eq(err, "m.decode:50: error: weight takes one "
                     "non-negative integer");
    ck_assert_int_eq(dt_annot_pending(c), 0);
    dt_annot_ctx_free(c);
}
END_TEST

START_TEST(test_ctx_errors)
{
    DtAnnotCtx *c = dt_annot_ctx_new();
    DtAnnot a = { 0 };

    ck_assert_int_eq(dt_annot_comment(c, " bogus", "m.decode", 7, err,
                                      sizeof(err)), -1);
    ck_assert_contains(err, "m.decode:7: error: unknown directive 'bogus'");
    ck_assert_int_eq(dt_annot_pending(c), 0);     /* not remembered */
    ck_assert_int_eq(dt_annot_comment(c, " all:", "m.decode", 8, err,
                                      sizeof(err)), -1);
    ck_assert_contains(err, "m.decode:8: error: 'all:' needs a directive");
    ck_assert_int_eq(dt_annot_comment(c, "all: mem base=rs", "m.decode", 9,
                                      err, sizeof(err)), -1);
    ck_assert_contains(err, "m.decode:9: error: mem needs base=FIELD");

    /* discard drops pending directives and open continuations. */
    comment(c, " tags x", 10);
    comment(c, " tags y \\", 11);
    dt_annot_discard(c);
    ck_assert_int_eq(dt_annot_pending(c), 0);
    ck_assert_int_eq(dt_annot_take(c, &a, err, sizeof(err)), 0);
    ck_assert_int_eq(a.ntags, 0);
    dt_annot_free(&a);

    /* The caller's file name need not outlive the call. */
    {
        char *name = strdup("tmp.decode");

        ck_assert_int_eq(dt_annot_comment(c, " reg gpr rs", name, 3, err,
                                          sizeof(err)), 0);
        free(name);
    }
    ck_assert_int_eq(dt_annot_take(c, &a, err, sizeof(err)), 0);
    ck_assert_str_eq(a.roles[0].file, "tmp.decode");
    dt_annot_free(&a);
    dt_annot_ctx_free(c);
    dt_annot_ctx_free(NULL);
}
END_TEST

/* ---- binding ------------------------------------------------------- */

START_TEST(test_bind)
{
    DtPattern p;
    DtAnnot *a = &p.annot;
    int64_t raw[5] = { 1, 2, 3, 4, 9 };
    bool fault;

    test_pattern(&p);
    ok(a, "reg gpr rs rt fd?");
    ok(a, "mem base=rs index=rt scale=k offset=dec(imm) size=4");
    ok(a, "constraint rs != rt");
    ck_assert_int_eq(dt_annot_bind(&p, err, sizeof(err)), 0);
    ck_assert_int_eq(a->roles[0].argidx, 0);
    ck_assert_int_eq(a->roles[1].argidx, 1);
    ck_assert_int_eq(a->roles[2].argidx, -1);     /* optional, absent */
    ck_assert_int_eq(a->mem.baseidx, 0);
    ck_assert_int_eq(a->mem.indexidx, 1);
    ck_assert_int_eq(dt_expr_eval(a->mem.offset, raw, NULL, &fault), 12);
    ck_assert_int_eq(dt_expr_eval(a->mem.scale, raw, NULL, &fault), 9);
    ck_assert_int_eq(dt_expr_eval(a->constraints[0], raw, NULL, &fault), 1);
    ck_assert_int_eq(a->weight, 1);
    /* Binding twice is fine (e.g. after an overlay added directives). */
    ck_assert_int_eq(dt_annot_bind(&p, err, sizeof(err)), 0);
    dt_annot_free(a);
}
END_TEST

static const struct {
    const char *directive;
    const char *msg;
} bind_errors[] = {
    { "reg gpr rs rd", "o.overlay:9: error: reg: pattern LW has no field "
      "'rd' (it has rs, rt, imm, sa, k)" },
    { "mem base=rb size=4", "o.overlay:9: error: mem base: pattern LW has "
      "no field 'rb'" },
    { "mem base=rs index=ri size=4", "o.overlay:9: error: mem index: "
      "pattern LW has no field 'ri'" },
    { "mem base=rs offset=off size=4", "o.overlay:9: error: unknown field "
      "'off' in 'off'" },
    { "mem base=rs index=rt scale=x size=4", "unknown field 'x' in 'x'" },
    { "constraint rs != rd", "o.overlay:9: error: unknown field 'rd' in "
      "'rs != rd'; pattern LW has rs, rt, imm, sa, k" },
    { "constraint dec(sa) == 1", "o.overlay:9: error: dec(sa): "
      "!function=mystery_expand is not one risu-dt can compute" },
    { "branch rel=4+off*4 field=imm", "o.overlay:9: error: unknown field "
      "'off'" },
    { "branch rel=4+imm*4 field=off", "o.overlay:9: error: branch: pattern "
      "LW has no field 'off' (field=)" },
    { "branch rel=4+rs*4 field=imm", "o.overlay:9: error: branch: the "
      "target expression '4+rs*4' does not read field 'imm'" },
    { "branch reg=rd", "o.overlay:9: error: branch: pattern LW has no "
      "field 'rd' (reg=)" },
    { "branch reg=rs link=ra", "branch: pattern LW has no field 'ra' "
      "(link=)" },
};

START_TEST(test_bind_errors)
{
    DtPattern p;

    test_pattern(&p);
    ck_assert_int_eq(dt_annot_apply(&p.annot, bind_errors[_i].directive,
                                    "o.overlay", 9, err, sizeof(err)), 0);
    ck_assert_int_eq(dt_annot_bind(&p, err, sizeof(err)), -1);
    ck_assert_contains(err, bind_errors[_i].msg);
    dt_annot_free(&p.annot);
}
END_TEST

/* ---- branch ------------------------------------------------------- */

START_TEST(test_branch)
{
    DtPattern p;
    DtBranch *b = &p.annot.branch;
    int64_t raw[5] = { 1, 2, -3, 4, 9 };
    bool fault;

    test_pattern(&p);
    ok(&p.annot, "branch rel=4+imm*4 field=imm cond slot likely link=31");
    ck_assert_int_eq(b->kind, DT_BRANCH_REL);
    ck_assert(b->cond && b->likely && !b->forbidden);
    ck_assert_int_eq(b->slot, 1);
    ck_assert_int_eq(b->slotwidth, 0);
    ck_assert_int_eq(b->linkreg, 31);
    ck_assert_ptr_null(b->link);
    ck_assert_str_eq(b->file, "t.decode");
    ck_assert_int_eq(b->line, 5);
    ck_assert_int_eq(dt_annot_bind(&p, err, sizeof(err)), 0);
    ck_assert_int_eq(b->fieldidx, 2);
    ck_assert_int_eq(b->regidx, -1);
    ck_assert_int_eq(b->linkidx, -1);
    ck_assert_int_eq(dt_expr_eval(b->target, raw, NULL, &fault), -8);

    /* slot=W: a delay slot whose instruction is W bits wide. */
    ok(&p.annot, "branch rel=2+imm*2 field=imm slot=16 link=31");
    ck_assert_int_eq(b->slot, 1);
    ck_assert_int_eq(b->slotwidth, 16);

    /* A later branch directive replaces the earlier one. */
    ok(&p.annot, "branch reg=rs plus=k link=rt");
    ck_assert_int_eq(b->kind, DT_BRANCH_REG);
    ck_assert(!b->cond && !b->slot && !b->likely && !b->slotwidth);
    ck_assert_int_eq(b->linkreg, -1);
    ck_assert_int_eq(dt_annot_bind(&p, err, sizeof(err)), 0);
    ck_assert_int_eq(b->regidx, 0);
    ck_assert_int_eq(b->linkidx, 1);
    ck_assert_int_eq(b->fieldidx, -1);
    ck_assert_int_eq(dt_expr_eval(b->target, raw, NULL, &fault), 9);

    ok(&p.annot, "branch abs=imm*4 field=imm slot");
    ck_assert_int_eq(b->kind, DT_BRANCH_ABS);
    ok(&p.annot, "branch rel=\"4 + imm\" field=imm cond forbidden");
    ck_assert(b->forbidden && b->cond && !b->slot);
    ck_assert_int_eq(dt_annot_bind(&p, err, sizeof(err)), 0);
    ck_assert_int_eq(dt_expr_eval(b->target, raw, NULL, &fault), 1);
    dt_annot_free(&p.annot);
    ck_assert_int_eq(b->kind, DT_BRANCH_NONE);
}
END_TEST

static const struct {
    const char *directive;
    const char *msg;
} branch_errors[] = {
    { "branch", "t.decode:5: error: branch: needs rel=EXPR, abs=EXPR or "
      "reg=FIELD" },
    { "branch cond slot", "needs rel=EXPR, abs=EXPR or reg=FIELD" },
    { "branch rel=4+imm", "branch: rel= needs field=FIELD" },
    { "branch abs=imm*4", "branch: abs= needs field=FIELD" },
    { "branch rel=imm abs=imm field=imm", "only one of rel=, abs= and "
      "plus=" },
    { "branch rel=imm field=imm field=rs", "duplicate 'field='" },
    { "branch rel=imm field=1x", "field='1x' is not a field name" },
    { "branch rel=(imm field=imm", "unbalanced quote or parenthesis" },
    { "branch rel=imm+ field=imm", "expected a value" },
    { "branch reg=rs rel=imm field=imm", "reg= excludes rel= and abs=" },
    { "branch reg=rs plus=4 rel=4", "only one of" },
    { "branch rel=imm reg=rs", "reg= excludes rel= and abs=" },
    { "branch reg=rs field=imm", "field= is for rel= and abs=" },
    { "branch reg=rs reg=rt", "duplicate 'reg='" },
    { "branch plus=4", "plus= needs reg=" },
    { "branch rel=imm field=imm slot slot", "duplicate 'slot'" },
    { "branch rel=imm field=imm slot slot=32", "duplicate 'slot'" },
    { "branch rel=imm field=imm slot=8", "slot=8: the slot instruction's "
      "width in bits, 16 or 32" },
    { "branch rel=imm field=imm cond cond", "duplicate 'cond'" },
    { "branch rel=imm field=imm likely slot", "likely needs cond and slot" },
    { "branch rel=imm field=imm likely cond", "likely needs cond and slot" },
    { "branch rel=imm field=imm slot forbidden", "forbidden (a compact "
      "branch) and slot exclude each other" },
    { "branch rel=imm field=imm link=256", "link=256: a field name or a "
      "register number from 0 to 255" },
    { "branch rel=imm field=imm link=3x", "link=3x: a field name" },
    { "branch rel=imm field=imm link=31 link=ra", "duplicate 'link='" },
    { "branch rel=imm field=imm link=ra link=31", "link=31: a field name" },
    { "branch rel=imm field=imm link=-", "link='-' is not a field name" },
    { "branch rel=imm field=imm taken", "unknown key 'taken' (valid: rel= "
      "abs= reg= field= plus= link= cond slot slot= likely forbidden)" },
    { "branch rel=imm field=imm to=4", "unknown key 'to='" },
};

START_TEST(test_branch_errors)
{
    DtAnnot a = { 0 };

    /* A bad directive leaves an earlier good one in place. */
    ok(&a, "branch rel=imm field=imm");
    ck_assert_contains(bad(branch_errors[_i].directive),
                       branch_errors[_i].msg);
    ck_assert_int_eq(dt_annot_apply(&a, branch_errors[_i].directive,
                                    "t.decode", 5, err, sizeof(err)), -1);
    ck_assert_int_eq(a.branch.kind, DT_BRANCH_REL);
    ck_assert_str_eq(a.branch.field, "imm");
    dt_annot_free(&a);
}
END_TEST

START_TEST(test_copy)
{
    DtAnnot a = { 0 }, c;
    DtPattern p;
    int64_t raw[5] = { 1, 2, 3, 4, 9 };
    bool fault;

    ok(&a, "reg gpr rs");
    ok(&a, "mem base=rs index=rt offset=imm scale=2 size=2 post");
    ok(&a, "constraint rs < rt");
    ok(&a, "reserved rs == 1");
    ok(&a, "reserved rt == 1");
    ok(&a, "tags t1 t2");
    ok(&a, "requires msa");
    ok(&a, "never reason");
    ok(&a, "weight 3");
    ok(&a, "dontcare 1");
    ok(&a, "branch rel=8+imm*4 field=imm cond link=rt");
    ck_assert_int_eq(dt_annot_copy(&c, &a), 0);
    dt_annot_free(&a);              /* the copy must not share anything */

    ck_assert_str_eq(c.roles[0].field, "rs");
    ck_assert_str_eq(c.roles[0].file, "t.decode");
    ck_assert_str_eq(c.mem.base, "rs");
    ck_assert_str_eq(c.mem.index, "rt");
    ck_assert_str_eq(dt_expr_text(c.mem.offset), "imm");
    ck_assert_str_eq(dt_expr_text(c.mem.scale), "2");
    ck_assert(c.mem.post && c.mem.writeback);
    ck_assert_str_eq(c.tags[1], "t2");
    ck_assert_str_eq(c.requires[0], "msa");
    ck_assert_str_eq(c.never_reason, "reason");
    ck_assert_int_eq(c.weight, 3);
    ck_assert_uint_eq(c.dontcare, 1);
    ck_assert_int_eq(c.branch.kind, DT_BRANCH_REL);
    ck_assert_str_eq(c.branch.field, "imm");
    ck_assert_str_eq(c.branch.link, "rt");
    ck_assert_str_eq(c.branch.file, "t.decode");
    ck_assert_str_eq(dt_expr_text(c.branch.target), "8+imm*4");

    test_pattern(&p);
    p.annot = c;
    ck_assert_int_eq(dt_annot_bind(&p, err, sizeof(err)), 0);
    ck_assert_int_eq(dt_expr_eval(p.annot.constraints[0], raw, NULL, &fault),
                     1);
    ck_assert_int_eq(p.annot.nreserved, 2);
    ck_assert_int_eq(p.annot.nconstraints, 1);
    ck_assert_int_eq(p.annot.branch.fieldidx, 2);
    ck_assert_int_eq(p.annot.branch.linkidx, 1);
    ck_assert_int_eq(dt_expr_eval(p.annot.branch.target, raw, NULL, &fault),
                     20);
    ck_assert_int_eq(dt_expr_eval(p.annot.reserved[0], raw, NULL, &fault), 1);
    ck_assert_int_eq(dt_expr_eval(p.annot.reserved[1], raw, NULL, &fault), 0);
    dt_annot_free(&p.annot);

    /* Copying an empty annotation gives an empty one. */
    memset(&a, 0, sizeof(a));
    ck_assert_int_eq(dt_annot_copy(&c, &a), 0);
    ck_assert_int_eq(c.nroles + c.nconstraints + c.ntags + c.nrequires, 0);
    dt_annot_free(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("annot");
    TCase *tc = tcase_create("annot");

    tcase_add_test(tc, test_reg);
    tcase_add_test(tc, test_constraint_tags_misc);
    tcase_add_test(tc, test_mem);
    tcase_add_test(tc, test_pcrel);
    tcase_add_loop_test(tc, test_errors, 0, sizeof(errors) / sizeof(errors[0]));
    tcase_add_test(tc, test_error_no_change);
    tcase_add_test(tc, test_ctx_pending_and_all);
    tcase_add_test(tc, test_ctx_continuation);
    tcase_add_test(tc, test_ctx_errors);
    tcase_add_test(tc, test_bind);
    tcase_add_loop_test(tc, test_bind_errors, 0,
                        sizeof(bind_errors) / sizeof(bind_errors[0]));
    tcase_add_test(tc, test_branch);
    tcase_add_loop_test(tc, test_branch_errors, 0,
                        sizeof(branch_errors) / sizeof(branch_errors[0]));
    tcase_add_test(tc, test_copy);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
