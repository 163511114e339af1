/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Image loading for the target runner: read the file, split code from
 * the metadata blob (format/image.h trailer), parse the metadata keys the
 * runner uses and the offset -> pattern-name table for reports.
 */
#ifndef RISU_LOAD_H
#define RISU_LOAD_H

#include <stddef.h>
#include <stdint.h>

#define RISU_ELF_MAX_SEGS 8

/* A PT_LOAD segment of an ELF image: file bytes [off, +filesz) at vaddr. */
typedef struct RisuSegment {
    uintptr_t vaddr;
    uint32_t off, filesz, memsz;
    int exec;
} RisuSegment;

typedef struct RisuImage {
    uint8_t *file;          /* whole file */
    size_t file_len;
    const uint8_t *code;    /* in file: raw from 0, ELF the code segment */
    uint32_t code_len;
    uint8_t digest[32];     /* risu_image_digest (format/meta.h) */
    int is_elf;
    RisuSegment segs[RISU_ELF_MAX_SEGS];
    uint32_t nsegs;
    uint32_t code_seg;      /* the segment run from its first byte */
    const uint8_t *meta;    /* the blob in file (meta_len bytes) */
    uint32_t meta_len;
    int has_meta;
    const char *arch;       /* metadata values, "" if absent */
    const char *endian;
    const char *features;
    const char *seed;
    const char *classes;    /* state classes, NULL if not declared */
    uint32_t ninsns;
    uint32_t *insn_off;     /* sorted ascending when insn_sorted */
    const char **insn_name;
    uint32_t *insn_mem;     /* packed mem= attributes, NULL if none */
    uint32_t *insn_join;    /* join= offsets (0: none), NULL if none */
    uint32_t *insn_slot;    /* slot= offsets + 1 (0: none), NULL if none */
    int insn_sorted;
} RisuImage;

int risu_image_load(RisuImage *img, const char *path, char *err,
                    size_t errlen);
/* ELF: check the file, find segments, code and note (runner/elfload.c). */
int risu_elf_parse(RisuImage *img, const char *path, char *err,
                   size_t errlen);
/* Does [addr, +len) meet the memory block, its guard page or the stack? */
int risu_image_reserved(uint64_t addr, uint64_t len);
/* First index of the sorted offset table at or after off (ninsns if none). */
uint32_t risu_image_lower_bound(const RisuImage *img, uint32_t off);
/* Pattern name of the generated instruction at image offset, or NULL. */
const char *risu_image_pattern(const RisuImage *img, uint32_t off);
/* The mem= attribute of the instruction at off: 1 with its size and
 * alignment, 0 if the image gives none. */
int risu_image_insn_mem(const RisuImage *img, uint32_t off, uint32_t *size,
                        uint32_t *align);
/* join= of the instruction at off (a branch): 1 with *join, else 0. */
int risu_image_insn_join(const RisuImage *img, uint32_t off, uint32_t *join);
/* slot= of the instruction at off: 1 with the branch's offset, else 0. */
int risu_image_insn_slot(const RisuImage *img, uint32_t off,
                         uint32_t *branch);
/*
 * Is the image's arch= one of names (NULL-terminated: the risugen --arch
 * names this runner executes, arch data)?  0 yes; else -1 with a reason.
 * Another arch, another ABI width (an o32 image on an n64 runner) and a
 * relabelled image are all refused here, for every architecture.
 */
int risu_image_check_arch(const RisuImage *img, const char *const *names,
                          const char *variant, char *err, size_t errlen);
/* True if the space/comma separated `features` list contains `name`. */
int risu_image_has_feature(const RisuImage *img, const char *name);

/* Map code, memory block (+ guard page) and stack for the run. */
int risu_image_map(const RisuImage *img, uint8_t **code, uint8_t **mem,
                   uintptr_t *stack_top, char *err, size_t errlen);

#endif
