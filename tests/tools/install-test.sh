#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make install into a staging directory (DESTDIR), then use only what
# was installed: the tools find their pattern files in share/risu-dt and
# make the same image as the build tree; the runner, man pages, .pc file
# and library, completion and script tools work.
# Usage: install-test.sh STAGE (after make install DESTDIR=STAGE
# PREFIX=/usr), from the source root.
set -u
S=$1
B=${BUILD:-build}
P=$S/usr
V=$(cat VERSION)
T=$(mktemp -d /tmp/risu-install-test.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "check-install: FAIL: $*" >&2; }

unset RISU_DT_DATADIR
for t in risugen risu-trace risu-decode risu-vm risu-nightly risu-hunt; do
    [ "$("$P/bin/$t" --version 2>&1)" = "$t (risu-dt) $V" ] && ok ||
        bad "installed $t --version: $("$P/bin/$t" --version 2>&1)"
done

# The installed risugen reads the default list from share/risu-dt, even
# from a directory with no arch/ in it, and writes the build's image.
G="--arch mips64el --cpu 5Kf -n 500 --seed 4"
(cd "$T" && "$P/bin/risugen" -q $G -o i.bin) && ok ||
    bad "installed risugen without FILE"
"$B/risugen" -q $G -o "$T/b.bin" || bad "build risugen"
cmp -s "$T/i.bin" "$T/b.bin" && ok || bad "installed image differs"
# ... and risu-trace finds the pattern files too (fields are shown).
(cd "$T" && "$P/bin/risu-trace" show-image i.bin >show.out 2>&1) &&
    ! grep -q 'not found\|not loaded' "$T/show.out" &&
    grep -q ' rt=[0-9]' "$T/show.out" && ok ||
    bad "installed show-image: $(head -3 "$T/show.out")"

# A runner from lib/risu-dt/runners, under qemu-user when there is one.
R=$P/lib/risu-dt/runners/risu-mips64el
[ -x "$R" ] && ok || bad "no $R"
if command -v qemu-mips64el >/dev/null && [ -x "$R" ]; then
    qemu-mips64el -cpu 5Kf "$R" --master -t "$T/i.tr" "$T/i.bin" \
        >/dev/null 2>&1 && qemu-mips64el -cpu 5Kf "$R" -t "$T/i.tr" \
        "$T/i.bin" >/dev/null 2>&1 && ok || bad "installed runner"
fi

# Man pages: one per tool, each renders without warnings.
for m in risugen risu risu-trace risu-decode risu-vm risu-nightly risu-hunt; do
    f=$P/share/man/man1/$m.1
    if [ ! -f "$f" ]; then bad "no man page $m.1"; continue; fi
    if command -v man >/dev/null; then
        w=$(MANWIDTH=80 man --warnings -l "$f" 2>&1 >/dev/null)
        [ -z "$w" ] && ok || bad "$m.1: $w"
    fi
done

# The decodetree library through its .pc file: build a program and
# decode a word with it.
cat >"$T/t.decode" <<'DT'
add 000000 rs:5 rt:5 rd:5 00000 100000
DT
cat >"$T/use.c" <<'C'
#include <stdio.h>
#include "decode/decode.h"
int main(int argc, char **argv)
{
    DtOptions o = { .insnwidth = 32 };
    DtSet *s = dt_set_new(&o);
    int64_t args[DT_MAX_ARGS];
    dt_set_add_file(s, argv[1]);
    if (dt_set_finish(s)) {
        dt_set_print_errors(s, stderr);
        return 1;
    }
    const DtPattern *p = dt_decode(s, 0x00851020, args);
    printf("%s\n", p ? p->name : "undefined");
    return 0;
}
C
export PKG_CONFIG_PATH=$P/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$S
if command -v pkg-config >/dev/null; then
    [ "$(pkg-config --modversion risu-decode)" = "$V" ] && ok ||
        bad "pkg-config --modversion risu-decode"
    ${CC:-cc} -std=c11 -o "$T/use" "$T/use.c" \
        $(pkg-config --cflags --libs risu-decode) 2>"$T/err" &&
        [ "$("$T/use" "$T/t.decode")" = add ] && ok ||
        bad "program linked with risu-decode: $(cat "$T/err")"
fi

# Bash completion: loads, and completes from the installed tools.
for c in risugen risu-trace; do
    [ -f "$P/share/bash-completion/completions/$c" ] && ok ||
        bad "no completion for $c"
done
if command -v bash >/dev/null; then
    got=$(PATH=$P/bin:$PATH bash -c \
        ". $P/share/bash-completion/completions/risu-trace
         COMP_WORDS=(risu-trace sh); COMP_CWORD=1; _risu_trace
         echo \${COMPREPLY[*]}")
    [ "$got" = "show show-image shrink" ] && ok || bad "risu-trace completion: $got"
fi

# risu-hunt finds the installed tools and runners (lib/risu-dt/runners)
# and draws its bars.
if command -v qemu-mipsel >/dev/null && command -v python3 >/dev/null; then
    (cd "$T" && PATH=$P/bin:$PATH "$P/bin/risu-hunt" --ref 'qemu-mipsel -cpu 24Kf' \
        --impl 'qemu-mipsel -cpu 24Kf' --files "$P/share/risu-dt/arch/mips/fpu.decode" \
        --risugen-args "--pattern ADD_D" -n 100 --units 1 -j 1 --budget 60s \
        --quiet --edge-classes none --state "$T/hunt" >"$T/hunt.out" 2>&1) &&
        grep -q 'class="cov-bars"' "$T/hunt/report.html" && ok ||
        bad "installed risu-hunt: $(tail -3 "$T/hunt.out")"
fi

# risu-vm reads the installed arch tables.
"$P/bin/risu-vm" kernels 2>&1 | grep -q 'runners:' && ok ||
    bad "installed risu-vm kernels: $("$P/bin/risu-vm" kernels 2>&1)"

echo "check-install: $pass passed, $fail failed"
[ $fail = 0 ]
