#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Integration test of tools/risu-nightly (make check-nightly), all on this
# machine under qemu-user:
#   reference q24kf   qemu-mipsel -cpu 24Kf (golden traces recorded once)
#   reference board   a "board" over ssh: tests/nightly/fake-ssh runs the
#                     command locally, or fails like a dead host (exit 255)
#                     when FAKE_BOARD_DOWN is set
#   reference down    real ssh to a 127.0.0.1 port nothing listens on
#   implementations   24Kf, 74Kf, and 74Kf with RISU_INJECT (a fault)
# Nights: n1 record + fault; n2 board down, fault gone (store serves the
# board's traces, trend "fixed"); n3 pattern file changed (re-record,
# board jobs skipped); n4 board back.  Then: interrupt and resume, the
# jobs/run-job interface, GNU parallel, per-job timeout, errors, and the
# HTML rendered by headless Chromium.
set -u
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case $BUILD in /*) B=$BUILD ;; *) B=$ROOT/$BUILD ;; esac
N=$ROOT/tools/risu-nightly
T=$(mktemp -d /tmp/risu-nightly-test.XXXXXX)
# NIGHTLY_KEEP=1 keeps the results and store for a look at the reports
trap '[ -n "${NIGHTLY_KEEP:-}" ] && echo "kept $T" || rm -rf "$T"' EXIT
PASS=0
FAIL=0
SKIP=0
ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }
# check DESCRIPTION COMMAND...: the command succeeds
check() {
    local what=$1
    shift
    if "$@" > "$T/check.out" 2>&1; then ok; else
        bad "$what"; sed 's/^/    /' "$T/check.out" | head -20
    fi
}
# expect STATUS DESCRIPTION COMMAND...: run, keep output in $T/out
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
# counts RUN "pass fail skip error": summary.json of RESULTS/RUN
counts() {
    local got
    got=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["counts"]
print(c["pass"], c["fail"], c["skip"], c["error"])' "$T/results/$1/summary.json" 2>&1)
    [ "$got" = "$2" ] && ok || bad "$1 counts: got '$got', want '$2'"
}
# golden RUN WHAT N: N results of RUN whose golden trace was WHAT
golden() {
    local got
    got=$(cat "$T/results/$1"/jobs/*.json | grep -c "\"golden\": \"$2\"")
    [ "$got" = "$3" ] && ok || bad "$1: $got jobs with golden $2, want $3"
}
entries() {
    local got
    got=$(find "$T/store" -name key.json | wc -l)
    [ "$got" = "$1" ] && ok || bad "$2: $got store entries, want $1"
}
# no_proc REGEX: no process has a command line matching REGEX (reads
# /proc: procps may be absent)
no_proc() {
    python3 - "$1" <<'END'
import os, re, sys
pat, me = re.compile(sys.argv[1]), os.getpid()
for p in filter(str.isdigit, os.listdir("/proc")):
    try:
        with open("/proc/%s/cmdline" % p, "rb") as f:
            cmd = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        continue
    if int(p) != me and pat.search(cmd):
        print("still running:", p, cmd)
        sys.exit(1)
END
}
json() {   # json FILE EXPR: print a value of a JSON file
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$@"
}

for f in "$B/risugen" "$B/risu-mipsel" "$B/risu-trace"; do
    [ -x "$f" ] || { echo "FAIL: $f not built"; exit 1; }
done
command -v qemu-mipsel > /dev/null || { echo "FAIL: qemu-mipsel missing"; exit 1; }
# Work on copies: a rebuild in the tree during the test (make -j elsewhere)
# would change the runner digest in the golden keys or remove risugen.
mkdir -p "$T/bin"
cp "$B/risugen" "$B/risu-mipsel" "$B/risu-trace" "$T/bin/"
HAVE_M64=
if [ -x "$B/risu-mips64el" ] && command -v qemu-mips64el > /dev/null; then
    cp "$B/risu-mips64el" "$T/bin/"
    HAVE_M64=1
fi
B=$T/bin

# ---- set-up: pattern files we may change, a dead ssh target ----
mkdir -p "$T/pat"
cp "$ROOT/arch/mips/fpu.decode" "$ROOT/arch/mips/base.decode" "$T/pat/"
DOWN_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
if command -v ssh > /dev/null; then
    DOWN_SSH="ssh -p $DOWN_PORT -o BatchMode=yes -o ConnectTimeout=5 -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"
else
    printf '#!/bin/sh\necho "ssh: connect to host 127.0.0.1: Connection refused" >&2\nexit 255\n' > "$T/dead-ssh"
    chmod +x "$T/dead-ssh"
    DOWN_SSH=$T/dead-ssh
fi
INJECT="RISU_INJECT=7:t1:3"
SEEDS=1-2
SHRINK=auto
config() {
    cat > "$T/nightly.ini" <<EOF
[nightly]
store = store
results = results
risugen = $B/risugen
risu-trace = $B/risu-trace
jobs = 2
timeout = 60
connect-timeout = 5
shrink = $SHRINK

[reference q24kf]
emulator = qemu-mipsel
cpu = 24Kf

[reference board]
ssh-host = board
ssh = $ROOT/tests/nightly/fake-ssh
scp = $ROOT/tests/nightly/fake-scp
runner = qemu-mipsel -cpu 24Kf $B/risu-mipsel
workdir = $T/board-tmp

[reference down]
ssh-host = 127.0.0.1
ssh = $DOWN_SSH
scp = scp -q -P $DOWN_PORT -o BatchMode=yes
runner = risu

[implementation q24kf]
emulator = qemu-mipsel
cpu = 24Kf

[implementation q74kf]
emulator = qemu-mipsel
cpu = 74Kf

[implementation q74kf-faulty]
emulator = qemu-mipsel
cpu = 74Kf
env = $INJECT

[suite mipsel]
arch = mipsel
gen-cpu = 24Kf
runner = $B/risu-mipsel
files = pat/fpu.decode pat/base.decode
tags = mips-int | fpu
seeds = $SEEDS
numinsns = 300
references = q24kf board down
implementations = q24kf q74kf q74kf-faulty
EOF
}
config
C=$T/nightly.ini
export -n FAKE_BOARD_DOWN 2> /dev/null || true
unset FAKE_BOARD_DOWN

# ---- unit-level checks of the CLI ----
expect 0 "check" "$N" check "$C"
grep_out "36 jobs" "check job count"
# usage and config errors: exit 2 (1 means divergences), one line, no traceback
one_line_2() {   # one_line_2 WHAT REGEX COMMAND...
    local what=$1 re=$2
    shift 2
    expect 2 "$what" "$@"
    grep_out "$re" "$what message"
    if grep -q Traceback "$T/out" || [ "$(wc -l < "$T/out")" != 1 ]; then
        bad "$what: not one line"; sed 's/^/    /' "$T/out" | tail -5
    else ok; fi
}
one_line_2 "run -j -1" "not a number of jobs" "$N" run "$C" -j -1
printf '\377' >> "$T/bad.ini"; cat "$C" >> "$T/bad.ini"
one_line_2 "0xff in config" "not UTF-8 text (byte 0xff" "$N" check "$T/bad.ini"
sed 's/^shrink = .*/shrink = offf/' "$C" > "$T/bad.ini"
one_line_2 "shrink = offf" "did you mean 'off'" "$N" check "$T/bad.ini"
# arch, CPU model and tags as risugen knows them
sed 's/^arch = mipsel/arch = mipsle/' "$C" > "$T/bad.ini"
expect 2 "check: unknown arch" "$N" check "$T/bad.ini"
grep_out "unknown arch 'mipsle'" "check names the arch"
sed 's/^gen-cpu = 24Kf/gen-cpu = 24Kx/' "$C" > "$T/bad.ini"
expect 2 "check: unknown CPU" "$N" check "$T/bad.ini"
grep_out "unknown CPU model '24Kx'" "check names the CPU"
sed 's/^tags = mips-int | fpu/tags = mips-int | fpux/' "$C" > "$T/bad.ini"
expect 2 "check: unknown tag" "$N" check "$T/bad.ini"
grep_out "unknown group 'fpux'" "check names the tag"
expect 0 "jobs --ids" "$N" jobs --ids "$C"
[ "$(wc -l < "$T/out")" = 36 ] && ok || bad "jobs --ids: $(wc -l < "$T/out") lines"
grep_out "^mipsel.fpu.s2.n300.down.q74kf-faulty$" "jobs --ids names"

# ---- night 1: record golden traces, one faulty implementation ----
expect 1 "night 1 (fault injected)" "$N" run "$C" --run-id n1
counts n1 "16 8 12 0"
golden n1 recorded 8          # 4 cases x 2 live references, once each
golden n1 reused 16
entries 8 "night 1"
# the documented shared store: entries as any directory (umask), not 0700
if [ -n "$(find "$T/store" -mindepth 1 -type d -perm 700 | head -1)" ]; then
    bad "store entries created mode 0700"
else ok; fi
grep_out "risu-nightly: 16 passed, 8 failed, 12 skipped" "night 1 closing line"
R1=$T/results/n1
check "junit well-formed, counts" python3 - "$R1/junit.xml" <<'EOF'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
assert (r.get("tests"), r.get("failures"), r.get("skipped"), r.get("errors")) == \
    ("36", "8", "12", "0"), r.attrib
f = r.find(".//testcase[@classname='mipsel.q74kf-faulty']/failure")
assert f.get("message").startswith("checkpoint 7, ") and " t1 ref " in f.get("message"), f.get("message")
assert "\n    => +0x" in f.text, f.text           # the culprit in its code
s = r.find(".//testcase[@name='fpu seed=2 n=300 vs down']/skipped")
assert "down" in s.get("message") and "127.0.0.1" in s.get("message"), s.get("message")
EOF
FJ=mipsel.mips-int.s1.n300.q24kf.q74kf-faulty
check "failing job keeps image and golden trace" \
    test -s "$R1/work/$FJ/image.bin" -a -s "$R1/work/$FJ/golden.trace"
check "passing job leaves no work dir" test ! -e "$R1/work/mipsel.mips-int.s1.n300.q24kf.q74kf"
REPRO=$(json "$R1/jobs/$FJ.json" 'd["reproducer"]')
expect 1 "reproducer command fails the same way" sh -c "cd '$R1/work/$FJ' && $REPRO"
grep_out "mismatch at checkpoint 7:" "reproducer output"
check "html has the divergence with disassembly" grep -q "class=\"culprit\"" "$R1/index.html"
# block JOB FILE: JOB's divergence block in FILE, raw (attributes, links)
# then as text (values the markup splits, e.g. marked hex digits)
block() {
    python3 - "$1" "$2" <<'END'
import re, sys
text = open(sys.argv[2], encoding="utf-8").read()
i = text.index('<div class="div" id="%s"' % sys.argv[1])
j = text.find('<div class="div" id=', i + 1)
b = text[i:j if j > 0 else len(text)]
print(b)
print(re.sub(r"<[^>]+>", "", b))
END
}
block "$FJ" "$R1/index.html" > "$T/fj.html"
for want in 'data-reg="t1"' 0x0000000000000004 0x000000000000000c 'sra $t4, $t9, 5' \
            '<span class="pat">SRA</span>' 'rd=12 rt=25 sa=5' 'checkpoint 7' \
            'preceding checkpoints' 'code since the previous checkpoint'; do
    grep -qF -- "$want" "$T/fj.html" && ok || bad "fault job html lacks '$want'"
done
check "junit message names the register and the instruction" python3 - "$R1/junit.xml" <<'EOF'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
f = r.find(".//testcase[@classname='mipsel.q74kf-faulty'][@name='mips-int seed=1 n=300 vs q24kf']/failure")
m = f.get("message")
assert m == 'checkpoint 7, SRA 0x00196143 "sra $t4, $t9, 5" at +0x3c4: t1 ref 0x4 got 0xc', m
assert "t1         ref 0x0000000000000004" in f.text, f.text
assert "shrink: NOT reproduced" in f.text, f.text
EOF
[ "$(json "$R1/jobs/$FJ.json" 'd["diff"]["ok"], d["diff"]["doc"]["schema"]')" = \
    "(True, 'risu-trace-diff/1')" ] && ok || bad "diff result not stored"
check "diff.json and impl.trace kept" test -s "$R1/work/$FJ/diff.json" -a -s "$R1/work/$FJ/impl.trace"
# An injected fault is bound to a checkpoint number, not to the
# instructions: shrink says so, and the report shows it.
[ "$(json "$R1/jobs/$FJ.json" 'd["shrink"]["status"], d["shrink"]["mode"], d["shrink"]["result"]["verified"]')" = \
    "('ok', 'rerun-reference', False)" ] && ok ||
    bad "fault job shrink: $(json "$R1/jobs/$FJ.json" 'd.get("shrink")')"
grep -qF "NOT reproduced by the standalone program" "$T/fj.html" && ok ||
    bad "fault job html does not say the reproducer does not show it"
grep -qF "href=\"work/$FJ/shrink/repro.c\"" "$T/fj.html" && ok || bad "fault job repro.c not linked"
check "repro.c kept" test -s "$R1/work/$FJ/shrink/repro.c" -a -s "$R1/work/$FJ/shrink/README"
check "shrink scratch files removed" test ! -e "$R1/work/$FJ/shrink/cand.bin"
# A board cannot be rerun: golden trace + implementation command.
BJ=mipsel.mips-int.s1.n300.board.q74kf-faulty
[ "$(json "$R1/jobs/$BJ.json" 'd["shrink"]["mode"]')" = golden ] && ok ||
    bad "board job shrink: $(json "$R1/jobs/$BJ.json" 'd.get("shrink")')"
[ "$(json "$R1/shrink-budget.json" 'd["shrinks"]')" = 8 ] && ok ||
    bad "shrink budget file: $(cat "$R1/shrink-budget.json")"
check "down board recorded nothing" test ! -e "$T/store/down/mipsel/mips-int.s1.n300/"*/key.json

# ---- night 2: board down, fault fixed: the store serves the board ----
# (shrinking was checked in night 1; off from here on keeps the test short)
SHRINK=off
INJECT=""; config
expect 0 "night 2 (board down, store serves it)" env FAKE_BOARD_DOWN=1 "$N" run "$C" --run-id n2
counts n2 "24 0 12 0"
golden n2 recorded 0
golden n2 reused 24
entries 8 "night 2"
[ "$(json "$T/results/n2/summary.json" 'd["trend"].get("fixed")')" = 8 ] && ok ||
    bad "night 2 trend: $(json "$T/results/n2/summary.json" 'd["trend"]')"
grep_out "vs n1: 0 newly failing, 8 fixed" "night 2 trend line"

# ---- night 3: a pattern file changes: re-record; the board is still down ----
echo "# a comment changes the digest" >> "$T/pat/base.decode"
INJECT="RISU_INJECT=7:t1:3"; config
expect 1 "night 3 (patterns changed, board down)" env FAKE_BOARD_DOWN=1 "$N" run "$C" --run-id n3
counts n3 "8 4 24 0"          # board jobs: stale key, board down -> skipped
golden n3 recorded 4
entries 12 "night 3"
[ "$(json "$T/results/n3/summary.json" 'd["trend"].get("regressed")')" = 4 ] && ok ||
    bad "night 3 trend: $(json "$T/results/n3/summary.json" 'd["trend"]')"
check "night 3 skip names the down board" \
    grep -q "reference board is down" "$T/results/n3/jobs/mipsel.fpu.s1.n300.board.q24kf.json"

# ---- night 4: the board is back and records the new keys ----
expect 1 "night 4 (board back)" "$N" run "$C" --run-id n4
counts n4 "16 8 12 0"
golden n4 recorded 4
entries 16 "night 4"
check "shrink = off: nothing shrunk" test ! -e "$T/results/n4/work/$FJ/shrink"
[ "$(json "$T/results/n4/jobs/$FJ.json" 'd["diff"]["ok"]')" = True ] && ok ||
    bad "night 4: diff still runs with shrink off"

# ---- interrupt and resume ----
SEEDS=1-4; config
"$N" run "$C" --run-id r1 -j 1 > "$T/r1.out" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
    n=$(ls "$T/results/r1/jobs" 2> /dev/null | grep -c '\.json$')
    [ "$n" -ge 6 ] && break
    sleep 0.05
done
kill -TERM $pid
wait $pid; st=$?
[ $st = 130 ] && ok || { bad "interrupted run exit $st, want 130"; tail "$T/r1.out"; }
k=$(ls "$T/results/r1/jobs" | grep -c '\.json$')
{ [ "$k" -gt 0 ] && [ "$k" -lt 72 ]; } && ok || bad "after interrupt: $k results"
check "no runner left behind" no_proc "risu-mipsel .*$T"
expect 1 "resumed run" "$N" run "$C" --run-id r1
grep_out "resuming: $k of 72 jobs already finished" "resume message"
grep_out "^$((72 - k)) jobs in" "resume ran only the rest"
counts r1 "32 16 24 0"
expect 1 "third run does nothing" "$N" run "$C" --run-id r1
grep_out "^0 jobs in" "nothing left to do"
expect 1 "--force --only reruns a subset" "$N" run "$C" --run-id r1 --force --only 'mipsel.fpu.s1.*'
grep_out "^9 jobs in" "--force ran the subset"

# ---- one command per job (any CI matrix) and run-job ----
SEEDS=1-2; config
"$N" jobs "$C" --run-id j1 --only 'mipsel.fpu.s2.*' > "$T/jobs.txt"
[ "$(wc -l < "$T/jobs.txt")" = 9 ] && ok || bad "jobs --only: $(wc -l < "$T/jobs.txt") lines"
xargs -d '\n' -P 2 -n 1 sh -c < "$T/jobs.txt" > "$T/xargs.out" 2>&1
expect 1 "report after xargs" "$N" report "$C" --run-id j1 --only 'mipsel.fpu.s2.*'
grep_out "the run's own junit.xml, index.html and summary.json are left" \
    "report --only says it wrote a subset"
[ ! -e "$T/results/j1/summary.json" ] && [ -e "$T/results/j1/index-only.html" ] &&
    ok || bad "report --only wrote the run's own files"
mv "$T/results/j1/summary-only.json" "$T/results/j1/summary.json"
counts j1 "4 2 3 0"
expect 0 "run-job pass" "$N" run-job "$C" mipsel.fpu.s1.n300.q24kf.q74kf --run-id j2
grep_out "^PASS " "run-job pass line"
expect 0 "run-job again" "$N" run-job "$C" mipsel.fpu.s1.n300.q24kf.q74kf --run-id j2
grep_out "already finished" "run-job resumable"
expect 1 "run-job fail" "$N" run-job "$C" mipsel.fpu.s1.n300.board.q74kf-faulty --run-id j2
expect 0 "run-job skip" "$N" run-job "$C" mipsel.fpu.s1.n300.down.q24kf --run-id j2
grep_out "^SKIP " "run-job skip line"
expect 2 "run-job unknown id" "$N" run-job "$C" nope --run-id j2
expect 2 "report with missing jobs" "$N" report "$C" --run-id j2
grep_out "not run" "missing jobs named"

# ---- GNU parallel (':' is this machine) ----
if command -v parallel > /dev/null; then
    echo ":" > "$T/hosts"
    expect 1 "run --sshloginfile" "$N" run "$C" --run-id p1 --sshloginfile "$T/hosts" \
        --only 'mipsel.mips-int.s1.*'
    mv "$T/results/p1/summary-only.json" "$T/results/p1/summary.json"
    counts p1 "4 2 3 0"
else
    echo "SKIP: GNU parallel not installed"; SKIP=$((SKIP + 1))
fi

# ---- per-job timeout, configuration and infrastructure errors ----
printf '#!/bin/sh\nexec sleep 61.5\n' > "$T/hang-qemu"
chmod +x "$T/hang-qemu"
sed -e "s|^implementations = .*|implementations = hang|" -e "s|^seeds = .*|seeds = 1|" \
    -e "s|^tags = .*|tags = mips-int|" -e "s|^references = .*|references = q24kf|" \
    -e "s|^timeout = 60|timeout = 2|" "$C" > "$T/hang.ini"
printf '\n[implementation hang]\nemulator = %s\ncpu = 74Kf\n' "$T/hang-qemu" >> "$T/hang.ini"
start=$(date +%s)
expect 1 "hanging implementation" "$N" run "$T/hang.ini" --run-id t1
grep_out "timed out after" "timeout reported"
[ $(( $(date +%s) - start )) -lt 20 ] && ok || bad "timeout took too long"
check "hung emulator killed" no_proc "sleep 61[.]5"
sed "s|^emulator = $T/hang-qemu|emulator = qemu-nonexistent|" "$T/hang.ini" > "$T/missing.ini"
expect 2 "missing emulator is an error" "$N" run "$T/missing.ini" --run-id e1
grep_out "emulator qemu-nonexistent not found" "missing emulator named"
sed 's/^connect-timeout/conect-timeout/' "$C" > "$T/typo.ini"
expect 2 "config typo" "$N" run "$T/typo.ini" --run-id e2
grep_out "unknown key 'conect-timeout'" "typo named"
sed 's/^cpu = 74Kf$/cpu = NoSuchCPU/' "$C" > "$T/badcpu.ini"
expect 2 "unknown -cpu is an error, not a divergence" "$N" run-job "$T/badcpu.ini" \
    mipsel.fpu.s1.n300.q24kf.q74kf --run-id e3

# ---- diff that fails or lies: the job is an error, never a pass ----
PJ=mipsel.fpu.s1.n300.q24kf.q74kf-faulty
cat > "$T/cut-diff" <<'END'
#!/bin/sh
# stand-in for `risu-trace diff --json` on a damaged trace: error document, exit 2
echo '{"schema": "risu-trace-diff/1", "divergences": [], "count": 0, "complete": false,'
echo ' "result": "error", "error": "impl.trace: truncated: offset 40: end of file inside a chunk"}'
echo "risu-trace: impl.trace: truncated" >&2
exit 2
END
cat > "$T/old-diff" <<'END'
#!/bin/sh
# a diff tool printing another schema
echo '{"first": {"checkpoint": 7, "regs": ["t1"]}}'
exit 1
END
cat > "$T/fake-shrink" <<'END'
#!/bin/sh
# stand-in for a shrinker: IMAGE OUT -- IMPLEMENTATION COMMAND (with its env)
mkdir -p "$(dirname "$2")" && cp "$1" "$2" && [ "$3" = -- ] && [ "$4" = env ] &&
    case "$*" in *" -cpu 74Kf "*) ;; *) exit 1 ;; esac
END
chmod +x "$T/cut-diff" "$T/old-diff" "$T/fake-shrink"
# plugins NAME [KEY = VALUE]...: $T/NAME.ini is the config with these
# [nightly] settings instead of its shrink key
plugins() {
    local name=$1
    shift
    python3 - "$C" "$T/$name.ini" "$@" <<'END'
import sys
src, dst, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
lines = [l for l in open(src).read().splitlines() if not l.startswith("shrink = ")]
i = lines.index("[nightly]") + 1
open(dst, "w").write("\n".join(lines[:i] + extra + lines[i:]) + "\n")
END
}
plugins cut "diff = $T/cut-diff {golden} {trace}" "shrink = auto"
expect 2 "failing diff makes the job an error" "$N" run-job "$T/cut.ini" --run-id d1 $PJ
grep_out "^ERROR $PJ: risu-trace diff failed (exit 2): impl.trace: truncated" "diff error named"
grep_out "the runner reported checkpoint 7" "runner's finding kept in the message"
[ "$(json "$T/results/d1/jobs/$PJ.json" 'd["status"], "shrink" in d')" = "('error', False)" ] &&
    ok || bad "diff error: $(json "$T/results/d1/jobs/$PJ.json" 'd["status"]')"
plugins old "diff = $T/old-diff {golden} {trace}"
expect 2 "diff with another schema is an error" "$N" run-job "$T/old.ini" --run-id d1 \
    mipsel.mips-int.s1.n300.q24kf.q74kf-faulty
grep_out "is not risu-trace-diff/1" "schema named"
expect 2 "report with diff errors" "$N" report "$T/cut.ini" --run-id d1 \
    --only 'mipsel.*.s1.n300.q24kf.q74kf-faulty'
check "junit: diff errors are <error>" python3 - "$T/results/d1/junit-only.xml" <<'EOF'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
assert (r.get("errors"), r.get("failures")) == ("2", "0"), r.attrib
msgs = [e.get("message") for e in r.iter("error")]
assert any("truncated" in m for m in msgs) and any("schema" in m for m in msgs), msgs
EOF
block "$PJ" "$T/results/d1/index-only.html" > "$T/pj.html"
grep -qF 'class="errbox diff-error"' "$T/pj.html" && grep -qF "impl.trace: truncated" "$T/pj.html" &&
    ok || bad "html does not show the diff error"

# ---- shrink budget and a shrink template ----
plugins budget "shrink-budget = 1"
expect 1 "budget used up" "$N" run-job "$T/budget.ini" --run-id b1 $PJ
[ "$(json "$T/results/b1/jobs/$PJ.json" 'd["shrink"]["status"]')" = skipped ] && ok ||
    bad "budget: $(json "$T/results/b1/jobs/$PJ.json" 'd.get("shrink")')"
"$N" report "$T/budget.ini" --run-id b1 --only $PJ > /dev/null 2>&1
grep -q "shrink budget (shrink-budget = 1 s) is used up" "$T/results/b1/index-only.html" && ok ||
    bad "budget message not in the html"
plugins tmpl "shrink = $T/fake-shrink {image} {out} -- {impl_cmd}"
expect 1 "shrink template" "$N" run-job "$T/tmpl.ini" --run-id b2 $PJ
"$N" report "$T/tmpl.ini" --run-id b2 --only $PJ > /dev/null 2>&1
check "template shrink output linked" grep -q "href=\"work/$PJ/shrink/shrunk.bin\">shrunk image" \
    "$T/results/b2/index-only.html"

# ---- a real divergence between two CPU models, shrunk ----
if [ -n "$HAVE_M64" ]; then
    cat > "$T/m64.ini" <<EOF
[nightly]
store = store
results = results-m64
risugen = $B/risugen
risu-trace = $B/risu-trace
timeout = 60

[reference q5kf]
emulator = qemu-mips64el
cpu = 5Kf

[implementation vr5432]
emulator = qemu-mips64el
cpu = VR5432

[suite mips64el]
arch = mips64el
gen-cpu = 5Kf
runner = $B/risu-mips64el
tags = fpu
seeds = 5
numinsns = 300
references = q5kf
implementations = vr5432
EOF
    MJ=mips64el.fpu.s5.n300.q5kf.vr5432
    RM=$T/results-m64/m1
    expect 1 "5Kf vs VR5432" "$N" run "$T/m64.ini" --run-id m1
    # seed 5 today: checkpoint 15, MADD_S 0x4c9d57e0 "madd.s $f31, $f4, $f10,
    # $f29" at +0x454: signal ref none got SIGILL si_code 128, f31 ref ...
    # (any MIPS IV COP1X instruction of the image may come first after a
    # pattern-file change)
    grep_out "FAIL    $MJ: checkpoint [0-9]*, [A-Z0-9_]* 0x[0-9a-f]* \"[a-z0-9.]* .*\" at +0x[0-9a-f]*: signal ref none got SIGILL si_code 128" \
        "real divergence summary"
    [ "$(json "$RM/jobs/$MJ.json" 'd["shrink"]["status"], d["shrink"]["mode"], d["shrink"]["result"]["compacted"]')" = \
        "('ok', 'rerun-reference', True)" ] && ok ||
        bad "m64 shrink: $(json "$RM/jobs/$MJ.json" 'd.get("shrink")')"
    if command -v mips64el-linux-gnuabi64-gcc > /dev/null; then
        [ "$(json "$RM/jobs/$MJ.json" 'd["shrink"]["result"]["verified"]')" = True ] && ok ||
            bad "m64 reproducer not verified: $(json "$RM/jobs/$MJ.json" 'd["shrink"]["result"]')"
    fi
    block "$MJ" "$RM/index.html" > "$T/mj.html"
    if command -v mips64el-linux-gnuabi64-gcc > /dev/null; then
        grep -qF "reproducer verified: run on both sides" "$T/mj.html" && ok ||
            bad "m64 html does not say the reproducer is verified"
    fi
    FPR=$(json "$RM/jobs/$MJ.json" '" ".join(r["name"] for r in d["diff"]["doc"]["divergences"][0]["registers"] if r["class"] == "fpr")')
    for want in "href=\"work/$MJ/shrink/repro.c\"" "href=\"work/$MJ/shrink/README\"" \
                '<b>SIGILL</b> (4)' 'data-shrink="ok"' \
                ${FPR:+"data-reg=\"${FPR%% *}\"" 'single(lo)'}; do
        grep -qF -- "$want" "$T/mj.html" && ok || bad "m64 html lacks '$want'"
    done
    check "m64 reproducer files" test -s "$RM/work/$MJ/shrink/repro.c" -a -s "$RM/work/$MJ/shrink/shrunk.bin"
    check "m64 README runs the VR5432" grep -q -- "-cpu VR5432" "$RM/work/$MJ/shrink/README"
    "$ROOT/tests/nightly/render-check.sh" "$RM" ${NIGHTLY_SCREENSHOT:+"${NIGHTLY_SCREENSHOT%.png}-m64.png"} > "$T/out" 2>&1
    case $? in
        0) ok; cat "$T/out" ;;
        77) SKIP=$((SKIP + 1)); cat "$T/out" ;;
        *) bad "rendering check (m64)"; cat "$T/out" ;;
    esac
else
    echo "SKIP: no risu-mips64el or qemu-mips64el: no cross-model shrink"; SKIP=$((SKIP + 1))
fi

# ---- the HTML as a browser renders it ----
"$ROOT/tests/nightly/render-check.sh" "$T/results/n1" ${NIGHTLY_SCREENSHOT:+"$NIGHTLY_SCREENSHOT"} > "$T/out" 2>&1
case $? in
    0) ok; cat "$T/out" ;;
    77) SKIP=$((SKIP + 1)); cat "$T/out" ;;
    *) bad "rendering check"; cat "$T/out" ;;
esac

# ---- the pictures (trend over nights 1-4, coverage bars) as laid out ----
bash "$ROOT/tests/nightly/svg-render.sh" "$T/results/n4/index.html" \
    ${NIGHTLY_SCREENSHOT:+"${NIGHTLY_SCREENSHOT%.png}-charts.png"} > "$T/svg" 2>&1
case $? in
    0) python3 "$ROOT/tests/nightly/chart-check.py" "$T/results" n4 "$T/svg" \
           n1 n2 n3 n4 > "$T/out" 2>&1 && ok || bad "charts"; cat "$T/out" ;;
    77) SKIP=$((SKIP + 1)); cat "$T/svg" ;;
    *) bad "svg-render"; cat "$T/svg" ;;
esac
grep -qi '<script' "$T/results/n4/index.html" && bad "the report has a script" || ok

echo "nightly: $PASS passed, $FAIL failed, $SKIP skipped"
[ $FAIL = 0 ]
