/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ELF images, written with libelf.  ET_EXEC with one PT_LOAD for .text
 * at RISU_CODE_ADDR, where runners place raw code too (so both kinds run
 * identically), and objdump -d and gdb show addresses and symbols
 * without relocation; the runner reads the PT_LOAD and the note.
 *
 * Symbols: one local STT_FUNC per generated instruction, named
 * PATTERN.N (N = its index in the metadata table; edge words
 * RESERVED.PATTERN.N, NEIGHBOUR.PATTERN.N, ABSENT.PATTERN.N), plus ARM
 * mapping symbols ($a/$t/$x for code, $d for OPTRAP data words and the
 * preamble data).  The metadata blob
 * is a note (section .note.risu-dt, not loaded): name "risu-dt", type
 * RISU_NOTE_META, in the target's byte order like every ELF structure.
 */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <string.h>
#include <unistd.h>

#include "gen/gen.h"
#include "format/image.h"


typedef struct Strtab {
    StrBuf b;
} Strtab;

static size_t str_add(Strtab *s, const char *str)
{
    if (!s->b.len) {
        sb_putc(&s->b, 0);      /* index 0 is the empty name */
    }
    size_t at = s->b.len;
    sb_puts(&s->b, str);
    sb_putc(&s->b, 0);
    return at;
}

static Elf_Scn *new_section(Elf *e, size_t name, GElf_Word type,
                            GElf_Xword flags, void *buf, size_t size,
                            Elf_Type dtype, size_t align)
{
    Elf_Scn *scn = elf_newscn(e);
    Elf_Data *d = scn ? elf_newdata(scn) : NULL;
    GElf_Shdr sh;
    if (!d || !gelf_getshdr(scn, &sh)) {
        gen_fatal_status(1, "libelf: %s", elf_errmsg(-1));
    }
    d->d_buf = buf;
    d->d_size = size;
    d->d_type = dtype;
    d->d_align = align;
    d->d_version = EV_CURRENT;
    sh.sh_name = (GElf_Word)name;
    sh.sh_type = type;
    sh.sh_flags = flags;
    sh.sh_addralign = align;
    if (!gelf_update_shdr(scn, &sh)) {
        gen_fatal_status(1, "libelf: %s", elf_errmsg(-1));
    }
    return scn;
}

static uint8_t *read_all(FILE *f, size_t n)
{
    uint8_t *buf = xmalloc(n);
    if (fflush(f) || fseek(f, 0, SEEK_SET) || fread(buf, 1, n, f) != n) {
        gen_fatal("reading back the code: %s", strerror(errno));
    }
    return buf;
}

/* The metadata note, laid out by hand in the target's byte order. */
static uint8_t *build_note(GenCtx *g, size_t *notelen)
{
    const GenTarget *t = &g->target;
    FILE *mf = tmpfile();
    uint64_t metalen;
    if (!mf) {
        gen_fatal("tmpfile: %s", strerror(errno));
    }
    gen_write_meta(g, mf, &metalen, "a temporary file");
    size_t desc = (size_t)metalen, descpad = (desc + 3) & ~(size_t)3;
    *notelen = 12 + 8 + descpad;
    uint8_t *note = xcalloc(1, *notelen);
    gen_put32(t, note, 8);                  /* "risu-dt\0" */
    gen_put32(t, note + 4, (uint32_t)desc);
    gen_put32(t, note + 8, RISU_NOTE_META);
    memcpy(note + 12, "risu-dt", 8);
    if (fseek(mf, 0, SEEK_SET) || fread(note + 20, 1, desc, mf) != desc) {
        gen_fatal("reading back the metadata: %s", strerror(errno));
    }
    fclose(mf);
    return note;
}

/* Symbols: null, mapping symbols, preamble, instructions. */
static void fill_symbols(GenCtx *g, Elf_Data *symdata, size_t textidx,
                         uint64_t base, unsigned mode_bit, Strtab *str)
{
    size_t k = 1;
    for (size_t i = 0; i < g->nmaps; i++, k++) {
        char name[3] = { '$', g->maps[i].kind, 0 };
        GElf_Sym s = { 0 };
        s.st_name = (GElf_Word)str_add(str, name);
        s.st_value = base + g->maps[i].off;
        s.st_info = GELF_ST_INFO(STB_LOCAL, STT_NOTYPE);
        s.st_shndx = (GElf_Section)textidx;
        gelf_update_sym(symdata, (int)k, &s);
    }
    /* A label at 0: objdump otherwise names the preamble after the first
     * instruction symbol (and prints parts of it twice). */
    GElf_Sym pre = { 0 };
    pre.st_name = (GElf_Word)str_add(str, "risu_preamble");
    pre.st_value = base + mode_bit;
    pre.st_info = GELF_ST_INFO(STB_LOCAL, STT_FUNC);
    pre.st_shndx = (GElf_Section)textidx;
    gelf_update_sym(symdata, (int)k++, &pre);
    for (size_t i = 0; i < g->nsyms; i++, k++) {
        const GenSym *gs = &g->syms[i];
        char name[300];
        int width;
        if (gs->pat == UINT32_MAX) {
            static const char *const cls[GEN_EDGE_NCLASSES] = {
                "RESERVED", "NEIGHBOUR", "ABSENT",
            };
            const GenPat *gp = &g->ps->pats[gs->aux];
            snprintf(name, sizeof(name), "%s.%s.%zu", cls[gs->edge - 1],
                     gp->p->name, i);
            width = gp->width;
        } else {
            const GenPat *gp = &g->ps->pats[gs->pat];
            snprintf(name, sizeof(name), "%s.%zu", gp->p->name, i);
            width = gp->width;
        }
        GElf_Sym s = { 0 };
        s.st_name = (GElf_Word)str_add(str, name);
        /* Thumb function symbols carry the mode in bit 0. */
        s.st_value = base + gs->off + mode_bit;
        s.st_size = (GElf_Xword)width / 8;
        s.st_info = GELF_ST_INFO(STB_LOCAL, STT_FUNC);
        s.st_other = g->target.arch->insn_sym_other;
        s.st_shndx = (GElf_Section)textidx;
        gelf_update_sym(symdata, (int)k, &s);
    }
}

static void fill_ehdr(Elf *e, const GenTarget *t, uint64_t entry,
                      size_t shstrndx)
{
    const GenArch *a = t->arch;
    GElf_Ehdr eh;
    gelf_getehdr(e, &eh);
    eh.e_ident[EI_DATA] = a->big_endian ? ELFDATA2MSB : ELFDATA2LSB;
    eh.e_ident[EI_OSABI] = ELFOSABI_NONE;
    eh.e_type = ET_EXEC;
    eh.e_machine = (GElf_Half)a->elf_machine;
    eh.e_version = EV_CURRENT;
    eh.e_entry = entry;
    eh.e_flags = a->elf_flags ? a->elf_flags(t) : 0;
    eh.e_shstrndx = (GElf_Half)shstrndx;
    gelf_update_ehdr(e, &eh);
}

/* libelf writes with pwrite: a pipe gets a copy of a temporary file. */
static void copy_out(FILE *f, int outfd, const char *name)
{
    char buf[65536];
    size_t n;
    if (fflush(f) || fseek(f, 0, SEEK_SET)) {
        gen_fatal("reading back the ELF image: %s", strerror(errno));
    }
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
        for (size_t done = 0; done < n;) {
            ssize_t w = write(outfd, buf + done, n - done);
            if (w < 0 && errno == EINTR) {
                continue;
            }
            if (w <= 0) {
                gen_fatal("writing %s: %s", name,
                          strerror(w < 0 ? errno : EIO));
            }
            done += (size_t)w;
        }
    }
    if (ferror(f)) {
        gen_fatal("reading back the ELF image failed");
    }
}

static _Noreturn void elf_fatal(const char *name)
{
    int e = errno;
    gen_fatal("writing %s: libelf: %s%s%s", name, elf_errmsg(-1),
              e ? ": " : "", e ? strerror(e) : "");
}

/* Lay out, point the program header at .text, and write the file. */
static void write_elf(Elf *e, Elf_Scn *s_text, uint64_t base,
                      size_t codelen, const char *name)
{
    off_t size = elf_update(e, ELF_C_NULL);
    if (size < 0) {
        gen_fatal_status(1, "libelf: %s", elf_errmsg(-1));
    }
    if ((uint64_t)size > RISU_IMAGE_MAX) {
        gen_fatal("the image of %lld bytes is larger than the %u MiB a "
                  "runner loads; use a smaller -n", (long long)size,
                  RISU_IMAGE_MAX >> 20);
    }
    GElf_Shdr th;
    gelf_getshdr(s_text, &th);
    GElf_Phdr ph = { 0 };
    ph.p_type = PT_LOAD;
    ph.p_offset = th.sh_offset;
    ph.p_vaddr = ph.p_paddr = base;
    ph.p_filesz = ph.p_memsz = codelen;
    ph.p_flags = PF_R | PF_X;
    ph.p_align = 16;
    gelf_update_phdr(e, 0, &ph);
    elf_flagphdr(e, ELF_C_SET, ELF_F_DIRTY);

    errno = 0;
    if (elf_update(e, ELF_C_WRITE) < 0) {
        elf_fatal(name);
    }
}

void gen_finish_elf(GenCtx *g, FILE *code, int outfd, bool direct)
{
    const GenTarget *t = &g->target;
    bool is64 = t->arch->is64;
    uint64_t base = RISU_CODE_ADDR;
    /* Code mapped as $t runs in the 16/32-bit state: odd entry points. */
    unsigned mode_bit = t->arch->code_mapping == 't';
    Strtab shstr = { { 0 } }, str = { { 0 } };

    gen_flush(g);
    size_t codelen = (size_t)g->off;
    uint8_t *text = read_all(code, codelen);
    size_t notelen;
    uint8_t *note = build_note(g, &notelen);

    size_t nsyms = 2 + g->nmaps + g->nsyms;
    size_t symsz = is64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym);
    uint8_t *syms = xcalloc(nsyms, symsz);

    if (elf_version(EV_CURRENT) == EV_NONE) {
        gen_fatal_status(1, "libelf: %s", elf_errmsg(-1));
    }
    FILE *via = direct ? tmpfile() : NULL;
    if (direct && !via) {
        gen_fatal("tmpfile: %s", strerror(errno));
    }
    Elf *e = elf_begin(via ? fileno(via) : outfd, ELF_C_WRITE, NULL);
    if (!e || !gelf_newehdr(e, is64 ? ELFCLASS64 : ELFCLASS32) ||
        !gelf_newphdr(e, 1)) {
        gen_fatal_status(1, "libelf: %s", elf_errmsg(-1));
    }

    size_t n_text = str_add(&shstr, ".text");
    size_t n_note = str_add(&shstr, ".note.risu-dt");
    size_t n_symtab = str_add(&shstr, ".symtab");
    size_t n_strtab = str_add(&shstr, ".strtab");
    size_t n_shstr = str_add(&shstr, ".shstrtab");

    Elf_Scn *s_text = new_section(e, n_text, SHT_PROGBITS,
                                  SHF_ALLOC | SHF_EXECINSTR, text, codelen,
                                  ELF_T_BYTE, 16);
    new_section(e, n_note, SHT_NOTE, 0, note, notelen, ELF_T_BYTE, 4);
    Elf_Scn *s_sym = new_section(e, n_symtab, SHT_SYMTAB, 0, syms,
                                 nsyms * symsz, ELF_T_SYM, is64 ? 8 : 4);

    /* Fill the symbol table now that section indices exist. */
    fill_symbols(g, elf_getdata(s_sym, NULL), elf_ndxscn(s_text), base,
                 mode_bit, &str);
    if (!str.b.len) {
        str_add(&str, "");
    }
    Elf_Scn *s_str = new_section(e, n_strtab, SHT_STRTAB, 0, str.b.s,
                                 str.b.len, ELF_T_BYTE, 1);
    Elf_Scn *s_shstr = new_section(e, n_shstr, SHT_STRTAB, 0, shstr.b.s,
                                   shstr.b.len, ELF_T_BYTE, 1);

    GElf_Shdr sh;
    gelf_getshdr(s_text, &sh);
    sh.sh_addr = base;
    gelf_update_shdr(s_text, &sh);
    gelf_getshdr(s_sym, &sh);
    sh.sh_link = (GElf_Word)elf_ndxscn(s_str);
    sh.sh_info = (GElf_Word)nsyms;          /* all symbols are local */
    sh.sh_entsize = symsz;
    gelf_update_shdr(s_sym, &sh);
    fill_ehdr(e, t, base + mode_bit, elf_ndxscn(s_shstr));

    write_elf(e, s_text, base, codelen, via ? "a temporary file"
                                            : g->opts->out);
    elf_end(e);
    if (via) {
        copy_out(via, outfd, g->opts->out);
        fclose(via);
    }
    free(text);
    free(note);
    free(syms);
    sb_free(&str.b);
    sb_free(&shstr.b);
}
