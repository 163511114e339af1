#!/bin/sh
# Prove that the runner's C code never touches FP or MSA registers: the
# signal handler's C runs between the stub's live capture and the
# interrupted code, so any FP use there would corrupt the state compared.
# The same holds for zlib, which the trace writer calls from the handler.
# ARM objects (the objdump's name says which) are checked for VFP/Neon/SVE
# registers: they are compiled -mgeneral-regs-only, and this keeps it so.
# Usage: check-nofp.sh OBJDUMP OBJ...
set -e
objdump=$1
shift
case $(basename "$objdump") in
aarch64*)
    # Operands only, without branch targets ("b.ne 1d8 <f+0x4>").
    bad=$("$objdump" -d "$@" | awk -F'\t' 'NF >= 3 { print $3 " " $4 }' |
          sed -E 's/[0-9a-f]+ <[^>]*>//; s|//.*||' |
          grep -E '(^|[ ,[{])([bhsdqvz][0-9]+([. ,}]|$)|p[0-9]+/)|^(fmov|fcvt|scvtf|ucvtf|movi) |(fpcr|fpsr|zcr_el1)' ||
          true) ;;
arm*)
    bad=$("$objdump" -d "$@" | awk -F'\t' 'NF >= 3 { print $3 " " $4 }' |
          sed -E 's/[0-9a-f]+ <[^>]*>//; s|@.*||' |
          grep -E '^v|(^|[ ,{])[sdq][0-9]+([ ,}-]|$)|fpscr|fpexc' || true) ;;
*)
    bad=$("$objdump" -d "$@" | grep -E '\$f[0-9]|\$w[0-9]|[[:space:]](cfc1|ctc1|mfc1|mtc1|dmfc1|dmtc1|mfhc1|mthc1|cfcmsa|ctcmsa)[[:space:]]' || true) ;;
esac
if [ -n "$bad" ]; then
    echo "check-nofp: FP/SIMD instructions in runner C code:" >&2
    echo "$bad" | head -20 >&2
    exit 1
fi
