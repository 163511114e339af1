#!/bin/sh
# make bench-vm: boot time and checkpoints/s in each VM of kernels.list
# against the same image under qemu-user.  The VM's rate is the runner's
# own time in the guest (uptime around the job), without boot.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 2
N=${VM_BENCH_INSNS:-20000}
printf '%-10s %-16s %-8s %8s %10s %10s %9s\n' kernel vm-cpu image boot_s \
    vm_ckpt/s user_ckpt/s vm/user
grep -v '^#' "$ROOT/tests/vm/kernels.list" |
while read -r k vcpu arch icpu fl qu ucpu pats; do
    [ -n "$k" ] || continue
    f=
    [ "$pats" = - ] ||
        f=$(echo "$pats" | tr '+' '\n' | sed "s|^|$ROOT/arch/arm/|" | paste -sd+)
    img=$k-$arch.bin
    "$BUILD/risugen" --arch "$arch" --cpu "$icpu" -n "$N" -s 11 $f "$img" \
        > /dev/null 2>&1 || { echo "$k: risugen failed"; continue; }
    "$VM" run --quiet --kernel "$k" --cpu "$vcpu" --timeout 600 \
        --stats st --master -t vm.trace "$img" > out 2>&1 ||
        { echo "$k $arch: VM run failed"; tail -5 out; continue; }
    ck=$(sed -n 's/.*recorded \([0-9]*\) checkpoints.*/\1/p' out)
    . ./st
    t0=$(date +%s.%N)
    "$qu" -cpu "$ucpu" "$BUILD/risu-$fl" --master -t user.trace "$img" \
        > /dev/null 2>&1
    t1=$(date +%s.%N)
    echo "$k $vcpu $arch $boot_s $ck $job_s $t0 $t1" | awk '{
        vm = $5 / $6; us = $5 / ($8 - $7)
        printf "%-10s %-16s %-8s %8.2f %10.0f %10.0f %9.2f\n",
            $1, $2, $3, $4, vm, us, vm / us }'
done
