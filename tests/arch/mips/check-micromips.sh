#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# microMIPS images (--arch micromips, micromipsel; arch/mips/isamode.h)
# under qemu-user on M14K and M14Kc, the two QEMU 7.2 models with the ASE:
#   - risugen refuses a model without microMIPS and Release 6;
#   - --verify names what it checks (a SUBU16 word labelled ADDU16 fails,
#     with capstone and with objdump alone), and a default image passes
#     both (capstone CS_MODE_MICRO, objdump -m mips:micromips);
#   - record on M14K, replay on M14K and M14Kc, live over TCP (slot 10)
#     and a Unix socket across the two models, an injected fault found;
#   - branch groups (16/32-bit delay slots, compact, register jumps with
#     the ISA bit): verified, recorded, replayed, odd link offsets;
#   - 16-bit faults resume after 2 bytes (BREAK16 before every checkpoint).
# --long (make check-micromips): 10,000 instructions and objdump over
# 12,000 words per byte order; the brief run (make check) uses 2,000.
# Models whose qemu or runner is missing are skipped.
set -u
# shellcheck source=tests/runner/lib.sh
. "$(dirname "$0")/../../runner/lib.sh"
runner_tests_init micromips 10
export RISU_DT_DATADIR=${RISU_DT_DATADIR:-$(pwd)}

N=2000 NV=2000
[ "${1:-}" = --long ] && { N=10000 NV=12000; }
G=$BUILD/risugen

# Refusals: a model without the ASE, and Release 6 (other encodings).
expect 2 "24Kf refused" "$G" --arch micromipsel --cpu 24Kf -n 10 \
    -o "$T/x.img"
grep_out "CPU model 24Kf has no micromips" "24Kf refusal message"
[ -e "$T/x.img" ] && bad "24Kf refusal left an image" || ok
expect 2 "R6 refused" "$G" --arch micromips --cpu mips32r6-generic -n 10 \
    -o "$T/x.img"
grep_out "Release 6 images of it are not generated" "R6 refusal message"

# --verify must fail on a mislabelled word, by either disassembler.
printf '#@ reg gpr3 rd rs rt\nADDU16 000001 rd:3 rt:3 rs:3 1\n' \
    > "$T/bad.decode"
for v in --verify --verify=objdump; do
    expect 1 "$v mislabel" "$G" --arch micromipsel --cpu M14K -n 40 $v \
        --insnwidth 16 "$T/bad.decode" -o "$T/bad.img"
    grep_out "ADDU16.*another insn.*subu" "$v mislabel message"
done

# ELF images: e_flags name the ASE and the instruction symbols carry
# STO_MICROMIPS, so a plain objdump -d disassembles the body as microMIPS.
if command -v mipsel-linux-gnu-objdump >/dev/null; then
    expect 0 "elf image" "$G" --arch micromipsel --cpu M14K -n 30 -s 4 \
        -o "$T/u.elf"
    mipsel-linux-gnu-readelf -h -s "$T/u.elf" > "$T/out" 2>&1
    grep_out "Flags: .*micromips" "elf flags name microMIPS"
    grep_out "\[MICROMIPS\] .* ADDU16\." "elf instruction symbols are microMIPS"
    mipsel-linux-gnu-objdump -d "$T/u.elf" > "$T/out" 2>&1
    grep_out "^2[0-9a-f]*:.[0-9a-f]\{4\} *	addu	" "objdump -d shows ADDU16"
fi

# BREAK16 codes 0-5 (6 and 7 are SIGFPE on Linux): SIGTRAP, resumed
# at the 2-byte checkpoint after it every time.
printf '#@ tags trap\n#@ constraint code < 6\nBREAK16 010001 101000 code:4\n' \
    > "$T/brk.decode"

for a in micromipsel micromips; do
    case $a in
    micromipsel) q=qemu-mipsel R=$BUILD/risu-mipsel ;;
    *) q=qemu-mips R=$BUILD/risu-mips ;;
    esac
    if ! command -v $q >/dev/null || [ ! -x "$R" ]; then
        echo "check-micromips: $q or $R missing, $a skipped"
        continue
    fi
    img=$T/$a.img
    expect 0 "$a verify" "$G" --arch $a --cpu M14K -n "$NV" -s 11 --verify \
        -o "$img"
    grep_out " 0 problem(s)" "$a verify result"
    expect 0 "$a verify=objdump" "$G" --arch $a --cpu M14K -n "$NV" -s 12 \
        --verify=objdump -o "$img"
    grep_out "$NV words of .* 0 problem(s)" "$a verify=objdump result"
    expect 0 "$a image" "$G" --arch $a --cpu M14Kc -n "$N" -s 13 -o "$img"
    record_replay "$a M14K" "$T/tr" "$img" $q -cpu M14K "$R"
    expect 0 "$a replay on M14Kc" $q -cpu M14Kc "$R" -t "$T/tr" "$img"
    expect 0 "$a trace show" "$BUILD/risu-trace" show "$T/tr"
    grep_out "^recorder: .* micromips" "$a recorder names the ISA"
    live_tcp "$a live tcp M14K->M14Kc" "$a live tcp master" localhost \
        "$img" $q -cpu M14K "$R"
    live_unix "$a live unix" "$a live unix master" "$img" $q -cpu M14Kc "$R"
    expect 1 "$a inject s1" env RISU_INJECT=7:s1:5 $q -cpu M14K "$R" \
        -t "$T/tr" "$img"
    grep_out "mismatch at checkpoint 7:" "$a inject checkpoint"
    grep_out "^  s1 " "$a inject register"

    # Branch groups (--group branch): delay slots of 16 and 32 bits,
    # compact branches, links as odd image offsets (the ISA bit).
    expect 0 "$a branch verify" "$G" --arch $a --cpu M14K -n "$N" -s 14 \
        --group branch --verify -o "$T/br.img"
    grep_out " 0 problem(s)" "$a branch verify result"
    expect 0 "$a branch record" $q -cpu M14K "$R" --master -t "$T/br.tr" \
        "$T/br.img"
    expect 0 "$a branch replay M14Kc" $q -cpu M14Kc "$R" -t "$T/br.tr" \
        "$T/br.img"
    "$BUILD/risu-trace" show "$T/br.tr" > "$T/out" 2>&1
    grep_out "^    ra  *0x0*[0-9a-f]*[13579bdf]$" "$a branch: an odd ra link"
    if grep -q "signal 4 " "$T/out"; then
        bad "$a branch: SIGILL"; grep "signal 4 " "$T/out" | head -3
    else
        ok
    fi

    expect 0 "$a break16 image" "$G" --arch $a --cpu M14K -n 50 \
        --insnwidth 16 "$T/brk.decode" -o "$T/brk.img"
    expect 0 "$a break16 record" $q -cpu M14K "$R" --master -t "$T/brk.tr" \
        "$T/brk.img"
    grep_out "recorded 52 checkpoints" "$a break16 resumes at each checkpoint"
    "$BUILD/risu-trace" show "$T/brk.tr" > "$T/out" 2>&1
    [ "$(grep -c 'signal 5 .*break16' "$T/out")" = 50 ] && ok ||
        { bad "$a break16: not 50 SIGTRAPs"; show_out; }
done
summary check-micromips
