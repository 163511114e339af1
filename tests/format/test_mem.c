/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Memory blocks in traces (format 2): round trips of COMPAREMEM blocks
 * against MEMINIT fills and previous blocks, the memhash check (a block
 * that does not hash to its record is an error: a corrupt trace or a
 * lying peer), corrupt and cut deltas, format 1, and the report lines.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "format/image.h"
#include "format/trace-util.h"
#include "tests/format/synth.h"
#include "tests/format/suites.h"

#define MSZ RISU_MEMBLOCK_SIZE

static const RisuRegDesc mem_regs[] = {
    { "x0", RISU_CLS_GPR, 0, 1, 0, ~0ull, 0 },
    { "memhash", RISU_CLS_CTRL, 1, 1, 0, ~0ull, 0 },
};
static const RisuArchDesc mem_arch = {
    .name = "memtest", .arch_id = 0x7e58, .regs = mem_regs, .nregs = 2,
    .nslots = 2,
};

#define NREC 40

/* Record NREC checkpoints, every third a COMPAREMEM with stores since. */
static void write_mem_trace(MemIO *m, uint8_t blocks[][MSZ], int compress,
                            int lie_at)
{
    RisuTraceWriter *w = malloc(risu_trace_writer_size());
    uint8_t cur[MSZ];
    RisuTraceHeader h;
    RisuState st;
    uint64_t rng = 99;

    synth_header(&h, 0);
    memset(&st, 0, sizeof(st));
    ck_assert_int_eq(risu_trace_writer_init(w, memio(m), &mem_arch, &h,
                                            compress), RISU_OK);
    risu_meminit_fill(cur, 1234);
    risu_trace_mem_base(w, 1234);
    for (int i = 0; i < NREC; i++) {
        st.op = i % 3 == 2 ? 4 /* COMPAREMEM */ : 1;
        st.pc_off = 8 * i + 8;
        st.slot[0] = synth_rand(&rng);
        /* A few stores: 1..8 bytes at random offsets. */
        for (int k = 0; k < 3; k++) {
            uint64_t v = synth_rand(&rng);
            size_t n = 1 + v % 8, off = (v >> 8) % (MSZ - 8);
            for (size_t b = 0; b < n; b++) {
                cur[off + b] = (uint8_t)(v >> (16 + b));
            }
        }
        memcpy(blocks[i], cur, MSZ);
        if (st.op == 4) {
            st.slot[1] = risu_memblock_hash(cur, MSZ) ^ (i == lie_at);
            ck_assert_int_eq(risu_trace_write_mem(w, &st, cur), RISU_OK);
        } else {
            ck_assert_int_eq(risu_trace_write(w, &st), RISU_OK);
        }
    }
    ck_assert_int_eq(risu_trace_finish(w), RISU_OK);
    ck_assert_uint_gt(risu_trace_writer_mem_bytes(w), 0);
    free(w);
}

/* Read back; returns the final status, *nread records, error in msg. */
static int read_mem_trace(MemIO *m, uint8_t blocks[][MSZ], int *nread,
                          char *msg, size_t msglen)
{
    RisuTraceReader *r = malloc(risu_trace_reader_size());
    RisuTraceHeader h;
    RisuState st;
    int rc, k = 0;

    m->pos = 0;
    rc = risu_trace_reader_init(r, memio(m), &mem_arch, &h);
    while (rc == RISU_OK && (rc = risu_trace_read(r, &st)) == 1) {
        const uint8_t *b = risu_trace_reader_mem(r);

        ck_assert_msg((b != NULL) == (k % 3 == 2), "record %d block", k);
        ck_assert_msg(!b || !memcmp(b, blocks[k], MSZ), "block %d differs",
                      k);
        k++;
        rc = RISU_OK;
    }
    *nread = k;
    snprintf(msg, msglen, "%s", risu_trace_reader_error(r));
    free(r);
    return rc;
}

static uint8_t (*alloc_blocks(void))[MSZ]
{
    uint8_t (*b)[MSZ] = calloc(NREC, MSZ);

    ck_assert_ptr_nonnull(b);
    return b;
}

START_TEST(test_mem_roundtrip)
{
    uint8_t (*blocks)[MSZ] = alloc_blocks();
    char msg[256];
    int got;

    for (int z = 0; z < 2; z++) {
        MemIO m = { 0 };

        write_mem_trace(&m, blocks, z, -1);
        ck_assert_int_eq(read_mem_trace(&m, blocks, &got, msg, sizeof(msg)),
                         0);
        ck_assert_int_eq(got, NREC);
        memio_free(&m);
    }
    free(blocks);
}
END_TEST

/* A block that does not hash to its record's memhash: a lie, an error. */
START_TEST(test_mem_lie)
{
    uint8_t (*blocks)[MSZ] = alloc_blocks();
    MemIO m = { 0 };
    char msg[256];
    int got;

    write_mem_trace(&m, blocks, 0, 5);
    ck_assert_int_eq(read_mem_trace(&m, blocks, &got, msg, sizeof(msg)),
                     RISU_ERR_CORRUPT);
    ck_assert_int_eq(got, 5);
    ck_assert_msg(strstr(msg, "memory block does not match the record's "
                         "memhash in record 5"), "%s", msg);
    ck_assert_msg(!strncmp(msg, "offset ", 7), "%s", msg);
    memio_free(&m);
    free(blocks);
}
END_TEST

/* Every cut is "truncated", every flipped byte an error before it. */
START_TEST(test_mem_cut_and_flip)
{
    uint8_t (*blocks)[MSZ] = alloc_blocks();
    MemIO m = { 0 };
    char msg[256];
    int got, rc;
    size_t len;

    write_mem_trace(&m, blocks, 1, -1);
    len = m.len;
    for (size_t cut = 0; cut < len; cut += 7) {
        m.len = cut;
        rc = read_mem_trace(&m, blocks, &got, msg, sizeof(msg));
        ck_assert_msg(rc == RISU_ERR_TRUNCATED || rc == RISU_ERR_CORRUPT,
                      "cut %zu: %d %s", cut, rc, msg);
    }
    m.len = len;
    for (size_t i = 8; i < len; i += 5) {
        if (i < 12) {
            continue;   /* the version: other errors, tested elsewhere */
        }
        m.buf[i] ^= 0x10;
        rc = read_mem_trace(&m, blocks, &got, msg, sizeof(msg));
        ck_assert_msg(rc < 0, "flip at %zu read as a trace", i);
        m.buf[i] ^= 0x10;
    }
    memio_free(&m);
    free(blocks);
}
END_TEST

/* A records chunk replaced by `rec` behind a valid CRC (stored). */
static int crafted_mem(const uint8_t *rec, size_t len, uint32_t version,
                       char *msg, size_t msglen)
{
    uint8_t buf[512];
    MemIO m = { 0 };
    RisuTraceWriter *w = malloc(risu_trace_writer_size());
    RisuTraceReader *r = malloc(risu_trace_reader_size());
    RisuTraceHeader h;
    RisuState st;
    uint32_t crc;
    int rc;

    synth_header(&h, 0);
    ck_assert_int_eq(risu_trace_writer_init(w, memio(&m), &synth_arch, &h, 0),
                     RISU_OK);
    /* Header chunk only; then the crafted records chunk by hand. */
    memset(buf, 0, 20);
    buf[0] = 'R';
    risu_put_le32(buf + 4, 1);
    risu_put_le32(buf + 8, (uint32_t)len);
    risu_put_le32(buf + 12, (uint32_t)len);
    memcpy(buf + 20, rec, len);
    crc = risu_crc32(0, buf, 16);
    crc = risu_crc32(crc, rec, len);
    risu_put_le32(buf + 16, crc);
    memio(&m).write(&m, buf, 20 + len);
    m.buf[8] = (uint8_t)version;
    ck_assert_int_eq(risu_trace_reader_init(r, memio(&m), &synth_arch, &h),
                     RISU_OK);
    while ((rc = risu_trace_read(r, &st)) == 1) {
    }
    snprintf(msg, msglen, "%s", risu_trace_reader_error(r));
    free(w);
    free(r);
    memio_free(&m);
    return rc;
}

START_TEST(test_mem_decoder_checks)
{
    static const struct {
        uint8_t rec[16];
        size_t len;
        const char *msg;
    } cases[] = {
        { { 2, 0, 0x40, 0x00 }, 4, "bad varint" },           /* no count */
        { { 4, 0, 0x40, 0x00, 0xff, 0x7f }, 6, "bad varint" }, /* count */
        { { 3, 0, 0x40, 0x00, 0x01 }, 5, "bad varint" },     /* no range */
        { { 6, 0, 0x40, 0x00, 0x01, 0xff, 0x3f, 0x01 }, 8,
          "memory range outside the block" },
        { { 5, 0, 0x40, 0x00, 0x01, 0x00, 0x00 }, 7,
          "value section exhausted in memory delta" },
        { { 5, 0, 0x40, 0x00, 0x01, 0x00, 0x00, 0x00 }, 8,
          "non-canonical memory range" },
        { { 5, 0, 0x40, 0x00, 0x01, 0x00, 0x05, 1, 0, 0, 0, 0, 2 }, 13,
          "non-canonical memory range (gap inside)" },
        { { 7, 0, 0x40, 0x00, 0x02, 0x00, 0x00, 0x01, 0x00, 5, 6 }, 11,
          "overlapping" },
    };
    char msg[256];

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ck_assert_int_eq(crafted_mem(cases[i].rec, cases[i].len, 2, msg,
                                     sizeof(msg)), RISU_ERR_CORRUPT);
        ck_assert_msg(strstr(msg, cases[i].msg), "case %zu: %s", i, msg);
        ck_assert_msg(!strncmp(msg, "offset ", 7), "case %zu: %s", i, msg);
    }
    /* The same well-formed delta is a reserved flag in a format 1 trace. */
    ck_assert_int_eq(crafted_mem((const uint8_t *)"\x05\x00\x40\x00\x01\x00"
                                 "\x00\x07", 8, 1, msg, sizeof(msg)),
                     RISU_ERR_CORRUPT);
    ck_assert_msg(strstr(msg, "reserved record flag"), "%s", msg);
    ck_assert_int_eq(crafted_mem((const uint8_t *)"\x05\x00\x40\x00\x01\x00"
                                 "\x00\x07", 8, 2, msg, sizeof(msg)),
                     RISU_ERR_TRUNCATED);
}
END_TEST

static char lines[16][160];
static int nlines;

static void collect(void *opaque, const char *line)
{
    (void)opaque;
    if (nlines < 16) {
        snprintf(lines[nlines], sizeof(lines[0]), "%s", line);
    }
    nlines++;
}

START_TEST(test_mem_report)
{
    static uint8_t a[MSZ], b[MSZ];

    memset(a, 0x11, MSZ);
    memcpy(b, a, MSZ);
    nlines = 0;
    ck_assert_int_eq(risu_report_memdiff(a, b, MSZ, 2, collect, 0), 0);
    ck_assert_int_eq(nlines, 0);
    b[0x0c81] = 0x5a;             /* one range: 3 equal bytes inside */
    b[0x0c85] = 0x22;
    b[0x1000] = 0;                /* a second range */
    for (int i = 0; i < 20; i++) {
        b[0x1ff0 + i % 16] = 0x99; /* a 16-byte third, capped below */
    }
    b[0x100] = 1;                 /* 4 equal bytes: a range of its own */
    b[0x105] = 2;
    ck_assert_int_eq(risu_report_memdiff(a, b, MSZ, 3, collect, 0), 5);
    ck_assert_int_eq(nlines, 5);
    ck_assert_str_eq(lines[0], "  memory: 21 bytes differ in 5 ranges "
                     "(block offset, length, ref, got)");
    ck_assert_str_eq(lines[1], "    +0x0100 len 1: ref 11 got 01");
    ck_assert_str_eq(lines[2], "    +0x0105 len 1: ref 11 got 02");
    ck_assert_str_eq(lines[3], "    +0x0c81 len 5: ref 1111111111 got "
                     "5a11111122");
    ck_assert_str_eq(lines[4], "    ... 2 more ranges (17 bytes) not shown");
    nlines = 0;
    risu_report_memdiff(a, b, MSZ, 8, collect, 0);
    ck_assert_str_eq(lines[5], "    +0x1ff0 len 16: ref "
                     "11111111111111111111111111111111 got "
                     "99999999999999999999999999999999");
    b[0x1fef] = 0;
    nlines = 0;
    risu_report_memdiff(a, b, MSZ, 8, collect, 0);
    ck_assert_str_eq(lines[5], "    +0x1fef len 17: ref "
                     "11111111111111111111111111111111.. got "
                     "00999999999999999999999999999999..");
}
END_TEST

Suite *mem_suite(void)
{
    Suite *s = suite_create("mem");
    TCase *tc = tcase_create("mem");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_mem_roundtrip);
    tcase_add_test(tc, test_mem_lie);
    tcase_add_test(tc, test_mem_cut_and_flip);
    tcase_add_test(tc, test_mem_decoder_checks);
    tcase_add_test(tc, test_mem_report);
    suite_add_tcase(s, tc);
    return s;
}
