#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Linaro RISU files end to end (part of check-arm-tags): our fixtures in
# tests/decode/risufile/ go through risugen (the arch comes from .mode) to
# images that run live under qemu-user with the ARM runners and match,
# raise no SIGILL, record and replay, and report an injected fault with
# the RISU pattern's name; untranslatable constraints are reported as
# file:line without stopping the rest of the file; a .mode that is
# another instruction set than --arch is refused.
set -u
BUILD=${BUILD:-build}
GEN=$BUILD/risugen
R=tests/decode/risufile
T=$(mktemp -d /tmp/risu-arm-risu.XXXXXX)
trap 'rm -rf "$T"' EXIT
PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }
show() { sed 's/^/    /' "$1" | head -${2:-10}; }

# file qemu cpu runner
CASES="
arm-small qemu-arm max armhf
arm-small qemu-arm cortex-a15 armhf
thumb-small qemu-arm max armhf
thumb-small qemu-arm cortex-a15 armhf
a64-small qemu-aarch64 cortex-a57 aarch64
a64-small qemu-aarch64 max aarch64
"
while read -r f q cpu fl; do
    [ -n "$f" ] || continue
    run=$BUILD/risu-$fl
    id="risu $f/$cpu"
    if [ ! -x "$run" ] || ! command -v "$q" > /dev/null; then
        echo "skip: $id ($run or $q missing)"
        continue
    fi
    if ! "$GEN" --cpu "$cpu" -n 1000 -s 5 "$R/$f.risu" "$T/$f.bin" \
            > "$T/gen.out" 2>&1; then
        bad "$id: risugen failed"; show "$T/gen.out"; continue
    fi
    rm -f "$T/sock"
    "$q" -cpu "$cpu" "$run" --master --dump --unix "$T/sock" "$T/$f.bin" \
        > "$T/m.out" 2> "$T/m.err" &
    mpid=$!
    for _ in $(seq 100); do [ -S "$T/sock" ] && break; sleep 0.05; done
    "$q" -cpu "$cpu" "$run" --unix "$T/sock" "$T/$f.bin" > "$T/a.out" 2>&1
    a=$?
    wait $mpid
    m=$?
    if [ $a = 0 ] && [ $m = 0 ]; then ok; else
        bad "$id live: apprentice $a, master $m"; show "$T/a.out"; fi
    n=$(grep -c ' signal 4 ' "$T/m.out")
    if [ "$n" = 0 ]; then ok; else bad "$id: $n SIGILL"; fi
done <<< "$CASES"

# record, replay, and an injected fault named with the RISU pattern
if [ -x "$BUILD/risu-aarch64" ] && command -v qemu-aarch64 > /dev/null; then
    Q="qemu-aarch64 -cpu cortex-a57 $BUILD/risu-aarch64"
    "$GEN" --cpu cortex-a57 -n 300 -s 9 "$R/a64-small.risu" "$T/r.bin" \
        > /dev/null 2>&1
    if $Q --master -t "$T/r.tr" "$T/r.bin" > "$T/out" 2>&1 &&
       $Q -t "$T/r.tr" "$T/r.bin" > "$T/out" 2>&1; then ok; else
        bad "risu a64-small record/replay"; show "$T/out"; fi
    RISU_INJECT=7:x3:5 $Q -t "$T/r.tr" "$T/r.bin" > "$T/out" 2>&1
    s=$?
    if [ $s = 1 ] && grep -q 'x3' "$T/out" &&
       grep -Eq '\((ADD_imm|MADD|FADD|LDR_uimm|STP)_A64' "$T/out"; then ok
    else bad "risu injected fault: exit $s, want 1 naming x3 and the pattern"
        show "$T/out" 20; fi
    # same inputs, same bytes
    "$GEN" --cpu cortex-a57 -n 300 -s 9 "$R/a64-small.risu" "$T/r2.bin" \
        > /dev/null 2>&1
    if cmp -s "$T/r.bin" "$T/r2.bin"; then ok; else bad "risu image not deterministic"; fi
fi

# untranslatable constraints: file:line errors, the rest still generates
"$GEN" -n 200 --dry-run "$R/a64-small.risu" "$R/untranslatable.risu" \
    > "$T/out" 2> "$T/err"
s=$?
if [ $s = 0 ] && [ "$(grep -c 'untranslatable.risu:[0-9]*: error: ' "$T/err")" = 6 ] &&
   grep -q 'untranslatable.risu:9: error: CALL_A64' "$T/err" &&
   grep -q '6 of 6 pattern(s) not translatable' "$T/err" &&
   ! grep -q '_A64$' <(grep -E 'STRINGY|POWER|MULTI|UNKNOWN|CALL|BASE' "$T/out"); then ok
else bad "untranslatable.risu: exit $s, want 0 and 6 file:line errors"; show "$T/err"; fi

# a .mode for another instruction set is refused
"$GEN" --arch thumb -n 10 --dry-run "$R/arm-small.risu" > /dev/null 2> "$T/err"
s=$?
if [ $s = 2 ] && grep -q '.mode arm does not fit --arch thumb' "$T/err"; then ok
else bad "mode mismatch: exit $s, want 2"; show "$T/err"; fi

echo "risu-run: $PASS passed, $FAIL failed"
[ $FAIL = 0 ]
