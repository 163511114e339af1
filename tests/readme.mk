# SPDX-License-Identifier: GPL-2.0-or-later
# README.md verified: every command of its ```sh blocks runs (or, listed
# in tests/readme/substitutions with a reason, is run differently or has
# its options checked), and its runner table is risugen --list-runners'.
.PHONY: check-readme
check-readme: $(HOST_TOOLS) $(RUNNERS)
	@BUILD=$(BUILD) sh tests/readme/readme-test.sh
CHECK_TARGETS += check-readme
