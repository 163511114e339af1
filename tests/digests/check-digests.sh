#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Behaviour-neutral changes keep images and traces byte-identical: for
# fixed seeds, generate images (raw and ELF) for every architecture and
# record traces under qemu-user, then compare their SHA-256 digests with
# tests/digests/digests.txt, recorded before the restructuring.
#   tests/digests/check-digests.sh [--update]   (BUILD=build by default)
set -u
B=${BUILD:-build}
HERE=$(dirname "$0")
REF=$HERE/digests.txt
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
A=arch/arm

# id risugen-arch cpu runner qemu risugen-args...
CASES="
mipsel mipsel 24Kf mipsel qemu-mipsel
mips mips 24Kf mips qemu-mips
mips64el mips64el Loongson-3A4000 mips64el qemu-mips64el
mips64el-5kef mips64el 5KEf mips64el qemu-mips64el
mips64r6el mips64r6el I6400 mipsisa64r6el qemu-mips64el
mipsr6el mipsr6el mips32r6-generic mipsisa32r6el qemu-mipsel
arm arm cortex-a15 armhf qemu-arm $A/a32.decode $A/a32-vfp.decode $A/a32-neon.decode
thumb thumb cortex-a15 armhf qemu-arm --insnwidth 16 $A/t16.decode --insnwidth 32 $A/t32.decode $A/t32-neon.decode
aarch64 aarch64 max aarch64 qemu-aarch64 $A/a64.decode $A/a64-mem.decode $A/a64-fp.decode $A/a64-simd.decode $A/a64-crypto.decode
"
out=$T/digests.txt
fail=0
while read -r id ga cpu fl q args; do
    [ -n "$id" ] || continue
    img=$T/$id.bin
    # shellcheck disable=SC2086
    if ! "$B/risugen" --arch "$ga" --cpu "$cpu" -n 1500 -s 11 \
            --drop-unsatisfiable $args -o "$img" > "$T/gen.out" 2>&1; then
        echo "digests: $id: risugen failed"; cat "$T/gen.out"; fail=1
        continue
    fi
    # shellcheck disable=SC2086
    "$B/risugen" --arch "$ga" --cpu "$cpu" -n 300 -s 12 \
        --drop-unsatisfiable $args -o "$T/$id.elf" > /dev/null 2>&1 ||
        { echo "digests: $id: risugen --format elf failed"; fail=1; }
    rc=0
    "$q" -cpu "$cpu" "$B/risu-$fl" --master -t "$T/$id.trace" "$img" \
        > "$T/run.out" 2>&1 || rc=$?
    [ $rc -le 1 ] || { echo "digests: $id: record exit $rc"; fail=1; }
    for f in "$id.bin" "$id.elf" "$id.trace"; do
        [ -f "$T/$f" ] && (cd "$T" && sha256sum "$f") >> "$out"
    done
done <<< "$CASES"

if [ "${1:-}" = --update ]; then
    cp "$out" "$REF"
    echo "digests: $(wc -l < "$REF") digests written to $REF"
    exit $fail
fi
if ! diff -u "$REF" "$out"; then
    echo "digests: images or traces changed (see above)"
    exit 1
fi
[ $fail = 0 ] || exit 1
echo "digests: $(wc -l < "$REF") images and traces byte-identical"
