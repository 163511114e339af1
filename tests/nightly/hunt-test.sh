#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# risu-hunt campaigns between CPU models that really differ under
# Debian's QEMU 7.2 (docs/hunt.md "Tests"), each with a fixed scope,
# seed and unit count so the clusters are exactly known:
#
#   5Kf vs VR5432, LWXC1|MADD_S|ADD_S   the VR5432 has no COP1X: LWXC1 and
#                                       MADD_S raise SIGILL there (MADD_S in
#                                       4 register-class variants: fd and/or
#                                       FCSR, or neither, keep their value
#                                       when skipped); ADD_S never diverges
#   5Kf vs 5KEf, CTC1|CFC1|ADD_D        FCSR writes: the 5Kf takes SIGFPE
#                                       for cause bits it lets ctc1 set
#                                       (si_code 3, 5, 7), the 5KEf masks
#                                       them (FCSR differs); cfc1 $0 reads
#                                       FIR, which differs
#   24Kf vs 24Kf + RISU_INJECT=20:f2:3  one FP register flipped at
#                                       checkpoint 20: one cluster, ADD_D fpr
#
# plus every consequence folded (no "dirty" cluster), each cluster shrunk
# and verified on both sides (the injected fault: shrunk, and the
# standalone reproducer rightly does not show it), known-issues file,
# resume, GNU parallel, default scope, and exit statuses.
set -u
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
H=$ROOT/tools/risu-hunt
FPU=$ROOT/arch/mips/fpu.decode
T=$(mktemp -d /tmp/risu-hunt-test.XXXXXX)
trap '[ -n "${HUNT_KEEP:-}" ] && echo "kept $T" || rm -rf "$T"' EXIT
export BUILD
PASS=0 FAIL=0
ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }
expect() {
    local want=$1 what=$2
    shift 2
    "$@" > "$T/out" 2>&1
    local got=$?
    if [ "$got" = "$want" ]; then ok; else
        bad "$what: exit $got, want $want"; sed 's/^/    /' "$T/out" | tail -25
    fi
}
grep_out() {
    if grep -q -- "$1" "$T/out"; then ok; else
        bad "$2: output lacks '$1'"; sed 's/^/    /' "$T/out" | tail -20
    fi
}
# jcheck FILE WHAT PYEXPR: PYEXPR (d = the JSON document) is true
jcheck() {
    if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($3) else 1)" "$1"; then
        ok
    else
        bad "$2"; python3 -c "
import json,sys; d=json.load(open(sys.argv[1]))
print('    figures', d['figures'])
for c in d['clusters']: print('   ', c['key'], c['count'], c['folded'], c['shrink']['status'], c['shrink']['verified'])" "$1"
    fi
}
have_qemu() { command -v "$1" > /dev/null && [ -x "$BUILD/$2" ]; }
# Edge classes only where a case asks for them: their words depend on
# the whole space list, which grows with the pattern files.
COMMON=(-n 300 --units 4 -j 2 --seed 1 --budget 100s --quiet --edge-classes none)

if have_qemu qemu-mips64el risu-mips64el; then
    # ---- 5Kf vs VR5432 ----
    expect 1 "VR5432 campaign" "$H" --ref 'qemu-mips64el -cpu 5Kf' \
        --impl 'qemu-mips64el -cpu VR5432' --files "$FPU" \
        --risugen-args "--pattern 'LWXC1|MADD_S|ADD_S'" --state "$T/vr" "${COMMON[@]}"
    grep_out "5 clusters (5 new, 0 known) in 2 families" "VR5432 summary"
    grep_out "report: $T/vr/report.html" "VR5432 report path"
    V=$T/vr/hunt.json
    jcheck "$V" "VR5432 clusters" "sorted(c['key'] for c in d['clusters']) == [
        'LWXC1;fpr;none;SIGILL/128;clean', 'MADD_S;-;none;SIGILL/128;clean',
        'MADD_S;ctrl+fpr;none;SIGILL/128;clean', 'MADD_S;ctrl;none;SIGILL/128;clean',
        'MADD_S;fpr;none;SIGILL/128;clean']"
    jcheck "$V" "VR5432 every cluster shrunk and verified" \
        "all(c['shrink']['status'] == 'ok' and c['shrink']['verified'] is True for c in d['clusters'])"
    jcheck "$V" "VR5432 consequences folded" \
        "d['figures']['folded'] > 0 and sum(c['count'] + c['folded'] for c in d['clusters']) == d['figures']['divergences'] and d['figures']['shrink'] == {'attempted': 5, 'ok': 5, 'verified': 5, 'verified_impl_side': 0}"
    jcheck "$V" "VR5432 reproducers kept" \
        "all(__import__('os').path.isfile('$T/vr/' + c['shrink']['files']['repro']) and c['shrink']['files'].get('readme') for c in d['clusters'])"
    if grep -q "<td>LWXC1</td>" "$T/vr/report.html" && grep -q "repro.c" "$T/vr/report.html"; then
        ok; else bad "VR5432 html report"; fi

    # known issues: all of them known -> exit 0 (resumed: nothing rerun)
    printf '*XC1;*;none;SIGILL/128;clean  # VR5432: no COP1X\nMADD_S;*\n' > "$T/known"
    expect 0 "VR5432 all known" "$H" --ref 'qemu-mips64el -cpu 5Kf' \
        --impl 'qemu-mips64el -cpu VR5432' --files "$FPU" \
        --risugen-args "--pattern 'LWXC1|MADD_S|ADD_S'" --state "$T/vr" \
        --known "$T/known" "${COMMON[@]}"
    grep_out "5 clusters (0 new, 5 known)" "known summary"
    jcheck "$V" "known note" "[c['known']['note'] for c in d['clusters'] if c['key'].startswith('LWXC1')] == ['VR5432: no COP1X'] and d['figures']['units'] == 4"
    printf 'MADD_S;*\n' > "$T/known"
    expect 1 "VR5432 partly known" "$H" --ref 'qemu-mips64el -cpu 5Kf' \
        --impl 'qemu-mips64el -cpu VR5432' --files "$FPU" \
        --risugen-args "--pattern 'LWXC1|MADD_S|ADD_S'" --state "$T/vr" \
        --known "$T/known" "${COMMON[@]}"
    grep_out "5 clusters (1 new, 4 known)" "partly known summary"
    printf 'MADD_S;* foo\n' > "$T/known"
    expect 2 "bad known file" "$H" --ref 'qemu-mips64el -cpu 5Kf' \
        --impl 'qemu-mips64el -cpu VR5432' --known "$T/known" --state "$T/vr"
    grep_out "known:1: unexpected 'foo'" "known file error names file:line"

    # ---- golden traces as the reference: the same 4 images, the same
    # clusters; shrinking can check only the implementation's side ----
    for u in "$T"/vr/units/*/; do
        mkdir -p "$T/gold/$(basename "$u")"
        cp "$u/image.bin" "$T/gold/$(basename "$u")/image.bin"
        cp "$u/ref.trace" "$T/gold/$(basename "$u")/golden.trace"
    done
    expect 1 "golden campaign" "$H" --ref "golden:$T/gold" \
        --impl 'qemu-mips64el -cpu VR5432' --state "$T/gc" -j 2 --budget 100s --quiet
    jcheck "$T/gc/hunt.json" "golden: same clusters, verified on the implementation side" \
        "sorted(c['key'] for c in d['clusters']) == sorted(c['key'] for c in json.load(open('$V'))['clusters']) and d['figures']['units'] == 4 and d['figures']['shrink']['verified'] == 0 and d['figures']['shrink']['verified_impl_side'] == 5"

    # ---- 5Kf vs 5KEf ----
    expect 1 "5KEf campaign" "$H" --ref 'qemu-mips64el -cpu 5Kf' \
        --impl 'qemu-mips64el -cpu 5KEf' --files "$FPU" \
        --risugen-args "--pattern 'CTC1|CFC1|ADD_D'" --state "$T/ke" "${COMMON[@]}"
    jcheck "$T/ke/hunt.json" "5KEf clusters" "sorted(c['key'] for c in d['clusters']) == [
        'CFC1;gpr;none;none;clean', 'CTC1;ctrl;SIGFPE/3;none;clean',
        'CTC1;ctrl;SIGFPE/5;none;clean', 'CTC1;ctrl;SIGFPE/7;none;clean',
        'CTC1;ctrl;none;none;clean']"
    jcheck "$T/ke/hunt.json" "5KEf every cluster shrunk and verified" \
        "all(c['shrink']['status'] == 'ok' and c['shrink']['verified'] is True for c in d['clusters']) and d['figures']['folded'] > 0"

    # ---- two implementations in one campaign: clusters per implementation
    # (the VR5432 lacks LWXC1, the 5KEf masks FCSR writes; neither shows
    # the other's difference) ----
    expect 1 "two implementations" "$H" --ref 'qemu-mips64el -cpu 5Kf' \
        --impl 'qemu-mips64el -cpu VR5432' --impl 'qemu-mips64el -cpu 5KEf' \
        --files "$FPU" --risugen-args "--pattern 'LWXC1|CTC1'" -n 300 --units 2 \
        -j 2 --seed 1 --budget 60s --quiet --no-shrink --edge-classes none \
        --state "$T/two"
    jcheck "$T/two/hunt.json" "two implementations: own clusters" \
        "sorted({(c['impl'], c['signature']['pattern']) for c in d['clusters']}) == [('qemu-mips64el-5KEf', 'CTC1'), ('qemu-mips64el-VR5432', 'LWXC1')]"

    # ---- edge classes, when this risugen has --edge ----
    if "$BUILD/risugen" --help 2>&1 | grep -q -- '--edge' &&
       [ -f "$ROOT/arch/mips/space-mips64el.list" ]; then
        expect 1 "edge campaign" "$H" --ref 'qemu-mips64el -cpu 5Kf' \
            --impl 'qemu-mips64el -cpu 5KEf' --files "$ROOT/arch/mips/base.decode" \
            --risugen-args "--pattern 'ADDU|DEXT*|DINS*|WSBH|SEB|SEH'" \
            --edge-classes absent -n 500 --units 6 -j 2 --seed 1 --budget 100s \
            --quiet --no-shrink --state "$T/edge"
        # words of R2 patterns the 5Kf (MIPS64 R1) lacks: SIGILL there only
        jcheck "$T/edge/hunt.json" "edge: absent/ clusters, SIGILL on the 5Kf" \
            "[a['arm'] for a in d['scope']['arms']] == ['base', 'base.edge-absent'] and any(c['key'].startswith('absent/') for c in d['clusters']) and all(c['signature']['signal_a'] == 'SIGILL/128' and c['signature']['signal_b'] == 'none' for c in d['clusters'] if c['key'].startswith('absent/'))"
    else
        echo "hunt-test: SKIP edge classes (no risugen --edge or no arch/mips/space-mips64el.list yet)"
    fi

    # ---- default scope: the arch's default list, vendor sets dropped ----
    expect 1 "default scope" "$H" --ref 'qemu-mips64el -cpu 5Kf' \
        --impl 'qemu-mips64el -cpu VR5432' -n 200 --units 2 -j 2 --no-shrink \
        --state "$T/def" --budget 60s --quiet
    jcheck "$T/def/hunt.json" "default scope arms" \
        "sorted(a['arm'] for a in d['scope']['arms'] if '.edge-' not in a['arm']) == ['base', 'fpu'] and sorted(x['arm'] for x in d['scope']['dropped'] if '.edge-' not in x['arm']) == ['dsp', 'dsp-r2', 'dsp64', 'loongson-ext', 'loongson-mmi', 'loongson2e', 'mips3d', 'msa', 'octeon', 'vr54xx'] and d['figures']['units'] == 2"
    expect 2 "another campaign in the same state" "$H" --ref 'qemu-mips64el -cpu 5Kf' \
        --impl 'qemu-mips64el -cpu 5KEf' --state "$T/def" --budget 10s
    grep_out "holds another campaign" "state mismatch message"
else
    echo "hunt-test: SKIP 5Kf campaigns (no qemu-mips64el or $BUILD/risu-mips64el)"
fi

if have_qemu qemu-mipsel risu-mipsel; then
    # ---- 24Kf vs 24Kf with an injected FP register fault ----
    INJ='env RISU_INJECT=20:f2:3 qemu-mipsel -cpu 24Kf'
    expect 1 "inject campaign" "$H" --ref 'qemu-mipsel -cpu 24Kf' --impl "$INJ" \
        --files "$FPU" --risugen-args "--pattern ADD_D" --state "$T/inj" "${COMMON[@]}"
    jcheck "$T/inj/hunt.json" "inject: one cluster, one divergence per unit" \
        "[(c['key'], c['count'], c['folded'], c['units']) for c in d['clusters']] == [('ADD_D;fpr;none;none;clean', 4, 0, 4)] and d['clusters'][0]['example']['registers'][0]['name'] == 'f2'"
    # bound to a checkpoint number, not to instructions: shrink keeps the
    # cut, and the standalone program rightly does not show it
    python3 - "$T/inj/hunt.json" <<'EOF' && ok || bad "inject shrink: $(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['clusters'][0]['shrink'])" "$T/inj/hunt.json")"
import json, sys
c = json.load(open(sys.argv[1]))["clusters"][0]
s = c["shrink"]
sys.exit(0 if s["status"] == "ok" and s["verified"] is False and
         "NOT reproduced" in s["verdict"] else 1)
EOF
    # the per-tag bars as Chromium lays them out: hunt.json's sums, the
    # one flipped register per unit drawn as 4 divergences of its tags
    bash "$ROOT/tests/nightly/svg-render.sh" "$T/inj/report.html" \
        ${NIGHTLY_SCREENSHOT:+"${NIGHTLY_SCREENSHOT%.png}-hunt.png"} > "$T/svg" 2>&1
    case $? in
    0) python3 - "$T/inj/hunt.json" "$T/svg" <<'EOF' && ok || bad "hunt bars: $(cat "$T/svg")"
import json, sys
cov = json.load(open(sys.argv[1]))["coverage"]
(impl, tags), = cov.items()
marks = [l.split() for l in open(sys.argv[2]) if l.startswith("mark cov-bars ")]
names = ["generated", "executed", "diverged"]
bad = [m for m in marks if tags[m[3]][names.index(m[2].split(".")[1])] != int(m[4])
       or float(m[6]) <= 0 or (int(m[4]) > 0) != (float(m[5]) > 0)]
div = max(v[2] for v in tags.values())
print("hunt bars: %d tags, %d bars, largest divergence count %d" % (len(tags), len(marks), div))
sys.exit(0 if tags and len(marks) == 3 * len(tags) and not bad and div == 4 else 1)
EOF
    ;;
    77) echo "SKIP: hunt bars (no chromium)" ;;
    *) bad "svg-render hunt: $(cat "$T/svg")" ;;
    esac
    # resume: 2 more units, the first 4 are not run again
    stat -c %Y "$T"/inj/units/*/unit.json > "$T/mt1"
    expect 1 "inject resume" "$H" --ref 'qemu-mipsel -cpu 24Kf' --impl "$INJ" \
        --files "$FPU" --risugen-args "--pattern ADD_D" --state "$T/inj" \
        -n 300 --units 6 -j 2 --seed 1 --budget 100s --quiet
    ls "$T"/inj/units/fpu.s[1-4]/unit.json | xargs stat -c %Y > "$T/mt2"
    if cmp -s "$T/mt1" "$T/mt2"; then ok; else bad "resume reran units"; fi
    jcheck "$T/inj/hunt.json" "resume: 6 units, one cluster" \
        "d['figures']['units'] == 6 and d['clusters'][0]['count'] == 6"
    # GNU parallel on this host (':' is the local machine)
    if command -v parallel > /dev/null; then
        echo ":" > "$T/hosts"
        expect 1 "inject over GNU parallel" "$H" --ref 'qemu-mipsel -cpu 24Kf' \
            --impl "$INJ" --files "$FPU" --risugen-args "--pattern ADD_D" \
            --state "$T/par" --sshloginfile "$T/hosts" --no-shrink "${COMMON[@]}"
        jcheck "$T/par/hunt.json" "parallel: same cluster" \
            "[(c['key'], c['count']) for c in d['clusters']] == [('ADD_D;fpr;none;none;clean', 4)]"
    fi
    # no divergence at all: exit 0
    expect 0 "24Kf vs itself" "$H" --ref 'qemu-mipsel -cpu 24Kf' \
        --impl 'qemu-mipsel -cpu 24Kf' --files "$FPU" --risugen-args "--pattern ADD_D" \
        --state "$T/same" "${COMMON[@]}"
    grep_out "^0 clusters" "no cluster summary"
fi

# ---- infrastructure errors: exit 2 ----
expect 2 "unknown emulator" "$H" --ref 'qemu-mipsel -cpu 24Kf' \
    --impl 'qemu-nonesuch -cpu X' --arch mipsel --state "$T/e1" --budget 5s
grep_out "emulator qemu-nonesuch not found" "unknown emulator message"
expect 2 "bad ref syntax" "$H" --ref 'qemu-mipsel 24Kf' --impl 'qemu-mipsel -cpu 24Kf'
grep_out "expected 'EMULATOR -cpu MODEL" "bad ref message"
expect 2 "bad budget" "$H" --ref 'qemu-mipsel -cpu 24Kf' --impl 'qemu-mipsel -cpu 24Kf' --budget 3x
if [ -x "$BUILD/risu-aarch64" ] && [ ! -f "$ROOT/arch/arm/default-aarch64.list" ]; then
    expect 2 "arch without default set" "$H" --ref 'qemu-aarch64 -cpu max' \
        --impl 'qemu-aarch64 -cpu cortex-a57' --state "$T/e2" --budget 5s
    grep_out "no default pattern set yet" "no default set message"
fi
# a reference that cannot run the images: every unit fails -> 2
if have_qemu qemu-mipsel risu-mipsel; then
    expect 2 "broken reference" "$H" --ref 'qemu-mipsel -cpu 24Kf -nonesuch' \
        --impl 'qemu-mipsel -cpu 24Kf' --files "$FPU" --risugen-args "--pattern ADD_D" \
        --state "$T/e3" "${COMMON[@]}"
    grep_out "reference exit" "broken reference message"
fi

echo "hunt-test: $PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
