/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * State classes (format/classes.c, format/state.h): the metadata list,
 * slot spans, class-restricted comparison, a writer that scans only the
 * spans, and an incremental reader that copies only changed slots.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "format/classes.h"
#include "format/trace-util.h"
#include "tests/format/synth.h"
#include "tests/format/suites.h"

/* Slots: 0-1 "r" (class 0), 2 "f" (1), 3-6 "v" (2), 7 "hash" (always),
 * 8-9 "w" (class 0 again: a class need not be contiguous). */
static const RisuRegDesc cls_regs[] = {
    { "r0", RISU_CLS_GPR, 0, 1, 0, ~0ull, 0 },
    { "r1", RISU_CLS_GPR, 1, 1, 0, ~0ull, 0 },
    { "f", RISU_CLS_CTRL, 2, 1, 0, ~0ull, 0 },
    { "v", RISU_CLS_VEC, 3, 4, 0, ~0ull, 0 },
    { "hash", RISU_CLS_CTRL, 7, 1, 0, ~0ull, 0 },
    { "w", RISU_CLS_GPR, 8, 2, 0, ~0ull, 0 },
};
static const char *const cls_names[] = { "int", "flags", "vec", 0 };

static uint8_t cls_of(const RisuRegDesc *rd)
{
    return rd->slot == 7 ? RISU_CLASS_ALWAYS :
           rd->slot == 2 ? 1 : rd->slot == 3 ? 2 : 0;
}

static const RisuArchDesc cls_arch = {
    .name = "clstest", .arch_id = 0x7e59, .regs = cls_regs, .nregs = 6,
    .nslots = 10, .class_names = cls_names, .reg_class = cls_of,
};

START_TEST(test_parse)
{
    uint32_t m;
    char err[80], txt[40];

    ck_assert_int_eq(risu_classes_parse(&cls_arch, "vec,int", 7, &m, err,
                                        sizeof(err)), 0);
    ck_assert_uint_eq(m, 5);
    ck_assert_str_eq(risu_classes_text(&cls_arch, m, txt, sizeof(txt)),
                     "int,vec");
    ck_assert_int_eq(risu_classes_parse(&cls_arch, "", 0, &m, err,
                                        sizeof(err)), 0);
    ck_assert_uint_eq(m, 0);
    ck_assert_int_eq(risu_classes_parse(&cls_arch, "int,vector", 10, &m,
                                        err, sizeof(err)), -1);
    ck_assert_str_eq(err, "unknown state class 'vector'");
    ck_assert_int_eq(risu_classes_parse(&cls_arch, "int,int", 7, &m, err,
                                        sizeof(err)), -1);
    ck_assert_str_eq(err, "state class named twice 'int'");
    ck_assert_uint_eq(risu_classes_all(&cls_arch), 7);
    ck_assert_uint_eq(risu_record_classes(&cls_arch, 0x32), 7);
    ck_assert_uint_eq(risu_record_classes(&cls_arch, RISU_FEAT_CLASSES |
                                          2u << RISU_FEAT_CLASS_SHIFT), 2);
}
END_TEST

START_TEST(test_spans)
{
    RisuSpans sp;

    /* int: 0-2 (r0, r1), hash 7, w 8-10: merged where adjacent. */
    ck_assert_int_eq(risu_class_spans(&cls_arch, 1, &sp), 0);
    ck_assert_int_eq(sp.n, 2);
    ck_assert_uint_eq(sp.lo[0], 0);
    ck_assert_uint_eq(sp.hi[0], 2);
    ck_assert_uint_eq(sp.lo[1], 7);
    ck_assert_uint_eq(sp.hi[1], 10);
    ck_assert(risu_spans_hold(&sp, 8));
    ck_assert(!risu_spans_hold(&sp, 2));
    ck_assert(!risu_spans_hold(&sp, 3));
    ck_assert(risu_spans_hold(NULL, 3));
    ck_assert_int_eq(risu_class_spans(&cls_arch, 7, &sp), 0);
    ck_assert_int_eq(sp.n, 1);
    ck_assert_uint_eq(sp.hi[0], 10);
    ck_assert(!risu_reg_in_classes(&cls_arch, 3, 1));
    ck_assert(risu_reg_in_classes(&cls_arch, 4, 0));
}
END_TEST

/* Only the registers of the mask count; the fast path sees only spans. */
START_TEST(test_compare)
{
    RisuState a, b;
    RisuSpans sp;
    int diff[8];

    memset(&a, 0, sizeof(a));
    memset(&b, 0, sizeof(b));
    risu_class_spans(&cls_arch, 1, &sp);
    b.slot[4] = 1;      /* v: not in the mask */
    ck_assert_int_eq(risu_compare_classes(&cls_arch, &a, &b, 1, &sp, diff,
                                          8), 0);
    ck_assert_int_eq(risu_compare(&cls_arch, &a, &b, diff, 8), 1);
    b.slot[9] = 1;      /* w: in it */
    ck_assert_int_eq(risu_compare_classes(&cls_arch, &a, &b, 1, &sp, diff,
                                          8), 1);
    ck_assert_int_eq(diff[0], 5);
}
END_TEST

/*
 * A writer with spans records only their slots' changes; an incremental
 * reader gives the caller's state exactly the reader's view.
 */
START_TEST(test_writer_spans)
{
    RisuTraceWriter *w = malloc(risu_trace_writer_size());
    RisuTraceReader *r = malloc(risu_trace_reader_size());
    RisuTraceHeader h, ph;
    RisuState st, got, fresh;
    RisuSpans sp;
    MemIO m = { 0 };

    risu_class_spans(&cls_arch, 1, &sp);
    synth_header(&h, 0);
    h.arch_id = cls_arch.arch_id;
    risu_layout_digest(&cls_arch, h.layout_digest);
    memset(&st, 0, sizeof(st));
    ck_assert_int_eq(risu_trace_writer_init(w, memio(&m), &cls_arch, &h, 0),
                     RISU_OK);
    for (int i = 0; i < 6; i++) {
        st.op = 0;
        st.pc_off = 4 * i + 4;
        st.slot[0] = i;
        st.slot[4] = 100 + i;   /* v changes, but records 1-4 skip it */
        st.features = i % 5 ? RISU_FEAT_CLASSES | 1u << 16 : 0;
        risu_trace_writer_set_spans(w, i % 5 ? &sp : NULL);
        ck_assert_int_eq(risu_trace_write(w, &st), RISU_OK);
    }
    ck_assert_int_eq(risu_trace_finish(w), RISU_OK);
    m.pos = 0;
    ck_assert_int_eq(risu_trace_reader_init(r, memio(&m), &cls_arch, &ph),
                     RISU_OK);
    risu_trace_reader_incremental(r);
    memset(&got, 0, sizeof(got));
    memset(&fresh, 0xff, sizeof(fresh));
    for (int i = 0; i < 6; i++) {
        /* Another state than last time (record 3) is filled in whole. */
        RisuState *p = i == 3 ? &fresh : &got;

        ck_assert_int_eq(risu_trace_read(r, p), 1);
        ck_assert_uint_eq(p->slot[0], (uint64_t)i);
        ck_assert_uint_eq(p->slot[4], i % 5 ? 100 : 100 + (uint64_t)i);
        ck_assert_uint_eq(p->slot[9], 0);
    }
    ck_assert_int_eq(risu_trace_read(r, &got), 0);
    memio_free(&m);
    free(w);
    free(r);
}
END_TEST

Suite *classes_suite(void)
{
    Suite *s = suite_create("classes");
    TCase *tc = tcase_create("classes");

    tcase_add_test(tc, test_parse);
    tcase_add_test(tc, test_spans);
    tcase_add_test(tc, test_compare);
    tcase_add_test(tc, test_writer_spans);
    suite_add_tcase(s, tc);
    return s;
}
