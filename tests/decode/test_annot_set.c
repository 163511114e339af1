/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Annotations and overlays through the whole library: "#@" comments in
 * a decodetree text, overlays applied by name and glob, binding in
 * dt_set_finish, and the diagnostics a user sees.
 */
#include <stdlib.h>

#include "tests/decode/annotutil.h"

static const char mips_text[] =
    "# a tiny MIPS subset\n"
    "&rrr  rs rt rd\n"
    "%imm16  0:s16\n"
    "%off4   0:s16 !function=times_4\n"
    "@rrr  ...... rs:5 rt:5 rd:5 ..... ......  &rrr\n"
    "#@ all: tags mips-int\n"
    "#@ all: reg gpr rs? rt? rd?\n"
    "\n"
    "#@ constraint rd != 0\n"
    "ADDU  000000 ..... ..... ..... 00000 100001  @rrr\n"
    "#@ reg gpr rt rs\n"
    "#@ mem base=rs offset=imm size=4 align=4\n"
    "# a plain comment between directives and the pattern\n"
    "#@ constraint range(imm, -64, 60) && \\\n"
    "#@     (imm & 3) == 0\n"
    "LW    100011 rs:5 rt:5 ................ imm=%imm16\n"
    "#@ weight 0\n"
    "#@ constraint dec(off) < 0x100\n"
    "BEQ   000100 rs:5 rt:5 ................ off=%off4\n"
    "#@ all: clear\n"
    "SYNC  000000 00000 00000 00000 ----- 001111\n";

static DtSet *load(const char *text, const char *overlay)
{
    DtOptions o = { 0 };
    DtSet *s = dt_set_new(&o);

    dt_set_add_text(s, "t.decode", text, strlen(text));
    if (overlay) {
        dt_set_add_overlay_text(s, "t.overlay", overlay, strlen(overlay));
    }
    dt_set_finish(s);
    return s;
}

static const DtPattern *find(const DtSet *s, const char *name)
{
    size_t i;

    for (i = 0; i < dt_set_npatterns(s); i++) {
        if (strcmp(dt_set_pattern(s, i)->name, name) == 0) {
            return dt_set_pattern(s, i);
        }
    }
    ck_abort_msg("no pattern %s", name);
    return NULL;
}

static int argidx(const DtPattern *p, const char *name)
{
    int i;

    for (i = 0; i < p->nargs; i++) {
        if (strcmp(p->args[i].name, name) == 0) {
            return i;
        }
    }
    return -1;
}

static const char *all_errors(const DtSet *s)
{
    static char buf[4096];
    size_t i, n = 0;

    buf[0] = 0;
    for (i = 0; i < dt_set_nerrors(s) && n < sizeof(buf); i++) {
        n += snprintf(buf + n, sizeof(buf) - n, "%s\n", dt_set_error(s, i));
    }
    return buf;
}

START_TEST(test_inline_annotations)
{
    DtSet *s = load(mips_text, NULL);
    const DtPattern *p;
    int64_t raw[DT_MAX_ARGS];
    bool fault;

    ck_assert_msg(dt_set_nerrors(s) == 0, "%s", all_errors(s));

    p = find(s, "ADDU");
    ck_assert_int_eq(p->annot.ntags, 1);
    ck_assert_str_eq(p->annot.tags[0], "mips-int");
    ck_assert_int_eq(p->annot.nroles, 3);
    ck_assert_int_eq(p->annot.roles[2].argidx, argidx(p, "rd"));
    ck_assert_int_eq(p->annot.nconstraints, 1);
    ck_assert_int_eq(p->annot.weight, 1);

    p = find(s, "LW");
    ck_assert_int_eq(p->annot.nroles, 3);
    ck_assert_int_eq(p->annot.roles[2].argidx, -1);     /* no rd in LW */
    ck_assert(p->annot.mem.present);
    ck_assert_int_eq(p->annot.mem.baseidx, argidx(p, "rs"));
    ck_assert_int_eq(p->annot.mem.size, 4);
    ck_assert_int_eq(p->annot.nconstraints, 1);
    /* lw $1, -8($2): the word decodes, and the constraint holds. */
    ck_assert_ptr_eq(dt_decode(s, 0x8c41fff8, raw), p);
    ck_assert_int_eq(raw[argidx(p, "imm")], -8);
    ck_assert_int_eq(dt_expr_eval(p->annot.constraints[0], raw, NULL,
                                  &fault), 1);
    ck_assert_int_eq(dt_expr_eval(p->annot.mem.offset, raw, NULL, &fault),
                     -8);
    ck_assert_ptr_eq(dt_decode(s, 0x8c41fff9, raw), p);  /* misaligned */
    ck_assert_int_eq(dt_expr_eval(p->annot.constraints[0], raw, NULL,
                                  &fault), 0);

    /* dec(off) is the byte offset: raw 0x40 is 0x100. */
    p = find(s, "BEQ");
    ck_assert_int_eq(p->annot.weight, 0);
    ck_assert_ptr_eq(dt_decode(s, 0x1041003f, raw), p);
    ck_assert_int_eq(dt_expr_eval(p->annot.constraints[0], raw, NULL,
                                  &fault), 1);
    ck_assert_ptr_eq(dt_decode(s, 0x10410040, raw), p);
    ck_assert_int_eq(dt_expr_eval(p->annot.constraints[0], raw, NULL,
                                  &fault), 0);

    p = find(s, "SYNC");
    ck_assert_int_eq(p->annot.ntags, 0);                /* all: clear */
    dt_set_free(s);
}
END_TEST

START_TEST(test_overlay)
{
    static const char overlay[] =
        "# overlay\n"
        "*:        tags ov\n"
        "[AL]*:    requires base\n"
        "BEQ:      weight 7\n"
        "LW:       never UNPREDICTABLE here\n"
        "ADD?:     constraint rs != rt\n";
    DtSet *s = load(mips_text, overlay);
    const DtPattern *p;

    ck_assert_msg(dt_set_nerrors(s) == 0, "%s", all_errors(s));
    p = find(s, "ADDU");
    ck_assert_int_eq(p->annot.ntags, 2);
    ck_assert_str_eq(p->annot.tags[1], "ov");
    ck_assert_int_eq(p->annot.nrequires, 1);
    ck_assert_int_eq(p->annot.nconstraints, 2);
    p = find(s, "LW");
    ck_assert(p->annot.never);
    ck_assert_str_eq(p->annot.never_reason, "UNPREDICTABLE here");
    ck_assert_int_eq(p->annot.nrequires, 1);
    p = find(s, "BEQ");
    ck_assert_int_eq(p->annot.weight, 7);       /* overlay wins */
    ck_assert_int_eq(p->annot.nrequires, 0);
    p = find(s, "SYNC");
    ck_assert_int_eq(p->annot.ntags, 1);
    dt_set_free(s);
}
END_TEST

static const struct {
    const char *text;       /* NULL: mips_text */
    const char *overlay;
    const char *msg;
} errors[] = {
    /* directive syntax, at its own line */
    { "#@ weight x\nNOP 00000000000000000000000000000000\n", NULL,
      "t.decode:1: error: weight takes one non-negative integer" },
    /* a directive that reaches no pattern */
    { "#@ tags x\n%f 0:4\nNOP 00000000000000000000000000000000\n", NULL,
      "t.decode:1: error: annotation not followed by a pattern" },
    /* binding errors cite the directive, not the pattern */
    { "#@ reg gpr rd\n\nA  0000 rs:4 000000000000000000000000\n", NULL,
      "t.decode:1: error: reg: pattern A has no field 'rd' (it has rs)" },
    { "#@ constraint rs <\nA  0000 rs:4 000000000000000000000000\n", NULL,
      "t.decode:1: error: col 5: expected a value" },
    { "#@ all: constraint rs > 1\nA  0000 rs:4 000000000000000000000000\n"
      "B  0001 rt:4 000000000000000000000000\n", NULL,
      "t.decode:1: error: unknown field 'rs' in 'rs > 1'; pattern B has rt" },
    /* overlays */
    { NULL, "LW: reg gpr rd\n",
      "t.overlay:1: error: reg: pattern LW has no field 'rd'" },
    { NULL, "# c\nLW: mem base=rs\n",
      "t.overlay:2: error: mem needs base=FIELD and size=BYTES" },
    { NULL, "\n\nADDV: tags x\n",
      "t.overlay:3: error: no pattern matches 'ADDV' (did you mean 'ADDU'?)" },
    { NULL, "BEQ: constraint dec(rs) == dec(bogus)\n",
      "t.overlay:1: error: unknown field 'bogus'" },
    { NULL, "BEQ no colon\n",
      "t.overlay:1: error: expected 'NAME: DIRECTIVE'" },
};

START_TEST(test_errors)
{
    DtSet *s = load(errors[_i].text ? errors[_i].text : mips_text,
                    errors[_i].overlay);

    ck_assert_msg(dt_set_nerrors(s) > 0, "no error, want %s",
                  errors[_i].msg);
    ck_assert_contains(all_errors(s), errors[_i].msg);
    dt_set_free(s);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("annot-set");
    TCase *tc = tcase_create("set");

    tcase_add_test(tc, test_inline_annotations);
    tcase_add_test(tc, test_overlay);
    tcase_add_loop_test(tc, test_errors, 0, sizeof(errors) / sizeof(errors[0]));
    suite_add_tcase(s, tc);
    return run_suite(s);
}
