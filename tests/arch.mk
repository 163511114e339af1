# SPDX-License-Identifier: GPL-2.0-or-later
# Architecture registry tests (Check): the generated flavour table.
ARCH_TEST_OBJS := $(BUILD)/host/tests/arch/test_flavour.o \
    $(BUILD)/host/arch/flavour.o $(ARCH_FLAVOURS_C:%.c=$(BUILD)/host/%.o)
# make's own flavour list, to compare the generated C table against.
$(BUILD)/host/tests/arch/test_flavour.o: \
    HOST_CFLAGS += -DRISU_FLAVOUR_NAMES='"$(strip $(RISU_FLAVOURS))"'
$(BUILD)/host/tests/arch/test_flavour.o: $(ARCH_FLAVOUR_MKS)

$(BUILD)/tests/check-arch: $(ARCH_TEST_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(HOST_LDFLAGS) -o $@ $^ $(CHECK_LIBS)

UNIT_TESTS += $(BUILD)/tests/check-arch

# arch/: the registry is the only place that names architectures.
CHECK_TARGETS += check-arch-names
.PHONY: check-arch-names
check-arch-names: $(BUILD)/risu-trace
	tests/arch/check-no-arch-names.sh $(BUILD)/risu-trace
