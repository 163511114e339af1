# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
# Harness shared by the runner integration tests (arm-tests.sh,
# mips-tests.sh); sourced, not run.  Counting, expectations on a command's
# exit status and output, and the checks every runner gets the same way:
# record/replay, live master and apprentice, broken traces, dead peers.
# RUN... below is the runner command line up to its options, e.g.
# `qemu-mipsel -cpu 24Kf build/risu-mipsel`.

# runner_tests_init NAME SLOT: $BUILD, scratch dir $T (removed on exit),
# counters, and a base port in a range of 4000 ports that belongs to SLOT
# (0-9) alone, so scripts that make -j runs side by side never share one
runner_tests_init() {
    BUILD=${BUILD:-build}
    T=$(mktemp -d "/tmp/risu-$1-tests.XXXXXX")
    trap 'rm -rf "$T"' EXIT
    PASS=0
    FAIL=0
    PORT=$((20000 + $2 * 4000 + $$ % 3000))
}

ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }
show_out() { sed 's/^/    /' "$T/out" | head -20; }
# expect STATUS DESCRIPTION COMMAND...
expect() {
    local want=$1 what=$2
    shift 2
    "$@" > "$T/out" 2>&1
    local got=$?
    if [ "$got" = "$want" ]; then ok; else
        bad "$what: exit $got, want $want"; show_out
    fi
}
# grep_out PATTERN DESCRIPTION: the last command's output contains PATTERN
grep_out() {
    if grep -q -- "$1" "$T/out"; then ok; else
        bad "$2: output lacks '$1'"; show_out
    fi
}
next_port() { PORT=$((PORT + 1)); }
# summary NAME: the counts, and the exit status of the script
summary() {
    echo "$1: $PASS passed, $FAIL failed"
    [ $FAIL = 0 ]
}

# record_replay ID TRACE IMAGE RUN...: record, replay on the same CPU, and
# have the host read the trace whatever the target's endianness (it is
# compressed when the runners were built with zlib: RISU_TRACE_ENC)
record_replay() {
    local id=$1 tr=$2 img=$3
    shift 3
    expect 0 "$id record" "$@" --master -t "$tr" "$img"
    expect 0 "$id replay" "$@" -t "$tr" "$img"
    if [ -x "$BUILD/risu-trace" ] && [ -n "${RISU_TRACE_ENC:-}" ]; then
        expect 0 "$id host verify" "$BUILD/risu-trace" verify "$tr"
        grep_out ", $RISU_TRACE_ENC\$" "$id trace encoding"
    fi
}

# live_tcp APPRENTICE-DESC MASTER-DESC HOST IMAGE RUN...: a master on the
# next port and an apprentice connecting to HOST both exit 0
live_tcp() {
    local awhat=$1 mwhat=$2 host=$3 img=$4 mpid s
    shift 4
    next_port
    "$@" --master --port $PORT "$img" > "$T/m.out" 2>&1 &
    mpid=$!
    expect 0 "$awhat" "$@" --host "$host" --port $PORT "$img"
    wait $mpid; s=$?
    [ $s = 0 ] && ok || bad "$mwhat exit $s"
}

# live_unix APPRENTICE-DESC MASTER-DESC IMAGE RUN...: the same over a Unix
# socket
live_unix() {
    local awhat=$1 mwhat=$2 img=$3 mpid s
    shift 3
    "$@" --master --unix "$T/sock" "$img" > "$T/m.out" 2>&1 &
    mpid=$!
    expect 0 "$awhat" "$@" --unix "$T/sock" "$img"
    wait $mpid; s=$?
    [ $s = 0 ] && ok || { bad "$mwhat exit $s"; cat "$T/m.out"; }
}

# live_both ID IMAGE RUN...: live over TCP and over a Unix socket
live_both() {
    local id=$1 img=$2
    shift 2
    live_tcp "$id live tcp apprentice" "$id live tcp master" localhost \
        "$img" "$@"
    live_unix "$id live unix apprentice" "$id live unix master" "$img" "$@"
}

# adopt_checks ID "REG:BIT..." IMAGE RUN...: --keep-going writes the
# adopted state back into the machine: record with a flipped bit at
# checkpoint 1; the replayer adopts it, so checkpoint 2 must show the
# flipped value (then adopts back).  With REG_SLICES=1 a register may be
# reported by slices (`z5.hi[0]`).
adopt_checks() {
    local id=$1 aregs=$2 img=$3 spec reg bit
    shift 3
    for spec in $aregs; do
        IFS=: read -r reg bit <<< "$spec"
        expect 0 "$id adopt $reg record" env RISU_INJECT=1:$reg:$bit \
            "$@" --master -t "$T/adopt" "$img"
        expect 1 "$id adopt $reg" "$@" --keep-going -t "$T/adopt" "$img"
        grep_out "MISMATCH (2 mismatching)" "$id adopt $reg count"
        if awk -v r="$reg" -v sl="${REG_SLICES:-0}" '
                /^mismatch at checkpoint 2:/ { c = 1; next }
                /^mismatch/ { c = 0 }
                c && ($1 == r || (sl && index($1, r "[") == 1)) { f = 1 }
                END { exit !f }' "$T/out"; then ok; else
            bad "$id adopt $reg: checkpoint 2 does not show the adopted value"
            show_out
        fi
    done
}

# ipv6_inject PREFIX REG IMAGE RUN...: live over IPv6, with a fault in REG
# the apprentice reports and the master learns (both exit 1)
ipv6_inject() {
    local p=$1 reg=$2 img=$3 mpid s
    shift 3
    next_port
    "$@" --master --listen ::1 --port $PORT "$img" > "$T/m.out" 2>&1 &
    mpid=$!
    expect 1 "${p}ipv6 live inject" env RISU_INJECT=3:$reg:0 "$@" --host ::1 \
        --port $PORT "$img"
    wait $mpid; s=$?
    [ $s = 1 ] && ok || { bad "${p}ipv6 master exit $s, want 1"; cat "$T/m.out"; }
}

# broken_traces PREFIX GOOD-TRACE IMAGE RUN...: truncated, corrupted,
# garbage and empty traces: exit 2
broken_traces() {
    local p=$1 good=$2 img=$3 size
    shift 3
    size=$(stat -c %s "$good")
    head -c $((size - 7)) "$good" > "$T/trunc"
    expect 2 "${p}truncated trace" "$@" -t "$T/trunc" "$img"
    head -c $((size / 2)) "$good" > "$T/half"
    expect 2 "${p}half trace" "$@" -t "$T/half" "$img"
    cp "$good" "$T/corrupt"
    printf '\x55' | dd of="$T/corrupt" bs=1 seek=$((size / 2)) conv=notrunc \
        status=none
    expect 2 "${p}corrupted trace" "$@" -t "$T/corrupt" "$img"
    head -c 4096 /dev/urandom > "$T/garbage"
    expect 2 "${p}garbage trace" "$@" -t "$T/garbage" "$img"
    expect 2 "${p}empty trace" "$@" -t /dev/null "$img"
}

# pipe_replay DESC IMAGE RUN...: -t - both ways
pipe_replay() {
    local what=$1 img=$2
    shift 2
    if "$@" --master -t - "$img" 2> /dev/null | "$@" -t - "$img" \
            > "$T/out" 2>&1; then ok; else bad "$what"; fi
}

# dead_master IMAGE RUN...: a master that is killed ends the apprentice's
# run with exit 1 when it vanished mid-run (its process died: the
# implementation's failure) or 2 when it never connected; one that
# stalls with exit 2; both within the timeout
dead_master() {
    local img=$1 mpid start
    shift
    next_port
    # (inside bash -c so this shell does not announce the SIGKILL)
    bash -c "$* --master --port $PORT $img > /dev/null 2>&1 &
             echo \$! > $T/mpid; wait" 2> /dev/null &
    ( sleep 0.5; kill -9 "$(cat "$T/mpid")" 2> /dev/null ) &
    start=$(date +%s)
    "$@" --host localhost --port $PORT --timeout 3 "$img" > "$T/out" 2>&1
    dead_peer_status $? "killed master"
    [ $(( $(date +%s) - start )) -le 5 ] && ok || bad "killed master: slow"
    wait 2> /dev/null
    next_port
    "$@" --master --port $PORT "$img" > /dev/null 2>&1 &
    mpid=$!
    ( sleep 0.5; kill -STOP $mpid ) &
    start=$(date +%s)
    expect 2 "stalled master" "$@" --host localhost --port $PORT \
        --timeout 2 "$img"
    grep_out "nothing for 2 s" "stalled master message"
    [ $(( $(date +%s) - start )) -le 6 ] && ok || bad "stalled: slow"
    kill -9 $mpid 2> /dev/null
    wait 2> /dev/null
}

# dead_peer_status STATUS DESC: 1 with the words for a peer that
# vanished mid-run, or 2 (it died before the handshake); never 0
dead_peer_status() {
    case $1 in
    1) grep_out "process vanished mid-run" "$2: the words" ;;
    2) ok ;;
    *) bad "$2: exit $1, want 1 (vanished mid-run) or 2"; show_out ;;
    esac
}

# dead_apprentice MAX-SECONDS IMAGE RUN...: a master whose apprentice is
# killed exits 1 (or 2 before the handshake), within MAX-SECONDS when
# that is not empty
dead_apprentice() {
    local max=$1 img=$2 mpid apid start s
    shift 2
    next_port
    "$@" --master --port $PORT --timeout 3 "$img" > "$T/m.out" 2>&1 &
    mpid=$!
    "$@" --host localhost --port $PORT "$img" > /dev/null 2>&1 &
    apid=$!
    sleep 0.5
    kill -9 $apid 2> /dev/null
    start=$(date +%s)
    wait $mpid 2> /dev/null; s=$?
    cp "$T/m.out" "$T/out"
    dead_peer_status $s "killed apprentice"
    if [ -n "$max" ]; then
        [ $(( $(date +%s) - start )) -le "$max" ] && ok ||
            bad "killed apprentice: slow"
    fi
    wait 2> /dev/null
}

# generated_image ID IMAGE RUN...: a risugen image records, replays and
# runs live
generated_image() {
    local id=$1 img=$2
    shift 2
    record_replay "$id" "$T/gen.tr" "$img" "$@"
    live_tcp "$id live" "$id live master" 127.0.0.1 "$img" "$@"
}
