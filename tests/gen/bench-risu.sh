#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# bench-risu: Linaro RISU files as risugen input.  Per file: patterns
# translated (decode/risufile.c) and generated with no flag, set-up time,
# generator throughput; and, in the same run, Linaro's Perl risugen on the
# same file.  Neither RISU's files nor its risugen are part of this tree:
#   RISU_CORPUS  directory holding aarch64.risu, arm.risu, thumb.risu (and
#                any other *.risu: translation figures only)
#   RISU_PERL    directory holding Linaro's risugen (Perl) and its modules
# Throughputs are CPU time (user + system), which a loaded machine
# disturbs less than wall time.
# Usage: bench-risu.sh RISUGEN RISU2DECODE WORKDIR
set -eu
GEN=$1
R2D=$2
W=$3
mkdir -p "$W"
N=${RISU_BENCH_N:-1000000}
PN=${RISU_BENCH_PERL_N:-20000}

if [ -z "${RISU_CORPUS:-}" ] || [ ! -d "$RISU_CORPUS" ]; then
    echo "bench-risu: RISU_CORPUS not set (a directory of Linaro .risu" \
         "files): skipped"
    exit 0
fi

TIME=/usr/bin/time

for f in "$RISU_CORPUS"/*.risu; do
    b=$(basename "$f" .risu)
    sum=$("$R2D" "$f" 2>&1 >/dev/null | tail -1 | sed 's/^[^:]*: //')
    echo "bench-risu: $b: $sum"
done

for b in aarch64 arm thumb; do
    f=$RISU_CORPUS/$b.risu
    [ -f "$f" ] || continue
    # Every pattern, no flag: an unsatisfiable one would stop risugen.
    if "$GEN" --stats -n "$N" -s 1 -o "$W/out.bin" "$f" >/dev/null \
            2>"$W/stats"; then
        st=$(tail -1 "$W/stats" | sed 's/^risugen: //')
        gen=$(sed -n 's/.*total CPU \([0-9.]*\) s = \([0-9]*\) insns.*/\2/p' \
              "$W/stats" | tail -1)
        used=$("$GEN" -n 200000 -s 2 --dry-run "$f" 2>/dev/null |
               awk '$3 ~ /_/ && $3 !~ /^(OPTRAP|CHECKPOINT)$/ { print $3 }' |
               sort -u | wc -l)
        echo "bench-risu: $b: $st; $used patterns seen in 200k"
    else
        echo "bench-risu: $b: risugen failed: $(tail -3 "$W/stats")"
        continue
    fi
    if [ -n "${RISU_PERL:-}" ] && [ -x "$RISU_PERL/risugen" ]; then
        if [ ! -x "$TIME" ]; then
            echo "bench-risu: no $TIME: no Perl comparison"
        elif "$TIME" -f '%U %S' -o "$W/perl.time" perl "$RISU_PERL/risugen" \
                --numinsns "$PN" "$f" "$W/perl.bin" >/dev/null 2>&1; then
            awk -v n="$PN" -v g="$gen" -v f="$b" '
                { c = $1 + $2; p = (c > 0) ? n / c : 0; r = (p > 0) ? g / p : 0
                  printf("bench-risu: %s: Perl risugen %d insns in %.2f s " \
                         "CPU = %.0f insns/s; risugen-dt %.0fx\n", f, n, c,
                         p, r) }' "$W/perl.time"
        else
            echo "bench-risu: $b: Perl risugen failed"
        fi
    fi
done
[ -n "${RISU_PERL:-}" ] || echo "bench-risu: RISU_PERL not set: no Perl comparison"
rm -f "$W/out.bin" "$W/perl.bin"
