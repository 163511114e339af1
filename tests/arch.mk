# arch/: the registry is the only place that names architectures.
CHECK_TARGETS += check-arch-names
.PHONY: check-arch-names
check-arch-names: $(BUILD)/risu-trace
	tests/arch/check-no-arch-names.sh $(BUILD)/risu-trace
