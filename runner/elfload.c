/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ELF images for the runner: a static, position-dependent executable as
 * risugen --format elf writes it.  The file comes from the user, so every
 * header, offset and size is checked against the file before use, and
 * each refusal names the file offset it is about.  Nothing is mapped
 * here: risu_image_map places the PT_LOAD segments at their addresses.
 */
#include "format/image.h"
#include "runner/load.h"
#include "runner/rt/rt.h"

#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3
#define PT_NOTE 4
#define PF_X 1
#define SHT_NOTE 7
#define ET_EXEC 2
#define RISU_ELF_MAX_PHDRS 64

/* The runner's own ELF header and extent (GNU ld provides them). */
extern const uint8_t __ehdr_start[] __attribute__((weak));
extern const char __executable_start[] __attribute__((weak));
extern const char _end[] __attribute__((weak));

typedef struct ElfIn {
    const uint8_t *p;
    uint64_t len;
    int is64;
    const char *path;
    char *err;
    size_t errlen;
    uint64_t note_at;       /* file offset of the metadata note's desc */
} ElfIn;

/* Image and runner have the same byte order (check_ident). */
static uint64_t rd(const uint8_t *p, uint64_t off, int size)
{
    uint64_t v = 0;

    for (int i = 0; i < size; i++) {
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        v = v << 8 | p[off + i];
#else
        v = v << 8 | p[off + size - 1 - i];
#endif
    }
    return v;
}

/* A field of the class's word size: 4 bytes in ELF32, 8 in ELF64. */
static uint64_t rdw(const ElfIn *e, uint64_t off)
{
    return rd(e->p, off, e->is64 ? 8 : 4);
}

static int fail(const ElfIn *e, uint64_t off, const char *fmt, ...)
{
    char why[192];
    va_list ap;

    va_start(ap, fmt);
    rt_vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    rt_snprintf(e->err, e->errlen, "image %s: ELF offset %llu: %s", e->path,
                (unsigned long long)off, why);
    return -1;
}

/* Do [off, off + size) lie inside the file? */
static int in_file(const ElfIn *e, uint64_t off, uint64_t size)
{
    return off <= e->len && size <= e->len - off;
}

static int check_ident(ElfIn *e)
{
    const uint8_t *self = __ehdr_start;

    if (e->len < 16 || (e->p[4] != 1 && e->p[4] != 2)) {
        return fail(e, 4, "truncated ELF identification or unknown class");
    }
    e->is64 = e->p[4] == 2;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    if (e->p[5] != 2) {
        return fail(e, 5, "not a big-endian ELF; this runner is big-endian");
    }
#else
    if (e->p[5] != 1) {
        return fail(e, 5, "not a little-endian ELF; this runner is "
                    "little-endian");
    }
#endif
    if (e->p[6] != 1) {
        return fail(e, 6, "unknown ELF version %u", e->p[6]);
    }
    if (e->len < (e->is64 ? 64u : 52u)) {
        return fail(e, 0, "the file (%llu bytes) is shorter than its ELF "
                    "header", (unsigned long long)e->len);
    }
    if (rd(e->p, 16, 2) != ET_EXEC) {
        return fail(e, 16, "e_type %u is not ET_EXEC (images are static, "
                    "position-dependent executables)",
                    (unsigned)rd(e->p, 16, 2));
    }
    if (self && self[0] == 0x7f && rd(e->p, 18, 2) != rd(self, 18, 2)) {
        return fail(e, 18, "e_machine %u is not this runner's (%u)",
                    (unsigned)rd(e->p, 18, 2), (unsigned)rd(self, 18, 2));
    }
    return 0;
}

/* Does [a, a + n) meet [b, b + m)? */
static int meets(uint64_t a, uint64_t n, uint64_t b, uint64_t m)
{
    return a < b + m && b < a + n;
}

/* One PT_LOAD: inside the file, addressable, clear of what is taken. */
static int add_segment(ElfIn *e, RisuImage *img, uint64_t ph)
{
    uint64_t pg = rt_pagesize ? rt_pagesize : 4096;
    uint32_t flags = (uint32_t)rd(e->p, ph + (e->is64 ? 4 : 24), 4);
    uint64_t off = rdw(e, ph + (e->is64 ? 8 : 4));
    uint64_t va = rdw(e, ph + (e->is64 ? 16 : 8));
    uint64_t fsz = rdw(e, ph + (e->is64 ? 32 : 16));
    uint64_t msz = rdw(e, ph + (e->is64 ? 40 : 20));
    uint64_t lo = va & ~(pg - 1), hi = (va + msz + pg - 1) & ~(pg - 1);
    uint64_t self = (uintptr_t)__executable_start;
    RisuSegment *s;

    if (img->nsegs == RISU_ELF_MAX_SEGS) {
        return fail(e, ph, "more than %u PT_LOAD segments",
                    RISU_ELF_MAX_SEGS);
    }
    if (!in_file(e, off, fsz)) {
        return fail(e, ph, "segment bytes [%llu, +%llu) lie outside the "
                    "file (%llu bytes)", (unsigned long long)off,
                    (unsigned long long)fsz, (unsigned long long)e->len);
    }
    if (fsz > msz || !msz || msz > RISU_IMAGE_MAX || va < pg ||
        va + msz < va || hi > (uintptr_t)-1 - pg) {
        return fail(e, ph, "segment at 0x%llx (%llu bytes, %llu in the "
                    "file) cannot be mapped", (unsigned long long)va,
                    (unsigned long long)msz, (unsigned long long)fsz);
    }
    for (uint32_t i = 0; i < img->nsegs; i++) {
        const RisuSegment *o = &img->segs[i];
        uint64_t olo = o->vaddr & ~(pg - 1);
        uint64_t ohi = (o->vaddr + o->memsz + pg - 1) & ~(pg - 1);

        if (meets(lo, hi - lo, olo, ohi - olo)) {
            return fail(e, ph, "segment at 0x%llx-0x%llx overlaps (or "
                        "shares a page with) the one at 0x%llx-0x%llx",
                        (unsigned long long)va,
                        (unsigned long long)(va + msz),
                        (unsigned long long)o->vaddr,
                        (unsigned long long)(o->vaddr + o->memsz));
        }
    }
    if (self && _end && meets(lo, hi - lo, self,
                              (uintptr_t)_end - self + pg)) {
        return fail(e, ph, "segment at 0x%llx-0x%llx overlaps the runner "
                    "itself (0x%llx-0x%llx)", (unsigned long long)va,
                    (unsigned long long)(va + msz), (unsigned long long)self,
                    (unsigned long long)(uintptr_t)_end);
    }
    if (risu_image_reserved(lo, hi - lo)) {
        return fail(e, ph, "segment at 0x%llx-0x%llx overlaps the runner's "
                    "memory block or stack", (unsigned long long)va,
                    (unsigned long long)(va + msz));
    }
    s = &img->segs[img->nsegs++];
    s->vaddr = (uintptr_t)va;
    s->off = (uint32_t)off;
    s->filesz = (uint32_t)fsz;
    s->memsz = (uint32_t)msz;
    s->exec = flags & PF_X;
    return 0;
}

/*
 * The notes in [off, off + size): the risu-dt metadata note, if any,
 * becomes img's blob.  A second one elsewhere is an error.
 */
static int scan_notes(ElfIn *e, RisuImage *img, uint64_t off, uint64_t size,
                      uint64_t hdr)
{
    uint64_t q = off, end = off + size;

    if (!in_file(e, off, size)) {
        return fail(e, hdr, "notes [%llu, +%llu) lie outside the file",
                    (unsigned long long)off, (unsigned long long)size);
    }
    while (end - q >= 12) {
        uint64_t nsz = rd(e->p, q, 4), dsz = rd(e->p, q + 4, 4);
        uint64_t nal = (nsz + 3) & ~3ull, dal = (dsz + 3) & ~3ull;

        if (nal > end - q - 12 || dsz > end - q - 12 - nal) {
            return fail(e, q, "note overruns its section or segment");
        }
        if (nsz == 8 && !memcmp(e->p + q + 12, "risu-dt", 8) &&
            rd(e->p, q + 8, 4) == RISU_NOTE_META) {
            uint64_t at = q + 12 + nal;

            if (e->note_at && e->note_at != at) {
                return fail(e, q, "a second risu-dt metadata note (the "
                            "first is at offset %llu)",
                            (unsigned long long)e->note_at);
            }
            e->note_at = at;
            img->meta = e->p + at;
            img->meta_len = (uint32_t)dsz;
            img->has_meta = 1;
        }
        q += 12 + nal + (dal < end - q - 12 - nal ? dal : end - q - 12 - nal);
    }
    return 0;
}

static int read_phdrs(ElfIn *e, RisuImage *img)
{
    uint64_t phoff = rdw(e, e->is64 ? 32 : 28);
    uint32_t at = e->is64 ? 54 : 42;
    uint32_t phent = (uint32_t)rd(e->p, at, 2);
    uint32_t phnum = (uint32_t)rd(e->p, at + 2, 2);

    if (phent != (e->is64 ? 56u : 32u) || !phnum ||
        phnum > RISU_ELF_MAX_PHDRS) {
        return fail(e, at, "%u program headers of %u bytes (want 1 to %u "
                    "of %u)", phnum, phent, RISU_ELF_MAX_PHDRS,
                    e->is64 ? 56 : 32);
    }
    if (!in_file(e, phoff, (uint64_t)phnum * phent)) {
        return fail(e, e->is64 ? 32 : 28, "program headers at %llu "
                    "(%u bytes) lie outside the file (%llu bytes)",
                    (unsigned long long)phoff, phnum * phent,
                    (unsigned long long)e->len);
    }
    for (uint32_t i = 0; i < phnum; i++) {
        uint64_t ph = phoff + (uint64_t)i * phent;
        uint32_t type = (uint32_t)rd(e->p, ph, 4);

        if (type == PT_INTERP || type == PT_DYNAMIC) {
            return fail(e, ph, "a dynamic executable (images are static)");
        }
        if (type == PT_LOAD && add_segment(e, img, ph)) {
            return -1;
        }
        if (type == PT_NOTE &&
            scan_notes(e, img, rdw(e, ph + (e->is64 ? 8 : 4)),
                       rdw(e, ph + (e->is64 ? 32 : 16)), ph)) {
            return -1;
        }
    }
    return 0;
}

/* risugen puts the metadata note in a section that is not loaded. */
static int read_shdrs(ElfIn *e, RisuImage *img)
{
    uint64_t shoff = rdw(e, e->is64 ? 40 : 32);
    uint32_t at = e->is64 ? 58 : 46;
    uint32_t shent = (uint32_t)rd(e->p, at, 2);
    uint32_t shnum = (uint32_t)rd(e->p, at + 2, 2);

    if (!shnum) {
        return 0;
    }
    if (shent != (e->is64 ? 64u : 40u) ||
        !in_file(e, shoff, (uint64_t)shnum * shent)) {
        return fail(e, e->is64 ? 40 : 32, "section headers at %llu (%u of "
                    "%u bytes) lie outside the file (%llu bytes) or have "
                    "the wrong size", (unsigned long long)shoff, shnum,
                    shent, (unsigned long long)e->len);
    }
    for (uint32_t i = 0; i < shnum; i++) {
        uint64_t sh = shoff + (uint64_t)i * shent;

        if (rd(e->p, sh + 4, 4) == SHT_NOTE &&
            scan_notes(e, img, rdw(e, sh + (e->is64 ? 24 : 16)),
                       rdw(e, sh + (e->is64 ? 32 : 20)), sh)) {
            return -1;
        }
    }
    return 0;
}

/* The code: the executable PT_LOAD that e_entry starts (bit 0 a mode). */
static int find_code(ElfIn *e, RisuImage *img)
{
    uint64_t entry = rdw(e, 24) & ~1ull;

    for (uint32_t i = 0; i < img->nsegs; i++) {
        const RisuSegment *s = &img->segs[i];

        if (s->exec && s->vaddr == entry) {
            img->code_seg = i;
            img->code = img->file + s->off;
            img->code_len = s->filesz;
            return 0;
        }
    }
    return fail(e, 24, "e_entry 0x%llx is not the start of an executable "
                "PT_LOAD segment", (unsigned long long)rdw(e, 24));
}

int risu_elf_parse(RisuImage *img, const char *path, char *err,
                   size_t errlen)
{
    ElfIn e = { img->file, img->file_len, 0, path, err, errlen, 0 };

    img->is_elf = 1;
    if (check_ident(&e) || read_phdrs(&e, img) || read_shdrs(&e, img) ||
        find_code(&e, img)) {
        return -1;
    }
    return 0;
}
