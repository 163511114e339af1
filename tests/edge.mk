# SPDX-License-Identifier: GPL-2.0-or-later
# The runner never escapes, and the decode-edge campaign (issue 13).
#   check-escape        tests/runner/escape/run.sh: escaping words, a
#                       corrupted sp, a fault in the handler and a dead
#                       live peer, under qemu-user for every runner family
#   check-edge-quick    the campaign, 2 seeds x 2000 instructions per
#                       configuration whose arch has its space list (in
#                       make check, under a minute)
#   check-edge          the campaign as the issue asks: 50 seeds x 10000
#                       instructions per configuration (long; not in make
#                       check)

.PHONY: check-escape check-edge check-edge-quick
CHECK_TARGETS += check-escape check-edge-quick

check-escape: $(RUNNERS) $(BUILD)/risugen $(BUILD)/risu-trace
	BUILD=$(BUILD) tests/runner/escape/run.sh

check-edge-quick: $(RUNNERS) $(BUILD)/risugen $(BUILD)/risu-trace
	BUILD=$(BUILD) tests/edge/campaign.sh -s 2 -n 2000 -r

check-edge: $(RUNNERS) $(BUILD)/risugen $(BUILD)/risu-trace
	BUILD=$(BUILD) tests/edge/campaign.sh $(EDGE_ARGS)
