# tests/mips_patterns.mk: checks of the MIPS pattern files (arch/mips/*.decode).
#
# check-mips-patterns:
#   1. every file passes risu-decode --check on its own (one namespace each);
#   2. hand-checked vectors: instructions assembled by GNU as decode as the
#      pattern named beside them (skipped without the cross binutils);
#   3. risugen makes a short image per tag for a CPU model that runs the
#      file, and every word decodes back to the pattern its metadata names.
# Running the images under QEMU: check-mips-tags and validate-mips below
# (tests/mips/validate.py); tests/mips/qemu-sweep.sh tallies signals per
# pattern for any pattern file (docs/mips-patterns.md).

MIPS_PATTERN_FILES := $(sort $(wildcard arch/mips/*.decode))

.PHONY: check-mips-patterns
check-mips-patterns: $(RISU_DECODE) $(RISUGEN)
	@set -e; for f in $(MIPS_PATTERN_FILES); do \
	    $(RISU_DECODE) --check $$f; \
	done; echo "mips patterns: $(words $(MIPS_PATTERN_FILES)) files pass risu-decode --check"
	@BUILD=$(BUILD) sh tests/mips/check-vectors.sh
	@BUILD=$(BUILD) sh tests/mips/check-roundtrip.sh
CHECK_TARGETS += check-mips-patterns

# check-mips-tags: every tag of the pattern files, briefly, under
# qemu-user (tests/mips/validate.py --quick: 300 instructions per tag on
# one model per runner kind, master and apprentice live, plus a second
# model where one exists): no unexpected signal (SIGILL above all), a
# match.  Also the dsp and ps image features (check-features.sh), --verify's name rule
# (check-verify.sh) and the generator's clean-ups for UNPREDICTABLE FPR,
# vector and divisor values (check-cleanup.sh).  Models whose qemu or
# runner is missing are skipped.
.PHONY: check-mips-tags validate-mips
check-mips-tags: $(RISUGEN) $(RISU_DECODE) $(RUNNERS)
	@BUILD=$(BUILD) python3 tests/mips/validate.py --quick -n 300
	@BUILD=$(BUILD) sh tests/mips/check-features.sh
	@BUILD=$(BUILD) sh tests/mips/check-verify.sh
	@BUILD=$(BUILD) sh tests/mips/check-cleanup.sh
CHECK_TARGETS += check-mips-tags

# validate-mips (not in make check: about 15 minutes on 2 cores): 10,000
# instructions per tag on 21 model/arch cases, same model and a second
# model; the table goes to $(BUILD)/validate-mips.md (docs/mips-patterns.md
# holds the last one, with the settings it was made with).
validate-mips: $(RISUGEN) $(RISU_DECODE) $(RUNNERS)
	BUILD=$(BUILD) python3 tests/mips/validate.py -n 10000 -s 1 \
	    --md $(BUILD)/validate-mips.md
