/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * risu-dt decode library internals shared by the parser, the checks and
 * the decoder.  Not part of the public interface (decode.h).
 *
 * The model follows decodetree.py closely on purpose: which file is
 * accepted depends on details such as the order in which argument sets
 * and formats are inferred, so the same objects exist here.
 */
#ifndef RISU_DECODE_INTERNAL_H
#define RISU_DECODE_INTERNAL_H

#include "decode/decode.h"
#include "decode/annot.h"

/* Beyond these the input is refused rather than risk deep recursion. */
#define DT_MAX_NESTING   64
#define DT_MAX_ERRORS    100
#define DT_MAX_NAME_LEN  4096

/* ---- arena: everything a set owns lives here until dt_set_free ---- */

typedef struct DtArena DtArena;
DtArena *dt_arena_new(void);
void dt_arena_free(DtArena *a);
void *dt_arena_alloc(DtArena *a, size_t n);          /* zeroed */
char *dt_arena_strndup(DtArena *a, const char *s, size_t n);
char *dt_arena_strdup(DtArena *a, const char *s);

/* ---- insertion-ordered string map; put replaces in place ---------- */

typedef struct DtMap {
    const char **keys;
    void **vals;
    size_t n, cap;
    size_t *hash;         /* open addressing over indices, size hcap */
    size_t hcap;
} DtMap;

void dt_map_free(DtMap *m);
/* Index of key, or -1. */
long dt_map_find(const DtMap *m, const char *key, size_t len);
void *dt_map_get(const DtMap *m, const char *key, size_t len, bool *found);
/* key must outlive the map (arena string). */
void dt_map_put(DtMap *m, const char *key, void *val);

/*
 * Hash index from a 64-bit key to values kept in insertion-position
 * order, so "the first X with property P" searches need not scan
 * everything.
 */
typedef struct DtIndexEnt {
    size_t pos;
    void *val;
} DtIndexEnt;

typedef struct DtIndexBucket {
    uint64_t key;
    bool used;
    DtIndexEnt *v;
    size_t n, cap;
} DtIndexBucket;

typedef struct DtIndex {
    DtIndexBucket *b;
    size_t n, cap;
} DtIndex;

void dt_index_add(DtIndex *ix, uint64_t key, size_t pos, void *val);
const DtIndexEnt *dt_index_get(const DtIndex *ix, uint64_t key, size_t *n);
void dt_index_free(DtIndex *ix);
uint64_t dt_hash_str(const char *s);

/* Generic growable array helper: ensures room for one more element. */
void dt_grow(void **p, size_t *cap, size_t n, size_t elsize);

/* ---- the decodetree object model ---------------------------------- */

typedef struct DtArgSet {
    const char *name;
    int n;
    const char **members;
    const char **types;
    bool is_extern;
    bool all_int;         /* only these take part in inference */
    bool replaced;        /* its name was taken over by an inferred set */
} DtArgSet;

/* One entry of a format's or pattern's field dictionary. */
typedef struct DtFld {
    const char *name;
    const DtField *field; /* NULL for a constant */
    int64_t value;
} DtFld;

/* What decodetree.py calls General: a format or a pattern. */
typedef struct DtGen {
    const char *name;
    const char *file;
    int line;
    DtArgSet *arg;
    struct DtGen *fmt;    /* patterns: the (maybe inferred) format */
    uint64_t fixedbits, fixedmask, undefmask, fieldmask;
    int width;
    bool inferred;        /* a format decodetree.py made up */
    bool replaced;        /* its name was taken over by an inferred one */
    int nflds;
    DtFld *flds;
} DtGen;

typedef struct DtPatX {
    DtPattern pub;        /* first: DtPattern * casts to DtPatX * */
    DtGen g;
    int *order;           /* argument evaluation order (named refs) */
    bool has_named;
    bool bad;             /* failed a finish check */
} DtPatX;

typedef enum DtNodeKind { DT_N_PAT, DT_N_INC, DT_N_EXC } DtNodeKind;

/* The { } / [ ] structure as written. */
typedef struct DtNode {
    DtNodeKind kind;
    const char *file;
    int line;
    uint64_t fixedbits, fixedmask, undefmask;
    bool nobits;          /* empty group: decodetree's fixedbits None */
    int width;
    DtPatX *pat;
    struct DtNode **kids;
    size_t nkids, cap;
    struct DtDNode *dtree;/* DT_N_EXC: its decision tree */
} DtNode;

/* Decision tree used by dt_decode. */
typedef enum DtDKind { DT_D_SWITCH, DT_D_PAT, DT_D_INC, DT_D_NONE } DtDKind;

typedef struct DtDNode {
    DtDKind kind;
    uint64_t mask;        /* SWITCH: bits examined; INC/PAT: to verify */
    uint64_t bits;
    int shift, dense;     /* SWITCH: dense table over (w >> shift) */
    size_t n;
    uint64_t *keys;       /* SWITCH (sparse): sorted */
    struct DtDNode **kids;/* SWITCH / INC children */
    const DtPattern *pat; /* PAT */
} DtDNode;

typedef struct DtOverlayFile {
    DtOverlayLine *lines;
    size_t n;
    unsigned flags;       /* DT_OVERLAY_* */
    bool *matched;        /* per line, filled in by dt_set_finish */
} DtOverlayFile;

struct DtSet {
    int insnwidth;
    bool varwidth;
    uint64_t insnmask;
    const char *decode_name;
    DtArena *arena;

    char **errors;
    size_t nerrors, caperrors;
    bool too_many;
    bool parse_failed;
    bool finished;

    DtMap fields;         /* name -> DtField * (NULL: failed definition) */
    DtMap argsets;        /* name -> DtArgSet * */
    DtMap formats;        /* name -> DtGen * */
    DtIndex argidx;       /* member-name set -> inferable argument sets */
    DtIndex fmtidx;       /* field mask, width, names -> formats */
    DtPatX **pats;
    size_t npats, cappats;
    DtNode *root;         /* the top-level [ ]-like group */

    DtOverlayFile *overlays;
    size_t noverlays, capoverlays;

    DtDNode *decoder;
};

/* Diagnostics: "file:line: error: msg" (line 0 omits the line). */
void dt_error(DtSet *s, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void dt_error_raw(DtSet *s, const char *msg);

/* parse.c */
void dt_parse_text(DtSet *s, const char *file, const char *text, size_t len);

/* check.c: decodetree.py's post-parse checks; returns false on error. */
bool dt_check_structure(DtSet *s);

/* tree.c */
DtDNode *dt_build_exc(DtSet *s, DtNode *group, bool *ok);
bool dt_build_decoder(DtSet *s);

/* field.c */
int dt_field_class(const DtField *f);
uint64_t dt_field_mask(const DtField *f);
bool dt_field_sign(const DtField *f);
/* Python's == on two field objects; *crash when decodetree.py raises. */
bool dt_field_pyeq(const DtField *a, const DtField *b, bool *crash);

static inline uint64_t dt_len_mask(int len)
{
    return len >= 64 ? ~0ULL : ((1ULL << len) - 1);
}

/* Bits pos..pos+len-1; a zero-length field at pos 64 is legal. */
static inline uint64_t dt_seg_mask(int pos, int len)
{
    return pos >= 64 ? 0 : dt_len_mask(len) << pos;
}

#endif
