# arch/: the architecture registry.  Each arch/<family>/rules.mk appends
# its sources to these lists; gen/, tools/ and runner/ link what they
# need from here and never name a family themselves.
#   ARCH_GEN_SRCS   generator hooks (risugen)
#   ARCH_HOST_SRCS  host face and register tables (every host tool)
ARCH_GEN_SRCS :=
ARCH_HOST_SRCS := arch/flavours.c

include $(sort $(wildcard arch/*/rules.mk))
