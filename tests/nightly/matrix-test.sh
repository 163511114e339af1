#!/bin/bash
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
expect 0 "jobs --ids" "$N" jobs --ids "$C"
[ "$(wc -l < "$T/out")" = 36 ] && ok || bad "jobs --ids: $(wc -l < "$T/out") lines"
grep_out "^mipsel.fpu.s2.n300.down.q74kf-faulty$" "jobs --ids names"

# ---- night 1: record golden traces, one faulty implementation ----
expect 1 "night 1 (fault injected)" "$N" run "$C" --run-id n1
counts n1 "16 8 12 0"
golden n1 recorded 8          # 4 cases x 2 live references, once each
golden n1 reused 16
entries 8 "night 1"
grep_out "risu-nightly: 16 passed, 8 failed, 12 skipped" "night 1 closing line"
R1=$T/results/n1
check "junit well-formed, counts" python3 - "$R1/junit.xml" <<'EOF'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
assert (r.get("tests"), r.get("failures"), r.get("skipped"), r.get("errors")) == \
    ("36", "8", "12", "0"), r.attrib
f = r.find(".//testcase[@classname='mipsel.q74kf-faulty']/failure")
assert f.get("message").startswith("checkpoint 7, ") and " t1 ref " in f.get("message"), f.get("message")
assert "\n  => +0x" in f.text, f.text             # disassembly of the culprit
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
check "down board recorded nothing" test ! -e "$T/store/down/mipsel/mips-int.s1.n300/"*/key.json

# ---- night 2: board down, fault fixed: the store serves the board ----
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

# ---- risu-trace diff --json and shrink plug-ins (stand-ins) ----
cat > "$T/fake-diff" <<'END'
#!/bin/sh
# stand-in for `risu-trace diff --json GOLDEN TRACE`
[ -s "$3" ] && [ -s "$4" ] || exit 2
echo '{"first": {"checkpoint": 7, "regs": ["t1"]}}'
exit 1
END
cat > "$T/fake-shrink" <<'END'
#!/bin/sh
# stand-in for a shrinker: IMAGE OUT -- IMPLEMENTATION COMMAND...
cp "$1" "$2" && [ "$3" = -- ] && [ "$5" = -cpu ]
END
chmod +x "$T/fake-diff" "$T/fake-shrink"
sed "s|^connect-timeout = 5|connect-timeout = 5\ndiff = $T/fake-diff diff --json {golden} {trace}\nshrink = $T/fake-shrink {image} {out} -- {impl_cmd}|" \
    "$C" > "$T/plugins.ini"
PJ=mipsel.fpu.s1.n300.q24kf.q74kf-faulty
expect 1 "diff and shrink plug-ins" "$N" run-job "$T/plugins.ini" --run-id d1 $PJ
D1=$T/results/d1
[ "$(json "$D1/jobs/$PJ.json" 'd["diff_json"]["first"]["checkpoint"]')" = 7 ] &&
    ok || bad "diff_json not stored"
check "shrunk reproducer kept" test -s "$D1/work/$PJ/shrunk.bin"
expect 1 "report with plug-ins" "$N" report "$T/plugins.ini" --run-id d1 --only $PJ
check "html links the shrunk reproducer" grep -q 'shrunk.bin">shrunk reproducer' "$D1/index.html"
check "html shows the diff json" grep -q "risu-trace diff --json</summary>" "$D1/index.html"

# ---- the HTML as a browser renders it ----
"$ROOT/tests/nightly/render-check.sh" "$T/results/n1" ${NIGHTLY_SCREENSHOT:+"$NIGHTLY_SCREENSHOT"} > "$T/out" 2>&1
case $? in
    0) ok; cat "$T/out" ;;
    77) SKIP=$((SKIP + 1)); cat "$T/out" ;;
    *) bad "rendering check"; cat "$T/out" ;;
esac

echo "nightly: $PASS passed, $FAIL failed, $SKIP skipped"
[ $FAIL = 0 ]
