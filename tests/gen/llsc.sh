#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A store-conditional is generated off the last load-linked's address
# (gen/seq.c llsc_offset), so it fails under qemu-user as under a real
# kernel (docs/kernel-diffs.md, SC after a checkpoint): with LL/SC on
# four block offsets, no SC on its own succeeds under qemu-user, and
# every SC paired with the LL before it (gen/llsc.c, no trap between)
# does.  The control, pinned to one offset (the kernel-diffs recipe),
# must show successes on their own: the check can fail.
set -u
. tests/runner/lib.sh
runner_tests_init llsc 9
G=$BUILD/risugen
R=$BUILD/risu-mips64el
Q="qemu-mips64el -cpu 5KEf"
if [ ! -x "$R" ] || ! command -v qemu-mips64el > /dev/null; then
    echo "llsc: no runner or qemu-mips64el, skipped"
    exit 0
fi

# count_sc IMAGE: "ALONE SUCCEEDED PAIRED SUCCEEDED" from a --dump (rt
# after each SC/SCD; paired: right after an LL/LLD)
count_sc() {
    $Q "$R" --dump "$1" > "$T/dump" 2>&1
    python3 - "$1" "$T/dump" <<'PY'
import struct, sys
b = open(sys.argv[1], "rb").read()
ml, cl = struct.unpack("<II", b[-8:])
meta = b[cl:cl + ml].decode().split("\n")
i = next(k for k, l in enumerate(meta) if l.startswith("insns="))
tab = [(int(l.split()[0], 16), l.split()[1]) for l in meta[i + 1:] if l]
sc = [(off, k > 0 and tab[k - 1][0] == off - 4 and
       tab[k - 1][1] in ("LL", "LLD"))
      for k, (off, name) in enumerate(tab) if name in ("SC", "SCD")]
names = ("zero at v0 v1 a0 a1 a2 a3 a4 a5 a6 a7 t0 t1 t2 t3 s0 s1 s2 s3 "
         "s4 s5 s6 s7 t8 t9 k0 k1 gp sp fp ra").split()
cps = []
for line in open(sys.argv[2]):
    if line.startswith("checkpoint "):
        cps.append((int(line.split()[5], 16), {}))
    elif line.startswith("  ") and "=" in line and cps:
        k, v = line.strip().split("=")
        cps[-1][1][k] = int(v, 16)
n = [0, 0, 0, 0]
for off, paired in sc:
    rt = names[(struct.unpack_from("<I", b, off)[0] >> 16) & 31]
    after = [c for c in cps if c[0] > off]
    if after and rt != "zero":
        n[2 * paired] += 1
        n[2 * paired + 1] += after[0][1].get(rt) == 1
print(*n)
PY
}

"$G" --arch mips64el --cpu 5KEf --overlay tests/gen/llsc-2k.overlay \
    --pattern 'LLD?|SCD?' -n 400 -s 5 -o "$T/kept.bin" > /dev/null 2>&1
read -r n won np pwon <<< "$(count_sc "$T/kept.bin")"
[ "${n:-0}" -ge 100 ] && [ "$won" = 0 ] && ok ||
    bad "SC off the linked address: $won of $n SCs succeeded (want 0 of >= 100)"
[ "${np:-0}" -ge 20 ] && [ "$pwon" = "$np" ] && ok ||
    bad "LL+SC pairs: $pwon of $np SCs succeeded (want all of >= 20)"
echo "llsc: $n SCs alone, none succeeded; $pwon of $np paired succeeded"

"$G" --arch mips64el --cpu 5KEf --overlay tests/vm/fixtures/llsc-pinned.overlay \
    --pattern 'LLD?|SCD?' -n 400 -s 5 -o "$T/pinned.bin" > /dev/null 2>&1
read -r n won np pwon <<< "$(count_sc "$T/pinned.bin")"
[ "${won:-0}" -ge 10 ] && ok ||
    bad "control (pinned): $won of $n SCs succeeded under qemu-user (want >= 10)"
echo "llsc: SCs succeeded: $won of $n pinned (control)"
summary llsc
