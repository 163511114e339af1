#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Run one instruction word under qemu-user on a CPU model and say what it
# raised: the reproducer of docs/mips-patterns.md's "Decode edges".
#   usage: tests/arch/mips/qemu-word.sh ARCH CPU WORD
#   ARCH: mipsel, mips, mips64el, mips64, mipsr6el, mips64r6el, or
#   mips16el / mips16: WORD is one or two MIPS16e halfwords ("0xe809",
#   "0xf000,0x6a00"), run in MIPS16e mode (entered with jr, left with jalx)
# The program is the word, then exit(0) through a system call, with no C
# library (a static libc's start-up code could use instructions the model
# lacks): exit status 0 = the word ran without a signal.
set -eu
[ $# -eq 3 ] || { echo "usage: $0 ARCH CPU WORD" >&2; exit 2; }
arch=$1 cpu=$2 word=$3
case $arch in
mipsel)     cc=mipsel-linux-gnu-gcc; fl="-march=mips1 -mfp32"; q=qemu-mipsel; nr=4001 ;;
mips)       cc=mips-linux-gnu-gcc; fl="-march=mips1 -mfp32"; q=qemu-mips; nr=4001 ;;
mips64el)   cc=mips64el-linux-gnuabi64-gcc; fl="-march=mips3"; q=qemu-mips64el
            nr=5058 ;;
mips64)     cc=mips64el-linux-gnuabi64-gcc; fl="-march=mips3 -EB"; q=qemu-mips64
            nr=5058 ;;
mipsr6el)   cc=mipsisa32r6el-linux-gnu-gcc; fl=""; q=qemu-mipsel; nr=4001 ;;
mips64r6el) cc=mipsisa64r6el-linux-gnuabi64-gcc; fl=""; q=qemu-mips64el
            nr=5058 ;;
mips16el)   cc=mipsel-linux-gnu-gcc; fl="-march=mips32 -mno-abicalls -fno-pic"
            q=qemu-mipsel; nr=4001 ;;
mips16)     cc=mips-linux-gnu-gcc; fl="-march=mips32 -mno-abicalls -fno-pic"
            q=qemu-mips; nr=4001 ;;
*) echo "$0: unknown arch $arch" >&2; exit 2 ;;
esac
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
case $arch in
mips16*)
    # The word runs in MIPS16e mode: jr to an odd address enters it,
    # jalx (a MIPS16e JAL with the ISA switch) leaves it.
    cat > "$t/w.S" <<EOS
        .set noreorder
        .globl __start
__start:
        lui \$8, %hi(m16 + 1)
        addiu \$8, %lo(m16 + 1)
        jr \$8
        nop
        .set mips16
        .align 2
m16:
        .hword $word
        jalx back
        nop
        .set nomips16
        .align 2
back:
        li \$2, $nr
        li \$4, 0
        syscall
EOS
    ;;
*)
    cat > "$t/w.S" <<EOS
        .set noreorder
        .globl __start
__start:
        .word $word
        li \$2, $nr
        li \$4, 0
        syscall
EOS
    ;;
esac
# shellcheck disable=SC2086
$cc $fl -nostdlib -static -Wl,-e,__start -o "$t/w" "$t/w.S"
ulimit -c 0 2>/dev/null || :
rc=0
$q -cpu "$cpu" "$t/w" > "$t/out" 2>&1 || rc=$?
if [ $rc -eq 0 ]; then
    echo "$arch $cpu $word: no signal"
elif [ $rc -gt 128 ]; then
    echo "$arch $cpu $word: signal $((rc - 128)) ($(head -1 "$t/out"))"
else
    echo "$arch $cpu $word: exit $rc"
fi
