/*
 * Image loading for the target runner: read the file, split code from
 * the metadata blob (format/image.h trailer), parse the metadata keys the
 * runner uses and the offset -> pattern-name table for reports.
 */
#ifndef RISU_LOAD_H
#define RISU_LOAD_H

#include <stddef.h>
#include <stdint.h>

typedef struct RisuImage {
    uint8_t *file;          /* whole file */
    size_t file_len;
    uint32_t code_len;
    uint8_t digest[32];     /* SHA-256 of the whole file */
    int has_meta;
    const char *arch;       /* metadata values, "" if absent */
    const char *endian;
    const char *features;
    const char *seed;
    uint32_t ninsns;
    uint32_t *insn_off;     /* sorted ascending when insn_sorted */
    const char **insn_name;
    uint32_t *insn_mem;     /* packed mem= attributes, NULL if none */
    int insn_sorted;
} RisuImage;

int risu_image_load(RisuImage *img, const char *path, char *err,
                    size_t errlen);
/* First index of the sorted offset table at or after off (ninsns if none). */
uint32_t risu_image_lower_bound(const RisuImage *img, uint32_t off);
/* Pattern name of the generated instruction at image offset, or NULL. */
const char *risu_image_pattern(const RisuImage *img, uint32_t off);
/* The mem= attribute of the instruction at off: 1 with its size and
 * alignment, 0 if the image gives none. */
int risu_image_insn_mem(const RisuImage *img, uint32_t off, uint32_t *size,
                        uint32_t *align);
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
