#!/bin/bash
# Integration tests for the MIPS runners under qemu-user (make check).
# Every qemu run passes -cpu: qemu-mips64el's default 5KEf ignores FCSR
# writes.  Flavours whose runner was not built are skipped.
set -u
BUILD=${BUILD:-build}
T=$(mktemp -d /tmp/risu-mips-tests.XXXXXX)
trap 'rm -rf "$T"' EXIT
PASS=0
FAIL=0
PORT=$((20000 + $$ % 20000))

ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }
# expect STATUS DESCRIPTION COMMAND...
expect() {
    local want=$1 what=$2
    shift 2
    "$@" > "$T/out" 2>&1
    local got=$?
    if [ "$got" = "$want" ]; then ok; else
        bad "$what: exit $got, want $want"; sed 's/^/    /' "$T/out" | head -20
    fi
}
# grep_out PATTERN DESCRIPTION: the last command's output contains PATTERN
grep_out() {
    if grep -q -- "$1" "$T/out"; then ok; else
        bad "$2: output lacks '$1'"; sed 's/^/    /' "$T/out" | head -20
    fi
}
next_port() { PORT=$((PORT + 1)); }

# flavour qemu cpu kind abi fr nan2008 hilo endian cpufpu cpumsa unaligned-sigbus
MATRIX="
mipsel qemu-mipsel 24Kf fpu o32 0 0 1 little 1 0 1
mipsel qemu-mipsel 74Kf fpu o32 0 0 1 little 1 0 1
mipsel qemu-mipsel 4Kc base o32 0 0 1 little 0 0 1
mipsel qemu-mipsel M14Kc base o32 0 0 1 little 0 0 1
mipsel-fp64 qemu-mipsel 24Kf fpu o32 1 0 1 little 1 0 1
mipsel-fp64-nan2008 qemu-mipsel P5600 msa o32 1 1 1 little 1 1 1
mips qemu-mips 24Kf fpu o32 0 0 1 big 1 0 1
mips qemu-mips 4KEc base o32 0 0 1 big 0 0 1
mips-fp64 qemu-mips 34Kf fpu o32 1 0 1 big 1 0 1
mips-fp64-nan2008 qemu-mips P5600 msa o32 1 1 1 big 1 1 1
mips64el qemu-mips64el MIPS64R2-generic fpu n64 1 0 1 little 1 0 1
mips64el qemu-mips64el Loongson-3A4000 msa n64 1 0 1 little 1 1 0
mips64el qemu-mips64el Loongson-3A1000 fpu n64 1 0 1 little 1 0 0
mips64el qemu-mips64el Loongson-2E fpu n64 1 0 1 little 1 0 1
mips64el qemu-mips64el Loongson-2F fpu n64 1 0 1 little 1 0 1
mips64el qemu-mips64el R4000 fpu n64 1 0 1 little 1 0 1
mips64el qemu-mips64el 20Kc fpu n64 1 0 1 little 1 0 1
mips64el qemu-mips64el 5KEf base n64 1 0 1 little 1 0 1
mips64el qemu-mips64el Octeon68XX base n64 1 0 1 little 0 0 1
mips64el qemu-mips64el 5Kc base n64 1 0 1 little 0 0 1
mips64 qemu-mips64 MIPS64R2-generic fpu n64 1 0 1 big 1 0 1
mips64 qemu-mips64 Loongson-3A4000 msa n64 1 0 1 big 1 1 0
mipsisa32r6el qemu-mipsel mips32r6-generic fpu o32 1 1 0 little 1 0 0
mipsisa64r6el qemu-mips64el I6400 msa n64 1 1 0 little 1 1 0
mipsisa64r6el qemu-mips64el I6500 msa n64 1 1 0 little 1 1 0
"

declare -A FIRST
while read -r fl q cpu kind abi fr nan hilo endian cfpu cmsa ua; do
    [ -n "$fl" ] || continue
    R="$BUILD/risu-$fl"
    IMG="$BUILD/$fl/sanity-$kind.bin"
    if [ ! -x "$R" ] || ! command -v "$q" > /dev/null; then
        echo "skip: $fl on $cpu (runner or $q missing)"
        continue
    fi
    id="$fl/$cpu"
    # 1. exact capture of every register class, signals, memory ops
    expect 0 "$id dump" "$q" -cpu "$cpu" "$R" --dump "$IMG"
    cp "$T/out" "$T/dump"
    if python3 tests/runner/sanity.py "$T/dump" "$abi" "$kind" "$fr" "$nan" \
            "$hilo" "$endian" "$cfpu" "$cmsa" "$ua" > "$T/out"; then ok; else
        bad "$id sanity values"; sed 's/^/    /' "$T/out" | head -20
    fi
    # 2. record, then replay on the same CPU
    expect 0 "$id record" "$q" -cpu "$cpu" "$R" --master -t "$T/tr" "$IMG"
    expect 0 "$id replay" "$q" -cpu "$cpu" "$R" -t "$T/tr" "$IMG"
    # the host reads the trace whatever the target's endianness, and it is
    # compressed when the runners were built with zlib (RISU_TRACE_ENC)
    if [ -x "$BUILD/risu-trace" ] && [ -n "${RISU_TRACE_ENC:-}" ]; then
        expect 0 "$id host verify" "$BUILD/risu-trace" verify "$T/tr"
        grep_out ", $RISU_TRACE_ENC\$" "$id trace encoding"
    fi
    [ -n "${FIRST[$fl]:-}" ] && continue
    FIRST[$fl]=1
    # 3. live over TCP and over a Unix socket
    next_port
    "$q" -cpu "$cpu" "$R" --master --port $PORT "$IMG" > "$T/m.out" 2>&1 &
    mpid=$!
    expect 0 "$id live tcp apprentice" "$q" -cpu "$cpu" "$R" --host localhost \
        --port $PORT "$IMG"
    wait $mpid; st=$?
    [ $st = 0 ] && ok || bad "$id live tcp master exit $st"
    "$q" -cpu "$cpu" "$R" --master --unix "$T/sock" "$IMG" > "$T/m.out" 2>&1 &
    mpid=$!
    expect 0 "$id live unix apprentice" "$q" -cpu "$cpu" "$R" --unix "$T/sock" \
        "$IMG"
    wait $mpid; st=$?
    [ $st = 0 ] && ok || bad "$id live unix master exit $st"
    # 4. an injected fault in every register class is reported by name
    if [ "$abi" = o32 ]; then g=t1; else g=a5; fi
    regs="$g:3:7 sp:2:4 memhash:6:1"
    [ "$hilo" = 1 ] && regs="$regs hi:1:31 lo:0:0"
    [ "$cfpu" = 1 ] && regs="$regs f5:2:3 fcsr:1:2"
    [ "$cmsa" = 1 ] && regs="$regs w3.hi:0:63 msacsr:4:0"
    for spec in $regs; do
        IFS=: read -r reg k bit <<< "$spec"
        expect 1 "$id inject $reg" env RISU_INJECT=$k:$reg:$bit \
            "$q" -cpu "$cpu" "$R" -t "$T/tr" "$IMG"
        grep_out "mismatch at checkpoint $k:" "$id inject $reg checkpoint"
        grep_out "^  $reg " "$id inject $reg name"
    done
    # 5. --keep-going writes the adopted state back into the machine:
    # record with a flipped bit at checkpoint 1; the replayer adopts it,
    # so checkpoint 2 must show the flipped value (then adopts back).
    aregs="s0:4 sp:4"
    [ "$hilo" = 1 ] && aregs="$aregs hi:3 lo:30"
    [ "$cfpu" = 1 ] && aregs="$aregs f5:4 f6:31 fcsr:3"
    [ "$cfpu" = 1 ] && [ "$fr" = 1 ] && aregs="$aregs f7:40"
    [ "$cmsa" = 1 ] && aregs="$aregs w3.hi:63 msacsr:2"
    for spec in $aregs; do
        IFS=: read -r reg bit <<< "$spec"
        expect 0 "$id adopt $reg record" env RISU_INJECT=1:$reg:$bit \
            "$q" -cpu "$cpu" "$R" --master -t "$T/adopt" "$IMG"
        expect 1 "$id adopt $reg" "$q" -cpu "$cpu" "$R" --keep-going \
            -t "$T/adopt" "$IMG"
        grep_out "MISMATCH (2 mismatching)" "$id adopt $reg count"
        if awk -v r="$reg" '/^mismatch at checkpoint 2:/ { c = 1; next }
                /^mismatch/ { c = 0 } c && $1 == r { f = 1 }
                END { exit !f }' "$T/out"; then ok; else
            bad "$id adopt $reg: checkpoint 2 does not show the adopted value"
            sed 's/^/    /' "$T/out" | head -20
        fi
    done
done <<< "$MATRIX"

# ---- mode, protocol and error handling (mipsel on 24Kf) ----
R=$BUILD/risu-mipsel
Q="qemu-mipsel -cpu 24Kf"
IMG=$BUILD/mipsel/sanity-fpu.bin
if [ -x "$R" ]; then
    expect 0 "record for error tests" $Q $R --master -t "$T/good" "$IMG"
    size=$(stat -c %s "$T/good")
    # IPv6 live, with a fault the apprentice reports and the master learns
    next_port
    $Q $R --master --listen ::1 --port $PORT "$IMG" > "$T/m.out" 2>&1 &
    mpid=$!
    expect 1 "ipv6 live inject" env RISU_INJECT=3:t1:0 $Q $R --host ::1 \
        --port $PORT "$IMG"
    wait $mpid; st=$?
    [ $st = 1 ] && ok || { bad "ipv6 master exit $st, want 1"; cat "$T/m.out"; }
    # pattern names from the image metadata appear in the report
    $Q $R --dump "$IMG" > "$T/d24"
    pc3=$(awk '/^checkpoint 3 /{print $6}' "$T/d24")
    off=$(printf '%x' $((pc3 - 16)))
    python3 tests/runner/addmeta.py "$IMG" "$T/meta.bin" format=1 arch=mips \
        endian=little "features=fpu" insns=1 "$off LW_guard"
    expect 0 "meta record" $Q $R --master -t "$T/meta.tr" "$T/meta.bin"
    expect 1 "meta inject" env RISU_INJECT=3:t2:0 $Q $R -t "$T/meta.tr" \
        "$T/meta.bin"
    grep_out "(LW_guard)" "pattern name in report"
    # --keep-going adopts the reference and runs to the end
    expect 1 "keep-going" env RISU_INJECT=2:t1:5 $Q $R --keep-going \
        -t "$T/good" "$IMG"
    grep_out "7 checkpoints, MISMATCH (1 mismatching)" "keep-going summary"
    expect 1 "keep-going fcsr" env RISU_INJECT=1:fcsr:3 $Q $R --keep-going \
        -t "$T/good" "$IMG"
    grep_out "7 checkpoints, MISMATCH (1 mismatching)" "keep-going fcsr adopt"
    # truncated, corrupted, foreign traces and the wrong image: exit 2
    head -c $((size - 7)) "$T/good" > "$T/trunc"
    expect 2 "truncated trace" $Q $R -t "$T/trunc" "$IMG"
    head -c $((size / 2)) "$T/good" > "$T/half"
    expect 2 "half trace" $Q $R -t "$T/half" "$IMG"
    cp "$T/good" "$T/corrupt"
    printf '\x55' | dd of="$T/corrupt" bs=1 seek=$((size / 2)) conv=notrunc \
        status=none
    expect 2 "corrupted trace" $Q $R -t "$T/corrupt" "$IMG"
    head -c 4096 /dev/urandom > "$T/garbage"
    expect 2 "garbage trace" $Q $R -t "$T/garbage" "$IMG"
    expect 2 "empty trace" $Q $R -t /dev/null "$IMG"
    expect 2 "other image" $Q $R -t "$T/good" "$BUILD/mipsel/sanity-base.bin"
    expect 2 "missing image" $Q $R -t "$T/good" "$T/nonexistent"
    expect 2 "usage" $Q $R --bogus
    expect 0 "help" $Q $R --help
    # pipes: -t - both ways
    if $Q $R --master -t - "$IMG" 2> /dev/null | $Q $R -t - "$IMG" \
            > "$T/out" 2>&1; then ok; else bad "pipe record | replay"; fi
    # image features the CPU lacks: refused up front
    python3 tests/runner/addmeta.py "$IMG" "$T/msa.bin" format=1 endian=little \
        features=fpu,msa
    expect 2 "msa image on 24Kf" $Q $R -t "$T/good" "$T/msa.bin"
    grep_out "needs 'msa'" "msa refusal message"
    # a peer that dies or stalls ends the run with exit 2 within the timeout
    BIMG=$BUILD/mipsel/bench.bin
    if [ -f "$BIMG" ]; then
        next_port
        # (inside bash -c so this shell does not announce the SIGKILL)
        bash -c "$Q $R --master --port $PORT $BIMG > /dev/null 2>&1 &
                 echo \$! > $T/mpid; wait" 2> /dev/null &
        ( sleep 0.5; kill -9 "$(cat "$T/mpid")" 2> /dev/null ) &
        start=$(date +%s)
        expect 2 "killed master" $Q $R --host localhost --port $PORT \
            --timeout 3 "$BIMG"
        [ $(( $(date +%s) - start )) -le 5 ] && ok || bad "killed master: slow"
        wait 2> /dev/null
        next_port
        $Q $R --master --port $PORT "$BIMG" > /dev/null 2>&1 &
        mpid=$!
        ( sleep 0.5; kill -STOP $mpid ) &
        start=$(date +%s)
        expect 2 "stalled master" $Q $R --host localhost --port $PORT \
            --timeout 2 "$BIMG"
        grep_out "nothing for 2 s" "stalled master message"
        [ $(( $(date +%s) - start )) -le 6 ] && ok || bad "stalled: slow"
        kill -9 $mpid 2> /dev/null
        wait 2> /dev/null
        # a slow master (0.3 s per checkpoint, 3 s in all) flushes by time,
        # so an apprentice with --timeout 2 never starves
        if [ -f "$BUILD/mipsel/slow.bin" ]; then
            next_port
            $Q $R --master --port $PORT "$BUILD/mipsel/slow.bin" \
                > "$T/m.out" 2>&1 &
            mpid=$!
            expect 0 "slow master" $Q $R --host localhost --port $PORT \
                --timeout 2 "$BUILD/mipsel/slow.bin"
            wait $mpid; st=$?
            [ $st = 0 ] && ok || { bad "slow master: exit $st"; cat "$T/m.out"; }
        fi
        next_port
        $Q $R --master --port $PORT --timeout 3 "$BIMG" > "$T/m.out" 2>&1 &
        mpid=$!
        $Q $R --host localhost --port $PORT "$BIMG" > /dev/null 2>&1 &
        apid=$!
        sleep 0.5
        kill -9 $apid 2> /dev/null
        wait $mpid 2> /dev/null; st=$?
        [ $st = 2 ] && ok || { bad "killed apprentice: master exit $st";
                               cat "$T/m.out"; }
        wait 2> /dev/null
    fi
fi

# ---- MSA code on a CPU without MSA: a divergence, clearly reported ----
R=$BUILD/risu-mips64el
IMG=$BUILD/mips64el/sanity-msa.bin
if [ -x "$R" ] && [ -f "$IMG" ]; then
    expect 0 "msa record on 3A4000" qemu-mips64el -cpu Loongson-3A4000 $R \
        --master -t "$T/msa.tr" "$IMG"
    expect 1 "msa replay on MIPS64R2-generic" qemu-mips64el \
        -cpu MIPS64R2-generic $R -t "$T/msa.tr" "$IMG"
    grep_out "w0.hi .*not captured" "msa divergence names the vectors"
fi

# ---- risugen images (when the generator is built) ----
# risugen-arch qemu cpu flavour
GEN="
mipsel qemu-mipsel 24Kf mipsel
mips qemu-mips 74Kf mips
mipsel qemu-mipsel P5600 mipsel-fp64-nan2008
mipsr6el qemu-mipsel mips32r6-generic mipsisa32r6el
mips64el qemu-mips64el Loongson-3A4000 mips64el
mips64 qemu-mips64 R4000 mips64
mips64r6el qemu-mips64el I6400 mipsisa64r6el
"
if [ -x "$BUILD/risugen" ]; then
    while read -r ga q cpu fl; do
        [ -n "$ga" ] || continue
        R=$BUILD/risu-$fl
        [ -x "$R" ] || continue
        id="risugen $ga/$cpu"
        if ! "$BUILD/risugen" --arch "$ga" --cpu "$cpu" -n 2000 -s 7 \
                --drop-unsatisfiable -o "$T/gen.bin" > "$T/out" 2>&1; then
            bad "$id: risugen failed"; sed 's/^/    /' "$T/out" | head; continue
        fi
        expect 0 "$id record" "$q" -cpu "$cpu" "$R" --master -t "$T/gen.tr" \
            "$T/gen.bin"
        expect 0 "$id replay" "$q" -cpu "$cpu" "$R" -t "$T/gen.tr" "$T/gen.bin"
        if [ -x "$BUILD/risu-trace" ] && [ -n "${RISU_TRACE_ENC:-}" ]; then
            expect 0 "$id host verify" "$BUILD/risu-trace" verify "$T/gen.tr"
            grep_out ", $RISU_TRACE_ENC\$" "$id trace encoding"
        fi
        next_port
        "$q" -cpu "$cpu" "$R" --master --port $PORT "$T/gen.bin" \
            > "$T/m.out" 2>&1 &
        mpid=$!
        expect 0 "$id live" "$q" -cpu "$cpu" "$R" --host 127.0.0.1 \
            --port $PORT "$T/gen.bin"
        wait $mpid; st=$?
        [ $st = 0 ] && ok || bad "$id live master exit $st"
    done <<< "$GEN"
else
    echo "skip: risugen images ($BUILD/risugen not built)"
fi

# ---- the documented register table is the one in regs.def ----
if python3 tests/runner/regs-table.py --check; then ok; else bad "doc table"; fi

echo "runner-mips: $PASS passed, $FAIL failed"
[ $FAIL = 0 ]
