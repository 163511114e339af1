#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The generator's fix-ups and clean-ups for UNPREDICTABLE values
# (arch/mips/gen.c, docs/mips-patterns.md), checked on --dry-run
# listings: what follows (or precedes) a test instruction per target.
set -u
BUILD=${BUILD:-build}
export RISU_DT_DATADIR=${RISU_DT_DATADIR:-.}
fail=0

# listing ARCH CPU PATTERN: the dry-run of 4 instructions of PATTERN
listing() {
    "$BUILD/risugen" --arch "$1" --cpu "$2" --pattern "$3" -n 4 -s 1 \
        --dry-run 2>&1
}
# expect WHAT ARCH CPU PATTERN REGEX: the listing matches REGEX (grep -E)
expect() {
    if ! listing "$2" "$3" "$4" | tr '\n' ' ' | grep -Eq "$5"; then
        echo "check-cleanup: FAIL: $1"; listing "$2" "$3" "$4" | tail -8
        fail=1
    fi
}
# 32-bit FP result, FR=1, Release 2: mthc1 $zero, fd.
expect "mthc1 after ADD.S" mips64el MIPS64R2-generic ADD_S \
    'ADD_S +[0-9a-f]+: 44e0[0-9a-f]{4} +clean-up'
# ... before Release 2: through gp, which gets its 0 back.
expect "dmfc1/dmtc1 via gp after ADD.S" mips64el Loongson-2F ADD_S \
    'ADD_S +[0-9a-f]+: 443c[0-9a-f]{4} +clean-up +[0-9a-f]+: 001ce03c .*001ce03e .*44bc[0-9a-f]{4} .*0000e025 +clean-up'
# MSA: bits 63:32 and 127:64 (n64: insert.w [1], insert.d [1]).
expect "inserts after ADD.S with MSA" mips64r6el I6400 ADD_S \
    'ADD_S +[0-9a-f]+: 7931[0-9a-f]{4} +clean-up +[0-9a-f]+: 7939[0-9a-f]{4} +clean-up'
# o32 MSA, 64-bit result: insert.w [2] and [3].
expect "inserts after ADD.D on P5600" mipsel P5600 ADD_D \
    'ADD_D +[0-9a-f]+: 7932[0-9a-f]{4} +clean-up +[0-9a-f]+: 7933[0-9a-f]{4} +clean-up'
# FR=0: nothing to define.
if listing mipsel 24Kf ADD_S | grep -q clean-up; then
    echo "check-cleanup: FAIL: clean-up on an FR=0 target"; fail=1
fi
# MSA divisors: bnz.df, nop, bseti.df before the instruction.
expect "vecnz fix-up before DIV_S" mips64r6el I6400 DIV_S \
    '47[89abcdef][0-9a-f]0002 +fix-up +[0-9a-f]+: 00000000 +fix-up +[0-9a-f]+: 7a[0-7][0-9a-f]{5} +fix-up +[0-9a-f]+: [0-9a-f]{8} +DIV_S'
# ALNV.PS: andi rs, rs, 4 first (rs & 7 other than 0 or 4 is
# UNPREDICTABLE).
expect "andi fix-up before ALNV.PS" mips64el MIPS64R2-generic ALNV_PS \
    '3[0-3][0-9a-f]{2}0004 +fix-up +[0-9a-f]+: 4[c-f][0-9a-f]{6} +ALNV_PS'
[ $fail = 0 ] && echo "check-cleanup: FPR/vector clean-ups, MSA divisor" \
    "and ALNV.PS fix-ups ok"
exit $fail
