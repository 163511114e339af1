#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Install the Debian packages risu-dt needs, only those missing, and only
# the groups a make target uses:
#   tools/deps.sh [--list] [GROUP|TARGET...]     (default: check)
# (--list prints the packages instead of installing the missing ones)
# Groups: build (host tools, unit tests), qemu (qemu-user, objdump),
# cross-mips, cross-arm (runner compilers), vm (qemu-system, tools/risu-vm),
# nightly (GNU parallel, ssh), browser (Chromium: the report render
# check), fuzz (clang, libFuzzer, afl++), debian (dpkg-buildpackage and
# debhelper: make check-package).
# Targets: demo (build qemu cross-mipsel), check (all but fuzz and
# debian), fuzz (build fuzz), package (build, the cross compilers,
# debian), all.
# RISU_DEPS overrides the arguments: "no" installs nothing, "minimal"
# installs only build, qemu and the cross compilers (tests that need
# the rest say SKIP), or a list of groups.  NO_DEPS=1 is RISU_DEPS=no.
set -e

# packages GROUP: the Debian packages of one group
packages() {
    case $1 in
    build) echo build-essential pkg-config check libcapstone-dev \
        libelf-dev zlib1g-dev python3 ;;
    qemu) echo qemu-user binutils-multiarch ;;
    cross-mipsel) echo gcc-mipsel-linux-gnu ;;
    cross-mips) echo gcc-mipsel-linux-gnu gcc-mips-linux-gnu \
        gcc-mips64el-linux-gnuabi64 gcc-mipsisa32r6el-linux-gnu \
        gcc-mipsisa64r6el-linux-gnuabi64 ;;
    cross-arm) echo gcc-arm-linux-gnueabihf gcc-aarch64-linux-gnu ;;
    vm) echo qemu-system-mips qemu-system-arm cpio debian-archive-keyring ;;
    nightly) echo python3 parallel openssh-client ;;
    browser) echo chromium ;;
    fuzz) echo clang libclang-rt-14-dev afl++ ;;
    debian) echo dpkg-dev debhelper fakeroot file ;;
    *) echo "deps: unknown group or target '$1'" >&2; return 2 ;;
    esac
}

# groups WORD: the groups a make target (or "minimal") needs, or WORD
groups() {
    case $1 in
    demo) echo build qemu cross-mipsel ;;
    check) echo build qemu cross-mips cross-arm vm nightly browser ;;
    minimal) echo build qemu cross-mips cross-arm ;;
    fuzz) echo build fuzz ;;
    package) echo build cross-mips cross-arm debian ;;
    all) echo build qemu cross-mips cross-arm vm nightly browser fuzz debian ;;
    *) echo "$1" ;;
    esac
}

LIST=
if [ "${1:-}" = --list ]; then
    LIST=1
    shift
fi
[ "${NO_DEPS:-}" = 1 ] && RISU_DEPS=no
case ${RISU_DEPS:-} in
no) [ -z "$LIST" ] || echo; exit 0 ;;
"") [ $# -gt 0 ] || set -- check ;;
*) set -- $RISU_DEPS ;;
esac
PKGS=
for w in "$@"; do
    for g in $(groups "$w"); do
        PKGS="$PKGS $(packages "$g")" || exit 2
    done
done
PKGS=$(echo $PKGS | tr ' ' '\n' | sort -u)
if [ -n "$LIST" ]; then
    echo $PKGS
    exit 0
fi

missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing:$missing"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
