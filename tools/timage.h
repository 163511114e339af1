/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Images on the host: raw images (code, optional metadata blob and
 * trailer) and ELF images (the code segment plus the risu-dt note, read
 * through libelf: tools/timage-elf.c), their metadata
 * (docs/image-format.md) and writing rewritten raw images (shrink).
 * Every length and offset read from the file is checked; errors name the
 * file and the byte offset or metadata line.
 */
#ifndef TOOLS_TIMAGE_H
#define TOOLS_TIMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "arch/archtab.h"

typedef struct TImgPatFile {
    char *name;           /* base name, as risugen wrote it */
    char sha[65];         /* lower-case hex SHA-256 */
} TImgPatFile;

typedef struct TImage {
    char *path;
    uint8_t *file;        /* whole file */
    size_t file_len;
    uint8_t *code;        /* into file */
    uint32_t code_len;
    uint32_t code_file_off;
    uint8_t digest[32];   /* risu_image_digest (= trace header's) */
    bool is_elf;
    bool has_meta;
    char *meta;           /* NUL-terminated copy of the blob */
    size_t meta_len;
    /* key=value lines before insns=, in file order (for rewriting) */
    char **klines;
    int nklines;
    /* values ("" when absent) */
    const char *arch, *endian, *features, *seed, *options, *cpu, *generator;
    TImgPatFile *pfiles;
    int npfiles;
    uint32_t ninsns;
    uint32_t *insn_off;   /* ascending (checked) */
    char **insn_name;
    char **insn_text;     /* name and attributes (mem=...), as written */
    bool arch_known;
    const ArchHost *ta;   /* the registry's, valid when arch_known */
} TImage;

int timg_load(TImage *img, const char *path, char *err, size_t errlen);
/* Parse a metadata blob alone (tests; also used by timg_load). */
int timg_parse_meta(TImage *img, const char *blob, size_t len, char *err,
                    size_t errlen);
void timg_free(TImage *img);
/* timg_load's ELF half: code, metadata; *nload = PT_LOAD count. */
int timg_load_elf(TImage *img, int *nload, char *err, size_t errlen);

/* Pattern name of the generated instruction at exactly off, or NULL. */
const char *timg_pattern(const TImage *img, uint32_t off);
/* Index of the last table entry with offset < off, or -1. */
long timg_index_before(const TImage *img, uint32_t off);
/* True if the comma/space separated features list has name. */
bool timg_has_feature(const TImage *img, const char *name);

/*
 * A metadata blob equal to img's key lines (with `drop_keys`, a list of
 * key names ending in NULL, left out and `extra` lines appended), then
 * the given instruction table.
 */
char *timg_meta_build(const TImage *img, const char *const *drop_keys,
                      const char *extra, const uint32_t *off,
                      char *const *names, uint32_t n);
/* Write a raw image: code, blob, trailer. */
int timg_write_raw(const char *path, const uint8_t *code, uint32_t code_len,
                   const char *meta, char *err, size_t errlen);

/* Name of an image op (RISU_OP_*) for listings. */
const char *image_op_name(unsigned op);

#endif
