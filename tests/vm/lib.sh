# SPDX-License-Identifier: GPL-2.0-or-later
# Shared by tests/vm/*.sh: paths, pass/fail counting.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
VM=$ROOT/tools/risu-vm
export RISU_BUILD=$BUILD
pass=0 fail=0
T=$(mktemp -d "${TMPDIR:-/tmp}/risu-vm-test.XXXXXX")
trap 'rm -rf "$T"' EXIT

ok() { pass=$((pass + 1)); echo "  ok: $*"; }
bad() { fail=$((fail + 1)); echo "  FAIL: $*"; }

# expect RC WHAT CMD...: run CMD (output in $T/out), check its exit code
expect() {
    want=$1 what=$2; shift 2
    "$@" > "$T/out" 2>&1
    got=$?
    if [ "$got" = "$want" ]; then
        ok "$what (exit $got)"
    else
        bad "$what: exit $got, wanted $want"
        sed 's/^/    /' "$T/out" | tail -n 30
    fi
}

# has TEXT WHAT: the last expect's output contains TEXT
has() {
    if grep -q -- "$1" "$T/out"; then ok "$2"; else
        bad "$2: no '$1' in the output"; sed 's/^/    /' "$T/out" | tail -n 20
    fi
}

finish() {
    echo "$pass passed, $fail failed"
    [ "$fail" = 0 ]
}
