# SPDX-License-Identifier: GPL-2.0-or-later
# risu-vm run: sourced by tools/risu-vm (uses its die/note/kv/setup_kernel).
#
# The runner's arguments are rewritten for the guest: every file they
# name goes into the job cpio under its base name, and a trace the runner
# records (-t FILE with --master) comes back to FILE on the host.

. "$ROOT/tools/vm/live.sh"

# sh_quote ARG: ARG as one single-quoted shell word
sh_quote() {
    printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# image_meta IMAGE KEY: a key of the image's metadata (format/image.h:
# [code][meta][16-byte trailer "RISUMETA" u32 meta_len u32 code_len], LE)
image_meta() {
    im_size=$(wc -c < "$1")
    [ "$im_size" -ge 16 ] || return 0
    [ "$(tail -c 16 "$1" | head -c 8)" = RISUMETA ] || return 0
    set -- "$1" "$2" $(tail -c 8 "$1" | od -An -tu1)
    im_mlen=$(($3 | $4 << 8 | $5 << 16 | $6 << 24))
    im_clen=$(($7 | $8 << 8 | $9 << 16 | ${10} << 24))
    tail -c +$((im_clen + 1)) "$1" | head -c "$im_mlen" |
        sed -n "s/^$2=//p" | head -n 1
}

# pick_flavour ARCH FEATURES: first vm_image_flavours entry that fits
pick_flavour() {
    for e in $vm_image_flavours; do
        want=${e%%=*} fl=${e#*=}
        a=${want%%+*}
        [ "$a" = "$1" ] || continue
        ok=1
        case $want in *+*)
            for f in $(echo "${want#*+}" | tr '+' ' '); do
                case ",$2," in *",$f,"*) ;; *) ok= ;; esac
            done ;;
        esac
        [ -n "$ok" ] && { echo "$fl"; return 0; }
    done
}

kernels_for_flavour() {
    for k in $vm_kernels; do
        case " $(kv "$k" flavours) " in *" $1 "*) printf '%s ' "$k" ;; esac
    done
}

# job_args N ARGS...: the runner's arguments rewritten for the guest, as
# one shell-quoted line in RARGS; inputs copied into $JOBROOT/work, the
# traces job N records noted in OUTPUTS_N (output_path gives their host
# path), the image in IMAGE.
job_args() {
    jn=$1; shift
    RARGS= IMAGE= master= expect_val= val_opt=
    eval "OUTPUTS_$jn="
    for a in "$@"; do
        [ "$a" = --master ] && master=1
    done
    for a in "$@"; do
        if [ -n "$expect_val" ]; then
            expect_val=
            case $val_opt in
            -t|--trace)
                if [ "$a" != - ] && [ -n "$master" ]; then
                    b=$(basename "$a")
                    eval "OUTPUTS_$jn=\"\$OUTPUTS_$jn $b\""
                    eval "out_path_${jn}_$(var_name "$b")=\$a"
                    a=$b
                elif [ "$a" != - ]; then
                    a=$(add_input "$a") || exit 2
                fi ;;
            --unix)
                live_socket "$a" "$master"
                RARGS="$RARGS --dev \"\$RISU_LIVE\""
                continue ;;
            esac
            RARGS="$RARGS $(sh_quote "$a")"
            continue
        fi
        case $a in
        --unix)
            expect_val=1 val_opt=$a
            continue ;;
        -t|--trace|--host|--port|--listen|--timeout|--watchdog)
            expect_val=1 val_opt=$a ;;
        --dev)
            die "--dev is the guest's side of --unix: name the host" \
                "socket with --unix" ;;
        -*) ;;
        *)
            IMAGE=$a
            a=$(add_input "$a") || exit 2 ;;
        esac
        RARGS="$RARGS $(sh_quote "$a")"
    done
}

var_name() { echo "$1" | tr -c 'A-Za-z0-9\n' _; }

output_path() { eval "printf '%s' \"\$out_path_${1}_$(var_name "$2")\""; }

# job_script_run N DIR: run.sh lines that run job N's runner (RARGS),
# leaving stdout, stderr, rc and the recorded files under DIR.
job_script_run() {
    eval "outs=\$OUTPUTS_$1"
    cat <<EOF
mkdir -p $2/files
${JOB_RUNNER:-/job/risu}$RARGS > $2/stdout 2> $2/stderr
echo \$? > $2/rc
for f in$outs; do
    [ -f "\$f" ] && mv "\$f" $2/files/
done
EOF
}

# guest_env: run.sh lines naming the recorder in traces and reports
guest_env() {
    echo "RISU_RECORDER=\"Linux \$(uname -r), qemu-system -cpu $CPU\""
    echo "export RISU_RECORDER"
}

# Rewrite the runner's arguments into $job/run.sh; inputs into $job/work.
prepare_job() {
    job_args 0 "$@"
    { echo '#!/bin/sh'; guest_env; live_script; job_script_run 0 /job/out; } \
        > "$JOBROOT/run.sh"
    chmod 755 "$JOBROOT/run.sh"
    OUTPUTS=$OUTPUTS_0
}

add_input() {
    [ -f "$1" ] || die "no such file: $1"
    b=$(basename "$1")
    if [ -e "$JOBROOT/work/$b" ]; then
        cmp -s "$1" "$JOBROOT/work/$b" || die "two inputs named $b"
        echo "$b"
        return 0
    fi
    cp "$1" "$JOBROOT/work/$b" || die "cannot copy $1"
    echo "$b"
}

choose_runner() {
    if [ -n "$RUNNER" ]; then
        [ -x "$RUNNER" ] || die "--runner $RUNNER: not an executable"
        return 0
    fi
    [ -n "$IMAGE" ] || die "no image among the runner arguments"
    arch=$(image_meta "$IMAGE" arch)
    [ -n "$arch" ] ||
        die "$IMAGE has no arch metadata: name the runner with --runner"
    case " $vm_no_kernel " in *" $arch "*)
        die "Debian builds no kernel for $arch images (big-endian MIPS" \
            "and R6 have none): no VM reference for them" ;;
    esac
    fl=$(pick_flavour "$arch" "$(image_meta "$IMAGE" features)")
    [ -n "$fl" ] || die "no runner flavour for $arch images"
    case " $(kv "$KERNEL" flavours) " in *" $fl "*) ;; *)
        die "kernel $KERNEL does not run risu-$fl;" \
            "kernels that do: $(kernels_for_flavour "$fl")" ;;
    esac
    icpu=$(image_meta "$IMAGE" cpu)
    [ -z "$icpu" ] || [ "$icpu" = "$CPU" ] ||
        note "warning: $IMAGE was generated for cpu $icpu, the VM runs $CPU"
    RUNNER=$BUILD/risu-$fl
    [ -x "$RUNNER" ] || die "$RUNNER not built (make all)"
}

boot() {
    kd=$CACHE/kernels/$KERNEL
    (cd "$job/root" && find . | LC_ALL=C sort |
        cpio -o -H newc -R 0:0 --quiet) | gzip -1 > "$job/job.cpio.gz" ||
        die "cpio failed"
    cat "$kd/base.cpio.gz" "$job/job.cpio.gz" > "$job/initrd"
    qemu=$(kv "$KERNEL" qemu)
    command -v "$qemu" > /dev/null ||
        die "$qemu not installed (tools/deps.sh installs it)"
    : > "$job/out.tar"
    t0=$(date +%s.%N)
    # No -nic: with -nodefaults the guest has no network device at all.
    timeout -k 5 "$TIMEOUT" "$qemu" -M "$(kv "$KERNEL" machine)" \
        -cpu "$CPU" -m "$MEM" -nodefaults -nic none -display none \
        -no-reboot -monitor none -serial "file:$job/console.log" \
        -kernel "$kd/kernel" -initrd "$job/initrd" \
        -append "console=$(kv "$KERNEL" console) panic=1 loglevel=4 $(kv "$KERNEL" append)" \
        -device "$(kv "$KERNEL" virtio)" \
        -chardev "file,id=risuout,path=$job/out.tar" \
        -device virtserialport,chardev=risuout,name=risu.out \
        "$@" > "$job/qemu.log" 2>&1
    QRC=$?
    t1=$(date +%s.%N)
    WALL=$(echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }')
}

console_tail() {
    echo "$ME: last console lines:" >&2
    tail -n "${1:-25}" "$job/console.log" 2>/dev/null | sed 's/^/  | /' >&2
    [ -s "$job/qemu.log" ] && sed 's/^/  qemu: /' "$job/qemu.log" >&2
}

collect() {
    if [ "$QRC" = 124 ] || [ "$QRC" = 137 ]; then
        console_tail
        die "guest killed after the ${TIMEOUT}s timeout (hang, panic or no runner): no result"
    fi
    if [ ! -s "$job/out.tar" ]; then
        console_tail
        die "guest ended (qemu exit $QRC) without sending results"
    fi
    if [ "${RISU_VM_FAULT:-}" = corrupt-transfer ]; then
        # Test-only fault injection: flip one byte of the first file.
        printf 'X' | dd of="$job/out.tar" bs=1 seek=600 conv=notrunc \
            2> /dev/null
    fi
    mkdir -p "$job/out"
    tar -xf "$job/out.tar" -C "$job/out" 2> "$job/tar.log" || {
        cat "$job/tar.log" >&2
        console_tail
        die "corrupted transfer: the results tar does not unpack"
    }
    (cd "$job/out" && [ -f SHA256SUMS ] &&
        sha256sum -c --quiet --strict SHA256SUMS) > "$job/sum.log" 2>&1 || {
        sed 's/^/  /' "$job/sum.log" >&2
        die "corrupted transfer: digests computed in the guest do not match"
    }
}

deliver() {
    cat "$job/out/stdout"
    cat "$job/out/stderr" >&2
    for b in $OUTPUTS; do
        dst=$(output_path 0 "$b")
        if [ -f "$job/out/files/$b" ]; then
            cp "$job/out/files/$b" "$dst" || die "cannot write $dst"
        fi
    done
    rc=$(cat "$job/out/rc")
    start=$(sed -n 's/^risu-vm-guest: job start \([0-9.]*\).*/\1/p' \
        "$job/console.log")
    up=$(cut -d' ' -f1 "$job/out/uptime")
    job_s=$(echo "${start:-0} $up" | awk '{ printf "%.2f", $2 - $1 }')
    kver=$(cut -d' ' -f3 "$CACHE/kernels/$KERNEL/versions" | head -n 1)
    [ -z "$STATS" ] || printf '%s\n' "kernel=$KERNEL" "kernel_version=$kver" \
        "cpu=$CPU" "boot_s=${start:-}" "job_s=$job_s" "wall_s=$WALL" \
        "rc=$rc" > "$STATS"
    note "$KERNEL ($kver), cpu $CPU: boot to runner ${start:-?} s," \
        "job $job_s s, wall $WALL s, runner exit $rc"
    # The runner's own error: what the guest said around it may explain.
    [ "$rc" = 2 ] && console_tail 10
    case $rc in 0|1|2) return "$rc" ;; esac
    die "runner ended with status $rc in the guest"
}

cmd_run() {
    KERNEL= CPU= TIMEOUT=300 RUNNER= MEM= KEEP= STATS=
    while [ $# -gt 0 ]; do
        case $1 in
        --kernel) KERNEL=$2; shift 2 ;;
        --cpu) CPU=$2; shift 2 ;;
        --timeout) TIMEOUT=$2; shift 2 ;;
        --cache) CACHE=$2; shift 2 ;;
        --runner) RUNNER=$2; shift 2 ;;
        --mem) MEM=$2; shift 2 ;;
        --keep) KEEP=$2; shift 2 ;;
        --stats) STATS=$2; shift 2 ;;
        --quiet) QUIET=1; shift ;;
        -h|--help) usage; exit 0 ;;
        --) shift; break ;;
        *) break ;;
        esac
    done
    [ -n "$KERNEL" ] || die "run: --kernel is required ($(vm_kernel_list))"
    check_kernel "$KERNEL"
    [ $# -gt 0 ] || die "run: no runner arguments"
    CPU=${CPU:-$(kv "$KERNEL" cpu)} MEM=${MEM:-$(kv "$KERNEL" mem)}
    setup_kernel "$KERNEL"
    if [ -n "$KEEP" ]; then
        job=$KEEP; rm -rf "$job"
    else
        job=$(mktemp -d "${TMPDIR:-/tmp}/risu-vm.XXXXXX") || die "mktemp"
        trap 'rm -rf "$job"' EXIT
    fi
    mkdir -p "$job/root/job/work"
    JOBROOT=$job/root/job
    prepare_job "$@"
    choose_runner
    cp "$RUNNER" "$job/root/job/risu" || die "cannot copy $RUNNER"
    live_boot
    collect
    deliver
}
