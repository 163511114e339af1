#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# ARM default pattern sets and decode edges (part of check-arm-tags):
# without a pattern FILE, risugen takes arch/arm/default-<arch>.list; the
# image records and replays with a match under qemu-user.  With
# --edge all (judged by arch/arm/space-<arch>.list), every edge word
# raises SIGILL on the same QEMU model, the trace ends properly and the
# replay matches.  The issue 13 reproducer (--undef on a64-fp.decode,
# which once left the image) records.
set -u
BUILD=${BUILD:-build}
GEN=$BUILD/risugen
TR=$BUILD/risu-trace
T=$(mktemp -d /tmp/risu-arm-edge.XXXXXX)
trap 'rm -rf "$T"' EXIT
PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }
show() { sed 's/^/    /' "$1" | head -${2:-10}; }

# record and replay IMG; "match" expected
runs() {
    local id=$1 q=$2 cpu=$3 fl=$4 img=$5
    if ! $q -cpu "$cpu" "$BUILD/risu-$fl" --master -t "$T/$id.trace" "$img" \
            > "$T/$id.rec" 2>&1; then
        bad "$id: record"; show "$T/$id.rec"; return 1
    fi
    if $q -cpu "$cpu" "$BUILD/risu-$fl" -t "$T/$id.trace" "$img" \
            > "$T/$id.rep" 2>&1 && grep -q ', match' "$T/$id.rep"; then
        ok
    else
        bad "$id: replay"; show "$T/$id.rep"; return 1
    fi
}

# Every edge word of the image raised SIGILL, and there were some; the
# exceptions allowed are the QEMU 7.2 decode differences documented in
# docs/arm-patterns.md ("Decode edges"), as "MASK:VALUE" words in $3.
edges_sigill() {
    local id=$1 img=$2 known=${3:-} line w mv bad=0
    "$TR" show --image "$img" "$T/$id.trace" > "$T/$id.show" 2>&1
    if ! grep -q '\[edge ' "$T/$id.show"; then
        bad "$id: no edge words"; return
    fi
    while read -r line; do
        w=$(sed -n 's/.* insn \(0x[0-9a-f]*\).*/\1/p' <<< "$line")
        for mv in $known; do
            (( (w & ${mv%:*}) == ${mv#*:} )) && continue 2
        done
        [ $bad = 0 ] && bad "$id: edge words without SIGILL"
        bad=1
        echo "    $line"
    done < <(grep '\[edge ' "$T/$id.show" | grep -v ' signal 4 ')
    [ $bad = 0 ] && ok
}

# QEMU 7.2 executes, with FEAT_FP16, FP16 across-lanes and scalar
# pairwise forms whose size bit 0 is set, and FMOV (vector, immediate)
# with op = 1; and VLDR/VSTR.16 without FEAT_FP16.
A64_KNOWN="0xbf7ffc00:0x0e70c800 0xbf7ffc00:0x0e70f800
    0xff7ffc00:0x5e70c800 0xff7ffc00:0x5e70d800 0xff7ffc00:0x5e70f800
    0xbff8fc00:0x2f00fc00"
A32_KNOWN="0xff000f00:0xed000900"

# arch qemu cpu runner
CASES="
aarch64 qemu-aarch64 max aarch64
aarch64 qemu-aarch64 cortex-a57 aarch64
arm qemu-arm max armhf
arm qemu-arm cortex-a15 armhf
thumb qemu-arm max armhf
thumb qemu-arm cortex-a15 armhf
"
while read -r a q cpu fl; do
    [ -n "$a" ] || continue
    command -v "$q" > /dev/null || { echo "skip $a $cpu: no $q"; continue; }
    id=$a-$cpu
    if "$GEN" --arch "$a" --cpu "$cpu" -n 600 -s 3 -o "$T/$id.bin" \
            > "$T/$id.gen" 2>&1; then
        runs "$id" "$q" "$cpu" "$fl" "$T/$id.bin"
    else
        bad "$id: default list"; show "$T/$id.gen"
    fi
    e=$id-edge
    if "$GEN" --arch "$a" --cpu "$cpu" -n 600 -s 3 --edge all:8 \
            -o "$T/$e.bin" > "$T/$e.gen" 2>&1; then
        known=$A32_KNOWN
        [ "$a" = aarch64 ] && known=$A64_KNOWN
        runs "$e" "$q" "$cpu" "$fl" "$T/$e.bin" &&
            edges_sigill "$e" "$T/$e.bin" "$known"
    else
        bad "$e: --edge all"; show "$T/$e.gen"
    fi
done <<< "$CASES"

# issue 13's reproducer: --undef on a64-fp.decode stays in the image
if command -v qemu-aarch64 > /dev/null; then
    if "$GEN" --arch aarch64 --cpu max --undef -n 2000 --seed 12 \
            -o "$T/u.bin" arch/arm/a64-fp.decode > "$T/u.gen" 2>&1; then
        runs undef-a64-fp qemu-aarch64 max aarch64 "$T/u.bin" &&
            edges_sigill undef-a64-fp "$T/u.bin" ""
    else
        bad "undef a64-fp"; show "$T/u.gen"
    fi
fi

echo "arm default lists and edges: $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
