# SPDX-License-Identifier: GPL-2.0-or-later
# risu-vm live mode: sourced by tools/vm/run.sh.
#
# The runner's `--unix PATH` becomes, in the guest, `--dev PORT`: a
# virtio-serial port named risu.live whose host end is QEMU's socket
# chardev at PATH.  The guest keeps no network device.  Who listens on
# PATH follows the runner's own --unix convention (the master listens):
#   guest --master: QEMU listens (server=on,wait=off), the host
#                   apprentice connects, before or after the VM starts;
#   guest apprentice: the host master listens, QEMU connects and
#                   retries every second until it is there.

LIVE_SOCK= LIVE_MODE=

# qemu_esc S: S with every comma doubled (QEMU's option syntax)
qemu_esc() { printf '%s' "$1" | sed 's/,/,,/g'; }

# live_socket PATH MASTER: note the host socket of a --unix run
live_socket() {
    if [ -n "$LIVE_SOCK" ] && [ "$LIVE_SOCK" != "$1" ]; then
        die "--unix: one socket per VM (have $LIVE_SOCK, got $1)"
    fi
    [ ${#1} -lt 108 ] || die "--unix $1: path longer than 107 bytes"
    if [ -n "$2" ]; then
        # QEMU replaces whatever is at PATH: never let it remove a file.
        if [ -e "$1" ] && [ ! -S "$1" ]; then
            die "--unix $1 exists and is not a socket; not replacing it"
        fi
        mode=server=on,wait=off
    else
        mode=server=off,reconnect=1
    fi
    if [ -n "$LIVE_MODE" ] && [ "$LIVE_MODE" != "$mode" ]; then
        die "--unix: the jobs of one VM are all masters or all apprentices"
    fi
    LIVE_SOCK=$1 LIVE_MODE=$mode
}

# live_script: guest lines that find the risu.live port (run.sh)
live_script() {
    [ -n "$LIVE_SOCK" ] || return 0
    cat <<'EOF'
RISU_LIVE=/dev/no-risu.live-port
for n in /sys/class/virtio-ports/*/name; do
    [ "$(cat "$n")" = risu.live ] && { d=${n%/name}; RISU_LIVE=/dev/${d##*/}; }
done
EOF
}

# live_boot: boot, with the risu.live port when a job uses --unix
live_boot() {
    if [ -z "$LIVE_SOCK" ]; then
        boot
        return
    fi
    note "live: the guest's port risu.live is $LIVE_SOCK" \
        "($(case $LIVE_MODE in server=on*) echo "QEMU listens" ;;
        *) echo "QEMU connects to the host master" ;; esac))"
    boot -chardev \
        "socket,id=risulive,path=$(qemu_esc "$LIVE_SOCK"),$LIVE_MODE" \
        -device virtserialport,chardev=risulive,name=risu.live
    # QEMU may leave its listening socket behind; nobody can use it now.
    case $LIVE_MODE in server=on*)
        [ -S "$LIVE_SOCK" ] && rm -f "$LIVE_SOCK" ;;
    esac
}
