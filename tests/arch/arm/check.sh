#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# check-arm-patterns: the ARM pattern files, the QEMU overlays (when a
# QEMU tree is given) and the RISU-file reader.
#
#   tests/arch/arm/check.sh BUILD_DIR
#
# 1. risu-decode --check on every namespace of arch/arm/*.decode;
# 2. with QEMU_SRC=/path/to/qemu: every arch/arm/qemu/*.overlay against
#    QEMU's own files (target/arm/tcg/ or, for 7.2, target/arm/);
# 3. tests/decode/risufile fixtures through risu2decode;
# 4. when build/risugen exists: generate from each namespace and check
#    that every generated word decodes back to its own pattern.
set -eu
B=${1:-build}
A=arch/arm
DEC=$B/risu-decode
GEN=$B/risugen
R2D=$B/tests/risu2decode
N=${ARM_CHECK_N:-3000}
fail=0
pass=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { echo "check-arm-patterns: FAIL: $*" >&2; fail=$((fail + 1)); }

# ---- 1. our files, one namespace per line (width files...)
SVE="$A/sve.decode $A/sve-ext.decode $A/sve-mem.decode $A/sve2.decode"
NS="32 $A/a64.decode $A/a64-mem.decode $A/a64-fp.decode $A/a64-simd.decode $A/a64-crypto.decode $SVE
32 $A/a32.decode $A/a32-vfp.decode $A/a32-neon.decode
32 $A/a32-cond.decode
32 $A/t32.decode $A/a32-vfp.decode $A/t32-neon.decode
16 $A/t16.decode
32 $A/a64-allocated.decode
32 $A/a32-allocated.decode
32 $A/t32-allocated.decode
16 $A/t16-allocated.decode"
echo "$NS" | while read -r w files; do
    if $DEC -w "$w" --check $files >"$tmp/out" 2>&1; then
        echo ok >>"$tmp/passes"
    else
        cat "$tmp/out" >&2
        echo "risu-decode --check $files" >>"$tmp/fails"
    fi
done
[ -f "$tmp/passes" ] && pass=$((pass + $(wc -l <"$tmp/passes")))
if [ -f "$tmp/fails" ]; then
    while read -r l; do bad "$l"; done <"$tmp/fails"
fi

# ---- 2. overlays for QEMU's own files
if [ -n "${QEMU_SRC:-}" ]; then
    q=$QEMU_SRC/target/arm/tcg
    [ -d "$q" ] || q=$QEMU_SRC/target/arm
    for o in $A/qemu/*.overlay; do
        f=$(basename "$o" .overlay)
        [ -f "$q/$f.decode" ] || { echo "check-arm-patterns: skip $o (no $q/$f.decode)"; continue; }
        w=32; [ "$f" = t16 ] && w=16
        if $DEC -w $w --check --overlay "$o" "$q/$f.decode"; then ok; else bad "$o"; fi
    done
else
    echo "check-arm-patterns: QEMU_SRC not set: overlays not checked"
fi

# ---- 3. RISU files
if [ -x "$R2D" ]; then
    for f in arm-small a64-small thumb-small; do
        if $R2D -q tests/decode/risufile/$f.risu 2>"$tmp/r2d"; then ok; else cat "$tmp/r2d" >&2; bad "risu2decode $f"; fi
    done
    if $R2D -q --expect-errors 6 tests/decode/risufile/untranslatable.risu 2>"$tmp/r2d" &&
       grep -q 'untranslatable.risu:9: error: CALL_A64' "$tmp/r2d"; then
        ok
    else
        cat "$tmp/r2d" >&2
        bad "risu2decode untranslatable.risu (want 6 file:line errors)"
    fi
    # A mode without an arch: 16/32-bit patterns translate, the rest is
    # reported at its line.
    if $R2D -q --expect-errors 3 tests/decode/risufile/othermodes.risu \
            2>"$tmp/r2d" &&
       grep -q 'othermodes.risu:9: error: LONG_ZZ: 48-bit' "$tmp/r2d" &&
       grep -q 'othermodes.risu:10: error: SETUP_ZZ: .*write_mov_ri' \
            "$tmp/r2d" &&
       grep -q 'othermodes.risu: .mode zz9, 5 patterns (3 never)' "$tmp/r2d"
    then
        ok
    else
        cat "$tmp/r2d" >&2
        bad "risu2decode othermodes.risu (want 3 file:line errors)"
    fi
    # RISU semantics: overlapping patterns and RISU's Perl helpers.
    if $R2D -q tests/decode/risufile/overlap.risu 2>"$tmp/r2d"; then ok; else cat "$tmp/r2d" >&2; bad "risu2decode overlap"; fi
fi

# ---- 4. generated words decode back to their own pattern
# gencheck ARCH WIDTH-OF-DECODE "risugen file args" "risu-decode file args"
gencheck() {
    arch=$1; shift
    gargs=$1; shift
    dargs=$1
    if ! $GEN --arch "$arch" --cpu max -n "$N" -s 7 --dry-run $gargs >"$tmp/seq" 2>"$tmp/err"; then
        cat "$tmp/err" >&2
        bad "risugen --arch $arch $gargs"
        return
    fi
    # "  offset: word  LABEL"; drop the harness's own lines
    awk -v thumb="$arch" '
        $3 ~ /^(preamble|OPTRAP|CHECKPOINT|memory|clean-up|fix-up|branch|<)/ { prev = ""; next }
        NF >= 3 && $2 ~ /^[0-9a-f]+$/ {
            if (thumb == "thumb" && length($2) == 4) {
                if (prev != "" && prevname == $3) { print prev $2, $3; prev = ""; next }
                c1 = substr($2, 1, 1); c2 = substr($2, 2, 1)
                if (c1 == "f" || (c1 == "e" && index("89abcdef", c2) > 0)) {
                    prev = $2; prevname = $3; next
                }
            }
            print $2, $3; prev = ""
        }' "$tmp/seq" >"$tmp/words"
    cut -d' ' -f1 "$tmp/words" >"$tmp/w"
    $DEC $dargs -- - <"$tmp/w" >"$tmp/dec" 2>&1 || true
    paste -d' ' "$tmp/words" "$tmp/dec" | awk '
        function norm(x) { x = tolower(x); sub(/^0x/, "", x); sub(/^0+/, "", x); return x }
        norm($1) != norm($3) || $2 != $4 { print; bad++ }
        END { exit bad > 0 }' >"$tmp/mis" || {
        head -5 "$tmp/mis" >&2
        bad "words from $gargs decode as another pattern"
        return
    }
    ok
}
if [ -x "$GEN" ]; then
    gencheck aarch64 "$A/a64.decode+$A/a64-mem.decode+$A/a64-fp.decode+$A/a64-simd.decode+$A/a64-crypto.decode" \
        "$A/a64.decode $A/a64-mem.decode $A/a64-fp.decode $A/a64-simd.decode $A/a64-crypto.decode"
    # SVE alone (else its words are a few per cent of the sample), decoded
    # in the joint namespace: no pattern elsewhere claims them.
    gencheck aarch64 "$(echo $SVE | tr ' ' +)" \
        "$A/a64.decode $A/a64-mem.decode $A/a64-fp.decode $A/a64-simd.decode $A/a64-crypto.decode $SVE"
    gencheck arm "$A/a32.decode+$A/a32-vfp.decode+$A/a32-neon.decode" \
        "$A/a32.decode $A/a32-vfp.decode $A/a32-neon.decode"
    gencheck arm "$A/a32-cond.decode" "$A/a32-cond.decode"
    gencheck thumb "$A/t32.decode+$A/a32-vfp.decode+$A/t32-neon.decode" \
        "$A/t32.decode $A/a32-vfp.decode $A/t32-neon.decode"
    gencheck thumb "--insnwidth 16 $A/t16.decode" "-w 16 $A/t16.decode"
else
    echo "check-arm-patterns: no $GEN: generation not checked"
fi

echo "check-arm-patterns: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
