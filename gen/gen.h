/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risugen internals shared between the generator's modules.  Arch code
 * sees only gen/arch.h.
 */
#ifndef GEN_GEN_H
#define GEN_GEN_H

#include <stdio.h>
#include <stdlib.h>

#include "decode/annot.h"
#include "decode/decode.h"
#include "gen/arch.h"
#include "gen/util.h"

/* The image's generator= line: the build's one version string. */
#define GEN_VERSION "risugen (risu-dt " RISU_DT_VERSION ")"

/* ---- options (gen/opts.c) ---- */

enum {
    GEN_MEM_ALIGNED = 1,    /* offsets aligned to the pattern's align */
    GEN_MEM_UNALIGNED = 2,  /* deliberately misaligned */
    GEN_MEM_GUARD = 4,      /* crossing into the guard page */
};

typedef enum GenFormat {
    GEN_FMT_RAW,
    GEN_FMT_ELF,
} GenFormat;

/* Decode-edge classes (--edge, docs/risugen.md "Edge words"). */
enum {
    GEN_EDGE_RESERVED,      /* a pattern's `reserved` value */
    GEN_EDGE_NEIGHBOUR,     /* 1-2 fixed bits flipped, unallocated */
    GEN_EDGE_ABSENT,        /* a pattern whose UNDEF-feature is absent */
    GEN_EDGE_NCLASSES
};
#define GEN_EDGE_ALL ((1u << GEN_EDGE_NCLASSES) - 1)
extern const char *const gen_edge_class_names[GEN_EDGE_NCLASSES];

typedef struct GenInput {
    char *spec;             /* "a.decode" or "a.decode+b.decode" */
    int insnwidth;          /* 0: the arch default */
} GenInput;

typedef struct GenOpts {
    const char *arch;
    const char *out;
    uint64_t numinsns;
    uint64_t seed;
    char **patterns, **notpatterns, **groups, **overlays;
    size_t npatterns, nnotpatterns, ngroups, noverlays;
    GenInput *inputs;
    size_t ninputs;
    char *features;         /* comma list as given (may be NULL) */
    const char *cpu;
    uint64_t checkpoint_every;
    uint64_t comparemem_every;
    GenFormat format;
    bool format_given;
    unsigned edge_classes;  /* 1 << GEN_EDGE_*; 0: no edge words */
    unsigned edge_every;    /* one edge word per N insns on average */
    const char *space_file; /* --space: the arch's space list instead */
    GenInput *space;        /* the space list's namespaces */
    size_t nspace;
    char **space_overlays;  /* the space list's --overlay lines */
    size_t nspace_overlays;
    unsigned mem_modes;     /* GEN_MEM_* */
    bool verify, list, dry_run, stats, drop_bad, quiet;
    bool overlay_unmatched_ok;  /* --allow-unmatched-overlay */
    bool verify_objdump;    /* --verify=objdump: no capstone */
    bool json;              /* --json: --list and --stats as JSON */
    const char *list_file;  /* the default .list used, for messages */
    char *list_skipped;     /* its "--requires" files the target lacks:
                               "f.decode (needs F)", for messages */
    char **words;           /* gen_parse_options_text's argv (owned) */
} GenOpts;

void gen_parse_args(GenOpts *o, int argc, char **argv);
/*
 * Parse options as gen_canonical_options writes them (blank-separated,
 * '...' quoting), with risugen's rules but no output file; -1 and a
 * message instead of exiting on an error.
 */
int gen_parse_options_text(GenOpts *o, const char *text, char *err,
                           size_t errlen);
void gen_free_opts(GenOpts *o);
/* Canonical option text for the metadata (no paths, no output name). */
char *gen_canonical_options(const GenOpts *o);

/* ---- Linaro RISU files as input (gen/risuin.c) ---- */

/* Does the path name a RISU file (*.risu)? */
bool gen_is_risu(const char *path);
/*
 * The translated decodetree text of a RISU file for a namespace of the
 * given width (16: Thumb 16-bit patterns); the file as read in *orig for
 * its digest.  Translates on first use, printing the diagnostics.
 */
const char *gen_risu_text(const char *path, int width, const char **orig,
                          size_t *origlen);
/* --arch from the .mode of the first RISU input, or NULL if none. */
const char *gen_risu_default_arch(const GenOpts *o);
/*
 * Refuse RISU files whose .mode is another ARM instruction set; give a
 * Thumb file without --insnwidth two namespaces (32 and 16 bits).
 */
void gen_risu_expand_inputs(GenOpts *o, const GenArch *a);
void gen_risu_free(void);
/*
 * "FILE:LINE" of a pattern for messages: for a RISU file's pattern the
 * .risu file and line, not the translation's (a static buffer, one of
 * four in rotation).
 */
const char *gen_where(const DtPattern *p);

/* ---- target (gen/target.c) ---- */

void gen_target_setup(GenTarget *t, const GenOpts *o);
/* Comma/space list of the target's feature names. */
char *gen_feature_string(const GenTarget *t);
/* "risugen: wrote OUT: N insns, arch A -> run with risu-F under QEMU". */
void gen_print_summary(const GenTarget *t, const GenOpts *o, FILE *f);
void gen_print_runners(FILE *f);
/* Resolve "name" or "!name" against the arch features; -1 if unknown. */
int gen_feature_lookup(const GenArch *a, const char *name, bool *neg);

/* ---- patterns (gen/patload.c loads, gen/select.c selects) ---- */

typedef struct GenRole {
    int argidx;
    int cls;
    GenRegKind kind;
    const DtField *field;   /* NULL for a constant argument */
    bool insertable;
    int64_t *allowed;       /* raw values reg_ok accepts (insertable) */
    int nallowed;
    bool implicit;          /* added for a mem base/index without a role */
    /*
     * Fast path: one unsigned segment of insn bits at pos (simple), so a
     * value is inserted with a shift; `trusted` when no fixed bit and no
     * other role's field overlaps it, so the inserted (allowed) value is
     * what decodes and need not be checked again.
     */
    bool simple, trusted;
    bool fast;              /* inserted through GenPat.fast */
    bool prep;              /* arch prepare_reg applies to its class */
    bool after;             /* arch after_reg applies to its class */
    int pos;
    uint64_t mask;          /* field bits in the word */
} GenRole;

typedef struct GenNs {
    DtSet *dt;
    char *label;            /* files joined with '+' (basenames) */
    int width;
    /*
     * Only RISU files (*.risu): their patterns overlap by design and
     * RISU never decodes, so a word is accepted by its own pattern's
     * fixed bits and constraints, and the namespace claims no word
     * from another one.
     */
    bool own_match;
} GenNs;

/*
 * Register roles in the common shape (one unsigned field of <= 5 bits,
 * nothing overlapping it) are kept inline in GenPat, so drawing a word
 * touches a few adjacent cache lines even with thousands of patterns.
 */
#define GEN_FAST_ROLES 4
typedef struct GenFast {
    uint64_t mask;
    uint8_t pos, n;
    uint8_t vals[32];
} GenFast;

/*
 * Values of a group of constrained fields (their word bits in mask)
 * known to satisfy the constraints that read them: gen/solve.c gives
 * them to patterns blind draws rarely satisfy.
 */
typedef struct GenSeeds {
    uint64_t mask;
    uint64_t *vals;
    uint32_t n;
} GenSeeds;

typedef struct GenPat {
    /* hot: gen_make_word */
    uint64_t freemask, keepmask, fixedbits, dcbits, widthmask;
    uint8_t nfast;
    bool check_roles;       /* some role must be re-checked after decode */
    bool has_checks;        /* constraints or a memory operand */
    bool has_mem;
    bool has_prep;          /* some role needs arch prepare_reg */
    GenFast fast[GEN_FAST_ROLES];
    char name[32];          /* copy of p->name when it fits, else "" */

    const DtPattern *p;
    int ns;                 /* namespace index */
    int width;
    unsigned weight;
    GenRole *roles;
    int nroles;
    int base_role, index_role;      /* role index or -1 */
    DtFunc *funcs;          /* per arg; op < 0: no known function */
    bool *hasfunc;
    int *immargs;           /* insertable non-role args (values biased) */
    int nimm;
    uint64_t reqmask, forbidmask;   /* requires / requires !X */
    bool present;           /* the target has it (requires met) */
    bool selected;
    bool absent_undef;      /* an absent edge-word candidate */
    /*
     * Takes its words from edge generation: present, or absent for a
     * reason that does not make it UNDEFINED (a mode, a hint).
     */
    bool claims;
    unsigned after_flags;   /* arch tag_flags: clean-up after the insn */
    bool has_after;         /* some role needs arch after_reg */
    uint64_t generated;     /* statistics */
    GenSeeds *seeds;        /* draws take one value of each set */
    int nseeds;
} GenPat;

typedef struct GenPatterns {
    GenNs *ns;
    int nns;
    int nuser;              /* ns[0..nuser): the inputs; then the space */
    size_t *nsbase;         /* index in pats of each namespace's first */
    GenPat *pats;           /* every pattern of every namespace */
    size_t npats;
    GenPat **sel;           /* selected, in set order */
    size_t nsel;
    uint64_t *cumw;         /* cumulative weights of sel */
    uint64_t totalw;
    char **digests;         /* "basename sha256" per pattern file */
    size_t ndigests;
} GenPatterns;

void gen_load_patterns(GenPatterns *ps, const GenTarget *t, GenOpts *o);
void gen_select_patterns(GenPatterns *ps, const GenTarget *t,
                         const GenOpts *o);
/*
 * risugen's selection rule for one pattern, in one place: the generator
 * and risu-trace (what an image's options selected) both judge with it.
 * present: the target has the pattern's `requires` features.
 */
typedef enum GenSelWhy {
    GEN_SEL_IN, GEN_SEL_NEVER, GEN_SEL_FEATURE, GEN_SEL_GROUP,
    GEN_SEL_PATTERN, GEN_SEL_WEIGHT0,
} GenSelWhy;
typedef struct GenSelector GenSelector;
GenSelector *gen_selector_new(const GenOpts *o);
/* user: count the options as used (the inputs' patterns, not a space's) */
GenSelWhy gen_selector_judge(GenSelector *s, const DtPattern *p,
                             bool present, unsigned weight, bool user);
void gen_selector_free(GenSelector *s);
/* A pattern's weight before selection (1 unless annotated). */
unsigned gen_pattern_weight(const DtPattern *p);
/* Recompute the cumulative weights after sel changed. */
void gen_rebuild_weights(GenPatterns *ps);
void gen_print_list(const GenPatterns *ps, FILE *out);
/* --list --json: the same facts as one JSON array. */
void gen_print_list_json(const GenPatterns *ps, FILE *out);
void gen_free_patterns(GenPatterns *ps);
/* arch/<family>/KIND-<arch>.list in the data directory ("default"). */
char *gen_arch_list_path(const GenArch *a, const char *kind);
/* The data directory holding arch/<family>/ (see docs/risugen.md). */
const char *gen_data_dir(void);
/*
 * Where pattern data may live, in the order gen_data_dir tries them:
 * $RISU_DT_DATADIR, the source tree above the binary, an installed
 * PREFIX/share/risu-dt, the binary's directory, "."; NULL-terminated.
 */
const char *const *gen_data_roots(void);

/* ---- words (gen/insn.c) ---- */

typedef enum GenFail {
    GEN_FAIL_NONE,
    GEN_FAIL_ROLE,          /* a register role rejected the value */
    GEN_FAIL_CONSTRAINT,
    GEN_FAIL_MEM,           /* base/index not distinct or not usable */
    GEN_FAIL_SHADOW,        /* decodes as another pattern */
    GEN_FAIL_WORD,          /* arch word_ok refused */
} GenFail;

typedef struct GenWordStats {
    uint64_t fail[6];
    const DtPattern *shadow;    /* last shadowing pattern seen */
    int failed_constraint;      /* last failing constraint; <0: reserved */
} GenWordStats;

/*
 * Draw a word for gp within `tries`; raw/dec receive argument values.
 * Returns false when every try failed (st says why).
 */
bool gen_make_word(const GenPatterns *ps, const GenTarget *t, Prng *p,
                   const GenPat *gp, int tries, uint64_t *word,
                   int64_t *raw, int64_t *dec, GenWordStats *st);
/*
 * Would gen_make_word accept w for gp (after a field was changed, e.g.
 * a branch offset solved)?  raw/dec receive the argument values.
 */
bool gen_check_word(const GenPatterns *ps, const GenTarget *t,
                    const GenPat *gp, uint64_t w, int64_t *raw,
                    int64_t *dec);
typedef enum GenWordKind {
    GEN_WORD_NORMAL,
    GEN_WORD_RESERVED,      /* fixed bits, constraints, a reserved value */
    GEN_WORD_ABSENT,        /* fixed bits and constraints */
} GenWordKind;

/*
 * An edge word of gp's encoding that no other pattern the target has
 * claims in any namespace (the inputs and the encoding space); *which
 * receives the reserved value's index (GEN_WORD_RESERVED).
 */
bool gen_make_edge_word(const GenPatterns *ps, const GenTarget *t, Prng *p,
                        const GenPat *gp, GenWordKind kind, int tries,
                        uint64_t *word, int64_t *raw, int64_t *dec,
                        int *which, GenWordStats *st);
/* One pattern, as loaded in two namespaces (same file and line)? */
bool gen_same_pattern(const DtPattern *a, const DtPattern *b);
/* w, with a field changed by the generator, still a normal word of gp? */
bool gen_word_still_ok(GenCtx *g, const GenPat *gp, uint64_t w);
/*
 * The pattern that takes w from edge generation (GenPat.claims) in
 * namespace i (or in any namespace of that width), other than self
 * (NULL: any).
 */
const DtPattern *gen_ns_claimer(const GenPatterns *ps, int i, uint64_t w,
                                const DtPattern *self);
const DtPattern *gen_space_claimer(const GenPatterns *ps, uint64_t w,
                                   int width, const DtPattern *self);
/* Does `word` decode as undefined in every namespace of this width? */
bool gen_word_undefined(const GenPatterns *ps, const GenTarget *t,
                        uint64_t word, int width);
/*
 * Can gp be generated (gen/solve.c)?  False with *msg ("FILE:LINE: KIND:
 * pattern ... cannot be generated: why", malloc'd) when its constraints
 * are proven unsatisfiable; false with *msg NULL when no word was found
 * in GEN_SOLVE_TRIES draws (st says why).  A pattern blind draws
 * rarely satisfy gets seeds (GenPat.seeds) for every later draw.
 */
enum { GEN_SOLVE_TRIES = 20000 };
bool gen_solve_pattern(const GenPatterns *ps, const GenTarget *t,
                       GenPat *gp, Prng *prng, const char *kind,
                       GenWordStats *st, char **msg);
/* Check every selected pattern can be generated; fatal (or drop). */
void gen_probe_patterns(GenPatterns *ps, const GenTarget *t,
                        const GenOpts *o);

/* ---- output (gen/emit.c) ---- */

typedef struct GenSym {
    uint64_t off;
    uint32_t pat;           /* index in GenPatterns.pats, or ~0: edge */
    uint32_t aux;           /* edge: the pattern it was derived from */
    uint8_t edge;           /* edge: GEN_EDGE_* + 1; 0: a normal insn */
} GenSym;

/* Edge-word state (gen/edge.c). */
typedef struct GenEdge {
    unsigned active;        /* requested classes that have candidates */
    GenPat **res, **abs;    /* reserved / absent candidates */
    size_t nres, nabs;
    uint64_t made[GEN_EDGE_NCLASSES], missed[GEN_EDGE_NCLASSES];
    int *flipbits;          /* scratch: fixed-bit positions */
} GenEdge;

typedef struct GenMap {
    uint64_t off;
    char kind;              /* 'a', 't', 'x' or 'd' */
} GenMap;

typedef struct GenBranchCtx GenBranchCtx;

struct GenCtx {
    GenTarget target;
    const GenOpts *opts;
    GenPatterns *ps;
    Prng prng;

    /* code stream */
    FILE *code;             /* NULL in --dry-run and --list */
    const char *code_name;  /* for messages: the output or a temp file */
    uint64_t code_limit;    /* the format's or runner's limit, 0: none */
    uint8_t *buf;
    size_t nbuf;
    uint64_t off;

    /* offset -> pattern table, streamed to a temporary file */
    FILE *table;
    uint64_t ntable;

    /* dry-run listing */
    FILE *dry;
    const char *label;      /* what the next emitted words are */

    /* ELF extras, only kept for --format elf */
    bool keep_syms;
    GenSym *syms;
    size_t nsyms, capsyms;
    GenMap *maps;
    size_t nmaps, capmaps;
    char cur_map;

    /* counters */
    uint64_t ncheckpoints, nmem, nedge;
    /* the arch's mode between test instructions (GenArch.before_insn) */
    unsigned arch_mode;

    /* " join=HEX" / " slot=HEX" for the next gen_note_insn line */
    char note_attr[32];
    GenBranchCtx *br;       /* NULL when no branch pattern is selected */

    GenEdge edge;
    struct GenPcrel *pcrel; /* literal pools (gen/pcrel.c) */
    int64_t ll_off;         /* block offset of the last load-linked */
    int ll_size;            /* its size; 0: none yet */
    uint64_t npairs;        /* LL+SC pairs (gen/llsc.c) */
    bool pair_room;         /* -n leaves room for a pair's SC */
    const GenPat **sc_cand; /* store-conditionals pairs may use */
    size_t nsc, capsc;
    bool sc_init;
};

void gen_ctx_init(GenCtx *g, const GenOpts *o, GenPatterns *ps,
                  const GenTarget *t);
/*
 * Record a test instruction at the current offset (before emitting);
 * edge: 0, or GEN_EDGE_* + 1 for an edge word derived from gp.
 */
void gen_note_insn(GenCtx *g, const GenPat *gp, const char *name, int edge);
void gen_flush(GenCtx *g);

/* ---- the sequence (gen/seq.c) ---- */

void gen_sequence(GenCtx *g);
/*
 * A test instruction with its operand set-up and clean-up; edge as for
 * gen_note_insn.  Normal words are first checked against the encoding
 * space when one is loaded.
 */
void gen_test_insn(GenCtx *g, const GenPat *gp, uint64_t w,
                   const int64_t *raw, const int64_t *dec, const char *name,
                   int edge);

/*
 * gen_test_insn in phases, for instructions that must follow each other
 * without set-up in between (gen/block.c): operand fix-ups and memory
 * set-up; the word (slot: 1 + the offset of the instruction that governs
 * it, for the metadata's slot=, or 0); memory clean-up and clean-ups.
 */
void gen_insn_setup(GenCtx *g, const GenPat *gp, uint64_t w,
                    const int64_t *raw, const int64_t *dec);
void gen_insn_emit(GenCtx *g, const GenPat *gp, uint64_t w, const char *name,
                   uint64_t slot);
void gen_insn_finish(GenCtx *g, const GenPat *gp, const int64_t *raw);

/* ---- blocks (gen/block.c) ---- */

/*
 * A pattern with a `block` directive and the members it governs;
 * returns the number of members.
 */
uint64_t gen_block_insn(GenCtx *g, const GenPat *gp, uint64_t w,
                        const int64_t *raw, const int64_t *dec,
                        const char *name);
void gen_block_free(void);

/* ---- branches (gen/branch.c) ---- */

/*
 * Check the selected branch patterns (linear targets, fatal naming the
 * directive's file:line) and gather the delay-slot pool.  Leaves g->br
 * NULL when no branch pattern is selected.
 */
void gen_branch_init(GenCtx *g);
void gen_branch_free(GenCtx *g);
static inline bool gen_is_branch(const GenPat *gp)
{
    return gp->p->annot.branch.kind != DT_BRANCH_NONE;
}
/*
 * A branch with its slot, fall-through instructions and checkpoints
 * (docs/risugen.md "Branches"); w/raw/dec as gen_make_word drew them.
 * Returns the number of test instructions emitted (at most max, except
 * that a delay or forbidden slot is always filled).
 */
uint64_t gen_branch(GenCtx *g, const GenPat *gp, uint64_t w, int64_t *raw,
                    int64_t *dec, uint64_t max);

/* Pieces of gen_test_insn, for gen/branch.c. */
void gen_emit_word(GenCtx *g, const GenPat *gp, uint64_t w, int edge);
void gen_prepare_operands(GenCtx *g, const GenPat *gp, const int64_t *raw);
void gen_clean_up(GenCtx *g, const GenPat *gp, const int64_t *raw);

/* ---- PC-relative instructions (gen/pcrel.c) ---- */

/*
 * Before a test instruction of a "#@ pcrel" load: pick or emit a literal
 * pool in its reach and return the word with the offset field solved.
 * Other words are returned unchanged.
 */
uint64_t gen_pcrel_before(GenCtx *g, const GenPat *gp, uint64_t w,
                          const int64_t *raw);
/* Right after it: the planned pool, or CODEOFF of a result= register. */
void gen_pcrel_after(GenCtx *g, const GenPat *gp, const int64_t *raw);
void gen_pcrel_stats(GenCtx *g, FILE *f);
struct JsonW;
/* The same counts as members of the open JSON object. */
void gen_pcrel_stats_json(GenCtx *g, struct JsonW *j);

/* --stats (gen/stats.c): seconds the phases took. */
typedef struct GenStatTimes {
    double setup_wall, setup_cpu, gen_wall;
} GenStatTimes;
void gen_print_stats(GenCtx *g, const GenStatTimes *st, FILE *f);

/*
 * After a load-linked test instruction (gen/llsc.c): on average every
 * second time, a store-conditional on the same address, no trap between.
 */
void gen_llsc_pair(GenCtx *g, const GenPat *gp, uint64_t w,
                   const int64_t *raw);
void gen_llsc_free(GenCtx *g);
void gen_pcrel_free(GenCtx *g);

/* ---- edge words (gen/edge.c) ---- */

/* Candidates for the requested classes; fatal when there are none. */
void gen_edge_init(GenCtx *g);
void gen_edge_free(GenCtx *g);
/*
 * After the test instruction w of gp: on average every --edge N-th
 * time, an edge word (a checkpoint first when one is due: *since).
 */
void gen_edge_after(GenCtx *g, const GenPat *gp, uint64_t w,
                    uint64_t *since);
/*
 * A normal word must not decode in the encoding space as an allocated
 * `never` pattern or as another pattern: internal error (exit 1).
 */
void gen_self_check(const GenPatterns *ps, const GenPat *gp, uint64_t w);
/* Refuse (file:line) mem annotations the memory block cannot hold. */
void gen_check_mem_sizes(const GenPatterns *ps, const GenOpts *o);

/* ---- images (gen/image.c, gen/elfout.c) ---- */

/* Write the metadata blob (header + streamed table) to f. */
void gen_write_meta(GenCtx *g, FILE *f, uint64_t *len, const char *name);
void gen_finish_raw(GenCtx *g, FILE *out);
/* direct: outfd may not be seekable (device, pipe, stdout). */
void gen_finish_elf(GenCtx *g, FILE *code, int outfd, bool direct);

/* ---- the output file (gen/output.c) ---- */

/*
 * Open OUT: a regular file through a temporary file renamed at commit,
 * a device, pipe or "-" directly (*direct); fatal for anything else.
 * Removes the temporary file on an error exit and on SIGINT, SIGTERM and
 * SIGHUP.
 */
int gen_output_open(const char *out, bool *direct);
void gen_output_commit(const char *out);
/*
 * Refuse -n values whose image cannot fit the format, a runner or the
 * free disk space, before anything is generated.  Returns the limit on
 * the code length to enforce while generating.
 */
uint64_t gen_output_check_size(const GenPatterns *ps, const GenTarget *t,
                               const GenOpts *o, bool direct);

/* ---- --verify (gen/verify.c) ---- */

typedef struct GenVerify GenVerify;
/* The register number argument argidx holds (GenArch.reg_number). */
int64_t gen_arg_reg(const GenTarget *t, const GenPat *gp, int argidx,
                    const int64_t *raw);

GenVerify *gen_verify_new(const GenTarget *t, GenPatterns *ps,
                          bool objdump_only);
void gen_verify_word(GenVerify *v, const GenPat *gp, uint64_t word,
                     int width);
/* Print the report; returns the number of problem words. */
uint64_t gen_verify_finish(GenVerify *v, FILE *out);

extern GenVerify *gen_verifier;

#endif
