#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make check-package: build the Debian packages with
# `dpkg-buildpackage -b -us -uc` in a scratch copy of the tracked tree,
# then inspect them: the tools in /usr/bin, the runners in
# /usr/lib/risu-dt/runners, the pattern files in /usr/share/risu-dt, a
# man page per tool, and the library's header, archive and .pc file in
# the -dev package.  Minutes (it builds everything): not in make check.
# Usage: check-package.sh   (from the source root; $BUILD for the zlib
# tarball already fetched, KEEP=dir keeps the .debs there)
set -u
B=${BUILD:-build}
V=$(cat VERSION)
T=$(mktemp -d /tmp/risu-package.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "check-package: FAIL: $*" >&2; }

mkdir "$T/risu-dt-$V"
git ls-files -z | xargs -0 tar cf - | tar xf - -C "$T/risu-dt-$V"
# The runners' zlib from the tarball this tree already verified, so the
# package build needs no network (without it: runners without zlib).
z=$(ls "$B"/zlib-src/zlib_*.orig.tar.* 2>/dev/null | head -1)
[ -n "$z" ] && export ZLIB_TARBALL="$(cd "$(dirname "$z")" && pwd)/${z##*/}"
echo "check-package: dpkg-buildpackage in $T (log: $T/build.log)"
if ! (cd "$T/risu-dt-$V" && dpkg-buildpackage -b -us -uc -j2) \
        >"$T/build.log" 2>&1; then
    tail -30 "$T/build.log" >&2
    bad "dpkg-buildpackage failed"
    echo "check-package: $pass passed, $fail failed"
    exit 1
fi
ok
A=$(dpkg-architecture -qDEB_HOST_ARCH)
D=$T/risu-dt_${V}_$A.deb
L=$T/librisu-decode-dev_${V}_$A.deb
for f in "$D" "$L"; do
    [ -f "$f" ] && ok || bad "no ${f##*/}: $(ls "$T")"
done
dpkg -c "$D" | awk '{ print $6 }' | sed 's|^\./|/|' >"$T/files"
dpkg -c "$L" | awk '{ print $6 }' | sed 's|^\./|/|' >"$T/dev-files"

# has LIST PATH-REGEX WHAT: a file of the package matches
has() {
    grep -Eq "^$2\$" "$T/$1" && ok || bad "${1%files}package lacks $3 ($2)"
}
for t in risugen risu-trace risu-decode risu-vm risu-nightly risu-hunt; do
    has files "/usr/bin/$t" "the tool $t"
    has files "/usr/share/man/man1/$t\\.1\\.gz" "the man page $t.1"
done
has files /usr/share/man/man1/risu\\.1\\.gz "the man page risu.1"
for r in $(ls "$B"/risu-* | sed -n 's|.*/\(risu-[a-z0-9-]*\)$|\1|p' |
           grep -v '^risu-\(trace\|decode\)$'); do
    has files "/usr/lib/risu-dt/runners/$r" "the runner $r"
done
has files '/usr/share/risu-dt/arch/mips/default-mips64el\.list' "MIPS data"
has files '/usr/share/risu-dt/arch/arm/a64\.decode' "ARM data"
has files '/usr/lib/risu-dt/tools/nightly/hunt/cli\.py' "risu-hunt's code"
has files /usr/share/bash-completion/completions/risugen "completion"
has dev-files /usr/lib/librisu-decode\\.a "the library"
has dev-files /usr/include/risu-dt/decode/decode\\.h "its header"
has dev-files /usr/lib/pkgconfig/risu-decode\\.pc "its .pc file"
# Runners are the target's binaries, not stripped into the host's format.
dpkg-deb -x "$D" "$T/x"
file "$T/x/usr/lib/risu-dt/runners/risu-mips64el" 2>/dev/null |
    grep -q 'MIPS.*statically linked' && ok ||
    bad "risu-mips64el in the package is not a static MIPS binary"
"$T/x/usr/bin/risugen" --version | grep -qx "risugen (risu-dt) $V" && ok ||
    bad "packaged risugen --version"
dpkg-deb -f "$D" Depends | grep -q python3 && ok || bad "Depends lacks python3"
if [ -n "${KEEP:-}" ]; then
    mkdir -p "$KEEP" && cp "$D" "$L" "$KEEP"
fi
echo "check-package: $(wc -l <"$T/files") files in ${D##*/}; $pass passed, $fail failed"
[ $fail = 0 ]
