#!/bin/sh
# Prove that the runner's C code never touches FP or MSA registers: the
# signal handler's C runs between the stub's live capture and the
# interrupted code, so any FP use there would corrupt the state compared.
# Usage: check-nofp.sh OBJDUMP OBJ...
set -e
objdump=$1
shift
bad=$("$objdump" -d "$@" | grep -E '\$f[0-9]|\$w[0-9]|[[:space:]](cfc1|ctc1|mfc1|mtc1|dmfc1|dmtc1|mfhc1|mthc1|cfcmsa|ctcmsa)[[:space:]]' || true)
if [ -n "$bad" ]; then
    echo "check-nofp: FP/MSA instructions in runner C code:" >&2
    echo "$bad" | head -20 >&2
    exit 1
fi
