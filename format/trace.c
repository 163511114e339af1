/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Trace writer and reader.  The byte-level format is documented in
 * docs/trace-format.md; keep the two in step.
 *
 * Stream = magic, version, then chunks.  Each chunk has a 20-byte header
 * (type, encoding, sequence number, lengths, CRC32 over header and
 * payload) and a payload of at most RISU_TRACE_CHUNK_MAX bytes, either
 * stored or one complete zlib stream, so a crash loses at most the chunk
 * being filled.  Records are delta-encoded against the previous record
 * and never span chunks.  The end chunk carries the record count and a
 * SHA-256 of every record payload, so a dropped, reordered or duplicated
 * chunk or a lost tail cannot read as a shorter matching trace.
 */
#include <string.h>
#include "format/trace.h"
#include "format/trace-util.h"
#include "format/image.h"
#include "format/classes.h"

#ifdef RISU_HAVE_ZLIB
#include <zlib.h>
#endif

#define TRACE_MAGIC "RISUTRC\n"
#define MAGIC_LEN 8
#define PREFIX_LEN 12           /* magic + u32 version */
#define CHUNK_HDR 20
#define CHUNK_MAX RISU_TRACE_CHUNK_MAX
#define MAX_REGS 1024
#define NAME_MAX_LEN 63
#define NAME_POOL 32768
#define RECORDER_MAX 127

enum { CH_HEADER = 'H', CH_RECORDS = 'R', CH_END = 'E' };
enum { ENC_STORED = 0, ENC_ZLIB = 1 };

/*
 * Record flag bits; 0x80 is reserved and must be zero, and so is RF_MEM
 * in format 1 traces.
 */
enum {
    RF_OP = 0x01,
    RF_PC = 0x02,
    RF_INSN = 0x04,
    RF_SIG = 0x08,
    RF_FEAT = 0x10,
    RF_REGS = 0x20,
    RF_MEM = 0x40,          /* format 2: a memory block delta follows */
    RF_RESERVED = 0x80,
};

#define MEM_SIZE RISU_MEMBLOCK_SIZE
/* Ranges in one block: each is at least a byte plus the gap after it. */
#define MEM_MAX_RANGES (MEM_SIZE / (RISU_MEMDIFF_GAP + 1) + 1)

/* Worst-case encoded record for a layout of n slots. */
#define RECORD_MAX(n) (48 + (size_t)(n) * 11)

#ifdef RISU_HAVE_ZLIB
/*
 * zlib allocates from an arena inside the writer/reader: no malloc on
 * the target, and deflateReset/inflateReset between chunks reuse it.
 * Sizes cover zlib 1.2 and 1.3 with windowBits 15, memLevel 8.
 */
#define DEFLATE_ARENA (320 * 1024)
/* Level 6 (zlib's default); see docs/trace-format.md for the trade-off. */
#ifndef RISU_TRACE_ZLEVEL
#define RISU_TRACE_ZLEVEL 6
#endif
#define INFLATE_ARENA (48 * 1024)

typedef struct Arena {
    uint8_t *base;
    size_t size;
    size_t used;
} Arena;

static voidpf arena_alloc(voidpf opaque, uInt items, uInt size)
{
    Arena *a = opaque;
    size_t n = ((size_t)items * size + 15) & ~(size_t)15;

    if (n > a->size - a->used) {
        return Z_NULL;
    }
    a->used += n;
    return a->base + a->used - n;
}

static void arena_free(voidpf opaque, voidpf p)
{
    /* Freed all at once with the containing struct. */
}
#endif

struct RisuTraceWriter {
    RisuIO io;
    int err;
    bool compress;
    bool zinit;
    bool finished;
    uint32_t nslots;
    uint32_t seq;
    uint64_t nrecords;
    uint64_t bytes;
    int32_t prev_pcdelta;
    uint64_t mem_base;      /* next delta: MEMINIT seed + 1, 0 = previous */
    uint64_t mem_bytes;     /* delta bytes encoded (before compression) */
    size_t nstruct;         /* bytes in sec_struct */
    size_t ninsn;           /* words in sec_insn */
    size_t nvalue;          /* bytes in sec_value */
    RisuSha256 digest;
    char msg[160];
    const RisuSpans *spans; /* slots the next record holds; NULL: all */
    RisuState prev;
    uint8_t mem[MEM_SIZE];  /* the block as the reader will know it */
    uint16_t changed[RISU_MAX_SLOTS];   /* encode_record's scratch */
    /* The three sections of the chunk being filled (see format doc). */
    uint8_t sec_struct[CHUNK_MAX];
    uint32_t sec_insn[CHUNK_MAX / 4];
    uint8_t sec_value[CHUNK_MAX];
    uint8_t raw[CHUNK_MAX];
    uint8_t out[CHUNK_HDR + CHUNK_MAX];
#ifdef RISU_HAVE_ZLIB
    z_stream zs;
    Arena arena;
    _Alignas(16) uint8_t arena_mem[DEFLATE_ARENA];
#endif
};

struct RisuTraceReader {
    RisuIO io;
    int err;
    bool ended;
    bool zinit;
    uint32_t seq;
    uint64_t nrecords;
    uint64_t offset;        /* bytes consumed from io */
    uint64_t err_off;
    uint64_t chunk_off;     /* stream offset of the current chunk */
    uint32_t version;       /* of the trace being read */
    int memhash_slot;       /* "memhash" in the layout, or -1 */
    bool mem_now;           /* the record last read carried the block */
    uint64_t mem_base;      /* its delta's base (see mem_delta_size) */
    int32_t prev_pcdelta;
    size_t rpos;            /* cursor in the structure section */
    size_t rlen;            /* payload length; 0 when none is loaded */
    size_t send;            /* end of the structure section */
    size_t ipos, nins;      /* next insn index, insns in chunk */
    size_t ibase;           /* offset of the insn section */
    size_t vpos;            /* cursor in the value section */
    RisuSha256 digest;
    char msg[192];
    bool incremental;       /* risu_trace_reader_incremental */
    const RisuState *last_st;   /* the state last filled in whole */
    uint32_t nchanged;      /* slots the record last read changed */
    uint16_t changed[RISU_MAX_SLOTS];
    RisuArchDesc arch;
    RisuRegDesc regs[MAX_REGS];
    char names[NAME_POOL];
    RisuState prev;
    uint8_t mem[MEM_SIZE];
    uint8_t raw[CHUNK_MAX];
    uint8_t in[CHUNK_MAX];
#ifdef RISU_HAVE_ZLIB
    z_stream zs;
    Arena arena;
    _Alignas(16) uint8_t arena_mem[INFLATE_ARENA];
#endif
};

const char *risu_strerror(int err)
{
    switch (err) {
    case RISU_OK:
        return "ok";
    case RISU_ERR_IO:
        return "I/O error or timeout";
    case RISU_ERR_TRUNCATED:
        return "truncated";
    case RISU_ERR_CORRUPT:
        return "corrupt";
    case RISU_ERR_MISMATCH_HDR:
        return "header mismatch";
    case RISU_ERR_VERSION:
        return "unsupported version or feature";
    case RISU_ERR_NOMEM:
        return "out of memory";
    default:
        return "unknown error";
    }
}

static size_t bounded_strlen(const char *s, size_t max)
{
    size_t n = 0;

    while (n < max && s[n]) {
        n++;
    }
    return n;
}

/*
 * Canonical layout serialisation: written into the header and hashed
 * for the layout digest, so both come from one definition.  The sink
 * appends to a buffer, feeds a hash, or both.
 */
typedef struct Sink {
    uint8_t *buf;
    size_t cap;
    size_t len;
    bool overflow;
    RisuSha256 *sha;
} Sink;

static void sink_put(Sink *s, const void *p, size_t n)
{
    if (s->sha) {
        risu_sha256_update(s->sha, p, n);
    }
    if (s->buf) {
        if (n > s->cap - s->len) {
            s->overflow = true;
            return;
        }
        memcpy(s->buf + s->len, p, n);
        s->len += n;
    }
}

static void sink_str(Sink *s, const char *str, size_t max)
{
    uint8_t n = (uint8_t)bounded_strlen(str, max);

    sink_put(s, &n, 1);
    sink_put(s, str, n);
}

/* Returns false if the table cannot be represented (checked by both ends). */
static bool layout_valid(const RisuArchDesc *arch)
{
    int i;

    if (!arch || !arch->name || arch->nslots < 0 ||
        arch->nslots > RISU_MAX_SLOTS || arch->nregs < 0 ||
        arch->nregs > MAX_REGS || (arch->nregs && !arch->regs)) {
        return false;
    }
    for (i = 0; i < arch->nregs; i++) {
        const RisuRegDesc *rd = &arch->regs[i];
        size_t n = rd->name ? bounded_strlen(rd->name, NAME_MAX_LEN + 1) : 0;

        if (n == 0 || n > NAME_MAX_LEN || rd->nslots == 0 ||
            (int)rd->slot + rd->nslots > arch->nslots) {
            return false;
        }
    }
    return bounded_strlen(arch->name, NAME_MAX_LEN + 1) <= NAME_MAX_LEN;
}

static void layout_serialise(const RisuArchDesc *arch, Sink *s)
{
    uint8_t tmp[32];
    size_t n;
    int i;

    sink_str(s, arch->name, NAME_MAX_LEN);
    risu_put_le32(tmp, arch->arch_id);
    n = 4;
    n += risu_put_varint(tmp + n, (uint32_t)arch->nslots);
    n += risu_put_varint(tmp + n, (uint32_t)arch->nregs);
    sink_put(s, tmp, n);
    for (i = 0; i < arch->nregs; i++) {
        const RisuRegDesc *rd = &arch->regs[i];

        sink_str(s, rd->name, NAME_MAX_LEN);
        tmp[0] = rd->cls;
        n = 1 + risu_put_varint(tmp + 1, rd->slot);
        tmp[n++] = rd->nslots;
        risu_put_le32(tmp + n, rd->features);
        risu_put_le64(tmp + n + 4, rd->mask);
        sink_put(s, tmp, n + 12);
    }
}

void risu_layout_digest(const RisuArchDesc *arch, uint8_t out[32])
{
    RisuSha256 sha;
    Sink s = { .sha = &sha };

    risu_sha256_init(&sha);
    if (layout_valid(arch)) {
        layout_serialise(arch, &s);
    }
    risu_sha256_final(&sha, out);
}

/* ------------------------------------------------------------------ */
/* Writer */

size_t risu_trace_writer_size(void)
{
    return sizeof(RisuTraceWriter);
}

static int wfail(RisuTraceWriter *w, int err, const char *what)
{
    RisuFmt f;

    if (!w->err) {
        w->err = err;
        risu_fmt_init(&f, w->msg, sizeof(w->msg));
        risu_fmt_str(&f, what);
        risu_fmt_str(&f, " (after ");
        risu_fmt_u64(&f, w->nrecords);
        risu_fmt_str(&f, " records, ");
        risu_fmt_u64(&f, w->bytes);
        risu_fmt_str(&f, " bytes)");
    }
    return w->err;
}

static int io_write_all(RisuTraceWriter *w, const uint8_t *p, size_t len)
{
    while (len) {
        long n = w->io.write(w->io.opaque, p, len);

        if (n <= 0 || (size_t)n > len) {
            return wfail(w, RISU_ERR_IO, "trace write failed");
        }
        p += n;
        len -= (size_t)n;
        w->bytes += (uint64_t)n;
    }
    return RISU_OK;
}

/* Frame `raw` (len bytes) as a chunk of `type` in w->out and write it. */
static int write_chunk(RisuTraceWriter *w, uint8_t type, const uint8_t *raw,
                       size_t len, bool try_zlib)
{
    uint8_t *h = w->out;
    uint8_t enc = ENC_STORED;
    size_t stored = len;
    uint32_t crc;

#ifdef RISU_HAVE_ZLIB
    if (try_zlib && w->zinit && len > 0) {
        w->zs.next_in = (Bytef *)raw;
        w->zs.avail_in = (uInt)len;
        w->zs.next_out = h + CHUNK_HDR;
        /* Strictly smaller than raw, or storing is better anyway. */
        w->zs.avail_out = (uInt)(len - 1);
        if (deflate(&w->zs, Z_FINISH) == Z_STREAM_END) {
            enc = ENC_ZLIB;
            stored = w->zs.total_out;
        }
        if (deflateReset(&w->zs) != Z_OK) {
            return wfail(w, RISU_ERR_NOMEM, "deflateReset failed");
        }
    }
#endif
    if (enc == ENC_STORED) {
        memcpy(h + CHUNK_HDR, raw, len);
    }
    h[0] = type;
    h[1] = enc;
    h[2] = 0;
    h[3] = 0;
    risu_put_le32(h + 4, w->seq);
    risu_put_le32(h + 8, (uint32_t)stored);
    risu_put_le32(h + 12, (uint32_t)len);
    crc = risu_crc32(0, h, 16);
    crc = risu_crc32(crc, h + CHUNK_HDR, stored);
    risu_put_le32(h + 16, crc);
    w->seq++;
    return io_write_all(w, h, CHUNK_HDR + stored);
}

int risu_trace_writer_init(RisuTraceWriter *w, RisuIO io,
                           const RisuArchDesc *arch,
                           const RisuTraceHeader *hdr, int compress)
{
    uint8_t *p;
    Sink s;
    size_t n;
    uint8_t pre[PREFIX_LEN];

    memset(w, 0, offsetof(RisuTraceWriter, prev));
    memset(&w->prev, 0, sizeof(w->prev));
    memset(w->mem, 0, sizeof(w->mem));
    w->io = io;
    if (!layout_valid(arch)) {
        return wfail(w, RISU_ERR_CORRUPT, "register table cannot be encoded");
    }
    w->nslots = (uint32_t)arch->nslots;
    risu_sha256_init(&w->digest);
#ifdef RISU_HAVE_ZLIB
    if (compress) {
        w->arena.base = w->arena_mem;
        w->arena.size = sizeof(w->arena_mem);
        w->arena.used = 0;
        w->zs.zalloc = arena_alloc;
        w->zs.zfree = arena_free;
        w->zs.opaque = &w->arena;
        w->zinit = deflateInit2(&w->zs, RISU_TRACE_ZLEVEL, Z_DEFLATED,
                                15, 8, Z_DEFAULT_STRATEGY) == Z_OK;
    }
#endif
    w->compress = w->zinit;

    /* Header payload, built in raw[] (it is empty until records come). */
    p = w->raw;
    risu_put_le32(p, arch->arch_id);
    p[4] = hdr->big_endian ? 1 : 0;
    p[5] = w->compress;
    p[6] = 0;
    p[7] = 0;
    risu_put_le32(p + 8, hdr->features);
    risu_layout_digest(arch, p + 12);
    memcpy(p + 44, hdr->image_digest, 32);
    n = bounded_strlen(hdr->recorder, RECORDER_MAX);
    p[76] = (uint8_t)n;
    memcpy(p + 77, hdr->recorder, n);
    s = (Sink){ .buf = w->raw, .cap = CHUNK_MAX, .len = 77 + n };
    layout_serialise(arch, &s);
    if (s.overflow) {
        return wfail(w, RISU_ERR_NOMEM, "register table too large for a chunk");
    }

    memcpy(pre, TRACE_MAGIC, MAGIC_LEN);
    risu_put_le32(pre + MAGIC_LEN, RISU_TRACE_VERSION);
    if (io_write_all(w, pre, PREFIX_LEN) ||
        write_chunk(w, CH_HEADER, w->raw, s.len, false)) {
        return w->err;
    }
    return RISU_OK;
}

/*
 * Memory delta (RF_MEM): varint base (0: the previous block, else the
 * MEMINIT seed + 1), varint range count, per range varint(gap from the
 * end of the previous range) and varint(length - 1); the new bytes go
 * to the value section.  Ranges are risu_memdiff_next's, so one block
 * change has one encoding.  Returns structure bytes; *nv value bytes.
 */
static size_t mem_delta_size(const RisuTraceWriter *w, const uint8_t *block,
                             size_t *nv)
{
    uint8_t tmp[10];
    size_t off, len, pos = 0, k = 0, ns;

    ns = risu_put_varint(tmp, w->mem_base);
    *nv = 0;
    while (risu_memdiff_next(w->mem, block, MEM_SIZE, pos, &off, &len)) {
        ns += risu_put_varint(tmp, off - pos) + risu_put_varint(tmp, len - 1);
        *nv += len;
        pos = off + len;
        k++;
    }
    return ns + risu_put_varint(tmp, k);
}

static uint8_t *encode_mem(RisuTraceWriter *w, uint8_t *p,
                           const uint8_t *block)
{
    uint8_t *v = w->sec_value + w->nvalue;
    size_t off, len, pos = 0, k = 0;

    while (risu_memdiff_next(w->mem, block, MEM_SIZE, pos, &off, &len)) {
        pos = off + len;
        k++;
    }
    p += risu_put_varint(p, w->mem_base);
    p += risu_put_varint(p, k);
    pos = 0;
    while (risu_memdiff_next(w->mem, block, MEM_SIZE, pos, &off, &len)) {
        p += risu_put_varint(p, off - pos);
        p += risu_put_varint(p, len - 1);
        for (size_t i = 0; i < len; i++) {
            *v++ = block[off + i];
        }
        pos = off + len;
    }
    w->nvalue = (size_t)(v - w->sec_value);
    memcpy(w->mem, block, MEM_SIZE);
    w->mem_base = 0;
    return p;
}

/* Minimal n (1..8) such that x is the sign extension of its low n bytes. */
static unsigned sext_bytes(uint64_t x)
{
    unsigned n = 1;

    while (n < 8) {
        int64_t lo = (int64_t)(x << (64 - 8 * n)) >> (64 - 8 * n);

        if ((uint64_t)lo == x) {
            break;
        }
        n++;
    }
    return n;
}

/*
 * Indices of the slots that differ from the previous record, into
 * w->changed, in order; returns how many.  One pass that skips unchanged
 * groups of four: most of the state (vector registers) rarely changes,
 * and under qemu-user this scan is a good part of a checkpoint.
 */
static uint32_t changed_range(RisuTraceWriter *w, const RisuState *st,
                              uint32_t s, uint32_t end, uint32_t n)
{
    const uint64_t *a = st->slot, *b = w->prev.slot;

    for (; s + 4 <= end; s += 4) {
        if (!((a[s] ^ b[s]) | (a[s + 1] ^ b[s + 1]) |
              (a[s + 2] ^ b[s + 2]) | (a[s + 3] ^ b[s + 3]))) {
            continue;
        }
        for (uint32_t k = s; k < s + 4; k++) {
            if (a[k] != b[k]) {
                w->changed[n++] = (uint16_t)k;
            }
        }
    }
    for (; s < end; s++) {
        if (a[s] != b[s]) {
            w->changed[n++] = (uint16_t)s;
        }
    }
    return n;
}

/* With spans (a record of some state classes), only their slots. */
static uint32_t changed_slots(RisuTraceWriter *w, const RisuState *st)
{
    const RisuSpans *sp = w->spans;
    uint32_t n = 0;

    if (!sp) {
        return changed_range(w, st, 0, w->nslots, 0);
    }
    for (int i = 0; i < sp->n; i++) {
        uint32_t hi = sp->hi[i] < w->nslots ? sp->hi[i] : w->nslots;
        if (sp->lo[i] < hi) {
            n = changed_range(w, st, sp->lo[i], hi, n);
        }
    }
    return n;
}

void risu_trace_writer_set_spans(RisuTraceWriter *w, const RisuSpans *sp)
{
    w->spans = sp;
}

/*
 * Encode one record into the chunk's sections: flags and varints go to
 * the structure section, the insn word to the insn section, register
 * XOR bytes to the value section.  Keeping the near-random bytes apart
 * from the repetitive ones is what lets deflate approach their entropy
 * (about 1.4 bytes per checkpoint better than interleaving them).
 */
static void encode_record(RisuTraceWriter *w, const RisuState *st,
                          const uint8_t *block)
{
    RisuState *pv = &w->prev;
    uint8_t *out = w->sec_struct + w->nstruct;
    uint8_t *p = out + 1;
    uint8_t *v = w->sec_value + w->nvalue;
    uint8_t flags = 0;
    int32_t pcdelta = (int32_t)(st->pc_off - pv->pc_off);
    uint32_t count = 0, s, last = 0;

    if (st->op != pv->op) {
        flags |= RF_OP;
        p += risu_put_varint(p, st->op);
    }
    if (pcdelta != w->prev_pcdelta) {
        flags |= RF_PC;
        p += risu_put_varint(p, risu_zigzag32(pcdelta));
        w->prev_pcdelta = pcdelta;
    }
    if (st->insn != pv->insn) {
        flags |= RF_INSN;
        w->sec_insn[w->ninsn++] = st->insn;
    }
    if (st->signo || st->si_code || st->fault_flags || st->fault_addr) {
        flags |= RF_SIG;
        p += risu_put_varint(p, risu_zigzag32(st->signo));
        p += risu_put_varint(p, risu_zigzag32(st->si_code));
        p += risu_put_varint(p, st->fault_flags);
        p += risu_put_varint(p, st->fault_addr);
    }
    if (st->features != pv->features) {
        flags |= RF_FEAT;
        p += risu_put_varint(p, st->features);
    }

    /*
     * Changed slots: count, then per slot varint(gap << 3 | (n - 1)),
     * with the n low bytes of new ^ old (which sign-extend to the full
     * XOR) in the value section.
     */
    count = changed_slots(w, st);
    if (count) {
        flags |= RF_REGS;
        p += risu_put_varint(p, count);
    }
    for (uint32_t c = 0; c < count; c++) {
        uint64_t x;
        unsigned n, i;

        s = w->changed[c];
        x = st->slot[s] ^ pv->slot[s];
        n = sext_bytes(x);
        p += risu_put_varint(p, (uint64_t)(s - last) << 3 | (n - 1));
        for (i = 0; i < n; i++) {
            *v++ = (uint8_t)(x >> (8 * i));
        }
        last = s + 1;
    }
    w->nvalue = (size_t)(v - w->sec_value);
    if (block) {
        flags |= RF_MEM;
        p = encode_mem(w, p, block);
    }
    out[0] = flags;
    w->nstruct += (size_t)(p - out);

    pv->op = st->op;
    pv->pc_off = st->pc_off;
    pv->insn = st->insn;
    pv->features = st->features;
    for (uint32_t c = 0; c < count; c++) {
        pv->slot[w->changed[c]] = st->slot[w->changed[c]];
    }
}

/* Bytes the current chunk's payload would take. */
static size_t chunk_fill(const RisuTraceWriter *w)
{
    return 6 + w->nstruct + 4 * w->ninsn + w->nvalue;
}

/*
 * Payload = varint(struct len), varint(insn count), structure section,
 * insn section transposed (all byte 0s, then all byte 1s ...; opcode
 * bytes then sit together), value section.
 */
static size_t assemble_chunk(RisuTraceWriter *w)
{
    uint8_t *p = w->raw;
    size_t i, m = w->ninsn;
    unsigned b;

    p += risu_put_varint(p, w->nstruct);
    p += risu_put_varint(p, m);
    memcpy(p, w->sec_struct, w->nstruct);
    p += w->nstruct;
    for (b = 0; b < 4; b++) {
        for (i = 0; i < m; i++) {
            *p++ = (uint8_t)(w->sec_insn[i] >> (8 * b));
        }
    }
    if (w->nvalue) {
        memcpy(p, w->sec_value, w->nvalue);
        p += w->nvalue;
    }
    return (size_t)(p - w->raw);
}

int risu_trace_flush(RisuTraceWriter *w)
{
    size_t len;

    if (w->err) {
        return w->err;
    }
    if (!w->nstruct) {
        return RISU_OK;
    }
    len = assemble_chunk(w);
    risu_sha256_update(&w->digest, w->raw, len);
    if (write_chunk(w, CH_RECORDS, w->raw, len, w->compress)) {
        return w->err;
    }
    w->nstruct = w->ninsn = w->nvalue = 0;
    return RISU_OK;
}

static int write_record(RisuTraceWriter *w, const RisuState *st,
                        const uint8_t *block)
{
    size_t ns = 0, nv = 0;

    if (w->err) {
        return w->err;
    }
    if (w->finished) {
        return wfail(w, RISU_ERR_IO, "write after finish");
    }
    if (block) {
        ns = mem_delta_size(w, block, &nv);
    }
    if (chunk_fill(w) + RECORD_MAX(w->nslots) + ns + nv > CHUNK_MAX &&
        risu_trace_flush(w)) {
        return w->err;
    }
    encode_record(w, st, block);
    w->mem_bytes += ns + nv;
    w->nrecords++;
    return RISU_OK;
}

int risu_trace_write(RisuTraceWriter *w, const RisuState *st)
{
    return write_record(w, st, NULL);
}

int risu_trace_write_mem(RisuTraceWriter *w, const RisuState *st,
                         const uint8_t *block)
{
    return write_record(w, st, block);
}

void risu_trace_mem_base(RisuTraceWriter *w, uint32_t seed)
{
    risu_meminit_fill(w->mem, seed);
    w->mem_base = (uint64_t)seed + 1;
}

uint64_t risu_trace_writer_mem_bytes(const RisuTraceWriter *w)
{
    return w->mem_bytes;
}

int risu_trace_finish(RisuTraceWriter *w)
{
    uint8_t end[10 + 32];
    size_t n;

    if (risu_trace_flush(w)) {
        return w->err;
    }
    if (w->finished) {
        return RISU_OK;
    }
    n = risu_put_varint(end, w->nrecords);
    risu_sha256_final(&w->digest, end + n);
    w->finished = true;
    return write_chunk(w, CH_END, end, n + 32, false);
}

const char *risu_trace_writer_error(const RisuTraceWriter *w)
{
    return w->msg;
}

uint64_t risu_trace_writer_records(const RisuTraceWriter *w)
{
    return w->nrecords;
}

uint64_t risu_trace_writer_bytes(const RisuTraceWriter *w)
{
    return w->bytes;
}

/* ------------------------------------------------------------------ */
/* Reader */

size_t risu_trace_reader_size(void)
{
    return sizeof(RisuTraceReader);
}

/* Record an error at stream offset `off`; the first error sticks. */
static int rfail(RisuTraceReader *r, int err, uint64_t off, const char *what)
{
    RisuFmt f;

    if (!r->err) {
        r->err = err;
        r->err_off = off;
        risu_fmt_init(&f, r->msg, sizeof(r->msg));
        risu_fmt_str(&f, "offset ");
        risu_fmt_u64(&f, off);
        risu_fmt_str(&f, ": ");
        risu_fmt_str(&f, what);
    }
    return r->err;
}

/* Append detail to the error message (after rfail). */
static void rdetail(RisuTraceReader *r, const char *s, uint64_t v)
{
    RisuFmt f = {
        .buf = r->msg,
        .size = sizeof(r->msg),
        .len = bounded_strlen(r->msg, sizeof(r->msg) - 1),
    };

    risu_fmt_str(&f, s);
    risu_fmt_u64(&f, v);
}

/* Read exactly len bytes; returns bytes read (< len only at EOF) or <0. */
static long io_read_full(RisuTraceReader *r, uint8_t *p, size_t len)
{
    size_t got = 0;

    while (got < len) {
        long n = r->io.read(r->io.opaque, p + got, len - got);

        if (n < 0 || (size_t)n > len - got) {
            return rfail(r, RISU_ERR_IO, r->offset, "read failed or timed out");
        }
        if (n == 0) {
            break;
        }
        got += (size_t)n;
        r->offset += (uint64_t)n;
    }
    return (long)got;
}

/*
 * Read and check one chunk into r->raw.  *type gets the chunk type.
 * EOF exactly at a chunk boundary is reported as a missing end chunk.
 */
static int read_chunk(RisuTraceReader *r, uint8_t *type)
{
    uint8_t h[CHUNK_HDR];
    uint32_t stored, raw, crc;
    long n;

    r->chunk_off = r->offset;
    n = io_read_full(r, h, CHUNK_HDR);
    if (n < 0) {
        return (int)n;
    }
    if (n == 0) {
        rfail(r, RISU_ERR_TRUNCATED, r->offset, "trace ends without end chunk");
        rdetail(r, ", records read ", r->nrecords);
        return r->err;
    }
    if (n < CHUNK_HDR) {
        return rfail(r, RISU_ERR_TRUNCATED, r->offset,
                     "end of file inside a chunk header");
    }
    stored = risu_get_le32(h + 8);
    raw = risu_get_le32(h + 12);
    if (h[0] != CH_HEADER && h[0] != CH_RECORDS && h[0] != CH_END) {
        return rfail(r, RISU_ERR_CORRUPT, r->chunk_off, "bad chunk type");
    }
    if (h[1] > ENC_ZLIB || h[2] || h[3]) {
        return rfail(r, RISU_ERR_CORRUPT, r->chunk_off,
                     "bad chunk encoding or reserved bits");
    }
    if (risu_get_le32(h + 4) != r->seq) {
        rfail(r, RISU_ERR_CORRUPT, r->chunk_off, "chunk out of sequence, expected ");
        rdetail(r, "", r->seq);
        return r->err;
    }
    if (raw > CHUNK_MAX || stored > CHUNK_MAX ||
        (h[1] == ENC_STORED && stored != raw)) {
        return rfail(r, RISU_ERR_CORRUPT, r->chunk_off, "bad chunk length");
    }
    n = io_read_full(r, h[1] == ENC_STORED ? r->raw : r->in, stored);
    if (n < 0) {
        return (int)n;
    }
    if ((uint32_t)n < stored) {
        return rfail(r, RISU_ERR_TRUNCATED, r->offset,
                     "end of file inside a chunk");
    }
    crc = risu_crc32(0, h, 16);
    crc = risu_crc32(crc, h[1] == ENC_STORED ? r->raw : r->in, stored);
    if (RISU_CHECK_SUMS && crc != risu_get_le32(h + 16)) {
        return rfail(r, RISU_ERR_CORRUPT, r->chunk_off, "chunk CRC mismatch");
    }
    if (h[1] == ENC_ZLIB) {
#ifdef RISU_HAVE_ZLIB
        int zr;

        if (!r->zinit) {
            r->arena.base = r->arena_mem;
            r->arena.size = sizeof(r->arena_mem);
            r->arena.used = 0;
            r->zs.zalloc = arena_alloc;
            r->zs.zfree = arena_free;
            r->zs.opaque = &r->arena;
            if (inflateInit(&r->zs) != Z_OK) {
                return rfail(r, RISU_ERR_NOMEM, r->chunk_off, "inflateInit failed");
            }
            r->zinit = true;
        } else if (inflateReset(&r->zs) != Z_OK) {
            return rfail(r, RISU_ERR_NOMEM, r->chunk_off, "inflateReset failed");
        }
        r->zs.next_in = r->in;
        r->zs.avail_in = stored;
        r->zs.next_out = r->raw;
        r->zs.avail_out = raw;
        zr = inflate(&r->zs, Z_FINISH);
        if (zr != Z_STREAM_END || r->zs.avail_in || r->zs.avail_out) {
            return rfail(r, RISU_ERR_CORRUPT, r->chunk_off,
                         "chunk does not decompress to its length");
        }
#else
        return rfail(r, RISU_ERR_VERSION, r->chunk_off,
                     "zlib-compressed chunk, but built without zlib");
#endif
    }
    r->rlen = raw;
    r->rpos = 0;
    r->seq++;
    *type = h[0];
    return RISU_OK;
}

/* Strings on disk are NUL-free so that they read back as C strings. */
static bool has_nul(const uint8_t *p, size_t n)
{
    while (n--) {
        if (!*p++) {
            return true;
        }
    }
    return false;
}

/* Parse the layout part of the header into r->arch. */
static bool parse_layout(RisuTraceReader *r, const uint8_t *p,
                         const uint8_t *end)
{
    size_t pool = 0;
    uint64_t v;
    uint32_t i;

#define NEED(k) do { if ((size_t)(end - p) < (size_t)(k)) return false; } while (0)
#define TAKE_STR(dst) do {                                  \
        size_t n_;                                          \
        NEED(1);                                            \
        n_ = *p++;                                          \
        NEED(n_);                                           \
        if (n_ > NAME_MAX_LEN || pool + n_ + 1 > NAME_POOL || \
            has_nul(p, n_))                                 \
            return false;                                   \
        memcpy(r->names + pool, p, n_);                     \
        r->names[pool + n_] = 0;                            \
        (dst) = r->names + pool;                            \
        pool += n_ + 1;                                     \
        p += n_;                                            \
    } while (0)

    TAKE_STR(r->arch.name);
    NEED(4);
    r->arch.arch_id = risu_get_le32(p);
    p += 4;
    if (!risu_get_varint(&p, end, &v) || v > RISU_MAX_SLOTS) {
        return false;
    }
    r->arch.nslots = (int)v;
    if (!risu_get_varint(&p, end, &v) || v > MAX_REGS) {
        return false;
    }
    r->arch.nregs = (int)v;
    r->arch.regs = r->regs;
    for (i = 0; i < (uint32_t)r->arch.nregs; i++) {
        RisuRegDesc *rd = &r->regs[i];

        TAKE_STR(rd->name);
        if (!rd->name[0]) {
            return false;
        }
        NEED(1);
        rd->cls = *p++;
        if (!risu_get_varint(&p, end, &v) || v >= (uint64_t)r->arch.nslots) {
            return false;
        }
        rd->slot = (uint16_t)v;
        NEED(13);
        rd->nslots = *p++;
        if (rd->nslots == 0 || rd->slot + rd->nslots > r->arch.nslots) {
            return false;
        }
        rd->features = risu_get_le32(p);
        rd->mask = risu_get_le64(p + 4);
        rd->source = NULL;
        p += 12;
    }
    return p == end;
#undef NEED
#undef TAKE_STR
}

int risu_trace_reader_init(RisuTraceReader *r, RisuIO io,
                           const RisuArchDesc *arch, RisuTraceHeader *hdr)
{
    uint8_t pre[PREFIX_LEN];
    uint8_t digest[32];
    uint8_t type;
    const uint8_t *p;
    RisuSha256 sha;
    long n;
    size_t rl;

    memset(r, 0, offsetof(RisuTraceReader, regs));
    memset(&r->prev, 0, sizeof(r->prev));
    memset(r->mem, 0, sizeof(r->mem));
    r->io = io;
    risu_sha256_init(&r->digest);
    memset(hdr, 0, sizeof(*hdr));

    n = io_read_full(r, pre, PREFIX_LEN);
    if (n < 0) {
        return (int)n;
    }
    if (memcmp(pre, TRACE_MAGIC, (size_t)n < MAGIC_LEN ? (size_t)n : MAGIC_LEN)) {
        return rfail(r, RISU_ERR_CORRUPT, 0, "not a risu-dt trace (bad magic)");
    }
    if (n < PREFIX_LEN) {
        return rfail(r, RISU_ERR_TRUNCATED, r->offset,
                     "end of file inside the trace magic");
    }
    hdr->version = risu_get_le32(pre + MAGIC_LEN);
    r->version = hdr->version;
    if (hdr->version < RISU_TRACE_VERSION_MIN ||
        hdr->version > RISU_TRACE_VERSION) {
        rfail(r, RISU_ERR_VERSION, MAGIC_LEN, "unsupported trace format version ");
        rdetail(r, "", hdr->version);
        return r->err;
    }
    if (read_chunk(r, &type)) {
        return r->err;
    }
    if (type != CH_HEADER) {
        return rfail(r, RISU_ERR_CORRUPT, r->chunk_off,
                     "first chunk is not a header");
    }
    p = r->raw;
    rl = r->rlen;
    if (rl < 77 || rl < 77u + p[76] || p[76] > RECORDER_MAX ||
        p[4] > 1 || p[5] > 1 || p[6] || p[7] || has_nul(p + 77, p[76])) {
        return rfail(r, RISU_ERR_CORRUPT, r->chunk_off, "malformed trace header");
    }
    hdr->arch_id = risu_get_le32(p);
    hdr->big_endian = p[4];
    hdr->compressed = p[5];
    hdr->features = risu_get_le32(p + 8);
    memcpy(hdr->layout_digest, p + 12, 32);
    memcpy(hdr->image_digest, p + 44, 32);
    memcpy(hdr->recorder, p + 77, p[76]);
    hdr->recorder[p[76]] = 0;
    if (!parse_layout(r, p + 77 + p[76], p + rl) ||
        r->arch.arch_id != hdr->arch_id) {
        return rfail(r, RISU_ERR_CORRUPT, r->chunk_off,
                     "malformed register layout in header");
    }
    risu_sha256_init(&sha);
    risu_sha256_update(&sha, p + 77 + p[76], rl - 77 - p[76]);
    risu_sha256_final(&sha, digest);
    if (RISU_CHECK_SUMS && memcmp(digest, hdr->layout_digest, 32)) {
        return rfail(r, RISU_ERR_CORRUPT, r->chunk_off,
                     "layout digest does not match the layout");
    }
    if (arch) {
        risu_layout_digest(arch, digest);
        if (memcmp(digest, hdr->layout_digest, 32)) {
            return rfail(r, RISU_ERR_MISMATCH_HDR, r->chunk_off,
                         "trace register layout differs from this runner's");
        }
    }
    r->rlen = r->rpos = r->send = 0;
    r->memhash_slot = risu_memhash_slot(&r->arch);
    return RISU_OK;
}

static int check_end(RisuTraceReader *r)
{
    const uint8_t *p = r->raw, *end = r->raw + r->rlen;
    uint8_t digest[32];
    uint64_t count;

    if (!risu_get_varint(&p, end, &count) || end - p != 32) {
        return rfail(r, RISU_ERR_CORRUPT, r->chunk_off, "malformed end chunk");
    }
    if (count != r->nrecords) {
        rfail(r, RISU_ERR_CORRUPT, r->chunk_off, "record count mismatch: end says ");
        rdetail(r, "", count);
        rdetail(r, ", read ", r->nrecords);
        return r->err;
    }
    risu_sha256_final(&r->digest, digest);
    if (memcmp(digest, p, 32)) {
        return rfail(r, RISU_ERR_CORRUPT, r->chunk_off,
                     "running digest of records differs from end chunk");
    }
    r->ended = true;
    return RISU_OK;
}

static int bad_record(RisuTraceReader *r, const char *what)
{
    rfail(r, RISU_ERR_CORRUPT, r->chunk_off, what);
    rdetail(r, " in record ", r->nrecords);
    rdetail(r, " at payload byte ", r->rpos);
    return r->err;
}

/* Fields repeat the previous value only if flagged: canonical form. */
#define VARINT(max) do {                                            \
        if (!risu_get_varint(pp, end, &v) || v > (max))             \
            return bad_record(r, "bad varint");                     \
    } while (0)

/* The next word of the insn section, stored one byte plane at a time. */
static int decode_insn(RisuTraceReader *r)
{
    RisuState *pv = &r->prev;
    const uint8_t *ip = r->raw + r->ibase + r->ipos;
    uint32_t insn;

    if (r->ipos == r->nins) {
        return bad_record(r, "insn section exhausted");
    }
    insn = (uint32_t)ip[0] | (uint32_t)ip[r->nins] << 8 |
           (uint32_t)ip[2 * r->nins] << 16 |
           (uint32_t)ip[3 * r->nins] << 24;
    if (insn == pv->insn) {
        return bad_record(r, "non-canonical insn");
    }
    pv->insn = insn;
    r->ipos++;
    return RISU_OK;
}

static int decode_signal(RisuTraceReader *r, const uint8_t **pp,
                         const uint8_t *end)
{
    RisuState *pv = &r->prev;
    uint64_t v;

    VARINT(UINT32_MAX);
    pv->signo = risu_unzigzag32((uint32_t)v);
    VARINT(UINT32_MAX);
    pv->si_code = risu_unzigzag32((uint32_t)v);
    VARINT(UINT32_MAX);
    pv->fault_flags = (uint32_t)v;
    VARINT(UINT64_MAX);
    pv->fault_addr = v;
    if (!pv->signo && !pv->si_code && !pv->fault_flags && !pv->fault_addr) {
        return bad_record(r, "empty signal field");
    }
    return RISU_OK;
}

/* Register delta: (slot gap, byte count) varints, values in their section. */
static int decode_regs(RisuTraceReader *r, const uint8_t **pp,
                       const uint8_t *end)
{
    RisuState *pv = &r->prev;
    uint64_t v, count, last = 0;

    VARINT((uint64_t)r->arch.nslots);
    if (v == 0) {
        return bad_record(r, "empty register delta");
    }
    for (count = v; count; count--) {
        const uint8_t *vp = r->raw + r->vpos;
        uint64_t x = 0;
        unsigned n, i;

        VARINT((uint64_t)RISU_MAX_SLOTS << 3);
        n = (unsigned)(v & 7) + 1;
        last += v >> 3;
        if (last >= (uint64_t)r->arch.nslots) {
            return bad_record(r, "slot index out of range");
        }
        if (r->rlen - r->vpos < n) {
            return bad_record(r, "value section exhausted");
        }
        for (i = 0; i < n; i++) {
            x |= (uint64_t)vp[i] << (8 * i);
        }
        r->vpos += n;
        if (n < 8) {
            x = (uint64_t)((int64_t)(x << (64 - 8 * n)) >> (64 - 8 * n));
        }
        if (!x || sext_bytes(x) != n) {
            return bad_record(r, "non-canonical register delta");
        }
        pv->slot[last] ^= x;
        r->changed[r->nchanged++] = (uint16_t)last;
        last++;
    }
    return RISU_OK;
}

/* The new bytes at `off` (`len` of them) from the value section. */
static int apply_mem_range(RisuTraceReader *r, uint64_t off, uint64_t len)
{
    const uint8_t *vp = r->raw + r->vpos;
    uint8_t *m = r->mem + off;
    unsigned same = 0;

    if (r->rlen - r->vpos < len) {
        return bad_record(r, "value section exhausted in memory delta");
    }
    if (vp[0] == m[0] || vp[len - 1] == m[len - 1]) {
        return bad_record(r, "non-canonical memory range (equal end byte)");
    }
    for (uint64_t i = 0; i < len; i++) {
        same = vp[i] == m[i] ? same + 1 : 0;
        if (same >= RISU_MEMDIFF_GAP) {
            return bad_record(r, "non-canonical memory range (gap inside)");
        }
        m[i] = vp[i];
    }
    r->vpos += (size_t)len;
    return RISU_OK;
}

/* RF_MEM: the block of this COMPAREMEM record (see mem_delta_size). */
static int decode_mem(RisuTraceReader *r, const uint8_t **pp,
                      const uint8_t *end)
{
    uint64_t v, count, pos = 0;
    int rc;

    VARINT((uint64_t)UINT32_MAX + 1);
    r->mem_base = v;
    if (v) {
        risu_meminit_fill(r->mem, (uint32_t)(v - 1));
    }
    VARINT(MEM_MAX_RANGES);
    for (count = v; count; count--) {
        uint64_t gap, len;

        VARINT(MEM_SIZE);
        gap = v;
        VARINT(MEM_SIZE - 1);
        len = v + 1;
        if ((pos && gap < RISU_MEMDIFF_GAP) || gap + len > MEM_SIZE - pos) {
            return bad_record(r, "memory range outside the block or "
                              "overlapping");
        }
        pos += gap;
        if ((rc = apply_mem_range(r, pos, len))) {
            return rc;
        }
        pos += len;
    }
    if (RISU_CHECK_SUMS && r->memhash_slot >= 0 &&
        risu_memblock_hash(r->mem, MEM_SIZE) !=
        r->prev.slot[r->memhash_slot]) {
        return bad_record(r, "memory block does not match the record's "
                          "memhash");
    }
    r->mem_now = true;
    return RISU_OK;
}

static int decode_record(RisuTraceReader *r)
{
    RisuState *pv = &r->prev;
    const uint8_t *p = r->raw + r->rpos, *end = r->raw + r->send;
    const uint8_t **pp = &p;
    uint64_t v;
    uint8_t flags = *p++;
    int rc;

    r->mem_now = false;
    if ((flags & RF_RESERVED) || ((flags & RF_MEM) && r->version < 2)) {
        return bad_record(r, "reserved record flag set");
    }
    if (flags & RF_OP) {
        VARINT(UINT32_MAX);
        if (v == pv->op) {
            return bad_record(r, "non-canonical op");
        }
        pv->op = (uint32_t)v;
    }
    if (flags & RF_PC) {
        VARINT(UINT32_MAX);
        if (risu_unzigzag32((uint32_t)v) == r->prev_pcdelta) {
            return bad_record(r, "non-canonical pc delta");
        }
        r->prev_pcdelta = risu_unzigzag32((uint32_t)v);
    }
    pv->pc_off += (uint32_t)r->prev_pcdelta;
    if ((flags & RF_INSN) && (rc = decode_insn(r))) {
        return rc;
    }
    pv->signo = pv->si_code = 0;
    pv->fault_flags = 0;
    pv->fault_addr = 0;
    if ((flags & RF_SIG) && (rc = decode_signal(r, pp, end))) {
        return rc;
    }
    if (flags & RF_FEAT) {
        VARINT(UINT32_MAX);
        if (v == pv->features) {
            return bad_record(r, "non-canonical features");
        }
        pv->features = (uint32_t)v;
    }
    if ((flags & RF_REGS) && (rc = decode_regs(r, pp, end))) {
        return rc;
    }
    if ((flags & RF_MEM) && (rc = decode_mem(r, pp, end))) {
        return rc;
    }
    r->rpos = (size_t)(p - r->raw);
    return RISU_OK;
}
#undef VARINT

/* Locate the sections of a records chunk just read. */
static int open_sections(RisuTraceReader *r)
{
    const uint8_t *p = r->raw, *end = r->raw + r->rlen;
    uint64_t ns, ni;

    if (!risu_get_varint(&p, end, &ns) || !risu_get_varint(&p, end, &ni) ||
        ns == 0 || ns > (uint64_t)(end - p) ||
        ni > ((uint64_t)(end - p) - ns) / 4) {
        return rfail(r, RISU_ERR_CORRUPT, r->chunk_off,
                     "bad section lengths in records chunk");
    }
    r->rpos = (size_t)(p - r->raw);
    r->send = r->rpos + (size_t)ns;
    r->ibase = r->send;
    r->nins = (size_t)ni;
    r->ipos = 0;
    r->vpos = r->ibase + 4 * r->nins;
    return RISU_OK;
}

int risu_trace_read(RisuTraceReader *r, RisuState *st)
{
    if (r->err) {
        return r->err;
    }
    if (r->ended) {
        return 0;
    }
    if (r->rpos == r->send) {
        uint8_t type;

        /* Every byte of the finished chunk must have been used. */
        if (r->rlen && (r->ipos != r->nins || r->vpos != r->rlen)) {
            return rfail(r, RISU_ERR_CORRUPT, r->chunk_off,
                         "unused insn or value bytes at end of chunk");
        }
        if (read_chunk(r, &type)) {
            return r->err;
        }
        if (type == CH_END) {
            return check_end(r) ? r->err : 0;
        }
        if (type != CH_RECORDS) {
            return rfail(r, RISU_ERR_CORRUPT, r->chunk_off,
                         "unexpected chunk where records were due");
        }
        risu_sha256_update(&r->digest, r->raw, r->rlen);
        if (open_sections(r)) {
            return r->err;
        }
    }
    r->nchanged = 0;
    if (decode_record(r)) {
        return r->err;
    }
    r->nrecords++;
    st->op = r->prev.op;
    st->pc_off = r->prev.pc_off;
    st->insn = r->prev.insn;
    st->signo = r->prev.signo;
    st->si_code = r->prev.si_code;
    st->fault_flags = r->prev.fault_flags;
    st->fault_addr = r->prev.fault_addr;
    st->features = r->prev.features;
    if (r->incremental && st == r->last_st) {
        for (uint32_t i = 0; i < r->nchanged; i++) {
            st->slot[r->changed[i]] = r->prev.slot[r->changed[i]];
        }
        return 1;
    }
    memcpy(st->slot, r->prev.slot, (size_t)r->arch.nslots * sizeof(uint64_t));
    r->last_st = st;
    return 1;
}

void risu_trace_reader_incremental(RisuTraceReader *r)
{
    r->incremental = true;
}

uint64_t risu_trace_reader_offset(const RisuTraceReader *r)
{
    return r->err ? r->err_off : r->offset;
}

const char *risu_trace_reader_error(const RisuTraceReader *r)
{
    return r->msg;
}

const RisuArchDesc *risu_trace_reader_arch(const RisuTraceReader *r)
{
    return &r->arch;
}

uint64_t risu_trace_reader_records(const RisuTraceReader *r)
{
    return r->nrecords;
}

const uint8_t *risu_trace_reader_mem(const RisuTraceReader *r)
{
    return r->mem_now && !r->err ? r->mem : NULL;
}

uint64_t risu_trace_reader_mem_base(const RisuTraceReader *r)
{
    return r->mem_base;
}

uint32_t risu_trace_reader_version(const RisuTraceReader *r)
{
    return r->version;
}
