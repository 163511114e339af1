#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Decode-edge campaign (issue 13; make check-edge, and a tiny run in make
# check): per configuration, SEEDS images of N instructions with edge
# words, each recorded (--master -t) and replayed on the same QEMU.
# Per configuration it prints runs, edge words, their SIGILL rate (from
# the traces, risu-trace coverage), matches and mismatches, and every run
# that failed the campaign:
#   escape      the test code left the image (a word that should never be
#               generated: our description is wrong)
#   no end      a trace without its end chunk (a runner that did not end
#               its trace: a runner bug)
#   mismatch    replay on the same QEMU differs (non-determinism)
#   hang        a run that hit the time bound
# A QEMU that aborts or crashes (exit >= 128) is the emulator's fault: it
# is reported, with the test word from the runner's --progress page, and
# is not a campaign failure.
#
# usage: tests/edge/campaign.sh [-s SEEDS] [-n N] [-c CONFIG,...] [-o DIR]
#                               [-r]
#   (defaults: 50 seeds, 10000 instructions, every configuration of
#   CONFIGS; -c also names those of ASE_CONFIGS; DIR
#   keeps the images, traces and logs; -r skips configurations whose
#   arch has no space list yet instead of judging by their own files)
# Exit 0 when no run failed, 1 otherwise, 2 on usage or tool errors.
set -u
BUILD=${BUILD:-build}
GEN=$BUILD/risugen
RT=$BUILD/risu-trace
SEEDS=50
N=10000
ONLY=
OUT=
REQUIRE_SPACE=0
BOUND=${BOUND:-300}

# The edge option: every class once risugen has --edge, else --undef=4;
# EDGE_OPT overrides it (e.g. EDGE_OPT="--edge neighbour:2").
if [ -n "${EDGE_OPT:-}" ]; then
    read -r -a EDGE <<< "$EDGE_OPT"
elif "$GEN" --help 2>&1 | grep -q -- '--edge'; then
    EDGE=(--edge all)
else
    EDGE=(--undef=4)
fi

# name risugen-arch cpu runner-flavour qemu pattern-files (- = defaults)
CONFIGS="
a64-fp aarch64 max aarch64 qemu-aarch64 arch/arm/a64-fp.decode
a64-simd aarch64 max aarch64 qemu-aarch64 arch/arm/a64-simd.decode
a64-mem aarch64 max aarch64 qemu-aarch64 arch/arm/a64-mem.decode
a32 arm cortex-a15 armhf qemu-arm arch/arm/a32.decode
a32-neon arm cortex-a15 armhf qemu-arm arch/arm/a32-neon.decode
t32 thumb cortex-a15 armhf qemu-arm --insnwidth 32 arch/arm/t32.decode
t16 thumb cortex-a15 armhf qemu-arm --insnwidth 16 arch/arm/t16.decode
mipsel mipsel 24Kf mipsel qemu-mipsel -
mips64el mips64el Loongson-3A4000 mips64el qemu-mips64el -
mips64r6el mips64r6el I6400 mipsisa64r6el qemu-mips64el -
umips16 micromipsel M14K mipsel qemu-mipsel --insnwidth 16 arch/mips/micromips16.decode
"
# The MIPS models with an ASE of their own (issue 19: DSP, Octeon,
# VR54xx, MIPS-3D), run only when named with -c (make check-edge-mips).
ASE_CONFIGS="
24kec mipsel 24KEc mipsel qemu-mipsel -
34kf mipsel 34Kf mipsel qemu-mipsel -
74kf mipsel 74Kf mipsel qemu-mipsel -
74kf-be mips 74Kf mips qemu-mips -
mips64dspr2 mips64el mips64dspr2 mips64el qemu-mips64el -
octeon mips64el Octeon68XX mips64el qemu-mips64el -
octeon-be mips64 Octeon68XX mips64 qemu-mips64 -
vr5432 mips64el VR5432 mips64el qemu-mips64el -
20kc mips64el 20Kc mips64el qemu-mips64el -
mips64r2 mips64el MIPS64R2-generic mips64el qemu-mips64el -
"

while getopts "s:n:c:o:r" o; do
    case $o in
    s) SEEDS=$OPTARG ;;
    n) N=$OPTARG ;;
    c) ONLY=",$OPTARG," ;;
    o) OUT=$OPTARG ;;
    r) REQUIRE_SPACE=1 ;;
    *) echo "usage: $0 [-s SEEDS] [-n N] [-c CONFIG,...] [-o DIR] [-r]" >&2
       exit 2 ;;
    esac
done
for t in "$GEN" "$RT"; do
    [ -x "$t" ] || { echo "campaign: $t not built" >&2; exit 2; }
done
if [ -n "$OUT" ]; then
    mkdir -p "$OUT" || exit 2
    T=$OUT
else
    T=$(mktemp -d /tmp/risu-edge-campaign.XXXXXX)
    trap 'rm -rf "$T"' EXIT
fi
FAILED=0

# SPACE=(--space LIST) when the arch has no space list yet (edgearm,
# edgemips): a list of the configuration's own files, so the judge of
# "unallocated" is only what they describe; branches and system words
# then become edge words, and the runner's escape guard must turn each
# into a clean exit-1 report (counted as escapes: failures).
# space_for NAME ARCH FILES...
space_for() {
    local name=$1 arch=$2 fam=mips f
    shift 2
    SPACE=()
    case $arch in aarch64|arm|thumb) fam=arm ;; esac
    [ -e "arch/$fam/space-$arch.list" ] && return
    if [ $# = 0 ]; then
        SPACE=(--space "arch/$fam/default-$arch.list")
    else
        while [ $# -gt 0 ]; do
            case $1 in --*) printf "%s %s " "$1" "$2"; shift ;;
                        *) printf "%s\n" "$PWD/$1" ;; esac
            shift
        done > "$T/$name.space"
        SPACE=(--space "$T/$name.space")
    fi
    SPACE_NOTE=" (no arch/$fam/space-$arch.list yet: judged by ${SPACE[1]})"
}

# The runner's verdict on one seed: sets RESULT and appends to NOTES.
# one_run NAME SEED ARCH CPU RUNNER QEMU FILES...
one_run() {
    local name=$1 seed=$2 arch=$3 cpu=$4 runner=$5 q=$6 b rc
    shift 6
    b=$T/$name-$seed
    if ! "$GEN" --arch "$arch" --cpu "$cpu" -n "$N" --seed "$seed" \
            "${EDGE[@]}" "${SPACE[@]}" --drop-unsatisfiable -o "$b.bin" "$@" \
            > "$b.gen" 2>&1; then
        RESULT=generator
        NOTES+="  seed $seed: risugen failed: $(tail -1 "$b.gen")"$'\n'
        return
    fi
    # (in braces: the shell's "Aborted" notice goes to /dev/null too)
    { timeout "$BOUND" "$q" -cpu "$cpu" "$runner" --master -t "$b.tr" \
        --progress "$b.prog" "$b.bin" > "$b.rec" 2>&1; } 2> /dev/null
    rc=$?
    if [ $rc = 124 ]; then
        RESULT=hang
        NOTES+="  seed $seed: no end within $BOUND s: $("$RT" progress \
            --image "$b.bin" "$b.prog" 2>&1 | grep '^test word')"$'\n'
        return
    elif [ $rc -ge 128 ]; then
        RESULT=qemu-died
        NOTES+="  seed $seed: QEMU died (exit $rc), the emulator's fault: "
        NOTES+="$("$RT" progress --image "$b.bin" "$b.prog" 2>&1 |
                   grep '^test word' || echo 'no progress page')"$'\n'
        return
    elif grep -q "transferred control" "$b.rec"; then
        RESULT=escape
        NOTES+="  seed $seed: $(grep -m1 'transferred control' "$b.rec")"$'\n'
    elif [ $rc != 0 ]; then
        RESULT=record-error
        NOTES+="  seed $seed: record exit $rc: $(tail -1 "$b.rec")"$'\n'
    fi
    if ! "$RT" verify "$b.tr" > "$b.ver" 2>&1; then
        RESULT=no-end
        NOTES+="  seed $seed: trace without end chunk: $(tail -1 "$b.ver")"$'\n'
        return
    fi
    TRACES+=("$b.bin" "$b.tr")
    [ $rc = 0 ] || return
    # The replay runs as the recording did, progress page included.
    { timeout "$BOUND" "$q" -cpu "$cpu" "$runner" -t "$b.tr" \
        --progress "$b.rprog" "$b.bin" > "$b.rep" 2>&1; } 2> /dev/null
    rc=$?
    case $rc in
    0) RESULT=match ;;
    1) RESULT=mismatch
       NOTES+="  seed $seed: $(grep -m1 mismatch "$b.rep")"$'\n' ;;
    124) RESULT=hang ;;
    *) if [ $rc -ge 128 ]; then RESULT=qemu-died; else RESULT=replay-error; fi
       NOTES+="  seed $seed: replay exit $rc: $(tail -1 "$b.rep")"$'\n' ;;
    esac
}

# Edge words executed and how many raised SIGILL, from the coverage table.
edge_stats() {
    [ ${#TRACES[@]} -gt 0 ] || { echo "0 0 0"; return; }
    "$RT" coverage "${TRACES[@]}" 2> /dev/null | awk '
        /^edge class/ { t = 1; next }
        t && NF >= 6 && $2 ~ /^[0-9]+$/ { g += $2; e += $3; s += $4 }
        t && NF == 0 { t = 0 }
        END { printf "%d %d %d\n", g, e, s }'
}

one_config() {
    local name=$1 arch=$2 cpu=$3 fl=$4 q=$5 runner s k
    shift 5
    runner=$BUILD/risu-$fl
    if [ ! -x "$runner" ] || ! command -v "$q" > /dev/null; then
        printf "%-11s skipped (%s or %s missing)\n" "$name" "$runner" "$q"
        return
    fi
    [ "$*" = "-" ] && set --
    declare -A count=()
    NOTES=
    TRACES=()
    SPACE_NOTE=
    space_for "$name" "$arch" "$@"
    if [ -n "$SPACE_NOTE" ] && [ $REQUIRE_SPACE = 1 ]; then
        printf "%-11s skipped (-r: no space list for %s yet)\n" "$name" \
            "$arch"
        return
    fi
    for s in $(seq 1 "$SEEDS"); do
        RESULT=
        one_run "$name" "$s" "$arch" "$cpu" "$runner" "$q" "$@"
        count[$RESULT]=$(( ${count[$RESULT]:-0} + 1 ))
    done
    read -r gen exe ill <<< "$(edge_stats)"
    local rate=-
    [ "$exe" -gt 0 ] && rate=$(awk -v a="$ill" -v b="$exe" \
        'BEGIN { printf "%.1f%%", 100 * a / b }')
    printf "%-11s runs %3d  edge words %7d executed %7d SIGILL %7d (%s)  " \
        "$name" "$SEEDS" "$gen" "$exe" "$ill" "$rate"
    printf "match %d mismatch %d" "${count[match]:-0}" "${count[mismatch]:-0}"
    for k in escape no-end hang record-error replay-error generator \
             qemu-died; do
        [ -n "${count[$k]:-}" ] && printf " %s %d" "$k" "${count[$k]}"
    done
    echo
    [ -z "$SPACE_NOTE" ] || echo " $SPACE_NOTE"
    printf "%s" "$NOTES"
    for k in escape no-end hang mismatch record-error replay-error \
             generator; do
        [ -n "${count[$k]:-}" ] && FAILED=1
    done
}

echo "edge campaign: $SEEDS seeds x $N instructions, ${EDGE[*]}"
while read -r name arch cpu fl q files; do
    [ -n "$name" ] || continue
    [ -z "$ONLY" ] || [[ $ONLY == *",$name,"* ]] || continue
    # shellcheck disable=SC2086
    one_config "$name" "$arch" "$cpu" "$fl" "$q" $files
done <<< "$CONFIGS${ONLY:+$ASE_CONFIGS}"
[ $FAILED = 0 ] && echo "edge campaign: passed" ||
    echo "edge campaign: FAILED"
exit $FAILED
