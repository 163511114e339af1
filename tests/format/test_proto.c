/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Live protocol: hello exchange, mismatch explanations, verdict. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "tests/format/synth.h"
#include "tests/format/suites.h"

static int hello_roundtrip(const RisuTraceHeader *mine,
                           const RisuTraceHeader *peer, size_t max_read,
                           char *why, size_t whylen)
{
    MemIO m = { .max_read = max_read };
    int rc;

    ck_assert_int_eq(risu_proto_hello_send(memio(&m), peer), RISU_OK);
    rc = risu_proto_hello_check(memio(&m), mine, why, whylen);
    memio_free(&m);
    return rc;
}

START_TEST(test_hello_match)
{
    RisuTraceHeader a, b;
    char why[200];
    MemIO m = { 0 };

    synth_header(&a, 0);
    ck_assert_int_eq(hello_roundtrip(&a, &a, 0, why, sizeof(why)), RISU_OK);
    ck_assert_str_eq(why, "");
    /* One byte at a time: partial reads are reassembled. */
    ck_assert_int_eq(hello_roundtrip(&a, &a, 1, why, sizeof(why)), RISU_OK);
    /* Features and recorder may differ. */
    b = a;
    b.features = 0;
    strcpy(b.recorder, "other");
    ck_assert_int_eq(hello_roundtrip(&a, &b, 0, why, sizeof(why)), RISU_OK);

    ck_assert_int_eq(risu_proto_hello_send(memio(&m), &b), RISU_OK);
    ck_assert_int_eq(risu_proto_hello_recv(memio(&m), &a, why, sizeof(why)),
                     RISU_OK);
    ck_assert_mem_eq(&a, &b, sizeof(a) - sizeof(a.recorder));
    ck_assert_str_eq(a.recorder, "other");
    memio_free(&m);
}
END_TEST

START_TEST(test_hello_mismatch)
{
    RisuTraceHeader a, b;
    char why[200];

    synth_header(&a, 0);
    b = a;
    memset(b.image_digest, 0xcd, 32);
    memset(a.image_digest, 0xab, 32);
    ck_assert_int_eq(hello_roundtrip(&a, &b, 0, why, sizeof(why)),
                     RISU_ERR_MISMATCH_HDR);
    ck_assert_str_eq(why, "image digest differs: local abababababababab.. "
                          "peer cdcdcdcdcdcdcdcd..");
    ck_assert_int_eq(risu_trace_header_explain(&a, "master", &b, "apprentice",
                                               why, sizeof(why)),
                     RISU_ERR_MISMATCH_HDR);
    ck_assert_str_eq(why, "image digest differs: master abababababababab.. "
                          "apprentice cdcdcdcdcdcdcdcd..");

    b = a;
    b.layout_digest[0] ^= 1;
    ck_assert_int_eq(hello_roundtrip(&a, &b, 0, why, sizeof(why)),
                     RISU_ERR_MISMATCH_HDR);
    ck_assert_ptr_nonnull(strstr(why, "register layout digest differs"));

    b = a;
    b.arch_id = 8;
    ck_assert_int_eq(hello_roundtrip(&a, &b, 0, why, sizeof(why)),
                     RISU_ERR_MISMATCH_HDR);
    ck_assert_str_eq(why, "arch id differs: local 32343 peer 8");

    b = a;
    b.version = 1;
    ck_assert_int_eq(hello_roundtrip(&a, &b, 0, why, sizeof(why)),
                     RISU_ERR_VERSION);
    ck_assert_str_eq(why, "trace format version differs: local 2 peer 1");

    /* A small buffer truncates the message, never overflows. */
    ck_assert_int_eq(hello_roundtrip(&a, &b, 0, why, 8), RISU_ERR_VERSION);
    ck_assert_str_eq(why, "trace f");
}
END_TEST

START_TEST(test_hello_bad_input)
{
    RisuTraceHeader a;
    MemIO m = { 0 };
    char why[200];
    size_t i;

    synth_header(&a, 0);
    /* Garbage instead of a hello. */
    m.buf = (uint8_t *)strdup("GET / HTTP/1.1\r\n\r\n");
    m.len = strlen((char *)m.buf);
    ck_assert_int_eq(risu_proto_hello_check(memio(&m), &a, why, sizeof(why)),
                     RISU_ERR_CORRUPT);
    ck_assert_str_eq(why, "hello: peer sent garbage, not a risu-dt peer? "
                          "(bytes 474554202f204854)");
    memio_free(&m);

    /* Peer closes early, at every length. */
    ck_assert_int_eq(risu_proto_hello_send(memio(&m), &a), RISU_OK);
    for (i = 0; i < m.len; i++) {
        MemIO t = { .buf = m.buf, .len = i };

        ck_assert_int_eq(risu_proto_hello_check(memio(&t), &a, why, sizeof(why)),
                         RISU_ERR_TRUNCATED);
        ck_assert_str_eq(why, "hello: peer closed the connection");
    }
    /* Every single-byte flip is refused. */
    for (i = 0; i < m.len; i++) {
        int rc;

        m.pos = 0;
        m.buf[i] ^= 0x20;
        rc = risu_proto_hello_check(memio(&m), &a, why, sizeof(why));
        m.buf[i] ^= 0x20;
        ck_assert_msg(rc < 0, "flip at %zu accepted", i);
    }
    /* Timeout / read error. */
    m.pos = 0;
    m.fail_at = 10;
    ck_assert_int_eq(risu_proto_hello_check(memio(&m), &a, why, sizeof(why)),
                     RISU_ERR_IO);
    ck_assert_str_eq(why, "hello: read failed or timed out");
    memio_free(&m);

    /* Other protocol version: named before the rest is read. */
    ck_assert_int_eq(risu_proto_hello_send(memio(&m), &a), RISU_OK);
    m.buf[8] = 9;
    ck_assert_int_eq(risu_proto_hello_check(memio(&m), &a, why, sizeof(why)),
                     RISU_ERR_VERSION);
    ck_assert_str_eq(why, "protocol version differs: local 3 peer 9");
    memio_free(&m);
}
END_TEST

START_TEST(test_verdict)
{
    MemIO m = { .max_read = 3 };
    RisuVerdict v = { 1, 0x123456789ull, 7, 8, { 1, 2, 3 } }, g;
    size_t i;

    ck_assert_int_eq(risu_proto_verdict_send(memio(&m), &v), RISU_OK);
    ck_assert_int_eq(risu_proto_verdict_recv(memio(&m), &g), RISU_OK);
    ck_assert_int_eq(g.verdict, 1);
    ck_assert_uint_eq(g.ndiverge, 0x123456789ull);
    ck_assert_uint_eq(g.ncompared, 7);
    ck_assert_uint_eq(g.nrecords, 8);
    ck_assert(!memcmp(g.digest, v.digest, 32));
    for (i = 0; i < m.len; i++) {
        m.pos = 0;
        m.buf[i] ^= 4;
        ck_assert_int_eq(risu_proto_verdict_recv(memio(&m), &g),
                         RISU_ERR_CORRUPT);
        m.buf[i] ^= 4;
    }
    m.pos = 0;
    m.len--;
    ck_assert_int_eq(risu_proto_verdict_recv(memio(&m), &g),
                     RISU_ERR_TRUNCATED);
    m.pos = 0;
    m.fail_at = 1;
    ck_assert_int_eq(risu_proto_verdict_recv(memio(&m), &g), RISU_ERR_IO);
    memio_free(&m);
}
END_TEST

/*
 * The master's judgement: a tapped writer and a tapped reader agree on
 * the digest; every lie about a match is refused.
 */
START_TEST(test_live_judge)
{
    MemIO m = { .max_read = 777, .rng = 9 };
    RisuTraceWriter *w = malloc(risu_trace_writer_size());
    RisuTraceReader *r = malloc(risu_trace_reader_size());
    RisuLiveTap wt, rt;
    RisuTraceHeader h, g;
    RisuState a = { 0 }, b = { 0 };
    RisuVerdict v, lie;
    uint8_t sent[32];
    uint64_t rng = 11;
    char why[200];
    int i;

    synth_header(&h, 0);
    ck_assert_int_eq(risu_trace_writer_init(w, risu_live_tap(&wt, memio(&m)),
                                            &synth_arch, &h, 1), RISU_OK);
    for (i = 0; i < 50; i++) {
        synth_realistic_state(&rng, &a, &a);
        ck_assert_int_eq(risu_trace_write(w, &a), RISU_OK);
    }
    ck_assert_int_eq(risu_trace_finish(w), RISU_OK);
    risu_live_tap_digest(&wt, sent);
    ck_assert_int_eq(risu_trace_reader_init(r, risu_live_tap(&rt, memio(&m)),
                                            &synth_arch, &g), RISU_OK);
    for (i = 0; i < 50; i++) {
        ck_assert_int_eq(risu_trace_read(r, &b), 1);
    }
    ck_assert_int_eq(risu_trace_read(r, &b), 0);
    memset(&v, 0, sizeof(v));
    v.ncompared = 50;
    v.nrecords = risu_trace_reader_records(r);
    risu_live_tap_digest(&rt, v.digest);
    ck_assert_int_eq(risu_live_judge(&v, 50, sent, 1, why, sizeof(why)),
                     RISU_LIVE_MATCH);
    /* Lies: at once, with mismatches, short, other stream, early. */
    memset(&lie, 0, sizeof(lie));
    ck_assert_int_eq(risu_live_judge(&lie, 50, sent, 1, why, sizeof(why)),
                     RISU_ERR_CORRUPT);
    ck_assert_str_eq(why, "verdict contradicts the stream: a match that did "
                     "not compare every record (verdict 0, 0 mismatching, "
                     "0 compared, 0 read; 50 sent)");
    lie = v;
    lie.ndiverge = 12345;
    ck_assert_int_eq(risu_live_judge(&lie, 50, sent, 1, why, sizeof(why)),
                     RISU_ERR_CORRUPT);
    lie = v;
    lie.ncompared = 49;
    ck_assert_int_eq(risu_live_judge(&lie, 50, sent, 1, why, sizeof(why)),
                     RISU_ERR_CORRUPT);
    lie = v;
    lie.digest[31] ^= 1;
    ck_assert_int_eq(risu_live_judge(&lie, 50, sent, 1, why, sizeof(why)),
                     RISU_ERR_CORRUPT);
    ck_assert_int_eq(risu_live_judge(&v, 50, sent, 0, why, sizeof(why)),
                     RISU_ERR_CORRUPT);
    lie = v;
    lie.verdict = 2;
    ck_assert_int_eq(risu_live_judge(&lie, 50, sent, 1, why, sizeof(why)),
                     RISU_ERR_CORRUPT);
    /* Mismatches: possible ones pass, impossible ones do not. */
    lie = v;
    lie.verdict = 1;
    lie.ndiverge = 1;
    lie.ncompared = lie.nrecords = 3;
    ck_assert_int_eq(risu_live_judge(&lie, 50, sent, 0, why, sizeof(why)),
                     RISU_LIVE_MISMATCH);
    lie.ndiverge = 0;
    ck_assert_int_eq(risu_live_judge(&lie, 50, sent, 0, why, sizeof(why)),
                     RISU_ERR_CORRUPT);
    lie.ndiverge = 1;
    lie.nrecords = 51;
    lie.ncompared = 51;
    ck_assert_int_eq(risu_live_judge(&lie, 50, sent, 1, why, sizeof(why)),
                     RISU_ERR_CORRUPT);
    free(w);
    free(r);
    memio_free(&m);
}
END_TEST

/* Live mode end to end over one buffer: hello, trace, verdict. */
START_TEST(test_live_sequence)
{
    MemIO m = { .max_read = 1000, .rng = 3 };
    RisuTraceWriter *w = malloc(risu_trace_writer_size());
    RisuTraceReader *r = malloc(risu_trace_reader_size());
    RisuTraceHeader h, g;
    RisuState a = { 0 }, b = { 0 };
    uint64_t rng = 5;
    int i;
    char why[100];
    RisuVerdict v = { 0 };

    synth_header(&h, 0);
    ck_assert_int_eq(risu_proto_hello_send(memio(&m), &h), RISU_OK);
    ck_assert_int_eq(risu_trace_writer_init(w, memio(&m), &synth_arch, &h, 1),
                     RISU_OK);
    for (i = 0; i < 100; i++) {
        synth_realistic_state(&rng, &a, &a);
        ck_assert_int_eq(risu_trace_write(w, &a), RISU_OK);
        ck_assert_int_eq(risu_trace_flush(w), RISU_OK);
    }
    ck_assert_int_eq(risu_trace_finish(w), RISU_OK);
    ck_assert_int_eq(risu_proto_verdict_send(memio(&m), &v), RISU_OK);

    ck_assert_int_eq(risu_proto_hello_check(memio(&m), &h, why, sizeof(why)),
                     RISU_OK);
    ck_assert_int_eq(risu_trace_reader_init(r, memio(&m), &synth_arch, &g),
                     RISU_OK);
    ck_assert_int_eq(risu_trace_header_explain(&h, "a", &g, "b", why,
                                               sizeof(why)), RISU_OK);
    for (i = 0; i < 100; i++) {
        ck_assert_int_eq(risu_trace_read(r, &b), 1);
    }
    ck_assert_int_eq(risu_trace_read(r, &b), 0);
    ck_assert(synth_state_equal(&a, &b, synth_arch.nslots));
    /* The reader stopped exactly at the end chunk: the verdict follows. */
    v.verdict = 9;
    ck_assert_int_eq(risu_proto_verdict_recv(memio(&m), &v), RISU_OK);
    ck_assert_int_eq(v.verdict, 0);
    free(w);
    free(r);
    memio_free(&m);
}
END_TEST

Suite *proto_suite(void)
{
    Suite *s = suite_create("proto");
    TCase *tc = tcase_create("hello");

    tcase_add_test(tc, test_hello_match);
    tcase_add_test(tc, test_hello_mismatch);
    tcase_add_test(tc, test_hello_bad_input);
    tcase_add_test(tc, test_verdict);
    tcase_add_test(tc, test_live_judge);
    tcase_add_test(tc, test_live_sequence);
    suite_add_tcase(s, tc);
    return s;
}
