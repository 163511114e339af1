#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Integration tests for the MIPS runners under qemu-user (make check).
# Every qemu run passes -cpu: qemu-mips64el's default 5KEf ignores FCSR
# writes.  Flavours whose runner was not built are skipped.
set -u
# shellcheck source=tests/runner/lib.sh
. "$(dirname "$0")/lib.sh"
runner_tests_init mips 0

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
        bad "$id sanity values"; show_out
    fi
    # 2. record, then replay on the same CPU
    record_replay "$id" "$T/tr" "$IMG" "$q" -cpu "$cpu" "$R"
    [ -n "${FIRST[$fl]:-}" ] && continue
    FIRST[$fl]=1
    # 3. live over TCP and over a Unix socket
    live_both "$id" "$IMG" "$q" -cpu "$cpu" "$R"
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
    # 5. --keep-going writes the adopted state back into the machine
    aregs="s0:4 sp:4"
    [ "$hilo" = 1 ] && aregs="$aregs hi:3 lo:30"
    [ "$cfpu" = 1 ] && aregs="$aregs f5:4 f6:31 fcsr:3"
    [ "$cfpu" = 1 ] && [ "$fr" = 1 ] && aregs="$aregs f7:40"
    [ "$cmsa" = 1 ] && aregs="$aregs w3.hi:63 msacsr:2"
    adopt_checks "$id" "$aregs" "$IMG" "$q" -cpu "$cpu" "$R"
done <<< "$MATRIX"

# ---- mode, protocol and error handling (mipsel on 24Kf) ----
R=$BUILD/risu-mipsel
Q="qemu-mipsel -cpu 24Kf"
IMG=$BUILD/mipsel/sanity-fpu.bin
if [ -x "$R" ]; then
    expect 0 "record for error tests" $Q $R --master -t "$T/good" "$IMG"
    # IPv6 live, with a fault the apprentice reports and the master learns
    ipv6_inject "" t1 "$IMG" $Q $R
    # pattern names from the image metadata appear in the report
    $Q $R --dump "$IMG" > "$T/d24"
    pc3=$(awk '/^checkpoint 3 /{print $6}' "$T/d24")
    off=$(printf '%x' $((pc3 - 16)))
    python3 tests/runner/addmeta.py "$IMG" "$T/meta.bin" format=1 arch=mipsel \
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
    broken_traces "" "$T/good" "$IMG" $Q $R
    expect 2 "other image" $Q $R -t "$T/good" "$BUILD/mipsel/sanity-base.bin"
    expect 2 "missing image" $Q $R -t "$T/good" "$T/nonexistent"
    # a literal pool (OPTRAP SKIP) running past the code, or misaligned
    for imm in 1048576 6; do
        python3 - "$IMG" "$T/skip.bin" $imm <<'PY'
import struct, sys
b = open(sys.argv[1], "rb").read()
skip = struct.pack("<3I", 0x3d, 8, 8)
i = b.index(skip)
open(sys.argv[2], "wb").write(b[:i + 8] + struct.pack("<I", int(sys.argv[3]))
                              + b[i + 12:])
print("0x%x" % i)
PY
        expect 2 "SKIP $imm" $Q $R --dump "$T/skip.bin"
        grep_out "OPTRAP SKIP at image offset 0x" "SKIP $imm message"
    done
    grep_out "6 data bytes is not a non-negative multiple of 4" \
        "SKIP misaligned message"
    expect 2 "usage" $Q $R --bogus
    expect 0 "help" $Q $R --help
    # longer than one 1 KiB formatting buffer: nothing cut off at the end
    [ "$(tail -n 1 "$T/out")" = "RISU_INJECT=K:memlie:OFF does so only in the block a recorder sends." ] &&
        ok || { bad "--help output cut short"; tail -n 2 "$T/out"; }
    # pipes: -t - both ways
    pipe_replay "pipe record | replay" "$IMG" $Q $R
    # image features the CPU lacks: refused up front
    python3 tests/runner/addmeta.py "$IMG" "$T/msa.bin" format=1 endian=little \
        features=fpu,msa
    expect 2 "msa image on 24Kf" $Q $R -t "$T/good" "$T/msa.bin"
    grep_out "needs 'msa'" "msa refusal message"
    # one whole line: the feature list closed, the line ended
    grep -q "lacks (it has: [a-z0-9 -]*[a-z0-9])\$" "$T/out" &&
        [ -z "$(tail -c 1 "$T/out")" ] && ok ||
        { bad "refusal message not one whole line"; show_out; }
    # a peer that dies or stalls ends the run with exit 2 within the timeout
    BIMG=$BUILD/mipsel/bench.bin
    if [ -f "$BIMG" ]; then
        dead_master "$BIMG" $Q $R
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
        dead_apprentice "" "$BIMG" $Q $R
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
        generated_image "$id" "$T/gen.bin" "$q" -cpu "$cpu" "$R"
    done <<< "$GEN"
else
    echo "skip: risugen images ($BUILD/risugen not built)"
fi

# ---- every runner refuses an image of another arch or ABI width ----
if [ -x "$BUILD/risugen" ]; then
    "$BUILD/risugen" --arch mipsel --cpu 24Kf -n 50 -o "$T/o32.bin" \
        tests/gen/basic.decode
    "$BUILD/risugen" --arch aarch64 -n 50 -o "$T/a64.bin" tests/gen/a64.decode
    python3 tests/runner/relabel.py "$T/o32.bin" "$T/relab.bin" aarch64
    python3 tests/runner/relabel.py "$T/o32.bin" "$T/r6.bin" mipsr6el
    # runner qemu cpu image: each must be refused with exit 2
    while read -r fl q cpu im; do
        R=$BUILD/risu-$fl
        [ -x "$R" ] || continue
        expect 2 "$im on $fl" timeout 20 "$q" -cpu "$cpu" "$R" --master \
            -t "$T/arch.tr" "$T/$im.bin"
        grep_out "metadata says arch=" "$im on $fl: reason"
    done <<EOT
mipsel qemu-mipsel 24Kf a64
mipsel qemu-mipsel 24Kf relab
mipsel qemu-mipsel 24Kf r6
mips64el qemu-mips64el MIPS64R2-generic o32
mipsisa32r6el qemu-mipsel mips32r6-generic o32
EOT
    R=$BUILD/risu-mipsel
    if [ -x "$R" ]; then
        expect 0 "mipsel image on mipsel" qemu-mipsel -cpu 24Kf "$R" \
            --master -t "$T/arch.tr" "$T/o32.bin"
    fi
fi

# ---- system errors by name (MIPS errno values are not x86's) ----
R=$BUILD/risu-mipsel
if [ -x "$R" ]; then
    expect 2 "missing image by name" qemu-mipsel -cpu 24Kf "$R" --dump \
        "$T/nonexistent"
    grep_out "No such file or directory" "ENOENT by name"
    next_port
    expect 2 "connection refused" qemu-mipsel -cpu 24Kf "$R" \
        --host 127.0.0.1 --port $PORT --timeout 1 "$T/o32.bin"
    grep_out "Connection refused" "ECONNREFUSED by name"
    # a fault injected past the last checkpoint is an error, not a pass
    expect 2 "inject past the end" env RISU_INJECT=100000:t1:0 \
        qemu-mipsel -cpu 24Kf "$R" -t "$T/arch.tr" "$T/o32.bin"
    grep_out "nothing was injected" "inject past the end: message"
fi

# ---- the documented register table is the one in regs.def ----
if python3 tests/runner/regs-table.py --check; then ok; else bad "doc table"; fi

summary runner-mips
