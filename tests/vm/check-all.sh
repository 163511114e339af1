#!/bin/sh
# make check-vm: every kernel of kernels.list records an image in the VM,
# which then replays under qemu-user with a match.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 2
N=${VM_INSNS:-500}
grep -v '^#' "$ROOT/tests/vm/kernels.list" |
while read -r k vcpu arch icpu fl qu ucpu pats; do
    [ -n "$k" ] || continue
    echo "vm: $k ($vcpu) $arch image for $icpu, risu-$fl"
    f=
    [ "$pats" = - ] ||
        f=$(echo "$pats" | tr '+' '\n' | sed "s|^|$ROOT/arch/arm/|" | paste -sd+)
    img=$k-$arch.bin
    "$BUILD/risugen" --arch "$arch" --cpu "$icpu" -n "$N" -s 7 $f "$img" \
        > /dev/null 2>&1 || { bad "risugen $img"; continue; }
    expect 0 "record" "$VM" run --kernel "$k" --cpu "$vcpu" --timeout 240 \
        --master -t "$img.trace" "$img"
    expect 0 "replay under $qu -cpu $ucpu" "$qu" -cpu "$ucpu" \
        "$BUILD/risu-$fl" -t "$img.trace" "$img"
    has "match (0 mismatching)" "match"
    echo "$pass $fail" > "$T/count"
done
read -r pass fail < "$T/count"
finish
