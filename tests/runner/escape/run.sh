#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The runner never escapes (make check-escape): images from the fixtures
# here, whose words jump outside the image (A64 BR, A32/T16 BX, R6 BC),
# corrupt sp, or fault inside the runner's handler (RISU_INJECT fault),
# under qemu-user for every runner family.  Each run must end with a
# status (1 for an escape: a divergence; 2 when the runner's own handler
# faulted), a trace with its end chunk and words that explain it; never
# exit 0, never a hang, never a runner killed by a signal.  Live: a dead
# apprentice (kill -ABRT) is the implementation's failure, named by its
# --progress page.  Unix sockets only (no TCP slot).
set -u
. tests/runner/lib.sh
runner_tests_init escape 7
F=tests/runner/escape
RT=$BUILD/risu-trace
GEN=$BUILD/risugen
BOUND=60

# run_b WANT DESC COMMAND...: expect WANT within BOUND seconds
run_b() {
    local want=$1 what=$2
    shift 2
    expect "$want" "$what" timeout $BOUND "$@"
}

# escapes ID IMAGE RUN...: record, verify, show, replay, live
escapes() {
    local id=$1 img=$2 mp st
    shift 2
    run_b 1 "$id record" "$@" --master -t "$T/$id.tr" "$img"
    grep_out "transferred control outside the image" "$id record message"
    run_b 0 "$id trace has its end chunk" "$RT" verify "$T/$id.tr"
    run_b 0 "$id show" "$RT" show --image "$img" --patterns "$F" \
        "$T/$id.tr"
    grep_out "op 254 .*signal 11" "$id show: the escape record"
    grep_out "^    the test word at +0x.* transferred control outside \
the image: SIGSEGV" "$id show: the words"
    run_b 1 "$id replay" "$@" -t "$T/$id.tr" "$img"
    grep_out "the reference left the image at the same word" "$id replay"
    rm -f "$T/s"
    timeout $BOUND "$@" --master --unix "$T/s" "$img" > "$T/m.out" 2>&1 &
    mp=$!
    run_b 1 "$id live apprentice" "$@" --unix "$T/s" "$img"
    grep_out "the reference left the image at the same word" \
        "$id live apprentice"
    wait $mp
    st=$?
    [ $st = 1 ] && ok || { bad "$id live master: exit $st"; cat "$T/m.out"; }
    grep -q "apprentice reports a mismatch" "$T/m.out" && ok ||
        bad "$id live master: no verdict"
}

# put32 FILE OFFSET VALUE: a little-endian word into an image
put32() {
    printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($3 & 255)) \
        $((($3 >> 8) & 255)) $((($3 >> 16) & 255)) $((($3 >> 24) & 255)))" |
        dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

# into_runner ID RUNNER NM RUN...: the first three generated words of an
# A64 image become MOVZ/MOVK x5 = a runner address, BR x5
into_runner() {
    local id=$1 runner=$2 nm=$3 done loop a addr o
    shift 3
    local run=("$@")
    gen --arch aarch64 --cpu max -n 3 --seed 1 -o "$T/ir.bin" \
        "$F/a64-sp.decode"
    # shellcheck disable=SC2207
    o=($("$RT" meta "$T/ir.bin" | tr -d ' \n' | grep -o '"insns":.*' |
         grep -o '\[[0-9][0-9]*,' | tr -d '[,' | head -3))
    done=$("$nm" "$runner" | awk '$3 == "arm_image_done" { print $1 }')
    loop=$("$nm" "$runner" | awk '$3 == "arm_enter_trap" { print $1 }')
    for a in "$((0x$done)) returned" "$((0x$loop + 4)) loops"; do
        addr=${a% *}
        cp "$T/ir.bin" "$T/ir2.bin"
        put32 "$T/ir2.bin" "${o[0]}" \
            $((0xd2a00005 | ((addr >> 16) & 0xffff) << 5))
        put32 "$T/ir2.bin" "${o[1]}" $((0xf2800005 | (addr & 0xffff) << 5))
        put32 "$T/ir2.bin" "${o[2]}" $((0xd61f00a0))
        run_b 1 "$id jump into the runner (${a#* })" "${run[@]}" \
            --watchdog 1 --master -t "$T/ir.tr" "$T/ir2.bin"
        case $a in
        *returned) grep_out "the image returned to the runner without TESTEND" \
                       "$id return without TESTEND" ;;
        *) grep_out "outside the image: signal 14" "$id loop in the runner" ;;
        esac
        run_b 0 "$id jump into the runner: end chunk" "$RT" verify "$T/ir.tr"
    done
}

gen() {
    "$GEN" "$@" > "$T/gen.out" 2>&1 || { bad "risugen $*"; cat "$T/gen.out"; }
}

if [ -x "$BUILD/risu-aarch64" ]; then
    A64="qemu-aarch64 -cpu max $BUILD/risu-aarch64"
    gen --arch aarch64 --cpu max -n 40 --seed 1 -o "$T/a64.bin" "$F/a64.decode"
    escapes a64 "$T/a64.bin" $A64

    # sp holds garbage between checkpoints: the handlers' own stack
    # keeps the run going, and it compares like any other.
    gen --arch aarch64 --cpu max -n 200 --seed 2 -o "$T/sp.bin" \
        "$F/a64-sp.decode"
    run_b 0 "a64 sp record" $A64 --master -t "$T/sp.tr" "$T/sp.bin"
    run_b 0 "a64 sp replay" $A64 -t "$T/sp.tr" "$T/sp.bin"

    # Jumps into the runner's own code: to the image exit (a return
    # without TESTEND), and to the loop after the entry trap (only the
    # watchdog sees it, with the pc outside the image).
    if command -v aarch64-linux-gnu-nm > /dev/null; then
        into_runner a64 "$BUILD/risu-aarch64" aarch64-linux-gnu-nm $A64
    fi

    # A jump back into the image: a loop through checkpoints.
    gen --arch aarch64 --cpu max -n 20 --seed 1 -o "$T/loop.bin" \
        "$F/a64-loop.decode"
    run_b 1 "a64 loop record" $A64 --master -t "$T/loop.tr" "$T/loop.bin"
    grep_out "transferred control back to the trap at +0x" "a64 loop words"
    run_b 0 "a64 loop: end chunk" "$RT" verify "$T/loop.tr"
    run_b 1 "a64 loop replay" $A64 -t "$T/loop.tr" "$T/loop.bin"
    grep_out "the reference left the image at the same word" \
        "a64 loop replay"

    # A fault in the handler itself: exit 2, the trace still ends.
    run_b 2 "a64 handler fault" env RISU_INJECT=3:fault:8 \
        $A64 --master -t "$T/hf.tr" "$T/sp.bin"
    grep_out "in the runner's own signal handler" "a64 handler fault words"
    run_b 0 "a64 handler fault: end chunk" "$RT" verify "$T/hf.tr"

    # Two CPU models leave at different pcs: diff says so in words.
    gen --arch aarch64 --cpu cortex-a57 -n 4 --seed 4 -o "$T/d.bin" \
        "$F/a64-diff.decode"
    run_b 1 "a64 diff A" qemu-aarch64 -cpu cortex-a57 "$BUILD/risu-aarch64" \
        --master -t "$T/dA.tr" "$T/d.bin"
    run_b 1 "a64 diff B" qemu-aarch64 -cpu max,sve=off "$BUILD/risu-aarch64" \
        --master -t "$T/dB.tr" "$T/d.bin"
    run_b 1 "a64 diff" "$RT" diff --keep-going --image "$T/d.bin" \
        --patterns "$F" "$T/dA.tr" "$T/dB.tr"
    grep_out "^  A: the test word at +0x44c (0xd61f00a0  br x5  \[BR_x5\]) \
transferred control outside the image: SIGSEGV (11) si_code 1 SEGV_MAPERR \
at pc 0x11" "a64 diff explains A"
    grep_out "^  B: the test word at +0x44c .* at pc 0x" "a64 diff explains B"

    # Kill mid-run, not after a guessed delay: a fast machine finished
    # the whole image within the old fixed 2 s.  Wait until the victim's
    # progress page shows 1000 checkpoints (of 300,000).
    started() {
        i=0
        while [ $i -lt $((BOUND * 20)) ]; do
            n=$("$RT" progress --image "$T/big.bin" "$1" 2> /dev/null |
                sed -n 's/^checkpoints: //p')
            [ "${n:-0}" -ge 1000 ] 2> /dev/null && return 0
            sleep 0.05
            i=$((i + 1))
        done
        return 1
    }

    # Live: the apprentice's process dies mid-run (as when QEMU aborts).
    gen --arch aarch64 --cpu max -n 300000 --seed 3 -o "$T/big.bin" \
        arch/arm/a64.decode
    rm -f "$T/s" "$T/p"
    timeout $BOUND $A64 --master --unix "$T/s" --peer-progress "$T/p" \
        "$T/big.bin" > "$T/m.out" 2>&1 &
    mp=$!
    $A64 --unix "$T/s" --progress "$T/p" "$T/big.bin" > /dev/null 2>&1 &
    ap=$!
    started "$T/p" || bad "apprentice: no progress within ${BOUND}s"
    kill -ABRT $ap
    { wait $ap; } 2> /dev/null
    [ $? = 134 ] && ok || bad "apprentice not killed by SIGABRT"
    wait $mp
    st=$?
    cp "$T/m.out" "$T/out"
    [ $st = 1 ] && ok ||
        { bad "master after a dead apprentice: exit $st"; show_out; }
    grep_out "apprentice's process vanished mid-run" "dead apprentice words"
    grep_out "the apprentice died on the test word at +0x" \
        "dead apprentice: the word"
    run_b 1 "progress page" "$RT" progress --image "$T/big.bin" "$T/p"
    grep_out "^test word: +0x" "progress: the word disassembled"

    # ... and the master's: the apprentice reports it the same way.
    rm -f "$T/s" "$T/p"
    $A64 --master --unix "$T/s" --progress "$T/p" "$T/big.bin" \
        > /dev/null 2>&1 &
    mp=$!
    timeout $BOUND $A64 --unix "$T/s" --peer-progress "$T/p" \
        "$T/big.bin" > "$T/a.out" 2>&1 &
    ap=$!
    started "$T/p" || bad "master: no progress within ${BOUND}s"
    kill -ABRT $mp
    { wait $mp; } 2> /dev/null
    wait $ap
    st=$?
    cp "$T/a.out" "$T/out"
    [ $st = 1 ] && ok ||
        { bad "apprentice after a dead master: exit $st"; show_out; }
    grep_out "master's process vanished mid-run" "dead master words"
    grep_out "the master died on the test word at +0x" "dead master: the word"
fi

if [ -x "$BUILD/risu-armhf" ]; then
    A32="qemu-arm -cpu cortex-a15 $BUILD/risu-armhf"
    gen --arch arm --cpu cortex-a15 -n 40 --seed 1 -o "$T/a32.bin" \
        "$F/a32.decode"
    escapes a32 "$T/a32.bin" $A32
    gen --arch thumb --cpu cortex-a15 -n 40 --seed 1 --insnwidth 16 \
        -o "$T/t16.bin" "$F/t16.decode"
    escapes t16 "$T/t16.bin" $A32
fi

if [ -x "$BUILD/risu-mipsisa64r6el" ]; then
    R6="qemu-mips64el -cpu I6400 $BUILD/risu-mipsisa64r6el"
    gen --arch mips64r6el --cpu I6400 -n 40 --seed 1 -o "$T/r6.bin" \
        "$F/r6.decode"
    escapes r6 "$T/r6.bin" $R6
fi

if [ -x "$BUILD/risu-mipsel" ]; then
    M="qemu-mipsel -cpu 24Kf $BUILD/risu-mipsel"
    # JR's delay slot is the checkpoint: the trap comes first and the
    # runner resumes after it, so the jump never happens (documented).
    gen --arch mipsel --cpu 24Kf -n 40 --seed 1 -o "$T/jr.bin" \
        "$F/mips.decode"
    run_b 0 "mipsel jr record" $M --master -t "$T/jr.tr" "$T/jr.bin"
    run_b 0 "mipsel jr replay" $M -t "$T/jr.tr" "$T/jr.bin"
    run_b 2 "mipsel handler fault" env RISU_INJECT=3:fault:8 \
        $M --master -t "$T/hf.tr" "$T/jr.bin"
    grep_out "in the runner's own signal handler" "mipsel handler fault"
    run_b 0 "mipsel handler fault: end chunk" "$RT" verify "$T/hf.tr"
fi

summary escape
