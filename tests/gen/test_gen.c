/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for risugen (gen/): PRNG and SHA-256 known answers,
 * determinism, constraints, shadowing inside { } groups, register
 * roles, memory set-up, undefined neighbours, target features, image
 * formats.  Fixtures: the .decode files in tests/gen; run from the
 * source root.
 */
#include <check.h>
#include <fcntl.h>
#include <gelf.h>
#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "arch/mips/isamode.h"
#include "arch/mips/trap.h"
#include "gen/gen.h"
#include "format/image.h"

typedef struct Env {
    char *args;             /* the options point into it */
    GenOpts o;
    GenTarget t;
    GenPatterns ps;
    GenCtx g;
} Env;

static void free_env(Env *e)
{
    if (e->g.code) {
        fclose(e->g.code);
    }
    if (e->g.table) {
        fclose(e->g.table);
    }
    gen_edge_free(&e->g);
    gen_pcrel_free(&e->g);
    gen_llsc_free(&e->g);
    free(e->g.buf);
    free(e->g.syms);
    free(e->g.maps);
    gen_free_patterns(&e->ps);
    gen_free_opts(&e->o);
    free(e->args);
    memset(e, 0, sizeof(*e));
}

/* Parse a risugen command line (space separated) and load the patterns. */
static void setup_env(Env *e, const char *args)
{
    char *copy = xstrdup(args);
    char *argv[64];
    if (e->args) {
        free_env(e);
    }
    int argc = 0;
    argv[argc++] = (char *)"risugen";
    for (char *s = strtok(copy, " "); s && argc < 63; s = strtok(NULL, " ")) {
        argv[argc++] = s;
    }
    argv[argc] = NULL;
    optind = 0;
    memset(e, 0, sizeof(*e));
    e->args = copy;
    gen_parse_args(&e->o, argc, argv);
    gen_target_setup(&e->t, &e->o);
    gen_load_patterns(&e->ps, &e->t, &e->o);
    gen_select_patterns(&e->ps, &e->t, &e->o);
    gen_probe_patterns(&e->ps, &e->t, &e->o);
}

static uint8_t *slurp(FILE *f, size_t *len)
{
    fflush(f);
    long n = ftell(f);
    uint8_t *b = xmalloc((size_t)n + 1);
    fseek(f, 0, SEEK_SET);
    ck_assert_uint_eq(fread(b, 1, (size_t)n, f), (size_t)n);
    *len = (size_t)n;
    return b;
}

/* Generate the sequence into memory: code bytes and the table text. */
static uint8_t *run_env(Env *e, size_t *len, char **table)
{
    gen_ctx_init(&e->g, &e->o, &e->ps, &e->t);
    e->g.code = tmpfile();
    e->g.table = tmpfile();
    gen_sequence(&e->g);
    uint8_t *code = slurp(e->g.code, len);
    if (table) {
        size_t tl;
        *table = (char *)slurp(e->g.table, &tl);
        (*table)[tl] = 0;
    }
    return code;
}

static uint32_t le32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static const GenPat *find_pat(const GenPatterns *ps, const char *name)
{
    for (size_t i = 0; i < ps->npats; i++) {
        if (!strcmp(ps->pats[i].p->name, name)) {
            return &ps->pats[i];
        }
    }
    ck_abort_msg("no pattern %s", name);
    return NULL;
}

/* ---- known answers ---- */

START_TEST(test_prng_kat)
{
    uint64_t st = 0;
    ck_assert_uint_eq(splitmix64_next(&st), 0xe220a8397b1dcdafULL);
    ck_assert_uint_eq(splitmix64_next(&st), 0x6e789e6aa1b965f4ULL);
    Prng p = { { 1, 2, 3, 4 } };
    ck_assert_uint_eq(prng_next(&p), 0x2d00);
    ck_assert_uint_eq(prng_next(&p), 0);
    ck_assert_uint_eq(prng_next(&p), 0x5a007080);
    prng_seed(&p, 7);
    for (int i = 0; i < 10000; i++) {
        ck_assert_uint_lt(prng_below(&p, 13), 13);
    }
}
END_TEST

/* ---- determinism ---- */

START_TEST(test_determinism)
{
    Env a, b, c;
    memset(&a, 0, sizeof(a));
    memset(&b, 0, sizeof(b));
    memset(&c, 0, sizeof(c));
    size_t la, lb, lc;
    const char *args = "--arch mipsel --cpu 74Kf -n 3000 -o x "
                       "tests/gen/basic.decode";
    setup_env(&a, args);
    uint8_t *ca = run_env(&a, &la, NULL);
    setup_env(&b, args);
    uint8_t *cb = run_env(&b, &lb, NULL);
    ck_assert_uint_eq(la, lb);
    ck_assert(!memcmp(ca, cb, la));
    setup_env(&c, "--arch mipsel --cpu 74Kf -n 3000 -o x --seed 1 "
                  "tests/gen/basic.decode");
    uint8_t *cc = run_env(&c, &lc, NULL);
    ck_assert(la != lc || memcmp(ca, cc, la));
    free_env(&a);
    free_env(&b);
    free_env(&c);
    free(ca);
    free(cb);
    free(cc);
}
END_TEST

/* ---- words ---- */

START_TEST(test_constraint)
{
    Env e;
    memset(&e, 0, sizeof(e));
    int64_t raw[DT_MAX_ARGS], dec[DT_MAX_ARGS];
    GenWordStats st;
    memset(&st, 0, sizeof(st));
    Prng p;
    setup_env(&e, "--arch mipsel -o x tests/gen/basic.decode");
    const GenPat *gp = find_pat(&e.ps, "SUBU");
    prng_seed(&p, 1);
    for (int i = 0; i < 10000; i++) {
        uint64_t w;
        ck_assert(gen_make_word(&e.ps, &e.t, &p, gp, 1000, &w, raw, dec, &st));
        ck_assert_int_eq((w >> 21) & 31, (w >> 16) & 31);     /* rs == rt */
        ck_assert_uint_eq(w & 0xfc0007ff, 0x00000023);
    }
    free_env(&e);
}
END_TEST

START_TEST(test_unsat_exits)
{
    /* The diagnostics are expected: keep them out of the log. */
    ck_assert_ptr_nonnull(freopen("/dev/null", "w", stderr));
    Env e;
    memset(&e, 0, sizeof(e));
    setup_env(&e, "--arch mipsel -o x tests/gen/unsat.decode");
    free_env(&e);
}
END_TEST

START_TEST(test_unsat_dropped)
{
    /* The diagnostics are expected: keep them out of the log. */
    ck_assert_ptr_nonnull(freopen("/dev/null", "w", stderr));
    Env e;
    memset(&e, 0, sizeof(e));
    /* With --drop-unsatisfiable the only pattern goes: nothing left. */
    setup_env(&e, "--arch mipsel -o x --drop-unsatisfiable "
                  "tests/gen/unsat.decode tests/gen/basic.decode");
    for (size_t i = 0; i < e.ps.nsel; i++) {
        ck_assert_str_ne(e.ps.sel[i]->p->name, "BAD");
    }
    ck_assert_uint_gt(e.ps.nsel, 0);
    free_env(&e);
}
END_TEST

START_TEST(test_shadow)
{
    Env e;
    memset(&e, 0, sizeof(e));
    int64_t raw[DT_MAX_ARGS], dec[DT_MAX_ARGS];
    GenWordStats st;
    memset(&st, 0, sizeof(st));
    Prng p;
    setup_env(&e, "--arch mipsel -o x tests/gen/shadow.decode");
    const GenPat *gp = find_pat(&e.ps, "OR");
    prng_seed(&p, 2);
    for (int i = 0; i < 20000; i++) {
        uint64_t w;
        ck_assert(gen_make_word(&e.ps, &e.t, &p, gp, 1000, &w, raw, dec, &st));
        ck_assert_int_ne((w >> 16) & 31, 0);
        ck_assert_ptr_eq(dt_decode(e.ps.ns[0].dt, w, NULL), gp->p);
    }
    /* Shadowed tries happened and were rejected. */
    ck_assert_uint_gt(st.fail[GEN_FAIL_SHADOW], 0);
    free_env(&e);
}
END_TEST

/* Earlier namespaces win: a word both sets decode belongs to the first. */
START_TEST(test_namespace_order)
{
    Env e;
    memset(&e, 0, sizeof(e));
    int64_t raw[DT_MAX_ARGS], dec[DT_MAX_ARGS];
    GenWordStats st;
    memset(&st, 0, sizeof(st));
    Prng p;
    setup_env(&e, "--arch mipsel -o x tests/gen/shadow.decode "
                  "tests/gen/basic.decode");
    const GenPat *gp = NULL;
    for (size_t i = 0; i < e.ps.npats; i++) {
        if (!strcmp(e.ps.pats[i].p->name, "ADDU")) {
            gp = &e.ps.pats[i];
        }
    }
    ck_assert_ptr_nonnull(gp);
    ck_assert_int_eq(gp->ns, 1);
    prng_seed(&p, 3);
    for (int i = 0; i < 1000; i++) {
        uint64_t w;
        ck_assert(gen_make_word(&e.ps, &e.t, &p, gp, 1000, &w, raw, dec, &st));
        ck_assert_ptr_null(dt_decode(e.ps.ns[0].dt, w, NULL));
    }
    free_env(&e);
}
END_TEST

START_TEST(test_reserved_never)
{
    Env e;
    memset(&e, 0, sizeof(e));
    int64_t raw[DT_MAX_ARGS], dec[DT_MAX_ARGS];
    GenWordStats st;
    memset(&st, 0, sizeof(st));
    Prng p;
    int seen[32] = { 0 };
    setup_env(&e, "--arch mips64el -o x tests/gen/basic.decode");
    const GenPat *gp = find_pat(&e.ps, "ADDU");
    prng_seed(&p, 4);
    for (int i = 0; i < 100000; i++) {
        uint64_t w;
        ck_assert(gen_make_word(&e.ps, &e.t, &p, gp, 1000, &w, raw, dec, &st));
        for (int sh = 11; sh <= 21; sh += 5) {
            int r = (int)(w >> sh) & 31;
            ck_assert_msg(r < 26 || r > 29, "reserved $%d in %08x", r,
                          (unsigned)w);
            seen[r]++;
        }
    }
    /* $0 is a legal operand; every other allowed register shows up. */
    for (int r = 0; r < 32; r++) {
        ck_assert(r >= 26 && r <= 29 ? !seen[r] : seen[r] > 0);
    }
    free_env(&e);
}
END_TEST

START_TEST(test_fr_modes)
{
    Env e;
    memset(&e, 0, sizeof(e));
    int64_t raw[DT_MAX_ARGS], dec[DT_MAX_ARGS];
    GenWordStats st;
    memset(&st, 0, sizeof(st));
    Prng p;
    bool odd = false;

    setup_env(&e, "--arch mipsel --cpu 24Kf -o x tests/gen/basic.decode");
    const GenPat *gp = find_pat(&e.ps, "ADD_D");
    prng_seed(&p, 5);
    for (int i = 0; i < 5000; i++) {
        uint64_t w;
        ck_assert(gen_make_word(&e.ps, &e.t, &p, gp, 1000, &w, raw, dec, &st));
        ck_assert_int_eq(w & ((1u << 6) | (1u << 11) | (1u << 16)), 0);
    }
    setup_env(&e, "--arch mipsel --cpu 24Kf --features fr1 -o x "
                  "tests/gen/basic.decode");
    gp = find_pat(&e.ps, "ADD_D");
    for (int i = 0; i < 5000 && !odd; i++) {
        uint64_t w;
        ck_assert(gen_make_word(&e.ps, &e.t, &p, gp, 1000, &w, raw, dec, &st));
        odd = (w & (1u << 6)) != 0;
    }
    ck_assert(odd);
    free_env(&e);
}
END_TEST

START_TEST(test_requires)
{
    Env e;
    memset(&e, 0, sizeof(e));
    setup_env(&e, "--arch mipsel --cpu 24Kf -o x tests/gen/basic.decode");
    ck_assert(!find_pat(&e.ps, "ADDV_B")->selected);
    ck_assert(!find_pat(&e.ps, "LWX")->selected);
    ck_assert(find_pat(&e.ps, "ADD_D")->selected);
    ck_assert(!find_pat(&e.ps, "XOR")->selected);        /* weight 0 */
    ck_assert(!find_pat(&e.ps, "SYSCALL")->selected);    /* never */
    setup_env(&e, "--arch mipsel --cpu P5600 -o x tests/gen/basic.decode");
    ck_assert(find_pat(&e.ps, "ADDV_B")->selected);
    setup_env(&e, "--arch mipsel --cpu 4Kc -o x tests/gen/basic.decode");
    ck_assert(!find_pat(&e.ps, "ADD_D")->selected);      /* no FPU */
    setup_env(&e, "--arch mipsel -o x --pattern XOR tests/gen/basic.decode");
    ck_assert(find_pat(&e.ps, "XOR")->selected);
    ck_assert_uint_eq(e.ps.nsel, 1);
    setup_env(&e, "--arch mipsel -o x --group mem tests/gen/basic.decode");
    ck_assert_uint_eq(e.ps.nsel, 2);                     /* LW, SH */
    free_env(&e);
}
END_TEST

START_TEST(test_cpu_presets)
{
    Env e;
    memset(&e, 0, sizeof(e));
    setup_env(&e, "--arch mipsel --cpu 24Kf -o x tests/gen/basic.decode");
    char *f = gen_feature_string(&e.t);
    ck_assert_ptr_nonnull(strstr(f, "fr0"));
    ck_assert_ptr_nonnull(strstr(f, "nanlegacy"));
    ck_assert_ptr_null(strstr(f, "mips64"));
    free(f);
    setup_env(&e, "--arch mips64r6el --cpu I6400 -o x tests/gen/basic.decode");
    f = gen_feature_string(&e.t);
    ck_assert_ptr_nonnull(strstr(f, "msa"));
    ck_assert_ptr_nonnull(strstr(f, "nan2008"));
    ck_assert_ptr_nonnull(strstr(f, "r6"));
    ck_assert_ptr_null(strstr(f, "pre-r6"));
    free(f);
    /* A 64-bit CPU running o32: no 64-bit ops, FR=0. */
    setup_env(&e, "--arch mipsel --cpu Loongson-3A1000 -o x "
                  "tests/gen/basic.decode");
    f = gen_feature_string(&e.t);
    ck_assert_ptr_null(strstr(f, "mips64"));
    ck_assert_ptr_nonnull(strstr(f, "fr0"));
    ck_assert_ptr_nonnull(strstr(f, "mmi"));
    free_env(&e);
    free(f);
}
END_TEST

START_TEST(test_cpu_contradiction)
{
    /* The diagnostics are expected: keep them out of the log. */
    ck_assert_ptr_nonnull(freopen("/dev/null", "w", stderr));
    Env e;
    memset(&e, 0, sizeof(e));
    /* A Release 6 CPU needs an R6 arch. */
    setup_env(&e, "--arch mips64el --cpu I6400 -o x tests/gen/basic.decode");
    free_env(&e);
}
END_TEST

START_TEST(test_feature_contradiction)
{
    /* The diagnostics are expected: keep them out of the log. */
    ck_assert_ptr_nonnull(freopen("/dev/null", "w", stderr));
    Env e;
    memset(&e, 0, sizeof(e));
    setup_env(&e, "--arch mipsel --features fr0,msa -o x "
                  "tests/gen/basic.decode");
    free_env(&e);
}
END_TEST

START_TEST(test_unknown_arch)
{
    /* The diagnostics are expected: keep them out of the log. */
    ck_assert_ptr_nonnull(freopen("/dev/null", "w", stderr));
    Env e;
    memset(&e, 0, sizeof(e));
    setup_env(&e, "--arch mipsle -o x tests/gen/basic.decode");
    free_env(&e);
}
END_TEST

/* ---- memory set-up ---- */

/*
 * Walk a MIPS image from the end of the preamble data: track SETMEM and
 * "li" (addiu rt, $0, imm), and for each test instruction compute the
 * effective address the way the hardware will.
 */
typedef struct MemCheck {
    int n, inside, aligned, crossing;
} MemCheck;

static void walk_mips(Env *e, const uint8_t *code, size_t len,
                      const char *table, MemCheck *mc)
{
    int64_t setmem[32], li[32] = { 0 };
    bool have[32] = { false };
    /* The preamble branch (at 12) jumps over the data. */
    uint32_t b = le32(code + 12);
    size_t pos = 16 + (size_t)(int16_t)(b & 0xffff) * 4;
    const char *tp = table;

    memset(mc, 0, sizeof(*mc));
    while (pos + 4 <= len) {
        uint32_t w = le32(code + pos);
        if (w == MIPS_TRAP_OP) {
            uint32_t d0 = le32(code + pos + 4);
            int32_t imm = (int32_t)le32(code + pos + 8);
            int reg = (d0 >> 8) & 0xff;
            if ((d0 & 0xff) == RISU_OP_SETMEM) {
                setmem[reg] = imm;
                have[reg] = true;
            } else if ((d0 & 0xff) == RISU_OP_MEMOFF) {
                have[reg] = false;
            }
            pos += 12;
            continue;
        }
        if ((w & 0xffe00000) == 0x24000000) {           /* li */
            li[(w >> 16) & 31] = (int16_t)(w & 0xffff);
        }
        /* Is this offset a test instruction (next table line)? */
        unsigned long toff = strtoul(tp, NULL, 16);
        if (*tp && toff == pos) {
            int64_t raw[DT_MAX_ARGS];
            const DtPattern *p = dt_decode(e->ps.ns[0].dt, w, raw);
            ck_assert_ptr_nonnull(p);
            const DtMem *m = &p->annot.mem;
            if (m->present) {
                int64_t base = raw[m->baseidx];
                bool fault = false;
                ck_assert_msg(have[base], "no SETMEM for base $%d at %zx",
                              (int)base, pos);
                ck_assert(base != 0 && (base < 26 || base > 29));
                for (int i = 0; i < p->nargs; i++) {
                    if (i != m->baseidx && !strcmp(p->args[i].name, "rt")) {
                        ck_assert_int_ne(raw[i], base);
                    }
                }
                int64_t ea = setmem[base];
                if (m->offset) {
                    ea += dt_expr_eval(m->offset, raw, raw, &fault);
                }
                if (m->indexidx >= 0) {
                    ck_assert_int_ne(raw[m->indexidx], base);
                    ea += li[raw[m->indexidx]];
                }
                mc->n++;
                mc->inside += ea >= 0 && ea + m->size <= RISU_MEMBLOCK_SIZE;
                mc->aligned += ea % m->align == 0 && ea % m->size == 0;
                mc->crossing += ea + m->size > RISU_MEMBLOCK_SIZE;
            }
            tp = strchr(tp, '\n');
            tp = tp ? tp + 1 : "";
        }
        pos += 4;
    }
    ck_assert_str_eq(tp, "");       /* every table entry was visited */
}

START_TEST(test_mem_inside)
{
    Env e;
    memset(&e, 0, sizeof(e));
    size_t len;
    char *table;
    MemCheck mc;
    setup_env(&e, "--arch mipsel --cpu 74Kf -n 4000 -o x --group mem "
                  "tests/gen/basic.decode");
    uint8_t *code = run_env(&e, &len, &table);
    walk_mips(&e, code, len, table, &mc);
    ck_assert_int_eq(mc.n, 4000);
    ck_assert_int_eq(mc.inside, mc.n);
    ck_assert_int_eq(mc.aligned, mc.n);
    free_env(&e);
    free(code);
    free(table);
}
END_TEST

START_TEST(test_mem_unaligned)
{
    Env e;
    memset(&e, 0, sizeof(e));
    size_t len;
    char *table;
    MemCheck mc;
    setup_env(&e, "--arch mipsel --cpu 74Kf -n 2000 -o x --group mem "
                  "--mem unaligned tests/gen/basic.decode");
    uint8_t *code = run_env(&e, &len, &table);
    walk_mips(&e, code, len, table, &mc);
    ck_assert_int_eq(mc.inside, mc.n);
    ck_assert_int_eq(mc.aligned, 0);
    free_env(&e);
    free(code);
    free(table);
}
END_TEST

START_TEST(test_mem_guard)
{
    Env e;
    memset(&e, 0, sizeof(e));
    size_t len;
    char *table;
    MemCheck mc;
    setup_env(&e, "--arch mipsel --cpu 74Kf -n 2000 -o x --group mem "
                  "--mem guard tests/gen/basic.decode");
    uint8_t *code = run_env(&e, &len, &table);
    walk_mips(&e, code, len, table, &mc);
    ck_assert_int_eq(mc.crossing, mc.n);
    free_env(&e);
    free(code);
    free(table);
}
END_TEST

/* ---- undefined neighbours ---- */

START_TEST(test_undef)
{
    Env e;
    memset(&e, 0, sizeof(e));
    size_t len;
    char *table;
    int n = 0;
    setup_env(&e, "--arch mipsel --cpu 74Kf -n 500 -o x --undef=1 "
                  "--space tests/gen/edge/space-ok.list "
                  "tests/gen/basic.decode");
    uint8_t *code = run_env(&e, &len, &table);
    for (char *l = table; *l; l = strchr(l, '\n') + 1) {
        unsigned long off = strtoul(l, NULL, 16);
        char *name = strchr(l, ' ') + 1;
        if (!strncmp(name, "neighbour:", 10)) {
            uint32_t w = le32(code + off);
            for (int i = 0; i < e.ps.nns; i++) {
                const DtPattern *d = dt_decode(e.ps.ns[i].dt, w, NULL);
                ck_assert(!d || !e.ps.pats[e.ps.nsbase[i] + d->index].present);
            }
            ck_assert(w != MIPS_TRAP_OP && w != MIPS_TRAP_CHECKPOINT);
            n++;
        }
    }
    ck_assert_int_gt(n, 300);
    ck_assert_uint_eq(e.g.nedge, (uint64_t)n);
    free_env(&e);
    free(code);
    free(table);
}
END_TEST

/* ---- edge words (--edge) ---- */

#define EDGE_ARGS "--arch mipsel --cpu 74Kf -n 2000 -o x " \
                  "--space tests/gen/edge/space-ok.list "
#define EDGE_FILE " tests/gen/edge/edge.decode"

/* One table entry: its word and name (points into the table). */
typedef struct Entry {
    uint32_t word;
    const char *name;       /* up to the newline */
    size_t len;
} Entry;

static size_t table_entries(const char *table, const uint8_t *code,
                            Entry *v, size_t max)
{
    size_t n = 0;
    for (const char *l = table; *l && n < max; l = strchr(l, '\n') + 1) {
        unsigned long off = strtoul(l, NULL, 16);
        v[n].name = strchr(l, ' ') + 1;
        v[n].len = (size_t)(strchr(l, '\n') - v[n].name);
        v[n].word = le32(code + off);
        n++;
    }
    return n;
}

static bool entry_is(const Entry *e, const char *prefix)
{
    return !strncmp(e->name, prefix, strlen(prefix));
}

/* Which claiming pattern of any namespace has w's fixed bits, if any. */
static const DtPattern *claimer(const Env *e, uint32_t w,
                                const DtPattern *self)
{
    for (size_t i = 0; i < e->ps.npats; i++) {
        const GenPat *q = &e->ps.pats[i];
        if (q->claims && q->p != self &&
            (w & q->p->fixedmask) == q->p->fixedbits) {
            return q->p;
        }
    }
    return NULL;
}

static Entry *edge_run(Env *e, const char *args, size_t *n, char **table,
                       uint8_t **code)
{
    static Entry v[8192];
    size_t len;
    setup_env(e, args);
    *code = run_env(e, &len, table);
    *n = table_entries(*table, *code, v, 8192);
    return v;
}

START_TEST(test_edge_reserved)
{
    Env e;
    size_t n, k = 0;
    char *table;
    uint8_t *code;
    memset(&e, 0, sizeof(e));
    Entry *v = edge_run(&e, EDGE_ARGS "--edge reserved:2" EDGE_FILE, &n,
                        &table, &code);
    const GenPat *sh = find_pat(&e.ps, "SHIFTY");
    for (size_t i = 0; i < n; i++) {
        if (!entry_is(&v[i], "reserved:")) {
            continue;
        }
        uint32_t w = v[i].word;
        /* sa == 3 is SHIFTY3's (alloc.decode): only sa == 7 is left. */
        ck_assert(entry_is(&v[i], "reserved:SHIFTY:sa==7\n"));
        ck_assert_uint_eq(w & sh->p->fixedmask, sh->p->fixedbits);
        ck_assert_uint_eq((w >> 6) & 31, 7);
        ck_assert_uint_ne((w >> 11) & 31, 0);       /* rd != 0 */
        ck_assert_ptr_null(claimer(&e, w, sh->p));
        k++;
    }
    ck_assert_uint_gt(k, 300);
    ck_assert_uint_eq(e.g.edge.made[GEN_EDGE_RESERVED], k);
    free_env(&e);
    free(code);
    free(table);
}
END_TEST

START_TEST(test_edge_neighbour)
{
    Env e;
    size_t n, k = 0;
    char *table;
    uint8_t *code;
    memset(&e, 0, sizeof(e));
    Entry *v = edge_run(&e, EDGE_ARGS "--edge neighbour:1" EDGE_FILE, &n,
                        &table, &code);
    const GenPat *addu = find_pat(&e.ps, "ADDU");
    const GenPat *alloc = find_pat(&e.ps, "ADD_ALLOC");
    /* The test can fail: ADDU's bit 0 flipped is ADD_ALLOC's. */
    ck_assert_ptr_eq(dt_decode(e.ps.ns[alloc->ns].dt,
                               addu->p->fixedbits ^ 1, NULL), alloc->p);
    for (size_t i = 1; i < n; i++) {
        if (!entry_is(&v[i], "neighbour:")) {
            continue;
        }
        char *name = xasprintf("%.*s", (int)v[i].len - 10, v[i].name + 10);
        const GenPat *from = find_pat(&e.ps, name);
        uint32_t diff = v[i].word ^ v[i - 1].word;
        free(name);
        /* The word before it is the one it neighbours. */
        ck_assert_uint_eq(v[i - 1].len, strlen(from->p->name));
        ck_assert(!strncmp(v[i - 1].name, from->p->name, v[i - 1].len));
        ck_assert(diff && __builtin_popcount(diff) <= 2);
        ck_assert_uint_eq(diff & ~from->p->fixedmask, 0);
        ck_assert_ptr_null(claimer(&e, v[i].word, NULL));
        k++;
    }
    ck_assert_uint_gt(k, 1000);
    free_env(&e);
    free(code);
    free(table);
}
END_TEST

START_TEST(test_edge_absent)
{
    Env e;
    size_t n, k = 0;
    char *table;
    uint8_t *code;
    memset(&e, 0, sizeof(e));
    Entry *v = edge_run(&e, EDGE_ARGS "--edge absent:2" EDGE_FILE, &n,
                        &table, &code);
    const GenPat *addv = find_pat(&e.ps, "ADDV_B");
    /* MODE_OP lacks fr1 (a mode), NEVER_MSA is never, SHADOWED is OR. */
    ck_assert(!find_pat(&e.ps, "MODE_OP")->present);
    ck_assert(find_pat(&e.ps, "MODE_OP")->claims);
    ck_assert(!find_pat(&e.ps, "ADDV_B")->claims);
    ck_assert(!find_pat(&e.ps, "SHADOWED")->present);
    for (size_t i = 0; i < n; i++) {
        if (entry_is(&v[i], "absent:")) {
            ck_assert(entry_is(&v[i], "absent:ADDV_B:msa\n"));
            ck_assert_uint_eq(v[i].word & addv->p->fixedmask,
                              addv->p->fixedbits);
            ck_assert_ptr_null(claimer(&e, v[i].word, NULL));
            k++;
        }
    }
    ck_assert_uint_gt(k, 300);
    free_env(&e);
    free(code);
    free(table);
}
END_TEST

/* Every class of "all", and --undef as neighbour, in the options. */
START_TEST(test_edge_options)
{
    Env e;
    memset(&e, 0, sizeof(e));
    setup_env(&e, EDGE_ARGS "--edge all" EDGE_FILE);
    char *c = gen_canonical_options(&e.o);
    ck_assert_ptr_nonnull(strstr(c, " --edge reserved,neighbour,absent:16 "
                                    "--space space-ok.list "));
    free(c);
    setup_env(&e, EDGE_ARGS "--undef=3" EDGE_FILE);
    c = gen_canonical_options(&e.o);
    ck_assert_ptr_nonnull(strstr(c, " --edge neighbour:3 "));
    free(c);
    /* The inputs' namespace is not loaded twice; the others are. */
    ck_assert_int_eq(e.ps.nuser, 1);
    ck_assert_int_eq(e.ps.nns, 3);
    free_env(&e);
}
END_TEST

/* An allocated pattern overlapping a generated one: internal error. */
START_TEST(test_edge_selfcheck)
{
    Env e;
    size_t n;
    char *table;
    uint8_t *code;
    ck_assert_ptr_nonnull(freopen("/dev/null", "w", stderr));
    memset(&e, 0, sizeof(e));
    edge_run(&e, "--arch mipsel --cpu 74Kf -n 200 -o x --edge neighbour "
                 "--space tests/gen/edge/space-overlap.list" EDGE_FILE, &n,
             &table, &code);
}
END_TEST

/* A space pattern whose constraint rejects the word does not take it. */
START_TEST(test_edge_selfcheck_constraint)
{
    Env e;
    size_t n;
    char *table;
    uint8_t *code;
    memset(&e, 0, sizeof(e));
    edge_run(&e, "--arch mipsel --cpu 74Kf -n 500 -o x --edge neighbour:2 "
                 "--space tests/gen/edge/space-cond.list "
                 "tests/gen/edge/cond-user.decode", &n, &table, &code);
    ck_assert_uint_eq(n, 500 + e.g.nedge);
    ck_assert_uint_gt(e.g.nedge, 100);
    free_env(&e);
    free(code);
    free(table);
}
END_TEST

START_TEST(test_edge_no_space)
{
    Env e;
    ck_assert_ptr_nonnull(freopen("/dev/null", "w", stderr));
    memset(&e, 0, sizeof(e));
    setup_env(&e, "--arch mipsel -o x --edge all --space "
                  "tests/gen/edge/none.list" EDGE_FILE);
}
END_TEST

START_TEST(test_edge_bad_class)
{
    Env e;
    ck_assert_ptr_nonnull(freopen("/dev/null", "w", stderr));
    memset(&e, 0, sizeof(e));
    setup_env(&e, EDGE_ARGS "--edge reserved,neigbour" EDGE_FILE);
}
END_TEST

/* ---- images ---- */

START_TEST(test_raw_image)
{
    Env e;
    memset(&e, 0, sizeof(e));
    size_t len;
    setup_env(&e, "--arch mips --cpu 24Kf -n 100 -o x tests/gen/basic.decode");
    gen_ctx_init(&e.g, &e.o, &e.ps, &e.t);
    FILE *out = tmpfile();
    e.g.code = out;
    e.g.table = tmpfile();
    gen_sequence(&e.g);
    uint64_t code_len = e.g.off;
    gen_finish_raw(&e.g, out);
    uint8_t *img = slurp(out, &len);
    const uint8_t *tr = img + len - RISU_META_TRAILER;
    ck_assert(!memcmp(tr, RISU_META_MAGIC, 8));
    uint32_t meta_len = le32(tr + 8), clen = le32(tr + 12);
    ck_assert_uint_eq(clen, code_len);
    ck_assert_uint_eq(clen + meta_len + RISU_META_TRAILER, len);
    char *meta = xasprintf("%.*s", (int)meta_len, (const char *)img + clen);
    ck_assert_ptr_nonnull(strstr(meta, "format=1\narch=mips\nendian=big\n"));
    ck_assert_ptr_nonnull(strstr(meta, "\ninsns=100\n"));
    ck_assert_ptr_nonnull(strstr(meta, "\npattern-file=basic.decode "));
    /* Big-endian: the first word is the OPTRAP in target order. */
    ck_assert_int_eq(img[3], 0x3d);
    ck_assert_int_eq(img[0], 0);
    free_env(&e);
    free(img);
    free(meta);
}
END_TEST

START_TEST(test_elf_image)
{
    Env e;
    memset(&e, 0, sizeof(e));
    char path[] = "/tmp/risugen-test-XXXXXX";
    setup_env(&e, "--arch mips64el --cpu 5Kf -n 50 -o x.elf "
                  "tests/gen/basic.decode");
    ck_assert_int_eq(e.o.format, GEN_FMT_ELF);
    gen_ctx_init(&e.g, &e.o, &e.ps, &e.t);
    e.g.code = tmpfile();
    e.g.table = tmpfile();
    gen_sequence(&e.g);
    int fd = mkstemp(path);
    gen_finish_elf(&e.g, e.g.code, fd, false);
    close(fd);

    fd = open(path, O_RDONLY);
    Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
    GElf_Ehdr eh;
    ck_assert_ptr_nonnull(gelf_getehdr(elf, &eh));
    ck_assert_int_eq(eh.e_machine, 8);
    ck_assert_int_eq(eh.e_ident[EI_CLASS], ELFCLASS64);
    ck_assert_int_eq(eh.e_ident[EI_DATA], ELFDATA2LSB);
    size_t shstrndx, nsym = 0, ntext = 0;
    bool note = false;
    elf_getshdrstrndx(elf, &shstrndx);
    for (Elf_Scn *s = elf_nextscn(elf, NULL); s; s = elf_nextscn(elf, s)) {
        GElf_Shdr sh;
        gelf_getshdr(s, &sh);
        const char *name = elf_strptr(elf, shstrndx, sh.sh_name);
        if (!strcmp(name, ".text")) {
            ntext = sh.sh_size;
        } else if (sh.sh_type == SHT_NOTE) {
            Elf_Data *d = elf_getdata(s, NULL);
            GElf_Nhdr nh;
            size_t no, doff;
            ck_assert(gelf_getnote(d, 0, &nh, &no, &doff) > 0);
            ck_assert_int_eq(nh.n_type, RISU_NOTE_META);
            ck_assert_str_eq((char *)d->d_buf + no, "risu-dt");
            ck_assert(!memcmp((char *)d->d_buf + doff, "format=1\n", 9));
            note = true;
        } else if (sh.sh_type == SHT_SYMTAB) {
            nsym = sh.sh_size / sh.sh_entsize;
        }
    }
    ck_assert_uint_eq(ntext, e.g.off);
    ck_assert(note);
    ck_assert_uint_eq(nsym, 2 + 50);        /* null, preamble, insns */
    elf_end(elf);
    close(fd);
    unlink(path);
    free_env(&e);
}
END_TEST

/*
 * microMIPS 16-bit loads and stores name their base with a 3-bit
 * encoding (16, 17, 2-7): the SETMEM before each must name the register
 * (GenArch.reg_number), not the field value.
 */
START_TEST(test_reg_number)
{
    Env e;
    size_t len;
    char *table;
    int n = 0, encoded_low = 0;

    memset(&e, 0, sizeof(e));
    setup_env(&e, "--arch micromipsel --cpu M14K -n 300 -o x --group mem "
                  "--insnwidth 16 arch/mips/micromips16.decode");
    uint8_t *code = run_env(&e, &len, &table);
    for (const char *tp = table; *tp; n++) {
        unsigned long off = strtoul(tp, NULL, 16);
        uint32_t hw = code[off] | code[off + 1] << 8;
        int base = mips_micro_gpr3((int)(hw >> 4) & 7);

        ck_assert_uint_ge(off, 10);
        ck_assert_uint_eq(code[off - 10] | code[off - 9] << 8,
                          MIPS_UMIPS_TRAP_OP);
        ck_assert_uint_eq(code[off - 8], RISU_OP_SETMEM);
        ck_assert_int_eq(code[off - 7], base);
        encoded_low += ((hw >> 4) & 7) < 2;
        tp = strchr(tp, '\n');
        tp = tp ? tp + 1 : "";
    }
    ck_assert_int_eq(n, 300);
    ck_assert_int_gt(encoded_low, 0);   /* encodings 0, 1: s0, s1 */
    free_env(&e);
    free(code);
    free(table);
}
END_TEST

/* The little-endian halfword at off of a mips16el image. */
static uint32_t hw16(const uint8_t *code, size_t off)
{
    return code[off] | code[off + 1] << 8;
}

/*
 * MIPS16e SP-relative loads and stores (base=29, class sp): SETMEM sp
 * before, so that sp + offset lands in the memory block, and MEMOFF sp
 * right after the 16-bit instruction.
 */
START_TEST(test_mips16_sp_base)
{
    Env e;
    size_t len;
    char *table;
    int n = 0;

    memset(&e, 0, sizeof(e));
    setup_env(&e, "--arch mips16el --cpu 24Kf -n 200 -o x "
                  "--pattern (LWSP|SWSP)");
    uint8_t *code = run_env(&e, &len, &table);
    for (const char *tp = table; *tp; n++) {
        unsigned long off = strtoul(tp, NULL, 16);
        int32_t imm;

        ck_assert_uint_ge(off, 10);
        ck_assert_uint_eq(hw16(code, off - 10), MIPS16_TRAP_OP);
        ck_assert_uint_eq(code[off - 8], RISU_OP_SETMEM);
        ck_assert_int_eq(code[off - 7], 29);
        memcpy(&imm, code + off - 4, 4);
        imm += (int32_t)(hw16(code, off) & 0xff) * 4;
        ck_assert_int_ge(imm, 0);
        ck_assert_int_le(imm, RISU_MEMBLOCK_SIZE - 4);
        ck_assert_uint_eq(hw16(code, off + 2), MIPS16_TRAP_OP);
        ck_assert_uint_eq(code[off + 4], RISU_OP_MEMOFF);
        ck_assert_int_eq(code[off + 5], 29);
        tp = strchr(tp, '\n');
        tp = tp ? tp + 1 : "";
    }
    ck_assert_int_eq(n, 200);
    free_env(&e);
    free(code);
    free(table);
}
END_TEST

/* A MIPS16e DIV's divisor (gpr3nz) is made non-zero: bnez ry; li ry, 1. */
START_TEST(test_mips16_divisor)
{
    Env e;
    size_t len;
    char *table;
    int n = 0;

    memset(&e, 0, sizeof(e));
    setup_env(&e, "--arch mips16el --cpu 4Km -n 100 -o x --pattern DIVU?");
    uint8_t *code = run_env(&e, &len, &table);
    for (const char *tp = table; *tp; n++) {
        unsigned long off = strtoul(tp, NULL, 16);
        uint32_t ry = hw16(code, off) >> 5 & 7;

        ck_assert_uint_ge(off, 4);
        ck_assert_uint_eq(hw16(code, off - 4), 0x2800 | ry << 8 | 1);
        ck_assert_uint_eq(hw16(code, off - 2), 0x6800 | ry << 8 | 1);
        tp = strchr(tp, '\n');
        tp = tp ? tp + 1 : "";
    }
    ck_assert_int_eq(n, 100);
    free_env(&e);
    free(code);
    free(table);
}
END_TEST

static Suite *gen_suite(void)
{
    Suite *s = suite_create("gen");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_prng_kat);
    tcase_add_test(tc, test_determinism);
    tcase_add_test(tc, test_constraint);
    tcase_add_exit_test(tc, test_unsat_exits, GEN_EXIT_USAGE);
    tcase_add_test(tc, test_unsat_dropped);
    tcase_add_test(tc, test_shadow);
    tcase_add_test(tc, test_namespace_order);
    tcase_add_test(tc, test_reserved_never);
    tcase_add_test(tc, test_fr_modes);
    tcase_add_test(tc, test_requires);
    tcase_add_test(tc, test_cpu_presets);
    tcase_add_exit_test(tc, test_cpu_contradiction, GEN_EXIT_USAGE);
    tcase_add_exit_test(tc, test_feature_contradiction, GEN_EXIT_USAGE);
    tcase_add_exit_test(tc, test_unknown_arch, GEN_EXIT_USAGE);
    tcase_add_test(tc, test_mem_inside);
    tcase_add_test(tc, test_mem_unaligned);
    tcase_add_test(tc, test_mem_guard);
    tcase_add_test(tc, test_reg_number);
    tcase_add_test(tc, test_mips16_sp_base);
    tcase_add_test(tc, test_mips16_divisor);
    tcase_add_test(tc, test_undef);
    tcase_add_test(tc, test_edge_reserved);
    tcase_add_test(tc, test_edge_neighbour);
    tcase_add_test(tc, test_edge_absent);
    tcase_add_test(tc, test_edge_options);
    tcase_add_exit_test(tc, test_edge_selfcheck, 1);
    tcase_add_test(tc, test_edge_selfcheck_constraint);
    tcase_add_exit_test(tc, test_edge_no_space, GEN_EXIT_USAGE);
    tcase_add_exit_test(tc, test_edge_bad_class, GEN_EXIT_USAGE);
    tcase_add_test(tc, test_raw_image);
    tcase_add_test(tc, test_elf_image);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(gen_suite());
    elf_version(EV_CURRENT);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
