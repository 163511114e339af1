# SPDX-License-Identifier: GPL-2.0-or-later
# risu-dt top-level Makefile.  Each directory contributes a rules.mk that
# appends to the lists below; all outputs go under $(BUILD).

BUILD ?= build
CC ?= cc
CFLAGS ?= -O2 -g
SAN ?=
WARN := -std=c11 -Wall -Wextra -Wno-unused-parameter -D_GNU_SOURCE
HOST_CFLAGS := $(CFLAGS) $(WARN) $(SAN) -I. -MMD -MP
HOST_LDFLAGS := $(SAN)
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck)
# One version for every tool and runner (--version); the objects that
# print it depend on VERSION, so a new version rebuilds them.
RISU_DT_VERSION := $(shell cat VERSION)
VERSION_DEF := -DRISU_DT_VERSION='"$(RISU_DT_VERSION)"'

HOST_TOOLS :=
UNIT_TESTS :=
CHECK_TARGETS :=
BENCH_TARGETS :=
RUNNERS :=

.PHONY: all check check-unit check-asan bench clean deps demo fuzz
all:

include tools/lib/rules.mk
include decode/rules.mk
include format/rules.mk
include arch/rules.mk
include gen/rules.mk
include runner/rules.mk
include tools/rules.mk
# each area owns tests/<area>.mk
-include $(sort $(wildcard tests/*.mk))
include install.mk

all: $(HOST_TOOLS) $(RUNNERS)

# make check DEPS=no (or NO_DEPS=1) installs nothing; DEPS=minimal skips
# the heavy optional packages (tools/deps.sh says which).
ifneq ($(DEPS),)
export RISU_DEPS := $(DEPS)
endif
deps:
	@tools/deps.sh check
deps-%:
	@tools/deps.sh $*

# The main job: a generated sequence, master/apprentice under QEMU.
demo: deps-demo
	$(MAKE) $(BUILD)/risugen $(BUILD)/risu-mipsel $(BUILD)/risu-trace
	BUILD=$(BUILD) tools/demo.sh

# Unit tests (Check), then every integration target.
check: deps all check-unit $(CHECK_TARGETS)
	@echo "make check: all test groups passed"

check-unit: $(UNIT_TESTS)
	@set -e; for t in $(UNIT_TESTS); do CK_FORK=yes $$t; done

# The unit tests again under AddressSanitizer and UBSan, in their own tree.
check-asan:
	$(MAKE) BUILD=build-asan SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" check-unit

bench: all $(BENCH_TARGETS)

clean:
	rm -rf $(BUILD) build-asan build-fuzz

$(BUILD)/host/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -c -o $@ $<

-include $(shell find $(BUILD)/host -name '*.d' 2>/dev/null)
