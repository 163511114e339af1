# SPDX-License-Identifier: GPL-2.0-or-later
# risugen tests: Check unit tests (library level), the command-line
# script (errors, exit codes, output formats, determinism) and the
# bench.  Fixtures live in tests/gen/.

GEN_TEST := $(BUILD)/tests/gen/test_gen
UNIT_TESTS += $(GEN_TEST)

$(GEN_TEST): $(BUILD)/host/tests/gen/test_gen.o $(GEN_LIB_OBJS) $(DECODE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $(BUILD)/host/tests/gen/test_gen.o \
	    $(GEN_LIB_OBJS) $(GEN_LDLIBS) $(CHECK_LIBS)

.PHONY: check-gen check-gen-edge check-pcrel check-pcrel-long check-llsc \
        bench-gen bench-risu
CHECK_TARGETS += check-gen check-gen-edge check-pcrel check-llsc
BENCH_TARGETS += bench-gen bench-risu

check-gen: $(RISUGEN)
	@sh tests/gen/cli.sh $(RISUGEN) $(BUILD)/tests/gen-cli

# --edge under qemu-user: a mipsel image of every edge class, recorded
# and replayed, every edge word raising SIGILL (a few seconds).
check-gen-edge: $(RISUGEN) $(BUILD)/risu-trace $(RUNNERS)
	@BUILD=$(BUILD) bash tests/gen/edge-mips.sh

# PC-relative loads and address forming (--group pcrel) under qemu-user
# for mips64r6el, aarch64 and arm: match, values from first principles,
# a shifted literal pool detected.  -long: 10 seeds x 10k instructions.
check-pcrel: $(RISUGEN) $(RUNNERS)
	@BUILD=$(BUILD) bash tests/gen/pcrel.sh

check-pcrel-long: $(RISUGEN) $(RUNNERS)
	@BUILD=$(BUILD) PCREL_SEEDS=10 PCREL_N=10000 bash tests/gen/pcrel.sh

# A store-conditional kept off the last load-linked's address fails
# under qemu-user as under a real kernel (docs/kernel-diffs.md class 4).
check-llsc: $(RISUGEN) $(RUNNERS)
	@BUILD=$(BUILD) bash tests/gen/llsc.sh

bench-gen: $(RISUGEN)
	@sh tests/gen/bench.sh $(RISUGEN) $(BUILD)/bench-gen

# Linaro RISU files and RISU's own Perl risugen, when the user has them:
#   make bench-risu RISU_CORPUS=DIR [RISU_PERL=DIR]
# (docs/risugen.md, "RISU files").
bench-risu: $(RISUGEN) $(RISU2DECODE)
	@RISU_CORPUS="$(RISU_CORPUS)" RISU_PERL="$(RISU_PERL)" \
	    sh tests/gen/bench-risu.sh $(RISUGEN) $(RISU2DECODE) \
	    $(BUILD)/bench-risu
