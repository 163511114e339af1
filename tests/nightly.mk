# SPDX-License-Identifier: GPL-2.0-or-later
# Nightly driver tests: Python unit tests of tools/nightly/
# (config, job keys, store, parsers, JUnit/HTML writers), then a matrix
# run under qemu-mipsel (24Kf reference and implementations 24Kf/74Kf, a
# fake ssh board, a dead one, an injected fault), resume after an
# interrupt, golden-store reuse and invalidation, GNU parallel, timeouts,
# `risu-trace diff --json` rendered in HTML and JUnit (a failing diff is a
# job error), shrinking with its budget, a real qemu-mips64el 5Kf vs VR5432
# divergence shrunk to a verified reproducer (when risu-mips64el is
# built), and the HTML reports rendered by headless Chromium; then
# risu-hunt campaigns (5Kf vs VR5432, 5Kf vs 5KEf, an injected fault)
# with exactly known clusters, about 25 s.
.PHONY: check-nightly check-nightly-unit
CHECK_TARGETS += check-nightly

check-nightly-unit:
	PYTHONDONTWRITEBYTECODE=1 python3 -m unittest discover -s tests/nightly -p 'test_*.py'

ifneq ($(filter $(BUILD)/risu-mipsel,$(RUNNERS)),)
check-nightly: check-nightly-unit $(BUILD)/risugen $(BUILD)/risu-trace $(BUILD)/risu-mipsel \
	    $(filter $(BUILD)/risu-mips64el,$(RUNNERS))
	BUILD=$(BUILD) tests/nightly/matrix-test.sh
	BUILD=$(BUILD) tests/nightly/hunt-test.sh
else
check-nightly: check-nightly-unit
	@echo "check-nightly: SKIP matrix test (no mipsel cross compiler, so no $(BUILD)/risu-mipsel)"
endif
