#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# risu-decode command line: exit codes, diagnostics, --list, decoding.
# usage: cli.sh PATH-TO-risu-decode   (run from the top of the tree)
RD=$1
FX=tests/decode/fixtures
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0

# expect STATUS DESCRIPTION -- COMMAND...: output in $T/out, $T/err
expect() {
    want=$1
    what=$2
    shift 3
    "$@" >"$T/out" 2>"$T/err" </dev/null
    got=$?
    if [ "$got" = "$want" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $what: exit $got, want $want"
        sed 's/^/  stderr: /' "$T/err"
    fi
}

# check DESCRIPTION FILE GREP-PATTERN: FILE must contain a line matching
check() {
    if grep -q -- "$3" "$2"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $1: no line matching '$3' in:"
        sed 's/^/  /' "$2"
    fi
}

expect 0 "help" -- "$RD" --help
check "help names the word separator" "$T/out" 'FILE\.\.\. \[-- WORD\.\.\.\]'
expect 2 "no file" -- "$RD"
check "no file message" "$T/err" "missing input file"
expect 2 "unknown option" -- "$RD" --bogus "$FX/succ_syntax.decode"
expect 2 "bad width" -- "$RD" --insnwidth 24 "$FX/succ_syntax.decode"
check "bad width message" "$T/err" "cannot handle insns of width 24"

expect 0 "valid file" -- "$RD" "$FX/succ_syntax.decode"
[ -s "$T/out" ] && { fail=$((fail + 1)); echo "FAIL: --check printed"; }
expect 0 "decodetree.py options" -- "$RD" --output-null --translate x \
    --static-decode=disas "$FX/succ_syntax.decode"
expect 1 "invalid file" -- "$RD" "$FX/err_field_overlap.decode"
check "diagnostic names file:line" "$T/err" \
    "^$FX/err_field_overlap.decode:2: error: field components overlap$"
expect 1 "missing file" -- "$RD" "$T/none.decode"
check "missing file message" "$T/err" "none.decode: error: cannot read"
expect 0 "16-bit file" -- "$RD" -w 16 "$FX/succ_insn16.decode"
expect 1 "16-bit file read as 32-bit" -- "$RD" "$FX/succ_insn16.decode"
expect 0 "variable width" -- "$RD" --varinsnwidth 32 \
    "$FX/succ_varwidth.decode"

expect 0 "list" -- "$RD" --list "$FX/succ_syntax.decode"
check "list: add" "$T/out" \
    "^$FX/succ_syntax.decode:12: add width=32 fixed=0xff000fff/0x01000000 dontcare=0x00000000 &rrr rd=12:4 rs=20:4 rt=16:4$"
check "list: lui" "$T/out" "lui .* imm=16:4|0:4 sh=16 neg=-1$"
check "list: lw" "$T/out" "lw .* off=8:s4!times_4$"

expect 0 "words" -- "$RD" "$FX/succ_syntax.decode" -- 0x01234000 \
    01234001 0x05030e00
check "word 1" "$T/out" "^0x01234000 add rd=4 rs=2 rt=3$"
check "word 2" "$T/out" "^0x01234001 undefined$"
check "word 3, known function" "$T/out" "^0x05030e00 lw rd=3 off=-2=>-8$"
expect 1 "bad word" -- "$RD" "$FX/succ_syntax.decode" -- 0x1g
check "bad word message" "$T/err" "bad instruction word '0x1g'"
expect 1 "word too wide" -- "$RD" -w 16 "$FX/succ_insn16.decode" -- 10000

printf '# words\n0x0000\n\n1a5f  # add\nzz\n' > "$T/words"
"$RD" -w 16 "$FX/succ_insn16.decode" -- - <"$T/words" >"$T/out" 2>"$T/err"
st=$?
[ $st = 1 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL: stdin exit $st"; }
check "stdin word 1" "$T/out" "^0x0000 halt$"
check "stdin word 2" "$T/out" "^0x1a5f add rd=5 rs=1 rt=3$"
check "stdin bad word located" "$T/err" "^<stdin>:5: error: bad instruction word 'zz'$"

expect 0 "overlay" -- "$RD" --overlay "$FX/syntax.overlay" --list \
    "$FX/succ_syntax.decode"
check "overlay shown in list" "$T/out" "^    weight 3$"
printf 'nosuch: tags x\n' > "$T/bad.overlay"
expect 1 "overlay matching nothing" -- "$RD" --overlay "$T/bad.overlay" \
    "$FX/succ_syntax.decode"
check "overlay message" "$T/err" "bad.overlay:1: error: no pattern matches 'nosuch'"

# Several files are one namespace; --decode renames inferred sets.
printf 'x 0000 a:4 0000 0000 0000 0000 0000 0000\n' > "$T/a.decode"
printf '&decode0 a b\n' > "$T/b.decode"
expect 1 "inferred name collides" -- "$RD" "$T/a.decode" "$T/b.decode"
check "collision message" "$T/err" "b.decode:1: error: duplicate argument set"
expect 0 "--decode avoids it" -- "$RD" --decode=other "$T/a.decode" \
    "$T/b.decode"

# Words from an endless or binary stdin: a bounded line, exit 2.
timeout 20 sh -c "ulimit -v 500000; exec \"$RD\" tests/gen/basic.decode \
    -- - < /dev/zero" >"$T/out" 2>"$T/err"
if [ $? = 2 ] && grep -q "<stdin>:1: error: .*not a list" "$T/err"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL: words from /dev/zero: not a bounded exit 2"
    sed 's/^/  stderr: /' "$T/err"
fi

echo "risu-decode CLI: $pass passed, $fail failed"
[ "$fail" = 0 ]
