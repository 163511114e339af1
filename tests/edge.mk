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
#   check-edge-mips     the MIPS configurations, those of the ASE models
#                       (DSP 24KEc/34Kf/74Kf/mips64dspr2, Octeon68XX,
#                       VR5432, 20Kc, MIPS64R2-generic) included: 20
#                       seeds x 10000 instructions (a few minutes; not in
#                       make check)

.PHONY: check-escape check-edge check-edge-quick check-edge-mips
CHECK_TARGETS += check-escape check-edge-quick

check-escape: $(RUNNERS) $(BUILD)/risugen $(BUILD)/risu-trace
	BUILD=$(BUILD) tests/runner/escape/run.sh

check-edge-quick: $(RUNNERS) $(BUILD)/risugen $(BUILD)/risu-trace
	BUILD=$(BUILD) tests/edge/campaign.sh -s 2 -n 2000 -r

check-edge: $(RUNNERS) $(BUILD)/risugen $(BUILD)/risu-trace
	BUILD=$(BUILD) tests/edge/campaign.sh $(EDGE_ARGS)

EDGE_MIPS := mipsel,mips64el,mips64r6el,24kec,34kf,74kf,74kf-be,mips64dspr2,
EDGE_MIPS := $(EDGE_MIPS)octeon,octeon-be,vr5432,20kc,mips64r2
check-edge-mips: $(RUNNERS) $(BUILD)/risugen $(BUILD)/risu-trace
	BUILD=$(BUILD) tests/edge/campaign.sh -s 20 -n 10000 -c $(EDGE_MIPS)
