#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Superseded: the target runners no longer link Debian's per-architecture
# libz.a.  It is PIC/abicalls, mips32r2/mips64r2, legacy-NaN and built
# with the stack protector, so it could not link into the freestanding
# non-PIC mips32/mips3/NaN2008/R6 runners, and big-endian mips had none.
# Every flavour now compiles zlib from Debian's source with its own flags
# (runner/zlib.mk, docs/zlib-targets.md); this name is kept for scripts
# and habits that still call it, and just fetches that source.
#
# Usage: tools/target-zlib.sh [ARCH...]   (arguments are ignored)
exec "$(dirname "$0")/zlib-src.sh" "${BUILD:-build}/zlib.mk"
