#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# What a new user tries first: --version of every tool (one version, the
# VERSION file's), --help of every risu-trace subcommand, risugen
# --cpu help without -o, the runner's --help in full, risugen's line
# naming the runner, the runner's --stderr-progress and the master's waiting
# line.  Runners run under qemu-user and are skipped where it is missing.
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

echo "check-cli-first: $pass passed, $fail failed"
[ $fail = 0 ]
