#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# What a new user tries first: --version of every tool (one version, the
# VERSION file's), --help of every risu-trace subcommand, risugen
# --cpu help without -o, the runner's --help in full, risugen's line
# naming the runner, the runner's --stderr-progress and the master's waiting
# line, and every --json output (parsed by python3 -m json.tool).  Runners
# run under qemu-user and are skipped where it is missing.
set -u
B=${BUILD:-build}
V=$(cat VERSION)
T=$(mktemp -d /tmp/risu-cli-first.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "check-cli-first: FAIL: $*" >&2; }

# version NAME CMD...: prints "NAME (risu-dt) VERSION", exit 0
version() {
    name=$1
    shift
    out=$("$@" --version 2>&1) || { bad "$name --version: exit $?"; return; }
    [ "$out" = "$name (risu-dt) $V" ] && ok ||
        bad "$name --version: '$out', want '$name (risu-dt) $V'"
}

version risugen "$B/risugen"
version risu-trace "$B/risu-trace"
version risu-decode "$B/risu-decode"
version risu-vm tools/risu-vm
if command -v python3 >/dev/null; then
    version risu-nightly tools/risu-nightly
    version risu-hunt tools/risu-hunt
fi

# man_options PAGE HELPFILE: every --option man/PAGE.1 names is one the
# tool's help (HELPFILE: --help and each command's --help) lists.
man_options() {
    for o in $(sed 's/\\-/-/g' "man/$1.1" | grep -o -- '--[a-z0-9][a-z0-9-]*' |
               sort -u); do
        case $o in --help|--version) continue ;; esac
        grep -q -- "$o" "$2" && ok || bad "man/$1.1 names $o, $1 --help does not"
    done
}
for m in risugen risu-trace risu-decode risu-vm risu-nightly risu-hunt; do
    case $m in risu-vm|risu-nightly|risu-hunt) t=tools/$m ;; *) t=$B/$m ;; esac
    case $m in risu-nightly|risu-hunt) command -v python3 >/dev/null || continue ;; esac
    { $t --help
      for c in $($t --help 2>&1 | sed -n "s/^ *$m \([a-z][a-z-]*\).*/\1/p" |
                 sort -u); do
          $t $c --help
      done; } >"$T/help.$m" 2>&1
    [ -f "man/$m.1" ] && ok || bad "no man/$m.1"
    man_options "$m" "$T/help.$m"
done

# Every subcommand's --help: its usage line on stdout, exit 0.
for c in $("$B/risu-trace" --help | sed -n 's/^  risu-trace \([a-z-]*\).*/\1/p')
do
    for h in --help -h; do
        "$B/risu-trace" $c $h >"$T/out" 2>"$T/err" &&
            grep -q "^usage: risu-trace $c" "$T/out" && ok ||
            bad "risu-trace $c $h: $(cat "$T/err")"
    done
done
"$B/risu-trace" help diff | grep -q '^usage: risu-trace diff' && ok ||
    bad "risu-trace help diff"
"$B/risu-trace" shrink --help | grep -q '{trace}' && ok ||
    bad "shrink --help does not name the {trace} placeholder"

# --cpu help needs no output file.
"$B/risugen" --arch mipsel --cpu help >"$T/out" 2>&1 &&
    grep -q 74Kf "$T/out" && ok || bad "risugen --cpu help: $(cat "$T/out")"

# Runners: --version names the flavour; --help reaches its last line.
last=$(sed -n 's/^"\(RISU_INJECT=.*\)\\n";$/\1/p' runner/risu.c)
[ -n "$last" ] && ok || bad "cannot find --help's last line in runner/risu.c"
for r in mipsel:qemu-mipsel aarch64:qemu-aarch64 armhf:qemu-arm; do
    f=${r%%:*} q=${r#*:}
    if [ ! -x "$B/risu-$f" ] || ! command -v "$q" >/dev/null; then
        echo "check-cli-first: SKIP: risu-$f (no runner or $q)"
        continue
    fi
    version "risu-$f" "$q" "$B/risu-$f"
    "$q" "$B/risu-$f" --help >"$T/out" 2>&1 && ok || bad "risu-$f --help"
    tail -n 1 "$T/out" | grep -qxF "$last" && ok ||
        bad "risu-$f --help cut off: ends '$(tail -c 80 "$T/out")'"
    man_options risu "$T/out"
done

# risugen says what it wrote and which runner runs it; -q silences it.
"$B/risugen" --arch mips64r6el --cpu I6400 -n 50 -o "$T/r6.bin" \
    2>"$T/err" && ok || bad "risugen mips64r6el: $(cat "$T/err")"
grep -qx "risugen: wrote $T/r6.bin: 50 insns, arch mips64r6el -> run with \
risu-mipsisa64r6el under qemu-mips64el -cpu I6400" "$T/err" && ok ||
    bad "risugen summary: '$(cat "$T/err")'"
"$B/risugen" -q --arch mipsel -n 50 -o "$T/q.bin" 2>"$T/err" &&
    [ ! -s "$T/err" ] && ok || bad "risugen -q printed '$(cat "$T/err")'"

# The runner: --stderr-progress lines at most once a second, and the master
# says what it waits for when the apprentice is late.
if [ -x "$B/risu-mipsel" ] && command -v qemu-mipsel >/dev/null; then
    R="qemu-mipsel -cpu 74Kf $B/risu-mipsel"
    # Long enough to cross a second boundary even on a fast machine.
    "$B/risugen" -q --arch mipsel --cpu 74Kf -n 250000 --seed 3 \
        -o "$T/p.bin" || bad "risugen p.bin"
    t0=$(date +%s)
    $R --stderr-progress --master -t "$T/p.tr" "$T/p.bin" \
        2>"$T/err" >/dev/null ||
        bad "--stderr-progress run: $(cat "$T/err")"
    secs=$(($(date +%s) - t0 + 1))
    np=$(grep -c '^risu: [0-9]* checkpoints so far$' "$T/err")
    # A run inside one second owes no line; a longer one owes one.
    { [ "$np" -ge 1 ] || [ "$secs" -le 2 ]; } && [ "$np" -le "$secs" ] && ok ||
        bad "--stderr-progress: $np lines in about $secs s: $(cat "$T/err")"
    $R -t "$T/p.tr" "$T/p.bin" 2>&1 | grep -q 'so far' &&
        bad "progress lines without --stderr-progress" || ok
    $R --master --unix "$T/sock" "$T/p.bin" >"$T/m.out" 2>&1 &
    mpid=$!
    sleep 2
    $R --unix "$T/sock" "$T/p.bin" >/dev/null 2>&1 || bad "late apprentice"
    wait $mpid || bad "master with a late apprentice"
    [ "$(grep -c "^risu: waiting for the apprentice on $T/sock\.\.\.\$" \
        "$T/m.out")" = 1 ] && ok || bad "no waiting line: $(cat "$T/m.out")"
else
    echo "check-cli-first: SKIP: runner progress (no risu-mipsel or qemu)"
fi

# --json: what a script reads.  json.tool both checks the syntax and
# prints one key per line ("    {" opens each element of a top array).
if command -v python3 >/dev/null; then
    # jtool FILE OUT: FILE's JSON pretty-printed into OUT, or a failure.
    jtool() { python3 -m json.tool "$1" >"$2" 2>&1; }
    "$B/risugen" --arch mipsel --list >"$T/list.txt" 2>&1
    "$B/risugen" --arch mipsel --list --json >"$T/list.json" 2>&1
    jtool "$T/list.json" "$T/list.pp" && ok ||
        bad "risugen --list --json: $(head -c 300 "$T/list.pp")"
    n=$(wc -l <"$T/list.txt") nj=$(grep -c '^    {$' "$T/list.pp")
    [ "$n" -gt 0 ] && [ "$n" = "$nj" ] && ok ||
        bad "risugen --list: $n lines, --list --json: $nj patterns"
    first=$(sed -n '1s/ .*//p' "$T/list.txt")
    grep -m1 '"name"' "$T/list.pp" | grep -qF "\"name\": \"$first\"" && ok ||
        bad "risugen --list --json: first is not $first"
    "$B/risugen" -q --arch mipsel -n 50 --stats=json -o "$T/j.bin" \
        2>"$T/err" && tail -n 1 "$T/err" >"$T/stats.json" &&
        jtool "$T/stats.json" "$T/stats.pp" &&
        grep -qx '    "insns": 50,' "$T/stats.pp" && ok ||
        bad "risugen --stats=json: $(cat "$T/err")"
    "$B/risugen" --arch mipsel --json -o "$T/j2.bin" 2>"$T/err" &&
        bad "risugen --json without --list/--stats succeeded" ||
        grep -q -- '--json' "$T/err" && ok ||
        bad "risugen --json: $(cat "$T/err")"
    D=arch/mips/base.decode
    "$B/risu-decode" --list "$D" >"$T/dl.txt" 2>&1
    "$B/risu-decode" --list --json "$D" >"$T/dl.json" 2>&1
    jtool "$T/dl.json" "$T/dl.pp" && ok ||
        bad "risu-decode --list --json: $(head -c 300 "$T/dl.pp")"
    n=$(grep -c '^[^ ]' "$T/dl.txt") nj=$(grep -c '^    {$' "$T/dl.pp")
    [ "$n" -gt 0 ] && [ "$n" = "$nj" ] && ok ||
        bad "risu-decode --list: $n patterns, --list --json: $nj"
    # Every "never REASON" of the text is a never_reason of the JSON.
    n=$(grep -c '^    never ' "$T/dl.txt")
    nj=$(grep -c '"never_reason": "' "$T/dl.pp")
    [ "$n" -gt 0 ] && [ "$n" = "$nj" ] && ok ||
        bad "risu-decode: $n never reasons, JSON $nj"
fi
if command -v python3 >/dev/null && [ -x "$B/risu-mipsel" ] &&
   command -v qemu-mipsel >/dev/null; then
    R="qemu-mipsel -cpu 74Kf $B/risu-mipsel"
    "$B/risugen" -q --arch mipsel --cpu 74Kf -n 300 --seed 5 -o "$T/s.bin" ||
        bad "risugen s.bin"
    # runj NAME EXIT RESULT RUNNER-ARGS...: the last stdout line is JSON
    # with that exit and result; NAME.out and NAME.pp keep both forms.
    runj() {
        name=$1 want=$2 res=$3
        shift 3
        $R --json "$@" >"$T/$name.out" 2>"$T/$name.err"
        rc=$?
        tail -n 1 "$T/$name.out" >"$T/$name.json"
        [ $rc = "$want" ] && jtool "$T/$name.json" "$T/$name.pp" &&
            grep -qx "    \"result\": \"$res\"," "$T/$name.pp" &&
            grep -qx "    \"exit\": $want," "$T/$name.pp" && ok ||
            bad "runner --json $name: exit $rc:" \
                "$(cat "$T/$name.out" "$T/$name.err")"
    }
    runj rec 0 recorded --master -t "$T/s.tr" "$T/s.bin"
    runj rep 0 match -t "$T/s.tr" "$T/s.bin"
    # The same checkpoint count as the text line, the image's digest.
    n=$(sed -n 's/^risu: \([0-9]*\) checkpoints, match .*/\1/p' "$T/rep.out")
    [ -n "$n" ] && grep -qx "    \"checkpoints\": $n," "$T/rep.pp" && ok ||
        bad "runner --json checkpoints: text '$n': $(cat "$T/rep.json")"
    grep -q '"image_digest": "[0-9a-f]\{64\}"' "$T/rep.pp" && ok ||
        bad "runner --json: no image digest: $(cat "$T/rep.json")"
    RISU_INJECT=7:t1:3 runj bad 1 mismatch -t "$T/s.tr" "$T/s.bin"
    grep -qx '    "mismatching": 1,' "$T/bad.pp" && ok ||
        bad "runner --json mismatch count: $(cat "$T/bad.json")"
    # A quote and a backslash in the message: escaped, json.tool parses it.
    runj err 2 error -t "$T/no\"ne\\.tr" "$T/s.bin"
    grep -qF 'no\"ne\\.tr: No such file' "$T/err.pp" && ok ||
        bad "runner --json error: $(cat "$T/err.json")"
    # -t - records on stdout: the summary goes to stderr.
    $R --json --master -t - "$T/s.bin" 2>"$T/err" | cmp -s - "$T/s.tr" &&
        tail -n 1 "$T/err" | grep -q '"result":"recorded"' && ok ||
        bad "runner --json with -t -: $(cat "$T/err")"
else
    echo "check-cli-first: SKIP: runner --json (no python3, risu-mipsel" \
         "or qemu)"
fi

echo "check-cli-first: $pass passed, $fail failed"
[ $fail = 0 ]
