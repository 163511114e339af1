# SPDX-License-Identifier: GPL-2.0-or-later
"""Progress on stderr: jobs done/total, counts, ETA.

On a terminal one status line is redrawn; in a CI log (not a tty) one line
per finished job, so the log shows what ran when.  The ETA extrapolates
from the jobs finished in this invocation (jobs resumed from an earlier
run cost nothing and would make it optimistic).
"""

import sys
import threading
import time
from typing import Dict, Optional, TextIO

from .results import STATUSES


def fmt_seconds(s: float) -> str:
    s = int(round(s))
    if s >= 3600:
        return "%dh%02dm" % (s // 3600, s % 3600 // 60)
    if s >= 60:
        return "%dm%02ds" % (s // 60, s % 60)
    return "%ds" % s


class Progress:
    def __init__(self, total: int, already: Dict[str, int],
                 stream: Optional[TextIO] = None, tty: Optional[bool] = None):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.total = total
        self.counts = {s: already.get(s, 0) for s in STATUSES}
        self.resumed = sum(self.counts.values())
        self.done_now = 0
        self.t0 = time.monotonic()
        self.lock = threading.Lock()

    @property
    def done(self) -> int:
        return self.resumed + self.done_now

    def eta(self) -> Optional[float]:
        left = self.total - self.done
        if self.done_now == 0:
            return None
        return (time.monotonic() - self.t0) / self.done_now * left

    def line(self) -> str:
        pct = 100.0 * self.done / self.total if self.total else 100.0
        eta = self.eta()
        c = self.counts
        return ("[%d/%d %3.0f%%] pass %d fail %d skip %d error %d  ETA %s"
                % (self.done, self.total, pct, c["pass"], c["fail"], c["skip"],
                   c["error"], "-" if eta is None else fmt_seconds(eta)))

    def start(self) -> None:
        if self.resumed:
            self._emit("resuming: %d of %d jobs already finished" %
                       (self.resumed, self.total), newline=True)

    def job_done(self, result: Dict) -> None:
        with self.lock:
            self.done_now += 1
            self.counts[result["status"]] += 1
            if self.tty:
                self._emit(self.line())
            else:
                self._emit("%s %-5s %s (%.1fs)%s" % (
                    self.line(), result["status"].upper(), result["id"],
                    result.get("seconds", 0),
                    ": " + result.get("message", "") if result["status"] != "pass"
                    else ""), newline=True)

    def finish(self) -> None:
        if self.tty:
            self._emit(self.line(), newline=True)
        self._emit("%d jobs in %s" % (self.done_now,
                                      fmt_seconds(time.monotonic() - self.t0)),
                   newline=True)

    def _emit(self, text: str, newline: bool = False) -> None:
        if self.tty:
            self.stream.write("\r\033[K" + text + ("\n" if newline else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
