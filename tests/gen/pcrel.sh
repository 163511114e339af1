#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# PC-relative instructions (risugen --group pcrel, gen/pcrel.c) under
# qemu-user, per arch: the image records and replays with a match; every
# literal load read its pool at the target decoded from its word and
# every address-forming result is the expected image offset
# (pcrel-values.py, from first principles); a literal pool rotated by 4
# bytes in the replaying runner (RISU_INJECT=K:pool:4) is a mismatch
# at a PC-relative load, never a match.
# PCREL_SEEDS/PCREL_N: more seeds, longer images (make check-pcrel-long).
set -u
. tests/runner/lib.sh
runner_tests_init pcrel 5
G=$BUILD/risugen
A=arch/arm
SEEDS=${PCREL_SEEDS:-1}
N=${PCREL_N:-3000}

CASES="
mips64r6el I6400 mipsisa64r6el qemu-mips64el
aarch64 max aarch64 qemu-aarch64 $A/a64.decode $A/a64-mem.decode
arm cortex-a15 armhf qemu-arm $A/a32.decode
"

while read -r arch cpu fl q files; do
    [ -n "$arch" ] || continue
    R=$BUILD/risu-$fl
    if [ ! -x "$R" ] || ! command -v "$q" > /dev/null; then
        echo "pcrel: $arch: no runner or $q, skipped"
        continue
    fi
    for s in $(seq 1 "$SEEDS"); do
        id="$arch seed $s"
        img=$T/$arch-$s.bin
        # shellcheck disable=SC2086
        expect 0 "$id generate" "$G" --arch "$arch" --cpu "$cpu" \
            --group pcrel -n "$N" -s "$s" --stats $files -o "$img"
        grep_out "literal pools: [1-9]" "$id pools made"
        record_replay "$id" "$T/$arch.tr" "$img" "$q" -cpu "$cpu" "$R"
        "$q" -cpu "$cpu" "$R" --dump "$img" > "$T/dump" 2>&1
        expect 0 "$id values" python3 tests/gen/pcrel-values.py "$img" \
            "$T/dump" "$arch"
        [ "$s" = 1 ] || continue
        # listings: a SKIP and its pool are one unit, the data shown as such
        expect 0 "$id show-image" "$BUILD/risu-trace" show-image "$img"
        grep_out "OPTRAP SKIP [0-9]* data bytes" "$id show-image SKIP"
        grep_out " literal pool$" "$id show-image pool rows"
        [ "$arch" = arm ] || grep_out "OPTRAP CODEOFF" "$id show-image CODEOFF"
        expect 1 "$id shifted pool" env RISU_INJECT=2:pool:4 \
            "$q" -cpu "$cpu" "$R" -t "$T/$arch.tr" "$img"
        if grep -Eq "^mismatch at checkpoint [0-9]+: .*\((LWPC|LWUPC|LDPC|LDR_lit_[wxsdq]|LDRSW_lit|LDRS?[BH]?_lit|LDRD_lit)\)" "$T/out"; then
            ok
        else
            bad "$id shifted pool: no mismatch at a literal load"
            show_out
        fi
    done
done <<< "$CASES"

# Nothing to shift: the injection itself says so (exit 2), no false match.
R=$BUILD/risu-aarch64
if [ -x "$R" ] && command -v qemu-aarch64 > /dev/null; then
    "$G" --arch aarch64 --cpu max --pattern 'ADD.*' -n 20 -s 1 \
        $A/a64.decode -o "$T/nopool.bin" > /dev/null 2>&1
    qemu-aarch64 -cpu max "$R" --master -t "$T/nopool.tr" "$T/nopool.bin" \
        > /dev/null 2>&1
    expect 2 "no pool to shift" env RISU_INJECT=0:pool:4 \
        qemu-aarch64 -cpu max "$R" -t "$T/nopool.tr" "$T/nopool.bin"
    grep_out "nothing was injected" "no pool to shift message"
fi

summary pcrel
