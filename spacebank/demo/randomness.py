"""Fast draws and a memoised wall clock for generating hundreds of thousands of rows.

`Random.randint` and `Random.choices` validate their arguments on every call, which
is most of their cost here; these helpers draw from the same seeded `Random`.
"""

from __future__ import annotations

from bisect import bisect
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from random import Random
from typing import TypeVar

from spacebank.domain.clock import local_minutes_utc

T = TypeVar("T")


def randint(rng: Random, low: int, high: int) -> int:
    """An integer in [low, high], both included."""
    return low + int(rng.random() * (high - low + 1))


def pick(rng: Random, items: Sequence[T], cum_weights: Sequence[float]) -> T:
    """One item, chosen with the given cumulative weights."""
    return items[bisect(cum_weights, rng.random() * cum_weights[-1])]


#: Between these wall-clock minutes the clocks never change (they go forward or back
#: at 01:00-02:00), so one conversion per day serves every minute in between.
_STEADY = (3 * 60, 24 * 60)


class WallClock:
    """`local_minutes_utc`, remembered: the demo converts millions of wall-clock times."""

    def __init__(self) -> None:
        self._memo: dict[tuple[date, int], datetime] = {}

    def __call__(self, day: date, minutes: int) -> datetime:
        key = (day, minutes)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = local_minutes_utc(day, minutes)
        return found

    def office_time(self, day: date, minutes: int) -> datetime:
        """The same for a random time of day, without a memo entry per minute."""
        if not _STEADY[0] <= minutes < _STEADY[1]:
            return self(day, minutes)
        return self(day, _STEADY[0]) + timedelta(minutes=minutes - _STEADY[0])


def choose(rng: Random, items: Sequence[T]) -> T:
    """One item, all equally likely."""
    return items[int(rng.random() * len(items))]
