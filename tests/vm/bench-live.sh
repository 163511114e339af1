#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make bench-vm-live: live mode per line of kernels.list, the master in
# the VM and the apprentice under qemu-user on the host, against a
# recording of the same image in the same boot (a batch: the live job
# first, then the recording).  Rates are checkpoints per second of each
# job's own time in the guest (risu-vm batch --outdir N.time), boot
# excluded; boot_s is the guest's uptime when the first job starts.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 2
N=${VM_BENCH_INSNS:-20000}
n=0
printf '%-10s %-16s %-8s %7s %7s %11s %11s\n' kernel vm-cpu image boot_s \
    ckpts live_ckpt/s rec_ckpt/s
grep -v '^#' "$ROOT/tests/vm/kernels.list" |
while read -r k vcpu arch icpu fl qu ucpu pats; do
    [ -n "$k" ] || continue
    n=$((n + 1))
    f=
    [ "$pats" = - ] ||
        f=$(echo "$pats" | tr '+' '\n' | sed "s|^|$ROOT/arch/arm/|" |
            paste -sd+)
    img=$k-$arch.bin
    "$BUILD/risugen" --arch "$arch" --cpu "$icpu" -n "$N" -s 11 $f "$img" \
        > /dev/null 2>&1 || { echo "$k: risugen failed"; continue; }
    printf '%s\n' "--master --unix s.sock $img" \
        "--master -t vm.trace $img" > jobs$n
    "$VM" batch --kernel "$k" --cpu "$vcpu" --timeout 600 --keep keep$n \
        --outdir res$n jobs$n > batch$n.out 2>&1 &
    bpid=$!
    i=0
    until grep -q "risu-vm-guest: job 1 start" keep$n/boot*/console.log \
            2> /dev/null || [ $i -ge 1200 ]; do
        i=$((i + 1)); sleep 0.1
    done
    "$qu" -cpu "$ucpu" "$BUILD/risu-$fl" --timeout 60 --unix s.sock "$img" \
        > app$n.out 2>&1
    wait $bpid || { echo "$k $arch: batch failed"; tail -n 5 batch$n.out;
                    continue; }
    ck=$(sed -n 's/^risu: \([0-9]*\) checkpoints, match.*/\1/p' app$n.out)
    boot=$(sed -n 's/^risu-vm-guest: job start \([0-9.]*\).*/\1/p' \
        keep$n/boot1/console.log)
    t1=$(cat res$n/1.time) t2=$(cat res$n/2.time)
    echo "$k $vcpu $arch $boot ${ck:-0} $t1 $t2" |
        awk '{ printf "%-10s %-16s %-8s %7.2f %7d %11.0f %11.0f\n",
               $1, $2, $3, $4, $5, ($6 > 0 ? $5 / $6 : 0),
               ($7 > 0 ? $5 / $7 : 0) }'
done
