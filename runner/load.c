/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Image loader: raw images with optional metadata trailer, and ELF
 * images (runner/elfload.c).  Everything is bounds-checked: the image
 * comes from the user, and the metadata text is only ever read within
 * meta_len.
 */
#include <linux/mman.h>
#include <asm/unistd.h>
#include "format/image.h"
#include "format/meta.h"
#include "runner/load.h"
#include "runner/rt/rt.h"
#include "format/trace.h"

/* Fixed hints keep absolute addresses equal between runs and runners. */
#define RISU_CODE_HINT ((unsigned long)RISU_CODE_ADDR)
#define RISU_MEM_HINT 0x30000000ul
#define RISU_STACK_HINT 0x38000000ul
#define RISU_STACK_SIZE (256u << 10)

static void *anon(void *hint, size_t len, int prot)
{
    void *p = rt_mmap(hint, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1);

    return (uintptr_t)p >= (uintptr_t)-4096 ? 0 : p;
}

static uint32_t le32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The value of key as a C string in the NUL-split copy ("" if absent). */
static const char *meta_value(const RisuMeta *m, const char *key)
{
    const char *v;
    uint32_t n;

    return risu_meta_value(m, key, &v, &n) ? v : "";
}

/*
 * An instruction's mem= attribute, packed: size - 1 (16 bits), log2 of
 * the alignment (5 bits), bit 31 set.  The table is only allocated for
 * images that have one.
 */
static int note_mem(RisuImage *img, uint32_t n, uint32_t i,
                    const RisuMetaInsn *in)
{
    uint32_t lg = 0;

    if (!img->insn_mem) {
        img->insn_mem = anon(0, n * sizeof(uint32_t), PROT_READ | PROT_WRITE);
        if (!img->insn_mem) {
            return -1;
        }
    }
    while ((1u << lg) < in->mem_align) {
        lg++;
    }
    img->insn_mem[i] = 1u << 31 | lg << 16 | (in->mem_size - 1);
    return 0;
}

/* A lazily allocated per-instruction table (join=, slot=). */
static int note_u32(uint32_t **tab, uint32_t n, uint32_t i, uint32_t v)
{
    if (!*tab) {
        *tab = anon(0, n * sizeof(uint32_t), PROT_READ | PROT_WRITE);
        if (!*tab) {
            return -1;
        }
    }
    (*tab)[i] = v;
    return 0;
}

static int note_branch(RisuImage *img, uint32_t n, uint32_t i,
                       const RisuMetaInsn *in)
{
    if (in->has_join && note_u32(&img->insn_join, n, i, in->join)) {
        return -1;
    }
    if (in->in_slot && note_u32(&img->insn_slot, n, i, in->slot_of + 1)) {
        return -1;
    }
    return 0;
}

/*
 * The metadata, parsed in a private copy whose newlines become NULs so
 * that values and pattern names are C strings for the reports.
 */
static int parse_meta(RisuImage *img, const uint8_t *blob, uint32_t len,
                      char *err, size_t errlen)
{
    char *text = anon(0, len + 1, PROT_READ | PROT_WRITE);
    RisuMeta m;
    uint32_t pos = 0, i = 0;
    RisuMetaInsn in;

    if (!text) {
        rt_snprintf(err, errlen, "out of memory for metadata");
        return -1;
    }
    memcpy(text, blob, len);
    text[len] = 0;
    if (risu_meta_parse(&m, text, len, err, errlen)) {
        return -1;
    }
    if (m.ninsns) {
        img->insn_off = anon(0, m.ninsns * sizeof(uint32_t),
                             PROT_READ | PROT_WRITE);
        img->insn_name = anon(0, m.ninsns * sizeof(char *),
                              PROT_READ | PROT_WRITE);
        if (!img->insn_off || !img->insn_name) {
            rt_snprintf(err, errlen, "out of memory for metadata");
            return -1;
        }
    }
    while (risu_meta_next_insn_ex(&m, &pos, &in)) {
        if ((in.mem_size && note_mem(img, m.ninsns, i, &in)) ||
            note_branch(img, m.ninsns, i, &in)) {
            rt_snprintf(err, errlen, "out of memory for metadata");
            return -1;
        }
        img->insn_off[i] = in.off;
        img->insn_name[i++] = in.name;
        /* The name ends before its attributes; this line is parsed. */
        text[in.name + in.nlen - text] = 0;
    }
    img->ninsns = i;
    img->insn_sorted = m.sorted;
    img->arch = meta_value(&m, "arch");
    img->endian = meta_value(&m, "endian");
    img->features = meta_value(&m, "features");
    img->seed = meta_value(&m, "seed");
    {
        const char *v;
        uint32_t n;
        img->classes = risu_meta_value(&m, "classes", &v, &n) ? v : NULL;
    }
    /* Last: the parser needs the newlines the C strings end at. */
    for (uint32_t k = 0; k < len; k++) {
        if (text[k] == '\n') {
            text[k] = 0;
        }
    }
    return 0;
}

int risu_image_load(RisuImage *img, const char *path, char *err,
                    size_t errlen)
{
    int fd = rt_open(path, 0 /* O_RDONLY */, 0);
    long size, got = 0;

    memset(img, 0, sizeof(*img));
    img->arch = img->endian = img->features = img->seed = "";
    if (fd < 0) {
        rt_snprintf(err, errlen, "cannot open image %s: %s", path,
                    rt_strerror(-fd));
        return -1;
    }
    size = RT_SYS3(__NR_lseek, fd, 0, 2 /* SEEK_END */);
    if (size <= 0 || (unsigned long)size > RISU_IMAGE_MAX ||
        RT_SYS3(__NR_lseek, fd, 0, 0) != 0) {
        rt_snprintf(err, errlen, "image %s: %s", path,
                    size == 0 ? "empty file" : "cannot size or too large");
        rt_close(fd);
        return -1;
    }
    img->file = anon(0, size, PROT_READ | PROT_WRITE);
    if (!img->file) {
        rt_snprintf(err, errlen, "out of memory for image");
        rt_close(fd);
        return -1;
    }
    while (got < size) {
        long n = rt_read(fd, img->file + got, size - got);
        if (n <= 0) {
            rt_snprintf(err, errlen, "reading image %s failed", path);
            rt_close(fd);
            return -1;
        }
        got += n;
    }
    rt_close(fd);
    img->file_len = size;

    img->code = img->file;
    img->code_len = size;
    if (size >= 4 && !memcmp(img->file, "\177ELF", 4)) {
        if (risu_elf_parse(img, path, err, errlen)) {
            return -1;
        }
    } else if (size >= RISU_META_TRAILER &&
        !memcmp(img->file + size - RISU_META_TRAILER, RISU_META_MAGIC, 8)) {
        const uint8_t *t = img->file + size - RISU_META_TRAILER;
        uint32_t meta_len = le32(t + 8), code_len = le32(t + 12);
        if ((uint64_t)code_len + meta_len + RISU_META_TRAILER !=
            (uint64_t)size) {
            rt_snprintf(err, errlen, "image %s: metadata trailer does not "
                        "match the file size", path);
            return -1;
        }
        img->code_len = code_len;
        img->meta = img->file + code_len;
        img->meta_len = meta_len;
        img->has_meta = 1;
    }
    if (img->has_meta &&
        parse_meta(img, img->meta, img->meta_len, err, errlen)) {
        return -1;
    }
    /* An ELF with more than its code has no raw twin: the whole file. */
    if (img->nsegs > 1) {
        risu_sha256(img->file, size, img->digest);
    } else {
        risu_image_digest(img->code, img->code_len,
                          (const char *)img->meta, img->meta_len,
                          img->has_meta, img->digest);
    }
    /* Thumb code is made of halfwords; each arch checks its own unit
     * (risu_arch_check_image). */
    if (img->code_len < 2 || (img->code_len & 1)) {
        rt_snprintf(err, errlen, "image %s: code length %u is not a positive "
                    "multiple of 2", path, img->code_len);
        return -1;
    }
    return 0;
}

uint32_t risu_image_lower_bound(const RisuImage *img, uint32_t off)
{
    uint32_t lo = 0, hi = img->ninsns;

    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (img->insn_off[mid] < off) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* Index of the generated instruction at off, or ninsns. */
static uint32_t find_insn(const RisuImage *img, uint32_t off)
{
    if (img->insn_sorted) {
        uint32_t lo = risu_image_lower_bound(img, off);
        return lo < img->ninsns && img->insn_off[lo] == off ? lo :
               img->ninsns;
    }
    for (uint32_t i = 0; i < img->ninsns; i++) {
        if (img->insn_off[i] == off) {
            return i;
        }
    }
    return img->ninsns;
}

const char *risu_image_pattern(const RisuImage *img, uint32_t off)
{
    uint32_t i = find_insn(img, off);

    return i < img->ninsns ? img->insn_name[i] : 0;
}

int risu_image_insn_mem(const RisuImage *img, uint32_t off, uint32_t *size,
                        uint32_t *align)
{
    uint32_t i = img->insn_mem ? find_insn(img, off) : img->ninsns;
    uint32_t v = i < img->ninsns ? img->insn_mem[i] : 0;

    if (!(v >> 31)) {
        return 0;
    }
    *size = (v & 0xffff) + 1;
    *align = 1u << ((v >> 16) & 31);
    return 1;
}

int risu_image_insn_join(const RisuImage *img, uint32_t off, uint32_t *join)
{
    uint32_t i = img->insn_join ? find_insn(img, off) : img->ninsns;

    if (i >= img->ninsns || !img->insn_join[i]) {
        return 0;
    }
    *join = img->insn_join[i];
    return 1;
}

int risu_image_insn_slot(const RisuImage *img, uint32_t off,
                         uint32_t *branch)
{
    uint32_t i = img->insn_slot ? find_insn(img, off) : img->ninsns;

    if (i >= img->ninsns || !img->insn_slot[i]) {
        return 0;
    }
    *branch = img->insn_slot[i] - 1;
    return 1;
}

int risu_image_check_arch(const RisuImage *img, const char *const *names,
                          const char *variant, char *err, size_t errlen)
{
    char list[64];
    size_t k = 0;

    /* No arch= (Linaro-style code, hand-made metadata): no claim. */
    if (!*img->arch) {
        return 0;
    }
    for (int i = 0; names[i]; i++) {
        if (!strcmp(img->arch, names[i])) {
            return 0;
        }
    }
    list[0] = 0;
    for (int i = 0; names[i] && k + 1 < sizeof(list); i++) {
        rt_snprintf(list + k, sizeof(list) - k, "%s%s",
                    i ? (names[i + 1] ? ", " : " or ") : "", names[i]);
        k = strlen(list);
    }
    rt_snprintf(err, errlen, "metadata says arch=%s; this runner (%s) runs "
                "only %s images", img->arch, variant, list);
    return -1;
}

int risu_image_has_feature(const RisuImage *img, const char *name)
{
    size_t n = strlen(name);
    const char *p = img->features;

    while (*p) {
        size_t k = 0;
        while (p[k] && p[k] != ',' && p[k] != ' ') {
            k++;
        }
        if (k == n && !strncmp(p, name, n)) {
            return 1;
        }
        p += k;
        while (*p == ',' || *p == ' ') {
            p++;
        }
    }
    return 0;
}

int risu_image_reserved(uint64_t addr, uint64_t len)
{
    unsigned long pg = rt_pagesize ? rt_pagesize : 4096;
    uint64_t mlen = ((RISU_MEMBLOCK_SIZE + pg - 1) & ~(pg - 1)) + pg;

    return (addr < RISU_MEM_HINT + mlen && RISU_MEM_HINT < addr + len) ||
           (addr < RISU_STACK_HINT + RISU_STACK_SIZE &&
            RISU_STACK_HINT < addr + len);
}

/*
 * Each PT_LOAD at its own address, never over a mapping that exists
 * (a hint, not MAP_FIXED: a taken range gets another address, which is
 * refused).  Read-write-execute like raw code, so an instruction that
 * stores into the code behaves the same for both kinds of image.
 */
static int map_segments(const RisuImage *img, uint8_t **code, char *err,
                        size_t errlen)
{
    unsigned long pg = rt_pagesize ? rt_pagesize : 4096;

    for (uint32_t i = 0; i < img->nsegs; i++) {
        const RisuSegment *s = &img->segs[i];
        uintptr_t lo = s->vaddr & ~(pg - 1);
        size_t len = ((s->vaddr + s->memsz + pg - 1) & ~(pg - 1)) - lo;
        uint8_t *p = anon((void *)lo, len,
                          PROT_READ | PROT_WRITE | PROT_EXEC);

        if (p != (uint8_t *)lo) {
            if (p) {
                rt_munmap(p, len);
            }
            rt_snprintf(err, errlen, "image: cannot map the segment at "
                        "0x%lx-0x%lx there (the range is in use or not "
                        "allowed)", (unsigned long)s->vaddr,
                        (unsigned long)(s->vaddr + s->memsz));
            return -1;
        }
        memcpy((void *)s->vaddr, img->file + s->off, s->filesz);
        rt_sync_icache(p, len);
    }
    *code = (uint8_t *)img->segs[img->code_seg].vaddr;
    return 0;
}

int risu_image_map(const RisuImage *img, uint8_t **code, uint8_t **mem,
                   uintptr_t *stack_top, char *err, size_t errlen)
{
    unsigned long pg = rt_pagesize ? rt_pagesize : 4096;
    size_t clen = (img->code_len + pg - 1) & ~(pg - 1);
    size_t mlen = (RISU_MEMBLOCK_SIZE + pg - 1) & ~(pg - 1);
    uint8_t *c = 0, *m, *s;

    if (img->is_elf) {
        if (map_segments(img, &c, err, errlen)) {
            return -1;
        }
    } else {
        c = anon((void *)RISU_CODE_HINT, clen,
                 PROT_READ | PROT_WRITE | PROT_EXEC);
    }
    m = anon((void *)RISU_MEM_HINT, mlen + pg, PROT_READ | PROT_WRITE);
    s = anon((void *)RISU_STACK_HINT, RISU_STACK_SIZE,
             PROT_READ | PROT_WRITE);
    if (!c || !m || !s) {
        rt_snprintf(err, errlen, "cannot map image, memory block or stack");
        return -1;
    }
    if (!img->is_elf) {
        memcpy(c, img->code, img->code_len);
        /* Real hardware needs the I-cache to see the new code. */
        rt_sync_icache(c, clen);
    }
    /* The block ends exactly at an unmapped guard page. */
    rt_munmap(m + mlen, pg);
    *code = c;
    *mem = m + mlen - RISU_MEMBLOCK_SIZE;
    *stack_top = (uintptr_t)s + RISU_STACK_SIZE - 256;
    return 0;
}
