#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Integration tests for risu-armhf and risu-aarch64 under qemu-user
# (make check).  Every qemu run passes -cpu.  Runners whose cross
# compiler is missing are skipped.
set -u
# shellcheck source=tests/runner/lib.sh
. "$(dirname "$0")/lib.sh"
runner_tests_init arm 1
# a register may be reported by its slices (name[...])
REG_SLICES=1

# runner qemu cpu image-kind state sanity-arg (a32: D32; a64: SVE VL bytes)
MATRIX="
armhf qemu-arm cortex-a15 arm a32 1
armhf qemu-arm cortex-a15 thumb a32 1
armhf qemu-arm max arm a32 1
armhf qemu-arm max thumb a32 1
armhf qemu-arm cortex-a8 thumb a32 1
armhf qemu-arm cortex-a7 arm a32 1
aarch64 qemu-aarch64 max base a64 64
aarch64 qemu-aarch64 max sve a64 64
aarch64 qemu-aarch64 cortex-a57 base a64 0
aarch64 qemu-aarch64 cortex-a53 base a64 0
aarch64 qemu-aarch64 max,sve-default-vector-length=16 sve a64 16
aarch64 qemu-aarch64 max,sve-default-vector-length=32 sve a64 32
aarch64 qemu-aarch64 max,sve-default-vector-length=128 sve a64 128
aarch64 qemu-aarch64 max,sve-default-vector-length=256 sve a64 256
"

declare -A FIRST
while read -r fl q cpu kind st arg; do
    [ -n "$fl" ] || continue
    R="$BUILD/risu-$fl"
    IMG="$BUILD/$fl/sanity-$kind.bin"
    if [ ! -x "$R" ] || ! command -v "$q" > /dev/null; then
        echo "skip: $fl on $cpu (runner or $q missing)"
        continue
    fi
    id="$fl/$cpu/$kind"
    # 1. exact capture of every register class, signals, memory ops
    expect 0 "$id dump" "$q" -cpu "$cpu" "$R" --dump "$IMG"
    cp "$T/out" "$T/dump"
    if python3 tests/runner/arm-sanity.py "$T/dump" "$st" "$kind" "$arg" \
            > "$T/out"; then ok; else
        bad "$id sanity values"; show_out
    fi
    # 2. record, then replay on the same CPU
    record_replay "$id" "$T/tr" "$IMG" "$q" -cpu "$cpu" "$R"
    [ -n "${FIRST[$fl/$kind/${arg}]:-}" ] && continue
    FIRST[$fl/$kind/${arg}]=1
    # 3. live over TCP and over a Unix socket
    live_both "$id" "$IMG" "$q" -cpu "$cpu" "$R"
    # 4. an injected fault in every register class is reported by name
    #    (REG:CHECKPOINT:BIT), and one outside a named mask is not
    if [ "$st" = a32 ]; then
        regs="r5:3:7 lr:1:0 sp:2:4 cpsr:4:31 cpsr:1:16 fpscr:1:2 d5:2:63 memhash:7:1"
        [ "$arg" = 1 ] && regs="$regs d20:0:0"
        masked="cpsr:2:5 cpsr:2:0"
        aregs="r4:4 lr:30 sp:4 cpsr:30 cpsr:17 fpscr:22 d6:40"
    else
        regs="x5:3:7 x30:1:63 sp:2:4 nzcv:4:31 fpsr:1:2 fpcr:5:22 v3:2:100 v31:0:0 memhash:7:1"
        [ "$arg" != 0 ] && regs="$regs vl:1:4 z7.hi:2:64 z31.hi:0:0 p3:1:5 ffr:2:0"
        masked="nzcv:2:0 nzcv:2:21"
        aregs="x4:4 sp:4 nzcv:30 fpsr:27 fpcr:24 v6:100"
        [ "$arg" != 0 ] && aregs="$aregs p2:$((arg - 1)) ffr:0"
        [ "$arg" -gt 16 ] && aregs="$aregs z5.hi:$((arg * 8 - 129))"
    fi
    for spec in $regs; do
        IFS=: read -r reg k bit <<< "$spec"
        expect 1 "$id inject $reg:$bit" env RISU_INJECT=$k:$reg:$bit \
            "$q" -cpu "$cpu" "$R" -t "$T/tr" "$IMG"
        grep_out "mismatch at checkpoint $k:" "$id inject $reg checkpoint"
        grep_out "^  $reg[ []" "$id inject $reg name"
    done
    for spec in $masked; do
        IFS=: read -r reg k bit <<< "$spec"
        expect 0 "$id masked $reg:$bit" env RISU_INJECT=$k:$reg:$bit \
            "$q" -cpu "$cpu" "$R" -t "$T/tr" "$IMG"
    done
    # 5. --keep-going writes the adopted state back into the machine
    adopt_checks "$id" "$aregs" "$IMG" "$q" -cpu "$cpu" "$R"
done <<< "$MATRIX"

# ---- si_code normalisation: QEMU's ILL_ILLOPN (2) compares equal to a
# kernel's ILL_ILLOPC (1) for a UDF SIGILL; other codes stay exact.
# RISU_INJECT=K:si_code:V makes a recording look like the kernel's. ----
for fl in aarch64 armhf; do
    R=$BUILD/risu-$fl
    [ -x "$R" ] || continue
    if [ $fl = aarch64 ]; then
        Q="qemu-aarch64 -cpu max"; IMG=$BUILD/aarch64/sanity-base.bin
    else
        Q="qemu-arm -cpu cortex-a15"; IMG=$BUILD/armhf/sanity-thumb.bin
    fi
    expect 0 "$fl kernel-like record" env RISU_INJECT=4:si_code:1 $Q $R \
        --master -t "$T/k.tr" "$IMG"
    expect 0 "$fl ILL_ILLOPN replays as ILL_ILLOPC" $Q $R -t "$T/k.tr" "$IMG"
    expect 1 "$fl other SIGILL code" env RISU_INJECT=5:si_code:3 $Q $R \
        -t "$T/k.tr" "$IMG"
    grep_out "signal: ref signal 4 si_code 2 (as 1)" "$fl normalised report"
    expect 1 "$fl SIGBUS code exact" env RISU_INJECT=6:si_code:2 $Q $R \
        -t "$T/k.tr" "$IMG"
done

# ---- mode, protocol and error handling (aarch64 on max, armhf a15) ----
for fl in aarch64 armhf; do
    R=$BUILD/risu-$fl
    [ -x "$R" ] || continue
    if [ $fl = aarch64 ]; then
        Q="qemu-aarch64 -cpu max"; IMG=$BUILD/aarch64/sanity-sve.bin
        OTHER=$BUILD/aarch64/sanity-base.bin; g=x9
    else
        Q="qemu-arm -cpu cortex-a15"; IMG=$BUILD/armhf/sanity-thumb.bin
        OTHER=$BUILD/armhf/sanity-arm.bin; g=r9
    fi
    expect 0 "$fl record for error tests" $Q $R --master -t "$T/good" "$IMG"
    # IPv6 live, with a fault the apprentice reports and the master learns
    ipv6_inject "$fl " $g "$IMG" $Q $R
    # truncated, corrupted, foreign traces and the wrong image: exit 2
    broken_traces "$fl " "$T/good" "$IMG" $Q $R
    expect 2 "$fl other image" $Q $R -t "$T/good" "$OTHER"
    grep_out "image digest" "$fl other image message"
    expect 2 "$fl usage" $Q $R --bogus
    # pipes: -t - both ways
    pipe_replay "$fl pipe record | replay" "$IMG" $Q $R
    # a trace from the other ARM runner: arch/layout mismatch, exit 2
    if [ $fl = armhf ] && [ -f "$T/a64.tr" ]; then
        expect 2 "aarch64 trace on armhf" $Q $R -t "$T/a64.tr" "$IMG"
    fi
    [ $fl = aarch64 ] && cp "$T/good" "$T/a64.tr"
    # images for the other state are refused
    if [ $fl = armhf ]; then
        python3 tests/runner/addmeta.py $BUILD/armhf/sanity-arm.raw \
            "$T/wrong.bin" format=1 arch=aarch64
        expect 2 "aarch64 image on armhf" $Q $R --dump "$T/wrong.bin"
        grep_out "arch=aarch64" "armhf refusal message"
    else
        python3 tests/runner/addmeta.py $BUILD/aarch64/sanity-base.bin \
            "$T/wrong.bin" format=1 arch=thumb
        expect 2 "thumb image on aarch64" $Q $R --dump "$T/wrong.bin"
        grep_out "arch=thumb" "aarch64 refusal message"
    fi
    # a peer that dies or stalls ends the run with exit 2 within the timeout
    BIMG=$BUILD/aarch64/bench.bin
    [ $fl = aarch64 ] && [ -f "$BIMG" ] || continue
    dead_master "$BIMG" $Q $R
    dead_apprentice 5 "$BIMG" $Q $R
done

# ---- SVE presence: refused or a clear divergence ----
R=$BUILD/risu-aarch64
if [ -x "$R" ]; then
    python3 tests/runner/addmeta.py $BUILD/aarch64/sanity-sve.bin \
        "$T/sve.bin" format=1 arch=aarch64 endian=little features=fp,asimd,sve
    expect 2 "sve image on cortex-a57" qemu-aarch64 -cpu cortex-a57 $R \
        --dump "$T/sve.bin"
    grep_out "needs 'sve'" "sve refusal message"
    expect 0 "sve image on max" qemu-aarch64 -cpu max $R --dump "$T/sve.bin"
    IMG=$BUILD/aarch64/sanity-base.bin
    expect 0 "base record on max" qemu-aarch64 -cpu max $R --master \
        -t "$T/max.tr" "$IMG"
    expect 1 "base replay on cortex-a57" qemu-aarch64 -cpu cortex-a57 $R \
        -t "$T/max.tr" "$IMG"
    grep_out "z0.hi.*not captured" "a57 divergence names the SVE state"
    expect 1 "vl 512 trace on vl 256" qemu-aarch64 \
        -cpu max,sve-default-vector-length=32 $R -t "$T/max.tr" "$IMG"
    grep_out "^  vl " "vector length divergence"
fi

# ---- SME: SVCR, SVL and ZA for images that declare sme (arm64l) ----
IMG=$BUILD/aarch64/sanity-sme.bin
if [ -x "$R" ] && [ -f "$IMG" ]; then
    for cpu in max max,sme-default-vector-length=64 \
            max,sme-default-vector-length=16 \
            max,sve-default-vector-length=256; do
        expect 0 "sme dump on $cpu" qemu-aarch64 -cpu $cpu $R --dump "$IMG"
        cp "$T/out" "$T/dump"
        if python3 tests/runner/arm-sme-check.py "$T/dump" > "$T/out"; then
            ok; else bad "sme values on $cpu"; show_out
        fi
    done
    # a streaming length above the layout's 512 bits is lowered, and said
    expect 0 "sme record, svl 1024" qemu-aarch64 \
        -cpu max,sme-default-vector-length=128 $R --master -t "$T/sme.tr" \
        "$IMG"
    expect 0 "sme trace header" $BUILD/risu-trace show "$T/sme.tr"
    grep_out "sme svl=512 (lowered)" "sme lowering in the header"
    record_replay "aarch64/max/sme" "$T/sme.tr" "$IMG" qemu-aarch64 -cpu max $R
    live_both "aarch64/max/sme" "$IMG" qemu-aarch64 -cpu max $R
    expect 1 "sme za inject" env RISU_INJECT=6:za.r1:3 qemu-aarch64 -cpu max \
        $R -t "$T/sme.tr" "$IMG"
    grep_out "za.r1\[63:0\]" "a ZA row difference is named"
    expect 1 "sme tpidr2 inject" env RISU_INJECT=6:tpidr2:3 qemu-aarch64 \
        -cpu max $R -t "$T/sme.tr" "$IMG"
    grep_out "^  tpidr2 " "a TPIDR2 difference is named"
    expect 1 "sme trace on svl 512" qemu-aarch64 \
        -cpu max,sme-default-vector-length=64 $R -t "$T/sme.tr" "$IMG"
    grep_out "^  svl " "streaming length divergence"
    expect 2 "sme image on cortex-a57" qemu-aarch64 -cpu cortex-a57 $R \
        --dump "$IMG"
    grep_out "needs '" "sme refusal message"
fi

# ---- Thumb reports name the pattern from the metadata ----
R=$BUILD/risu-armhf
if [ -x "$R" ]; then
    Q="qemu-arm -cpu cortex-a15"
    python3 tests/runner/addmeta.py $BUILD/armhf/sanity-thumb.raw \
        "$T/tmeta.bin" format=1 arch=thumb endian=little insns=2 \
        "11a UDF_w" "12e LDREX_unaligned"
    expect 0 "thumb meta record" $Q $R --master -t "$T/tm.tr" "$T/tmeta.bin"
    expect 1 "thumb meta inject" env RISU_INJECT=5:r1:0 $Q $R \
        -t "$T/tm.tr" "$T/tmeta.bin"
    grep_out "insn 0xf7f1a001 (UDF_w)" "thumb 32-bit insn and pattern name"
fi

# ---- risugen images (when the generator can make ARM images) ----
# risugen-arch runner qemu cpu files
A=arch/arm
GEN="
aarch64 aarch64 qemu-aarch64 max $A/a64.decode $A/a64-mem.decode $A/a64-fp.decode $A/a64-simd.decode $A/a64-crypto.decode
aarch64 aarch64 qemu-aarch64 cortex-a57 $A/a64.decode $A/a64-mem.decode $A/a64-fp.decode $A/a64-simd.decode $A/a64-crypto.decode
arm armhf qemu-arm cortex-a15 $A/a32.decode $A/a32-vfp.decode $A/a32-neon.decode
arm armhf qemu-arm max $A/a32.decode $A/a32-vfp.decode $A/a32-neon.decode
thumb armhf qemu-arm cortex-a15 --insnwidth 16 $A/t16.decode --insnwidth 32 $A/t32.decode $A/t32-neon.decode
thumb armhf qemu-arm max --insnwidth 16 $A/t16.decode --insnwidth 32 $A/t32.decode $A/t32-neon.decode
"
if [ -x "$BUILD/risugen" ]; then
    while read -r ga fl q cpu files; do
        [ -n "$ga" ] || continue
        R=$BUILD/risu-$fl
        [ -x "$R" ] || continue
        id="risugen $ga/$cpu"
        # shellcheck disable=SC2086
        if ! "$BUILD/risugen" --arch "$ga" --cpu "$cpu" -n 2000 -s 7 \
                --drop-unsatisfiable $files -o "$T/gen.bin" > "$T/out" 2>&1
        then
            echo "skip: $id: risugen cannot make it yet"
            sed 's/^/    /' "$T/out" | head -3
            continue
        fi
        generated_image "$id" "$T/gen.bin" "$q" -cpu "$cpu" "$R"
    done <<< "$GEN"
else
    echo "skip: risugen images ($BUILD/risugen not built)"
fi

# ---- risugen SME images: streaming mode around sme.decode patterns ----
R=$BUILD/risu-aarch64
if [ -x "$BUILD/risugen" ] && [ -x "$R" ]; then
    expect 0 "risugen sme" "$BUILD/risugen" --arch aarch64 --cpu max \
        --features sme --group sme -n 1000 -s 7 --verify -o "$T/sme-gen.bin"
    grep_out " 0 problem(s)" "sme words disassemble as their patterns"
    for cpu in max max,sme-default-vector-length=64 \
            max,sve-default-vector-length=256,sme-default-vector-length=16; do
        generated_image "risugen sme/$cpu" "$T/sme-gen.bin" qemu-aarch64 \
            -cpu $cpu $R
        expect 0 "risugen sme/$cpu show" $BUILD/risu-trace show "$T/gen.tr"
        if grep -q "signal" "$T/out"; then
            bad "risugen sme/$cpu: a test instruction raised a signal"
        else ok; fi
        grep_out "^    za.r" "risugen sme/$cpu changes ZA"
    done
    # mixed with the default list: the generator enters and leaves
    expect 0 "risugen sme mixed" "$BUILD/risugen" --arch aarch64 --cpu max \
        --features sme -n 2000 -s 8 -o "$T/sme-mix.bin"
    generated_image "risugen sme mixed" "$T/sme-mix.bin" qemu-aarch64 \
        -cpu max $R
fi

# ---- state classes (format/state.h): capture only what the image can
# change, everything every 32nd checkpoint and at TESTEND ----
R=$BUILD/risu-aarch64
if [ -x "$BUILD/risugen" ] && [ -x "$R" ]; then
    Q="qemu-aarch64 -cpu max"
    expect 0 "classes: no-sve image" "$BUILD/risugen" --arch aarch64 \
        --cpu max --features no-sve -n 1500 -s 3 -q -o "$T/cls.bin"
    expect 0 "classes: metadata" strings "$T/cls.bin"
    grep_out "^classes=gpr,flags,fp$" "classes: an image without SVE words"
    expect 0 "classes: sve image" "$BUILD/risugen" --arch aarch64 \
        --cpu max --group sve -n 300 -s 3 -q -o "$T/clsv.bin"
    expect 0 "classes: sve metadata" strings "$T/clsv.bin"
    grep_out "^classes=gpr,flags,fp,sve$" "classes: an image of SVE words"
    expect 0 "classes: record" $Q $R --master -t "$T/cls.tr" "$T/cls.bin"
    expect 0 "classes: replay" $Q $R -t "$T/cls.tr" "$T/cls.bin"
    grep_out "match (0 mismatching)" "classes: replay matches"
    expect 0 "classes: show" $BUILD/risu-trace show "$T/cls.tr"
    grep_out "classes=gpr,flags,fp/32" "classes: the trace says which"
    # An emulator bug in an undeclared class (a SIMD op leaving junk in
    # Z above bit 127), injected at checkpoint 5 into the register
    # itself: found at the next full checkpoint, 32, and named so.
    expect 1 "classes: undeclared z3.hi" env RISU_INJECT=5:z3.hi:70 \
        $Q $R -t "$T/cls.tr" "$T/cls.bin"
    grep_out "^mismatch at checkpoint 32:" "classes: found at checkpoint 32"
    grep_out "z3.hi\[127:64\] *ref 0x0000000000000000 got 0x0000000000000040" \
        "classes: z3.hi named with both values"
    grep_out "not in the image's state classes (gpr,flags,fp)" \
        "classes: the report says the class is not declared"
    # The same bug injected on the master's side of a live run.
    rm -f "$T/cls.sock"
    env RISU_INJECT=40:p2:3 $Q $R --master --unix "$T/cls.sock" \
        "$T/cls.bin" > "$T/clsm.out" 2>&1 &
    for _ in $(seq 100); do [ -S "$T/cls.sock" ] && break; sleep 0.05; done
    expect 1 "classes: live, undeclared p2 on the master" \
        $Q $R --unix "$T/cls.sock" "$T/cls.bin"
    wait
    grep_out "^mismatch at checkpoint 64:" "classes: live, found at 64"
    grep_out "p2\[63:0\] *ref 0x0000000000000008 got 0x0000000000000000" \
        "classes: live, p2 named"
    # A declared class is still compared at every checkpoint.
    expect 1 "classes: declared v3" env RISU_INJECT=5:v3:70 \
        $Q $R -t "$T/cls.tr" "$T/cls.bin"
    grep_out "^mismatch at checkpoint 5:" "classes: declared, at once"
    # A trace of other classes is an error, never a match.
    expect 2 "classes: --all-state replay of a classes trace" \
        $Q $R --all-state -t "$T/cls.tr" "$T/cls.bin"
    grep_out "the reference holds the state classes 'gpr,flags,fp', this run" \
        "classes: other classes named"
    expect 0 "classes: --all-state record" \
        $Q $R --all-state --master -t "$T/clsa.tr" "$T/cls.bin"
    expect 2 "classes: classes replay of an --all-state trace" \
        $Q $R -t "$T/clsa.tr" "$T/cls.bin"
    expect 0 "classes: --all-state replay" \
        $Q $R --all-state -t "$T/clsa.tr" "$T/cls.bin"
    # The declaration is right when the registers of the undeclared
    # classes never change between full checkpoints: a classes trace and
    # an --all-state trace of the same image then agree at every record
    # (risu-trace diff compares them whole).  Default and SVE groups on
    # -cpu max (the preamble seeds Z, so every V write changes it), and
    # an image for a target without SVE.
    for g in "-s 11" "--group sve -s 12" "--features no-sve -s 13"; do
        # shellcheck disable=SC2086
        "$BUILD/risugen" --arch aarch64 --cpu max -n 1500 $g -q \
            -o "$T/clv.bin" > /dev/null 2>&1 || { bad "risugen $g"; continue; }
        $Q $R --master -t "$T/clv-c.tr" "$T/clv.bin" > /dev/null 2>&1
        $Q $R --master --all-state -t "$T/clv-a.tr" "$T/clv.bin" \
            > /dev/null 2>&1
        expect 0 "classes: declared classes hold ($g)" $BUILD/risu-trace \
            diff --keep-going "$T/clv-c.tr" "$T/clv-a.tr"
        grep_out "^no differences in" "classes: nothing undeclared changed ($g)"
    done
    # ... and the check finds a wrong one: an SVE image declaring no sve.
    python3 - "$T/clv.bin" "$T/clw.bin" <<'PY'
import struct, sys
d = open(sys.argv[1], 'rb').read()
ml, cl = struct.unpack('<II', d[-8:])
meta = d[cl:cl + ml].replace(b'classes=gpr,flags,fp\n',
                             b'classes=gpr,flags\n')
open(sys.argv[2], 'wb').write(d[:cl] + meta + d[cl + ml:-8] +
                              struct.pack('<II', len(meta), cl))
PY
    $Q $R --master -t "$T/clw-c.tr" "$T/clw.bin" > /dev/null 2>&1
    $Q $R --master --all-state -t "$T/clw-a.tr" "$T/clw.bin" > /dev/null 2>&1
    expect 1 "classes: a wrong declaration shows" $BUILD/risu-trace \
        diff "$T/clw-c.tr" "$T/clw-a.tr"
    grep_out "^  v[0-9]* " "classes: the undeclared V register named"
    # Unknown names in the metadata are refused, naming them.
    python3 tests/runner/addmeta.py $BUILD/aarch64/sanity-base.bin \
        "$T/clsbad.bin" format=1 arch=aarch64 endian=little \
        classes=gpr,vector
    expect 2 "classes: unknown class" $Q $R --master -t "$T/x.tr" \
        "$T/clsbad.bin"
    grep_out "unknown state class 'vector'" "classes: unknown name given"
fi

# ---- the documented register tables are the ones in regs-*.def ----
if python3 tests/runner/arm-regs-table.py --check; then ok; else
    bad "doc tables"; fi

summary runner-arm
