#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# check-tools: risu-trace show / show-image / diff / coverage / shrink on
# traces recorded by the real runners under qemu-user (little- and
# big-endian MIPS, MSA, AArch64, Thumb), on real divergences between
# QEMU CPU models and on injected faults, and on bad input.
#
# Environment: BUILD (build), RISU_TRACE, RISUGEN, RUNNER_DIR (where the
# risu-* runners are; default $BUILD), RISU_DT_DATADIR (pattern files).
# Sections whose emulator, runner or compiler is missing are skipped.
set -u
B=${BUILD:-build}
RT=${RISU_TRACE:-$B/risu-trace}
GEN=${RISUGEN:-$B/risugen}
R=${RUNNER_DIR:-$B}
A=${RISU_DT_DATADIR:-.}/arch
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
npass=0
nfail=0
nskip=0

ok() {
    npass=$((npass + 1))
}
bad() {
    echo "check-tools: FAIL: $*" >&2
    nfail=$((nfail + 1))
}
skip() {
    echo "check-tools: skip: $*" >&2
    nskip=$((nskip + 1))
}
have() {
    command -v "$1" >/dev/null 2>&1
}
# expect RC WHAT CMD...: run, compare the exit status
expect() {
    want=$1
    what=$2
    shift 2
    "$@" > "$T/out" 2> "$T/err"
    rc=$?
    if [ "$rc" = "$want" ]; then
        ok
        return 0
    fi
    bad "$what: exit $rc, want $want: $(head -c 600 "$T/err")"
    return 1
}
# jcheck FILE WHAT PYTHON-EXPR (d = the document; true = pass)
jcheck() {
    if python3 -c "import json,sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if ($3) else 1)" "$1" 2> "$T/jerr"; then
        ok
    else
        bad "$2: $(head -c 400 "$T/jerr") $(head -c 300 "$1")"
    fi
}
# grepq WHAT PATTERN FILE
grepq() {
    if grep -q -- "$2" "$3"; then
        ok
    else
        bad "$1: no '$2' in $(head -c 600 "$3")"
    fi
}
# grepno WHAT PATTERN FILE: FILE lacks PATTERN
grepno() {
    if grep -q -- "$2" "$3"; then
        bad "$1: '$2' in $(grep -m1 -- "$2" "$3")"
    else
        ok
    fi
}

have python3 || { echo "check-tools: python3 missing" >&2; exit 1; }
[ -x "$RT" ] || { echo "check-tools: no $RT" >&2; exit 1; }

# gen NAME RISUGEN-ARGS...: an image; a generator that fails is a
# failure here too (a skipped section must never look like a pass)
gen() {
    name=$1
    shift
    if ! "$GEN" "$@" -o "$T/$name.bin" > "$T/gen.out" 2>&1; then
        bad "risugen $*: $(tail -c 300 "$T/gen.out")"
        return 1
    fi
}
# rec QEMU CPU RUNNER IMAGE TRACE [ENV...]
rec() {
    q=$1 cpu=$2 run=$3 img=$4 tr=$5
    shift 5
    env "$@" "$q" -cpu "$cpu" "$R/risu-$run" --master -t "$tr" "$img" \
        > "$T/rec.out" 2>&1 ||
        { bad "record $run -cpu $cpu: $(tail -c 300 "$T/rec.out")"; return 1; }
}
runner_ok() {
    have "$1" && [ -x "$R/risu-$2" ]
}

# ---------------------------------------------------------------- mipsel
if runner_ok qemu-mipsel mipsel && gen el --arch mipsel --cpu 24Kf -n 200 -s 11; then
    rec qemu-mipsel 24Kf mipsel "$T/el.bin" "$T/el-a.trace"
    rec qemu-mipsel 74Kf mipsel "$T/el.bin" "$T/el-b.trace"
    rec qemu-mipsel 74Kf mipsel "$T/el.bin" "$T/el-i.trace" RISU_INJECT=20:v0:3
    expect 0 "diff of equal traces" "$RT" diff --image "$T/el.bin" \
        "$T/el-a.trace" "$T/el-b.trace" && grepq "equal" "^no differences in 203 checkpoints" "$T/out"
    expect 1 "diff injected" "$RT" diff --image "$T/el.bin" "$T/el-a.trace" \
        "$T/el-i.trace"
    grepq "diff text" "divergence 1 at checkpoint 20" "$T/out"
    grepq "diff text reg" "^  v0 " "$T/out"
    "$RT" diff --json --keep-going --image "$T/el.bin" "$T/el-a.trace" \
        "$T/el-i.trace" > "$T/el.json"
    jcheck "$T/el.json" "injected json" \
        "d['schema'] == 'risu-trace-diff/1' and d['count'] == 1 and d['result'] == 'differ' and d['complete'] and d['divergences'][0]['checkpoint'] == 20 and [r['name'] for r in d['divergences'][0]['registers']] == ['v0'] and int(d['divergences'][0]['registers'][0]['a'], 16) ^ int(d['divergences'][0]['registers'][0]['b'], 16) == 8 and d['divergences'][0]['insn']['pattern'] is not None and len(d['divergences'][0]['preceding']) == 4"
    # The runner replaying A on the injected CPU names the same checkpoint.
    RISU_INJECT=20:v0:3 qemu-mipsel -cpu 74Kf "$R/risu-mipsel" \
        -t "$T/el-a.trace" "$T/el.bin" > "$T/replay.out" 2>&1
    grepq "runner agrees" "mismatch at checkpoint 20" "$T/replay.out"
    # Pattern files are found by SHA-256, never by name alone: a same-named
    # file with another digest is refused with a warning naming both
    # digests and the image table's names serve; a renamed copy with the
    # right digest is found.  (A copy of the tool outside the tree, so
    # that only --patterns and the image's directory are searched.)
    mkdir -p "$T/x/bin" "$T/x/pat"
    cp "$RT" "$T/x/bin/risu-trace"
    cp "${RISU_DT_DATADIR:-.}"/arch/mips/*.decode "$T/x/pat/"
    (cd "$T" && env -u RISU_DT_DATADIR x/bin/risu-trace diff --patterns x/pat --image el.bin \
        el-a.trace el-i.trace > out 2> err)
    grepno "matching files: no warning" "SHA-256" "$T/err"
    grepq "fields with the files" "\[[A-Z_0-9]* [a-z]*=" "$T/out"
    want=$(sha256sum < "$T/x/pat/fpu.decode" | cut -c1-64)
    echo "# changed" >> "$T/x/pat/fpu.decode"
    got=$(sha256sum < "$T/x/pat/fpu.decode" | cut -c1-64)
    (cd "$T" && env -u RISU_DT_DATADIR x/bin/risu-trace diff --patterns x/pat --image el.bin \
        el-a.trace el-i.trace > out 2> err)
    grepq "digest warning" "x/pat/fpu.decode: SHA-256 $got, but image el.bin names fpu.decode with SHA-256 $want: not used" "$T/err"
    grepq "table names, not the wrong file" "  \[[A-Z_0-9]*\]" "$T/out"
    grepno "no fields from the wrong file" "\[[A-Z_0-9]* [a-z]*=" "$T/out"
    (cd "$T" && env -u RISU_DT_DATADIR x/bin/risu-trace coverage \
        --patterns x/pat el.bin > out 2> err)
    grepq "coverage: no count against the wrong file" \
        "never generated: unknown" "$T/out"
    # The right content under another name, in a --patterns directory.
    mkdir -p "$T/x/other"
    head -n -1 "$T/x/pat/fpu.decode" > "$T/x/other/fpu-copy.decode"
    (cd "$T" && env -u RISU_DT_DATADIR x/bin/risu-trace diff --patterns x/other \
        --patterns x/pat --image el.bin el-a.trace el-i.trace > out 2> err)
    grepno "renamed file found by digest" "SHA-256" "$T/err"
    grepq "fields from the renamed file" "\[[A-Z_0-9]* [a-z]*=" "$T/out"
    (cd "$T" && env -u RISU_DT_DATADIR x/bin/risu-trace coverage \
        --patterns x/other --patterns x/pat el.bin > out 2> err)
    grepq "coverage with the renamed file" \
        "never generated: [0-9]* of [1-9][0-9]* selected" "$T/out"
    mv "$T/x/other/fpu-copy.decode" "$T/x/pat/fpu.decode"
    rm "$T/x/pat/base.decode"
    (cd "$T" && env -u RISU_DT_DATADIR x/bin/risu-trace diff --patterns x/pat --image el.bin \
        el-a.trace el-i.trace > out 2> err)
    grepq "missing pattern file" "pattern file base.decode (SHA-256 [0-9a-f]*, named by image el.bin) not found" "$T/err"
    grepq "table names without files" "  \[[A-Z_0-9]*\]" "$T/out"
    expect 0 "show with image" "$RT" show --image "$T/el.bin" "$T/el-a.trace"
    [ "$(grep -c '^#[0-9]* op 0 .*  \[' "$T/out")" -ge 150 ] && ok ||
        bad "show: too few records with pattern names"
    expect 0 "show-image" "$RT" show-image "$T/el.bin"
    grepq "show-image optrap" "OPTRAP SETADDR at" "$T/out"
    grepq "show-image data" "preamble data" "$T/out"
    "$RT" show-image --json "$T/el.bin" > "$T/img.json"
    jcheck "$T/img.json" "show-image json" \
        "len([w for w in d['words'] if w['kind'] == 'generated']) == d['generated'] == 200 and all(w['pattern'] for w in d['words'] if w['kind'] == 'generated')"
else
    skip "mipsel section"
fi

# ------------------------------------------------- mips (big-endian) on x86
if runner_ok qemu-mips mips && gen be --arch mips --cpu 24Kf -n 150 -s 5; then
    rec qemu-mips 24Kf mips "$T/be.bin" "$T/be-a.trace"
    rec qemu-mips 24Kf mips "$T/be.bin" "$T/be-i.trace" RISU_INJECT=30:t0:31
    "$RT" diff --json --image "$T/be.bin" "$T/be-a.trace" "$T/be-i.trace" \
        > "$T/be.json"
    jcheck "$T/be.json" "big-endian diff" \
        "d['a']['big_endian'] and d['a']['arch'] == 'mips' and d['divergences'][0]['checkpoint'] == 30 and d['divergences'][0]['registers'][0]['name'] == 't0'"
    expect 0 "big-endian show" "$RT" show --image "$T/be.bin" "$T/be-a.trace"
    # capstone in big-endian mode: records disassemble and decode.
    [ "$(grep -c '^#[0-9]* op [0-9] .*  [a-z][a-z0-9.]* .*  \[[A-Z]' "$T/out")" -ge 100 ] &&
        ok || bad "big-endian show: too few disassembled records"
    expect 0 "big-endian show-image" "$RT" show-image --json "$T/be.bin"
    mv "$T/out" "$T/beimg.json"
    jcheck "$T/beimg.json" "big-endian words" \
        "d['big_endian'] and sum(1 for w in d['words'] if w['kind'] == 'generated' and w['disasm']) >= 100"
    # the same image as ELF: .text and the risu-dt note
    if "$GEN" --arch mips --cpu 24Kf -n 150 -s 5 -o "$T/be.elf" > /dev/null 2>&1; then
        expect 0 "ELF show-image" "$RT" show-image --json "$T/be.elf"
        mv "$T/out" "$T/elf.json"
        jcheck "$T/elf.json" "ELF image" \
            "d['format'] == 'elf' and d['big_endian'] and len([w for w in d['words'] if w['kind'] == 'generated']) == d['generated'] == 150"
    fi
    expect 2 "mips trace vs mipsel image" "$RT" diff --image "$T/el.bin" \
        "$T/be-a.trace" "$T/be-i.trace"
    grepq "image mismatch message" "recorded from another image" "$T/err"
    expect 2 "mips vs mipsel traces" "$RT" diff "$T/be-a.trace" \
        "$T/el-a.trace"
    grepq "arch/image mismatch" "different images" "$T/err"
else
    skip "big-endian mips section"
fi

# ------------------------------- mips64el: real divergences between models
if runner_ok qemu-mips64el mips64el && gen m64 --arch mips64el --cpu 5Kf -n 400 -s 7; then
    rec qemu-mips64el 5Kf mips64el "$T/m64.bin" "$T/m64-5kf.trace"
    rec qemu-mips64el VR5432 mips64el "$T/m64.bin" "$T/m64-vr.trace"
    expect 1 "5Kf vs VR5432" "$RT" diff --json --keep-going --image \
        "$T/m64.bin" "$T/m64-5kf.trace" "$T/m64-vr.trace"
    mv "$T/out" "$T/m64.json"
    qemu-mips64el -cpu VR5432 "$R/risu-mips64el" -t "$T/m64-5kf.trace" \
        "$T/m64.bin" > "$T/replay.out" 2>&1
    first=$(sed -n 's/^mismatch at checkpoint \([0-9]*\):.*/\1/p' "$T/replay.out" | head -1)
    jcheck "$T/m64.json" "first divergence = runner's ($first)" \
        "d['divergences'][0]['checkpoint'] == ${first:-0-1} and d['count_equal_operands'] <= d['count']"
    jcheck "$T/m64.json" "SIGILL named" \
        "any(x['signal']['b'] and x['signal']['b']['name'] == 'SIGILL' and x['signal']['a'] is None for x in d['divergences'])"
    jcheck "$T/m64.json" "FP values shown" \
        "any('float' in r for x in d['divergences'] for r in x['registers'])"
    # coverage over the image and both traces
    expect 0 "coverage" "$RT" coverage --json "$T/m64.bin" \
        "$T/m64-5kf.trace" "$T/m64-vr.trace"
    mv "$T/out" "$T/cov.json"
    jcheck "$T/cov.json" "coverage counts" \
        "sum(p['generated'] for p in d['patterns']) == 400 and sum(p['executed'] for p in d['patterns']) >= 2 * 400 and sum(p['diverged'] for p in d['patterns']) > 0 and any('SIGILL' in p['signals'] for p in d['patterns']) and any(t['tag'] == 'fpu' for t in d['tags']) and d['traces'][1]['role'] == 'compared'"
    expect 0 "coverage text" "$RT" coverage "$T/m64.bin" "$T/m64-5kf.trace"
    grepq "coverage table" "^never generated: " "$T/out"
    expect 2 "coverage without the image" "$RT" coverage "$T/el.bin" \
        "$T/m64-5kf.trace"
    grepq "coverage missing image" "was not given" "$T/err"

    # shrink the real divergence, then build and run the reproducer
    expect 0 "shrink 5Kf vs VR5432" "$RT" shrink --json --image "$T/m64.bin" \
        --repro "$T/sh1" -o "$T/sh1.bin" \
        --ref-cmd "qemu-mips64el -cpu 5Kf $R/risu-mips64el --master -t {trace} {image}" \
        --test-cmd "qemu-mips64el -cpu VR5432 $R/risu-mips64el --master -t {trace} {image}"
    mv "$T/out" "$T/sh1.json"
    jcheck "$T/sh1.json" "shrink result" \
        "d['checkpoints_after'] <= 6 and d['code_bytes_after'] < d['code_bytes_before'] and d['compacted']"
    if have mips64el-linux-gnuabi64-gcc; then
        jcheck "$T/sh1.json" "reproducer verified" "d['verified'] is True"
    fi
    [ -s "$T/sh1.bin" ] && ok || bad "shrink -o: no image"
    qemu-mips64el -cpu 5Kf "$R/risu-mips64el" --master -t "$T/sh1-a.trace" "$T/sh1.bin" 2>/dev/null
    qemu-mips64el -cpu VR5432 "$R/risu-mips64el" --master -t "$T/sh1-b.trace" "$T/sh1.bin" 2>/dev/null
    expect 1 "shrunk image still diverges" "$RT" diff "$T/sh1-a.trace" \
        "$T/sh1-b.trace"
    # traces only: nothing rerun, reproducer from the full state
    expect 0 "shrink from traces" "$RT" shrink --json --image "$T/m64.bin" \
        --repro "$T/sh2" --ref "$T/m64-5kf.trace" --test "$T/m64-vr.trace"
    mv "$T/out" "$T/sh2.json"
    jcheck "$T/sh2.json" "trace-only shrink" \
        "d['verified'] is None and d['reproducer'].endswith('repro.c')"
    # nightly form: golden trace, implementation command after --
    expect 0 "shrink --ref TRACE -- CMD" "$RT" shrink --image "$T/m64.bin" \
        --repro "$T/sh3" --ref "$T/m64-5kf.trace" -- qemu-mips64el -cpu VR5432 \
        "$R/risu-mips64el"
    [ -s "$T/sh3/shrunk.bin" ] && ok || bad "nightly-form shrink: no image"
    # The golden trace describes the original image: shrink keeps the
    # checkpoints the cut image shares with it as a trace of the cut
    # image, so the diff and the counts are those of the cut image.
    mv "$T/out" "$T/sh3.out"
    grepq "nightly-form diff" "divergence 1 at checkpoint" "$T/sh3/diff.txt"
    expect 0 "nightly-form cut test trace" "$RT" verify \
        "$T/sh3/shrunk-test.trace"
    n3=$(sed -n 's/.*: ok, \([0-9]*\) records,.*/\1/p' "$T/out")
    grepq "nightly-form count" "^shrunk image: .* (${n3:-none} checkpoints," \
        "$T/sh3.out"
    expect 0 "nightly-form cut ref trace" "$RT" verify \
        "$T/sh3/shrunk-ref.trace"
    expect 1 "nightly-form traces diff" "$RT" diff --image "$T/sh3/shrunk.bin" \
        "$T/sh3/shrunk-ref.trace" "$T/sh3/shrunk-test.trace"
else
    skip "mips64el section"
fi

# ------------------------------------------------ shrink an injected fault
if [ -f "$T/el.bin" ]; then
    expect 0 "shrink injected" "$RT" shrink --json --image "$T/el.bin" \
        --repro "$T/sh4" \
        --ref-cmd "qemu-mipsel -cpu 24Kf $R/risu-mipsel --master -t {trace} {image}" \
        --test-cmd "RISU_INJECT=20:v0:3 qemu-mipsel -cpu 74Kf $R/risu-mipsel --master -t {trace} {image}"
    mv "$T/out" "$T/sh4.json"
    # Index-bound: cannot compact, every other unit becomes NOPs.
    jcheck "$T/sh4.json" "injected shrink" \
        "d['checkpoint'] == 20 and d['units_kept'] == 0 and not d['compacted'] and d['verified'] in (False, None)"
    grepq "shrunk diff" "divergence 1 at checkpoint 20" "$T/sh4/diff.txt"
    expect 2 "shrink without a divergence" "$RT" shrink --image "$T/el.bin" \
        --repro "$T/sh5" --ref "$T/el-a.trace" --test "$T/el-b.trace"
    grepq "nothing to shrink" "nothing to shrink" "$T/err"
fi

# ------------------------------------------- shrink keeps branch groups
# A branch (set-up through its join checkpoint) and its slot members are
# one unit: the injected divergence sits between a branch and its join,
# so the shrunk image must end after the join, keep each kept branch's
# members, and replay without leaving the image.  No reproducer: its
# code holds a branch, which the message names.
# brgroups NAME: the join of every kept branch is a checkpoint inside
# the image, and every slot= member's branch is kept
brgroups() {
    "$RT" show-image --json "$T/$1/shrunk.bin" > "$T/$1/img.json" &&
    python3 - "$T/$1/shrunk.bin" "$T/$1/img.json" > "$T/bgerr" 2>&1 <<'PY'
import json, re, sys
raw = open(sys.argv[1], 'rb').read()
img = json.load(open(sys.argv[2]))
kind = {w['offset']: w['kind'] for w in img['words']}
lines = re.findall(rb'\n([0-9a-f]+) \w+((?: [a-z]+=[0-9a-f/]+)*)', raw)
joins, owners = {}, set()
for off, attrs in lines:
    a = dict(x.split(b'=') for x in attrs.split())
    if b'join' in a:
        joins[int(off, 16)] = int(a[b'join'], 16)
    if b'slot' in a:
        owners.add(int(a[b'slot'], 16))
assert joins, 'no branch kept'
for b, j in joins.items():
    assert j < img['code_bytes'] and kind.get(j) == 'checkpoint', \
        'branch at %#x: join %#x is not a checkpoint in the image' % (b, j)
for o in owners:
    assert o in joins, 'slot member of %#x without its branch' % o
PY
    [ $? = 0 ] && ok || bad "$1: groups broken: $(head -c 300 "$T/bgerr")"
}
# shrink_br NAME IMAGE K REG QEMU CPU RUNNER
shrink_br() {
    n=$1 img=$2 k=$3 reg=$4 q=$5 cpu=$6 run=$7
    expect 0 "shrink $n" "$RT" shrink --json --image "$img" \
        --repro "$T/$n" \
        --ref-cmd "$q -cpu $cpu $R/risu-$run --master -t {trace} {image}" \
        --test-cmd "RISU_INJECT=$k:$reg:2 $q -cpu $cpu $R/risu-$run --master -t {trace} {image}" ||
        return 0
    mv "$T/out" "$T/$n.json"
    # units merge into groups: fewer ddmin items than units before K
    jcheck "$T/$n.json" "$n shrink result" \
        "d['checkpoint'] == $k and d['units_kept'] == 0 and 0 < d['units_before'] < $k - 1 and d['reproducer'] is None and d['code_bytes_after'] < d['code_bytes_before']"
    grepq "$n: extended cut" "image ends after its join checkpoint" "$T/err"
    grepq "$n: no reproducer" "no reproducer: its code holds the branch" "$T/err"
    grepq "$n: shrunk diff" "divergence 1 at checkpoint $k" "$T/$n/diff.txt"
    brgroups "$n"
    "$q" -cpu "$cpu" "$R/risu-$run" --master -t "$T/$n/replay.trace" \
        "$T/$n/shrunk.bin" > "$T/$n/replay.out" 2>&1 &&
        ! grep -q "outside the image\|escape" "$T/$n/replay.out" && ok ||
        bad "$n: replay: $(head -c 300 "$T/$n/replay.out")"
}
if runner_ok qemu-mipsel mipsel &&
        gen elbr --arch mipsel --cpu 24Kf --group branch -n 40 -s 5; then
    # checkpoint 16: the not-taken path of BLTZAL (join: checkpoint 17)
    shrink_br shbr-el "$T/elbr.bin" 16 s3 qemu-mipsel 24Kf mipsel
else
    skip "mipsel branch shrink"
fi
if runner_ok qemu-arm armhf &&
        gen thbr --arch thumb --cpu max --group branch -n 40 -s 3; then
    # checkpoint 17: inside BLX's group (join: checkpoint 18)
    shrink_br shbr-th "$T/thbr.bin" 17 r3 qemu-arm max armhf
    # from traces the code starts after checkpoint 17: BLX's link
    # (CODEOFF) without the branch is refused too
    rec qemu-arm max armhf "$T/thbr.bin" "$T/thbr-a.trace" &&
    rec qemu-arm max armhf "$T/thbr.bin" "$T/thbr-i.trace" RISU_INJECT=18:r3:2 &&
    expect 0 "shrink thbr traces" "$RT" shrink --image "$T/thbr.bin" \
        --repro "$T/shbr-th2" --ref "$T/thbr-a.trace" --test "$T/thbr-i.trace" &&
    grepq "thbr: CODEOFF refused" "no reproducer: its code holds the OPTRAP CODEOFF" "$T/err"
    [ ! -e "$T/shbr-th2/repro.c" ] && ok || bad "thbr: a reproducer of a branch's link"
else
    skip "thumb branch shrink"
fi

# ---------------------------------------------------- MSA lanes (P5600)
if runner_ok qemu-mipsel mipsel-fp64-nan2008 &&
   gen msa --arch mipsel --cpu P5600 --group msa -n 120 -s 4; then
    rec qemu-mipsel P5600 mipsel-fp64-nan2008 "$T/msa.bin" "$T/msa-a.trace"
    # The first checkpoint whose instruction writes a w register (wd=).
    "$RT" show --image "$T/msa.bin" "$T/msa-a.trace" > "$T/msa.show"
    line=$(grep -m1 '^#[0-9]* op 0 .*\[[A-Z_]* df=[0-3] wd=[0-9]*' "$T/msa.show")
    k=$(echo "$line" | sed 's/^#\([0-9]*\) .*/\1/')
    wd=$(echo "$line" | sed 's/.* wd=\([0-9]*\).*/\1/')
    if [ -n "$k" ] && [ -n "$wd" ]; then
        rec qemu-mipsel P5600 mipsel-fp64-nan2008 "$T/msa.bin" \
            "$T/msa-i.trace" RISU_INJECT=$k:w$wd.hi:9
        "$RT" diff --json --image "$T/msa.bin" "$T/msa-a.trace" \
            "$T/msa-i.trace" > "$T/msa.json"
        jcheck "$T/msa.json" "MSA lanes in the instruction's format (#$k w$wd)" \
            "(lambda r: r['name'] == 'w$wd' and r['bits'] == 128 and len(r['lanes']) == 1 and r['lanes'][0]['from_insn'] and len(r['lanes'][0]['a']) == 128 // r['lanes'][0]['bits'])(d['divergences'][0]['registers'][0])"
    else
        bad "MSA: no instruction writing a w register in $(head -c 300 "$T/msa.show")"
    fi
else
    skip "MSA section"
fi

# ------------------------------------------------ AArch64 and Thumb
if runner_ok qemu-aarch64 aarch64 && gen a64 --arch aarch64 --cpu max -n 150 -s 2 \
       --drop-unsatisfiable "$A/arm/a64.decode+$A/arm/a64-mem.decode+$A/arm/a64-fp.decode+$A/arm/a64-simd.decode"; then
    rec qemu-aarch64 max aarch64 "$T/a64.bin" "$T/a64-a.trace"
    rec qemu-aarch64 max aarch64 "$T/a64.bin" "$T/a64-i.trace" RISU_INJECT=40:v3:70
    "$RT" diff --json --image "$T/a64.bin" "$T/a64-a.trace" "$T/a64-i.trace" \
        > "$T/a64.json"
    jcheck "$T/a64.json" "aarch64 diff" \
        "d['divergences'][0]['checkpoint'] == 40 and d['divergences'][0]['registers'][0]['name'] == 'v3' and d['divergences'][0]['registers'][0]['bits'] == 128 and len(d['divergences'][0]['registers'][0]['lanes']) >= 1"
    expect 0 "aarch64 show-image" "$RT" show-image --json "$T/a64.bin"
    mv "$T/out" "$T/a64img.json"
    jcheck "$T/a64img.json" "aarch64 capstone" \
        "sum(1 for w in d['words'] if w['kind'] == 'generated' and w['disasm']) >= 100"
    expect 2 "aarch64 vs mipsel" "$RT" diff "$T/a64-a.trace" "$T/el-a.trace"
else
    skip "aarch64 section"
fi
if runner_ok qemu-arm armhf && gen th --arch thumb --cpu max -n 150 -s 2 \
       --drop-unsatisfiable --insnwidth 16 "$A/arm/t16.decode" \
       --insnwidth 32 "$A/arm/t32.decode"; then
    rec qemu-arm max armhf "$T/th.bin" "$T/th-a.trace"
    rec qemu-arm max armhf "$T/th.bin" "$T/th-i.trace" RISU_INJECT=33:r4:1
    "$RT" diff --json --image "$T/th.bin" "$T/th-a.trace" "$T/th-i.trace" \
        > "$T/th.json"
    jcheck "$T/th.json" "thumb diff" \
        "d['a']['arch'] == 'thumb' and d['divergences'][0]['checkpoint'] == 33 and d['divergences'][0]['registers'][0]['name'] == 'r4' and d['divergences'][0]['insn']['disasm']"
    expect 0 "thumb show" "$RT" show "$T/th-a.trace"
else
    skip "thumb section"
fi

# ------------------------------------------- reproducers compute the trace
# Keep every unit and initial value (--no-units --no-regs): the program
# then runs 60 units with memory accesses, fix-ups and signals from real
# register values, and must print exactly the runner's state.
faithful() {
    name=$1 qemu=$2 cpu=$3 run=$4 cc=$5 reg=$6
    [ -f "$T/$name.bin" ] && runner_ok "$qemu" "$run" || return 0
    if ! have "$cc"; then
        skip "reproducer for $name: no $cc"
        return 0
    fi
    expect 0 "reproducer $name" "$RT" shrink --json --no-units --no-regs \
        --image "$T/$name.bin" --repro "$T/rf-$name" \
        --ref-cmd "$qemu -cpu $cpu $R/risu-$run --master -t {trace} {image}" \
        --test-cmd "RISU_INJECT=60:$reg:0 $qemu -cpu $cpu $R/risu-$run --master -t {trace} {image}" &&
    mv "$T/out" "$T/rf-$name.json" &&
    jcheck "$T/rf-$name.json" "reproducer $name prints the trace's state" \
        "d['output_matches_trace'] is True and d['units_kept'] == d['units_before'] and d['verified'] is False"
}
faithful el qemu-mipsel 24Kf mipsel mipsel-linux-gnu-gcc v0
faithful be qemu-mips 24Kf mips mips-linux-gnu-gcc v0
faithful m64 qemu-mips64el 5Kf mips64el mips64el-linux-gnuabi64-gcc v0
faithful msa qemu-mipsel P5600 mipsel-fp64-nan2008 mipsel-linux-gnu-gcc v0
faithful a64 qemu-aarch64 max aarch64 aarch64-linux-gnu-gcc x0
# SVE: the program sets the recorded VL (256 bits here, not the default)
# and prints Z, P and FFR as the trace has them; a CPU whose VL cannot
# reach it makes it exit 3 rather than print another state.
if runner_ok qemu-aarch64 aarch64 &&
        gen a64sve --arch aarch64 --cpu max --group sve -n 60 -s 9; then
    faithful a64sve qemu-aarch64 max,sve-default-vector-length=32 aarch64 \
        aarch64-linux-gnu-gcc x0
    o=$T/rf-a64sve/repro-ref.out
    if [ -f "$o" ]; then
        grep -q '^vl 0x0000000000000020$' "$o" && grep -q '^z31.hi 0x' "$o" &&
            grep -q '^ffr 0x' "$o" && ok || bad "SVE reproducer: no vl/z/ffr"
        qemu-aarch64 -cpu max,sve-max-vq=1 "$T/rf-a64sve/repro-ref" \
            > /dev/null 2>&1
        [ $? = 3 ] && ok || bad "SVE reproducer at a smaller VL: not exit 3"
    fi
fi
faithful th qemu-arm max armhf arm-linux-gnueabihf-gcc r0

# ---------------------------------------------------------- bad input
if [ -f "$T/el-a.trace" ]; then
    tr=$T/el-a.trace
    size=$(wc -c < "$tr")
    for cut in 0 5 12 40 $((size / 2)) $((size - 1)); do
        head -c "$cut" "$tr" > "$T/cut.trace"
        expect 2 "diff, B cut at $cut" "$RT" diff "$tr" "$T/cut.trace"
        grepq "cut at $cut: file named" "cut.trace: truncated" "$T/err"
        grepq "cut at $cut: offset" "offset [0-9]" "$T/err"
        if grep -q "no differences" "$T/out"; then
            bad "cut at $cut: reported no differences"
        fi
        expect 2 "diff --json, B cut at $cut" "$RT" diff --json "$tr" "$T/cut.trace"
        mv "$T/out" "$T/cut.json"
        jcheck "$T/cut.json" "json error on cut at $cut" \
            "d['result'] == 'error' and 'cut.trace' in d['error'] and not d['complete']"
    done
    cp "$tr" "$T/flip.trace"
    printf '\377' | dd of="$T/flip.trace" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
    expect 2 "corrupted B" "$RT" diff "$tr" "$T/flip.trace"
    grepq "corrupt named" "flip.trace: corrupt: offset" "$T/err"
    expect 2 "corrupted A" "$RT" diff "$T/flip.trace" "$tr"
    expect 2 "missing file" "$RT" diff "$tr" "$T/nonexistent.trace"
    grepq "missing named" "nonexistent.trace: No such file" "$T/err"
    expect 2 "image as trace" "$RT" diff "$tr" "$T/el.bin"
    grepq "bad magic" "el.bin: corrupt" "$T/err"
    : > "$T/empty.trace"
    expect 2 "empty trace" "$RT" verify "$T/empty.trace"
    expect 2 "verify cut" "$RT" verify "$T/cut.trace"
    head -c $(($(wc -c < "$T/el.bin") - 3)) "$T/el.bin" > "$T/cut.bin"
    expect 2 "cut image" "$RT" show-image "$T/cut.bin"
    expect 2 "diff with a cut image" "$RT" diff --image "$T/cut.bin" "$tr" "$tr"
    expect 2 "usage" "$RT" diff "$tr"
    expect 2 "unknown command" "$RT" frobnicate
    # a clean trace followed by more bytes is not one trace
    cat "$tr" "$tr" > "$T/two.trace"
    expect 2 "verify: second trace appended" "$RT" verify "$T/two.trace"
    grepq "second trace named" "a second trace appended" "$T/err"
    { cat "$tr"; echo junk; } > "$T/junk.trace"
    expect 2 "verify: trailing garbage" "$RT" verify "$T/junk.trace"
    grepq "garbage named" "5 bytes after the end chunk" "$T/err"
    # endless input: bounded by the image limit, not by memory
    for cmd in show-image coverage; do
        expect 2 "$cmd /dev/zero" sh -c "ulimit -v 1000000; \
            exec timeout 20 \"$RT\" $cmd /dev/zero"
        grepq "$cmd /dev/zero bounded" "more than 256 MiB" "$T/err"
    done
else
    skip "bad input section"
fi

echo "check-tools: $npass passed, $nfail failed, $nskip skipped"
[ "$nfail" = 0 ]
