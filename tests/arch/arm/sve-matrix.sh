#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# make check-sve: the SVE pattern files (sve.decode, sve-ext.decode,
# sve-mem.decode, sve2.decode) at VL 128, 256, 512, 1024 and 2048 bits
# under qemu-aarch64 -cpu max (docs/arm-patterns.md, "SVE").  Per VL and
# per tag (sve, sve-mem, sve2, sve-mm, sve-prf): record and replay match
# and no signal at all; the whole group also live over a Unix socket;
# the VL >= 256 patterns (`--features vl256`, tag sve-vl256) from VL 256
# up, and refused (exit 2, "needs 'vl256'") at VL 128; the prefetches
# change no register (QEMU runs them as NOPs).  Then risugen --verify
# (objdump) of SVE_VERIFY_N words over every SVE pattern.
#
#   BUILD=build SVE_N=10000 tests/arch/arm/sve-matrix.sh
set -u
BUILD=${BUILD:-build}
GEN=$BUILD/risugen
TR=$BUILD/risu-trace
R=$BUILD/risu-aarch64
N=${SVE_N:-10000}
VN=${SVE_VERIFY_N:-100000}
A=arch/arm
SVE=$A/sve.decode+$A/sve-ext.decode+$A/sve-mem.decode+$A/sve2.decode
T=$(mktemp -d /tmp/risu-sve-matrix.XXXXXX)
trap 'rm -rf "$T"' EXIT
PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }
show() { sed 's/^/    /' "$1" | head -${2:-10}; }

command -v qemu-aarch64 > /dev/null || { echo "skip: no qemu-aarch64"; exit 0; }
[ -x "$R" ] || { echo "skip: no $R"; exit 0; }

# gen ID ARGS...: image $T/ID.bin
gen() {
    local id=$1
    shift
    "$GEN" --arch aarch64 --cpu max -s 21 -o "$T/$id.bin" "$@" \
        > "$T/$id.gen" 2>&1 || { bad "$id: risugen $*"; show "$T/$id.gen"; return 1; }
}

# recrep ID VLBYTES: record, replay, count signals
recrep() {
    local id=$1 vl=$2 c=max,sve-default-vector-length=$2 n
    local q="qemu-aarch64 -cpu $c $R"
    if ! $q --master -t "$T/$id-$vl.tr" "$T/$id.bin" > "$T/rec" 2>&1; then
        bad "$id VL $((vl * 8)): record"; show "$T/rec"; return
    fi
    if $q -t "$T/$id-$vl.tr" "$T/$id.bin" > "$T/rep" 2>&1 &&
        grep -q ', match' "$T/rep"; then ok
    else bad "$id VL $((vl * 8)): replay"; show "$T/rep"; fi
    "$TR" show --image "$T/$id.bin" "$T/$id-$vl.tr" > "$T/show" 2>&1
    n=$(grep -c ' signal ' "$T/show")
    if [ "$n" = 0 ]; then ok; else
        bad "$id VL $((vl * 8)): $n signals"
        grep ' signal ' "$T/show" | grep -o '\[[A-Za-z0-9_]*' | sort |
            uniq -c | sort -rn | head -5
    fi
    echo "  $id VL $((vl * 8)): $(tail -1 "$T/rep"), $n signals"
}

live() {
    local id=$1 vl=$2 c=max,sve-default-vector-length=$2 S=$T/live.sock
    rm -f "$S"
    qemu-aarch64 -cpu $c "$R" --master --unix "$S" "$T/$id.bin" > "$T/m" 2>&1 &
    local mp=$!
    for _ in $(seq 100); do [ -S "$S" ] && break; sleep 0.05; done
    qemu-aarch64 -cpu $c "$R" --unix "$S" "$T/$id.bin" > "$T/a" 2>&1
    local arc=$?
    wait $mp
    local mrc=$?
    if [ $arc = 0 ] && [ $mrc = 0 ] &&
        grep -q 'apprentice reports a match' "$T/m"; then ok
        echo "  $id VL $((vl * 8)) live: match"
    else bad "$id VL $((vl * 8)) live: master $mrc apprentice $arc"
        show "$T/m"; show "$T/a"; fi
}

gen all --group sve -n "$N" || exit 1
for tag in sve-mem sve2 sve-mm; do gen "$tag" --group "$tag" -n $((N / 2)); done
gen sve-prf --group sve-prf -n 1000
gen vl256 --features vl256 --group sve-vl256 -n 2000 --verify
for vl in 16 32 64 128 256; do
    recrep all $vl
    live all $vl
    for tag in sve-mem sve2 sve-mm; do recrep "$tag" $vl; done
    [ $vl -ge 32 ] && recrep vl256 $vl
done
recrep sve-prf 32

# a prefetch is a hint: after checkpoint 0 no register line at all
# (the memory hash of the final COMPAREMEM is not a register)
n=$("$TR" show "$T/sve-prf-32.tr" | awk '/^#1 /{p=1} p && !/^#/' |
    grep -cv '^    mem')
if [ "$n" = 0 ]; then ok; else bad "sve-prf: $n register changes"; fi

# a vl256 image at VL 128: refused before it runs, naming the feature
qemu-aarch64 -cpu max,sve-default-vector-length=16 "$R" --master \
    -t "$T/x.tr" "$T/vl256.bin" > "$T/x" 2>&1
rc=$?
if [ $rc = 2 ] && grep -q "needs 'vl256'" "$T/x"; then ok; else
    bad "vl256 image at VL 128: exit $rc, want 2 naming vl256"; show "$T/x"
fi

# objdump agrees with every SVE pattern's name
if "$GEN" --arch aarch64 --cpu max --features vl256 --verify -n "$VN" \
        -s 22 -o "$T/v.bin" "$SVE" > "$T/verify" 2>&1; then ok
else bad "risugen --verify"; fi
tail -1 "$T/verify" | sed 's/^/  /'

echo "check-sve: $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
