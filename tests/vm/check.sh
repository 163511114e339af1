#!/bin/sh
# make check's VM test: one mips64el Malta kernel (downloaded into the
# cache on the first run).  Records in the VM and replays under qemu-user,
# shows the kernel's unaligned-access fix-up as a divergence both ways,
# and the failure modes: corrupted transfer, hung guest, unreachable
# archive, an arch with no Debian kernel.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 2
GEN=$BUILD/risugen R=$BUILD/risu-mips64el

echo "vm: malta64 record in the VM, replay under qemu-user"
"$GEN" --arch mips64el --cpu 5KEf -n 300 -s 1 seq.bin > /dev/null 2>&1 ||
    bad "risugen seq.bin"
expect 0 "record in the VM" "$VM" run --kernel malta64 --cpu 5KEf \
    --timeout 120 --master -t vm.trace seq.bin
has "recorded" "the runner's output comes back"
[ -s vm.trace ] && ok "vm.trace on the host" || bad "no vm.trace"
expect 0 "replay under qemu-user" qemu-mips64el -cpu 5KEf "$R" -t vm.trace seq.bin
has "match (0 mismatching)" "replay matches"

echo "vm: unaligned accesses: the kernel fixes up, qemu-user raises SIGBUS"
"$GEN" --arch mips64el --cpu 5KEf --group mem --mem unaligned -n 200 -s 3 \
    una.bin > /dev/null 2>&1 || bad "risugen una.bin"
expect 0 "record unaligned image in the VM" "$VM" run --kernel malta64 \
    --cpu 5KEf --timeout 120 --master -t una-vm.trace una.bin
expect 1 "replay under qemu-user diverges" qemu-mips64el -cpu 5KEf "$R" \
    -t una-vm.trace una.bin
has "ref none" "the kernel took no signal"
has "got signal 10 si_code 1 fault" "qemu-user: SIGBUS BUS_ADRALN at the access"
expect 0 "record under qemu-user" qemu-mips64el -cpu 5KEf "$R" --master \
    -t una-user.trace una.bin
expect 1 "replay in the VM: mismatch exit propagated" "$VM" run \
    --kernel malta64 --cpu 5KEf --timeout 120 -t una-user.trace una.bin
has "ref signal 10 si_code 1" "the VM's runner names qemu-user's SIGBUS"

echo "vm: bad input"
rm -f bad.trace
expect 2 "corrupted transfer" env RISU_VM_FAULT=corrupt-transfer "$VM" run \
    --kernel malta64 --cpu 5KEf --timeout 120 --master -t bad.trace seq.bin
has "corrupted transfer" "says why"
[ ! -e bad.trace ] && ok "no trace left" || bad "a corrupted trace was left"
# b . ; nop: with its watchdog off the runner never returns, so the guest
# must be killed; with the watchdog on, the loop is a reported divergence
printf '\377\377\000\020\000\000\000\000' > hang.bin
expect 1 "looping test code: the runner's watchdog" "$VM" run \
    --kernel malta64 --cpu 5KEf --timeout 60 --runner "$R" --watchdog 2 \
    --master -t loop.trace hang.bin
expect 2 "hung guest killed at the timeout" "$VM" run --kernel malta64 \
    --cpu 5KEf --timeout 20 --runner "$R" --watchdog 0 --master \
    -t hang.trace hang.bin
has "timeout" "says timeout"
has "job start" "shows the console tail"
expect 2 "archive unreachable, nothing cached" env RISU_VM_CACHE="$T/empty" \
    RISU_VM_MIRROR=http://127.0.0.1:9/debian "$VM" setup malta64
has "archive unreachable" "says the archive is unreachable"
"$GEN" --arch mips64 -n 20 be.bin > /dev/null 2>&1
expect 2 "big-endian image refused" "$VM" run --kernel malta64 --master \
    -t be.trace be.bin
has "no kernel for mips64" "says Debian has no such kernel"

echo "vm: versions (the nightly vm reference's key)"
expect 0 "versions --json" "$VM" versions --json malta64
has '"cached": true, "qemu": "qemu-system-mips64el", "qemu_version": "[0-9]' \
    "cached, with the qemu-system version"
has '"package": "linux-image-[^"]*-5kc-malta", "arch": "mips64el"' \
    "the kernel package"
has '"version": "[0-9]' "with its version"
expect 0 "versions, nothing cached" env RISU_VM_CACHE="$T/empty" "$VM" \
    versions --json malta64
has '"cached": false' "says not cached, fetches nothing"
expect 2 "versions of an unknown kernel" "$VM" versions nosuch
has "unknown kernel 'nosuch'" "names it"
finish
