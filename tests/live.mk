# SPDX-License-Identifier: GPL-2.0-or-later
# The live protocol against lying and hostile peers: the hostile-peer
# suite (tests/runner/hostile/, fake masters and apprentices in Python
# against real runners under qemu-user, each case with an exit code and
# a time bound).  The master-side protocol fuzzer is in tests/fuzz.mk.

.PHONY: check-hostile
CHECK_TARGETS += check-hostile

HOSTILE_RUNNERS := $(filter $(BUILD)/risu-mipsel $(BUILD)/risu-aarch64,$(RUNNERS))
check-hostile: $(HOSTILE_RUNNERS) $(BUILD)/risugen
	BUILD=$(BUILD) tests/runner/hostile/run.sh

# Memory divergences located (tests/runner/memdiff.sh): an injected
# one-byte block fault named by offset and values in replay, live and
# risu-trace diff; lying recorders and format 1 traces with blocks.
.PHONY: check-memdiff
CHECK_TARGETS += check-memdiff
MEMDIFF_RUNNERS := $(filter $(BUILD)/risu-mipsel $(BUILD)/risu-aarch64,$(RUNNERS))
check-memdiff: $(MEMDIFF_RUNNERS) $(BUILD)/risugen $(BUILD)/risu-trace
	BUILD=$(BUILD) tests/runner/memdiff.sh
