#!/bin/sh
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
echo "check-verify: --verify matches MIPS names exactly"
