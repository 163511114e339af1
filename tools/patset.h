/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The pattern files an image was generated from, loaded on the host so
 * that any instruction word can be explained (pattern name, field
 * values, tags) and coverage can list what the selection held.
 *
 * The image metadata names the files by base name with their SHA-256 and
 * records risugen's canonical options (namespaces in order, --insnwidth,
 * --overlay, --pattern, --group ...), which risugen's own parser reads
 * and risugen's loader (gen/patload.h) loads.  Files are found by that
 * SHA-256, never by name alone, in --patterns directories, the image's
 * directory, $RISU_DT_DATADIR/arch/<a>/, risugen's data dir, the tree the
 * tool was built in (<exe>/../arch/<a>/) and ./arch/<a>/: the named file
 * if its digest matches, else any file there with that digest (renamed).
 * A same-named file with another digest is never used: a warning names
 * it, its digest and the expected one, and the image's own table names
 * the patterns.
 */
#ifndef TOOLS_PATSET_H
#define TOOLS_PATSET_H

#include <stdbool.h>
#include <stdint.h>
#include "decode/decode.h"
#include "gen/gen.h"
#include "tools/timage.h"

typedef struct PsNs {
    DtSet *set;
    int width;
    char *label;
    /* overlay tags per pattern index (overlays can add tags) */
} PsNs;

typedef struct PatSet {
    PsNs *ns;
    int nns;
    GenOpts opts;         /* risugen's, parsed from the image's options= */
    char **features;
    int nfeatures;
    int nmismatch;        /* same-named files refused: another digest */
    GenSelector *sel;     /* risugen's selection rule for opts */
    bool loaded;          /* every namespace loaded */
} PatSet;

/*
 * Load the image's pattern files.  Problems are warnings (the caller
 * still has the image's own offset -> name table); returns true when
 * every namespace loaded.
 */
bool ps_load(PatSet *ps, const TImage *img, char *const *dirs, int ndirs);
void ps_free(PatSet *ps);

typedef struct PsHit {
    const DtPattern *p;
    int ns;
    bool available;       /* the pattern's `requires` are in the features */
    int64_t args[DT_MAX_ARGS];
} PsHit;

/*
 * Decode a recorded instruction value (size 2 or 4 bytes) the way the
 * generator's check does: namespaces of that width in order, the first
 * that claims it with a pattern the target has.  `want` (the image
 * table's name, may be NULL) is preferred when several namespaces decode
 * the word.  Returns false when no namespace decodes it.
 */
bool ps_decode(const PatSet *ps, uint32_t insn, int size, const char *want,
               PsHit *hit);
/* "rd=2 rs=4 imm=-8 (=-32)" — decoded value in parentheses if different. */
void ps_fields_text(const PsHit *hit, char *out, size_t outlen);
bool ps_feature(const PatSet *ps, const char *name);
/* Is the pattern in the image's selection (gen/select.c's rule)? */
bool ps_selected(const PatSet *ps, const DtPattern *p);
bool ps_has_tag(const DtPattern *p, const char *tag);
/* Find a pattern by name in any namespace (first match). */
const DtPattern *ps_find(const PatSet *ps, const char *name);

/* Lane layout of a vector instruction's data, from its df/size fields. */
typedef struct LaneFmt {
    int bits;             /* 8, 16, 32, 64; 0 = not known */
    bool fp;              /* lanes are IEEE floats (32 or 64 bits) */
} LaneFmt;
LaneFmt ps_lane_format(const PsHit *hit);
/* Does the pattern operate on vector registers (MSA, Neon, AdvSIMD)? */
bool ps_is_vector(const DtPattern *p);

/* Register operands from the `reg` roles: class and number. */
typedef struct PsReg {
    const char *cls;
    int num;
} PsReg;
int ps_reg_operands(const PsHit *hit, PsReg *out, int max);

#endif
