/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SHA-256 (FIPS 180-2 vectors), CRC32, layout digest, varints. */
#include <check.h>
#include <string.h>
#include "format/trace-util.h"
#include "tests/format/synth.h"
#include "tests/format/suites.h"

static const char *hex32(const uint8_t d[32])
{
    static char s[65];
    RisuFmt f;

    risu_fmt_init(&f, s, sizeof(s));
    risu_fmt_bytes(&f, d, 32);
    return s;
}

START_TEST(test_sha256_vectors)
{
    static const char *m448 =
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    uint8_t d[32], a[1000];
    RisuSha256 s;
    int i;

    risu_sha256("", 0, d);
    ck_assert_str_eq(hex32(d), "e3b0c44298fc1c149afbf4c8996fb924"
                               "27ae41e4649b934ca495991b7852b855");
    risu_sha256(NULL, 0, d);
    ck_assert_str_eq(hex32(d), "e3b0c44298fc1c149afbf4c8996fb924"
                               "27ae41e4649b934ca495991b7852b855");
    risu_sha256("abc", 3, d);
    ck_assert_str_eq(hex32(d), "ba7816bf8f01cfea414140de5dae2223"
                               "b00361a396177a9cb410ff61f20015ad");
    risu_sha256(m448, strlen(m448), d);
    ck_assert_str_eq(hex32(d), "248d6a61d20638b8e5c026930c3e6039"
                               "a33ce45964ff2167f6ecedd419db06c1");
    /* One million 'a', fed in uneven pieces. */
    memset(a, 'a', sizeof(a));
    risu_sha256_init(&s);
    for (i = 0; i < 1000; i++) {
        risu_sha256_update(&s, a, 999);
    }
    risu_sha256_update(&s, a, 1000);
    risu_sha256_final(&s, d);
    ck_assert_str_eq(hex32(d), "cdc76e5c9914fb9281a1c7e284d73e67"
                               "f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

/* Incremental hashing agrees with one-shot at every split and length. */
START_TEST(test_sha256_splits)
{
    uint8_t buf[200], d1[32], d2[32];
    size_t len, cut;
    RisuSha256 s;

    for (len = 0; len < sizeof(buf); len++) {
        buf[len] = (uint8_t)(len * 7 + 3);
    }
    for (len = 50; len < 140; len++) {
        risu_sha256(buf, len, d1);
        for (cut = 0; cut <= len; cut += 3) {
            risu_sha256_init(&s);
            risu_sha256_update(&s, buf, cut);
            risu_sha256_update(&s, buf + cut, len - cut);
            risu_sha256_final(&s, d2);
            ck_assert_mem_eq(d1, d2, 32);
        }
    }
}
END_TEST

START_TEST(test_crc32)
{
    ck_assert_uint_eq(risu_crc32(0, "123456789", 9), 0xcbf43926u);
    ck_assert_uint_eq(risu_crc32(0, "", 0), 0);
    ck_assert_uint_eq(risu_crc32(risu_crc32(0, "1234", 4), "56789", 5),
                      0xcbf43926u);
}
END_TEST

START_TEST(test_layout_digest)
{
    RisuRegDesc regs[200];
    RisuArchDesc a = synth_arch;
    uint8_t d0[32], d1[32];

    memcpy(regs, synth_arch.regs, sizeof(RisuRegDesc) * (size_t)a.nregs);
    a.regs = regs;
    risu_layout_digest(&synth_arch, d0);
    risu_layout_digest(&a, d1);
    ck_assert_mem_eq(d0, d1, 32);
    regs[3].source = "elsewhere";          /* documentation only */
    risu_layout_digest(&a, d1);
    ck_assert_mem_eq(d0, d1, 32);
    regs[3].mask = 1;
    risu_layout_digest(&a, d1);
    ck_assert_mem_ne(d0, d1, 32);
    regs[3] = synth_arch.regs[3];
    regs[3].name = "V1";
    risu_layout_digest(&a, d1);
    ck_assert_mem_ne(d0, d1, 32);
    regs[3] = synth_arch.regs[3];
    a.arch_id++;
    risu_layout_digest(&a, d1);
    ck_assert_mem_ne(d0, d1, 32);
}
END_TEST

START_TEST(test_varint)
{
    static const uint64_t vals[] = {
        0, 1, 127, 128, 300, 0xffffffffu, 1ull << 63, ~0ull,
    };
    uint8_t buf[16];
    const uint8_t *p;
    uint64_t v;
    size_t i, n;

    for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
        n = risu_put_varint(buf, vals[i]);
        ck_assert_uint_le(n, 10);
        p = buf;
        ck_assert(risu_get_varint(&p, buf + n, &v));
        ck_assert_uint_eq(v, vals[i]);
        ck_assert_ptr_eq(p, buf + n);
        p = buf;
        ck_assert(!risu_get_varint(&p, buf + n - 1, &v));  /* short */
    }
    /* Overlong and over-wide encodings are refused. */
    memcpy(buf, "\x80\x00", 2);
    p = buf;
    ck_assert(!risu_get_varint(&p, buf + 2, &v));
    memset(buf, 0xff, 9);
    buf[9] = 0x02;
    p = buf;
    ck_assert(!risu_get_varint(&p, buf + 10, &v));
    memset(buf, 0x80, 11);
    p = buf;
    ck_assert(!risu_get_varint(&p, buf + 11, &v));
}
END_TEST

START_TEST(test_fmt)
{
    char b[64];
    RisuFmt f;

    risu_fmt_init(&f, b, sizeof(b));
    risu_fmt_u64(&f, 0);
    risu_fmt_char(&f, ' ');
    risu_fmt_u64(&f, 18446744073709551615ull);
    risu_fmt_char(&f, ' ');
    risu_fmt_s64(&f, INT64_MIN);
    risu_fmt_char(&f, ' ');
    risu_fmt_hex(&f, 0xabc, 4);
    ck_assert_str_eq(b, "0 18446744073709551615 -9223372036854775808 0x0abc");
    risu_fmt_init(&f, b, 4);
    risu_fmt_str(&f, "abcdef");
    ck_assert_str_eq(b, "abc");
}
END_TEST

Suite *digest_suite(void)
{
    Suite *s = suite_create("digest");
    TCase *tc = tcase_create("digest");

    tcase_add_test(tc, test_sha256_vectors);
    tcase_add_test(tc, test_sha256_splits);
    tcase_add_test(tc, test_crc32);
    tcase_add_test(tc, test_layout_digest);
    tcase_add_test(tc, test_varint);
    tcase_add_test(tc, test_fmt);
    suite_add_tcase(s, tc);
    return s;
}
