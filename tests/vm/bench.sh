#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make bench-vm (part of make bench): boot time and checkpoints/s in each
# VM of kernels.list against the same image under qemu-user.  The VM's
# rate is the runner's own time in the guest (uptime around the job),
# without boot.  A kernel that is not cached is fetched; when that fails
# (no archive) its lines are skipped with a message and the bench goes
# on: exit 0.  A cached kernel whose run fails is an error: exit 1.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 2
N=${VM_BENCH_INSNS:-20000}
LIST=$ROOT/tests/vm/kernels.list

# Fetch what is missing first, so the table is not interleaved with
# download messages; remember the kernels that cannot be had.
skipped=
for k in $(grep -v '^#' "$LIST" | awk 'NF { print $1 }' | sort -u); do
    if ! "$VM" setup --quiet "$k" > setup.log 2>&1; then
        echo "bench-vm: SKIP $k: not cached and cannot be fetched" \
            "($(tail -n 1 setup.log | sed 's/^risu-vm: //'))"
        skipped="$skipped $k"
    fi
done

# bench_line KERNEL VM-CPU ARCH IMAGE-CPU FLAVOUR QEMU USER-CPU PATTERNS
bench_line() {
    f=
    [ "$8" = - ] ||
        f=$(echo "$8" | tr '+' '\n' | sed "s|^|$ROOT/arch/arm/|" | paste -sd+)
    img=$1-$3.bin
    "$BUILD/risugen" --arch "$3" --cpu "$4" -n "$N" -s 11 $f "$img" \
        > /dev/null 2>&1 || { echo "$1 $3: risugen failed"; return 1; }
    "$VM" run --quiet --kernel "$1" --cpu "$2" --timeout 600 \
        --stats st --master -t vm.trace "$img" > out 2>&1 ||
        { echo "$1 $3: VM run failed"; tail -n 5 out; return 1; }
    ck=$(sed -n 's/.*recorded \([0-9]*\) checkpoints.*/\1/p' out)
    . ./st
    t0=$(date +%s.%N)
    "$6" -cpu "$7" "$BUILD/risu-$5" --master -t user.trace "$img" \
        > /dev/null 2>&1 || { echo "$1 $3: qemu-user run failed"; return 1; }
    t1=$(date +%s.%N)
    echo "$1 $2 $3 $boot_s $ck $job_s $t0 $t1" | awk '{
        vm = $5 / $6; us = $5 / ($8 - $7)
        printf "%-10s %-16s %-8s %6.2f %8d %10.0f %11.0f %8.2f\n",
            $1, $2, $3, $4, $5, vm, us, vm / us }'
}

printf '%-10s %-16s %-8s %6s %8s %10s %11s %8s\n' kernel vm-cpu image \
    boot_s ckpts vm_ckpt/s user_ckpt/s vm/user
rc=0
grep -v '^#' "$LIST" > lines
while read -r k vcpu arch icpu fl qu ucpu pats; do
    [ -n "$k" ] || continue
    case " $skipped " in *" $k "*) continue ;; esac
    bench_line "$k" "$vcpu" "$arch" "$icpu" "$fl" "$qu" "$ucpu" "$pats" ||
        rc=1
done < lines
[ -z "$skipped" ] || echo "bench-vm: skipped kernels:$skipped"
exit $rc
