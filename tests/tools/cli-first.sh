#!/bin/sh
# What a new user tries first: --version of every tool (one version, the
# VERSION file's), --help of every risu-trace subcommand, risugen
# --cpu help without -o, and the runner's --help in full.  Runners run
# under qemu-user and are skipped where it is missing.
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
fi

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
done

echo "check-cli-first: $pass passed, $fail failed"
[ $fail = 0 ]
