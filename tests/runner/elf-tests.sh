#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# ELF images under qemu-user (make check-elf): the same sequence as raw
# and as ELF gives byte-identical traces, each replays against the other
# and a raw master accepts an ELF apprentice (one image digest); corrupt
# and hostile ELF files are refused with exit 2 and the offset, never run.
set -u
. tests/runner/lib.sh
runner_tests_init elf 6
ELFBAD="python3 tests/runner/elfbad.py"
A=arch/arm

# same_run ID RUN... -- GEN...: raw and ELF of one sequence
same_run() {
    local id=$1 run=() gen=()
    shift
    while [ "$1" != -- ]; do run+=("$1"); shift; done
    shift
    gen=("$@")
    "$BUILD/risugen" "${gen[@]}" -o "$T/$id.bin" > /dev/null 2>&1 &&
        "$BUILD/risugen" "${gen[@]}" -o "$T/$id.elf" > /dev/null 2>&1 ||
        { bad "$id: risugen failed"; return; }
    expect 0 "$id record raw" "${run[@]}" --master -t "$T/$id.t1" "$T/$id.bin"
    expect 0 "$id record elf" "${run[@]}" --master -t "$T/$id.t2" "$T/$id.elf"
    if cmp -s "$T/$id.t1" "$T/$id.t2"; then ok; else
        bad "$id: raw and ELF traces differ"
    fi
    expect 0 "$id replay raw trace on elf" "${run[@]}" -t "$T/$id.t1" \
        "$T/$id.elf"
    grep_out "checkpoints, match" "$id replay raw trace on elf"
    expect 0 "$id replay elf trace on raw" "${run[@]}" -t "$T/$id.t2" \
        "$T/$id.bin"
    rm -f "$T/sock"
    "${run[@]}" --master --unix "$T/sock" "$T/$id.bin" > "$T/m.out" 2>&1 &
    expect 0 "$id live raw master, elf apprentice" "${run[@]}" \
        --unix "$T/sock" "$T/$id.elf"
    wait
    "$BUILD/risu-trace" meta "$T/$id.elf" | grep -v '"format"\|"code_offset"' \
        > "$T/meta.elf" 2>&1
    "$BUILD/risu-trace" meta "$T/$id.bin" | grep -v '"format"\|"code_offset"' \
        > "$T/meta.bin" 2>&1
    if grep -q '"sha256"' "$T/meta.elf" &&
        cmp -s "$T/meta.elf" "$T/meta.bin"; then ok; else
        bad "$id: risu-trace meta (digest, keys) differs between raw and ELF"
        diff "$T/meta.bin" "$T/meta.elf" | head -5
    fi
}

# refuse ID RUN... -- CASE [ARG]: the damaged ELF exits 2 naming an offset
refuse() {
    local id=$1 run=()
    shift
    while [ "$1" != -- ]; do run+=("$1"); shift; done
    shift
    $ELFBAD "$T/$id.elf" "$T/bad.elf" "$@" || { bad "elfbad $*"; return; }
    expect 2 "$id ELF $*" "${run[@]}" --master -t "$T/bad.tr" "$T/bad.elf"
    grep_out "ELF offset [0-9]" "$id ELF $*"
}

MIPS=(qemu-mipsel -cpu 24Kf "$BUILD/risu-mipsel")
ARM=(qemu-arm -cpu cortex-a15 "$BUILD/risu-armhf")
same_run mipsel "${MIPS[@]}" -- --arch mipsel --cpu 24Kf -n 400 -s 21 \
    --mem aligned,unaligned,guard
same_run arm "${ARM[@]}" -- --arch arm --cpu cortex-a15 -n 300 -s 22 \
    --drop-unsatisfiable $A/a32.decode $A/a32-vfp.decode
same_run thumb "${ARM[@]}" -- --arch thumb --cpu cortex-a15 -n 300 -s 23 \
    --drop-unsatisfiable --insnwidth 16 $A/t16.decode --insnwidth 32 \
    $A/t32.decode

for c in trunc-ehdr trunc-phdr trunc-text phoff phnum filesz overlap entry \
         note shoff machine dyn; do
    refuse mipsel "${MIPS[@]}" -- $c
done
# Over the runner's own code, its memory block, its stack.
self=$(readelf -lW "$BUILD/risu-mipsel" | awk '$1 == "LOAD" {print $3; exit}')
refuse mipsel "${MIPS[@]}" -- at "$self"
grep_out "overlaps the runner itself" "segment over the runner"
refuse mipsel "${MIPS[@]}" -- at 0x30000000
grep_out "memory block or stack" "segment over the memory block"
refuse mipsel "${MIPS[@]}" -- at 0x38010000
self=$(readelf -lW "$BUILD/risu-armhf" | awk '$1 == "LOAD" {print $3; exit}')
refuse thumb "${ARM[@]}" -- at "$self"
refuse arm "${ARM[@]}" -- overlap

# Random header bytes: a clear refusal or a run, never a crash.
for s in $(seq 1 40); do
    $ELFBAD "$T/mipsel.elf" "$T/bad.elf" flip "$s"
    "${MIPS[@]}" --master -t "$T/bad.tr" "$T/bad.elf" > "$T/out" 2>&1
    rc=$?
    if [ $rc -le 2 ]; then ok; else
        bad "header flip seed $s: exit $rc"; show_out
    fi
done
summary elf
