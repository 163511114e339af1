#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tools/deps.sh installs per target: make demo needs no browser, fuzzer
# or ARM compiler; RISU_DEPS=minimal and NO_DEPS=1 opt out.  Checked
# through --list (nothing is installed).
set -u
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "check-deps: FAIL: $*" >&2; }
has() { echo " $1 " | grep -q " $2 "; }
D="sh tools/deps.sh --list"
# make check NO_DEPS=1 exports it: each case below sets its own.
unset NO_DEPS RISU_DEPS

demo=$(RISU_DEPS= NO_DEPS= $D demo)
has "$demo" gcc-mipsel-linux-gnu && has "$demo" qemu-user && ok ||
    bad "demo lacks its compiler or qemu: $demo"
for p in chromium clang afl++ gcc-aarch64-linux-gnu qemu-system-mips; do
    has "$demo" $p && bad "demo would install $p" || ok
done
check=$(RISU_DEPS= NO_DEPS= $D check)
has "$check" chromium && ! has "$check" afl++ && ok ||
    bad "check: $check"
pkg=$(RISU_DEPS= NO_DEPS= $D package)
has "$pkg" debhelper && has "$pkg" gcc-mipsisa64r6el-linux-gnuabi64 &&
    has "$pkg" libcapstone-dev && ! has "$check" debhelper && ok ||
    bad "package: $pkg (check: $check)"
# debian/control builds with what the build and cross groups install.
for p in $(RISU_DEPS= NO_DEPS= $D build cross-mips cross-arm); do
    case $p in build-essential|python3) continue ;; esac
    grep -q "^  *$p,\?\$" debian/control && ok ||
        bad "debian/control's Build-Depends lacks $p"
done
min=$(RISU_DEPS=minimal $D check)
has "$min" gcc-aarch64-linux-gnu && ! has "$min" chromium &&
    ! has "$min" qemu-system-mips && ok || bad "minimal: $min"
[ -z "$(NO_DEPS=1 $D check)" ] && [ -z "$(RISU_DEPS=no $D)" ] && ok ||
    bad "NO_DEPS=1 / RISU_DEPS=no would install something"
$D nosuchgroup >/dev/null 2>&1
[ $? = 2 ] && ok || bad "an unknown group is not an error"

echo "check-deps: $pass passed, $fail failed"
[ $fail = 0 ]
