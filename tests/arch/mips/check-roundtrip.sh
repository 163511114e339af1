#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# For each pattern file and a CPU model that runs it, generate a short
# image per tag with risugen and check, independently of risugen, that
# every generated word decodes (risu-decode) as the pattern the image
# metadata names for it.
#
# usage: tests/arch/mips/check-roundtrip.sh [-n N]
# Environment: BUILD (default build).
set -eu

BUILD=${BUILD:-build}
N=100
[ "${1:-}" = "-n" ] && { N=$2; shift 2; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

# file             arch        cpu         [features]
CASES="base         mipsel      24Kf
base                mips64el    MIPS64R2-generic
base                mips64r6el  I6400
fpu                 mipsel      24Kf
fpu                 mips64el    MIPS64R2-generic
fpu                 mips64r6el  I6400
msa                 mipsel      P5600
msa                 mips64r6el  I6400
r6                  mips64r6el  I6400
r6                  mipsr6el    mips32r6-generic
r6-fpu              mips64r6el  I6400
loongson-mmi        mips64el    Loongson-3A4000
loongson-ext        mips64el    Loongson-3A4000
loongson-ext        mips64el    Loongson-2F
loongson2e          mips64el    Loongson-2E
dsp                 mipsel      24KEc
dsp                 mips64el    mips64dspr2
dsp-r2              mipsel      74Kf
dsp-r2              mips64el    mips64dspr2
dsp64               mips64el    mips64dspr2
octeon              mips64el    Octeon68XX
vr54xx              mips64el    VR5432
mips3d              mips64el    MIPS64R2-generic
crc                 mips64r6el  I6400       crc"

echo "$CASES" | while read -r file arch cpu feats; do
    fx=${feats:+--features $feats}
    dec=arch/mips/$file.decode
    tags=$("$BUILD/risugen" --arch "$arch" --cpu "$cpu" $fx --list "$dec" |
           sed -n 's/.* tags=\([^ ]*\).*/\1/p' | tr ',' '\n' | sort -u)
    for tag in $tags; do
        img=$TMP/img
        if ! "$BUILD/risugen" --arch "$arch" --cpu "$cpu" $fx --group "$tag" \
                -n "$N" -s 7 -o "$img" "$dec" >"$TMP/log" 2>&1; then
            # A tag whose patterns are all weight 0 selects nothing; a
            # file whose every pattern needs set-up code cannot fill the
            # delay slots of its branches alone (r6-fpu.decode).
            grep -q 'no pattern selected\|weight 0\|can fill a delay slot' \
                "$TMP/log" && continue
            echo "$dec $arch $cpu --group $tag: risugen failed:"
            cat "$TMP/log"; exit 1
        fi
        # Metadata: "insns=N" then N lines "OFFSET PATTERN".
        strings -n 1 "$img" | awk '/^insns=/{n = substr($0, 7); go = 1; next}
                                   go && n-- > 0 {print}' >"$TMP/meta"
        # Little-endian words of the code, one per line, index = offset/4.
        od -An -v -tx4 -w4 "$img" | tr -d ' ' >"$TMP/code"
        awk 'function hex(s,  i, v) {
                 v = 0
                 for (i = 1; i <= length(s); i++)
                     v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
                 return v
             }
             NR == FNR {w[NR - 1] = $1; next}
             {print w[hex(tolower($1)) / 4]}' "$TMP/code" "$TMP/meta" \
            >"$TMP/words"
        "$BUILD/risu-decode" "$dec" -- - <"$TMP/words" | awk '{print $2}' \
            >"$TMP/got"
        cut -d' ' -f2 "$TMP/meta" >"$TMP/want"
        [ -s "$TMP/want" ] || { echo "$dec $tag: no metadata"; exit 1; }
        if ! cmp -s "$TMP/want" "$TMP/got"; then
            echo "$dec $arch $cpu --group $tag: words decode as other patterns:"
            paste -d' ' "$TMP/want" "$TMP/got" "$TMP/words" |
                awk '$1 != $2' | head -5
            exit 1
        fi
    done
    echo "$dec on $cpu/$arch: every tag's words decode back ($(echo $tags | wc -w) tags)"
done
