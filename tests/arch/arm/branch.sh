#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# ARM control flow under qemu-user (docs/arm-patterns.md "Branches and
# IT blocks"): `--group branch` images for aarch64, thumb and arm, and
# IT-block images (--pattern IT), each generated with --verify (capstone
# and objdump agree on every word), then recorded and replayed on the
# same model (live master/apprentice too with LIVE=1; slow on a loaded
# machine: a socket round trip per checkpoint): both sides must exit 0
# (a match), no run may leave the image (escape), and IT members must
# raise no SIGILL (a member the CPU would reject).  Every IT member
# carries slot= in the metadata.
#   tests/arch/arm/branch.sh [SEEDS] [N] [CASE...]  (BUILD=build default)
# CASE: the ids below (default: all).
set -u
BUILD=${BUILD:-build}
SEEDS=${1:-1}
N=${2:-10000}
if [ $# -ge 2 ]; then shift 2; else set --; fi
ONLY=" $* "
GEN=$BUILD/risugen
T=$(mktemp -d /tmp/risu-arm-branch.XXXXXX)
trap 'rm -rf "$T"' EXIT
PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }
show() { sed 's/^/    /' "$1" | head -${2:-10}; }

# Run $1 (image) with qemu $2, cpu $3, runner $4: record, then replay
# (LIVE=1: master/apprentice over a Unix socket); sets a, m.
run() {
    if [ "${LIVE:-0}" = 0 ]; then
        "$2" -cpu "$3" "$4" --master --dump -t "$T/tr" "$1" \
            > "$T/m.out" 2> "$T/m.err"
        m=$?
        "$2" -cpu "$3" "$4" -t "$T/tr" "$1" > "$T/a.out" 2>&1
        a=$?
        return
    fi
    rm -f "$T/sock"
    "$2" -cpu "$3" "$4" --master --dump --unix "$T/sock" "$1" \
        > "$T/m.out" 2> "$T/m.err" &
    local mpid=$!
    for _ in $(seq 200); do [ -S "$T/sock" ] && break; sleep 0.05; done
    "$2" -cpu "$3" "$4" --unix "$T/sock" "$1" > "$T/a.out" 2>&1
    a=$?
    wait $mpid
    m=$?
}

# IT members: one slot= per member, count = 4 - ctz(mask) of its IT.
check_slots() {
    local img=$1 id=$2 want got
    want=$("$BUILD/risu-trace" show-image "$img" |
           awk '/ IT cond=/ && $NF ~ /^mask=/ { m = substr($NF, 6) + 0;
                n += (m % 2) ? 4 : (m % 4) ? 3 : (m % 8) ? 2 : 1 }
                END { print n + 0 }')
    got=$(grep -a -o ' slot=[0-9a-f]*' "$img" | wc -l)
    if [ "$want" -gt 0 ] && [ "$want" = "$got" ]; then ok; else
        bad "$id: $got slot= lines for $want IT members"; fi
}

# id arch cpu qemu runner risugen-args...
CASES="
a64 aarch64 max qemu-aarch64 aarch64 --group branch
thumb thumb max qemu-arm armhf --group branch
thumb-a15 thumb cortex-a15 qemu-arm armhf --group branch
arm arm max qemu-arm armhf --group branch
it thumb max qemu-arm armhf --pattern IT
it-a15 thumb cortex-a15 qemu-arm armhf --pattern IT
"
declare -A RUNS MATCH ESC
while read -r id arch cpu q fl args; do
    [ -n "$id" ] || continue
    [ "$ONLY" = "  " ] || [ "${ONLY#* $id }" != "$ONLY" ] || continue
    run=$BUILD/risu-$fl
    if [ ! -x "$run" ] || ! command -v "$q" > /dev/null; then
        echo "skip: $id ($run or $q missing)"
        continue
    fi
    for s in $(seq "$SEEDS"); do
        img=$T/$id-$s.bin
        # shellcheck disable=SC2086
        if ! "$GEN" --arch "$arch" --cpu "$cpu" -n "$N" -s "$s" $args \
                --verify -o "$img" > "$T/gen.out" 2>&1; then
            bad "$id seed $s: risugen --verify failed"; show "$T/gen.out"
            continue
        fi
        RUNS[$id]=$(( ${RUNS[$id]:-0} + 1 ))
        run "$img" "$q" "$cpu" "$run"
        if [ $a = 0 ] && [ $m = 0 ]; then
            ok; MATCH[$id]=$(( ${MATCH[$id]:-0} + 1 ))
        else
            bad "$id seed $s: apprentice $a, master $m"; show "$T/a.out"
        fi
        e=$(grep -c -E 'left the image|escape' "$T/a.out" "$T/m.out" \
            "$T/m.err" | awk -F: '{ n += $NF } END { print n + 0 }')
        ESC[$id]=$(( ${ESC[$id]:-0} + e ))
        if [ "$e" = 0 ]; then ok; else bad "$id seed $s: escape"; fi
        case $id in
        it*)
            n=$(grep -c ' signal 4 ' "$T/m.out")
            if [ "$n" = 0 ]; then ok; else bad "$id seed $s: $n SIGILL"; fi
            check_slots "$img" "$id seed $s" ;;
        esac
    done
done <<< "$CASES"

for id in "${!RUNS[@]}"; do
    echo "branch-arm: $id: ${MATCH[$id]:-0}/${RUNS[$id]} images of $N" \
         "match, ${ESC[$id]:-0} escapes"
done | sort
echo "branch-arm: $PASS passed, $FAIL failed"
[ $FAIL = 0 ]
