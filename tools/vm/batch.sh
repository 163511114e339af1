# SPDX-License-Identifier: GPL-2.0-or-later
# risu-vm batch: many runner jobs in one VM boot; sourced by tools/risu-vm
# after tools/vm/run.sh (uses its job_args, boot, collect, console_tail).
#
# JOBFILE holds one job per line, the runner's arguments as for `run`,
# split at blanks (no quoting); blank lines and '#' lines are skipped.
# The guest runs the jobs in order, each in a fresh process, and sends
# every job's stdout, stderr, exit code and recorded files back under
# its own directory, digest-checked with the rest.
#
# State that outlives a process: a CPU whose FCSR ignores writes (QEMU's
# 5KEf) keeps an earlier job's FP flags, and only a CPU reset clears them.
# The runner refuses such a start ("FCSR leaked"); the guest then stops
# the batch there and risu-vm boots again from that job.  A job refused
# as the first of a boot keeps its refusal (exit 2).

# batch_read FILE: JOB_n (arguments) and JOBSRC_n (FILE:LINE), NJOBS
batch_read() {
    NJOBS=0 ln=0
    [ "$1" = - ] || [ -f "$1" ] || die "batch: no such job file: $1"
    while IFS= read -r line || [ -n "$line" ]; do
        ln=$((ln + 1))
        case $line in ''|'#'*) continue ;; esac
        # shellcheck disable=SC2086 # blank-separated by definition
        set -- $line
        [ $# -gt 0 ] || continue
        NJOBS=$((NJOBS + 1))
        eval "JOB_$NJOBS=\$line; JOBSRC_$NJOBS=\"\$BATCH_FILE:\$ln\""
    done < "$( [ "$1" = - ] && echo /dev/stdin || echo "$1")"
    [ "$NJOBS" -gt 0 ] || die "batch: $1 holds no jobs"
}

# restart_check N COND: guest lines that end this boot, to boot again
# from job N, when COND holds
restart_check() {
    cat <<EOF
if $2; then
    echo $1 > /job/out/restart
    exit 0
fi
EOF
}

# batch_prepare FIRST: run.sh for jobs FIRST..NJOBS, runners copied in
batch_prepare() {
    : > "$job/jobs.sh"
    i=$1 bfirst=$1
    while [ "$i" -le "$NJOBS" ]; do
        eval "set -- \$JOB_$i"
        job_args "$i" "$@"
        RUNNER=$BATCH_RUNNER
        choose_runner
        JOB_RUNNER=/job/$(basename "$RUNNER")
        [ -f "$JOBROOT/$(basename "$RUNNER")" ] ||
            cp "$RUNNER" "$JOBROOT/" || die "cannot copy $RUNNER"
        {
            # The check before the start line: a host that waits for
            # "job N start" to connect an apprentice must not be misled.
            [ "$i" = "$bfirst" ] || restart_check "$i" \
                "! $JOB_RUNNER --info > /dev/null 2> /tmp/info.err &&
        grep -q 'FCSR leaked' /tmp/info.err"
            echo "echo 'risu-vm-guest: job $i start'"
            echo "t0=\$(cut -d' ' -f1 /proc/uptime)"
            job_script_run "$i" "/job/out/$i"
            echo "echo \"\$t0 \$(cut -d' ' -f1 /proc/uptime)\" >" \
                "/job/out/$i/time"
            [ "$i" = "$bfirst" ] || restart_check "$i" \
                "[ \"\$(cat /job/out/$i/rc)\" = 2 ] &&
        grep -q 'FCSR leaked' /job/out/$i/stderr"
        } >> "$job/jobs.sh"
        i=$((i + 1))
    done
    # The header last: only now is it known whether a job is live.
    { echo '#!/bin/sh'; guest_env; live_script; cat "$job/jobs.sh"; } \
        > "$JOBROOT/run.sh" && chmod 755 "$JOBROOT/run.sh" ||
        die "cannot write $JOBROOT/run.sh"
}

# batch_deliver N: job N's output, files and exit code (in BATCH_RC)
batch_deliver() {
    d=$job/out/$1
    eval "src=\$JOBSRC_$1 args=\$JOB_$1"
    [ -f "$d/rc" ] || die "job $1 ($src) sent no exit code"
    echo "== job $1 ($src): $args"
    cat "$d/stdout"
    cat "$d/stderr" >&2
    eval "outs=\$OUTPUTS_$1"
    for b in $outs; do
        dst=$(output_path "$1" "$b")
        if [ -f "$d/files/$b" ]; then
            cp "$d/files/$b" "$dst" || die "cannot write $dst"
        fi
    done
    rc=$(cat "$d/rc")
    secs=$(awk '{ printf "%.2f", $2 - $1 }' "$d/time" 2> /dev/null)
    [ -z "$BATCH_OUT" ] || {
        cp "$d/stdout" "$BATCH_OUT/$1.stdout" &&
        cp "$d/stderr" "$BATCH_OUT/$1.stderr" &&
        echo "$rc" > "$BATCH_OUT/$1.rc" &&
        echo "$secs" > "$BATCH_OUT/$1.time"
    } || die "cannot write into $BATCH_OUT"
    note "job $1 ($src): exit $rc, ${secs:-?} s in the guest"
    case $rc in
    0) ;;
    1) [ "$BATCH_RC" = 2 ] || BATCH_RC=1 ;;
    *) BATCH_RC=2 ;;
    esac
}

# batch_boot FIRST: one boot for jobs FIRST..; sets NEXT (0 when done)
batch_boot() {
    job=$BATCH_TMP/boot$1
    rm -rf "$job" && mkdir -p "$job/root/job/work" || die "cannot create $job"
    JOBROOT=$job/root/job
    batch_prepare "$1"
    live_boot
    collect
    i=$1 NEXT=0
    [ ! -f "$job/out/restart" ] || NEXT=$(cat "$job/out/restart")
    last=$NJOBS
    [ "$NEXT" = 0 ] || last=$((NEXT - 1))
    while [ "$i" -le "$last" ]; do
        batch_deliver "$i"
        i=$((i + 1))
    done
    start=$(sed -n 's/^risu-vm-guest: job start \([0-9.]*\).*/\1/p' \
        "$job/console.log")
    note "$KERNEL, cpu $CPU: boot to jobs ${start:-?} s, jobs $1..$last," \
        "wall $WALL s"
    if [ "$NEXT" != 0 ]; then
        [ "$NEXT" -gt "$1" ] || die "batch: guest asked to restart at job $NEXT"
        note "job $NEXT: FCSR leaked from an earlier job (this CPU ignores" \
            "FCSR writes): booting again from job $NEXT"
    fi
}

cmd_batch() {
    KERNEL= CPU= TIMEOUT=300 BATCH_RUNNER= MEM= KEEP= BATCH_OUT=
    while [ $# -gt 0 ]; do
        case $1 in
        --kernel) KERNEL=$2; shift 2 ;;
        --cpu) CPU=$2; shift 2 ;;
        --timeout) TIMEOUT=$2; shift 2 ;;
        --cache) CACHE=$2; shift 2 ;;
        --runner) BATCH_RUNNER=$2; shift 2 ;;
        --mem) MEM=$2; shift 2 ;;
        --keep) KEEP=$2; shift 2 ;;
        --outdir) BATCH_OUT=$2; shift 2 ;;
        --quiet) QUIET=1; shift ;;
        -h|--help) usage; exit 0 ;;
        --) shift; break ;;
        -) break ;;
        -*) die "batch: unknown option $1" ;;
        *) break ;;
        esac
    done
    [ -n "$KERNEL" ] || die "batch: --kernel is required ($(vm_kernel_list))"
    check_kernel "$KERNEL"
    [ $# = 1 ] || die "batch: one JOBFILE expected"
    BATCH_FILE=$1
    batch_read "$1"
    CPU=${CPU:-$(kv "$KERNEL" cpu)} MEM=${MEM:-$(kv "$KERNEL" mem)}
    [ -z "$BATCH_OUT" ] || mkdir -p "$BATCH_OUT" ||
        die "cannot create $BATCH_OUT"
    setup_kernel "$KERNEL"
    if [ -n "$KEEP" ]; then
        BATCH_TMP=$KEEP; rm -rf "$BATCH_TMP"; mkdir -p "$BATCH_TMP"
    else
        BATCH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/risu-vm.XXXXXX") ||
            die "mktemp"
        trap 'rm -rf "$BATCH_TMP"' EXIT
    fi
    BATCH_RC=0 first=1
    while :; do
        batch_boot "$first"
        [ "$NEXT" != 0 ] || break
        first=$NEXT
    done
    return "$BATCH_RC"
}
