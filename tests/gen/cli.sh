#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# risugen command-line tests: output formats, determinism, diagnostics
# and exit codes, no partial output.  Usage: cli.sh RISUGEN WORKDIR
# (run from the source root).
set -u
GEN=$1
W=$2
FIX=tests/gen
fail=0
n=0
rm -rf "$W"
mkdir -p "$W"

ok() { n=$((n + 1)); }
bad() { echo "check-gen: FAIL: $*" >&2; fail=$((fail + 1)); n=$((n + 1)); }

# expect STATUS PATTERN -- ARGS: exit status and a stderr/stdout regex.
expect() {
    want=$1 re=$2
    shift 3
    "$GEN" "$@" >"$W/out" 2>"$W/err"
    got=$?
    if [ "$got" != "$want" ]; then
        bad "exit $got (want $want): risugen $*"; cat "$W/err" >&2
    elif [ -n "$re" ] && ! grep -Eq -- "$re" "$W/out" "$W/err"; then
        bad "no /$re/ from: risugen $*"; cat "$W/err" >&2
    else
        ok
    fi
}

have() { command -v "$1" >/dev/null 2>&1; }

B="--arch mipsel --cpu 74Kf -n 2000"

# ---- determinism -------------------------------------------------------
"$GEN" $B --seed 5 -o "$W/a.bin" $FIX/basic.decode || bad "raw a"
"$GEN" $B --seed 5 -o "$W/b.bin" "$PWD/$FIX/basic.decode" || bad "raw b"
(cd "$W" && TZ=Asia/Tokyo LC_ALL=C.UTF-8 "$OLDPWD/$GEN" $B --seed 5 \
     -o c.bin "$OLDPWD/$FIX/basic.decode") || bad "raw c"
"$GEN" $B --seed 6 -o "$W/d.bin" $FIX/basic.decode || bad "raw d"
cmp -s "$W/a.bin" "$W/b.bin" && ok || bad "same seed, other path: differ"
cmp -s "$W/a.bin" "$W/c.bin" && ok || bad "same seed, other cwd/TZ: differ"
cmp -s "$W/a.bin" "$W/d.bin" && bad "different seeds: same image" || ok
"$GEN" $B --seed 5 -o "$W/a.elf" $FIX/basic.decode || bad "elf a"
"$GEN" $B --seed 5 --format elf -o "$W/b.img" $FIX/basic.decode || bad "elf b"
cmp -s "$W/a.elf" "$W/b.img" && ok || bad "same seed ELF images differ"
for a in mips mips64el mipsr6el aarch64; do
    case $a in
    aarch64) f=$FIX/a64.decode ;;
    *) f=$FIX/basic.decode ;;
    esac
    "$GEN" --arch $a -n 500 --seed 9 -o "$W/$a.1.elf" $f &&
    "$GEN" --arch $a -n 500 --seed 9 -o "$W/$a.2.elf" $f &&
    cmp -s "$W/$a.1.elf" "$W/$a.2.elf" && ok || bad "$a ELF not deterministic"
done

# ---- output formats -----------------------------------------------------
# Raw: code, metadata, 16-byte trailer "RISUMETA".
tail -c 16 "$W/a.bin" | head -c 8 | grep -q RISUMETA && ok || bad "raw trailer"
grep -aq "^pattern-file=basic.decode [0-9a-f]\{64\}$" "$W/a.bin" && ok ||
    bad "raw metadata lacks the pattern digest"
grep -aq "^insns=2000$" "$W/a.bin" && ok || bad "raw metadata insns"
if have mipsel-linux-gnu-objdump; then
    mipsel-linux-gnu-objdump -d "$W/a.elf" >"$W/dis" 2>&1
    grep -q "<ADDU\.[0-9]*>:" "$W/dis" && grep -q "<LW\.[0-9]*>:" "$W/dis" &&
        ok || bad "objdump -d shows no pattern symbols"
fi
if have readelf; then
    readelf -n "$W/a.elf" >"$W/notes" 2>&1
    grep -q "risu-dt" "$W/notes" && grep -q "0x52495355" "$W/notes" && ok ||
        bad "readelf -n shows no risu-dt note"
    readelf -h "$W/mips.1.elf" | grep -q "Big endian\|big endian" && ok ||
        bad "mips ELF not big-endian"
    readelf -h "$W/mipsr6el.1.elf" | grep -q "mips32r6" && ok ||
        bad "R6 ELF flags"
    "$GEN" --arch mipsel --cpu P5600 -n 10 -o "$W/p.elf" $FIX/basic.decode
    readelf -h "$W/p.elf" | grep -q "nan2008" && readelf -h "$W/p.elf" |
        grep -q "fp64" && ok || bad "P5600 ELF lacks nan2008/fp64 flags"
fi
if have arm-linux-gnueabihf-objdump; then
    "$GEN" --arch thumb -n 300 -o "$W/t.elf" --insnwidth 16 $FIX/t16.decode \
        --insnwidth 32 $FIX/t32.decode || bad "thumb"
    arm-linux-gnueabihf-objdump -d "$W/t.elf" >"$W/tdis" 2>&1
    grep -q "<ADD_rrr\.[0-9]*>:" "$W/tdis" && ! grep -q "undefined" "$W/tdis" &&
        ok || bad "thumb ELF disassembly"
    readelf -h "$W/t.elf" | grep -q "Version5 EABI" && ok ||
        bad "ARM ELF lacks EF_ARM_EABI_VER5"
fi

# ---- --verify, --list, --dry-run ------------------------------------------
expect 0 "0 problem" -- --arch mipsel --cpu P5600 -n 3000 --verify \
    -o "$W/v.bin" $FIX/basic.decode
expect 0 "0 problem" -- --arch mips64el --cpu Loongson-3A4000 -n 2000 \
    --verify -o "$W/v.bin" arch/mips/base.decode
expect 0 "0 problem" -- --arch aarch64 -n 2000 --verify -o "$W/v.bin" \
    $FIX/a64.decode
expect 0 "0 problem" -- --arch arm -n 2000 --verify -o "$W/v.bin" \
    $FIX/a32.decode
expect 0 "^LW +tests/gen/basic.decode:24 weight=1 tags=mem" -- \
    --arch mipsel --list $FIX/basic.decode
expect 0 "ADDU.*tags=alu,overlaid" -- --arch mipsel --list \
    --overlay $FIX/basic.overlay $FIX/basic.decode
expect 0 "OPTRAP TESTEND" -- --arch mipsel --dry-run -n 5 $FIX/basic.decode
# An overlay naming a pattern the file lacks: an error naming the line,
# or with --allow-unmatched-overlay a warning and a count, the rest applied.
expect 2 "newer.overlay:3: error: no pattern matches NEWOP" -- --arch mipsel \
    --list --overlay $FIX/newer.overlay $FIX/basic.decode
expect 0 "newer.overlay:3: warning: no pattern matches NEWOP" -- \
    --arch mipsel --list --allow-unmatched-overlay \
    --overlay $FIX/newer.overlay $FIX/basic.decode
grep -q "1 of 2 lines match no pattern" "$W/err" && ok ||
    bad "--allow-unmatched-overlay: no count"
grep -q "ADDU.*tags=alu,overlaid" "$W/out" && ok ||
    bad "--allow-unmatched-overlay: matched lines not applied"
# Linaro-style positional output; the default pattern list.
expect 0 "" -- --arch mipsel -n 10 $FIX/basic.decode "$W/pos.bin"
[ -s "$W/pos.bin" ] && ok || bad "positional OUT not written"
expect 0 "" -- --arch mipsel -n 10 -o "$W/dflt.bin"
# (--drop-unsatisfiable: r6.decode AUI/LSA duplicate base LUI, msa LSA)
expect 0 "" -- --arch mips64r6el --cpu I6400 -n 10 --drop-unsatisfiable \
    -o "$W/dflt.bin"

# ---- diagnostics: exit 2, nearest names ----------------------------------
expect 2 "unknown arch 'mipsle'.*did you mean 'mips'" -- --arch mipsle \
    -o "$W/x.bin" $FIX/basic.decode
expect 2 "unknown CPU model '24kx'.*did you mean.*'24Kf'" -- --arch mipsel \
    --cpu 24kx -o "$W/x.bin" $FIX/basic.decode
expect 2 "unknown mips feature 'mza'.*'msa'" -- --arch mipsel \
    --features mza -o "$W/x.bin" $FIX/basic.decode
expect 2 "--pattern 'ADDUU' matches no pattern.*'ADDU'" -- --arch mipsel \
    --pattern ADDUU -o "$W/x.bin" $FIX/basic.decode
expect 2 "unknown group 'alux'.*'alu'" -- --arch mipsel --group alux \
    -o "$W/x.bin" $FIX/basic.decode
expect 2 "no pattern selected" -- --arch mipsel --pattern ADDU \
    --not-pattern ADDU -o "$W/x.bin" $FIX/basic.decode
expect 2 "no pattern selected.*need features" -- --arch mipsel --cpu 24Kf \
    --pattern ADDV_B -o "$W/x.bin" $FIX/basic.decode
expect 2 "cannot be combined" -- --arch mipsel --list -o "$W/x.bin" \
    $FIX/basic.decode
expect 2 "fr0 and fr1 contradict" -- --arch mipsel --features fr0,fr1 \
    -o "$W/x.bin" $FIX/basic.decode
expect 2 "Release 6 needs --arch mipsr6el" -- --arch mipsel \
    --cpu mips32r6-generic -o "$W/x.bin" $FIX/basic.decode
expect 2 "is 32-bit" -- --arch mips64el --cpu 24Kf -o "$W/x.bin" \
    $FIX/basic.decode
expect 2 "unsat.decode:5: error: .*rs == 1 && rs == 2" -- --arch mipsel \
    -o "$W/x.bin" $FIX/unsat.decode
# "#@ pcrel": a target not linear in its field, a field that reaches no
# literal pool: file:line errors, no image
expect 2 "pcrel.decode:6: error: pattern NONLIN: pcrel target is not "\
"linear in imm" -- --arch mipsel --pattern NONLIN -o "$W/x.bin" \
    $FIX/pcrel.decode
expect 2 "pcrel.decode:9: error: pattern NEAR: no literal pool within "\
"reach" -- --arch mipsel --pattern NEAR -o "$W/x.bin" $FIX/pcrel.decode
# The start-up solver: proofs name the expressions; a constraint blind
# draws would hit once in 2^26 tries is met through its seeds.
expect 2 "solve.decode:6: error: .*cannot hold together: 'rs < 3' 'rs > 5'" \
    -- --arch mipsel -o "$W/x.bin" $FIX/solve.decode
expect 2 "solve.decode:9: error: .*every word is reserved by" -- \
    --arch mipsel -o "$W/x.bin" $FIX/solve.decode
if "$GEN" --arch mipsel -n 500 -s 5 --drop-unsatisfiable --dry-run \
        $FIX/solve.decode >"$W/solve.seq" 2>/dev/null; then
    awk '$3 == "RARE" { n++; if ($2 != "36231234") bad++ }
         END { exit !(n > 0 && bad == 0) }' "$W/solve.seq" && ok ||
        bad "solve.decode: RARE not generated, or not 0x36231234"
else
    bad "risugen --drop-unsatisfiable solve.decode failed"
fi
expect 2 "badrole.decode:3: error: unknown register class 'gprs'" -- \
    --arch mipsel -o "$W/x.bin" $FIX/badrole.decode
expect 2 "refusing to overwrite" -- --arch mipsel $FIX/basic.decode \
    $FIX/shadow.decode
expect 2 "cannot read pattern file" -- --arch mipsel -o "$W/x.bin" \
    $FIX/nonexistent.decode
expect 2 "cannot write output" -- --arch mipsel -o /nonexistent/dir/x.bin \
    $FIX/basic.decode
expect 2 "cannot write output" -- --arch mipsel -o /etc/passwd/x.bin \
    $FIX/basic.decode
expect 2 "is a directory" -- --arch mipsel -o "$W" $FIX/basic.decode
[ ! -e "$W/x.bin" ] && ok || bad "an error left $W/x.bin"
# An error after the output was opened leaves the old file and no temp.
echo old >"$W/keep.bin"
expect 2 "" -- --arch mipsel -o "$W/keep.bin" --numinsns 5 \
    --pattern BAD $FIX/unsat.decode
[ "$(cat "$W/keep.bin")" = old ] && ok || bad "failed run replaced output"
ls -a "$W" | grep -q '^\.keep\.bin\.' && bad "temporary file left" || ok

# ---- default lists: "--requires F" lines load for targets with F ---------
D=$W/data/arch/mips
mkdir -p "$D"
cp $FIX/basic.decode "$D/basic.decode"
printf '%s\n' "#@ requires dspr2" "#@ reg gpr rd rs rt" \
    "ONLYR2 011111 rs:5 rt:5 rd:5 01000 011000" >"$D/r2only.decode"
printf '%s\n' basic.decode "--requires dspr2 r2only.decode" \
    >"$D/default-mipsel.list"
RISU_DT_DATADIR=$W/data "$GEN" --arch mipsel --cpu 74Kf --list \
    >"$W/l74" 2>&1 && grep -q '^ONLYR2 ' "$W/l74" && ok ||
    bad "--requires dspr2: 74Kf does not load the file"
RISU_DT_DATADIR=$W/data "$GEN" --arch mipsel --cpu 34Kf -n 20 \
    -o "$W/l34.bin" >"$W/l34" 2>&1 && ! grep -aq 'r2only' "$W/l34.bin" &&
    ok || bad "--requires dspr2: 34Kf loads the file or fails"
printf '%s\n' basic.decode "--requires dsq r2only.decode" \
    >"$D/default-mipsel.list"
RISU_DT_DATADIR=$W/data "$GEN" --arch mipsel --cpu 74Kf --list \
    >"$W/lbad" 2>&1
[ $? = 2 ] && grep -q "default-mipsel.list:2: error: --requires: unknown \
feature 'dsq'" "$W/lbad" && ok || bad "--requires with a bad feature"

# ---- malformed inputs: file:line and exit 2, nothing generated -------------
printf '.mode aarch64\nADD_imm A64 sf 0 0 100010 sh imm:12 rn:5 rd:5 %s\n' \
    '{ $rn != 31 && $rd != 31;' >"$W/unclosed.risu"
echo 'MADD A64 sf 00 11011 000 rm:5 0 ra:5 rn:5 rd:5' >>"$W/unclosed.risu"
expect 2 "unclosed.risu:2: error: .*unterminated" -- -n 300 \
    -o "$W/x.bin" "$W/unclosed.risu"
[ ! -e "$W/x.bin" ] && ok || bad "an unclosed block still gave an image"

# ---- RISU semantics: overlapping patterns and RISU's Perl helpers ---------
# Every pattern generates with no flag, each word meeting its own
# constraint (the field values are checked here, not by the generator).
OV=tests/decode/risufile/overlap.risu
if "$GEN" -n 3000 -s 3 --dry-run "$OV" >"$W/ov.seq" 2>"$W/err"; then
    ok
else
    bad "risugen $OV: $(cat "$W/err")"
fi
awk '$3 ~ /_A64$/ { print $2, $3 }' "$W/ov.seq" >"$W/ov.words"
for p in GENERIC SPEC1 SPEC3 TWIN TWIN_RES HSEXT HZEXT HPOW HCTZ HMEM; do
    grep -q " ${p}_A64\$" "$W/ov.words" && ok || bad "$OV: $p never generated"
done
ovbad=0
while read -r w name; do
    x=$((0x$w)); imm=$(((x >> 10) & 15)); op=$(((x >> 16) & 31))
    sf=$(((x >> 31) & 1)); sn=$(((x >> 22) & 1))
    case $name in
    GENERIC_A64) [ $op -eq 1 ] || [ $op -eq 3 ] || [ $op -eq 7 ] ;;
    TWIN_A64) [ $sf -eq $sn ] ;;
    TWIN_RES_A64) [ $sf -ne $sn ] ;;
    HSEXT_A64) [ $imm -eq 8 ] ;;
    HZEXT_A64) [ $((imm & 7)) -eq 3 ] ;;
    HPOW_A64) [ $imm -eq 1 ] || [ $imm -eq 2 ] || [ $imm -eq 4 ] ||
        [ $imm -eq 8 ] ;;
    HCTZ_A64) [ $imm -ge 8 ] ;;
    *) true ;;
    esac || { echo "check-gen: $name $w breaks its constraint" >&2; ovbad=1; }
done <"$W/ov.words"
[ $ovbad -eq 0 ] && ok || bad "$OV: words break their own constraints"
# An unsatisfiable RISU pattern is named at its .risu line, proven.
printf '.mode aarch64\nOK A64 1101 0101 0000 0011 0010 0000 000 imm:5\n\n%s\n' \
    'NO A64 1101 0101 0000 0011 0010 0001 000 imm:5 { $imm > 40; }' \
    >"$W/unsat.risu"
expect 2 "unsat.risu:4: error: pattern NO_A64 .*'imm > 40' is unsatisfiable \\(proven" \
    -- -n 10 -o "$W/x.bin" "$W/unsat.risu"

# A memory access the 8 KiB block cannot hold: refused at its mem line.
sed 's/size=4 align=4/size=65536 align=4/' $FIX/basic.decode >"$W/bigmem.decode"
expect 2 "bigmem.decode:23: error: pattern LW: mem size=65536 is larger" -- \
    --arch mipsel -n 100 -o "$W/x.bin" "$W/bigmem.decode"
sed 's/size=4 align=4/size=5000 align=1/' $FIX/basic.decode >"$W/m5000.decode"
expect 2 "m5000.decode:23: error: .*--mem unaligned" -- --arch mipsel \
    -n 100 --mem unaligned -o "$W/x.bin" "$W/m5000.decode"
expect 0 "" -- --arch mipsel -n 100 -o "$W/x.bin" "$W/m5000.decode"
rm -f "$W/x.bin"

# ---- outputs that are not regular files ---------------------------------
# A device or pipe is written to, never replaced; "-" is stdout.  A
# private null device where we may make one: a broken risugen running as
# root would replace the system's /dev/null (as it once did).
NULLDEV=/dev/null
mknod -m 666 "$W/null" c 1 3 2>/dev/null && NULLDEV=$W/null
expect 0 "" -- --arch mipsel -n 50 -o "$NULLDEV" $FIX/basic.decode
[ -c "$NULLDEV" ] && ok || bad "-o $NULLDEV replaced the device"
"$GEN" --arch mipsel -n 50 --seed 3 -o "$W/ref.bin" $FIX/basic.decode
"$GEN" --arch mipsel -n 50 --seed 3 -o - $FIX/basic.decode >"$W/stdout.bin" &&
    cmp -s "$W/ref.bin" "$W/stdout.bin" && ok || bad "-o - differs from a file"
ln -s /proc/self/fd/1 "$W/stdout"
"$GEN" --arch mipsel -n 50 --seed 3 -o "$W/stdout" $FIX/basic.decode |
    cat >"$W/pipe.bin"
cmp -s "$W/ref.bin" "$W/pipe.bin" && ok || bad "-o a link to stdout (a pipe)"
[ -L "$W/stdout" ] && ok || bad "-o a link to stdout replaced the link"
"$GEN" --arch mipsel -n 50 --seed 3 -o "$W/ref.elf" $FIX/basic.decode
"$GEN" --arch mipsel -n 50 --seed 3 --format elf -o - $FIX/basic.decode |
    cat >"$W/pipe.elf"
cmp -s "$W/ref.elf" "$W/pipe.elf" && ok || bad "ELF through a pipe differs"
rm -f "$W/fifo"; mkfifo "$W/fifo"
cat "$W/fifo" >"$W/fifo.bin" &
"$GEN" --arch mipsel -n 50 --seed 3 -o "$W/fifo" $FIX/basic.decode
wait
[ -p "$W/fifo" ] && cmp -s "$W/ref.bin" "$W/fifo.bin" && ok ||
    bad "-o FIFO replaced or wrong"
python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' \
    "$W/sock"
expect 2 "is a socket; refusing" -- --arch mipsel -o "$W/sock" \
    $FIX/basic.decode
[ -S "$W/sock" ] && ok || bad "the socket was replaced"
# A symlink to an image: the image is replaced, the link stays a link.
ln -sf ref.bin "$W/link.bin"
expect 0 "" -- --arch mipsel -n 20 -o "$W/link.bin" $FIX/basic.decode
[ -L "$W/link.bin" ] && ok || bad "symlink output replaced by a file"
# I/O errors: exit 2 with the path and the reason.
FULLDEV=/dev/full
mknod -m 666 "$W/full" c 1 7 2>/dev/null && FULLDEV=$W/full
expect 2 "writing $FULLDEV: No space left on device" -- --arch mipsel \
    -n 50 -o "$FULLDEV" $FIX/basic.decode
expect 2 "pattern file $W: Is a directory" -- --arch mipsel -o "$W/x.bin" \
    "$W"
expect 2 "'msa' is both added and removed" -- --arch mipsel \
    --features msa,no-msa -o "$W/x.bin" $FIX/basic.decode

# ---- sizes are checked before anything is written -------------------------
expect 2 "raw format's 32-bit code length" -- --arch mipsel -n 10000000000 \
    -o "$W/huge.bin" $FIX/basic.decode
start=$(date +%s)
expect 2 "more than the 256 MiB a runner loads" -- --arch mipsel \
    -n 13000000 -o "$W/huge.bin" $FIX/basic.decode
[ $(($(date +%s) - start)) -le 2 ] && ok || bad "the size check came late"
[ ! -e "$W/huge.bin" ] && ok || bad "an oversized image was written"
ls -a "$W" | grep -q '^\.huge\.bin\.' && bad "temporary file left" || ok
# Free space: a 1 MiB tmpfs, where the privileges allow mounting one.
mkdir -p "$W/small"
if mount -t tmpfs -o size=1m tmpfs "$W/small" 2>/dev/null; then
    expect 2 "not enough space for .*needs at least" -- --arch mipsel \
        -n 200000 -o "$W/small/x.bin" $FIX/basic.decode
    [ -z "$(ls -A "$W/small")" ] && ok || bad "full disk: files left"
    umount "$W/small"
else
    echo "check-gen: skip: free-space check (cannot mount a tmpfs)"
fi

# ---- an interrupted run removes its temporary file -----------------------
for sig in INT TERM HUP; do
    env --default-signal=$sig "$GEN" --arch mipsel -n 8000000 \
        -o "$W/sig.bin" $FIX/basic.decode >/dev/null 2>&1 &
    pid=$!
    i=0
    while [ $i -lt 50 ] && ! ls -a "$W" | grep -q '^\.sig\.bin\.'; do
        sleep 0.1; i=$((i + 1))
    done
    kill -$sig $pid
    wait $pid
    st=$?
    [ $st -gt 128 ] && ok || bad "SIG$sig: exit $st, not killed by the signal"
    ls -a "$W" | grep -q '^\.sig\.bin\.' && bad "SIG$sig left the temp file" ||
        ok
    [ ! -e "$W/sig.bin" ] && ok || bad "SIG$sig left an image"
done

# ---- blocks (Thumb IT): members follow with nothing in between ---------
TB="--arch thumb --cpu max --insnwidth 16"
if "$GEN" $TB -n 300 -s 3 --pattern IT --dry-run $FIX/block.decode \
        >"$W/blk" 2>"$W/err"; then
    # after "IT" with mask=m come m ADD_rrr words, no trap, no set-up
    awk 'left > 0 { if ($3 != "ADD_rrr") bad++; left--; next }
         $3 == "IT" {
             its++; left = index("0123456789abcdef", substr($2, 4, 1)) - 1
         }
         END { exit !(its > 20 && !bad && !left) }' "$W/blk" && ok ||
        bad "block members: $(grep -m3 -A3 ' IT$' "$W/blk")"
else
    bad "risugen --pattern IT block.decode"; cat "$W/err" >&2
fi
expect 2 "block.decode:11: error: pattern ITBAD: block count cond\+1 is \
[0-9]+, not 1 to 8" -- \
    $TB -n 300 -s 3 --pattern ITBAD -o "$W/x.bin" $FIX/block.decode
expect 2 "block.decode:9: error: pattern IT: no pattern may be a member" -- \
    $TB -n 30 --pattern IT --not-pattern ADD_rrr -o "$W/x.bin" \
    $FIX/block.decode

# ---- the image runs (when the MIPS runner is built) ---------------------
R=$(dirname "$GEN")/risu-mipsel
if [ -x "$R" ] && have qemu-mipsel; then
    "$GEN" --arch mipsel --cpu 24Kf -n 3000 -o "$W/run.bin" \
        arch/mips/base.decode
    timeout 120 qemu-mipsel -cpu 24Kf "$R" --dump "$W/run.bin" \
        >"$W/run.out" 2>&1 && ok || bad "risu-mipsel --dump failed"
fi

echo "check-gen: $n checks, $fail failed"
[ "$fail" = 0 ]
