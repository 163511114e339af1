/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Linaro RISU pattern files (*.risu) as input: translate them into
 * decodetree text with risu-dt `#@` annotations (docs/annotations.md),
 * which the generator feeds to dt_set_add_text like any .decode file.
 *
 * What is read (RISU's risugen syntax):
 *   .mode MODE or .mode ARCH.MODE   (a mode the caller does not describe
 *                               is passed through with no implicit rules)
 *   @group[,group...]           tags for the following patterns
 *   NAME ENC FIELD... [BLOCKS]  one pattern; '\' continues a line;
 *                               '#' starts a comment
 *   FIELD:  a bit string ("0110", or with 'x' don't-care bits), "name"
 *           (one bit) or "name:width"
 *   BLOCKS: "!constraints { perl; }", "!memory { perl; }", and the
 *           older bare "{ perl; }" (a constraint)
 *
 * How it maps (docs/arm-patterns.md, "RISU files"):
 *   - the pattern is named NAME_ENC; all patterns of a file sit in one
 *     decodetree group, most specific (most fixed bits) first, because
 *     RISU files overlap freely and rely on constraints to separate;
 *   - RISU's implicit rules for a mode (register fields, forced
 *     condition, which widths a pattern may have, the default memory
 *     alignment) are not known here: the caller passes them as
 *     DtRisuMode data (the architecture registry, arch/<family>/host.c),
 *     and field rules become annotations;
 *   - !constraints: a Perl boolean expression over $fields (comparisons,
 *     && || ! and/or/not, arithmetic, shifts, bit operations, ?:,
 *     decimal/hex/binary/octal literals) becomes "constraint EXPR";
 *   - !memory: align(N), reg($b), reg_plus_imm($b, E), reg_minus_imm,
 *     reg_plus_reg($b, $i), reg_plus_reg_shifted($b, $i, E) (extra
 *     "trashed" arguments are ignored) become a mem directive with a
 *     512-byte window centred on the address (RISU keeps 256 bytes of
 *     margin either side) and the mode's default alignment unless
 *     align() says otherwise;
 *   - anything else (Perl statements, string operators, function calls,
 *     "**", unknown $names) is reported as "file:line: error: ..." and
 *     the pattern is marked "never" with the reason, so the rest of the
 *     file stays usable.
 */
#ifndef RISU_DECODE_RISUFILE_H
#define RISU_DECODE_RISUFILE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * One implicit rule of a mode: every field whose name is `name` (or,
 * with prefix, starts with it) and whose width is in [min_width,
 * max_width] gets the annotation annot, each '$' in it replaced by the
 * field's name ("reg gpr $"); or, with fixed, always holds value: the
 * field becomes fixed bits (no draw can miss it) and $name in blocks
 * reads the value.
 */
typedef struct DtRisuFieldRule {
    const char *name;
    bool prefix;
    int min_width, max_width;
    const char *annot;
    bool fixed;
    long long value;
} DtRisuFieldRule;

/* What a RISU .mode implies; the facts of one instruction set. */
typedef struct DtRisuMode {
    const char *name;       /* the .mode word (after any "arch.") */
    bool is_default;        /* a file without .mode is in this mode */
    bool has16;             /* 16-bit patterns besides 32-bit ones */
    int mem_align;          /* !memory alignment unless align() says */
    const DtRisuFieldRule *rules;   /* NULL name ends; NULL: none */
} DtRisuMode;

typedef struct RisuTranslation {
    char *mode;         /* the .mode value (the default mode's when none
                         * is given, "" when no mode is the default) */
    char *text32;       /* decodetree text, 32-bit patterns (may be "") */
    char *text16;       /* 16-bit patterns (--insnwidth 16), or "" */
    char *errors;       /* "file:line: error: msg\n" lines, or NULL */
    int npatterns;      /* patterns translated (both widths) */
    int nnever;         /* of which marked never (untranslatable parts) */
    int nerrors;        /* lines in errors */
    int nsyntax;        /* of which the file is malformed (an unclosed
                         * block, a bad field), not just untranslatable */
} RisuTranslation;

/*
 * Translate one RISU file.  path names it in diagnostics and in the
 * generated text; text/len are its contents; modes (NULL-terminated,
 * may be NULL) describe the modes a .mode line may name.  Fills *out
 * (free with risu_translation_free) and returns the number of errors:
 * 0 when every pattern was translated.  A file that cannot be read as
 * RISU at all (no pattern, a bad field) still returns its errors;
 * out->text* are then whatever could be produced.
 */
int risu_translate(const char *path, const char *text, size_t len,
                   const DtRisuMode *const *modes, RisuTranslation *out);
void risu_translation_free(RisuTranslation *t);

/* True if path ends in ".risu". */
int risu_file_is_risu(const char *path);

#endif
