#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# risu-trace show/verify on good, truncated and corrupted synthetic traces.
# Usage: synth-trace.sh RISU_TRACE MKTRACE
set -eu
tool=$1
mk=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT INT TERM
fail() {
    echo "synth-trace: FAIL: $*" >&2
    exit 1
}

"$mk" "$dir/z.trc" 20000 1
"$mk" "$dir/s.trc" 20000 0
for t in z s; do
    out=$("$tool" verify "$dir/$t.trc") || fail "verify $t.trc: exit $?"
    case $out in *"ok, 20000 records, arch synth"*) ;; *) fail "verify: $out" ;; esac
done
"$tool" show "$dir/z.trc" > "$dir/show.txt" || fail "show exit $?"
grep -q '^trace format 2, arch synth (id 32343), recorder little-endian, zlib$' \
    "$dir/show.txt" || fail "show header"
grep -q '^#19999 op 0 pc ' "$dir/show.txt" || fail "show last record"
[ "$("$tool" show --layout "$dir/s.trc" | grep -c ' slot ')" = 99 ] ||
    fail "show --layout"

# diff on a layout the tool has no tables for: equal, and one run shorter.
out=$("$tool" diff "$dir/z.trc" "$dir/s.trc") || fail "diff equal: exit $?"
case $out in *"no differences in 20000 checkpoints"*) ;; *) fail "diff: $out" ;; esac
"$mk" "$dir/short.trc" 15000 1
set +e
"$tool" diff "$dir/z.trc" "$dir/short.trc" > "$dir/short.txt"
rc=$?
set -e
[ $rc = 1 ] || fail "diff shorter: exit $rc"
grep -q 'B ends after 15000 checkpoints; A goes on' "$dir/short.txt" ||
    fail "diff shorter: $(cat "$dir/short.txt")"

# Cut: exit 2, named as truncated with an offset, prefix still shown.
size=$(wc -c < "$dir/z.trc")
head -c $((size - 100)) "$dir/z.trc" > "$dir/cut.trc"
set +e
"$tool" show "$dir/cut.trc" > "$dir/cut.txt" 2> "$dir/cut.err"
rc=$?
set -e
[ $rc = 2 ] || fail "cut trace: exit $rc"
grep -q 'truncated: offset [0-9]*: ' "$dir/cut.err" || fail "cut: $(cat "$dir/cut.err")"
grep -q '^#0 op' "$dir/cut.txt" || fail "cut: no prefix shown"

# One flipped byte in the middle: exit 2, corrupt.
cp "$dir/s.trc" "$dir/bad.trc"
printf '\377' | dd of="$dir/bad.trc" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
set +e
"$tool" verify "$dir/bad.trc" > /dev/null 2> "$dir/bad.err"
rc=$?
set -e
[ $rc = 2 ] || fail "flipped trace: exit $rc"
grep -q 'corrupt: offset' "$dir/bad.err" || fail "flip: $(cat "$dir/bad.err")"

# Not a trace; usage.
set +e
echo hello | "$tool" verify - 2> "$dir/magic.err"
rc=$?
"$tool" frobnicate x 2> /dev/null
rc2=$?
set -e
[ $rc = 2 ] && grep -q 'bad magic' "$dir/magic.err" || fail "bad magic: $rc"
[ $rc2 = 2 ] || fail "usage exit $rc2"
echo "synth-trace: risu-trace ok"
