/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The master's side of a live session, kept out of the runner so that
 * unit tests and the protocol fuzzer drive the same code: a tap that
 * hashes the stream, and the judgement of the apprentice's verdict.
 *
 * A verdict is a peer's claim.  A false match is the worst result this
 * tool can give, so the master accepts "match" only when the claim
 * agrees with what it streamed: every record read and compared, no
 * divergence, and the SHA-256 of the bytes read equal to the SHA-256 of
 * the bytes sent.  A peer that never read the stream cannot produce that
 * digest.
 */
#include <string.h>
#include "format/trace.h"
#include "format/trace-util.h"

_Static_assert(sizeof(RisuSha256) <= sizeof(((RisuLiveTap *)0)->sha),
               "RisuLiveTap.sha too small");

static RisuSha256 *tap_sha(const RisuLiveTap *t)
{
    return (RisuSha256 *)(void *)t->sha;
}

static long tap_read(void *opaque, void *buf, size_t len)
{
    RisuLiveTap *t = opaque;
    long n = t->inner.read(t->inner.opaque, buf, len);

    if (n > 0 && (size_t)n <= len) {
        risu_sha256_update(tap_sha(t), buf, (size_t)n);
        t->bytes += (uint64_t)n;
    }
    return n;
}

static long tap_write(void *opaque, const void *buf, size_t len)
{
    RisuLiveTap *t = opaque;
    long n = t->inner.write(t->inner.opaque, buf, len);

    if (n > 0 && (size_t)n <= len) {
        risu_sha256_update(tap_sha(t), buf, (size_t)n);
        t->bytes += (uint64_t)n;
    }
    return n;
}

RisuIO risu_live_tap(RisuLiveTap *t, RisuIO inner)
{
    RisuIO io = { t, tap_read, tap_write };

    memset(t, 0, sizeof(*t));
    t->inner = inner;
    risu_sha256_init(tap_sha(t));
    return io;
}

void risu_live_tap_digest(const RisuLiveTap *t, uint8_t out[32])
{
    RisuSha256 copy = *tap_sha(t);

    risu_sha256_final(&copy, out);
}

static int lie(char *why, size_t whylen, const char *what,
               const RisuVerdict *v, uint64_t sent)
{
    RisuFmt f;

    if (why && whylen) {
        risu_fmt_init(&f, why, whylen);
        risu_fmt_str(&f, "verdict contradicts the stream: ");
        risu_fmt_str(&f, what);
        risu_fmt_str(&f, " (verdict ");
        risu_fmt_u64(&f, v->verdict);
        risu_fmt_str(&f, ", ");
        risu_fmt_u64(&f, v->ndiverge);
        risu_fmt_str(&f, " mismatching, ");
        risu_fmt_u64(&f, v->ncompared);
        risu_fmt_str(&f, " compared, ");
        risu_fmt_u64(&f, v->nrecords);
        risu_fmt_str(&f, " read; ");
        risu_fmt_u64(&f, sent);
        risu_fmt_str(&f, " sent)");
    }
    return RISU_ERR_CORRUPT;
}

static int judge_match(const RisuVerdict *v, uint64_t sent,
                       const uint8_t digest[32], int complete,
                       char *why, size_t whylen)
{
    if (!complete) {
        return lie(why, whylen, "a match before the stream ended", v, sent);
    }
    if (v->ndiverge) {
        return lie(why, whylen, "a match with mismatches", v, sent);
    }
    if (v->nrecords != sent || v->ncompared != sent) {
        return lie(why, whylen, "a match that did not compare every "
                   "record", v, sent);
    }
    if (memcmp(v->digest, digest, 32)) {
        return lie(why, whylen, "a match over a stream other than the one "
                   "sent (digest differs)", v, sent);
    }
    return RISU_LIVE_MATCH;
}

int risu_live_judge(const RisuVerdict *v, uint64_t sent,
                    const uint8_t digest[32], int complete,
                    char *why, size_t whylen)
{
    if (why && whylen) {
        why[0] = 0;
    }
    if (v->verdict == 0) {
        return judge_match(v, sent, digest, complete, why, whylen);
    }
    if (v->verdict != 1) {
        return lie(why, whylen, "unknown verdict", v, sent);
    }
    /*
     * A mismatch cannot be proven from here (the apprentice stops reading
     * at its first one), but it must be possible: at least one
     * divergence, no more than one per checkpoint plus the apprentice's
     * extra one when the reference ended first, and no more records read
     * than were sent.  Compared and read differ by at most one (one side
     * ended before the other).
     */
    if (!v->ndiverge || v->ndiverge > v->ncompared + 1) {
        return lie(why, whylen, "impossible number of mismatches", v, sent);
    }
    if (v->nrecords > sent || v->ncompared > v->nrecords + 1 ||
        v->nrecords > v->ncompared + 1) {
        return lie(why, whylen, "impossible record counts", v, sent);
    }
    return RISU_LIVE_MISMATCH;
}
