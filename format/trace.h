/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Trace records, the live protocol and comparison.  Portable C that
 * builds both into the freestanding target runner and into host tools:
 * it uses only memcpy/memset/memcmp/strlen (runner/rt provides them on
 * targets) and does I/O through RisuIO.  See docs/trace-format.md.
 *
 * Live mode reuses the trace stream: the master (reference) sends its
 * header and records over the socket exactly as it would write a trace
 * file; the apprentice reads them as a replayer reads a file, compares,
 * and sends a verdict back at the end.  No round trip per checkpoint.
 */
#ifndef RISU_TRACE_H
#define RISU_TRACE_H

#include <stddef.h>
#include <stdint.h>
#include "format/state.h"

struct RisuSpans;       /* format/classes.h */

/* I/O: return bytes moved (>0), 0 on EOF, <0 on error or timeout. */
typedef struct RisuIO {
    void *opaque;
    long (*read)(void *opaque, void *buf, size_t len);
    long (*write)(void *opaque, const void *buf, size_t len);
} RisuIO;

/* What both sides agree on before any record is sent. */
typedef struct RisuTraceHeader {
    uint32_t version;          /* RISU_TRACE_VERSION */
    uint32_t arch_id;          /* RisuArchDesc.arch_id */
    uint8_t big_endian;        /* of the recording target (informative) */
    uint8_t compressed;        /* chunks are zlib streams */
    uint32_t features;         /* feature bits (arch.h) of the recorder */
    uint8_t layout_digest[32]; /* SHA-256 of the register table */
    uint8_t image_digest[32];  /* SHA-256 of the image file */
    char recorder[128];        /* "qemu-mipsel -cpu P5600", uname ... */
} RisuTraceHeader;

/*
 * 2: COMPAREMEM records carry the memory block as a delta (RF_MEM).
 * Readers accept RISU_TRACE_VERSION_MIN..RISU_TRACE_VERSION; writers
 * write RISU_TRACE_VERSION only.
 */
#define RISU_TRACE_VERSION 2
#define RISU_TRACE_VERSION_MIN 1

typedef enum RisuErr {
    RISU_OK = 0,
    RISU_ERR_IO = -1,          /* read/write failed or timed out */
    RISU_ERR_TRUNCATED = -2,   /* EOF inside a chunk or before the end */
    RISU_ERR_CORRUPT = -3,     /* bad magic, checksum or encoding */
    RISU_ERR_MISMATCH_HDR = -4,/* arch, layout or image digest differ */
    RISU_ERR_VERSION = -5,
    RISU_ERR_NOMEM = -6,
} RisuErr;

/* Writer: buffers records into checksummed chunks. */
typedef struct RisuTraceWriter RisuTraceWriter;
/* Reader: validates every chunk; errors carry the byte offset. */
typedef struct RisuTraceReader RisuTraceReader;

size_t risu_trace_writer_size(void);
int risu_trace_writer_init(RisuTraceWriter *w, RisuIO io,
                           const RisuArchDesc *arch,
                           const RisuTraceHeader *hdr, int compress);
int risu_trace_write(RisuTraceWriter *w, const RisuState *st);
/*
 * The next records hold only the slots in spans (NULL: all; the writer
 * keeps the pointer): the others are taken as unchanged, which saves
 * scanning them.  The caller guarantees they are (format/state.h).
 */
void risu_trace_writer_set_spans(RisuTraceWriter *w,
                                 const struct RisuSpans *spans);
/* Flush the current chunk (live mode calls it when it must wait). */
int risu_trace_flush(RisuTraceWriter *w);
/* Write the end chunk (record count and running checksum). */
int risu_trace_finish(RisuTraceWriter *w);

size_t risu_trace_reader_size(void);
int risu_trace_reader_init(RisuTraceReader *r, RisuIO io,
                           const RisuArchDesc *arch, RisuTraceHeader *hdr);
/* 1 = a record, 0 = clean end, <0 = RisuErr. */
int risu_trace_read(RisuTraceReader *r, RisuState *st);
/*
 * From now on, when risu_trace_read is given the same state as the last
 * time, write only the slots the record changes (a state is some KiB;
 * most records change a few slots).  The caller must not change that
 * state's slots between reads.
 */
void risu_trace_reader_incremental(RisuTraceReader *r);
/* Byte offset of the last error, and a message naming it. */
uint64_t risu_trace_reader_offset(const RisuTraceReader *r);
const char *risu_trace_reader_error(const RisuTraceReader *r);

/* Compare: fills `diff` with indices into arch->regs that differ. */
int risu_compare(const RisuArchDesc *arch, const RisuState *ref,
                 const RisuState *got, int *diff, int maxdiff);
/*
 * The same, over the registers of the state classes in mask only
 * (format/classes.h; `spans` their slots, for the fast path).
 */
int risu_compare_classes(const RisuArchDesc *arch, const RisuState *ref,
                         const RisuState *got, uint32_t mask,
                         const struct RisuSpans *spans, int *diff,
                         int maxdiff);
/* True if op, pc, insn or signal info differ. */
int risu_compare_meta(const RisuState *ref, const RisuState *got);

/* Report a mismatch through a line printer (target: write(2); host: stdio). */
typedef void (*RisuPrintFn)(void *opaque, const char *line);
void risu_report_mismatch(const RisuArchDesc *arch, uint64_t index,
                          const RisuState *ref, const RisuState *got,
                          const char *pattern, RisuPrintFn pr, void *opaque);
/*
 * A record that ended a run abnormally (RISU_OP_ESCAPE, RISU_OP_WATCHDOG)
 * in words, "the test word at +0x00001234 (insn 0x...) transferred control
 * outside the image: signal 11 si_code 1 at pc 0x...", into buf; signame
 * replaces "signal N" when given.  Returns 0 for every other op (buf
 * empty).
 */
int risu_describe_end(const RisuState *st, const char *signame, char *buf,
                      size_t len);

/* Live handshake: exchanged before the trace header. */
int risu_proto_hello_send(RisuIO io, const RisuTraceHeader *hdr);
int risu_proto_hello_check(RisuIO io, const RisuTraceHeader *mine,
                           char *why, size_t whylen);
/*
 * Verdict sent by the apprentice at the end (protocol 2): what it saw,
 * so that the master can check a claimed match against what it sent
 * (risu_live_judge) instead of taking the peer's word for it.
 */
typedef struct RisuVerdict {
    uint32_t verdict;      /* 0 match, 1 mismatch (anything else: a lie) */
    uint64_t ndiverge;     /* mismatching checkpoints */
    uint64_t ncompared;    /* apprentice checkpoints compared */
    uint64_t nrecords;     /* reference records read from the stream */
    uint8_t digest[32];    /* SHA-256 of every trace stream byte read */
} RisuVerdict;
int risu_proto_verdict_send(RisuIO io, const RisuVerdict *v);
/* Decodes only; RISU_OK says nothing about the verdict's honesty. */
int risu_proto_verdict_recv(RisuIO io, RisuVerdict *v);

/* SHA-256 (freestanding); used for image and layout digests. */
void risu_sha256(const void *data, size_t len, uint8_t out[32]);
void risu_layout_digest(const RisuArchDesc *arch, uint8_t out[32]);

/*
 * ---- Additions by the trace/protocol work (nothing above changed). ----
 *
 * Writer and reader structs must be aligned for uint64_t (malloc, a
 * static uint64_t array or mmap will do).  Sizes: writer ~0.6 MiB with
 * zlib (deflate state lives inside it; no malloc), reader ~0.3 MiB.
 */
#define RISU_TRACE_CHUNK_MAX 65536   /* raw and stored payload limit */

/* Message for the writer's last error ("" if none). */
const char *risu_trace_writer_error(const RisuTraceWriter *w);
/* Records written so far, and bytes handed to io (header included). */
uint64_t risu_trace_writer_records(const RisuTraceWriter *w);
uint64_t risu_trace_writer_bytes(const RisuTraceWriter *w);

/*
 * The register layout stored in the trace header, valid after a
 * successful reader_init: host tools print any trace without knowing the
 * architecture.  Names point into the reader; `source` is NULL.
 */
const RisuArchDesc *risu_trace_reader_arch(const RisuTraceReader *r);
uint64_t risu_trace_reader_records(const RisuTraceReader *r);

/* Short name of a RisuErr ("truncated", "corrupt" ...). */
const char *risu_strerror(int err);

/*
 * Compare two headers and explain the first difference in words, e.g.
 * "image digest differs: master ab12cd34.. apprentice 9f00e1d2..".
 * Returns RISU_OK, RISU_ERR_VERSION or RISU_ERR_MISMATCH_HDR.  Features
 * and recorder may differ (differences in features show up as register
 * differences); hello_check uses the names "local" and "peer".
 */
int risu_trace_header_explain(const RisuTraceHeader *a, const char *aname,
                              const RisuTraceHeader *b, const char *bname,
                              char *why, size_t whylen);
/* Receive the peer's hello without judging it (hello_check = recv + explain). */
int risu_proto_hello_recv(RisuIO io, RisuTraceHeader *peer,
                          char *why, size_t whylen);

/*
 * si_code normalisation for risu_compare_meta and the report: maps a
 * (signo, si_code) pair to a canonical si_code before comparing, for
 * values that differ between QEMU and a kernel without meaning anything
 * (ARM: QEMU gives ILL_ILLOPN (2) where a kernel gives ILL_ILLOPC (1) for
 * UDF).  One per process: the runner's arch code sets it at start-up,
 * host tools after reading the trace header.  NULL (default) = identity.
 */
typedef int32_t (*RisuSiCodeNormFn)(int32_t signo, int32_t si_code);
void risu_compare_set_si_code_norm(RisuSiCodeNormFn fn);

 /*
 * Live session checks (format/live.c).  A tap wraps a RisuIO and hashes
 * every byte that goes through it (the master taps its writer, the
 * apprentice its reader), so both ends can name the same stream.
 */
typedef struct RisuLiveTap {
    RisuIO inner;
    uint64_t bytes;
    uint64_t sha[16];     /* RisuSha256 (trace-util.h), kept opaque here */
} RisuLiveTap;
RisuIO risu_live_tap(RisuLiveTap *t, RisuIO inner);
void risu_live_tap_digest(const RisuLiveTap *t, uint8_t out[32]);

enum { RISU_LIVE_MATCH = 0, RISU_LIVE_MISMATCH = 1 };
/*
 * The master's judgement of a verdict: RISU_LIVE_MATCH only if the
 * apprentice read and compared every one of the `sent` records, found no
 * difference, and hashed exactly the stream the master sent (`complete`:
 * the end chunk went out before the verdict was read).
 * RISU_LIVE_MISMATCH for a consistent mismatch; RISU_ERR_CORRUPT, with
 * the reason in `why`, for a verdict that contradicts the stream.
 */
int risu_live_judge(const RisuVerdict *v, uint64_t sent,
                    const uint8_t digest[32], int complete,
                    char *why, size_t whylen);

/*
 * ---- Memory blocks (trace format 2, format/memdiff.c). ----
 *
 * A COMPAREMEM record carries the block the recorder hashed, as the XOR
 * delta against the block of the previous such record, or against a
 * MEMINIT fill the reader recomputes from its seed; so a replayer or the
 * apprentice of a live run can name the bytes behind a memhash mismatch.
 * The reader checks the block against the record's "memhash" register
 * (a block that does not hash to it is a corrupt trace or a lying peer).
 */
/* The next memory delta is against the MEMINIT fill of `seed`. */
void risu_trace_mem_base(RisuTraceWriter *w, uint32_t seed);
/* risu_trace_write plus the block (RISU_MEMBLOCK_SIZE bytes). */
int risu_trace_write_mem(RisuTraceWriter *w, const RisuState *st,
                         const uint8_t *block);
/* Bytes of memory delta encoded so far, before compression (bench). */
uint64_t risu_trace_writer_mem_bytes(const RisuTraceWriter *w);
/* The block carried by the record last read, or NULL if it had none. */
const uint8_t *risu_trace_reader_mem(const RisuTraceReader *r);
/* What that block's delta was against: its MEMINIT seed + 1, or 0 for
 * the previous block. */
uint64_t risu_trace_reader_mem_base(const RisuTraceReader *r);
/* Format version of the trace being read (after reader_init). */
uint32_t risu_trace_reader_version(const RisuTraceReader *r);

/* The hash COMPAREMEM stores in "memhash": FNV-1a 64 over the block. */
uint64_t risu_memblock_hash(const uint8_t *p, size_t n);
/* Slot of the register named "memhash" in arch, or -1. */
int risu_memhash_slot(const RisuArchDesc *arch);
/*
 * Ranges of differing bytes: the first one at or after `from`, as *off
 * and *len; runs of differing bytes separated by fewer than
 * RISU_MEMDIFF_GAP equal bytes form one range.  0 when there is none.
 */
#define RISU_MEMDIFF_GAP 4
int risu_memdiff_next(const uint8_t *a, const uint8_t *b, size_t size,
                      size_t from, size_t *off, size_t *len);
/*
 * Report lines naming where ref and got differ: a summary, then one line
 * per range "    +0x0c80 len 4: ref 0a0b0c0d got 0a0bff0d" (bytes in
 * address order, at most RISU_MEMDIFF_SHOW of each), at most maxranges
 * of them and a line counting the rest.  Returns the number of ranges.
 */
#define RISU_MEMDIFF_SHOW 16
int risu_report_memdiff(const uint8_t *ref, const uint8_t *got, size_t size,
                        int maxranges, RisuPrintFn pr, void *opaque);

#endif
