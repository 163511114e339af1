#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# SVE images (part of check-arm-tags): risugen --group sve on max records
# and replays with a match at several vector lengths (each run on its own
# VL), master and apprentice match live, a trace replayed at another VL
# is a divergence naming vl (never a match), and a CPU without SVE
# refuses the image.  docs/arm-patterns.md, "SVE".
set -u
BUILD=${BUILD:-build}
GEN=$BUILD/risugen
R=$BUILD/risu-aarch64
T=$(mktemp -d /tmp/risu-arm-sve.XXXXXX)
trap 'rm -rf "$T"' EXIT
PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }
show() { sed 's/^/    /' "$1" | head -${2:-10}; }

command -v qemu-aarch64 > /dev/null || { echo "skip sve: no qemu-aarch64"; exit 0; }
[ -x "$R" ] || { echo "skip sve: no $R"; exit 0; }
IMG=$T/sve.bin
if ! "$GEN" --arch aarch64 --cpu max --group sve -n 1500 -s 15 -o "$IMG" \
        > "$T/gen" 2>&1; then
    bad "risugen --group sve"; show "$T/gen"; exit 1
fi

# record and replay at one VL (bytes); "match" and that VL in the trace
for vl in 16 32 256; do
    c=max,sve-default-vector-length=$vl
    if ! qemu-aarch64 -cpu $c "$R" --master -t "$T/$vl.tr" "$IMG" \
            > "$T/rec" 2>&1; then
        bad "record at VL $vl"; show "$T/rec"; continue
    fi
    if qemu-aarch64 -cpu $c "$R" -t "$T/$vl.tr" "$IMG" > "$T/rep" 2>&1 &&
        grep -q ', match' "$T/rep"; then ok; else bad "replay at VL $vl"; show "$T/rep"; fi
done
# sve-max-vq=2 (256 bits) on its own
c=max,sve-max-vq=2
if qemu-aarch64 -cpu $c "$R" --master -t "$T/vq2.tr" "$IMG" > "$T/rec" 2>&1 &&
    qemu-aarch64 -cpu $c "$R" -t "$T/vq2.tr" "$IMG" > "$T/rep" 2>&1 &&
    grep -q ', match' "$T/rep"; then ok; else bad "sve-max-vq=2"; show "$T/rep"; fi
"$BUILD/risu-trace" show "$T/vq2.tr" 2>/dev/null | grep -q 'sve vl=256 ' &&
    ok || bad "vq2 trace: recorder VL is not 256 bits"

# another VL: a divergence that names vl
qemu-aarch64 -cpu max,sve-default-vector-length=32 "$R" -t "$T/16.tr" "$IMG" \
    > "$T/x" 2>&1
rc=$?
if [ $rc = 1 ] && grep -q '^  vl ' "$T/x"; then ok; else
    bad "VL 128 trace replayed at VL 256: exit $rc, want 1 naming vl"; show "$T/x"
fi

# live over a Unix socket
S=$T/live.sock
qemu-aarch64 -cpu max "$R" --master --unix "$S" "$IMG" > "$T/m" 2>&1 &
mp=$!
for _ in $(seq 50); do [ -S "$S" ] && break; sleep 0.1; done
qemu-aarch64 -cpu max "$R" --unix "$S" "$IMG" > "$T/a" 2>&1
arc=$?
wait $mp
mrc=$?
if [ $arc = 0 ] && [ $mrc = 0 ] && grep -q 'apprentice reports a match' "$T/m"
then ok; else bad "live: master $mrc apprentice $arc"; show "$T/m"; show "$T/a"; fi

# no SVE: refused, not run
qemu-aarch64 -cpu max,sve=off "$R" --master -t "$T/nosve.tr" "$IMG" > "$T/x" 2>&1
rc=$?
if [ $rc = 2 ] && grep -q "needs 'sve'" "$T/x"; then ok; else
    bad "max,sve=off: exit $rc, want 2 and \"needs 'sve'\""; show "$T/x"
fi

echo "arm sve: $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
