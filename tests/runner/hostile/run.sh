#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Hostile peers against real runners under qemu-user (make check-hostile):
# fake apprentices (peer.py --connect) against `risu --master`, fake
# masters (peer.py --listen) against an apprentice, over TCP and Unix
# sockets; stalled and cut `-t -` streams; Unix socket paths that are not
# ours; a test instruction that loops (the watchdog).  Every case has a
# required exit status and must end within --timeout + 1 s.
set -u
. tests/runner/lib.sh
runner_tests_init hostile 2
PEER="python3 tests/runner/hostile/peer.py"
TMO=2
BOUND_MS=$(( (TMO + 1) * 1000 ))

# timed WANT DESC COMMAND...: exit status WANT within BOUND_MS
timed() {
    local want=$1 what=$2 t0 got ms
    shift 2
    t0=$(date +%s%N)
    "$@" > "$T/out" 2>&1
    got=$?
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    if [ "$got" = "$want" ]; then ok; else
        bad "$what: exit $got, want $want"; show_out
    fi
    if [ $ms -le $BOUND_MS ]; then ok; else
        bad "$what: took $ms ms, bound $BOUND_MS ms"
    fi
}
stop() { kill "$@" 2> /dev/null; wait "$@" 2> /dev/null; }

# master_case ID CASE WANT IMAGE RUN...: a fake apprentice against a
# real master over TCP and over a Unix socket
master_case() {
    local id=$1 case=$2 want=$3 img=$4 ppid
    shift 4
    next_port
    $PEER --connect $PORT --case "$case" & ppid=$!
    timed "$want" "$id master tcp: $case" "$@" --master --port $PORT \
        --timeout $TMO "$img"
    stop $ppid
    rm -f "$T/sock"
    $PEER --connect "$T/sock" --case "$case" & ppid=$!
    timed "$want" "$id master unix: $case" "$@" --master --unix "$T/sock" \
        --timeout $TMO "$img"
    stop $ppid
}

# apprentice_case ID CASE WANT IMAGE TRACE RUN...: a fake master (sending
# TRACE where the case needs a stream) against a real apprentice
apprentice_case() {
    local id=$1 case=$2 want=$3 img=$4 tr=$5 ppid
    shift 5
    next_port
    rm -f "$T/ready"
    $PEER --listen $PORT --case "$case" --trace "$tr" --ready "$T/ready" &
    ppid=$!
    while [ ! -e "$T/ready" ]; do sleep 0.05; done
    timed "$want" "$id apprentice: $case" "$@" --host localhost --port $PORT \
        --timeout $TMO "$img"
    stop $ppid
}

stdin_replay() { "$@" < "$T/fifo"; }

# suite ID ARCH IMAGE RUN...: every case against one runner
suite() {
    local id=$1 arch=$2 img=$3 c ppid trap_off
    shift 3
    local t0=$(date +%s%N)
    "$@" --master -t "$T/good.tr" "$img" 2> /dev/null ||
        bad "$id: cannot record"
    # Cases that reach the verdict run the image first: the bound holds
    # from the start of the phase, so they get the run time on top.
    RUN_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
    env RISU_INJECT=5:si_code:7 "$@" --master -t "$T/bad.tr" "$img" \
        2> /dev/null || bad "$id: cannot record with a fault"

    # Lying and stalling apprentices: never exit 0, never hang.
    for c in match-at-once zero-with-mismatches wrong-digest short-count \
             garbage-verdict slow-verdict stall-verdict stall-hello \
             slow-hello garbage-hello stall-stream flood-stream; do
        case $c in
        *-verdict|*mismatches|wrong-digest|short-count)
            BOUND_MS=$(( (TMO + 1) * 1000 + RUN_MS ));;
        esac
        master_case "$id" $c 2 "$img" "$@"
        BOUND_MS=$(( (TMO + 1) * 1000 ))
        if grep -q 18446744073709551615 "$T/out"; then
            bad "$id $c: checkpoint -1 in a message"; show_out; fi
        case $c in
        match-at-once|zero-with-mismatches|wrong-digest|short-count)
            grep_out "contradicts the stream" "$id $c message";;
        slow-hello)
            grep_out "handshake not complete within $TMO s" "$id $c message";;
        stall-hello)
            grep_out "handshake .*$TMO s" "$id $c message";;
        esac
    done
    # A peer that vanishes mid-run is the implementation's failure (its
    # QEMU aborted): exit 1, never 0, and said in words.
    master_case "$id" disconnect-stream 1 "$img" "$@"
    grep_out "process vanished mid-run" "$id disconnect-stream message"
    # The honest fake apprentice is believed: the checks are not too strict.
    master_case "$id" honest 0 "$img" "$@"

    # Lying and stalling masters.
    for c in stall-hello slow-hello stall-stream garbage-stream \
             stall-mid-stream; do
        apprentice_case "$id" $c 2 "$img" "$T/good.tr" "$@"
    done
    apprentice_case "$id" disconnect-mid-stream 1 "$img" "$T/good.tr" "$@"
    grep_out "process vanished mid-run" "$id disconnect-mid-stream message"
    # After its verdict (a mismatch: the trace has a fault) the
    # apprentice reads a bounded amount from a flooding master.
    apprentice_case "$id" flood-after-verdict 1 "$img" "$T/bad.tr" "$@"

    # Double connect: the first connection stalls, a real apprentice
    # queues behind it; the master gives up within the bound.
    next_port
    rm -f "$T/ready"
    $PEER --connect $PORT --case stall-hello --ready "$T/ready" & ppid=$!
    ( while [ ! -e "$T/ready" ]; do sleep 0.05; done
      "$@" --host localhost --port $PORT --timeout $TMO "$img" \
        > /dev/null 2>&1 ) &
    timed 2 "$id double connect" "$@" --master --port $PORT --timeout $TMO \
        "$img"
    stop $ppid
    wait

    # -t - on a pipe that stalls mid-stream, or is cut.
    rm -f "$T/fifo"; mkfifo "$T/fifo"
    ( head -c $(( $(stat -c %s "$T/good.tr") / 2 )) "$T/good.tr"; sleep 8 ) \
        > "$T/fifo" & ppid=$!
    timed 2 "$id -t - stalled" stdin_replay "$@" --timeout $TMO -t - "$img"
    grep_out "nothing for $TMO s" "$id -t - stall message"
    stop $ppid

    # Unix socket paths: only a stale socket is removed, ours on exit.
    echo precious > "$T/file"
    timed 2 "$id --unix on a regular file" "$@" --master --unix "$T/file" \
        "$img"
    grep_out "not a socket" "$id --unix regular file message"
    [ "$(cat "$T/file")" = precious ] && ok || bad "$id: --unix ate a file"
    rm -f "$T/busy" "$T/ready"
    $PEER --listen "$T/busy" --case stall-hello --ready "$T/ready" & ppid=$!
    while [ ! -e "$T/ready" ]; do sleep 0.05; done
    timed 2 "$id --unix on a socket in use" "$@" --master --unix "$T/busy" \
        "$img"
    grep_out "in use" "$id --unix busy message"
    stop $ppid
    rm -f "$T/sock"
    python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' "$T/sock"
    [ -S "$T/sock" ] || bad "$id: no stale socket made"
    live_unix "$id stale socket apprentice" "$id stale socket master" \
        "$img" "$@"
    [ ! -e "$T/sock" ] && ok || bad "$id: master left its socket behind"

    # Watchdog: a test instruction that loops is a divergence, recorded
    # with a final record, in replay and live.
    read -r trap_off insn < <("$@" --dump "$img" |
        awk '/^checkpoint 10 /{print $6, $8; exit}')
    python3 tests/runner/hostile/patch-loop.py "$img" "$T/loop.bin" \
        "$trap_off" "$insn" "$arch" || bad "$id: cannot patch a loop"
    # (--watchdog 1, with room for the peer's exit and qemu start-up)
    BOUND_MS=2500
    timed 1 "$id watchdog record" "$@" --watchdog 1 --master \
        -t "$T/loop.tr" "$T/loop.bin"
    grep_out "loops at image offset" "$id watchdog message"
    expect 0 "$id watchdog trace verifies" "$BUILD/risu-trace" verify \
        "$T/loop.tr"
    grep_out "ok, 11 records" "$id watchdog final record"
    timed 1 "$id watchdog replay" "$@" --watchdog 1 -t "$T/loop.tr" \
        "$T/loop.bin"
    next_port
    "$@" --master --port $PORT --watchdog 1 "$T/loop.bin" > "$T/m.out" 2>&1 &
    ppid=$!
    timed 1 "$id watchdog live apprentice" "$@" --host localhost \
        --port $PORT --watchdog 1 "$T/loop.bin"
    wait $ppid; [ $? = 1 ] && ok || bad "$id watchdog live master"
    BOUND_MS=$(( (TMO + 1) * 1000 ))
}

if [ -x "$BUILD/risu-mipsel" ] && [ -x "$BUILD/risugen" ]; then
    "$BUILD/risugen" --arch mipsel --cpu 24Kf -n 300 -s 3 \
        --drop-unsatisfiable -o "$T/mipsel.bin" > /dev/null 2>&1 ||
        bad "risugen mipsel"
    suite mipsel mipsel "$T/mipsel.bin" qemu-mipsel -cpu 24Kf \
        "$BUILD/risu-mipsel"
else
    echo "skip: mipsel hostile peers ($BUILD/risu-mipsel or risugen missing)"
fi
A=arch/arm
if [ -x "$BUILD/risu-aarch64" ] && [ -x "$BUILD/risugen" ] &&
        "$BUILD/risugen" --arch aarch64 --cpu max -n 300 -s 3 \
        --drop-unsatisfiable $A/a64.decode $A/a64-mem.decode \
        $A/a64-fp.decode -o "$T/a64.bin" > /dev/null 2>&1; then
    suite aarch64 aarch64 "$T/a64.bin" qemu-aarch64 -cpu max \
        "$BUILD/risu-aarch64"
else
    echo "skip: aarch64 hostile peers"
fi
summary hostile
