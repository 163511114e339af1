/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Live protocol messages: hello (both sides, before the trace header)
 * and verdict (apprentice to master, after the end chunk).  Records
 * themselves travel as an ordinary trace stream (trace.c).
 *
 * Every message starts with an 8-byte magic and ends with a CRC32, so a
 * peer that is not risu-dt, or a stream that lost sync, is named as such
 * instead of being misread.  Reads go through RisuIO, whose <0 return
 * covers timeouts; partial reads are retried until the message is whole.
 */
#include <string.h>
#include "format/trace.h"
#include "format/trace-util.h"

#define HELLO_MAGIC "RISUHELO"
#define VERDICT_MAGIC "RISUVRDT"
/* 2: the verdict carries counts and a stream digest (live.c).
 * 3: the stream is trace format 2 (memory blocks at COMPAREMEM). */
#define PROTO_VERSION 3
#define HELLO_FIXED 80          /* payload bytes before the recorder */
#define HELLO_PAYLOAD_MAX (HELLO_FIXED + 1 + 127)
#define VERDICT_LEN 72

static void set_why(char *why, size_t whylen, const char *a, const char *b)
{
    RisuFmt f;

    if (why && whylen) {
        risu_fmt_init(&f, why, whylen);
        risu_fmt_str(&f, a);
        risu_fmt_str(&f, b);
    }
}

static int write_all(RisuIO io, const uint8_t *p, size_t len)
{
    while (len) {
        long n = io.write(io.opaque, p, len);

        if (n <= 0 || (size_t)n > len) {
            return RISU_ERR_IO;
        }
        p += n;
        len -= (size_t)n;
    }
    return RISU_OK;
}

/* RISU_OK, or RISU_ERR_TRUNCATED on EOF, RISU_ERR_IO on error/timeout. */
static int read_all(RisuIO io, uint8_t *p, size_t len)
{
    while (len) {
        long n = io.read(io.opaque, p, len);

        if (n < 0 || (size_t)n > len) {
            return RISU_ERR_IO;
        }
        if (n == 0) {
            return RISU_ERR_TRUNCATED;
        }
        p += n;
        len -= (size_t)n;
    }
    return RISU_OK;
}

static int read_err(int err, const char *what, char *why, size_t whylen)
{
    set_why(why, whylen, what, err == RISU_ERR_IO ?
            ": read failed or timed out" : ": peer closed the connection");
    return err;
}

int risu_proto_hello_send(RisuIO io, const RisuTraceHeader *hdr)
{
    uint8_t m[16 + HELLO_PAYLOAD_MAX + 4];
    uint8_t *p = m + 16;
    size_t n = 0, len;

    while (n < 127 && hdr->recorder[n]) {
        n++;
    }
    len = HELLO_FIXED + 1 + n;
    memcpy(m, HELLO_MAGIC, 8);
    risu_put_le32(m + 8, PROTO_VERSION);
    risu_put_le32(m + 12, (uint32_t)len);
    risu_put_le32(p, hdr->version);
    risu_put_le32(p + 4, hdr->arch_id);
    p[8] = hdr->big_endian ? 1 : 0;
    p[9] = hdr->compressed ? 1 : 0;
    p[10] = 0;
    p[11] = 0;
    risu_put_le32(p + 12, hdr->features);
    memcpy(p + 16, hdr->layout_digest, 32);
    memcpy(p + 48, hdr->image_digest, 32);
    p[80] = (uint8_t)n;
    memcpy(p + 81, hdr->recorder, n);
    risu_put_le32(m + 16 + len, risu_crc32(0, m, 16 + len));
    return write_all(io, m, 16 + len + 4);
}

/* Describe up to 8 bytes of what arrived instead of a magic. */
static void why_garbage(char *why, size_t whylen, const char *what,
                        const uint8_t *got)
{
    RisuFmt f;

    if (why && whylen) {
        risu_fmt_init(&f, why, whylen);
        risu_fmt_str(&f, what);
        risu_fmt_str(&f, ": peer sent garbage, not a risu-dt peer? (bytes ");
        risu_fmt_bytes(&f, got, 8);
        risu_fmt_char(&f, ')');
    }
}

static bool memchr_nul(const uint8_t *p, size_t n)
{
    while (n--) {
        if (!*p++) {
            return true;
        }
    }
    return false;
}

int risu_proto_hello_recv(RisuIO io, RisuTraceHeader *peer,
                          char *why, size_t whylen)
{
    uint8_t m[16 + HELLO_PAYLOAD_MAX + 4];
    uint8_t *p = m + 16;
    uint32_t len, ver;
    int err;

    memset(peer, 0, sizeof(*peer));
    set_why(why, whylen, "", "");
    err = read_all(io, m, 16);
    if (err) {
        return read_err(err, "hello", why, whylen);
    }
    if (memcmp(m, HELLO_MAGIC, 8)) {
        why_garbage(why, whylen, "hello", m);
        return RISU_ERR_CORRUPT;
    }
    ver = risu_get_le32(m + 8);
    if (ver != PROTO_VERSION) {
        RisuFmt f;

        if (why && whylen) {
            risu_fmt_init(&f, why, whylen);
            risu_fmt_str(&f, "protocol version differs: local ");
            risu_fmt_u64(&f, PROTO_VERSION);
            risu_fmt_str(&f, " peer ");
            risu_fmt_u64(&f, ver);
        }
        return RISU_ERR_VERSION;
    }
    len = risu_get_le32(m + 12);
    if (len < HELLO_FIXED + 1 || len > HELLO_PAYLOAD_MAX) {
        set_why(why, whylen, "hello", ": bad length");
        return RISU_ERR_CORRUPT;
    }
    err = read_all(io, p, len + 4);
    if (err) {
        return read_err(err, "hello", why, whylen);
    }
    if (RISU_CHECK_SUMS &&
        risu_crc32(0, m, 16 + len) != risu_get_le32(m + 16 + len)) {
        set_why(why, whylen, "hello", ": CRC mismatch");
        return RISU_ERR_CORRUPT;
    }
    if (p[80] != len - HELLO_FIXED - 1 || p[8] > 1 || p[9] > 1 ||
        p[10] || p[11] || memchr_nul(p + 81, p[80])) {
        set_why(why, whylen, "hello", ": malformed fields");
        return RISU_ERR_CORRUPT;
    }
    peer->version = risu_get_le32(p);
    peer->arch_id = risu_get_le32(p + 4);
    peer->big_endian = p[8];
    peer->compressed = p[9];
    peer->features = risu_get_le32(p + 12);
    memcpy(peer->layout_digest, p + 16, 32);
    memcpy(peer->image_digest, p + 48, 32);
    memcpy(peer->recorder, p + 81, p[80]);
    peer->recorder[p[80]] = 0;
    return RISU_OK;
}

static void why_pair(RisuFmt *f, const char *what, const char *aname,
                     const char *bname)
{
    risu_fmt_str(f, what);
    risu_fmt_str(f, " differs: ");
    risu_fmt_str(f, aname);
    risu_fmt_char(f, ' ');
}

static int explain_digest(const char *what, const uint8_t *a,
                          const char *aname, const uint8_t *b,
                          const char *bname, char *why, size_t whylen)
{
    RisuFmt f;

    if (why && whylen) {
        /* 8 bytes are plenty to tell digests apart in a message. */
        risu_fmt_init(&f, why, whylen);
        why_pair(&f, what, aname, bname);
        risu_fmt_bytes(&f, a, 8);
        risu_fmt_str(&f, ".. ");
        risu_fmt_str(&f, bname);
        risu_fmt_char(&f, ' ');
        risu_fmt_bytes(&f, b, 8);
        risu_fmt_str(&f, "..");
    }
    return RISU_ERR_MISMATCH_HDR;
}

int risu_trace_header_explain(const RisuTraceHeader *a, const char *aname,
                              const RisuTraceHeader *b, const char *bname,
                              char *why, size_t whylen)
{
    RisuFmt f;

    set_why(why, whylen, "", "");
    if (a->version != b->version || a->arch_id != b->arch_id) {
        bool ver = a->version != b->version;

        if (why && whylen) {
            risu_fmt_init(&f, why, whylen);
            why_pair(&f, ver ? "trace format version" : "arch id", aname, bname);
            risu_fmt_u64(&f, ver ? a->version : a->arch_id);
            risu_fmt_char(&f, ' ');
            risu_fmt_str(&f, bname);
            risu_fmt_char(&f, ' ');
            risu_fmt_u64(&f, ver ? b->version : b->arch_id);
        }
        return ver ? RISU_ERR_VERSION : RISU_ERR_MISMATCH_HDR;
    }
    if (memcmp(a->layout_digest, b->layout_digest, 32)) {
        return explain_digest("register layout digest", a->layout_digest,
                              aname, b->layout_digest, bname, why, whylen);
    }
    if (memcmp(a->image_digest, b->image_digest, 32)) {
        return explain_digest("image digest", a->image_digest, aname,
                              b->image_digest, bname, why, whylen);
    }
    return RISU_OK;
}

int risu_proto_hello_check(RisuIO io, const RisuTraceHeader *mine,
                           char *why, size_t whylen)
{
    RisuTraceHeader peer;
    int err = risu_proto_hello_recv(io, &peer, why, whylen);

    if (err) {
        return err;
    }
    return risu_trace_header_explain(mine, "local", &peer, "peer",
                                     why, whylen);
}

int risu_proto_verdict_send(RisuIO io, const RisuVerdict *v)
{
    uint8_t m[VERDICT_LEN];

    memcpy(m, VERDICT_MAGIC, 8);
    risu_put_le32(m + 8, v->verdict);
    risu_put_le64(m + 12, v->ndiverge);
    risu_put_le64(m + 20, v->ncompared);
    risu_put_le64(m + 28, v->nrecords);
    memcpy(m + 36, v->digest, 32);
    risu_put_le32(m + 68, risu_crc32(0, m, 68));
    return write_all(io, m, VERDICT_LEN);
}

int risu_proto_verdict_recv(RisuIO io, RisuVerdict *v)
{
    uint8_t m[VERDICT_LEN];
    int err = read_all(io, m, VERDICT_LEN);

    memset(v, 0, sizeof(*v));
    if (err) {
        return err;
    }
    if (memcmp(m, VERDICT_MAGIC, 8) ||
        (RISU_CHECK_SUMS && risu_crc32(0, m, 68) != risu_get_le32(m + 68))) {
        return RISU_ERR_CORRUPT;
    }
    v->verdict = risu_get_le32(m + 8);
    v->ndiverge = risu_get_le64(m + 12);
    v->ncompared = risu_get_le64(m + 20);
    v->nrecords = risu_get_le64(m + 28);
    memcpy(v->digest, m + 36, 32);
    return RISU_OK;
}
