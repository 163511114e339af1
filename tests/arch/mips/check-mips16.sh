#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# MIPS16e images (--arch mips16, mips16el; arch/mips/isamode.h) under
# qemu-user:
#   - risugen refuses a model without MIPS16e (4Kc, M14K) and Release 6;
#   - --verify=objdump (capstone 4 has no MIPS16e mode) fails on a
#     mislabelled word and passes a default image (objdump -m mips:16);
#   - record on 24Kf, replay on 24Kf and 74Kf, live on 24Kf and live
#     24Kf -> 74Kf over Unix sockets; an injected fault is found.  No TCP:
#     slot 11 of runner_tests_init would put the ports past 65535
#     (20000 + 11 * 4000 + up to 3000), and the transport is not
#     ISA-specific (check-micromips.sh runs it);
#   - faults resume after the faulting instruction's own length: BREAK
#     (16 bits, SIGTRAP) and misaligned EXTENDed LW (32 bits, SIGBUS);
#   - SP-relative forms (SAVE/RESTORE, LWSP/SWSP, SW ra) run with sp in
#     the memory block and match across models;
#   - ELF images: e_flags and STO_MIPS16 symbols (objdump -d reads them);
#   - --edge: reserved and neighbour words all raise SIGILL;
#   - branches and jumps (--group branch: compact B/BEQZ/BNEZ/BTEQZ/
#     BTNEZ and their EXTENDed forms, JR/JALR/JAL with 16-bit delay
#     slots, JRC/JALRC) pass objdump and match 24Kf -> 74Kf.
# --long (make check-mips16): 10,000 instructions and objdump over 12,000
# words per byte order, and branch images on 24Kf, 4Km, 34Kf and 74Kf,
# each replayed on a second model; the brief run (make check) uses 2,000.
set -u
# shellcheck source=tests/runner/lib.sh
. "$(dirname "$0")/../../runner/lib.sh"
runner_tests_init mips16 11      # slot 11: no TCP port used (above)
export RISU_DT_DATADIR=${RISU_DT_DATADIR:-$(pwd)}

N=2000 NV=2000
[ "${1:-}" = --long ] && { N=10000 NV=12000; }
G=$BUILD/risugen

for cpu in 4Kc M14K mips32r6-generic; do
    expect 2 "$cpu refused" "$G" --arch mips16el --cpu $cpu -n 10 \
        -o "$T/x.img"
    grep_out "CPU model $cpu has no mips16" "$cpu refusal message"
    [ -e "$T/x.img" ] && bad "$cpu refusal left an image" || ok
done
expect 2 "R6 refused" "$G" --arch mips16 --features r6,mips16 -n 10 \
    -o "$T/x.img"
grep_out "Release 6 images of it are not generated" "R6 refusal message"

# --verify must fail on a mislabelled word (a SUBU called ADDU).
printf '#@ reg gpr3 rx ry rz\nADDU 11100 rx:3 ry:3 rz:3 11\n' \
    > "$T/bad.decode"
expect 1 "verify mislabel" "$G" --arch mips16el --cpu 24Kf -n 40 \
    --verify=objdump --insnwidth 16 "$T/bad.decode" -o "$T/bad.img"
grep_out "ADDU.*another insn.*subu" "verify mislabel message"

# ELF images: e_flags name the ASE and the instruction symbols carry
# STO_MIPS16, so a plain objdump -d disassembles the body as MIPS16e.
if command -v mipsel-linux-gnu-objdump >/dev/null; then
    expect 0 "elf image" "$G" --arch mips16el --cpu 24Kf -n 30 -s 4 \
        -o "$T/u.elf"
    mipsel-linux-gnu-readelf -h -s "$T/u.elf" > "$T/out" 2>&1
    grep_out "Flags: .*mips16" "elf flags name MIPS16"
    grep_out "\[MIPS16\] .* RESTORE_E\." "elf instruction symbols are MIPS16"
    mipsel-linux-gnu-objdump -d "$T/u.elf" > "$T/out" 2>&1
    grep_out "^2[0-9a-f]*:.f[0-9a-f]\{3\} [0-9a-f]\{4\} *	restore	" \
        "objdump -d shows the EXTENDed RESTORE"
fi

# BREAK codes 0-5 (6 and 7 are SIGFPE on Linux): SIGTRAP, resumed at the
# 2-byte checkpoint after it.  A misaligned EXTENDed LW: SIGBUS on QEMU's
# pre-R6 models, resumed 4 bytes on.
printf '#@ tags trap\n#@ constraint code < 6\nBREAK 11101 code:6 00101\n' \
    > "$T/brk.decode"

for a in mips16el mips16; do
    case $a in
    mips16el) q=qemu-mipsel R=$BUILD/risu-mipsel ;;
    *) q=qemu-mips R=$BUILD/risu-mips ;;
    esac
    if ! command -v $q >/dev/null || [ ! -x "$R" ]; then
        echo "check-mips16: $q or $R missing, $a skipped"
        continue
    fi
    img=$T/$a.img
    expect 0 "$a verify=objdump" "$G" --arch $a --cpu 24Kf -n "$NV" -s 12 \
        --verify=objdump -o "$img"
    grep_out "$NV words of .* 0 problem(s)" "$a verify=objdump result"
    expect 0 "$a image" "$G" --arch $a --cpu 24Kf -n "$N" -s 13 -o "$img"
    record_replay "$a 24Kf" "$T/tr" "$img" $q -cpu 24Kf "$R"
    expect 0 "$a replay on 74Kf" $q -cpu 74Kf "$R" -t "$T/tr" "$img"
    expect 0 "$a trace show" "$BUILD/risu-trace" show "$T/tr"
    grep_out "^recorder: .* mips16" "$a recorder names the ISA"
    live_unix "$a live unix 24Kf" "$a live unix master" "$img" \
        $q -cpu 24Kf "$R"
    $q -cpu 24Kf "$R" --master --unix "$T/sock" "$img" > "$T/m.out" 2>&1 &
    mpid=$!
    expect 0 "$a live unix 24Kf->74Kf" $q -cpu 74Kf "$R" --unix "$T/sock" \
        "$img"
    wait $mpid && ok || { bad "$a live unix master"; cat "$T/m.out"; }
    expect 1 "$a inject s1" env RISU_INJECT=7:s1:5 $q -cpu 24Kf "$R" \
        -t "$T/tr" "$img"
    grep_out "mismatch at checkpoint 7:" "$a inject checkpoint"
    grep_out "^  s1 " "$a inject register"

    expect 0 "$a sp image" "$G" --arch $a --cpu 24Kc -n 500 -s 14 \
        --group mips16-sp -o "$T/sp.img"
    record_replay "$a sp 24Kc" "$T/sp.tr" "$T/sp.img" $q -cpu 24Kc "$R"
    expect 0 "$a sp replay on 4Km" $q -cpu 4Km "$R" -t "$T/sp.tr" \
        "$T/sp.img"

    expect 0 "$a branch image" "$G" --arch $a --cpu 24Kf -n "$N" -s 15 \
        --group branch --verify=objdump -o "$T/br.img"
    grep_out " 0 problem(s)" "$a branch verify=objdump result"
    record_replay "$a branch 24Kf" "$T/br.tr" "$T/br.img" $q -cpu 24Kf "$R"
    expect 0 "$a branch replay on 74Kf" $q -cpu 74Kf "$R" -t "$T/br.tr" \
        "$T/br.img"

    expect 0 "$a break image" "$G" --arch $a --cpu 24Kf -n 50 \
        --insnwidth 16 "$T/brk.decode" -o "$T/brk.img"
    expect 0 "$a break record" $q -cpu 24Kf "$R" --master -t "$T/brk.tr" \
        "$T/brk.img"
    grep_out "recorded 52 checkpoints" "$a break resumes at each checkpoint"
    "$BUILD/risu-trace" show "$T/brk.tr" > "$T/out" 2>&1
    [ "$(grep -c 'signal 5 ' "$T/out")" = 50 ] && ok ||
        { bad "$a break: not 50 SIGTRAPs"; show_out; }

    expect 0 "$a misaligned image" "$G" --arch $a --cpu 24Kf -n 50 \
        --pattern LW_E --mem unaligned -o "$T/lw.img"
    record_replay "$a misaligned" "$T/lw.tr" "$T/lw.img" $q -cpu 24Kf "$R"
    "$BUILD/risu-trace" show "$T/lw.tr" > "$T/out" 2>&1
    [ "$(grep -c 'signal 10 ' "$T/out")" = 50 ] && ok ||
        { bad "$a LW_E: not 50 SIGBUS"; show_out; }
done
# --edge (arch/mips/space-mips16el.list): reserved values (extended
# SAVE/RESTORE aregs 15) and neighbours of generated words, each run and
# raising SIGILL on 24Kf.
if command -v qemu-mipsel >/dev/null; then
    expect 0 "edge image" "$G" --arch mips16el --cpu 24Kf -n "$N" -s 5 \
        --edge all -o "$T/e.img"
    record_replay "edge 24Kf" "$T/e.tr" "$T/e.img" qemu-mipsel -cpu 24Kf \
        "$BUILD/risu-mipsel"
    expect 0 "edge coverage" "$BUILD/risu-trace" coverage "$T/e.img" \
        "$T/e.tr"
    for cls in reserved neighbour; do
        awk -v c=$cls '$1 == c && NF == 7 && $2 > 20 && $2 == $3 &&
                       $3 == $4 && $5 == 0 && $6 == 0 &&
                       $7 == "100.0%" { f = 1 } END { exit !f }' "$T/out" &&
            ok || { bad "edge $cls: not every word run with SIGILL"; show_out; }
    done
fi

# --long: branch images on each model of the brief, replayed on a
# second model with the ASE (validate.py's per-tag runs leave out the
# opt-in branch tag).
if [ "$N" -gt 2000 ] && command -v qemu-mipsel >/dev/null; then
    for pair in 24Kf:74Kf 4Km:24Kc 34Kf:74Kf 74Kf:34Kf; do
        c1=${pair%:*} c2=${pair#*:}
        expect 0 "branch image $c1" "$G" --arch mips16el --cpu "$c1" \
            -n "$N" -s 16 --group branch -o "$T/b.img"
        record_replay "branch $c1" "$T/b.tr" "$T/b.img" qemu-mipsel \
            -cpu "$c1" "$BUILD/risu-mipsel"
        expect 0 "branch $c1 replay on $c2" qemu-mipsel -cpu "$c2" \
            "$BUILD/risu-mipsel" -t "$T/b.tr" "$T/b.img"
    done
fi
summary check-mips16
