/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risu-trace show [--layout] [--image IMG] TRACE
 * risu-trace verify TRACE
 * risu-trace show-image [--json] IMG
 *
 * show prints the header and, per record, the registers that changed
 * since the previous one; with the image (or from the trace's arch
 * alone) each record's instruction is disassembled.  show-image lists an
 * image word by word: offsets, words, disassembly, traps and pattern
 * names.  Exit 0, or 2 when the file is damaged (the readable prefix is
 * still shown).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "format/image.h"
#include "tools/cmds.h"
#include "tools/divrep.h"
#include "tools/lib/json.h"
#include "tools/tctx.h"
#include "tools/tutil.h"

static const char *class_name(unsigned cls)
{
    static const char *const names[] = { "gpr", "sp", "ctrl", "fpr", "vec",
                                         "pred" };

    return cls < sizeof(names) / sizeof(names[0]) ? names[cls] : "?";
}

static void print_hex(const uint8_t *p, size_t n)
{
    while (n--) {
        printf("%02x", *p++);
    }
}

static void show_header(const TraceIn *t, int layout)
{
    const RisuTraceHeader *h = &t->h;
    const RisuArchDesc *a = t->arch;

    printf("trace format %u, arch %s (id %u), recorder %s-endian, %s\n",
           h->version, a->name, h->arch_id, h->big_endian ? "big" : "little",
           h->compressed ? "zlib" : "stored");
    printf("recorder: %s\n", h->recorder[0] ? h->recorder : "(none)");
    printf("features: 0x%08x\n", h->features);
    printf("image digest:  ");
    print_hex(h->image_digest, 32);
    printf("\nlayout digest: ");
    print_hex(h->layout_digest, 32);
    printf("\nlayout: %d registers in %d slots\n", a->nregs, a->nslots);
    for (int i = 0; layout && i < a->nregs; i++) {
        const RisuRegDesc *r = &a->regs[i];

        printf("  %-10s %-4s slot %3u x%u features 0x%x mask 0x%016llx\n",
               r->name, class_name(r->cls), r->slot, r->nslots, r->features,
               (unsigned long long)r->mask);
    }
}

/* One line per record, then the registers that changed since the last. */
static void show_record(TCtx *c, const RisuArchDesc *a, uint64_t idx,
                        const RisuState *st, const RisuState *prev,
                        uint32_t prev_end)
{
    printf("#%llu op %u pc 0x%08x insn 0x%08x", (unsigned long long)idx,
           st->op, st->pc_off, st->insn);
    if (st->signo || st->si_code || st->fault_flags || st->fault_addr) {
        const char *cn = arch_sicode_name(c->ta, st->signo, st->si_code);

        printf(" signal %d si_code %d fault 0x%llx%s (%s%s%s)", st->signo,
               st->si_code, (unsigned long long)st->fault_addr,
               st->fault_flags & RISU_FAULT_IN_BLOCK ? " (block)" : "",
               arch_signame(c->ta, st->signo), cn ? " " : "",
               cn ? cn : "");
    }
    if (st->features != prev->features) {
        printf(" features 0x%x", st->features);
    }
    if (c->ta_known && c->ta->family && idx) {
        InsnInfo ii;
        uint32_t off = 0;
        bool known = tctx_insn_off(c, prev_end, st->pc_off, &off);

        tctx_explain(c, st->insn, known, off, &ii);
        printf("  %s", ii.dis);
        if (ii.table || ii.hit_ok) {
            printf("  [%s%s%s]", ii.edge[0] ? ii.edge
                                 : ii.table ? ii.table : ii.hit.p->name,
                   ii.hit_ok && ii.fields[0] ? " " : "",
                   ii.hit_ok ? ii.fields : "");
        }
    }
    putchar('\n');
    {
        Sb why = { 0 };

        if (divrep_end_text(c, st, &why)) {
            printf("    %s\n", why.s);
        }
        sb_free(&why);
    }
    for (int i = 0; i < a->nregs; i++) {
        const RisuRegDesc *r = &a->regs[i];
        int k;

        for (k = r->nslots - 1; k >= 0; k--) {
            if (st->slot[r->slot + k] != prev->slot[r->slot + k]) {
                break;
            }
        }
        if (k < 0) {
            continue;
        }
        printf("    %-10s 0x", r->name);
        for (k = r->nslots - 1; k >= 0; k--) {
            printf("%016llx%s", (unsigned long long)st->slot[r->slot + k],
                   k ? "_" : "");
        }
        putchar('\n');
    }
}

/*
 * A record that carries the memory block: the ranges that changed since
 * the previous block, or since the MEMINIT fill its delta is against.
 */
#define SHOW_MEM_RANGES 8
static void show_mem(const uint8_t *blk, uint64_t base, uint8_t *prev,
                     bool *have_prev)
{
    size_t off, len, pos = 0;
    int k = 0;

    if (base) {
        /* A delta against a fresh fill: show it against that fill. */
        risu_meminit_fill(prev, (uint32_t)(base - 1));
        *have_prev = true;
        printf("    memory block after MEMINIT %llu, hash 0x%016llx\n",
               (unsigned long long)(base - 1), (unsigned long long)
               risu_memblock_hash(blk, RISU_MEMBLOCK_SIZE));
    } else if (!*have_prev) {
        printf("    memory block, hash 0x%016llx\n", (unsigned long long)
               risu_memblock_hash(blk, RISU_MEMBLOCK_SIZE));
    }
    while (*have_prev &&
           risu_memdiff_next(prev, blk, RISU_MEMBLOCK_SIZE, pos, &off, &len)) {
        pos = off + len;
        if (k++ >= SHOW_MEM_RANGES) {
            continue;
        }
        printf("    memory +0x%04zx len %zu: ", off, len);
        print_hex(prev + off, len < 16 ? len : 16);
        printf("%s -> ", len > 16 ? ".." : "");
        print_hex(blk + off, len < 16 ? len : 16);
        printf("%s\n", len > 16 ? ".." : "");
    }
    if (k > SHOW_MEM_RANGES) {
        printf("    memory: %d more changed ranges not shown\n",
               k - SHOW_MEM_RANGES);
    }
    memcpy(prev, blk, RISU_MEMBLOCK_SIZE);
    *have_prev = true;
}

/* A clean end followed by more bytes is not one trace: say what follows. */
static int verify_trailing(TraceIn *t)
{
    bool more, trace;
    uint64_t n = tin_trailing(t, &more, &trace);

    if (!n) {
        return 0;
    }
    snprintf(t->err, sizeof(t->err), "%s: %s%llu bytes after the end chunk "
             "%s(replay stops at the end chunk)", t->path, more ? "over " : "",
             (unsigned long long)n, trace ? "are a second trace appended "
             : "are trailing garbage ");
    return -1;
}

static int show_or_verify(int argc, char **argv, bool show)
{
    static const struct option lo[] = {
        { "layout", no_argument, NULL, 'l' },
        { "image", required_argument, NULL, 'i' },
        { "patterns", required_argument, NULL, 'p' },
        { NULL, 0, NULL, 0 },
    };
    TCtx c = { 0 };
    TraceIn t;
    RisuState *st, *prev;
    const char *image = NULL;
    int layout = 0, opt, rc;
    uint32_t prev_end = 0;
    char err[600];
    static uint8_t prev_mem[RISU_MEMBLOCK_SIZE];
    bool have_mem = false;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "li:p:", lo, NULL)) != -1) {
        switch (opt) {
        case 'l':
            layout = 1;
            break;
        case 'i':
            image = optarg;
            break;
        case 'p':
            tctx_add_patdir(&c, optarg);
            break;
        default:
            return usage_error(show ? "show" : "verify");
        }
    }
    if (argc - optind != 1 || (!show && (layout || image))) {
        return usage_error(show ? "show" : "verify");
    }
    if (tin_open(&t, argv[optind])) {
        rt_err("%s", t.err);
        tin_close(&t);
        free(c.patdirs);
        return RT_ERROR;
    }
    if ((image && tctx_load_image(&c, image, err, sizeof(err))) ||
        tctx_settle(&c, &t, err, sizeof(err))) {
        rt_err("%s", err);
        tin_close(&t);
        tctx_free(&c);
        free(c.patdirs);
        return RT_ERROR;
    }
    if (show) {
        show_header(&t, layout);
    }
    st = xcalloc(1, sizeof(*st));
    prev = xcalloc(1, sizeof(*prev));
    while ((rc = tin_read(&t, st)) == 1) {
        if (show) {
            show_record(&c, t.arch, t.n - 1, st, prev, prev_end);
            if (risu_trace_reader_mem(t.r)) {
                show_mem(risu_trace_reader_mem(t.r),
                         risu_trace_reader_mem_base(t.r), prev_mem,
                         &have_mem);
            }
        }
        prev_end = st->pc_off + tctx_trap_len(&c, st->pc_off);
        memcpy(prev, st, sizeof(*st));
    }
    if (rc == 0 && !show) {
        rc = verify_trailing(&t);
    }
    if (rc < 0) {
        rt_err("%s", t.err);
    } else if (!show) {
        printf("%s: ok, %llu records, arch %s, %s\n", t.path,
               (unsigned long long)t.n, t.arch->name,
               t.h.compressed ? "zlib" : "stored");
    }
    free(st);
    free(prev);
    tin_close(&t);
    tctx_free(&c);
    free(c.patdirs);
    return rc < 0 ? RT_ERROR : RT_OK;
}

int cmd_show(int argc, char **argv)
{
    return show_or_verify(argc, argv, true);
}

int cmd_verify(int argc, char **argv)
{
    return show_or_verify(argc, argv, false);
}

/* ---- show-image ---- */

bool preamble_data(const ArchHost *a, const uint8_t *code, uint32_t len,
                   uint32_t *from, uint32_t *to)
{
    uint32_t off = (uint32_t)a->optrap_bytes, w, target;
    int n;

    if (a->preamble_data) {
        return a->preamble_data(a, code, len, from, to);
    }
    if (arch_trap_at(a, code, len, 0) != 2 ||
        !(n = arch_insn_at(a, code, len, off, &w)) || !a->preamble_skip ||
        !a->preamble_skip(off, w, n, from, &target)) {
        return false;
    }
    if (target <= *from || target > len) {
        return false;
    }
    *to = target;
    return true;
}

typedef struct ShowImageOpts {
    const char *arch;             /* --arch: for images without one */
    bool json;
} ShowImageOpts;

static int show_image_options(int argc, char **argv, ShowImageOpts *o,
                              TCtx *c)
{
    static const struct option lo[] = {
        { "patterns", required_argument, NULL, 'p' },
        { "arch", required_argument, NULL, 'a' },
        { "json", no_argument, NULL, 'j' },
        { NULL, 0, NULL, 0 },
    };
    int opt;

    optind = 1;
    while ((opt = getopt_long(argc, argv, "p:a:j", lo, NULL)) != -1) {
        switch (opt) {
        case 'p':
            tctx_add_patdir(c, optarg);
            break;
        case 'a':
            o->arch = optarg;
            break;
        case 'j':
            o->json = true;
            break;
        default:
            return usage_error("show-image");
        }
    }
    if (argc - optind != 1) {
        return usage_error("show-image");
    }
    return 0;
}

/* The image and its arch; on error, c is freed again. */
static int show_image_load(TCtx *c, const ShowImageOpts *o, const char *path)
{
    char err[600];

    if (tctx_load_image(c, path, err, sizeof(err))) {
        rt_err("%s", err);
        free(c->patdirs);
        return RT_ERROR;
    }
    if (o->arch && !arch_find(o->arch)) {
        rt_err("show-image: unknown --arch %s", o->arch);
        tctx_free(c);
        free(c->patdirs);
        return RT_ERROR;
    }
    if (o->arch) {
        c->ta = arch_find(o->arch)->host;
        c->ta_known = true;
    }
    if (!c->ta_known) {
        rt_err("%s: no arch in the metadata; give --arch", c->img.path);
        tctx_free(c);
        free(c->patdirs);
        return RT_ERROR;
    }
    tctx_settle(c, NULL, err, sizeof(err));
    return 0;
}

/* The image's facts; with JSON, up to the opened "words" array. */
static void show_image_header(const TCtx *c, JsonW *j)
{
    char hex[65];

    if (!j) {
        printf("image %s: %s, %u bytes of code, arch %s %s-endian\n",
               c->img.path, c->img.is_elf ? "ELF" : "raw", c->img.code_len,
               c->ta->name, c->ta->big_endian ? "big" : "little");
        if (!c->img.has_meta) {
            return;
        }
        printf("seed %s, cpu %s, features %s\n", c->img.seed,
               *c->img.cpu ? c->img.cpu : "-", c->img.features);
        printf("options: %s\n", c->img.options);
        for (int i = 0; i < c->img.npfiles; i++) {
            printf("pattern file %s %.16s..\n", c->img.pfiles[i].name,
                   c->img.pfiles[i].sha);
        }
        printf("%u generated instructions%s\n", c->img.ninsns,
               c->have_ps ? "" : " (pattern files not loaded: names "
                                 "from the table only)");
        return;
    }
    json_init(j, stdout, true);
    json_obj(j);
    json_kstr(j, "schema", "risu-trace-image/1");
    json_kstr(j, "path", c->img.path);
    json_kstr(j, "format", c->img.is_elf ? "elf" : "raw");
    json_kstr(j, "arch", c->ta->name);
    json_kbool(j, "big_endian", c->ta->big_endian);
    hex_bytes(hex, c->img.digest, 32);
    json_kstr(j, "sha256", hex);
    json_kstr(j, "seed", c->img.seed);
    json_kstr(j, "features", c->img.features);
    json_kuint(j, "code_bytes", c->img.code_len);
    json_kuint(j, "generated", c->img.ninsns);
    json_kbool(j, "patterns_loaded", c->have_ps);
    json_key(j, "words");
    json_arr(j);
}

/*
 * Data from off to dto (the preamble's, or a literal pool: what): one
 * JSON entry, or 16-byte rows.
 */
static uint32_t show_data(const TCtx *c, JsonW *j, uint32_t off,
                          uint32_t dto, const char *what)
{
    uint32_t end = dto - off > 16 ? off + 16 : dto;

    if (j) {
        json_obj(j);
        json_kuint(j, "offset", off);
        json_kstr(j, "kind", "data");
        json_kstr(j, "what", what);
        json_kuint(j, "bytes", dto - off);
        json_obj_end(j);
        return dto;
    }
    printf("+0x%-6x ", off);
    for (uint32_t k = off; k < end; k++) {
        printf("%02x", c->img.code[k]);
    }
    printf("%*s %s\n", (int)(2 * (16 - (end - off))), "", what);
    return end;
}

/* The word at off, described; its length (<= 0: nothing more to show). */
static int show_word(TCtx *c, JsonW *j, uint32_t off)
{
    static const char *const kinds[] = { "insn", "generated", "checkpoint",
                                         "optrap", "data" };
    char line[512];
    InsnInfo ii;
    int kind, n;
    uint32_t w = 0;

    n = tctx_describe_at(c, off, line, sizeof(line), &ii, &kind);
    arch_insn_at(c->ta, c->img.code, c->img.code_len, off, &w);
    if (!j) {
        printf("+0x%-6x %0*x%*s %s\n", off,
               arch_insn_size(c->ta, w) * 2, w,
               (int)(2 * (16 - arch_insn_size(c->ta, w) * 2) / 2 + 1),
               "", line);
        return n;
    }
    json_obj(j);
    json_kuint(j, "offset", off);
    json_khex(j, "word", w, arch_insn_size(c->ta, w) * 2);
    json_kstr(j, "kind", kinds[kind]);
    json_key(j, "disasm");
    json_str(j, kind <= TK_GEN && ii.dis_ok ? ii.dis : NULL);
    json_key(j, "pattern");
    json_str(j, ii.table ? ii.table
                         : kind <= TK_GEN && ii.hit_ok ? ii.hit.p->name
                                                        : NULL);
    json_key(j, "edge");
    json_str(j, ii.edge[0] ? ii.edge : NULL);
    json_kstr(j, "text", line);
    json_obj_end(j);
    return n;
}

int cmd_show_image(int argc, char **argv)
{
    TCtx c = { 0 };
    ShowImageOpts o = { 0 };
    uint32_t off = 0, dfrom = 0, dto = 0;
    bool have_data;
    JsonW jw, *j = NULL;
    int rc = show_image_options(argc, argv, &o, &c);

    if (rc || (rc = show_image_load(&c, &o, argv[optind]))) {
        return rc;
    }
    have_data = preamble_data(c.ta, c.img.code, c.img.code_len, &dfrom,
                              &dto);
    if (o.json) {
        j = &jw;
    }
    show_image_header(&c, j);
    while (off < c.img.code_len) {
        int n;

        bool past;
        uint32_t pool;

        if (have_data && off >= dfrom && off < dto) {
            off = show_data(&c, j, off, dto, "preamble data");
            continue;
        }
        pool = arch_skip_at(c.ta, c.img.code, c.img.code_len, off, &past);
        n = show_word(&c, j, off);
        if (n <= 0) {
            break;
        }
        off += (uint32_t)n - pool;
        for (uint32_t end = off + pool; off < end;) {
            off = show_data(&c, j, off, end, "literal pool");
        }
    }
    if (j) {
        json_arr_end(j);
        json_obj_end(j);
        json_end(j);
    }
    tctx_free(&c);
    free(c.patdirs);
    return RT_OK;
}
