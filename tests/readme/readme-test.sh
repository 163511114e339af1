#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# README.md, verified: every command in its ```sh blocks runs, in order,
# in a scratch directory where build/, tools/ and arch/ lead to this
# tree's, and must exit 0 (a command ending in & runs in the background
# and must exit 0 by the time the next command has finished).  The few
# run differently or checked for their options only are listed, with
# reasons, in tests/readme/substitutions and named in the output.  Then
# README's runner table must be what `risugen --list-runners` prints.
# Usage: readme-test.sh [--update-table]   (from the source root; $BUILD)
set -u
ROOT=$(pwd)
B=$(cd "${BUILD:-build}" && pwd)
SUBS=tests/readme/substitutions
# Slot 8 of the runner tests' port plan (tests/runner/lib.sh).
PORT=$((20000 + 8 * 4000 + $$ % 3000))
export ROOT B PORT
T=$(mktemp -d /tmp/risu-readme.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "check-readme: FAIL: $*" >&2; }

TABLE_BEGIN='<!-- risugen --list-runners -->'
TABLE_END='<!-- end risugen --list-runners -->'
if [ "${1:-}" = --update-table ]; then
    "$B/risugen" --list-runners >"$T/table" || exit 2
    awk -v b="$TABLE_BEGIN" -v e="$TABLE_END" -v t="$T/table" '
        $0 == e { skip = 0 }
        !skip { print }
        $0 == b { while ((getline l < t) > 0) print l; skip = 1 }
    ' README.md >"$T/README.md" && cp "$T/README.md" README.md
    exit
fi

# The commands: lines of ```sh blocks, comment lines dropped,
# continuations joined, a trailing "  # comment" removed.
awk -v q="'" '
    BEGIN { comment = "[ \t]+#[^" q "]*$" }
    /^```sh$/ { on = 1; next }
    /^```/ { on = 0; next }
    !on { next }
    {
        line = $0
        if (cont != "") sub(/^[ \t]+/, "", line)
        if (cont == "" && line ~ /^[ \t]*(#|$)/) next
        if (line ~ /\\$/) {
            sub(/[ \t]*\\$/, "", line)
            cont = cont line " "
            next
        }
        line = cont line
        cont = ""
        sub(/^[ \t]+/, "", line)
        sub(comment, "", line)
        sub(/[ \t]+$/, "", line)
        print line
    }
' README.md >"$T/commands"
n=$(wc -l <"$T/commands")
[ "$n" -ge 20 ] && ok || bad "only $n commands found in README.md"

# field KIND: the KIND: line of the entry whose readme: line is $cmd
field() {
    awk -v c="$cmd" -v k="$1: " '
        index($0, "readme: ") == 1 { hit = substr($0, 9) == c }
        hit && index($0, k) == 1 { print substr($0, length(k) + 1); exit }
    ' "$SUBS"
}

# syntax CMD: CMD succeeds, and its output names each --option of $cmd
syntax() {
    (cd "$T/s" && sh -c "$1") </dev/null >"$T/help" 2>&1 ||
        { bad "'$1' (for '$cmd'): exit $?"; return; }
    for o in $(printf '%s\n' "$cmd" | grep -o -- '--[a-z0-9][a-z0-9-]*'); do
        grep -q -- "$o" "$T/help" && ok ||
            bad "'$cmd': $o is not in the output of '$1'"
    done
}

bgs=""
# reap: every background command has ended, with status 0
reap() {
    for p in $bgs; do
        wait "${p%%:*}" && ok ||
            bad "background command $(sed -n "${p#*:}p" "$T/commands") \
exited $?: $(tail -3 "$T/out.${p#*:}")"
    done
    bgs=""
}

mkdir "$T/s"
ln -s "$B" "$T/s/build"
ln -s "$ROOT/tools" "$T/s/tools"
ln -s "$ROOT/arch" "$T/s/arch"
: >"$T/used"
i=0
while IFS= read -r cmd; do
    i=$((i + 1))
    run=$(field run)
    syn=$(field syntax)
    if [ -n "$run$syn" ]; then
        printf '%s\n' "$cmd" >>"$T/used"
        case $cmd in
        *'$QEMU'*) [ -d "${QEMU:-}/target" ] && run=$cmd syn= ;;
        esac
    fi
    if [ -n "$syn" ] && [ -z "$run" ]; then
        echo "check-readme: options only: $cmd ($(field why))"
        syntax "$syn"
        continue
    fi
    [ -n "$run" ] && echo "check-readme: instead of '$cmd': $run"
    c=${run:-$cmd}
    case $c in
    *' &')
        (cd "$T/s" && exec timeout 300 sh -c "${c% &}") </dev/null \
            >"$T/out.$i" 2>&1 &
        bgs="$bgs $!:$i"
        continue ;;
    esac
    (cd "$T/s" && exec timeout 300 sh -c "$c") </dev/null >"$T/out.$i" 2>&1 &&
        ok ||
        bad "'$c' exited $?: $(tail -5 "$T/out.$i")"
    reap
done <"$T/commands"
reap

# Entries that match nothing: README changed under them.
while IFS= read -r l; do
    e=${l#readme: }
    grep -qxF -- "$e" "$T/used" && ok ||
        bad "$SUBS: no README command '$e'"
done <<EOF
$(grep '^readme: ' "$SUBS")
EOF

# The runner table is what the registry says now.
"$B/risugen" --list-runners >"$T/table" 2>&1 || bad "risugen --list-runners"
awk -v b="$TABLE_BEGIN" -v e="$TABLE_END" '
    $0 == e { on = 0 } on { print } $0 == b { on = 1 }' README.md >"$T/readme-table"
if cmp -s "$T/table" "$T/readme-table"; then ok; else
    bad "README's runner table is stale (tests/readme/readme-test.sh \
--update-table rewrites it):"
    diff "$T/readme-table" "$T/table" | head -10 >&2
fi

echo "check-readme: $n commands; $pass passed, $fail failed"
[ $fail = 0 ]
