# SPDX-License-Identifier: GPL-2.0-or-later
# Images and traces stay byte-identical for fixed seeds (see the script).
CHECK_TARGETS += check-digests
.PHONY: check-digests
check-digests: $(BUILD)/risugen $(RUNNERS)
	BUILD=$(BUILD) tests/digests/check-digests.sh
