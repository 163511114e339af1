# SPDX-License-Identifier: GPL-2.0-or-later
"""Which arm gets the next unit: UCB1 (docs/hunt.md "Budget").

Reward of a unit = 1 if it produced at least one new cluster, else 0.
Every arm is played once first; then the arm with the highest
mean + C * sqrt(ln(plays) / arm plays) is chosen.  A unit still running
counts as a play with reward 0, so parallel workers spread over arms
instead of all taking the current leader.  Arms that fail (risugen or a
recording error) three times in a row are retired.
"""

import math
import threading
from typing import Dict, List, Optional

C = math.sqrt(2.0)
MAX_ERRORS = 3


class Bandit:
    def __init__(self, arms: List[str]):
        self.arms = list(arms)
        self.plays: Dict[str, int] = {a: 0 for a in arms}
        self.reward: Dict[str, float] = {a: 0.0 for a in arms}
        self.running: Dict[str, int] = {a: 0 for a in arms}
        self.errors: Dict[str, int] = {a: 0 for a in arms}
        self.lock = threading.Lock()

    def live(self) -> List[str]:
        return [a for a in self.arms if self.errors[a] < MAX_ERRORS]

    def score(self, a: str, total: int) -> float:
        n = self.plays[a] + self.running[a]
        if n == 0:
            return math.inf
        return self.reward[a] / n + C * math.sqrt(math.log(max(total, 1)) / n)

    def pick(self) -> Optional[str]:
        with self.lock:
            live = self.live()
            if not live:
                return None
            total = sum(self.plays[a] + self.running[a] for a in live)
            # ties: the arm listed first (deterministic for one worker)
            best = max(live, key=lambda a: (self.score(a, total),
                                             -self.arms.index(a)))
            self.running[best] += 1
            return best

    def done(self, arm: str, reward: float, error: bool = False) -> None:
        with self.lock:
            self.running[arm] = max(0, self.running[arm] - 1)
            if error:
                self.errors[arm] += 1
                return
            self.errors[arm] = 0
            self.plays[arm] += 1
            self.reward[arm] += reward

    def replay(self, arm: str, reward: float) -> None:
        """A unit finished in an earlier invocation (resume)."""
        if arm in self.plays:
            self.plays[arm] += 1
            self.reward[arm] += reward

    def table(self) -> List[Dict]:
        return [{"arm": a, "units": self.plays[a], "reward": self.reward[a],
                 "errors": self.errors[a]} for a in self.arms]
