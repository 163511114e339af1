/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Trace writer/reader: round trips, and every corruption or truncation
 * of a trace must be an error with an offset, never a different record.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "format/trace-util.h"
#include "tests/format/synth.h"
#include "tests/format/suites.h"

#ifdef RISU_HAVE_ZLIB
#define HAVE_ZLIB 1
#else
#define HAVE_ZLIB 0
#endif

static RisuTraceWriter *new_writer(void)
{
    RisuTraceWriter *w = malloc(risu_trace_writer_size());

    ck_assert_ptr_nonnull(w);
    return w;
}

static RisuTraceReader *new_reader(void)
{
    RisuTraceReader *r = malloc(risu_trace_reader_size());

    ck_assert_ptr_nonnull(r);
    return r;
}

/*
 * Write n random states to m; keep them in *states (caller frees).
 * flush_every > 0 makes small chunks so short traces have several.
 */
static RisuState *write_trace(MemIO *m, int n, int compress, uint64_t seed,
                              int flush_every, int realistic)
{
    RisuTraceWriter *w = new_writer();
    RisuState *states = calloc((size_t)n + 1, sizeof(RisuState));
    RisuTraceHeader h;
    uint64_t rng = seed | 1;
    int i;

    ck_assert_ptr_nonnull(states);
    synth_header(&h, 0);
    ck_assert_int_eq(risu_trace_writer_init(w, memio(m), &synth_arch, &h,
                                            compress), RISU_OK);
    for (i = 0; i < n; i++) {
        const RisuState *prev = i ? &states[i - 1] : &states[n];

        if (realistic) {
            synth_realistic_state(&rng, prev, &states[i]);
        } else {
            synth_random_state(&rng, prev, &states[i]);
        }
        ck_assert_int_eq(risu_trace_write(w, &states[i]), RISU_OK);
        if (flush_every && i % flush_every == flush_every - 1) {
            ck_assert_int_eq(risu_trace_flush(w), RISU_OK);
        }
    }
    ck_assert_int_eq(risu_trace_finish(w), RISU_OK);
    ck_assert_uint_eq(risu_trace_writer_records(w), (uint64_t)n);
    ck_assert_uint_eq(risu_trace_writer_bytes(w), m->len);
    free(w);
    return states;
}

/*
 * Read m back.  Returns the final status (0 = clean end); *nread gets the
 * number of records that matched `states` in order.  Fails the test if a
 * returned record differs from the written one (a silent mismatch).
 */
static int read_trace(MemIO *m, const RisuState *states, int n, int *nread,
                      uint64_t *off)
{
    RisuTraceReader *r = new_reader();
    RisuTraceHeader h;
    RisuState *st = calloc(1, sizeof(*st));
    int rc, k = 0;

    m->pos = 0;
    rc = risu_trace_reader_init(r, memio(m), &synth_arch, &h);
    while (rc == RISU_OK && (rc = risu_trace_read(r, st)) == 1) {
        ck_assert_msg(k < n, "more records than written");
        ck_assert_msg(synth_state_equal(st, &states[k], synth_arch.nslots),
                      "record %d differs silently", k);
        k++;
        rc = RISU_OK;
    }
    if (rc < 0) {
        ck_assert_str_ne(risu_trace_reader_error(r), "");
        ck_assert_int_eq(risu_trace_read(r, st), rc); /* sticky */
    }
    *nread = k;
    *off = risu_trace_reader_offset(r);
    free(st);
    free(r);
    return rc;
}

static void roundtrip(int compress, int realistic, int max_read)
{
    MemIO m = { 0 };
    int n = 30000, got;
    uint64_t off;
    RisuState *states = write_trace(&m, n, compress, 42, 0, realistic);

    m.max_read = (size_t)max_read;
    m.rng = max_read ? 7 : 0;
    ck_assert_int_eq(read_trace(&m, states, n, &got, &off), 0);
    ck_assert_int_eq(got, n);
    ck_assert_uint_eq(off, m.len);
    ck_assert_msg(m.len > 2 * RISU_TRACE_CHUNK_MAX || realistic,
                  "expected several chunks, got %zu bytes", m.len);
    free(states);
    memio_free(&m);
}

START_TEST(test_roundtrip_stored)
{
    roundtrip(0, 0, 0);
}
END_TEST

START_TEST(test_roundtrip_zlib)
{
    roundtrip(1, 0, 0);
}
END_TEST

START_TEST(test_roundtrip_partial_reads)
{
    roundtrip(1, 1, 37);
    roundtrip(0, 0, 5);
}
END_TEST

START_TEST(test_roundtrip_realistic_small)
{
    MemIO m = { 0 };
    int n = 20000;
    RisuState *states = write_trace(&m, n, 1, 9, 0, 1);
    int got;
    uint64_t off;

    ck_assert_int_eq(read_trace(&m, states, n, &got, &off), 0);
    ck_assert_int_eq(got, n);
    /* The format's goal: <= 10 bytes per checkpoint with zlib. */
    if (HAVE_ZLIB) {
        ck_assert_msg(m.len <= 10u * n, "%zu bytes for %d records", m.len, n);
    }
    free(states);
    memio_free(&m);
}
END_TEST

/* Header fields and the embedded layout survive; arch may be NULL. */
START_TEST(test_header_and_layout)
{
    MemIO m = { 0 };
    RisuTraceWriter *w = new_writer();
    RisuTraceReader *r = new_reader();
    RisuTraceHeader h, g;
    const RisuArchDesc *a;
    uint8_t d[32];
    int i;

    synth_header(&h, 1);
    h.features = 0x80000005u;
    ck_assert_int_eq(risu_trace_writer_init(w, memio(&m), &synth_arch, &h, 1),
                     RISU_OK);
    ck_assert_int_eq(risu_trace_finish(w), RISU_OK);
    ck_assert_int_eq(risu_trace_reader_init(r, memio(&m), NULL, &g), RISU_OK);
    ck_assert_uint_eq(g.version, RISU_TRACE_VERSION);
    ck_assert_uint_eq(g.arch_id, synth_arch.arch_id);
    ck_assert_uint_eq(g.big_endian, 1);
    ck_assert_uint_eq(g.compressed, HAVE_ZLIB);
    ck_assert_uint_eq(g.features, 0x80000005u);
    ck_assert_mem_eq(g.layout_digest, h.layout_digest, 32);
    ck_assert_mem_eq(g.image_digest, h.image_digest, 32);
    ck_assert_str_eq(g.recorder, "synthetic test recorder");

    a = risu_trace_reader_arch(r);
    ck_assert_str_eq(a->name, "synth");
    ck_assert_int_eq(a->nregs, synth_arch.nregs);
    ck_assert_int_eq(a->nslots, synth_arch.nslots);
    for (i = 0; i < a->nregs; i++) {
        const RisuRegDesc *x = &a->regs[i], *y = &synth_arch.regs[i];

        ck_assert_str_eq(x->name, y->name);
        ck_assert_uint_eq(x->cls, y->cls);
        ck_assert_uint_eq(x->slot, y->slot);
        ck_assert_uint_eq(x->nslots, y->nslots);
        ck_assert_uint_eq(x->features, y->features);
        ck_assert_uint_eq(x->mask, y->mask);
    }
    risu_layout_digest(a, d);
    ck_assert_mem_eq(d, h.layout_digest, 32);
    /* An empty trace is a clean end, and stays one. */
    ck_assert_int_eq(risu_trace_read(r, &(RisuState){ 0 }), 0);
    ck_assert_int_eq(risu_trace_read(r, &(RisuState){ 0 }), 0);
    free(w);
    free(r);
    memio_free(&m);
}
END_TEST

/*
 * Golden bytes: the stored encoding of a fixed stream must not depend on
 * the host (byte order, word size); the same digest was produced under
 * qemu-mips (big-endian), qemu-mipsel and qemu-mips64el.  Any change here
 * is a format change:
 * bump RISU_TRACE_VERSION and docs/trace-format.md.
 */
START_TEST(test_golden_stored)
{
    static const char want[] =
        "5269a953db1231cc73fa6498602e7672c1092499c757d3bf15bfbd3e610871bb";
    MemIO m = { 0 };
    RisuState *states = write_trace(&m, 300, 0, 1234, 100, 0);
    uint8_t d[32];
    char hex[65];
    RisuFmt f;

    risu_sha256(m.buf, m.len, d);
    risu_fmt_init(&f, hex, sizeof(hex));
    risu_fmt_bytes(&f, d, 32);
    ck_assert_str_eq(hex, want);
    free(states);
    memio_free(&m);
}
END_TEST

/* Flip bits in every byte of a small multi-chunk trace. */
static void flip_every_byte(int compress)
{
    static const uint8_t flips[] = { 0x01, 0x80, 0xff, 0x10 };
    MemIO m = { 0 };
    int n = 40, got, detected = 0, total = 0;
    RisuState *states = write_trace(&m, n, compress, 77, 9, 0);
    size_t i, j;
    uint64_t off;

    for (i = 0; i < m.len; i++) {
        for (j = 0; j < sizeof(flips); j++) {
            int rc;

            m.buf[i] ^= flips[j];
            rc = read_trace(&m, states, n, &got, &off);
            m.buf[i] ^= flips[j];
            total++;
            /* No padding in the format: every flip must be an error. */
            ck_assert_msg(rc < 0, "flip %#x at byte %zu not detected",
                          flips[j], i);
            ck_assert_msg(off <= m.len, "offset %llu past the trace",
                          (unsigned long long)off);
            detected++;
        }
    }
    ck_assert_int_eq(detected, total);
    free(states);
    memio_free(&m);
}

START_TEST(test_flip_stored)
{
    flip_every_byte(0);
}
END_TEST

START_TEST(test_flip_zlib)
{
    flip_every_byte(1);
}
END_TEST

/* Cutting the trace anywhere is RISU_ERR_TRUNCATED, after a valid prefix. */
static void truncate_everywhere(int compress)
{
    MemIO m = { 0 };
    int n = 40, got, last_got = 0;
    RisuState *states = write_trace(&m, n, compress, 99, 7, 0);
    size_t full = m.len, cut;
    uint64_t off;

    for (cut = 0; cut < full; cut++) {
        int rc;

        m.len = cut;
        rc = read_trace(&m, states, n, &got, &off);
        ck_assert_msg(rc == RISU_ERR_TRUNCATED, "cut at %zu: rc %d", cut, rc);
        ck_assert_msg(off <= cut, "cut at %zu: offset %llu", cut,
                      (unsigned long long)off);
        ck_assert_int_ge(got, last_got);   /* prefix grows with the cut */
        last_got = got;
    }
    /* Records written before the last flush survive a lost tail. */
    ck_assert_int_ge(last_got, n - 7);
    m.len = full;
    free(states);
    memio_free(&m);
}

START_TEST(test_truncate_stored)
{
    truncate_everywhere(0);
}
END_TEST

START_TEST(test_truncate_zlib)
{
    truncate_everywhere(1);
}
END_TEST

/* Locate chunk k (0 = header) in a trace; returns its offset. */
static size_t chunk_at(const MemIO *m, int k)
{
    size_t off = 12;

    while (k--) {
        off += 20 + risu_get_le32(m->buf + off + 8);
    }
    ck_assert_uint_le(off + 20, m->len);
    return off;
}

/* Replace chunk k's payload with `p` (stored) and fix its CRC. */
static void rewrite_chunk(MemIO *m, int k, const uint8_t *p, size_t len)
{
    size_t off = chunk_at(m, k);
    size_t old = 20 + risu_get_le32(m->buf + off + 8);
    size_t tail = m->len - off - old;
    uint8_t *nb = malloc(m->len - old + 20 + len);
    uint32_t crc;

    memcpy(nb, m->buf, off + 20);
    nb[off + 1] = 0;
    risu_put_le32(nb + off + 8, (uint32_t)len);
    risu_put_le32(nb + off + 12, (uint32_t)len);
    memcpy(nb + off + 20, p, len);
    memcpy(nb + off + 20 + len, m->buf + off + old, tail);
    crc = risu_crc32(0, nb + off, 16);
    crc = risu_crc32(crc, p, len);
    risu_put_le32(nb + off + 16, crc);
    free(m->buf);
    m->buf = nb;
    m->len = off + 20 + len + tail;
    m->cap = m->len;
}

/* A single-record trace whose record chunk is replaced by `rec`. */
static int crafted(const uint8_t *rec, size_t len, char *msg, size_t msglen)
{
    MemIO m = { 0 };
    RisuTraceReader *r = new_reader();
    RisuTraceHeader h;
    RisuState st;
    RisuState *states = write_trace(&m, 1, 0, 5, 0, 0);
    int rc;

    rewrite_chunk(&m, 1, rec, len);
    rc = risu_trace_reader_init(r, memio(&m), &synth_arch, &h);
    ck_assert_int_eq(rc, RISU_OK);
    while ((rc = risu_trace_read(r, &st)) == 1) {
    }
    strncpy(msg, risu_trace_reader_error(r), msglen - 1);
    msg[msglen - 1] = 0;
    free(states);
    free(r);
    memio_free(&m);
    return rc;
}

/* Encodings that pass the CRC but are invalid: caught by the decoder. */
START_TEST(test_decoder_checks)
{
    /* Payload: varint struct len, varint insn count, sections. */
    static const struct {
        uint8_t rec[16];
        size_t len;
        const char *msg;
    } cases[] = {
        { { 1, 0, 0x80 }, 3, "reserved record flag" },
        { { 2, 0, 0x01, 0x80 }, 4, "bad varint" },
        { { 3, 0, 0x01, 0x80, 0x00 }, 5, "bad varint" },      /* overlong */
        { { 2, 0, 0x01, 0x00 }, 4, "non-canonical op" },
        { { 2, 0, 0x02, 0x00 }, 4, "non-canonical pc" },
        { { 1, 0, 0x04 }, 3, "insn section exhausted" },
        { { 1, 1, 0x04, 0, 0, 0, 0 }, 7, "non-canonical insn" },
        { { 5, 0, 0x08, 0, 0, 0, 0 }, 7, "empty signal" },
        { { 2, 0, 0x20, 0x00 }, 4, "empty register" },
        { { 4, 0, 0x20, 0x01, 0x98, 0x08, 0x01 }, 7, "slot index out of range" },
        { { 3, 0, 0x20, 0x01, 0x01, 0x05 }, 6, "value section exhausted" },
        { { 3, 0, 0x20, 0x01, 0x01, 0x7f, 0x00 }, 7, "non-canonical register" },
        { { 3, 0, 0x20, 0x01, 0x00, 0x00 }, 6, "non-canonical register" },
        { { 3, 0, 0x20, 0x02, 0x00, 0x05 }, 6, "bad varint" },
        { { 1, 0, 0x00, 0x55 }, 4, "unused insn or value bytes" },
        { { 1, 1, 0x00, 1, 2, 3, 4 }, 7, "unused insn or value bytes" },
        { { 5, 0, 0x00 }, 3, "bad section lengths" },
        { { 0, 0 }, 2, "bad section lengths" },
        { { 1, 2, 0x04, 1, 2, 3, 4 }, 7, "bad section lengths" },
    };
    char msg[256];
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ck_assert_int_eq(crafted(cases[i].rec, cases[i].len, msg, sizeof(msg)),
                         RISU_ERR_CORRUPT);
        ck_assert_msg(strstr(msg, cases[i].msg), "case %zu: %s", i, msg);
        ck_assert_msg(!strncmp(msg, "offset ", 7), "case %zu: %s", i, msg);
    }
    /* A valid record followed by an end chunk that miscounts. */
    ck_assert_int_eq(crafted((const uint8_t *)"\x01\x00\x00", 3, msg, sizeof(msg)),
                     RISU_ERR_CORRUPT);
    ck_assert_msg(strstr(msg, "digest"), "%s", msg);
}
END_TEST

START_TEST(test_end_chunk_checks)
{
    MemIO m = { 0 };
    RisuState *states = write_trace(&m, 3, 1, 5, 0, 0);
    uint8_t end[33];
    int got;
    uint64_t off;

    memcpy(end + 1, m.buf + m.len - 32, 32);
    end[0] = 4;     /* claims one record more */
    rewrite_chunk(&m, 2, end, 33);
    ck_assert_int_eq(read_trace(&m, states, 3, &got, &off), RISU_ERR_CORRUPT);
    ck_assert_int_eq(got, 3);
    end[0] = 3;
    end[5] ^= 1;    /* digest */
    rewrite_chunk(&m, 2, end, 33);
    ck_assert_int_eq(read_trace(&m, states, 3, &got, &off), RISU_ERR_CORRUPT);
    rewrite_chunk(&m, 2, end, 32);  /* short */
    ck_assert_int_eq(read_trace(&m, states, 3, &got, &off), RISU_ERR_CORRUPT);
    free(states);
    memio_free(&m);
}
END_TEST

START_TEST(test_header_errors)
{
    MemIO m = { 0 };
    RisuState *states = write_trace(&m, 3, 1, 5, 0, 0);
    RisuTraceReader *r = new_reader();
    RisuArchDesc other = synth_arch;
    RisuTraceHeader h;
    size_t off;

    /* Other layout: the digest check refuses it. */
    other.nslots = 130;
    other.nregs = synth_arch.nregs - 1;
    ck_assert_int_eq(risu_trace_reader_init(r, memio(&m), &other, &h),
                     RISU_ERR_MISMATCH_HDR);
    ck_assert_ptr_nonnull(strstr(risu_trace_reader_error(r), "layout"));

    m.pos = 0;
    m.buf[8] = RISU_TRACE_VERSION + 1;   /* format version */
    ck_assert_int_eq(risu_trace_reader_init(r, memio(&m), NULL, &h),
                     RISU_ERR_VERSION);
    ck_assert_uint_eq(risu_trace_reader_offset(r), 8);
    m.buf[8] = 0;
    m.pos = 0;
    ck_assert_int_eq(risu_trace_reader_init(r, memio(&m), NULL, &h),
                     RISU_ERR_VERSION);
    /* Format 1 (no memory blocks) still reads. */
    m.buf[8] = 1;
    m.pos = 0;
    ck_assert_int_eq(risu_trace_reader_init(r, memio(&m), NULL, &h),
                     RISU_OK);
    ck_assert_uint_eq(risu_trace_reader_version(r), 1);
    m.buf[8] = RISU_TRACE_VERSION;

    m.pos = 0;
    m.buf[0] = 'X';
    ck_assert_int_eq(risu_trace_reader_init(r, memio(&m), NULL, &h),
                     RISU_ERR_CORRUPT);
    ck_assert_ptr_nonnull(strstr(risu_trace_reader_error(r), "magic"));
    m.buf[0] = 'R';

    /* Huge length: refused before any allocation or long read. */
    off = chunk_at(&m, 1);
    risu_put_le32(m.buf + off + 8, 0x7fffffff);
    m.pos = 0;
    ck_assert_int_eq(risu_trace_reader_init(r, memio(&m), NULL, &h), RISU_OK);
    ck_assert_int_eq(risu_trace_read(r, &(RisuState){ 0 }), RISU_ERR_CORRUPT);
    ck_assert_ptr_nonnull(strstr(risu_trace_reader_error(r), "length"));
    ck_assert_uint_eq(risu_trace_reader_offset(r), off);

    /* I/O failure (a timeout in live mode). */
    m.pos = 0;
    m.fail_at = off;
    ck_assert_int_eq(risu_trace_reader_init(r, memio(&m), NULL, &h), RISU_OK);
    ck_assert_int_eq(risu_trace_read(r, &(RisuState){ 0 }), RISU_ERR_IO);
    free(states);
    free(r);
    memio_free(&m);
}
END_TEST

START_TEST(test_writer_errors)
{
    MemIO m = { .fail_at = 100 };
    RisuTraceWriter *w = new_writer();
    RisuTraceHeader h;
    RisuState st = { 0 };
    RisuArchDesc bad = synth_arch;
    int i, rc = 0;

    synth_header(&h, 0);
    ck_assert_int_eq(risu_trace_writer_init(w, memio(&m), &synth_arch, &h, 0),
                     RISU_ERR_IO);
    ck_assert_ptr_nonnull(strstr(risu_trace_writer_error(w), "write failed"));
    memio_free(&m);

    m.fail_at = 3000;
    ck_assert_int_eq(risu_trace_writer_init(w, memio(&m), &synth_arch, &h, 0),
                     RISU_OK);
    for (i = 0; i < 100000 && !rc; i++) {
        st.slot[i % 100] = (uint64_t)i * 0x9e3779b97f4a7c15ull;
        st.pc_off = (uint32_t)i * 12345u;
        rc = risu_trace_write(w, &st);
    }
    ck_assert_int_eq(rc, RISU_ERR_IO);
    ck_assert_int_eq(risu_trace_finish(w), RISU_ERR_IO);
    memio_free(&m);

    bad.nslots = synth_arch.nslots - 1;     /* w31 no longer fits */
    ck_assert_int_eq(risu_trace_writer_init(w, memio(&m), &bad, &h, 0),
                     RISU_ERR_CORRUPT);
    memio_free(&m);
    free(w);
}
END_TEST

#if !HAVE_ZLIB
/* Without zlib a compressed chunk is refused, not misread. */
START_TEST(test_no_zlib_refuses)
{
    MemIO m = { 0 };
    RisuState *states = write_trace(&m, 2, 1, 5, 0, 0);
    size_t off = chunk_at(&m, 1);
    uint32_t crc;
    int got;
    uint64_t o;

    ck_assert_uint_eq(m.buf[off + 1], 0);   /* writer fell back to stored */
    m.buf[off + 1] = 1;
    risu_put_le32(m.buf + off + 8, risu_get_le32(m.buf + off + 8) - 1);
    crc = risu_crc32(0, m.buf + off, 16);
    crc = risu_crc32(crc, m.buf + off + 20, risu_get_le32(m.buf + off + 8));
    risu_put_le32(m.buf + off + 16, crc);
    ck_assert_int_eq(read_trace(&m, states, 2, &got, &o), RISU_ERR_VERSION);
    free(states);
    memio_free(&m);
}
END_TEST
#endif

Suite *trace_suite(void)
{
    Suite *s = suite_create(HAVE_ZLIB ? "trace" : "trace-nozlib");
    TCase *tc = tcase_create("format");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_roundtrip_stored);
    tcase_add_test(tc, test_roundtrip_zlib);
    tcase_add_test(tc, test_roundtrip_partial_reads);
    tcase_add_test(tc, test_roundtrip_realistic_small);
    tcase_add_test(tc, test_header_and_layout);
    tcase_add_test(tc, test_golden_stored);
    tcase_add_test(tc, test_flip_stored);
    tcase_add_test(tc, test_flip_zlib);
    tcase_add_test(tc, test_truncate_stored);
    tcase_add_test(tc, test_truncate_zlib);
    tcase_add_test(tc, test_decoder_checks);
    tcase_add_test(tc, test_end_chunk_checks);
    tcase_add_test(tc, test_header_errors);
    tcase_add_test(tc, test_writer_errors);
#if !HAVE_ZLIB
    tcase_add_test(tc, test_no_zlib_refuses);
#endif
    suite_add_tcase(s, tc);
    return s;
}
