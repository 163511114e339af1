# arch/: the architecture registry.  Each arch/<family>/rules.mk appends
# its sources to these lists; gen/, tools/ and runner/ link what they
# need from here and never name a family themselves.
#   ARCH_GEN_SRCS   generator hooks, and the registry with its gen faces
#                   (risugen)
#   ARCH_HOST_SRCS  host faces and register tables (every host program)
#   ARCH_TAB_HOST_OBJ  the registry without the gen faces, for host
#                   programs that do not link the generator
ARCH_GEN_SRCS := arch/archtab.c arch/capstone-abi.c
ARCH_HOST_SRCS := arch/flavours.c arch/host.c

ARCH_TAB_HOST_OBJ := $(BUILD)/host/hostonly/arch/archtab.o
$(ARCH_TAB_HOST_OBJ): arch/archtab.c
	@mkdir -p $(dir $@)
	$(CC) $(HOST_CFLAGS) -DARCH_HOST_ONLY -c -o $@ $<

include $(sort $(wildcard arch/*/rules.mk))
