#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Run MIPS pattern files under QEMU linux-user and tally the signals each
# pattern raises, so unexpected ones (SIGILL above all: a word the model
# should accept) show up.  Not part of "make check" (slow, needs qemu-user);
# see docs/mips-patterns.md for the expected signals.
#
# usage: tests/arch/mips/qemu-sweep.sh [-n N] [-s SEED] [-g GROUP] CPU ARCH FILE...
#   CPU   QEMU CPU model (e.g. 24Kf, P5600, I6400, Loongson-3A4000)
#   ARCH  risugen arch: mipsel, mips64el, mipsr6el, mips64r6el
#   FILE  pattern files, each generated as its own image
# Prints, per file, "PATTERN SIGNAL SI_CODE COUNT" lines for every signal
# and a summary line; exits 1 if any SIGILL was seen.
set -eu

BUILD=${BUILD:-build}
N=2000
SEED=1
GROUP=
while [ $# -gt 0 ]; do
    case $1 in
    -n) N=$2; shift 2 ;;
    -s) SEED=$2; shift 2 ;;
    -g) GROUP=$2; shift 2 ;;
    -*) echo "qemu-sweep: unknown option $1" >&2; exit 2 ;;
    *) break ;;
    esac
done
[ $# -ge 3 ] || { sed -n '6,12p' "$0" >&2; exit 2; }
CPU=$1
ARCH=$2
shift 2

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

status=0
for f in "$@"; do
    img=$TMP/$(basename "$f").bin
    set -- --arch "$ARCH" --cpu "$CPU" -n "$N" -s "$SEED" -o "$img"
    [ -n "$GROUP" ] && set -- "$@" --group "$GROUP"
    if ! "$BUILD/risugen" "$@" "$f" >"$TMP/gen.log" 2>&1; then
        echo "$f: risugen failed:"; cat "$TMP/gen.log"; status=1; continue
    fi
    # The runner for the arch and the FR/NaN mode recorded in the image.
    feats=" $(strings "$img" | sed -n 's/^features=//p' | tr ',' ' ') "
    case $ARCH in
    mipsel)
        QEMU=qemu-mipsel
        RUNNER=$BUILD/risu-mipsel
        case $feats in *" fr1 "*) RUNNER=$RUNNER-fp64 ;; esac
        case $feats in *" nan2008 "*) RUNNER=$RUNNER-nan2008 ;; esac ;;
    mips64el)   QEMU=qemu-mips64el; RUNNER=$BUILD/risu-mips64el ;;
    mipsr6el)   QEMU=qemu-mipsel;   RUNNER=$BUILD/risu-mipsisa32r6el ;;
    mips64r6el) QEMU=qemu-mips64el; RUNNER=$BUILD/risu-mipsisa64r6el ;;
    *) echo "qemu-sweep: unsupported arch $ARCH" >&2; exit 2 ;;
    esac
    [ -x "$RUNNER" ] || { echo "qemu-sweep: no runner $RUNNER" >&2; exit 2; }
    end=ok
    timeout 600 "$QEMU" -cpu "$CPU" "$RUNNER" --dump "$img" \
        >"$TMP/dump" 2>"$TMP/err" || end="runner failed: $(tail -1 "$TMP/err")"
    # "checkpoint K op 0 pc P insn W signal S si_code C fault F"
    awk '/^checkpoint .* signal /{print $8, $10, $12}' "$TMP/dump" |
        sort >"$TMP/sigs"
    cut -d' ' -f1 "$TMP/sigs" | "$BUILD/risu-decode" "$f" -- - 2>/dev/null |
        awk '{print $2}' >"$TMP/names"
    paste -d' ' "$TMP/names" "$TMP/sigs" |
        awk '{print $1, $3, $4}' | sort | uniq -c |
        awk '{printf "  %-14s sig %-2s si_code %-4s x%d\n", $2, $3, $4, $1}'
    total=$(grep -c '^checkpoint' "$TMP/dump" || true)
    ill=$(awk '$2 == 4' "$TMP/sigs" | wc -l)
    echo "$f on $CPU/$ARCH: $total checkpoints, $(wc -l <"$TMP/sigs") signals, $ill SIGILL ($end)"
    [ "$ill" -eq 0 ] || status=1
done
exit $status
