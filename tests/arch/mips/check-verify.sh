#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# risugen --verify on MIPS names what it checks: a pattern whose name is
# not the disassembled mnemonic (here add.s labelled ADD_D) must fail, the
# same encoding named ADD_S must pass.  Skipped without capstone/objdump
# support in the build (risugen --verify then refuses to run).
set -u
BUILD=${BUILD:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export RISU_DT_DATADIR=${RISU_DT_DATADIR:-.}

for name in ADD_S ADD_D; do
    printf '%s\n' "#@ reg fpr fd fs ft" \
        "$name  010001 10000 ft:5 fs:5 fd:5 000000" >"$T/$name.decode"
done
"$BUILD/risugen" --arch mipsel --cpu 24Kf -n 50 --verify -o "$T/a.bin" \
    "$T/ADD_S.decode" >"$T/out" 2>&1 || {
    echo "check-verify: FAIL: add.s named ADD_S rejected:"; cat "$T/out"
    exit 1; }
"$BUILD/risugen" --arch mipsel --cpu 24Kf -n 50 --verify -o "$T/b.bin" \
    "$T/ADD_D.decode" >"$T/out" 2>&1
if [ $? != 1 ] || ! grep -q 'ADD_D.*another insn.*add\.s' "$T/out"; then
    echo "check-verify: FAIL: add.s named ADD_D accepted:"; cat "$T/out"
    exit 1
fi
# "(none)" in disasm-aliases.txt (DAPPEND: no disassembler knows it)
# lets an undecodable word pass as "decode-back only", under that name
# alone, and never a word that disassembles as another instruction.
for name in DAPPEND DAPPENDX; do
    printf '%s\n' "#@ reg gpr rs rt" \
        "$name  011111 rs:5 rt:5 sa:5 00000 110101" >"$T/$name.decode"
done
printf '%s\n' "#@ reg fpr fd fs ft" \
    "DAPPEND  010001 10000 ft:5 fs:5 fd:5 000000" >"$T/DAPPEND_ADD.decode"
"$BUILD/risugen" --arch mipsel --cpu 24Kf -n 50 --verify -o "$T/c.bin" \
    "$T/DAPPEND.decode" >"$T/out" 2>&1 &&
    grep -q ' 0 problem(s)' "$T/out" &&
    grep -q '50 words of 1 patterns no disassembler knows' "$T/out" || {
    echo "check-verify: FAIL: DAPPEND (none) not accepted:"; cat "$T/out"
    exit 1; }
for f in DAPPENDX DAPPEND_ADD; do
    "$BUILD/risugen" --arch mipsel --cpu 24Kf -n 50 --verify \
        -o "$T/c.bin" "$T/$f.decode" >"$T/out" 2>&1
    if [ $? != 1 ] || grep -q ' 0 problem(s)' "$T/out"; then
        echo "check-verify: FAIL: $f accepted:"; cat "$T/out"
        exit 1
    fi
done
# The DSP files against capstone (little-endian) and objdump (big-endian,
# and what capstone cannot decode): every tag, both widths; the MIPS64
# DSP tags on mips64dspr2 (dsp64r2: no disassembler, "(none)").
for c in "mipsel 74Kf" "mips 74Kf" "mips64el mips64dspr2 dsp64" \
         "mips64 mips64dspr2 dsp64"; do
    set -- $c
    more=
    [ $# -gt 2 ] && more="dsp64 dsp64-mul dsp64r2 dsp64r2-mul"
    for g in dsp dsp-mul dsp-mem dspr2 dspr2-mul $more; do
        if ! "$BUILD/risugen" --arch "$1" --cpu "$2" --group "$g" -n 400 \
                -s 5 --verify -o "$T/d.bin" >"$T/out" 2>&1 ||
           ! grep -q ' 0 problem(s)' "$T/out"; then
            echo "check-verify: FAIL: $1 $2 --group $g:"; cat "$T/out"
            exit 1
        fi
    done
done
# The Octeon, VR54xx, MIPS-3D and CRC32 files, each on a model with them
# (objdump -m mips:octeon2 / mips:5400 where capstone has no opinion).
for c in "mips64el Octeon68XX octeon" "mips64 Octeon68XX octeon" \
         "mips64el Octeon68XX octeon-noqemu" "mips64 VR5432 vr54xx" \
         "mips64el 20Kc mips3d" "mips64 MIPS64R2-generic mips3d" \
         "mips64r6el I6400 crc --features crc"; do
    set -- $c
    a=$1 cpu=$2 g=$3
    shift 3
    sel="--group $g"
    [ "$g" = octeon-noqemu ] && sel="--pattern LBX|LHUX|LWUX|SAA|SAAD|ZCB|ZCBT"
    # shellcheck disable=SC2086
    if ! "$BUILD/risugen" --arch "$a" --cpu "$cpu" "$@" $sel -n 400 -s 5 \
            --verify -o "$T/d.bin" >"$T/out" 2>&1 ||
       ! grep -q ' 0 problem(s)' "$T/out"; then
        echo "check-verify: FAIL: $a $cpu $g:"; cat "$T/out"
        exit 1
    fi
done
echo "check-verify: --verify matches MIPS names exactly; DSP" \
    "(dsp64r2: decode-back only), Octeon, VR54xx, MIPS-3D and CRC32" \
    "tags verified"
