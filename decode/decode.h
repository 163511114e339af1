/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risu-dt decode library: decodetree pattern files, our generator
 * annotations, and a decoder that classifies words exactly as QEMU's
 * decodetree.py-generated decoders do.
 *
 * A DtSet is one decodetree namespace (the files of one decodetree.py
 * invocation).  Build it with dt_set_new, dt_set_add_file (any number),
 * dt_set_add_overlay (any number), then dt_set_finish, which runs every
 * semantic check, binds annotations and builds the decision tree.
 * Diagnostics accumulate in the set as "file:line: error: message".
 */
#ifndef RISU_DECODE_H
#define RISU_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct DtSet DtSet;
typedef struct DtField DtField;
typedef struct DtExpr DtExpr;
typedef struct DtPattern DtPattern;

typedef struct DtOptions {
    int insnwidth;        /* 16, 32 or 64; 0 means 32 */
    int varinsnwidth;     /* 0, or N for --varinsnwidth N */
    /*
     * decodetree.py's --decode/--static-decode NAME (default "decode"):
     * inferred argument sets and formats are named after it, which can
     * collide with names in the file.  Added after the first draft.
     */
    const char *decode_name;
} DtOptions;

/* ---- fields ------------------------------------------------------ */

typedef enum DtSegKind {
    DT_SEG_BITS,          /* pos:len or pos:slen taken from the insn */
    DT_SEG_NAMED,         /* name:len taken from another argument */
} DtSegKind;

typedef struct DtSeg {
    DtSegKind kind;
    int pos;              /* DT_SEG_BITS: lsb position */
    int len;
    bool sign;
    const char *name;     /* DT_SEG_NAMED: referenced argument */
} DtSeg;

struct DtField {
    const char *name;     /* "%name" without '%', or the inline name */
    const char *file;
    int line;
    int nsegs;            /* 0 for a parameter field (function only) */
    DtSeg *segs;          /* most significant segment first */
    const char *func;     /* !function=NAME, or NULL */
};

/*
 * Extract the raw value (segments concatenated, sign-extended if the
 * first segment is signed).  Named segments read `args` (raw values of
 * the pattern's arguments, indexed as DtPattern.args) and may be NULL
 * when the field has none.
 */
int64_t dt_field_extract(const DtField *f, uint64_t insn,
                         const int64_t *args, const DtPattern *p);
/* True when every segment is DT_SEG_BITS, so the value can be inserted. */
bool dt_field_insertable(const DtField *f);
/* Total width in bits of the insn-bit segments. */
int dt_field_width(const DtField *f);
/* Inverse of extract for insertable fields: returns insn with raw set. */
uint64_t dt_field_insert(const DtField *f, uint64_t insn, int64_t raw);
/*
 * Apply the field's !function.  Returns false if the function is unknown
 * to the library (then *out = raw).  Known: times_N, plus_N, minus_N,
 * shl_N, rsub_N, ex_shift_N, ex_plus_1 and the pure ARM/MIPS expanders
 * QEMU uses; docs/annotations.md has the full list.
 */
bool dt_func_apply(const char *func, int64_t raw, int64_t *out);
/*
 * Inverse of dt_func_apply for the linear expanders (times_N, plus_N,
 * minus_N, rsub_N, xor_N, shl_N, ex_shift_N, times_N_plus_M, negate,
 * ex_plus_1, ex_rvc_register, scale_by_log2_tag_granule) and
 * t32_branch24: the raw value (before field width truncation) the
 * function maps to dec.  False when the function is not one of those
 * or no raw value yields dec.
 */
bool dt_func_invert(const char *func, int64_t dec, int64_t *raw);

/* ---- annotations ------------------------------------------------- */

typedef struct DtRegRole {
    const char *cls;      /* "gpr", "fpr", "vec", "dreg", ... (arch defines) */
    const char *field;    /* argument name */
    int argidx;           /* index into DtPattern.args, bound at finish;
                             -1 for an optional role ("FIELD?") whose
                             field the pattern lacks */
    bool optional;        /* written "FIELD?": skipped if absent */
    const char *file;     /* where the directive was written */
    int line;
} DtRegRole;

typedef struct DtMem {
    bool present;
    const char *base;     /* argument naming the base register */
    const char *index;    /* argument naming the index register, or NULL */
    DtExpr *offset;       /* byte offset expression over fields, or NULL */
    DtExpr *scale;        /* multiplier applied to the index reg, or NULL */
    int size;             /* bytes accessed */
    int align;            /* required alignment in bytes (>= 1) */
    bool post;            /* post-indexed: address = base */
    bool writeback;       /* base register is updated */
    int baseidx, indexidx;/* bound at finish, -1 if absent */
    const char *file;     /* where the mem directive was written */
    int line;
} DtMem;

/*
 * "#@ branch": the pattern transfers control (docs/annotations.md).
 * The generator picks a forward target inside the image and solves the
 * offset field for it (rel/abs), or loads the target into the register
 * (reg).  See gen/branch.c.
 */
typedef enum DtBranchKind {
    DT_BRANCH_NONE,
    DT_BRANCH_REL,        /* target = branch address + expr(args) */
    DT_BRANCH_ABS,        /* target = image start + expr(args) (regions) */
    DT_BRANCH_REG,        /* target = reg + expr(args) or + 0 */
} DtBranchKind;

typedef struct DtBranch {
    DtBranchKind kind;
    DtExpr *target;       /* byte offset expression, or NULL (reg) */
    const char *field;    /* argument solved for the target (rel, abs) */
    const char *reg;      /* argument naming the target register (reg) */
    const char *link;     /* argument naming the link register, or NULL */
    int linkreg;          /* fixed link register number, or -1 */
    int slot;             /* delay-slot instructions (MIPS: 1) */
    int slotwidth;        /* the slot's width in bits (slot=W), 0: any */
    bool likely;          /* the slot is nullified when not taken */
    bool forbidden;       /* R6 compact: next insn must not be a CTI */
    bool cond;            /* may fall through */
    int fieldidx, regidx, linkidx;  /* bound at finish, -1 if absent */
    const char *file;
    int line;
} DtBranch;

/*
 * "#@ block count=EXPR [exclude=TAG]": the next count(args) instructions
 * form a block with no trap inside (Thumb IT).  Members come from the
 * pool minus branches, traps and patterns tagged noslot or TAG.
 */
typedef struct DtBlock {
    bool present;
    DtExpr *count;
    const char *exclude;
    const char *file;
    int line;
} DtBlock;

/*
 * "#@ pcrel": the pattern reads PC-relative memory (target= field=
 * size=: the generator solves field so the access lands in a literal
 * pool) or writes a code address into a register (result=: compared as
 * an image offset after OPTRAP CODEOFF).  See docs/annotations.md and
 * gen/pcrel.c.
 */
typedef struct DtPcrel {
    bool present;
    DtExpr *target;       /* byte offset from the aligned insn address */
    const char *field;    /* argument solved for the target (loads) */
    const char *result;   /* argument naming the address register */
    int size;             /* bytes read (loads), 0 for result= */
    int align;            /* alignment the access needs (>= 1) */
    int pcalign;          /* the insn address is rounded down to this */
    int fieldidx, resultidx;        /* bound at finish, -1 if absent */
    const char *file;
    int line;
} DtPcrel;

typedef struct DtAnnot {
    DtRegRole *roles;
    int nroles;
    DtExpr **constraints; /* all must be non-zero */
    int nconstraints;
    DtExpr **reserved;    /* any non-zero: the manual says UNDEFINED */
    int nreserved;
    DtMem mem;
    DtBranch branch;
    DtBlock block;
    DtPcrel pcrel;
    const char **tags;
    int ntags;
    const char **requires;/* target features needed, e.g. "msa" */
    int nrequires;
    unsigned weight;      /* default 1 (set by dt_annot_take/bind) */
    bool has_weight;      /* a weight directive was given */
    bool never;           /* never generate (UNPREDICTABLE, privileged) */
    const char *never_reason;
    uint64_t dontcare;    /* value for '-' bits (masked), default 0 */
    bool has_dontcare;
} DtAnnot;

/* ---- patterns ---------------------------------------------------- */

typedef enum DtArgKind {
    DT_ARG_FIELD,         /* value from a field (inline, %ref or format) */
    DT_ARG_CONST,         /* name=N */
} DtArgKind;

typedef struct DtArg {
    const char *name;
    DtArgKind kind;
    const DtField *field; /* DT_ARG_FIELD */
    int64_t value;        /* DT_ARG_CONST */
} DtArg;

struct DtPattern {
    const char *name;     /* the trans_ name; repeated names allowed */
    const char *file;
    int line;
    int index;            /* position in the set, 0-based */
    int width;            /* bits of this pattern */
    uint64_t fixedmask, fixedbits;
    uint64_t dontcaremask;/* the '-' bits */
    const char *argset;   /* argument set name (may be generated) */
    int nargs;
    DtArg *args;
    DtAnnot annot;
};

/* ---- sets -------------------------------------------------------- */

DtSet *dt_set_new(const DtOptions *opts);
void dt_set_free(DtSet *s);
/* Parse a decodetree file.  Returns number of errors so far (0 = ok). */
int dt_set_add_file(DtSet *s, const char *path);
int dt_set_add_text(DtSet *s, const char *name, const char *text, size_t len);
/* Overlay: annotations applied to patterns by name (see docs). */
int dt_set_add_overlay(DtSet *s, const char *path);
int dt_set_add_overlay_text(DtSet *s, const char *name, const char *text,
                            size_t len);
/*
 * DT_OVERLAY_PARTIAL: the overlay serves several sets (one per
 * namespace, as risugen loads them), so a line matching no pattern of
 * this set is skipped instead of being an error.  The caller then asks
 * dt_set_overlay_matched after dt_set_finish and reports the lines that
 * matched in no set.
 */
enum { DT_OVERLAY_PARTIAL = 1 };
int dt_set_add_overlay_text_flags(DtSet *s, const char *name,
                                  const char *text, size_t len,
                                  unsigned flags);
/*
 * Did line `line` (dt_overlay_parse order) of the overlay added
 * `overlay`-th match a pattern of s?  False before dt_set_finish.
 */
bool dt_set_overlay_matched(const DtSet *s, size_t overlay, size_t line);
/* Semantic checks, binding, decoder construction.  Returns error count. */
int dt_set_finish(DtSet *s);

size_t dt_set_npatterns(const DtSet *s);
const DtPattern *dt_set_pattern(const DtSet *s, size_t i);
int dt_set_insnwidth(const DtSet *s);
/*
 * True for --varinsnwidth: shorter patterns are then left-aligned in
 * insnwidth bits (their low bits are '-'), and dt_decode expects words
 * in that form, as the generated decoder sees them after loading.
 */
bool dt_set_varwidth(const DtSet *s);

/* Diagnostics, each "file:line: error: msg" (no trailing newline). */
size_t dt_set_nerrors(const DtSet *s);
const char *dt_set_error(const DtSet *s, size_t i);
void dt_set_print_errors(const DtSet *s, FILE *out);

/*
 * Decode: the pattern the generated decoder would dispatch to, or NULL
 * for undefined.  If args is non-NULL it receives the raw argument
 * values (DtPattern.nargs entries; DT_MAX_ARGS is a safe size).
 * Bits above the instruction width are ignored; NULL until a
 * successful dt_set_finish.  See docs/decode-library.md.
 */
#define DT_MAX_ARGS 64
const DtPattern *dt_decode(const DtSet *s, uint64_t insn, int64_t *args);
/*
 * Does insn carry pattern p's fixed bits (p from s)?  If so, and args is
 * non-NULL, args receives p's raw argument values as dt_decode gives
 * them, whichever pattern dt_decode would choose: files whose patterns
 * overlap by design (RISU's) accept a word by its own pattern alone.
 */
bool dt_pattern_match(const DtSet *s, const DtPattern *p, uint64_t insn,
                      int64_t *args);

/* ---- constraint expressions -------------------------------------- */

/*
 * Parse an expression; on error returns NULL and writes a diagnostic
 * "file:line: error: msg" to err (size errlen).
 */
DtExpr *dt_expr_parse(const char *text, const char *file, int line,
                      char *err, size_t errlen);
void dt_expr_free(DtExpr *e);
/*
 * Resolve identifiers against a pattern's argument names.  Returns 0, or
 * -1 with a diagnostic naming the unknown identifier.
 */
int dt_expr_bind(DtExpr *e, const DtPattern *p, char *err, size_t errlen);
/*
 * Evaluate with raw argument values (and their decoded values, for
 * dec(name)).  Division or modulo by zero, or a shift out of range, sets
 * *fault and yields 0; a constraint that faults counts as false.
 * *fault is written on every call (false on success); it may be NULL.
 * dec may be NULL: decoded values are then computed from raw.
 */
int64_t dt_expr_eval(const DtExpr *e, const int64_t *raw,
                     const int64_t *dec, bool *fault);
/* Evaluate an expression that names no fields (tests, overlays). */
int64_t dt_expr_eval_const(const DtExpr *e, bool *fault);

#endif
