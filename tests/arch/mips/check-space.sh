#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The MIPS encoding space (arch/mips/space-<arch>.list and the allocated
# files) against our pattern files: for every arch and a CPU model per
# kind, risugen --edge all with its self-check (every normal word is
# decoded in the space: decoding as another instruction, an allocated one
# included, is an internal error) must succeed and give edge words; and
# every allocated pattern must be never + tagged "allocated".
#
# usage: tests/arch/mips/check-space.sh
# Environment: BUILD (default build).
set -eu

BUILD=${BUILD:-build}
RISU_DT_DATADIR=${RISU_DT_DATADIR:-$(pwd)}
export RISU_DT_DATADIR
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
fail=0

for f in arch/mips/*-allocated.decode; do
    case $f in
    *16-allocated.decode | *16e-allocated.decode) w="--insnwidth 16" ;;
    *) w= ;;
    esac
    # shellcheck disable=SC2086
    "$BUILD/risu-decode" $w -l "$f" > "$TMP/l"
    bad=$(awk '/^[^ ].*:[0-9]+: /{if (p) print p; p=$2; nv=0; al=0}
               /^    never/{nv=1} /^    tags.* allocated( |$)/{al=1}
               /^    /{if (nv && al) p=""}
               END{if (p) print p}' "$TMP/l" | sort -u)
    if [ -n "$bad" ]; then
        echo "check-space: $f: not never + allocated: $bad"; fail=1
    fi
done

# arch            cpu
CASES="mipsel     24Kf
mips              74Kf
mipsel            P5600
mipsr6el          mips32r6-generic
mipsr6            mips32r6-generic
mips64el          R4000
mips64el          MIPS64R2-generic
mips64            5KEf
mips64el          Loongson-2E
mips64el          Loongson-2F
mips64el          Loongson-3A4000
mips64el          mips64dspr2
mips64el          Octeon68XX
mips64r6el        I6400
mips64r6          I6500
mips16el          24Kf
mips16            4Km
micromipsel       M14K
micromips         M14Kc"
n=0
while read -r arch cpu; do
    if ! "$BUILD/risugen" --arch "$arch" --cpu "$cpu" --edge all:3 -n 4000 \
            -s 3 --stats -o "$TMP/e.bin" > "$TMP/out" 2>&1; then
        echo "check-space: $arch $cpu: risugen --edge failed:"
        cat "$TMP/out"; fail=1; continue
    fi
    if ! grep -q "insns ([1-9][0-9]* edge)" "$TMP/out"; then
        echo "check-space: $arch $cpu: no edge words"; cat "$TMP/out"; fail=1
    fi
    n=$((n + 1))
done <<EOC
$CASES
EOC
[ $fail -eq 0 ] || exit 1
echo "check-space: allocated files never+allocated; $n arch/model pairs" \
     "pass --edge all with the space self-check"
