#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# bench-runner: 100k-checkpoint mipsel image under qemu-mipsel -cpu 24Kf:
# checkpoints/s live (master + apprentice on loopback), record, replay,
# and trace bytes per checkpoint.  Rates use wall time; CPU time is
# shown too because the machine may be shared.
set -eu
BUILD=${BUILD:-build}
R=$BUILD/risu-mipsel
IMG=$BUILD/mipsel/bench.bin
Q="qemu-mipsel -cpu 24Kf"
T=$(mktemp -d /tmp/risu-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT
N=100001
PORT=$((30000 + $$ % 20000))

rate() {   # label seconds cpu-seconds
    awk -v l="$1" -v s="$2" -v c="$3" -v n=$N 'BEGIN {
        printf "  %-8s %8.0f checkpoints/s  (%.2f s wall, %.2f s cpu)\n",
               l, n / s, s, c }'
}
timed() {  # run a command, print "wall cpu"
    /usr/bin/time -f "%e %U %S" -o "$T/time" "$@" > /dev/null 2> "$T/err" ||
        { cat "$T/err"; exit 1; }
    awk '{ printf "%s %s\n", $1, $2 + $3 }' "$T/time"
}

echo "bench-runner: $N checkpoints, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
read -r w c <<< "$(timed $Q $R --master -t "$T/tr" "$IMG")"
rate record "$w" "$c"
bytes=$(stat -c %s "$T/tr")
read -r w c <<< "$(timed $Q $R -t "$T/tr" "$IMG")"
rate replay "$w" "$c"
start=$(date +%s.%N)
$Q $R --master --port $PORT "$IMG" > /dev/null &
mpid=$!
read -r w2 c2 <<< "$(timed $Q $R --host localhost --port $PORT "$IMG")"
wait $mpid
end=$(date +%s.%N)
w=$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')
rate live "$w" "$c2"
awk -v b="$bytes" -v n=$N 'BEGIN {
    printf "  trace    %d bytes, %.2f bytes/checkpoint\n", b, b / n }'
