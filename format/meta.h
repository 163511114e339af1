/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The image metadata blob (docs/image-format.md): "key=value" lines,
 * then "insns=N" and N lines "HEXOFF PATTERN[ ATTR=VALUE...]".  One
 * parser for the runner and the host tools.  Freestanding: no
 * allocation, no libc beyond memcpy/memcmp/strlen; the blob is read in
 * place and never beyond its length.
 */
#ifndef RISU_META_H
#define RISU_META_H

#include <stddef.h>
#include <stdint.h>

typedef struct RisuMeta {
    const char *text;
    uint32_t len;
    uint32_t key_end;     /* key lines are [0, key_end) */
    uint32_t table;       /* offset of the first instruction line */
    uint32_t table_line;  /* its line number (1-based) */
    uint32_t ninsns;      /* insns= value; 0 without a table */
    int sorted;           /* instruction offsets strictly ascending */
} RisuMeta;

/*
 * Check the whole blob: key lines are key=value (blank lines allowed),
 * insns= is a decimal count, exactly that many well-formed instruction
 * lines follow.  Returns 0, or -1 with "metadata line N: ..." in err.
 */
int risu_meta_parse(RisuMeta *m, const char *text, uint32_t len, char *err,
                    size_t errlen);
/*
 * The value of the first key line for key: 1 with *val and *vlen set (not
 * NUL-terminated: it ends at a newline or the blob's end), 0 if absent.
 */
int risu_meta_value(const RisuMeta *m, const char *key, const char **val,
                    uint32_t *vlen);
/* Next non-blank key line from *pos (start at 0): 1, or 0 at the end. */
int risu_meta_next_key(const RisuMeta *m, uint32_t *pos, const char **line,
                       uint32_t *n);
/*
 * Next instruction line from *pos (start at 0): 1 with the offset and
 * the pattern name (not NUL-terminated), or 0 after the last.
 */
int risu_meta_next_insn(const RisuMeta *m, uint32_t *pos, uint32_t *off,
                        const char **name, uint32_t *nlen);

/*
 * One instruction line: "HEXOFF PATTERN[ mem=SIZE/ALIGN][ join=HEX]
 * [ slot=HEX]".  join: the instruction transfers control (a branch);
 * both of its paths meet at image offset HEX, the checkpoint where a
 * run resumes after a fault in the branch's delay slot.  slot: the
 * instruction sits in the delay slot (or IT block) of the branch at
 * image offset HEX.  Unknown attributes are ignored (newer writers).
 */
typedef struct RisuMetaInsn {
    uint32_t off;
    const char *name;     /* not NUL-terminated */
    uint32_t nlen;
    uint32_t mem_size;    /* bytes accessed; 0: no memory access known */
    uint32_t mem_align;   /* alignment the pattern requires */
    uint32_t join;        /* has_join: where the branch's paths meet */
    uint32_t slot_of;     /* in_slot: offset of the owning branch */
    uint8_t has_join, in_slot;
} RisuMetaInsn;

/* risu_meta_next_insn with the line's attributes. */
int risu_meta_next_insn_ex(const RisuMeta *m, uint32_t *pos,
                           RisuMetaInsn *in);

/*
 * The image digest (trace headers, the live handshake): SHA-256 of the
 * raw image of this code and metadata, i.e. of code, then (has_meta)
 * the blob and its trailer.  For a raw file that is the digest of the
 * file; an ELF image of the same sequence gets the same digest.
 */
void risu_image_digest(const uint8_t *code, uint32_t code_len,
                       const char *meta, uint32_t meta_len, int has_meta,
                       uint8_t out[32]);

#endif
