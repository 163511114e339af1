#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Assemble tests/arch/mips/vectors/NAME.s with GNU as and check that every word
# decodes (risu-decode arch/mips/NAME.decode) as the pattern named in the
# line's comment: binutils is the independent oracle for the encodings.
# A vector file with "# mips16: FILE16 FILE32" holds MIPS16e code: objdump
# reads it with -m mips:16, a 16-bit instruction decodes with
# --insnwidth 16 FILE16, an EXTENDed one (two halfwords) with FILE32.
#
# NAME.txt files hold hand-encoded words for encodings no disassembler
# knows: "WORD PATTERN FIELD=VALUE..." lines, decoded with the file named
# by a "# decode: FILE" line; name and every field value must match (in
# any order), so a field at the wrong bits fails.
#
# usage: tests/arch/mips/check-vectors.sh [VECTOR.s|VECTOR.txt...]
#        (default: all)
# Environment: BUILD (default build), MIPS_AS, MIPS_OBJDUMP.  Exits 0 with
# a "skipped" message when the cross binutils are missing.
set -eu

BUILD=${BUILD:-build}
AS=${MIPS_AS:-mips64el-linux-gnuabi64-as}
OBJDUMP=${MIPS_OBJDUMP:-mips64el-linux-gnuabi64-objdump}
DIR=$(dirname "$0")

if ! command -v "$AS" >/dev/null 2>&1 ||
   ! command -v "$OBJDUMP" >/dev/null 2>&1; then
    echo "check-vectors: $AS or $OBJDUMP not found: skipped"
    exit 0
fi
[ $# -gt 0 ] || set -- "$DIR"/vectors/*.s "$DIR"/vectors/*.txt

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

# objdump's "   1c:<TAB>7c41fcf8 <TAB>..." lines: the word.
WORD32='s/^ *[0-9a-f]*:[[:space:]]*\([0-9a-f]\{8\}\)[[:space:]].*/\1/p'

# Pattern names of 16-bit (4 hex digits) and 32-bit words, in input order.
decode_mixed() {
    awk '{ print NR, $1 }' >"$TMP/num"
    awk 'length($2) == 4 { print $2 }' "$TMP/num" >"$TMP/w16"
    awk 'length($2) == 8 { print $2 }' "$TMP/num" >"$TMP/w32"
    "$BUILD/risu-decode" --insnwidth 16 "$1" -- - <"$TMP/w16" |
        awk '{ print $2 }' >"$TMP/n16"
    "$BUILD/risu-decode" --insnwidth 32 "$2" -- - <"$TMP/w32" |
        awk '{ print $2 }' >"$TMP/n32"
    awk -v a="$TMP/n16" -v b="$TMP/n32" '{
        if (length($2) == 4) { getline n < a } else { getline n < b }
        print n
    }' "$TMP/num"
}

# "0xWORD NAME b=1 a=2" -> "0xword NAME a=2 b=1": fields in a fixed order.
canon() {
    awk '{ printf "%s %s", tolower($1), $2; n = 0
           for (i = 3; i <= NF; i++) f[++n] = $i
           for (i = 2; i <= n; i++)
               for (j = i; j > 1 && f[j-1] > f[j]; j--) {
                   t = f[j]; f[j] = f[j-1]; f[j-1] = t }
           for (i = 1; i <= n; i++) printf " %s", f[i]
           printf "\n"; delete f }'
}

check_hand() {
    dec=arch/mips/$(sed -n 's/^# decode: //p' "$1")
    grep -v '^#' "$1" | grep . | canon >"$TMP/want"
    awk '{ print $1 }' "$TMP/want" |
        "$BUILD/risu-decode" "$dec" -- - | canon >"$TMP/got"
    n=$(wc -l <"$TMP/want")
    if ! diff "$TMP/want" "$TMP/got" >"$TMP/diff"; then
        echo "$1: hand-encoded words decode differently (- want, + got):"
        grep '^[<>]' "$TMP/diff"; return 1
    fi
    echo "$1: $n hand-encoded words decode with the manual's fields"
}

fail=0
for v in "$@"; do
    case $v in
    *.txt) check_hand "$v" || fail=1; continue ;;
    esac
    name=$(basename "$v" .s)
    dec=arch/mips/$name.decode
    flags=$(sed -n 's/^# as: //p' "$v")
    if ! "$AS" $flags -o "$TMP/v.o" "$v" 2>"$TMP/as.err"; then
        echo "$v: assembler failed:"; cat "$TMP/as.err"; fail=1; continue
    fi
    m16=$(sed -n 's/^# mips16: //p' "$v")
    if [ -n "$m16" ]; then
        # "   6:<TAB>f041 9b53 <TAB>lw ...": one or two halfwords.
        "$OBJDUMP" -d -m mips:16 "$TMP/v.o" |
            awk -F'\t' '$1 ~ /^ *[0-9a-f]+:$/ { gsub(/ /, "", $2); print $2 }' \
            >"$TMP/words"
    else
        "$OBJDUMP" -d "$TMP/v.o" | sed -n "$WORD32" >"$TMP/words"
    fi
    # Expected names: the first word of each instruction line's comment.
    grep -v '^[#.]' "$v" | sed -n 's/.*# *\([A-Za-z0-9_]*\).*/\1/p' \
        >"$TMP/want"
    ne=$(wc -l <"$TMP/want")
    # gas pads the section with zero words (nops) to its alignment.
    awk -v n="$ne" 'NR <= n || ($1 != "00000000" && $1 != "6500")' \
        "$TMP/words" >"$TMP/w2"
    mv "$TMP/w2" "$TMP/words"
    nw=$(wc -l <"$TMP/words")
    if [ "$nw" -ne "$ne" ]; then
        echo "$v: $nw words assembled for $ne vector lines"; fail=1; continue
    fi
    if [ -n "$m16" ]; then
        decode_mixed "arch/mips/${m16% *}" "arch/mips/${m16#* }" \
            <"$TMP/words" >"$TMP/got"
    else
        "$BUILD/risu-decode" "$dec" -- - <"$TMP/words" | awk '{print $2}' \
            >"$TMP/got"
    fi
    grep -v '^[#.]' "$v" | sed 's/ *#.*//' >"$TMP/text"
    bad=$(paste -d'|' "$TMP/want" "$TMP/got" "$TMP/words" "$TMP/text" |
          awk -F'|' '$1 != $2 {
              printf "  %s: want %s, decoded as %s (%s)\n", $4, $1, $2, $3; n++
          } END { exit n > 0 }') || {
        echo "$v: mismatches:"; echo "$bad"; fail=1; continue
    }
    echo "$v: $ne words decode as their patterns"
done
exit $fail
