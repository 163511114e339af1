#!/bin/sh
# Fetch zlib for the target runners: libz.a, zlib.h and zconf.h for each
# Debian architecture, into build/zlib/<debian-arch>/{lib,include}/.
#
# Why this way: `dpkg --add-architecture` installs fail on this Debian
# mirror (version skew between architectures), but `apt-get download`
# with a private apt state plus `dpkg-deb -x` works and touches nothing
# outside build/.  Debian has no zlib for big-endian mips or R6; those
# runners are built without zlib (traces are then stored, not
# compressed).  Idempotent: present architectures are skipped.  Never
# fatal: a missing mirror or package is reported and the script exits 0,
# because zlib is optional on targets.
#
# Usage: tools/target-zlib.sh [ARCH...]   (default: mipsel mips64el armhf arm64)
#        OUT=dir to change build/zlib.
set -u

OUT=${OUT:-build/zlib}
ARCHS=${*:-mipsel mips64el armhf arm64}

note() {
    echo "target-zlib: $*" >&2
}

missing=""
for a in $ARCHS; do
    if [ -f "$OUT/$a/lib/libz.a" ] && [ -f "$OUT/$a/include/zlib.h" ]; then
        note "$a: present ($OUT/$a)"
    else
        missing="$missing $a"
    fi
done
[ -z "$missing" ] && exit 0

for tool in apt-get dpkg-deb; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        note "$tool not found; target runners will be built without zlib"
        exit 0
    fi
done

mkdir -p "$OUT" || exit 0
OUT=$(cd "$OUT" && pwd)
STATE="$OUT/.apt"
mkdir -p "$STATE/lists/partial" "$STATE/cache/archives/partial"
[ -f "$STATE/status" ] || : > "$STATE/status"

# Private state: our own package lists, cache and (empty) dpkg status, the
# system's sources and keyrings.  Downloads run as the current user.
set -- -q -o Dir::State="$STATE" -o Dir::State::Lists="$STATE/lists" \
    -o Dir::State::status="$STATE/status" -o Dir::Cache="$STATE/cache" \
    -o Debug::NoLocking=1 -o APT::Sandbox::User="$(id -un)" \
    -o APT::Architecture="$(dpkg --print-architecture)"
for a in $missing; do
    set -- "$@" -o APT::Architectures::="$a"
done

# Refresh the private lists at most once a day.
if [ -z "$(find "$STATE/lists" -maxdepth 1 -name '*Packages*' -mtime -1 \
           2>/dev/null | head -n 1)" ]; then
    note "updating private package lists for:$missing"
    if ! apt-get "$@" update >"$STATE/update.log" 2>&1; then
        # Often one index of many fails (mirror sync); go on with the rest.
        note "apt-get update reported errors; see $STATE/update.log"
    fi
    if [ -z "$(find "$STATE/lists" -maxdepth 1 -name '*Packages*' | head -n 1)" ]; then
        note "no package lists (no network or mirror?); target runners will be built without zlib"
        exit 0
    fi
fi

ok=""
for a in $missing; do
    tmp=$(mktemp -d "$OUT/.fetch-$a.XXXXXX") || continue
    if ! (cd "$tmp" && apt-get "$@" download "zlib1g-dev:$a") \
            >"$tmp/log" 2>&1; then
        note "$a: apt-get download zlib1g-dev:$a failed: $(tail -n 1 "$tmp/log")"
        rm -rf "$tmp"
        continue
    fi
    deb=$(ls "$tmp"/zlib1g-dev_*.deb 2>/dev/null | head -n 1)
    if [ -z "$deb" ] || ! dpkg-deb -x "$deb" "$tmp/root"; then
        note "$a: could not unpack the package"
        rm -rf "$tmp"
        continue
    fi
    lib=$(find "$tmp/root" -name libz.a | head -n 1)
    zh=$(find "$tmp/root" -name zlib.h | head -n 1)
    zc=$(find "$tmp/root" -name zconf.h | head -n 1)
    if [ -z "$lib" ] || [ -z "$zh" ] || [ -z "$zc" ]; then
        note "$a: package lacks libz.a, zlib.h or zconf.h"
        rm -rf "$tmp"
        continue
    fi
    rm -rf "$OUT/$a"
    mkdir -p "$OUT/$a/lib" "$OUT/$a/include"
    cp "$lib" "$OUT/$a/lib/" && cp "$zh" "$zc" "$OUT/$a/include/" &&
        basename "$deb" > "$OUT/$a/VERSION"
    rm -rf "$tmp"
    note "$a: $(cat "$OUT/$a/VERSION") -> $OUT/$a"
    ok="$ok $a"
done
[ "$ok" = "$missing" ] || note "without zlib:$(for a in $missing; do
    case " $ok " in *" $a "*) ;; *) printf ' %s' "$a" ;; esac; done)"
exit 0
