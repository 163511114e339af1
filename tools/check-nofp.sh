#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Prove that the runner's C code never touches FP or vector registers:
# the signal handler's C runs between the stub's live capture and the
# interrupted code, so any FP use there would corrupt the state compared.
# The same holds for zlib, which the trace writer calls from the handler.
# What FP code looks like is the architecture's to say: each
# arch/<family>/rules.mk gives, per flavour, the disassembler's comment
# leader and an extended regex over "MNEMONIC OPERANDS" lines (branch
# targets and comments removed) that matches any FP/vector instruction.
# Usage: check-nofp.sh OBJDUMP COMMENT REGEX OBJ...
set -e
if [ $# -lt 4 ] || [ -z "$2" ] || [ -z "$3" ]; then
    echo "usage: check-nofp.sh OBJDUMP COMMENT REGEX OBJ..." >&2
    exit 2
fi
objdump=$1 comment=$2 re=$3
shift 3
# Disassemble first so that an objdump failure fails the check.
dis=$("$objdump" -d "$@")
bad=$(printf '%s\n' "$dis" | awk -F'\t' 'NF >= 3 { print $3 " " $4 }' |
      sed -E 's/[0-9a-f]+ <[^>]*>//' |
      awk -v c="$comment" '{ i = index($0, c)
                             print i ? substr($0, 1, i - 1) : $0 }' |
      grep -E -- "$re" || true)
if [ -n "$bad" ]; then
    echo "check-nofp: FP/SIMD instructions in runner C code:" >&2
    echo "$bad" | head -20 >&2
    exit 1
fi
