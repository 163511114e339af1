# SPDX-License-Identifier: GPL-2.0-or-later
# ELF images under qemu-user: raw and ELF of one sequence give identical
# traces and digests (MIPS and ARM), corrupt and hostile ELF files are
# refused with exit 2 (tests/runner/elf-tests.sh, elfbad.py).
.PHONY: check-elf
CHECK_TARGETS += check-elf

check-elf: $(BUILD)/risugen $(BUILD)/risu-trace \
	    $(filter $(BUILD)/risu-mipsel $(BUILD)/risu-armhf,$(RUNNERS))
	BUILD=$(BUILD) tests/runner/elf-tests.sh
