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

# ---- live with vector state: SVE 512 against sve=off (and RISU) ----
# The same image (no SVE instructions, so it runs on both) live over a
# Unix socket under -cpu max (every checkpoint carries the 512-bit Z, P
# and FFR) and -cpu max,sve=off.  CPU time is the larger of the two
# processes' (user + system): steadier than wall time on a shared
# machine, which is shown too.  With RISU_CORPUS (Linaro .risu files),
# RISU_PERL (its Perl risugen) and RISU_RUNNER (Linaro's risu built
# static for aarch64), RISU's runner runs its own image of the same
# aarch64.risu and instruction count, live over TCP (--test-sve=4, the
# 512-bit state, under -cpu max), and the ratio of test instructions per
# CPU second is printed.  STLUR/LDAPUR are left out of both images: in
# RISU's runner under QEMU 7.2 they fault (SEGV_ACCERR) on its memory
# block, which lives in the image's own pages.
live_line() {  # label wall checkpoints (times in $T/mt, $T/at)
    awk -v l="$1" -v w="$2" -v n="$3" -v i="$N" '
        NR == 1 { m = $1 + $2 } NR == 2 { a = $1 + $2 }
        END { c = (m > a ? m : a); if (n > 0 && w > 0 && c > 0)
              printf "  %-26s %6d checkpoints %5.2f s wall %5.2f s cpu" \
                     " %6.0f checkpoints/s cpu %6.0f insns/s cpu" \
                     " (%.1f us cpu/checkpoint)\n",
                     l, n, w, c, n / c, i / c, c / n * 1e6 }' "$T/mt" "$T/at" |
        tee -a "$T/live"
}
live_cpu() {  # label cpu image [runner options]: master + apprentice,
    local s=$T/lsock m w  # Unix socket
    rm -f "$s"
    /usr/bin/time -f "%U %S" -o "$T/mt" qemu-aarch64 -cpu "$2" $R \
        "${@:4}" --master --unix "$s" "$3" > /dev/null 2>&1 &
    m=$!
    for _ in $(seq 200); do [ -S "$s" ] && break; sleep 0.01; done
    w=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "$T/at" qemu-aarch64 -cpu "$2" $R \
        "${@:4}" --unix "$s" "$3" > "$T/aout" 2>&1 ||
        { cat "$T/aout"; exit 1; }
    wait $m
    w=$(awk -v a="$w" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
    live_line "$1" "$w" "$(sed -n 's/^risu: \([0-9]*\) checkpoints.*/\1/p' \
        "$T/aout")"
}
risu_live() {  # label cpu [risu options]: RISU's runner, TCP loopback
    local m w
    PORT=$((PORT + 1))
    /usr/bin/time -f "%U %S" -o "$T/mt" qemu-aarch64 -cpu "$2" \
        "$RISU_RUNNER" --master --port $PORT "${@:3}" "$T/risu.bin" \
        > /dev/null 2>&1 &
    m=$!
    sleep 0.5
    w=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "$T/at" qemu-aarch64 -cpu "$2" \
        "$RISU_RUNNER" --host localhost --port $PORT "${@:3}" \
        "$T/risu.bin" > "$T/aout" 2>&1 || { tail -3 "$T/aout"; return; }
    wait $m
    w=$(awk -v a="$w" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
    # RISU's round trips: compare, test end, compare memory
    live_line "$1" "$w" "$(od -An -tx4 -v "$T/risu.bin" | tr ' ' '\n' |
        grep -c '^00005af[014]$')"
}
if [ -x "$BUILD/risugen" ]; then
    A=arch/arm
    N=${RISU_BENCH_LIVE_N:-20000}
    NOT='STLUR.*|LDAPUR.*'
    if [ -n "${RISU_CORPUS:-}" ] && [ -f "$RISU_CORPUS/aarch64.risu" ]; then
        SRC="$RISU_CORPUS/aarch64.risu"
    else
        SRC="$A/a64.decode $A/a64-mem.decode $A/a64-fp.decode \
            $A/a64-simd.decode $A/a64-crypto.decode"
    fi
    # shellcheck disable=SC2086
    "$BUILD/risugen" --arch aarch64 --cpu max --features no-sve -n "$N" \
        -s 1 --drop-unsatisfiable --not-pattern "$NOT" $SRC \
        -o "$T/live.bin" > /dev/null 2>&1
    echo "bench-runner-arm live, $N insns from $(basename "${SRC%% *}")," \
         "load $(cut -d' ' -f1 /proc/loadavg):"
    : > "$T/live"
    cls=$(strings "$T/live.bin" | sed -n 's/^classes=//p')
    echo "  (image classes=$cls; all-state: every register at every" \
         "checkpoint)"
    live_cpu "risu-dt sve 512" max "$T/live.bin"
    live_cpu "risu-dt sve=off" max,sve=off "$T/live.bin"
    live_cpu "risu-dt sve 512 all-state" max "$T/live.bin" --all-state
    live_cpu "risu-dt sve=off all-state" max,sve=off "$T/live.bin" \
        --all-state
    if [ -n "${RISU_RUNNER:-}" ] && [ -x "${RISU_PERL:-}/risugen" ] &&
            [ "$SRC" = "${RISU_CORPUS:-}/aarch64.risu" ]; then
        perl "$RISU_PERL/risugen" --numinsns "$N" --not-pattern 'STLUR.*' \
            --not-pattern 'LDAPUR.*' "$SRC" "$T/risu.bin" > /dev/null 2>&1
        risu_live "RISU sve 512" max --test-sve=4
        risu_live "RISU sve=off" max,sve=off
        awk '{ k = substr($0, 3, 26); sub(/ +$/, "", k); r[k] = $(NF - 5) }
             END { if (r["RISU sve 512"] > 0 && r["RISU sve=off"] > 0)
                   printf "  risu-dt / RISU, insns per cpu second: sve 512" \
                          " %.1fx (all-state %.1fx), sve=off %.1fx" \
                          " (all-state %.1fx)\n",
                          r["risu-dt sve 512"] / r["RISU sve 512"],
                          r["risu-dt sve 512 all-state"] / r["RISU sve 512"],
                          r["risu-dt sve=off"] / r["RISU sve=off"],
                          r["risu-dt sve=off all-state"] / \
                          r["RISU sve=off"] }' \
            "$T/live"
    else
        echo "  RISU's runner: set RISU_CORPUS, RISU_PERL and RISU_RUNNER"
    fi
fi
