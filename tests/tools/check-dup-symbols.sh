#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Every host object that may be linked into one program (decode library,
# utility layer, generator, risu-trace, arch host faces, format library)
# defines each global symbol once, so any of them can be linked
# together.  Usage: check-dup-symbols.sh OBJECT...  (program mains left
# out by the caller).  Weak symbols may repeat by design.
set -eu
[ $# -gt 0 ] || { echo "check-dup-symbols: no objects given" >&2; exit 2; }
NM=${NM:-nm}
list=$(for o in $(printf '%s\n' "$@" | sort -u); do
    "$NM" -g --defined-only "$o" |
        awk -v o="$o" 'NF == 3 && $2 !~ /^[wWvV]$/ { print $3, o }'
done)
dups=$(printf '%s\n' "$list" | awk '{ n[$1]++; f[$1] = f[$1] " " $2 }
    END { for (s in n) if (n[s] > 1) print s ":" f[s] }' | sort)
if [ -n "$dups" ]; then
    echo "check-dup-symbols: global symbols defined more than once:" >&2
    printf '%s\n' "$dups" | sed 's/^/  /' >&2
    exit 1
fi
echo "check-dup-symbols: $(printf '%s\n' "$list" | wc -l) global symbols" \
     "in $(printf '%s\n' "$@" | sort -u | wc -l) objects, none defined twice"
