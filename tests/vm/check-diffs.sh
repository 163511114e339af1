#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make check-vm: every real-kernel vs qemu-user difference class of
# docs/kernel-diffs.md.  Each image is a recipe (risugen options, at most
# an overlay from tests/vm/fixtures), recorded under the Debian kernel and
# replayed under qemu-user: the runner must exit 1 (never 2, never a
# crash) and name the signal, si_code or register that differs.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 2
GEN=$BUILD/risugen
FIX=$ROOT/tests/vm/fixtures
A=$ROOT/arch/arm
M64="qemu-mips64el -cpu 5KEf $BUILD/risu-mips64el"

# vm_record KERNEL CPU IMAGE: record IMAGE.trace in the VM (exit 0)
vm_record() {
    expect 0 "$3: recorded under the $1 kernel ($2)" "$VM" run --quiet \
        --kernel "$1" --cpu "$2" --timeout 180 --master -t "$3.trace" "$3"
}

# gen IMAGE RISUGEN-ARGS...
gen() {
    g_img=$1; shift
    "$GEN" "$@" -o "$g_img" > /dev/null 2>&1 || bad "risugen $g_img: $*"
}

echo "vm-diff: MIPS SIGBUS: SI_KERNEL (128), address 0, under the kernel"
gen sigbus.bin --arch mips64el --cpu 5KEf --pattern 'LLD?|SCD?' \
    --mem unaligned -n 20 -s 1
vm_record malta64 5KEf sigbus.bin
expect 1 "replay under qemu-user diverges" $M64 -t sigbus.bin.trace sigbus.bin
has "ref signal 10 si_code 128 fault 0x0000000000000000" \
    "kernel: SI_KERNEL, no address"
has "got signal 10 si_code 1 fault 0x" "qemu-user: BUS_ADRALN with BadVAddr"

echo "vm-diff: unaligned access into the guard page"
gen guard.bin --arch mips64el --cpu 5KEf --pattern 'SH|SW|SD|LD|LWC1|SDC1' \
    --mem guard --comparemem-every 1 -n 40 -s 2
vm_record malta64 5KEf guard.bin
expect 1 "replay under qemu-user diverges" $M64 --keep-going \
    -t guard.bin.trace guard.bin
has "ref signal 11 si_code 128 fault 0x0000000000000000" \
    "kernel, integer access: SIGSEGV SI_KERNEL"
has "ref signal 11 si_code 2 fault 0x1ff" \
    "kernel, FP access: SIGSEGV SEGV_ACCERR at the address"
has "got signal 10 si_code 1 fault 0x1ff" "qemu-user: SIGBUS BUS_ADRALN"
has "(SH)" "a halfword store is among them"
has "memhash        ref" "the kernel's partial store shows in memory"

echo "vm-diff: SC after a checkpoint (ERET clears LLbit)"
gen llsc.bin --arch mips64el --cpu 5KEf --overlay "$FIX/llsc-pinned.overlay" \
    --pattern 'LLD?|SCD?' -n 30 -s 3
vm_record malta64 5KEf llsc.bin
expect 1 "replay under qemu-user diverges" $M64 -t llsc.bin.trace llsc.bin
has "(SCD\?)" "at a store-conditional"
has "ref 0x0000000000000000 got 0x0000000000000001" \
    "kernel: SC failed (0); qemu-user: succeeded (1)"
has "note: SC after a checkpoint: the kernel clears the reservation on \
exception return" "the report names the class"

echo "vm-diff: none for LL/SC as risugen places them (SC off the LL, pairs)"
gen llsc-kept.bin --arch mips64el --cpu 5KEf \
    --overlay "$ROOT/tests/gen/llsc-2k.overlay" --pattern 'LLD?|SCD?' \
    -n 100 -s 5
vm_record malta64 5KEf llsc-kept.bin
expect 0 "replay under qemu-user matches" $M64 -t llsc-kept.bin.trace \
    llsc-kept.bin

echo "vm-diff: none for A64 LDXR/STXR across a checkpoint (both fail STXR)"
gen excl.bin --arch aarch64 --cpu cortex-a57 \
    --overlay "$FIX/a64-excl-pinned.overlay" --pattern 'LDXR_w|STXR_w' \
    -n 30 -s 3 "$A/a64-mem.decode"
vm_record arm64 cortex-a57 excl.bin
expect 0 "replay under qemu-user matches" qemu-aarch64 -cpu cortex-a57 \
    "$BUILD/risu-aarch64" -t excl.bin.trace excl.bin

echo "vm-diff: integer overflow in a delay slot: si_addr is the branch's"
gen slot.bin --arch mipsel --cpu 24Kf \
    --pattern '^(BEQ|BNE|BLTZAL|JAL|ADD|SUB)$' -n 300 -s 1
vm_record malta32 24Kf slot.bin
expect 1 "replay under qemu-user diverges" qemu-mipsel -cpu 24Kf \
    "$BUILD/risu-mipsel" --keep-going -t slot.bin.trace slot.bin
has "ref signal 8 si_code 2 fault 0x0000000020" "kernel: FPE_INTOVF"
has "got signal 8 si_code 2 fault 0x0000000020" "qemu-user: FPE_INTOVF"
has "in the delay slot of" "names the branch and its slot (both report \
the branch's pc: the runs stay in step)"

echo "vm-diff: microMIPS overflow: the kernel's si_addr has the ISA bit"
gen umov.bin --arch micromipsel --cpu M14Kc --pattern '^(ADD|SUB|ADDI)$' \
    -n 300 -s 1
vm_record malta32 M14Kc umov.bin
expect 1 "replay under qemu-user diverges" qemu-mipsel -cpu M14Kc \
    "$BUILD/risu-mipsel" --keep-going -t umov.bin.trace umov.bin
has "ref signal 8 si_code 2 fault 0x0000000020[0-9a-f]*[13579bdf]\$" \
    "kernel: FPE_INTOVF at the odd (ISA bit) address"
has "got signal 8 si_code 2 fault 0x0000000020[0-9a-f]*[02468ace]\$" \
    "qemu-user: FPE_INTOVF at the even address"

echo "vm-diff: unaligned A32 LDM/STM/LDRD/STRD are fixed up by the kernel"
gen arm-una.bin --arch arm --cpu cortex-a15 \
    --pattern '(LD|ST)M(IA|IB|DA|DB)|(LD|ST)RD_.*' --mem unaligned \
    -n 30 -s 4 "$A/a32.decode"
for k in "arm64 cortex-a57" "armmp cortex-a15"; do
    set -- $k
    expect 0 "$1: recorded (compat or native fix-up)" "$VM" run --quiet \
        --kernel "$1" --cpu "$2" --timeout 180 --master -t "arm-$1.trace" \
        arm-una.bin
    expect 1 "$1 trace replayed under qemu-arm diverges" qemu-arm \
        -cpu cortex-a15 "$BUILD/risu-armhf" -t "arm-$1.trace" arm-una.bin
    has "ref none" "the kernel took no signal"
    has "got signal 7 si_code 1 fault" "qemu-user: SIGBUS BUS_ADRALN"
done

echo "vm-diff: armhf d32 under the arm64 kernel's compat layer"
gen d32.bin --arch arm --cpu cortex-a15 -n 300 -s 7 \
    "$A/a32.decode+$A/a32-vfp.decode+$A/a32-neon.decode"
vm_record arm64 cortex-a57 d32.bin
expect 0 "replay under qemu-arm matches" qemu-arm -cpu cortex-a15 \
    "$BUILD/risu-armhf" -t d32.bin.trace d32.bin
has "match (0 mismatching)" "match"
expect 0 "the VM's trace" "$BUILD/risu-trace" show d32.bin.trace
has "recorder: risu-armhf [0-9.]* v8l vfp d32 neon" "recorded with D32"
has "^    d31 " "d31 is in the checkpoints"
expect 1 "a flipped d31 bit is a divergence" env RISU_INJECT=5:d31:3 \
    qemu-arm -cpu cortex-a15 "$BUILD/risu-armhf" -t d32.bin.trace d32.bin
has "^  d31 " "names d31"

echo "vm-diff: SWP/SWPB work under both kernels although AT_HWCAP omits SWP"
gen swp.bin --arch arm --cpu cortex-a15 -n 10 -s 1 "$FIX/a32-swp.decode"
for k in "arm64 cortex-a57" "armmp cortex-a15"; do
    set -- $k
    expect 0 "$1: SWP recorded" "$VM" run --quiet --kernel "$1" --cpu "$2" \
        --timeout 180 --master -t "swp-$1.trace" swp.bin
    expect 0 "$1 trace replayed under qemu-arm matches" qemu-arm \
        -cpu cortex-a15 "$BUILD/risu-armhf" -t "swp-$1.trace" swp.bin
done

# hwcap_of CMD...: the hwcap the runner's --info line reports
hwcap_of() {
    "$@" --info 2>/dev/null | sed -n 's/.* hwcap \(0x[0-9a-f]*\).*/\1/p' |
        tail -n 1
}

# hwcap_bit WHAT KERNEL VM-CPU FLAVOUR QEMU USER-CPU BIT IN-VM: BIT is
# IN-VM (1 set, 0 clear) under the kernel and the other way under qemu-user
hwcap_bit() {
    hv=$(hwcap_of "$VM" run --quiet --kernel "$2" --cpu "$3" --timeout 120 \
        --runner "$BUILD/risu-$4" --)
    hu=$(hwcap_of "$5" -cpu "$6" "$BUILD/risu-$4")
    if [ -z "$hv" ] || [ -z "$hu" ]; then
        bad "$1: no hwcap (vm '$hv', qemu-user '$hu')"
    elif [ $((hv >> $7 & 1)) = "$8" ] && [ $((hu >> $7 & 1)) != "$8" ]; then
        ok "$1: kernel $hv, qemu-user $hu"
    else
        bad "$1: kernel $hv, qemu-user $hu (bit $7)"
    fi
}

echo "vm-diff: AT_HWCAP"
hwcap_bit "24Kf MIPS16 (bit 3)" malta32 24Kf mipsel qemu-mipsel 24Kf 3 1
hwcap_bit "MIPS64R2-generic MIPS3D (bit 5)" malta64 MIPS64R2-generic \
    mips64el qemu-mips64el MIPS64R2-generic 5 1
hwcap_bit "Loongson-3A1000 CPUCFG (bit 14)" loongson3 Loongson-3A1000 \
    mips64el qemu-mips64el Loongson-3A1000 14 1
hwcap_bit "arm64 compat: no VFPD32 (bit 19)" arm64 cortex-a57 armhf \
    qemu-arm cortex-a15 19 0
hwcap_bit "armmp: no SWP (bit 0)" armmp cortex-a15 armhf qemu-arm \
    cortex-a15 0 0
finish
