#!/bin/sh
# Install the Debian packages risu-dt needs, only those missing.
set -e
PKGS="build-essential pkg-config check libcapstone-dev libelf-dev zlib1g-dev
qemu-user binutils-multiarch
qemu-system-mips qemu-system-arm cpio debian-archive-keyring
gcc-mipsel-linux-gnu gcc-mips-linux-gnu gcc-mips64el-linux-gnuabi64
gcc-mipsisa32r6el-linux-gnu gcc-mipsisa64r6el-linux-gnuabi64
gcc-arm-linux-gnueabihf gcc-aarch64-linux-gnu
clang libclang-rt-14-dev afl++
python3 parallel openssh-client chromium"
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
