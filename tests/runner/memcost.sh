#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# bench-memcost: record risugen images (-n 20000, seed 0) for mipsel
# (24Kf) and aarch64 (max) under qemu-user and print what the memory
# blocks of trace format 2 cost per checkpoint (build/tests/memcost
# re-encodes each trace with and without them).
set -eu
B=${BUILD:-build}
T=$(mktemp -d /tmp/risu-memcost.XXXXXX)
trap 'rm -rf "$T"' EXIT
echo "bench-memcost: trace bytes per checkpoint, risugen -n 20000"
run() {  # arch cpu runner qemu...
    local a=$1 cpu=$2 r=$3
    shift 3
    [ -x "$B/risu-$r" ] || return 0
    "$B/risugen" -q --arch "$a" --cpu "$cpu" -n 20000 -o "$T/$a.bin"
    "$@" "$B/risu-$r" --master -t "$T/$a.tr" "$T/$a.bin" 2> /dev/null
    "$B/tests/memcost" "$T/$a.tr"
}
run mipsel 24Kf mipsel qemu-mipsel -cpu 24Kf
run aarch64 max aarch64 qemu-aarch64 -cpu max
