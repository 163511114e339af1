# SPDX-License-Identifier: GPL-2.0-or-later
# MIPS runner flavours, one per line: name, family, compiler command (+
# fixed args), ISA/ABI/FP flags, runner-only flags, reproducer-only flags.
# make builds build/risu-<name> from each line and generates the C table
# (arch/flavour.h) that risu-trace and the nightly driver read.
$(call flavour, mipsel, mips, mipsel-linux-gnu-gcc, -march=mips32 -mfp32,,)
$(call flavour, mipsel-fp64, mips, mipsel-linux-gnu-gcc, -march=mips32r2 -mfp64,,)
$(call flavour, mipsel-fp64-nan2008, mips, mipsel-linux-gnu-gcc, -march=mips32r2 -mfp64 -mnan=2008,,)
$(call flavour, mips, mips, mips-linux-gnu-gcc, -march=mips32 -mfp32,,)
$(call flavour, mips-fp64, mips, mips-linux-gnu-gcc, -march=mips32r2 -mfp64,,)
$(call flavour, mips-fp64-nan2008, mips, mips-linux-gnu-gcc, -march=mips32r2 -mfp64 -mnan=2008,,)
$(call flavour, mips64el, mips, mips64el-linux-gnuabi64-gcc, -march=mips3 -mabi=64,,)
$(call flavour, mips64, mips, mips64el-linux-gnuabi64-gcc -EB, -march=mips3 -mabi=64,,)
$(call flavour, mipsisa32r6el, mips, mipsisa32r6el-linux-gnu-gcc, -march=mips32r6,,)
$(call flavour, mipsisa64r6el, mips, mipsisa64r6el-linux-gnuabi64-gcc, -march=mips64r6 -mabi=64,,)
