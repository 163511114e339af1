# SPDX-License-Identifier: GPL-2.0-or-later
# risu-vm (tools/risu-vm): runners under real Debian kernels in
# qemu-system.  make check boots the mips64el Malta kernel (downloaded into
# the cache on first use); check-vm and bench-vm cover every kernel.

VM_TEST_DEPS := $(BUILD)/risugen $(BUILD)/risu-mips64el

.PHONY: check-vm-malta check-vm bench-vm bench-vm-live
check-vm-malta: $(VM_TEST_DEPS)
	BUILD=$(BUILD) tests/vm/check.sh

# every kernel, then the kernel-vs-qemu-user difference classes
# (docs/kernel-diffs.md), then the nightly driver with a vm reference
check-vm: $(BUILD)/risugen $(BUILD)/risu-trace $(RUNNERS)
	BUILD=$(BUILD) tests/vm/check-all.sh
	BUILD=$(BUILD) tests/vm/check-diffs.sh
	BUILD=$(BUILD) tests/vm/nightly-vm.sh

bench-vm: $(BUILD)/risugen $(RUNNERS)
	BUILD=$(BUILD) tests/vm/bench.sh

# Live mode (VM master, qemu-user apprentice) against a recording.
bench-vm-live: $(BUILD)/risugen $(RUNNERS)
	BUILD=$(BUILD) tests/vm/bench-live.sh

CHECK_TARGETS += check-vm-malta
BENCH_TARGETS += bench-vm bench-vm-live
