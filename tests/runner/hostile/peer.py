#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A hostile live-protocol peer for the runner tests (run.sh).

As a fake apprentice (--connect) it faces a real `risu --master`; as a
fake master (--listen) a real apprentice.  Each --case is one way to lie,
stall or flood; the runner under test must end with exit 2 (or its own
verdict where noted in run.sh) within its --timeout plus a second.
Speaks protocol 3 (docs/trace-format.md): hello, trace stream, verdict.
"""
import argparse
import hashlib
import os
import socket
import struct
import sys
import time
import zlib

HELLO_MAGIC = b"RISUHELO"
VERDICT_MAGIC = b"RISUVRDT"


def recv_exact(s, n):
    buf = b""
    while len(buf) < n:
        part = s.recv(n - len(buf))
        if not part:
            raise EOFError("peer closed")
        buf += part
    return buf


def read_hello(s):
    head = recv_exact(s, 16)
    if head[:8] != HELLO_MAGIC:
        raise ValueError("not a hello: %r" % head)
    length = struct.unpack_from("<I", head, 12)[0]
    return head + recv_exact(s, length + 4)


def read_stream(s):
    """The trace stream up to and including the end chunk.
    Returns (bytes, record count from the end chunk)."""
    data = recv_exact(s, 12)
    while True:
        hdr = recv_exact(s, 20)
        payload = recv_exact(s, struct.unpack_from("<I", hdr, 8)[0])
        data += hdr + payload
        if hdr[0:1] == b"E":
            count, shift = 0, 0
            for b in payload:
                count |= (b & 0x7F) << shift
                shift += 7
                if not b & 0x80:
                    break
            return data, count


def verdict(v, ndiverge, ncompared, nrecords, digest):
    m = VERDICT_MAGIC + struct.pack("<IQQQ", v, ndiverge, ncompared,
                                    nrecords) + digest
    return m + struct.pack("<I", zlib.crc32(m))


def slow_send(s, data, gap):
    for i in range(len(data)):
        s.sendall(data[i:i + 1])
        time.sleep(gap)


def idle(seconds=60):
    time.sleep(seconds)


def fake_apprentice(s, case):
    if case == "stall-hello":
        return idle()
    hello = read_hello(s)
    if case == "slow-hello":
        return slow_send(s, hello, 0.25)
    if case == "garbage-hello":
        s.sendall(os.urandom(200))
        return idle()
    s.sendall(hello)
    if case == "match-at-once":
        s.sendall(verdict(0, 0, 0, 0, bytes(32)))
        return idle()
    if case == "stall-stream":
        return idle()
    if case == "flood-stream":
        end = time.time() + 30
        while time.time() < end:
            s.sendall(b"\xa5" * 65536)
        return
    if case == "disconnect-stream":
        recv_exact(s, 100)
        s.close()
        return
    data, count = read_stream(s)
    digest = hashlib.sha256(data).digest()
    if case == "zero-with-mismatches":
        s.sendall(verdict(0, 12345, count, count, digest))
    elif case == "wrong-digest":
        s.sendall(verdict(0, 0, count, count, hashlib.sha256(b"x").digest()))
    elif case == "short-count":
        s.sendall(verdict(0, 0, count - 1, count - 1, digest))
    elif case == "garbage-verdict":
        s.sendall(os.urandom(72))
    elif case == "slow-verdict":
        return slow_send(s, verdict(0, 0, count, count, digest), 0.25)
    elif case == "stall-verdict":
        pass
    elif case == "honest":
        s.sendall(verdict(0, 0, count, count, digest))
    else:
        sys.exit("unknown case " + case)
    idle()


def fake_master(s, case, trace):
    if case == "stall-hello":
        return idle()
    hello = read_hello(s)
    if case == "slow-hello":
        return slow_send(s, hello, 0.25)
    s.sendall(hello)
    stream = open(trace, "rb").read() if trace else b""
    if case == "stall-stream":
        return idle()
    if case == "garbage-stream":
        s.sendall(b"RISUTRC\n\x01\x00\x00\x00" + os.urandom(4096))
        return idle()
    if case == "stall-mid-stream":
        s.sendall(stream[:len(stream) // 2])
        return idle()
    if case == "disconnect-mid-stream":
        s.sendall(stream[:len(stream) // 2])
        s.close()
        return
    if case == "flood-after-verdict":
        s.sendall(stream)
        recv_exact(s, 72)
        end = time.time() + 30
        try:
            while time.time() < end:
                s.sendall(b"\x5a" * 65536)
        except OSError:
            pass
        return
    sys.exit("unknown case " + case)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--connect", help="fake apprentice: TCP port or path")
    ap.add_argument("--listen", help="fake master: TCP port or path")
    ap.add_argument("--case", required=True)
    ap.add_argument("--trace", help="fake master: a recorded trace to send")
    ap.add_argument("--ready", help="touch this when listening/connected")
    a = ap.parse_args()
    where = a.connect or a.listen
    unix = not where.isdigit()
    fam = socket.AF_UNIX if unix else socket.AF_INET
    addr = where if unix else ("127.0.0.1", int(where))
    try:
        if a.connect:
            deadline = time.time() + 10
            while True:
                s = socket.socket(fam, socket.SOCK_STREAM)
                try:
                    s.connect(addr)
                    break
                except OSError:
                    s.close()
                    if time.time() > deadline:
                        raise
                    time.sleep(0.05)
            if a.ready:
                open(a.ready, "w").close()
            fake_apprentice(s, a.case)
        else:
            ls = socket.socket(fam, socket.SOCK_STREAM)
            ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            ls.bind(addr)
            ls.listen(1)
            if a.ready:
                open(a.ready, "w").close()
            s, _ = ls.accept()
            fake_master(s, a.case, a.trace)
    except (OSError, EOFError):
        pass  # the runner under test hung up: that is its business


if __name__ == "__main__":
    main()
