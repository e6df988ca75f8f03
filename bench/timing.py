"""Repeat a call, discard a warm-up, and summarise the rest as median and p95."""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

#: Returned by a measured call whose sample must not count (e.g. a create that clashed).
DISCARD = object()


@dataclass(frozen=True)
class Timing:
    """Wall-clock samples of one measured call, in nanoseconds."""

    samples_ns: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.samples_ns)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples_ns) / 1e6 if self.samples_ns else math.nan

    @property
    def p95_ms(self) -> float:
        return percentile(self.samples_ns, 95) / 1e6 if self.samples_ns else math.nan


def percentile(samples: Sequence[int], pct: float) -> float:
    """Nearest-rank percentile (p95 of 200 samples is the 190th smallest)."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return float(ordered[rank - 1])


def measure(call: Callable[[T], object], inputs: Iterable[T], *, warmup: int = 20) -> Timing:
    """Time `call(x)` for each input, after `warmup` untimed calls on the first inputs.

    Warm-up calls consume inputs too, so callers that must not reuse an input (creating
    bookings) can pass a single-use iterator. A call returning `DISCARD` is not counted.
    The garbage collector stays on (a clerk's process has it on too) but is emptied
    first, so one benchmark's garbage is not collected during the next one's samples.
    """
    items = iter(inputs)
    for _, x in zip(range(warmup), items, strict=False):
        call(x)
    gc.collect()
    samples: list[int] = []
    clock = time.perf_counter_ns
    for x in items:
        started = clock()
        outcome = call(x)
        elapsed = clock() - started
        if outcome is not DISCARD:
            samples.append(elapsed)
    return Timing(tuple(samples))


def measure_pair(
    first: Callable[[T], object],
    second: Callable[[T], object],
    first_inputs: Iterable[T],
    second_inputs: Iterable[T],
    *,
    warmup: int = 20,
) -> tuple[Timing, Timing]:
    """`measure` two calls in alternation (A B, B A, A B...), so background load and
    cache state fall on both alike; returns (first's timing, second's timing)."""
    a_items, b_items = iter(first_inputs), iter(second_inputs)
    for _ in range(warmup):
        for call, items in ((first, a_items), (second, b_items)):
            x = next(items, _END)
            if x is not _END:
                call(x)
    gc.collect()
    a_samples: list[int] = []
    b_samples: list[int] = []
    clock = time.perf_counter_ns
    turn = 0
    while True:
        pair = [(first, a_items, a_samples), (second, b_items, b_samples)]
        if turn % 2:
            pair.reverse()
        turn += 1
        progressed = False
        for call, items, samples in pair:
            x = next(items, _END)
            if x is _END:
                continue
            progressed = True
            started = clock()
            outcome = call(x)
            elapsed = clock() - started
            if outcome is not DISCARD:
                samples.append(elapsed)
        if not progressed:
            return Timing(tuple(a_samples)), Timing(tuple(b_samples))


_END = object()
