#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Reproducers for the MIPS64 DSP findings of docs/mips-patterns.md: each
# case is a few instructions that leave a result in $2, run on its own
# under qemu-user (no C library), and compared with the value the MIPS64
# DSP ASE manual (MD00375) gives for the same inputs, worked out by hand
# in the comment.
#   usage: tests/arch/mips/qemu-dsp64-findings.sh [ARCH [CPU]]
#   ARCH mips64el (default) or mips64, CPU default mips64dspr2.
# Prints "manual" or "DIFFERS" per case; exit status 0 either way unless
# a program could not be built or run (2).
set -eu
arch=${1:-mips64el} cpu=${2:-mips64dspr2}
case $arch in
mips64el) fl="" q=qemu-mips64el le=1 ;;
mips64)   fl="-EB" q=qemu-mips64 le=0 ;;
*) echo "$0: ARCH is mips64el or mips64" >&2; exit 2 ;;
esac
cc=mips64el-linux-gnuabi64-gcc
command -v "$cc" >/dev/null && command -v "$q" >/dev/null ||
    { echo "qemu-dsp64-findings: $cc or $q missing: skipped"; exit 0; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# build BODY: the program BODY, then $2 written to stdout, exit(0).
build() {
    cat > "$t/p.S" <<EOS
        .set noreorder
        .set noat
        .globl __start
__start:
$1
        daddiu \$sp, \$sp, -16
        sd \$2, 0(\$sp)
        li \$2, 5001
        li \$4, 1
        move \$5, \$sp
        li \$6, 8
        syscall
        li \$2, 5058
        li \$4, 0
        syscall
EOS
    # shellcheck disable=SC2086
    $cc -march=mips64r2 -mabi=64 -mdspr2 $fl -nostdlib -static \
        -Wl,-e,__start -o "$t/p" "$t/p.S" || exit 2
}

# run NAME EXPECTED-HEX BODY: BODY computes $2.
run() {
    build "$3"
    # The doubleword as stored, most significant byte first.
    got=$($q -cpu "$cpu" "$t/p" | od -An -tx1 -v |
          awk -v le=$le '{ for (i = 1; i <= NF; i++) b[n++] = $i }
              END { for (i = 0; i < n; i++) printf "%s", b[le ? n-1-i : i] }')
    [ -n "$got" ] || { echo "$1: no output"; exit 2; }
    if [ "$got" = "$2" ]; then
        echo "$1: manual ($got)"
    else
        echo "$1: DIFFERS: got $got, manual $2"
    fi
}

# EXTPDP $2, $ac1, 7 with pos = 100 (7 bits on MIPS64): the manual
# leaves the 32-bit extract UNPREDICTABLE there; QEMU 7.2 dies
# (extract64 assertion in helper_extpdp), finding 7.
build '
        li $5, 100
        wrdsp $5, 1
        extpdp $2, $ac1, 7'
ulimit -c 0 2>/dev/null || :
out=$(sh -c '"$0" -cpu "$1" "$2" 2>&1; :' "$q" "$cpu" "$t/p" 2>&1)
if echo "$out" | grep -q 'extract64: Assertion'; then
    echo "EXTPDP with pos >= 64: QEMU aborts (extract64 assertion)"
else
    echo "EXTPDP with pos >= 64: no abort"
fi

# PRECR_SRA.QH.PW $3, $4, 0 (.word: binutils lacks it): rt = rt.w1[15:0]
# || rt.w0[15:0] || rs.w1[15:0] || rs.w0[15:0] with sa = 0.
run "PRECR_SRA.QH.PW writes rt" 1111222233334444 '
        dli $3, 0x0000111100002222
        dli $4, 0x0000333300004444
        .word 0x7c830795
        move $2, $3'

# PREPENDD $3, $4, 0: rt = rs[31:0] || rt[63:32] (sa + 32 = 32 bits).
run "PREPENDD keeps rt's high half" 4444444411111111 '
        dli $3, 0x1111111122222222
        dli $4, 0x3333333344444444
        .word 0x7c8300f5
        move $2, $3'

# DEXTR_S.H $2, $ac1, 0 with ac1 = -40000: saturates to -32768.
run "DEXTR_S.H saturates -40000" ffffffffffff8000 '
        li $5, -1
        mthi $5, $ac1
        li $5, -40000
        mtlo $5, $ac1
        dextr_s.h $2, $ac1, 0'

# DEXTP $2, $ac1, 7 with pos = 100: bits 100..93 of HI:LO = HI[36:29];
# HI = 0x0123456789abcdef: (HI >> 29) & 0xff = 0x3c.
run "DEXTP with pos - size >= 64" 000000000000003c '
        li $5, 100
        wrdsp $5, 1
        dli $5, 0x0123456789abcdef
        mthi $5, $ac1
        dli $5, 0xfedcba9876543210
        mtlo $5, $ac1
        dextp $2, $ac1, 7'

# DEXTP $2, $ac1, 7 with pos = 7: bits 7..0 of LO = 0x10.
run "DEXTP with pos = size" 0000000000000010 '
        li $5, 7
        wrdsp $5, 1
        dli $5, 0x0123456789abcdef
        mthi $5, $ac1
        dli $5, 0xfedcba9876543210
        mtlo $5, $ac1
        dextp $2, $ac1, 7'

# DEXTP $2, $ac1, 7 with pos = 40: LO[40:33] =
# (0xfedcba9876543210 >> 33) & 0xff = 0x4c.
run "DEXTP with the field in LO[63:32]" 000000000000004c '
        li $5, 40
        wrdsp $5, 1
        dli $5, 0x0123456789abcdef
        mthi $5, $ac1
        dli $5, 0xfedcba9876543210
        mtlo $5, $ac1
        dextp $2, $ac1, 7'

# Control (QEMU agrees): DEXTP $2, $ac1, 7 with pos = 32: LO[32:25] =
# (0xfedcba9876543210 >> 25) & 0xff = 0x3b.
run "DEXTP with pos = 32 (control)" 000000000000003b '
        li $5, 32
        wrdsp $5, 1
        dli $5, 0x0123456789abcdef
        mthi $5, $ac1
        dli $5, 0xfedcba9876543210
        mtlo $5, $ac1
        dextp $2, $ac1, 7'
