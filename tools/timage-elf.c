/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ELF images on the host, read through libelf: the code is the
 * executable PT_LOAD segment that e_entry starts (as the runner takes
 * it), the metadata the risu-dt note.  libelf checks the tables; the
 * bounds the runner checks are checked here too, so both refuse the same
 * files.
 */
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "format/image.h"
#include "tools/timage.h"
#include "tools/tutil.h"

static int elf_fail(const TImage *img, char *err, size_t errlen,
                    unsigned long long off, const char *what)
{
    snprintf(err, errlen, "%s: ELF offset %llu: %s%s%s", img->path, off,
             what, elf_errno() ? ": " : "", elf_errno() ? elf_errmsg(-1) : "");
    return -1;
}

/* The executable PT_LOAD at e_entry (bit 0: a mode bit); *nload counts. */
static int find_code(TImage *img, Elf *e, int *nload, char *err,
                     size_t errlen)
{
    GElf_Ehdr eh;
    size_t phnum;
    bool found = false;

    if (!gelf_getehdr(e, &eh) || elf_getphdrnum(e, &phnum)) {
        return elf_fail(img, err, errlen, 0, "bad ELF header");
    }
    if (eh.e_type != ET_EXEC) {
        return elf_fail(img, err, errlen, 16, "not ET_EXEC");
    }
    *nload = 0;
    for (size_t i = 0; i < phnum; i++) {
        GElf_Phdr ph;
        unsigned long long at = eh.e_phoff + i * eh.e_phentsize;

        if (!gelf_getphdr(e, (int)i, &ph)) {
            return elf_fail(img, err, errlen, at, "bad program header");
        }
        if (ph.p_type != PT_LOAD) {
            continue;
        }
        ++*nload;
        if (ph.p_offset > img->file_len ||
            ph.p_filesz > img->file_len - ph.p_offset) {
            return elf_fail(img, err, errlen, at,
                            "segment lies outside the file");
        }
        if ((ph.p_flags & PF_X) && ph.p_vaddr == (eh.e_entry & ~1ull) &&
            !found) {
            found = true;
            img->code = img->file + ph.p_offset;
            img->code_len = (uint32_t)ph.p_filesz;
            img->code_file_off = (uint32_t)ph.p_offset;
        }
    }
    if (!found) {
        return elf_fail(img, err, errlen, 24, "e_entry is not the start of "
                        "an executable PT_LOAD segment");
    }
    return 0;
}

/* The risu-dt note in the section's data (host byte order by now). */
static int scan_note(TImage *img, Elf_Data *d, unsigned long long at,
                     char *err, size_t errlen)
{
    GElf_Nhdr nh;
    size_t off = 0, next, name_off, desc_off;
    char why[200];

    while ((next = gelf_getnote(d, off, &nh, &name_off, &desc_off)) > 0) {
        if (nh.n_namesz == 8 &&
            !memcmp((char *)d->d_buf + name_off, "risu-dt", 8) &&
            nh.n_type == RISU_NOTE_META) {
            if (img->has_meta) {
                return elf_fail(img, err, errlen, at + off,
                                "a second risu-dt metadata note");
            }
            if (timg_parse_meta(img, (const char *)d->d_buf + desc_off,
                                nh.n_descsz, why, sizeof(why))) {
                snprintf(err, errlen, "%s: ELF offset %llu: %s", img->path,
                         at + desc_off, why);
                return -1;
            }
        }
        off = next;
    }
    if (off < d->d_size && d->d_size - off >= 12) {
        return elf_fail(img, err, errlen, at + off,
                        "note overruns its section");
    }
    return 0;
}

static int scan_notes(TImage *img, Elf *e, char *err, size_t errlen)
{
    Elf_Scn *scn = NULL;

    while ((scn = elf_nextscn(e, scn))) {
        GElf_Shdr sh;
        Elf_Data *d;

        if (!gelf_getshdr(scn, &sh)) {
            return elf_fail(img, err, errlen, 0, "bad section header");
        }
        if (sh.sh_type != SHT_NOTE) {
            continue;
        }
        if (sh.sh_offset > img->file_len ||
            sh.sh_size > img->file_len - sh.sh_offset ||
            !(d = elf_getdata(scn, NULL))) {
            return elf_fail(img, err, errlen, sh.sh_offset,
                            "note section lies outside the file");
        }
        if (scan_note(img, d, sh.sh_offset, err, errlen)) {
            return -1;
        }
    }
    return 0;
}

int timg_load_elf(TImage *img, int *nload, char *err, size_t errlen)
{
    /* libelf may convert data in place: it gets a copy of the file. */
    char *copy = xmalloc(img->file_len);
    Elf *e;
    int rc;

    if (elf_version(EV_CURRENT) == EV_NONE) {
        snprintf(err, errlen, "libelf: %s", elf_errmsg(-1));
        free(copy);
        return -1;
    }
    memcpy(copy, img->file, img->file_len);
    e = elf_memory(copy, img->file_len);
    if (!e || elf_kind(e) != ELF_K_ELF) {
        rc = elf_fail(img, err, errlen, 0, "not a readable ELF file");
    } else {
        rc = find_code(img, e, nload, err, errlen) ||
             scan_notes(img, e, err, errlen) ? -1 : 0;
    }
    elf_end(e);
    free(copy);
    return rc;
}
