/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Architectures, images and their metadata, the preamble data block. */
#include <capstone/capstone.h>
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "arch/arm/arch.h"
#include "arch/mips/arch.h"
#include "format/image.h"
#include "format/meta.h"
#include "tests/tools/suites.h"
#include "tools/cmds.h"
#include "arch/archtab.h"
#include "arch/flavour.h"
#include "tools/shrgroup.h"
#include "tools/timage.h"
#include "tools/tutil.h"

START_TEST(test_arch_names)
{
    const ArchEntry *e;
    const ArchHost *a;

    ck_assert_ptr_nonnull(e = arch_find("mips"));
    a = e->host;
    ck_assert(a->big_endian && !a->is64 && !strcmp(a->family, "mips"));
    ck_assert_ptr_eq(e->regs, &risu_arch_mips32);
    ck_assert_ptr_nonnull(e = arch_find("mips64r6el"));
    a = e->host;
    ck_assert(!a->big_endian && a->is64 && a->fr1_always);
    ck_assert_ptr_nonnull(e = arch_find("thumb"));
    a = e->host;
    ck_assert(a->insn_unit == 2 && a->trap_bytes == 2 &&
              a->optrap_bytes == 10);
    ck_assert_ptr_nonnull(e = arch_find("aarch64"));
    ck_assert_uint_eq(e->host->trap_checkpoint, 0x00005af0);
    ck_assert_ptr_null(arch_find("x86"));
}
END_TEST

/* The trace header (arch id, byte order, recorder) picks the arch. */
START_TEST(test_arch_for_trace)
{
    const ArchEntry *e;

    e = arch_for_trace(RISU_ARCH_ID_MIPS32, true,
                       "risu-mips hilo fpu nan-legacy");
    ck_assert_str_eq(e->name, "mips");
    e = arch_for_trace(RISU_ARCH_ID_MIPS32, false, "risu-mipsisa32r6el fpu");
    ck_assert_str_eq(e->name, "mipsr6el");
    e = arch_for_trace(RISU_ARCH_ID_ARM32, false,
                       "risu-armhf v8l vfp d32 neon thumb");
    ck_assert_str_eq(e->name, "thumb");
    e = arch_for_trace(RISU_ARCH_ID_ARM32, false, "risu-armhf v8l vfp thumbx");
    ck_assert_str_eq(e->name, "arm");
    /* One byte order only: the header's flag does not matter. */
    e = arch_for_trace(RISU_ARCH_ID_ARM32, true, "risu-armhf");
    ck_assert_str_eq(e->name, "arm");
    ck_assert_ptr_null(arch_for_trace(32343, false, ""));
    ck_assert(!arch_host_unknown(true)->family);
    ck_assert(arch_host_unknown(true)->big_endian);
}
END_TEST

/* Every arch's default flavours exist, and its capstone choice is sane. */
START_TEST(test_arch_registry)
{
    const char *f[4];

    for (const ArchEntry *e = arch_table; e->name; e++) {
        const ArchHost *a = e->host;

        ck_assert_str_eq(a->name, e->name);
        if (!a->flavour) {
            /* Big-endian R6: no toolchain, so no runner to name. */
            ck_assert(a->big_endian);
            ck_assert_int_eq(arch_host_flavours(a, f, 4), 0);
            continue;
        }
        ck_assert_int_ge(arch_host_flavours(a, f, 4), 1);
        ck_assert_ptr_nonnull(arch_flavour_find(a->flavour(false, false)));
        ck_assert_ptr_nonnull(arch_flavour_find(a->flavour(true, true)));
        ck_assert_int_gt(a->ncpus, 0);
        ck_assert_uint_eq(a->trace_arch_id, e->regs->arch_id);
    }
    ck_assert_int_eq(arch_host_flavours(arch_find("mipsel")->host, f, 4), 3);
    ck_assert_str_eq(f[0], "mipsel");
    ck_assert_str_eq(f[1], "mipsel-fp64");
    ck_assert_str_eq(f[2], "mipsel-fp64-nan2008");
    ck_assert_str_eq(arch_find("mips64r6el")->host->flavour(false, false),
                     "mipsisa64r6el");
    ck_assert(strstr(arch_name_list(), "mips, mipsel, "));
    /* The host faces spell capstone's constants without its header. */
    ck_assert_int_eq(arch_find("mips64r6")->host->cs_arch, CS_ARCH_MIPS);
    ck_assert_uint_eq(arch_find("mips64r6")->host->cs_mode,
                      (unsigned)(CS_MODE_MIPS64 | CS_MODE_MIPS32R6 |
                                 CS_MODE_BIG_ENDIAN));
    ck_assert_int_eq(arch_find("thumb")->host->cs_arch, CS_ARCH_ARM);
    ck_assert_uint_eq(arch_find("thumb")->host->cs_mode,
                      CS_MODE_THUMB | CS_MODE_V8);
    ck_assert_int_eq(arch_find("aarch64")->host->cs_arch, CS_ARCH_ARM64);
}
END_TEST

START_TEST(test_arch_words)
{
    const ArchHost *m, *t;
    uint8_t code[] = { 0x5a, 0xde, 0x12, 0xf8, 0x34, 0x00, 0x00, 0xbf };
    uint8_t be[] = { 0x00, 0x00, 0x00, 0x39 };
    uint32_t w;

    t = arch_find("thumb")->host;
    ck_assert_int_eq(arch_trap_at(t, code, sizeof(code), 0), 1);
    ck_assert_int_eq(arch_insn_at(t, code, sizeof(code), 2, &w), 4);
    ck_assert_uint_eq(w, 0xf8120034);
    ck_assert_int_eq(arch_insn_at(t, code, sizeof(code), 6, &w), 2);
    ck_assert_uint_eq(w, 0xbf00);
    ck_assert_int_eq(arch_insn_size(t, 0xbf00), 2);
    ck_assert_int_eq(arch_insn_size(t, 0xf8120034), 4);
    ck_assert_int_eq(arch_insn_at(t, code, 7, 6, &w), 0);
    m = arch_find("mips")->host;
    ck_assert_int_eq(arch_trap_at(m, be, 4, 0), 1);
    ck_assert_uint_eq(arch_rd32(m, be), 0x39);
    arch_wr32(m, be, 0x3d);
    ck_assert_int_eq(be[3], 0x3d);
    /* An OPTRAP needs its two data words. */
    ck_assert_int_eq(arch_trap_at(m, be, 4, 0), 0);
}
END_TEST

/* A literal pool: the OPTRAP SKIP's data bytes, cut at the code's end. */
START_TEST(test_skip_at)
{
    const ArchHost *t = arch_find("thumb")->host, *a;
    uint8_t code[24] = { 0 };
    bool past;

    arch_wr16(t, code, t->trap_op);
    arch_wr32(t, code + 2, RISU_OP_SKIP);
    arch_wr32(t, code + 6, 8);
    ck_assert_uint_eq(arch_skip_at(t, code, 18, 0, &past), 8);
    ck_assert(!past);
    ck_assert_uint_eq(arch_skip_at(t, code, 14, 0, &past), 4);
    ck_assert(past);
    arch_wr32(t, code + 2, RISU_OP_CODEOFF);
    ck_assert_uint_eq(arch_skip_at(t, code, 18, 0, &past), 0);
    a = arch_find("aarch64")->host;
    arch_wr32(a, code, a->trap_op);
    arch_wr32(a, code + 4, RISU_OP_SKIP);
    arch_wr32(a, code + 8, 12);
    ck_assert_uint_eq(arch_skip_at(a, code, 24, 0, &past), 12);
    ck_assert_uint_eq(arch_skip_at(a, code, 24, 4, &past), 0);
    ck_assert_str_eq(image_op_name(RISU_OP_SKIP), "SKIP");
    ck_assert_str_eq(image_op_name(RISU_OP_CODEOFF), "CODEOFF");
}
END_TEST

START_TEST(test_signals)
{
    const ArchHost *m, *a;

    m = arch_find("mipsel")->host;
    a = arch_find("aarch64")->host;
    ck_assert_str_eq(arch_signame(m, 10), "SIGBUS");
    ck_assert_str_eq(arch_signame(a, 7), "SIGBUS");
    ck_assert_str_eq(arch_signame(a, 0), "none");
    ck_assert_str_eq(arch_sicode_name(a, 4, 1), "ILL_ILLOPC");
    ck_assert_str_eq(arch_sicode_name(m, 10, 1), "BUS_ADRALN");
    ck_assert_str_eq(arch_sicode_name(m, 4, 128), "SI_KERNEL");
    ck_assert_ptr_null(arch_sicode_name(m, 4, 77));
    /* QEMU's ILL_ILLOPN for UDF compares as the kernel's ILL_ILLOPC. */
    ck_assert_int_eq(arch_si_norm(a, 4, 2), 1);
    ck_assert_int_eq(arch_si_norm(m, 4, 2), 2);
}
END_TEST

Suite *tarch_suite(void)
{
    Suite *s = suite_create("tarch");
    TCase *tc = tcase_create("tarch");

    tcase_add_test(tc, test_arch_names);
    tcase_add_test(tc, test_arch_for_trace);
    tcase_add_test(tc, test_arch_registry);
    tcase_add_test(tc, test_arch_words);
    tcase_add_test(tc, test_skip_at);
    tcase_add_test(tc, test_signals);
    suite_add_tcase(s, tc);
    return s;
}

/* ---- metadata ---- */

static const char meta1[] =
    "format=1\narch=mipsel\nendian=little\nseed=7\n"
    "options=--arch mipsel --numinsns 2 --seed 7 --pattern 'ADD.*' "
    "--insnwidth 32 a.decode+b.decode c.decode\n"
    "features=fpu,fr0\n"
    "pattern-file=a.decode 0123456789abcdef0123456789abcdef0123456789abcdef"
    "0123456789abcdef\n"
    "insns=2\n10 ADDU\n1c SUBU\n";

START_TEST(test_meta_parse)
{
    TImage img;
    char err[200];

    memset(&img, 0, sizeof(img));
    ck_assert_int_eq(timg_parse_meta(&img, meta1, strlen(meta1), err,
                                     sizeof(err)), 0);
    ck_assert_str_eq(img.arch, "mipsel");
    ck_assert(img.arch_known && !img.ta->big_endian);
    ck_assert_int_eq(img.ninsns, 2);
    ck_assert_str_eq(timg_pattern(&img, 0x1c), "SUBU");
    ck_assert_ptr_null(timg_pattern(&img, 0x18));
    ck_assert_int_eq(timg_index_before(&img, 0x10), -1);
    ck_assert_int_eq(timg_index_before(&img, 0x11), 0);
    ck_assert_int_eq(timg_index_before(&img, 0x100), 1);
    ck_assert_int_eq(img.npfiles, 1);
    ck_assert_str_eq(img.pfiles[0].name, "a.decode");
    ck_assert(timg_has_feature(&img, "fr0"));
    ck_assert(!timg_has_feature(&img, "fr"));
    timg_free(&img);
}
END_TEST

/* mem=SIZE/ALIGN: the name stops before it, shrink keeps it. */
START_TEST(test_meta_mem_attr)
{
    static const char meta[] = "arch=mipsel\ninsns=2\n10 LW mem=4/4 x=y\n"
                               "1c SUBU\n";
    RisuMeta m;
    RisuMetaInsn in;
    TImage img;
    uint32_t pos = 0;
    char err[200];

    ck_assert_int_eq(risu_meta_parse(&m, meta, strlen(meta), err,
                                     sizeof(err)), 0);
    ck_assert(risu_meta_next_insn_ex(&m, &pos, &in));
    ck_assert_int_eq(in.nlen, 2);
    ck_assert_int_eq(in.mem_size, 4);
    ck_assert_int_eq(in.mem_align, 4);
    ck_assert(risu_meta_next_insn_ex(&m, &pos, &in));
    ck_assert_int_eq(in.mem_size, 0);
    memset(&img, 0, sizeof(img));
    ck_assert_int_eq(timg_parse_meta(&img, meta, strlen(meta), err,
                                     sizeof(err)), 0);
    ck_assert_str_eq(img.insn_name[0], "LW");
    ck_assert_str_eq(img.insn_text[0], "LW mem=4/4 x=y");
    ck_assert_str_eq(img.insn_text[1], "SUBU");
    timg_free(&img);
}
END_TEST

/* join= and slot= (branch groups): parsed, and bad values refused. */
START_TEST(test_meta_branch_attrs)
{
    static const char meta[] = "arch=mipsel\ninsns=3\n10 BEQ join=2c\n"
                               "14 ADDU slot=10\n18 LW mem=4/4 slot=10\n";
    static const char *const bad[] = {
        "arch=mipsel\ninsns=1\n10 BEQ join=\n",
        "arch=mipsel\ninsns=1\n10 BEQ join=xyz\n",
        "arch=mipsel\ninsns=1\n10 BEQ join=123456789\n",
        "arch=mipsel\ninsns=1\n10 ADDU slot=-4\n",
    };
    RisuMeta m;
    RisuMetaInsn in;
    uint32_t pos = 0;
    char err[200];

    ck_assert_int_eq(risu_meta_parse(&m, meta, strlen(meta), err,
                                     sizeof(err)), 0);
    ck_assert(risu_meta_next_insn_ex(&m, &pos, &in));
    ck_assert(in.has_join && !in.in_slot);
    ck_assert_uint_eq(in.join, 0x2c);
    ck_assert_int_eq(in.nlen, 3);
    ck_assert(risu_meta_next_insn_ex(&m, &pos, &in));
    ck_assert(!in.has_join && in.in_slot);
    ck_assert_uint_eq(in.slot_of, 0x10);
    ck_assert(risu_meta_next_insn_ex(&m, &pos, &in));
    ck_assert(in.in_slot && in.mem_size == 4);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        ck_assert_int_eq(risu_meta_parse(&m, bad[i], strlen(bad[i]), err,
                                         sizeof(err)), -1);
        ck_assert_msg(strstr(err, "bad instruction line"), "%s", err);
    }
}
END_TEST

START_TEST(test_meta_errors)
{
    static const char *const bad[] = {
        "arch=mipsel\ninsns=2\n10 ADDU\n",
        "arch=mipsel\ninsns=1\n10 ADDU\n14 SUBU\n",
        "arch=mipsel\ninsns=2\n10 ADDU\n10 SUBU\n",
        "arch=mipsel\ninsns=1\nzz ADDU\n",
        "arch=mipsel\njunk line\n",
        "arch=mipsel\ninsns=x\n",
        "pattern-file=a.decode 0123\n",
        "arch=mipsel\ninsns=1\n10 LW mem=3/3\n",
        "arch=mipsel\ninsns=1\n10 LW mem=0/1\n",
        "arch=mipsel\ninsns=1\n10 LW junk\n",
        "arch=mipsel\ninsns=1\n10 LW mem=4\n",
    };
    static const char *const why[] = {
        "insns=2 but 1", "more instruction lines", "not above",
        "bad instruction line", "line 2: not key=value", "bad insns=",
        "bad pattern-file", "bad instruction line", "bad instruction line",
        "bad instruction line", "bad instruction line",
    };

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        TImage img;
        char err[200] = "";

        memset(&img, 0, sizeof(img));
        ck_assert_int_eq(timg_parse_meta(&img, bad[i], strlen(bad[i]), err,
                                         sizeof(err)), -1);
        ck_assert_msg(strstr(err, why[i]), "case %zu: %s", i, err);
        timg_free(&img);
    }
}
END_TEST

START_TEST(test_image_roundtrip)
{
    char dir[] = "/tmp/rt-test-XXXXXX", err[300];
    char *p1, *p2, *meta;
    TImage a, b;
    uint8_t code[32] = { 0x3d, 0, 0, 0 };
    uint32_t off[1] = { 0x14 };
    char *names[1] = { "SUBU" };
    static const char *const drop[] = { "seed", NULL };
    uint8_t *raw;
    size_t len;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    p1 = xasprintf("%s/a.bin", dir);
    p2 = xasprintf("%s/b.bin", dir);
    ck_assert_int_eq(timg_write_raw(p1, code, sizeof(code), meta1, err,
                                    sizeof(err)), 0);
    ck_assert_int_eq(timg_load(&a, p1, err, sizeof(err)), 0);
    ck_assert_int_eq(a.code_len, 32);
    ck_assert_int_eq(a.ninsns, 2);
    meta = timg_meta_build(&a, drop, "extra=1\n", off, names, 1);
    ck_assert(strstr(meta, "extra=1\ninsns=1\n14 SUBU\n"));
    ck_assert(!strstr(meta, "seed="));
    ck_assert_int_eq(timg_write_raw(p2, code, 24, meta, err, sizeof(err)),
                     0);
    ck_assert_int_eq(timg_load(&b, p2, err, sizeof(err)), 0);
    ck_assert_int_eq(b.code_len, 24);
    ck_assert_str_eq(b.insn_name[0], "SUBU");
    ck_assert_str_eq(b.seed, "");
    ck_assert(memcmp(a.digest, b.digest, 32));
    timg_free(&a);
    timg_free(&b);
    free(meta);

    /* Cut the trailer's file: the error names the file and offset. */
    raw = read_file(p1, READ_MAX_IMAGE, &len, err, sizeof(err));
    ck_assert_ptr_nonnull(raw);
    ck_assert_int_eq(write_file(p2, raw + 1, len - 1, err, sizeof(err)), 0);
    ck_assert_int_eq(timg_load(&b, p2, err, sizeof(err)), -1);
    ck_assert_msg(strstr(err, "b.bin: offset") && strstr(err, "trailer"),
                  "%s", err);
    timg_free(&b);
    /* A table offset beyond the code. */
    ck_assert_int_eq(timg_write_raw(p2, code, 16, meta1, err, sizeof(err)),
                     0);
    ck_assert_int_eq(timg_load(&b, p2, err, sizeof(err)), -1);
    ck_assert_msg(strstr(err, "beyond the code"), "%s", err);
    timg_free(&b);
    free(raw);
    unlink(p1);
    unlink(p2);
    rmdir(dir);
    free(p1);
    free(p2);
}
END_TEST

/* An image whose table is empty: coverage counts nothing, cleanly (it
 * used to hand qsort a NULL base, which UBSan reports). */
START_TEST(test_coverage_no_patterns)
{
    char dir[] = "/tmp/rt-test-XXXXXX", err[300];
    uint8_t code[16] = { 0 };
    char *p;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    p = xasprintf("%s/empty.bin", dir);
    ck_assert_int_eq(timg_write_raw(p, code, sizeof(code),
                                    "format=1\narch=mipsel\nendian=little\n"
                                    "insns=0\n", err, sizeof(err)), 0);
    char *argv[] = { "coverage", p, NULL };
    FILE *save = stdout;
    stdout = fopen("/dev/null", "w");
    int rc = cmd_coverage(2, argv);
    fclose(stdout);
    stdout = save;
    ck_assert_int_eq(rc, 0);
    unlink(p);
    rmdir(dir);
    free(p);
}
END_TEST

START_TEST(test_preamble_data)
{
    const ArchHost *m, *a, *t;
    /* OPTRAP SETADDR at 0; b +0x10 (beq $0,$0,3) at 0xc; delay slot. */
    uint8_t mc[0x40] = { 0 };
    uint8_t ac[0x40] = { 0 };
    uint8_t tc[0x40] = { 0 };
    uint32_t from, to;

    m = arch_find("mipsel")->host;
    arch_wr32(m, mc, m->trap_op);
    arch_wr32(m, mc + 4, RISU_OP_SETADDR | 1 << 8);
    arch_wr32(m, mc + 12, 0x10000005);
    ck_assert(preamble_data(m, mc, sizeof(mc), &from, &to));
    ck_assert_uint_eq(from, 0x14);
    ck_assert_uint_eq(to, 0xc + 4 + 0x14);
    a = arch_find("aarch64")->host;
    arch_wr32(a, ac, a->trap_op);
    arch_wr32(a, ac + 12, 0x14000005);
    ck_assert(preamble_data(a, ac, sizeof(ac), &from, &to));
    ck_assert_uint_eq(from, 0x10);
    ck_assert_uint_eq(to, 0xc + 0x14);
    t = arch_find("thumb")->host;
    arch_wr16(t, tc, t->trap_op);
    arch_wr16(t, tc + 10, 0xe005);
    ck_assert(preamble_data(t, tc, sizeof(tc), &from, &to));
    ck_assert_uint_eq(from, 12);
    ck_assert_uint_eq(to, 10 + 4 + 10);
    /* Not a branch: no data block. */
    arch_wr32(m, mc + 12, 0x24010001);
    ck_assert(!preamble_data(m, mc, sizeof(mc), &from, &to));
}
END_TEST

/*
 * Shrink groups: a branch's units through its join are one group, a slot
 * owner and members inside one unit change nothing; a divergent unit in
 * a group reaches its join; compacting moves join= and slot= with it.
 */
START_TEST(test_shrink_groups)
{
    static const char meta[] = "arch=mipsel\ninsns=5\n10 BEQ join=2c\n"
                               "14 ADDU slot=10\n18 LW mem=4/4 slot=10\n"
                               "40 IT\n42 ADD slot=40\n";
    /* unit 1: branch, not-taken checkpoint 0x20; 2: join 0x2c */
    static const uint32_t from[] = { 0, 0x0c, 0x24, 0x30, 0x54 };
    static const uint32_t to[] = { 0x08, 0x20, 0x2c, 0x50, 0x60 };
    TImage img = { 0 };
    int grp[5];
    char err[200], *t;

    ck_assert_int_eq(timg_parse_meta(&img, meta, strlen(meta), err,
                                     sizeof(err)), 0);
    ck_assert_uint_eq(shrink_groups(&img, from, to, 4, grp), 0);
    ck_assert_int_eq(grp[1], 1);
    ck_assert_int_eq(grp[2], 1);
    ck_assert_int_eq(grp[3], 3);
    ck_assert_int_eq(grp[4], 4);
    ck_assert_uint_eq(shrink_groups(&img, from, to, 1, grp), 0x2c);
    ck_assert_int_eq((int)shrink_branch_in(&img, 0x0c, 0x20), 0);
    ck_assert_int_eq((int)shrink_branch_in(&img, 0x14, 0x60), -1);
    t = shrink_shift_attrs("LW mem=4/4 slot=10 join=2c", -8);
    ck_assert_str_eq(t, "LW mem=4/4 slot=8 join=24");
    free(t);
    timg_free(&img);
}
END_TEST

Suite *timage_suite(void)
{
    Suite *s = suite_create("timage");
    TCase *tc = tcase_create("timage");

    tcase_add_test(tc, test_meta_parse);
    tcase_add_test(tc, test_meta_mem_attr);
    tcase_add_test(tc, test_meta_branch_attrs);
    tcase_add_test(tc, test_meta_errors);
    tcase_add_test(tc, test_image_roundtrip);
    tcase_add_test(tc, test_preamble_data);
    tcase_add_test(tc, test_coverage_no_patterns);
    tcase_add_test(tc, test_shrink_groups);
    suite_add_tcase(s, tc);
    return s;
}
