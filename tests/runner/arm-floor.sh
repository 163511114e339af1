#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# bench-floor-arm: what one checkpoint costs under qemu-aarch64 before
# any runner work (build/aarch64/floor, tests/runner/arm-floor-a64.c):
#   trap   the checkpoint trap word, a SIGILL handler that only steps
#          the pc: QEMU's signal delivery + sigreturn
#   stub   the trap replaced by a branch to a per-checkpoint stub that
#          saves and restores every register (x, sp, NZCV, FPSR/FPCR,
#          V or Z/P/FFR): no signal
# each in a loop (translated once) and as new code at every checkpoint
# (trap1, stub1: as in a generated image, where QEMU translates the code
# around every checkpoint once), under -cpu max (SVE 512), sve=off and
# SVE 128 and 2048 bits.
set -eu
BUILD=${BUILD:-build}
F=$BUILD/aarch64/floor
N=${RISU_FLOOR_N:-200000}
echo "bench-floor-arm: $(qemu-aarch64 --version | head -1), load" \
     "$(cut -d' ' -f1 /proc/loadavg)"
for cpu in max max,sve=off max,sve-default-vector-length=16 \
           max,sve-default-vector-length=256; do
    case $cpu in
    max) what="SVE 512 (default)" ;;
    *sve=off) what="sve=off" ;;
    *=16) what="SVE 128" ;;
    *=256) what="SVE 2048" ;;
    esac
    echo "  -cpu $cpu: $what"
    for m in trap stub trap1 stub1; do
        printf '    %-5s ' "$m"
        qemu-aarch64 -cpu "$cpu" "$F" "$m" "$N"
    done
done
