# tests/mips_patterns.mk: checks of the MIPS pattern files (arch/mips/*.decode).
#
# check-mips-patterns:
#   1. every file passes risu-decode --check on its own (one namespace each);
#   2. hand-checked vectors: instructions assembled by GNU as decode as the
#      pattern named beside them (skipped without the cross binutils);
#   3. risugen makes a short image per tag for a CPU model that runs the
#      file, and every word decodes back to the pattern its metadata names.
# Running the images under QEMU is tests/mips/qemu-sweep.sh (not in check:
# it needs qemu-user and takes minutes; see docs/mips-patterns.md).

MIPS_PATTERN_FILES := $(sort $(wildcard arch/mips/*.decode))

.PHONY: check-mips-patterns
check-mips-patterns: $(RISU_DECODE) $(RISUGEN)
	@set -e; for f in $(MIPS_PATTERN_FILES); do \
	    $(RISU_DECODE) --check $$f; \
	done; echo "mips patterns: $(words $(MIPS_PATTERN_FILES)) files pass risu-decode --check"
	@BUILD=$(BUILD) sh tests/mips/check-vectors.sh
	@BUILD=$(BUILD) sh tests/mips/check-roundtrip.sh
CHECK_TARGETS += check-mips-patterns
