#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Image features the MIPS runner checks and sets up:
#  - dsp: images that declare it (74Kf, 34Kf presets) have ac1-ac3 and
#    DSPControl captured and compared; other images on a DSP model do
#    not, and a DSP-less model refuses dsp images;
#  - ps: refused where FIR.PS is clear (5Kf), accepted where set (20Kc,
#    which has no F64 bit: the check must read PS, bit 18);
#  - crc: generated only with --features crc on R6, refused by the runner
#    without HWCAP_MIPS_CRC32;
#  - fpu: a model without it against one with it (validate.py compares
#    their traces, FPU registers captured on one side apart).
# Skipped without qemu-mipsel/qemu-mips64el or the runners.
set -u
BUILD=${BUILD:-build}
R=$BUILD/risu-mipsel
command -v qemu-mipsel >/dev/null && [ -x "$R" ] || {
    echo "check-features: skipped (no qemu-mipsel or $R)"; exit 0; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
export RISU_DT_DATADIR=${RISU_DT_DATADIR:-.}
fail=0
bad() { echo "check-features: FAIL: $*"; fail=1; }

# 34Kf's preset (DSP R1, no R2): the image runs on 74Kf and on 34Kf.
"$BUILD/risugen" --arch mipsel --cpu 34Kf -n 300 -s 3 -o "$T/dsp.bin" ||
    exit 1
"$BUILD/risugen" --arch mipsel --cpu 24Kf -n 300 -s 3 -o "$T/plain.bin" ||
    exit 1

qemu-mipsel -cpu 74Kf "$R" --dump "$T/dsp.bin" >"$T/dump" 2>&1 ||
    bad "dsp image on 74Kf"
# The preamble loads random words into ac1-ac3: some must be non-zero.
grep -q '^  hi2=0x0*[1-9a-f]' "$T/dump" || bad "hi2 not captured"
grep -q '^  dspctrl=' "$T/dump" || bad "dspctrl not captured"
qemu-mipsel -cpu 74Kf "$R" --master -t "$T/dsp.tr" "$T/dsp.bin" \
    >"$T/out" 2>&1 || bad "record on 74Kf"
qemu-mipsel -cpu 34Kf "$R" -t "$T/dsp.tr" "$T/dsp.bin" >"$T/out" 2>&1 ||
    bad "replay on 34Kf: $(tail -2 "$T/out")"
RISU_INJECT=5:lo3:7 qemu-mipsel -cpu 34Kf "$R" -t "$T/dsp.tr" "$T/dsp.bin" \
    >"$T/out" 2>&1
[ $? = 1 ] && grep -q 'lo3' "$T/out" || bad "injected lo3 flip not reported"
qemu-mipsel -cpu 24Kf "$R" --dump "$T/dsp.bin" >"$T/out" 2>&1
[ $? = 2 ] && grep -q "needs 'dsp'" "$T/out" ||
    bad "24Kf (no DSP) did not refuse the dsp image"
qemu-mipsel -cpu 74Kf "$R" --dump "$T/plain.bin" >"$T/dump" 2>&1 ||
    bad "plain image on 74Kf"
grep -q '^  hi1=' "$T/dump" && bad "DSP captured for an image without dsp"

# validate.py's second model by traces (24KEc has no FPU, 74Kf has one):
# the FPU registers one side does not capture are the only difference
# allowed, so a flipped accumulator bit on the second model must fail.
if command -v qemu-mips >/dev/null && [ -x "$BUILD/risu-mips" ]; then
    V="python3 tests/arch/mips/validate.py --quick -n 300 --cases ^mips.24KEc"
    BUILD=$BUILD $V --tags dsp-mul >"$T/out" 2>&1 ||
        bad "24KEc against 74Kf by traces: $(tail -3 "$T/out")"
    VALIDATE_INJECT=40:lo1:3 BUILD=$BUILD $V --tags dsp-mul >"$T/out" 2>&1
    [ $? = 1 ] && grep -q 'beyond the FPU' "$T/out" && grep -q lo1 "$T/out" ||
        bad "a lo1 flip on 74Kf not reported: $(tail -3 "$T/out")"
fi

R64=$BUILD/risu-mips64el
if command -v qemu-mips64el >/dev/null && [ -x "$R64" ]; then
    "$BUILD/risugen" --arch mips64el --cpu MIPS64R2-generic --group fpu-ps \
        -n 200 -s 3 -o "$T/ps.bin" || exit 1
    qemu-mips64el -cpu 20Kc "$R64" --dump "$T/ps.bin" >"$T/out" 2>&1 ||
        bad "ps image refused on 20Kc (FIR.PS set)"
    qemu-mips64el -cpu 5Kf "$R64" --dump "$T/ps.bin" >"$T/out" 2>&1
    [ $? = 2 ] && grep -q "needs 'ps'" "$T/out" ||
        bad "5Kf (FIR.PS clear) did not refuse the ps image"
fi
# crc (Release 6 CRC32 ASE): no preset has it, so risugen says which
# file the default list left out; with --features crc the image is made,
# and a runner refuses it unless the kernel reports HWCAP_MIPS_CRC32
# (QEMU 7.2 never does).
"$BUILD/risugen" --arch mips64r6el --cpu I6400 --group crc -n 10 \
    -o "$T/crc.bin" >"$T/out" 2>&1 && bad "crc group generated without crc"
grep -q "crc.decode (needs crc)" "$T/out" ||
    bad "no crc.decode hint: $(cat "$T/out")"
"$BUILD/risugen" --arch mips64el --features crc -n 10 -o "$T/crc.bin" \
    >"$T/out" 2>&1 && bad "crc accepted on a pre-R6 arch"
R6=$BUILD/risu-mipsisa64r6el
if command -v qemu-mips64el >/dev/null && [ -x "$R6" ]; then
    "$BUILD/risugen" --arch mips64r6el --cpu I6400 --features crc \
        --group crc -n 50 -s 3 -o "$T/crc.bin" >/dev/null 2>&1 ||
        bad "crc image with --features crc"
    qemu-mips64el -cpu I6400 "$R6" --dump "$T/crc.bin" >"$T/out" 2>&1
    [ $? = 2 ] && grep -q "needs 'crc'" "$T/out" ||
        bad "I6400 (no CRC32 ASE) did not refuse the crc image"
fi
[ $fail = 0 ] &&
    echo "check-features: dsp capture/replay/injection/refusal, FPU-less" \
        "model against an FPU one by traces, ps check, crc refusal ok"
exit $fail
