#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# bench-runner-arm: risu-aarch64 under qemu-aarch64 -cpu max (512-bit
# SVE, so every checkpoint also captures Z/P/FFR): checkpoints/s live
# (master + apprentice on loopback TCP and a Unix socket), record, replay,
# and trace bytes per checkpoint, on the hand-written 100k-instruction
# image and, when
# build/risugen exists, on a 100k-instruction risugen image.  Rates use
# wall time; CPU time is shown too because the machine may be shared.
set -eu
BUILD=${BUILD:-build}
R=$BUILD/risu-aarch64
Q="qemu-aarch64 -cpu max"
T=$(mktemp -d /tmp/risu-arm-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT
PORT=$((30000 + $$ % 20000))

timed() {  # run a command, print "wall cpu"
    /usr/bin/time -f "%e %U %S" -o "$T/time" "$@" > /dev/null 2> "$T/err" ||
        { cat "$T/err"; exit 1; }
    awk '{ printf "%s %s\n", $1, $2 + $3 }' "$T/time"
}

bench() {  # label image
    local img=$2 n w c w2 c2 start end bytes
    n=$($Q $R --master -t "$T/tr" "$img" 2>&1 | awk '{ print $3 }')
    echo "$1: $n checkpoints, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
    rate() {
        awk -v l="$1" -v s="$2" -v c="$3" -v n="$n" 'BEGIN {
            printf "  %-8s %8.0f checkpoints/s  (%.2f s wall, %.2f s cpu)\n",
                   l, n / s, s, c }'
    }
    read -r w c <<< "$(timed $Q $R --master -t "$T/tr" "$img")"
    rate record "$w" "$c"
    bytes=$(stat -c %s "$T/tr")
    read -r w c <<< "$(timed $Q $R -t "$T/tr" "$img")"
    rate replay "$w" "$c"
    PORT=$((PORT + 1))
    start=$(date +%s.%N)
    $Q $R --master --port $PORT "$img" > /dev/null &
    mpid=$!
    read -r w2 c2 <<< "$(timed $Q $R --host localhost --port $PORT "$img")"
    wait $mpid
    end=$(date +%s.%N)
    w=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
    rate live "$w" "$c2"
    rm -f "$T/sock"
    start=$(date +%s.%N)
    $Q $R --master --unix "$T/sock" "$img" > /dev/null &
    mpid=$!
    for _ in $(seq 100); do [ -S "$T/sock" ] && break; sleep 0.05; done
    read -r w2 c2 <<< "$(timed $Q $R --unix "$T/sock" "$img")"
    wait $mpid
    end=$(date +%s.%N)
    w=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
    rate live-unix "$w" "$c2"
    $Q $R --master --no-compress -t "$T/raw" "$img" 2> /dev/null
    awk -v b="$bytes" -v r="$(stat -c %s "$T/raw")" -v n="$n" 'BEGIN {
        printf "  trace    %.2f bytes/checkpoint zlib, %.2f stored\n",
               b / n, r / n }'
}

bench "bench-runner-arm (hand-written, tests/runner/arm-bench-a64.S)" \
    "$BUILD/aarch64/bench.bin"
if [ -x "$BUILD/risugen" ]; then
    A=arch/arm
    "$BUILD/risugen" --arch aarch64 --cpu max -n 100000 -s 1 \
        --drop-unsatisfiable $A/a64.decode $A/a64-mem.decode $A/a64-fp.decode \
        $A/a64-simd.decode $A/a64-crypto.decode -o "$T/gen.bin" > /dev/null
    bench "bench-runner-arm (risugen aarch64 --cpu max -n 100000)" "$T/gen.bin"
fi
