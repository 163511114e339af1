#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Obtain zlib's source for the target runners, which compile it per
# flavour with their own flags (runner/zlib.mk).  Why source: Debian's
# libz.a is PIC/abicalls, mips32r2/mips64r2, legacy-NaN and built with
# the stack protector, so it cannot link into the freestanding non-PIC
# mips32/mips3/NaN2008/R6 runners, and no Debian architecture has it for
# big-endian mips at all.
#
# The source is Debian bookworm's zlib 1.2.13, fetched once with
# `apt-get source` from a private apt state and kept in build/zlib-src/.
# The source list is `trusted=yes` (the signed form fails with a gpgv
# lookup error from a private state), so integrity comes from the pinned
# SHA-256 of the orig tarball below, checked before anything is
# extracted.  ZLIB_TARBALL=path uses a local copy instead (same check).
# RISU_ZLIB=no builds without zlib.
#
# Writes MK (default build/zlib.mk) for make to include:
#   RISU_ZLIB_SRC := dir with the sources (empty: build without zlib)
#   RISU_ZLIB_WHY := one line saying which and why
# and MK.state (the first line alone) only when it changes, so target
# objects that depend on it are rebuilt exactly when zlib comes or goes.
# Never fatal: without network the runners are built without zlib
# (traces stored, still correct); `make zlib-src` retries.
#
# Usage: tools/zlib-src.sh [MK]     CACHE=dir (default build/zlib-src)
set -u

MK=${1:-build/zlib.mk}
CACHE=${CACHE:-build/zlib-src}
VER=1.2.13
TARBALL=zlib_$VER.dfsg.orig.tar.bz2
SHA256=71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1
SRC=$CACHE/zlib-$VER
# The files the runners compile (deflate, inflate, crc32 and helpers).
FILES="adler32.c crc32.c deflate.c inffast.c inflate.c inftrees.c trees.c
zutil.c crc32.h deflate.h inffast.h inffixed.h inflate.h inftrees.h trees.h
zutil.h zlib.h zconf.h"

note() {
    echo "zlib-src: $*" >&2
}

# write_mk SRC WHY: the include file, and the state file if it changed.
write_mk() {
    mkdir -p "$(dirname "$MK")" || exit 0
    printf 'RISU_ZLIB_SRC := %s\n' "$1" > "$MK.tmp"
    if ! cmp -s "$MK.tmp" "$MK.state" 2>/dev/null; then
        cp "$MK.tmp" "$MK.state"
    fi
    printf 'RISU_ZLIB_WHY := %s\n' "$2" >> "$MK.tmp"
    mv "$MK.tmp" "$MK"
    exit 0
}

without() {
    note "$*"
    write_mk "" "target runners WITHOUT zlib (stored traces): $*; \`make zlib-src\` retries"
}

have_src() {
    for f in $FILES; do
        [ -f "$SRC/$f" ] || return 1
    done
    [ -f "$SRC/.verified" ]
}

with() {
    write_mk "$SRC" "target runners WITH zlib $VER (Debian source, SHA-256 verified, $SRC)"
}

# Does the tarball at $1 have the pinned digest?
good_tarball() {
    [ -f "$1" ] && [ "$(sha256sum < "$1" | cut -d' ' -f1)" = "$SHA256" ]
}

[ "${RISU_ZLIB:-yes}" = no ] && without "RISU_ZLIB=no"
have_src && with
mkdir -p "$CACHE" || without "cannot create $CACHE"

tb=$CACHE/$TARBALL
if [ -n "${ZLIB_TARBALL:-}" ]; then
    good_tarball "$ZLIB_TARBALL" ||
        without "ZLIB_TARBALL=$ZLIB_TARBALL is missing or not SHA-256 $SHA256"
    cp "$ZLIB_TARBALL" "$tb.part" && mv "$tb.part" "$tb"
fi
if ! good_tarball "$tb"; then
    rm -f "$tb"
    command -v apt-get > /dev/null 2>&1 || without "apt-get not found"
    state=$(cd "$CACHE" && pwd)/.apt
    mkdir -p "$state/lists/partial" "$state/cache/archives/partial" \
        "$state/sources.list.d" "$state/get"
    : > "$state/status"
    echo "deb-src [trusted=yes] http://deb.debian.org/debian bookworm main" \
        > "$state/sources.list"
    # Private state only: nothing outside build/ is read or written.
    set -- -q -o Dir::State="$state" -o Dir::State::Lists="$state/lists" \
        -o Dir::State::status="$state/status" -o Dir::Cache="$state/cache" \
        -o Dir::Etc::SourceList="$state/sources.list" \
        -o Dir::Etc::SourceParts="$state/sources.list.d" \
        -o Debug::NoLocking=1 \
        -o APT::Sandbox::User="$(id -un)" -o Acquire::Retries=1 \
        -o Acquire::http::Timeout=20
    note "downloading Debian's zlib $VER source (once; cached in $CACHE)"
    # apt-get update succeeds even when every fetch failed: look for the index.
    rm -f "$state/lists/"*Sources*
    timeout 300 apt-get "$@" update > "$state/update.log" 2>&1
    if [ -z "$(find "$state/lists" -maxdepth 1 -name '*Sources*' | head -n 1)" ]
    then
        without "no Debian source index (offline?), see $state/update.log"
    fi
    rm -f "$state/get/"*
    if ! (cd "$state/get" && timeout 300 apt-get "$@" source --download-only \
            zlib) > "$state/source.log" 2>&1; then
        without "apt-get source zlib failed, see $state/source.log"
    fi
    good_tarball "$state/get/$TARBALL" ||
        without "no $TARBALL with SHA-256 $SHA256 from the mirror"
    mv "$state/get/$TARBALL" "$tb"
fi

# Extract the pinned tarball into a fresh directory, then swap it in.
tmp=$(mktemp -d "$CACHE/.x.XXXXXX") || without "cannot extract in $CACHE"
if ! tar -xjf "$tb" -C "$tmp" 2> "$tmp/log"; then
    why=$(head -n 1 "$tmp/log")
    rm -rf "$tmp"
    without "cannot extract $tb: $why"
fi
top=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -n 1)
rm -rf "$SRC"
mv "$top" "$SRC" && rm -rf "$tmp" && : > "$SRC/.verified"
have_src || without "$tb lacks some of: $(echo $FILES)"
note "zlib $VER source ready in $SRC"
with
