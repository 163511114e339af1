/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Image format shared by risugen (writer), risu (runner) and host tools.
 * Freestanding: no libc beyond <stdint.h>.  See docs/image-format.md.
 *
 * An image is position-independent code loaded at any address, entered
 * at offset 0.  Two trap words per architecture (arch/<a>/trap.h):
 *   CHECKPOINT          one word: capture state, compare, continue after it
 *   OPTRAP d0 d1        OPTRAP followed by two 32-bit data words in target
 *                       byte order; the runner resumes after d1.
 *                       d0 = op | reg << 8 | flags << 16, d1 = imm (signed)
 */
#ifndef RISU_IMAGE_H
#define RISU_IMAGE_H

#include <stdint.h>

enum RisuOp {
    RISU_OP_COMPARE = 0,    /* implicit in CHECKPOINT; never in d0 */
    RISU_OP_TESTEND = 1,    /* final compare, then end of test */
    RISU_OP_SETMEM = 2,     /* reg := memblock address + imm */
    RISU_OP_MEMOFF = 3,     /* reg := reg - memblock address */
    RISU_OP_COMPAREMEM = 4, /* compare the whole memory block */
    RISU_OP_SETADDR = 5,    /* reg := image address + imm (preamble data) */
    RISU_OP_MEMINIT = 6,    /* fill memory block from seed imm (below) */
    RISU_OP_CODEOFF = 7,    /* reg := reg - image address (link registers,
                               PC-relative results: compared as offsets) */
    RISU_OP_SKIP = 8,       /* imm bytes of data follow d1 (a literal pool
                               for PC-relative loads): resume after them */
    RISU_OP_MAX
};

/*
 * Memory block: RISU_MEMBLOCK_SIZE bytes, page aligned, ending exactly at
 * an unmapped guard page so accesses past the end fault with SIGSEGV.
 */
#define RISU_MEMBLOCK_SIZE 8192u

/*
 * MEMINIT fill: 64-bit xorshift64* stream seeded with
 * (uint64_t)(uint32_t)imm * 0x9E3779B97F4A7C15 | 1, each 64-bit output
 * stored little-endian, in order, over the block.
 */
static inline uint64_t risu_meminit_next(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}

/* The whole MEMINIT fill of the block at p (RISU_MEMBLOCK_SIZE bytes). */
static inline void risu_meminit_fill(uint8_t *p, uint32_t seed)
{
    uint64_t s = (uint64_t)seed * 0x9E3779B97F4A7C15ull | 1;

    for (unsigned i = 0; i < RISU_MEMBLOCK_SIZE; i += 8) {
        uint64_t v = risu_meminit_next(&s);
        for (int b = 0; b < 8; b++) {
            p[i + b] = (uint8_t)(v >> (8 * b));
        }
    }
}

/*
 * Raw images may end with metadata: [code][meta blob][trailer].  The
 * trailer is the last 16 bytes of the file, little-endian on every host:
 *   u8 magic[8] = "RISUMETA", u32 meta_len, u32 code_len
 * with the blob at file offset code_len, meta_len bytes long.  A file
 * without the trailer is all code (Linaro-style).  ELF images carry the
 * same blob in a note section (name "risu-dt", type RISU_NOTE_META) and
 * the code in section ".text".
 */
#define RISU_META_MAGIC "RISUMETA"
#define RISU_META_TRAILER 16
#define RISU_NOTE_META 0x52495355u

/*
 * The largest image file a runner loads (it reads the whole file into
 * memory); risugen refuses to write a raw image larger than this.
 */
#define RISU_IMAGE_MAX (256u << 20)

/*
 * Where a runner places the code: raw images are copied there, and
 * risugen links ELF images there, so absolute code addresses that reach
 * registers (return addresses, SETADDR) are the same for both kinds.
 */
#define RISU_CODE_ADDR 0x20000000u

#endif
