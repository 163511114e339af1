#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# check-memdiff: memory divergences are located.  A one-byte fault
# injected into the memory block (RISU_INJECT=K:mem:OFF, test-only: the
# runner inverts block byte OFF at the first COMPAREMEM at or after
# checkpoint K) must be reported with its exact offset and both values,
# exit 1, in replay and live (either side faulty), for a mipsel and an
# aarch64 runner under qemu-user; `risu-trace diff` names it too.  A
# recorder that sends a block not matching its hash (K:memlie:OFF) is an
# error (exit 2) in replay and live, as is a format 1 trace whose
# records carry blocks.  Unix sockets only (runner_tests_init slot 9).
set -u
. "$(dirname "$0")/lib.sh"
runner_tests_init memdiff 9

OFF=0x1a3
# the report line for OFF: "+0x01a3 len 1: ref XX got YY", YY = ~XX
check_line() {
    local what=$1 line ref got
    line=$(grep -E '^    \+0x01a3 len 1: ref [0-9a-f]{2} got [0-9a-f]{2}$' \
           "$T/out")
    if [ -z "$line" ]; then
        bad "$what: no range line for $OFF"; show_out; return
    fi
    ref=${line#*ref }; ref=${ref%% *}; got=${line##* }
    if [ $((0x$ref ^ 0x$got)) = 255 ]; then ok; else
        bad "$what: values $ref/$got are not one inverted byte"
    fi
    grep_out '^  memory: 1 byte differs in 1 range' "$what summary"
    grep_out '^  memhash ' "$what memhash line"
}

# live ID MASTER-ENV APPRENTICE-ENV IMAGE RUN...: the apprentice's output
# in $T/out, exit statuses checked (1 and 1)
live() {
    local id=$1 menv=$2 aenv=$3 img=$4 mpid s
    shift 4
    rm -f "$T/sock"
    env $menv "$@" --master --unix "$T/sock" "$img" > "$T/m.out" 2>&1 &
    mpid=$!
    expect 1 "$id apprentice" env $aenv "$@" --unix "$T/sock" "$img"
    wait $mpid; s=$?
    [ $s = 1 ] && ok || { bad "$id master exit $s"; cat "$T/m.out"; }
}

one_arch() {
    local a=$1 cpu=$2 img=$T/$1.bin tr=$T/$1.tr
    shift 2
    local run=("$@")
    "$BUILD/risugen" -q --arch "$a" --cpu "$cpu" -n 3000 -s 11 -o "$img" ||
        { bad "$a: risugen failed"; return; }
    expect 0 "$a record" "${run[@]}" --master -t "$tr" "$img"
    expect 0 "$a replay" "${run[@]}" -t "$tr" "$img"
    expect 1 "$a replay, fault" env RISU_INJECT=40:mem:$OFF \
        "${run[@]}" -t "$tr" "$img"
    check_line "$a replay"
    grep_out '^  memory words since the last COMPAREMEM' "$a words"
    # --keep-going adopts the reference's block: one divergence, not one
    # per later COMPAREMEM
    expect 1 "$a replay, fault, keep-going" env RISU_INJECT=40:mem:$OFF \
        "${run[@]}" --keep-going -t "$tr" "$img"
    grep_out "MISMATCH (1 mismatching)" "$a keep-going adopts the block"
    live "$a live, apprentice fault" "" "RISU_INJECT=40:mem:$OFF" "$img" \
        "${run[@]}"
    check_line "$a live, apprentice fault"
    live "$a live, master fault" "RISU_INJECT=40:mem:$OFF" "" "$img" \
        "${run[@]}"
    check_line "$a live, master fault"
    # the host tools, on a trace recorded with the fault
    RISU_INJECT=40:mem:$OFF "${run[@]}" --master -t "$T/$a.bad.tr" \
        "$img" 2> /dev/null
    expect 1 "$a diff" "$BUILD/risu-trace" diff "$tr" "$T/$a.bad.tr"
    check_line "$a diff"
    "$BUILD/risu-trace" diff --json "$tr" "$T/$a.bad.tr" > "$T/d.json"
    if python3 - "$T/d.json" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))["divergences"][0]["memory"]
r = m["ranges"][0]
ok = (m["bytes_differ"] == 1 and m["count"] == 1 and r["offset"] == 0x1a3
      and r["length"] == 1 and int(r["a"], 16) ^ int(r["b"], 16) == 255)
sys.exit(0 if ok else 1)
EOF
    then ok; else bad "$a diff --json memory"; head -c 600 "$T/d.json"; fi
    expect 2 "$a never injected" env RISU_INJECT=999999:mem:$OFF \
        "${run[@]}" -t "$tr" "$img"
    grep_out "nothing was injected" "$a never injected"
    # a lying recorder: the block does not hash to its record
    RISU_INJECT=40:memlie:$OFF "${run[@]}" --master -t "$T/$a.lie.tr" \
        "$img" 2> /dev/null
    expect 2 "$a lying trace" "${run[@]}" -t "$T/$a.lie.tr" "$img"
    grep_out "offset [0-9]*: memory block does not match the record's memhash" \
        "$a lying trace"
    rm -f "$T/sock"
    env RISU_INJECT=40:memlie:$OFF "${run[@]}" --master --unix "$T/sock" \
        "$img" > "$T/m.out" 2>&1 &
    expect 2 "$a lying master" "${run[@]}" --unix "$T/sock" "$img"
    grep_out "memory block does not match the record's memhash" \
        "$a lying master"
    wait
    # format 1 had no memory blocks: such a record is an error, offset named
    python3 - "$tr" "$T/$a.v1.tr" <<'EOF'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
d[8] = 1
open(sys.argv[2], "wb").write(d)
EOF
    expect 2 "$a format 1 with blocks" "$BUILD/risu-trace" verify \
        "$T/$a.v1.tr"
    grep_out "offset [0-9]*: reserved record flag set in record" \
        "$a format 1 with blocks"
}

if [ -x "$BUILD/risu-mipsel" ]; then
    one_arch mipsel 24Kf qemu-mipsel -cpu 24Kf "$BUILD/risu-mipsel"
fi
if [ -x "$BUILD/risu-aarch64" ]; then
    one_arch aarch64 max qemu-aarch64 -cpu max "$BUILD/risu-aarch64"
fi
summary check-memdiff
