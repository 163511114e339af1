/*
 * Linaro RISU pattern files (*.risu) as input: translate them into
 * decodetree text with risu-dt `#@` annotations (docs/annotations.md),
 * which the generator feeds to dt_set_add_text like any .decode file.
 *
 * What is read (RISU's risugen syntax):
 *   .mode arm|thumb|aarch64     (other modes are passed through)
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
 *   - RISU's implicit rules become annotations: in arm/thumb mode a
 *     field whose name starts with 'r' is never 13 or 15 (3- and 4-bit
 *     ones get "reg gpr"), and "cond" is forced to AL (RISU's default
 *     --condprob 0); in aarch64 mode 5-bit r* fields get "reg gprzr";
 *   - !constraints: a Perl boolean expression over $fields (comparisons,
 *     && || ! and/or/not, arithmetic, shifts, bit operations, ?:,
 *     decimal/hex/binary/octal literals) becomes "constraint EXPR";
 *   - !memory: align(N), reg($b), reg_plus_imm($b, E), reg_minus_imm,
 *     reg_plus_reg($b, $i), reg_plus_reg_shifted($b, $i, E) (extra
 *     "trashed" arguments are ignored) become a mem directive with a
 *     512-byte window centred on the address (RISU keeps 256 bytes of
 *     margin either side) and RISU's default alignment (4 for arm/thumb,
 *     16 for aarch64) unless align() says otherwise;
 *   - anything else (Perl statements, string operators, function calls,
 *     "**", unknown $names) is reported as "file:line: error: ..." and
 *     the pattern is marked "never" with the reason, so the rest of the
 *     file stays usable.
 */
#ifndef RISU_DECODE_RISUFILE_H
#define RISU_DECODE_RISUFILE_H

#include <stddef.h>

typedef struct RisuTranslation {
    char *mode;         /* the .mode value ("arm" when none is given) */
    char *text32;       /* decodetree text, 32-bit patterns (may be "") */
    char *text16;       /* 16-bit Thumb patterns (--insnwidth 16), or "" */
    char *errors;       /* "file:line: error: msg\n" lines, or NULL */
    int npatterns;      /* patterns translated (both widths) */
    int nnever;         /* of which marked never (untranslatable parts) */
    int nerrors;        /* lines in errors */
    int nsyntax;        /* of which the file is malformed (an unclosed
                         * block, a bad field), not just untranslatable */
} RisuTranslation;

/*
 * Translate one RISU file.  path names it in diagnostics and in the
 * generated text; text/len are its contents.  Fills *out (free with
 * risu_translation_free) and returns the number of errors: 0 when every
 * pattern was translated.  A file that cannot be read as RISU at all
 * (no pattern, a bad field) still returns its errors; out->text* are
 * then whatever could be produced.
 */
int risu_translate(const char *path, const char *text, size_t len,
                   RisuTranslation *out);
void risu_translation_free(RisuTranslation *t);

/*
 * The single-text form: decodetree text for the 32-bit patterns (for a
 * thumb file the 16-bit ones are appended as a comment naming the count;
 * use risu_translate to get them), and the error lines (NULL if none).
 * Both are malloc'd; returns the number of errors.
 */
int risu_file_translate(const char *path, const char *text, size_t len,
                        char **decode_text, char **errors);

/* True if path ends in ".risu". */
int risu_file_is_risu(const char *path);

#endif
