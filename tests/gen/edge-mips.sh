#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# risugen --edge under qemu-user (make check-gen-edge): a small mipsel
# image with every edge class, judged by the fixture space
# tests/gen/edge/space-mipsel.list, is recorded and replayed on a 24Kf
# with a match, and every edge word raised SIGILL (risu-trace coverage);
# show names them; without a space list --edge is refused (exit 2).
# Traces are files: no TCP port (runner_tests_init slot 8 is unused).
set -u
# shellcheck source=tests/runner/lib.sh
. "$(dirname "$0")/../runner/lib.sh"
runner_tests_init edge-gen 8
E=tests/gen/edge
R="$BUILD/risu-mipsel"
if ! command -v qemu-mipsel > /dev/null || [ ! -x "$R" ]; then
    echo "edge-gen: qemu-mipsel or $R missing: skipped"
    exit 0
fi
RUN="qemu-mipsel -cpu 24Kf $R"

expect 0 "edge image" "$BUILD/risugen" --arch mipsel --cpu 24Kf -n 2000 \
    -s 5 --edge all:4 --space $E/space-mipsel.list -o "$T/e.bin" \
    $E/mips-alu.decode
# shellcheck disable=SC2086
record_replay "edge mipsel" "$T/e.tr" "$T/e.bin" $RUN
grep_out "match (0 mismatching)" "edge replay matches"

# Per class: generated == executed == SIGILL, and some of each.
expect 0 "edge coverage" "$BUILD/risu-trace" coverage --patterns $E \
    "$T/e.bin" "$T/e.tr"
for cls in reserved neighbour absent; do
    if awk -v c=$cls '$1 == c && NF == 7 && $2 > 20 && $2 == $3 &&
                      $3 == $4 && $5 == 0 && $6 == 0 &&
                      $7 == "100.0%" { f = 1 } END { exit !f }' "$T/out"
    then
        ok
    else
        bad "edge $cls: not every word generated, run and SIGILL"
        show_out
    fi
done
grep_out "^SRL_R  *reserved .*SIGILL:" "coverage per pattern"
if grep -q "edge words without SIGILL" "$T/out"; then
    bad "edge coverage lists words without SIGILL"; show_out
else ok; fi

# PMON (SPECIAL function 5) left unallocated: QEMU 7.2 runs it as a NOP
# (docs/mips-patterns.md).  coverage must list exactly the edge words
# that ran without SIGILL, each with its word.
expect 0 "pmon image" "$BUILD/risugen" --arch mipsel --cpu 24Kf -n 1000 \
    -s 5 --edge neighbour:2 --space $E/space-mipsel-pmon.list \
    -o "$T/p.bin" $E/mips-alu.decode
expect 0 "pmon record" $RUN --master -t "$T/p.tr" "$T/p.bin"
expect 0 "pmon coverage" "$BUILD/risu-trace" coverage --patterns $E \
    "$T/p.bin" "$T/p.tr"
odd=$(awk '$1 == "neighbour" { print $5 + $6 }' "$T/out")
listed=$(grep -c "^  .* 0x[0-9a-f]*  edge neighbour of .*no signal$" \
         "$T/out")
[ "$odd" = "$listed" ] && ok ||
    bad "pmon: $listed words listed, $odd ran without SIGILL"
if grep "^  .* edge neighbour of" "$T/out" |
        awk '{ print $3 }' | grep -qv '05$'; then
    bad "pmon: a listed word is not SPECIAL function 5"; show_out
else ok; fi

expect 0 "edge show" "$BUILD/risu-trace" show --image "$T/e.bin" \
    --patterns $E "$T/e.tr"
grep_out "SIGILL.*\[edge reserved of SRL_R (rs>=2) rd=" "show names reserved"
grep_out "\[edge absent of D[A-Z]* (without mips64) rd=" "show names absent"
grep_out "\[edge neighbour of " "show names neighbours"

# No space list for the arch: the expected path, exit 2.
mkdir -p "$T/data/arch/mips"
expect 2 "edge without space" env RISU_DT_DATADIR="$T/data" \
    "$BUILD/risugen" --arch mipsel --cpu 24Kf -n 10 --edge all \
    -o "$T/x.bin" $E/mips-alu.decode
grep_out "cannot read $T/data/arch/mips/space-mipsel.list" \
    "edge without space names the path"
[ ! -e "$T/x.bin" ] && ok || bad "edge without space left an image"

summary edge-gen
