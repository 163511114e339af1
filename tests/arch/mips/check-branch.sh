#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Branch groups (gen/branch.c) on MIPS under qemu-user:
#   check-branch.sh          make check: one seed per model, plus the
#                            delay-slot fault, report and error cases
#   check-branch.sh --long   10 seeds x 10,000 instructions per model
# Each image is recorded and replayed on the same model: the replay must
# match (exit 0: no mismatch, no escape from the image), and the image
# must carry join=/slot= metadata.  Models whose qemu is missing are
# skipped (said so).
set -u
BUILD=${BUILD:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export RISU_DT_DATADIR=${RISU_DT_DATADIR:-.}
G=$BUILD/risugen
fail=0

die() {
    echo "check-branch: FAIL: $*"
    fail=1
}

seeds=1
[ "${1:-}" = --long ] && seeds="1 2 3 4 5 6 7 8 9 10"

# risugen-arch cpu runner qemu
MODELS="mipsel 24Kf mipsel qemu-mipsel
mips64el Loongson-3A4000 mips64el qemu-mips64el
mips64r6el I6400 mipsisa64r6el qemu-mips64el
mips64el Octeon68XX mips64el qemu-mips64el
mips64el 20Kc mips64el qemu-mips64el
mips64el mips64dspr2 mips64el qemu-mips64el"

# One image: generate, record, replay; prints "NBRANCH NCHECKPOINTS".
run_one() {
    arch=$1 cpu=$2 fl=$3 q=$4 seed=$5
    img=$T/$arch-$seed.bin
    if ! "$G" -q --arch "$arch" --cpu "$cpu" --group branch -n 10000 \
            -s "$seed" -o "$img" >"$T/gen.out" 2>&1; then
        die "$arch seed $seed: risugen failed"; cat "$T/gen.out"; return
    fi
    nj=$(grep -a -o ' join=[0-9a-f]*' "$img" | wc -l)
    ns=$(grep -a -o ' slot=[0-9a-f]*' "$img" | wc -l)
    [ "$nj" -gt 1000 ] && [ "$ns" -gt 1000 ] ||
        die "$arch seed $seed: $nj join= and $ns slot= lines"
    if ! "$q" -cpu "$cpu" "$BUILD/risu-$fl" --master -t "$T/tr" "$img" \
            >"$T/rec.out" 2>&1; then
        die "$arch seed $seed: record failed"; cat "$T/rec.out"; return
    fi
    if ! "$q" -cpu "$cpu" "$BUILD/risu-$fl" -t "$T/tr" "$img" \
            >"$T/rep.out" 2>&1 ||
       ! grep -q 'match (0 mismatching)' "$T/rep.out"; then
        die "$arch seed $seed: replay does not match"; cat "$T/rep.out"
        return
    fi
    ncp=$(sed -n 's/^risu: \([0-9]*\) checkpoints.*/\1/p' "$T/rep.out")
    echo "$nj $ncp"
}

echo "$MODELS" | while read -r arch cpu fl q; do
    if ! command -v "$q" >/dev/null 2>&1; then
        echo "check-branch: $arch: SKIP ($q missing)"
        continue
    fi
    nb=0 ncp=0 nrun=0
    for s in $seeds; do
        r=$(run_one "$arch" "$cpu" "$fl" "$q" "$s") || true
        case $r in
        *FAIL*|"") echo "$r"; exit 1 ;;
        esac
        set -- $r
        nb=$((nb + $1)); ncp=$((ncp + $2)); nrun=$((nrun + 1))
    done
    echo "check-branch: $arch -cpu $cpu: $nrun seed(s) x 10000 insns," \
        "$nb branches, $ncp checkpoints, every replay matched, 0 escapes"
done || fail=1
[ "${1:-}" = --long ] && exit $fail

# A delay slot that traps (TEQ with equal operands): the kernel reports
# the branch's pc, the runner resumes at the join checkpoint, whose insn
# is the branch.  Then a changed si_code there names branch and slot.
img=$T/teq.bin
"$G" -q --arch mipsel --cpu 24Kf --pattern '^(BEQ|TEQ)$' -n 200 -s 5 \
    -o "$img" >"$T/gen.out" 2>&1 || { die "TEQ image"; cat "$T/gen.out"; }
Q="qemu-mipsel -cpu 24Kf"
R=$BUILD/risu-mipsel
if command -v qemu-mipsel >/dev/null 2>&1; then
    $Q "$R" --master -t "$T/teq.tr" "$img" >/dev/null 2>&1 ||
        die "TEQ image: record failed"
    "$BUILD/risu-trace" show --image "$img" "$T/teq.tr" >"$T/show" 2>&1
    k=$(grep -m1 'signal 5 .*\[BEQ ' "$T/show" | sed 's/^#\([0-9]*\) .*/\1/')
    if [ -z "$k" ]; then
        die "no trapping delay slot reported at its BEQ's join"
    else
        RISU_INJECT=$k:si_code:1 $Q "$R" -t "$T/teq.tr" "$img" \
            >"$T/inj.out" 2>&1
        grep -q "signal 5 in the delay slot of BEQ at 0x[0-9a-f]* (slot TEQ" \
            "$T/inj.out" || { die "report does not name branch and slot"
                              cat "$T/inj.out"; }
        "$BUILD/risu-trace" diff --image "$img" "$T/teq.tr" \
            "$T/teq.tr" >/dev/null 2>&1 || die "risu-trace diff of itself"
    fi
fi

# A target that is not linear in its field is refused at start-up.
printf '%s\n' '#@ tags branch' \
    '#@ branch rel=off*off field=off cond slot' \
    'BADB  000100 00000 00000 off:s16' >"$T/bad.decode"
if "$G" --arch mipsel --cpu 24Kf --group branch -n 10 -o "$T/bad.bin" \
        "$T/bad.decode" \
        >"$T/bad.out" 2>&1 ||
   ! grep -q "bad.decode:2: error: pattern BADB: branch target 'off\*off' \
is not linear in field off" "$T/bad.out"; then
    die "non-linear target accepted"; cat "$T/bad.out"
fi
[ $fail = 0 ] && echo "check-branch: delay-slot fault, report, bad target ok"
exit $fail
