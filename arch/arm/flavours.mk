# SPDX-License-Identifier: GPL-2.0-or-later
# ARM runner flavours, one per line: name, family, compiler command,
# ISA/ABI/FP flags, runner-only flags, reproducer-only flags (see
# arch/mips/flavours.mk).  The runner keeps C off the FP/SIMD registers
# (-mgeneral-regs-only); a reproducer is ordinary C that may use Neon.
$(call flavour, armhf, arm, arm-linux-gnueabihf-gcc, -marm -march=armv7-a -mfloat-abi=hard, -mfpu=vfpv3-d16 -mgeneral-regs-only, -mfpu=neon)
$(call flavour, aarch64, arm, aarch64-linux-gnu-gcc, -march=armv8-a, -mgeneral-regs-only,)
