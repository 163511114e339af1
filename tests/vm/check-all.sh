#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make check-vm: every line of kernels.list, one batch boot each: a live
# master in the VM against an apprentice under qemu-user on the host,
# then a recording in the VM, which replays under qemu-user with a match.
# Last, one apprentice in the VM against a master on the host.
# The live job goes first: a job after one that did FP may need a fresh
# boot on CPUs whose FCSR ignores writes (see docs/vm.md), and the host
# apprentice is started when the guest says the job starts.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 2
N=${VM_INSNS:-500}
n=0
grep -v '^#' "$ROOT/tests/vm/kernels.list" |
while read -r k vcpu arch icpu fl qu ucpu pats; do
    [ -n "$k" ] || continue
    n=$((n + 1))
    echo "vm: $k ($vcpu) $arch image for $icpu, risu-$fl"
    f=
    [ "$pats" = - ] ||
        f=$(echo "$pats" | tr '+' '\n' | sed "s|^|$ROOT/arch/arm/|" | paste -sd+)
    img=$k-$arch.bin
    "$BUILD/risugen" --arch "$arch" --cpu "$icpu" -n "$N" -s 7 $f "$img" \
        > /dev/null 2>&1 || { bad "risugen $img"; continue; }
    printf '%s\n' "--master --unix s.sock $img" \
        "--master -t $img.trace $img" > jobs$n
    "$VM" batch --kernel "$k" --cpu "$vcpu" --timeout 240 --keep keep$n \
        jobs$n > batch$n.out 2>&1 &
    bpid=$!
    i=0
    until grep -q "risu-vm-guest: job 1 start" keep$n/boot*/console.log \
            2> /dev/null || [ $i -ge 1200 ]; do
        i=$((i + 1)); sleep 0.1
    done
    expect 0 "live: VM master, $qu -cpu $ucpu apprentice" "$qu" \
        -cpu "$ucpu" "$BUILD/risu-$fl" --unix s.sock "$img"
    has "match (0 mismatching)" "live match"
    wait $bpid
    rc=$?
    cp batch$n.out "$T/out"
    [ $rc = 0 ] && ok "batch: live + record (exit 0)" ||
        { bad "batch exit $rc"; tail -n 20 batch$n.out | sed 's/^/    /'; }
    expect 0 "replay under $qu -cpu $ucpu" "$qu" -cpu "$ucpu" \
        "$BUILD/risu-$fl" -t "$img.trace" "$img"
    has "match (0 mismatching)" "match"
    echo "$pass $fail" > "$T/count"
done
read -r pass fail < "$T/count"

# The other direction: the apprentice in the VM, the master on the host
# (it listens, QEMU connects to it).
echo "vm: malta64, apprentice in the VM, master under qemu-user"
R=$BUILD/risu-mips64el
"$BUILD/risugen" --arch mips64el --cpu 5KEf -n "$N" -s 8 app.bin \
    > /dev/null 2>&1 || bad "risugen app.bin"
qemu-mips64el -cpu 5KEf "$R" --master --timeout 60 --unix m.sock app.bin \
    > master.out 2>&1 &
mpid=$!
expect 0 "VM apprentice" "$VM" run --kernel malta64 --cpu 5KEf \
    --timeout 240 --unix m.sock app.bin
has "match (0 mismatching)" "the VM's apprentice reports a match"
wait $mpid && ok "host master exit 0" || bad "host master: $(cat master.out)"
grep -q "apprentice reports a match" master.out &&
    ok "the host master agrees" || bad "host master: $(cat master.out)"
finish
