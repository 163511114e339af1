#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# make check-vm: tools/risu-nightly with a `vm` reference (the mips64el
# Malta kernel, 5KEf) against qemu-mips64el -cpu 5KEf, small.  Night 1
# records the golden trace in the VM once (one boot) and replays it: the
# good implementation passes, one with an injected fault fails.  Night 2
# is served from the store without booting.  The key names the kernel
# package version and the qemu-system version.
. "$(dirname "$0")/lib.sh"
cd "$T" || exit 2
N=$ROOT/tools/risu-nightly
# risugen is a copy (a rebuild during the test must not change keys):
# it finds the pattern files through the data directory
export RISU_DT_DATADIR=$ROOT

# A risu-vm that logs its subcommands, to see whether a night booted.
cat > risu-vm-log <<EOF
#!/bin/sh
echo "\$1" >> "$T/vm-calls"
exec "$VM" "\$@"
EOF
chmod 755 risu-vm-log
cp "$BUILD/risu-mips64el" "$BUILD/risugen" "$BUILD/risu-trace" "$T/"

cat > vm.ini <<EOF
[nightly]
store = store
results = results
risugen = $T/risugen
risu-trace = $T/risu-trace
timeout = 240
shrink = off

[reference malta]
vm-kernel = malta64
cpu = 5KEf
risu-vm = $T/risu-vm-log

[implementation q5kef]
emulator = qemu-mips64el
cpu = 5KEf

[implementation faulty]
emulator = qemu-mips64el
cpu = 5KEf
env = RISU_INJECT=3:t1:0

[suite m64]
arch = mips64el
gen-cpu = 5KEf
runner = $T/risu-mips64el
tags = mips-int
# SC after a checkpoint differs on purpose (docs/kernel-diffs.md)
risugen-args = --not-pattern 'LLD?|SCD?'
seeds = 1
numinsns = 200
references = malta
implementations = q5kef faulty
EOF

# result RUN JOB EXPR: a value of a job's result file
result() {
    python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))' "results/$1/jobs/$2.json" "$3" 2>&1
}
# is RUN JOB EXPR WANT WHAT: EXPR of the job's result is WANT
is() {
    got=$(result "$1" "$2" "$3")
    [ "$got" = "$4" ] && ok "$5" || bad "$5: $2: $got"
}
J=m64.mips-int.s1.n200.malta

echo "nightly-vm: night 1 records in the VM"
expect 0 "config check" "$N" check vm.ini
expect 1 "night 1: one divergence (the injected fault)" "$N" run vm.ini \
    -j 1 --run-id n1
ST='d["status"], d.get("golden"), d.get("message", "")[:60]'
is n1 $J.q5kef "$ST" "('pass', 'recorded', 'match')" \
    "q5kef passes against the VM's golden trace"
is n1 $J.faulty 'd["status"], d["golden"]' "('fail', 'reused')" \
    "faulty fails, golden trace reused"
case $(result n1 $J.faulty 'd["message"]') in
*t1*) ok "the failure names t1" ;;
*) bad "failure message: $(result n1 $J.faulty 'd["message"]')" ;;
esac
[ "$(grep -c '^run$' vm-calls)" = 1 ] && ok "one boot" ||
    bad "risu-vm run called $(grep -c '^run$' vm-calls) times"
key=$(find store -name key.json | head -n 1)
for want in '"kind": "vm"' '"kernel": "malta64"' \
        '"packages": "linux-image-[^"]*-5kc-malta=[^"]*:[0-9a-f]\{64\}' \
        '"qemu-version": "[0-9]' '"cpu": "5KEf"'; do
    grep -q -- "$want" "$key" && ok "key has $want" || bad "key lacks $want"
done
grep -q '"reference": "malta (risu-vm malta64 -cpu 5KEf)"' \
    "$(dirname "$key")/recorded.json" && ok "recorded.json names the VM" ||
    bad "recorded.json: $(cat "$(dirname "$key")/recorded.json")"

echo "nightly-vm: night 2 is served from the store"
: > vm-calls
expect 1 "night 2" "$N" run vm.ini -j 1 --run-id n2
is n2 $J.q5kef 'd["status"], d["golden"]' "('pass', 'reused')" "reused"
grep -q '^run$' vm-calls && bad "night 2 booted a VM" || ok "no boot"

echo "nightly-vm: a kernel risu-vm does not know is an error, not a pass"
sed 's/^vm-kernel = malta64/vm-kernel = nosuch/' vm.ini > bad.ini
expect 2 "check finds it" "$N" check bad.ini
has "risu-vm has no kernel 'nosuch' (known: " "check names the kernels"
expect 2 "unknown kernel" "$N" run bad.ini -j 1 --run-id b1
case $(result b1 $J.q5kef 'd["status"], d["message"]') in
*error*"no kernel 'nosuch'"*) ok "says the kernel is unknown" ;;
*) bad "b1: $(result b1 $J.q5kef 'd["status"], d["message"]')" ;;
esac
finish
