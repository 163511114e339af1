#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The main job: generate a MIPS sequence, then compare a reference (master)
# with an implementation under test (apprentice) under qemu-user, live
# over a socket and again through a recorded trace.
#   make demo [DEMO_ARCH=mipsel DEMO_REF=24Kf DEMO_TEST=74Kf DEMO_N=10000]
set -eu
arch=${DEMO_ARCH:-mipsel}
ref=${DEMO_REF:-24Kf}
test=${DEMO_TEST:-74Kf}
n=${DEMO_N:-10000}
seed=${DEMO_SEED:-1}
build=${BUILD:-build}
out=$build/demo
runner=$build/risu-$arch
case $arch in
mipsel) qemu=qemu-mipsel ;;
mips) qemu=qemu-mips ;;
mips64el) qemu=qemu-mips64el ;;
mips64) qemu=qemu-mips64 ;;
*) echo "demo: DEMO_ARCH must be mipsel, mips, mips64el or mips64" >&2
   exit 2 ;;
esac
mkdir -p "$out"
rm -f "$out/sock"

echo "== risugen: $n instructions for $arch ($ref features), seed $seed"
$build/risugen --arch "$arch" --cpu "$ref" --seed "$seed" -n "$n" \
    -o "$out/seq.bin"

echo "== live: master $qemu -cpu $ref, apprentice $qemu -cpu $test"
$qemu -cpu "$ref" "$runner" --master --unix "$out/sock" "$out/seq.bin" \
    > "$out/master.log" 2>&1 &
master=$!
i=0
while [ ! -S "$out/sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
rc=0
$qemu -cpu "$test" "$runner" --unix "$out/sock" --keep-going \
    "$out/seq.bin" || rc=$?
wait $master || true
sed 's/^/master: /' "$out/master.log"

echo "== record on $ref, replay on $test"
$qemu -cpu "$ref" "$runner" --master -t "$out/seq.trace" "$out/seq.bin"
rc2=0
$qemu -cpu "$test" "$runner" -t "$out/seq.trace" --keep-going \
    "$out/seq.bin" || rc2=$?
$build/risu-trace verify "$out/seq.trace"
[ $rc -eq 0 ] && [ $rc2 -eq 0 ] && echo "demo: $ref and $test agree" ||
    echo "demo: $ref and $test diverge (see above)"
[ $rc -le 1 ] && [ $rc2 -le 1 ]
