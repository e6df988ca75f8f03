"""`python -m bench`: time the core services against raw floors and print one table.

Times are reported, never asserted: the exit status is 0 whatever the verdicts.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench import core, reports
from bench.dataset import (
    dataset_now,
    ensure_dataset,
    remove_scratch,
    scratch_copy,
    sqlite_url,
)
from bench.timing import Timing, measure_pair
from spacebank.storage.database import Database


@dataclass(frozen=True)
class Row:
    bench: core.Benchmark
    service: Timing
    floor: Timing
    notes: tuple[str, ...]

    @property
    def ratio(self) -> float:
        return self.service.median_ms / self.floor.median_ms

    @property
    def verdict(self) -> str:
        if not self.service.count or not self.floor.count:
            return "n/a"
        if self.bench.target.informational:
            return "-"
        met = self.bench.target.met(
            self.service.median_ms, self.service.p95_ms, self.floor.median_ms
        )
        return "ok" if met else "MISS"


#: The core services' benchmarks, then the reports'.
BENCHMARKS = (*core.BENCHMARKS, *reports.BENCHMARKS)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.list:
        for bench in BENCHMARKS:
            print(f"{bench.name:<20} {bench.title}  [target {bench.target.describe()}]")
        return 0
    names = [b.name for b in BENCHMARKS]
    unknown = [n for n in args.only or () if n not in names]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; try --list", file=sys.stderr)
        return 2
    chosen = [b for b in BENCHMARKS if not args.only or b.name in args.only]

    path = ensure_dataset(args.years, args.seed, rebuild=args.rebuild)
    db = Database(sqlite_url(path))
    scratches: list[Path] = []

    def scratch() -> Path:
        copy = scratch_copy(path)
        scratches.append(copy)
        return copy

    env = core.Env(dataset=path, db=db, now=dataset_now(db), seed=args.seed, scratch=scratch)
    env.halls = core.load_hall_rows(db)
    with db.engine.connect() as connection:
        bookings = connection.exec_driver_sql("SELECT count(*) FROM bookings").scalar()
        hirers = connection.exec_driver_sql("SELECT count(*) FROM hirers").scalar()
    print(
        f"dataset: {bookings:,} bookings, {hirers:,} hirers, {len(env.halls)} halls; "
        f"clock fixed at {env.now:%Y-%m-%d %H:%M} UTC"
    )
    print(
        f"timing: {args.reps} repetitions after {args.warmup} warm-up, service and floor "
        "alternating; SQLite " + _sqlite_version(db),
        flush=True,
    )

    rows: list[Row] = []
    profiles: list[tuple[str, str]] = []
    started = time.perf_counter()
    try:
        for bench in chosen:
            reps = max(10, round(args.reps * bench.share))
            t0 = time.perf_counter()
            case = bench.prepare(env)
            try:
                n = args.warmup + reps
                service, floor = measure_pair(
                    case.service, case.floor, case.inputs(n), case.inputs(n), warmup=args.warmup
                )
                if args.profile:
                    profiles.append((bench.name, _profile(case, min(reps, 200))))
            finally:
                case.close()
            rows.append(Row(bench, service, floor, tuple(case.notes)))
            print(f"  {bench.name}: done in {time.perf_counter() - t0:.1f} s", flush=True)
    finally:
        db.dispose()
        for copy in scratches:
            remove_scratch(copy)
    print()
    print(_table(rows))
    for row in rows:
        for note in row.notes:
            print(f"note: {row.bench.name}: {note}")
    print(
        f"\nbenchmarks took {time.perf_counter() - started:.1f} s "
        f"(dataset {path.name}); times in ms, ratio = service median / floor median"
    )
    for name, text in profiles:
        print(f"\n== profile of {name} (service calls, cumulative) ==\n{text}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Time Spacebank's core services against raw-SQL floors on the demo data.",
    )
    parser.add_argument(
        "--years",
        type=int,
        default=10,
        help="years of demo data (default 10; e.g. 1 for a quick run)",
    )
    parser.add_argument("--seed", type=int, default=1, help="demo data and input seed")
    parser.add_argument(
        "--reps", type=int, default=500, help="timed repetitions per benchmark (default 500)"
    )
    parser.add_argument("--warmup", type=int, default=20, help="untimed calls first (default 20)")
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="run only this benchmark (repeatable); see --list",
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="regenerate the demo database even if it exists"
    )
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument(
        "--profile", action="store_true", help="also profile the service calls with cProfile"
    )
    return parser


def _table(rows: list[Row]) -> str:
    header = (
        "benchmark",
        "service med",
        "service p95",
        "floor med",
        "floor p95",
        "ratio",
        "target",
        "verdict",
    )
    body = [
        (
            r.bench.name,
            f"{r.service.median_ms:.3f}",
            f"{r.service.p95_ms:.3f}",
            f"{r.floor.median_ms:.3f}",
            f"{r.floor.p95_ms:.3f}",
            f"{r.ratio:.1f}x",
            r.bench.target.describe(),
            r.verdict,
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in (header, *body)) for i in range(len(header))]
    numeric = {1, 2, 3, 4, 5}

    def fmt(line: tuple[str, ...]) -> str:
        cells = [
            c.rjust(w) if i in numeric else c.ljust(w)
            for i, (c, w) in enumerate(zip(line, widths, strict=True))
        ]
        return "| " + " | ".join(cells) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([fmt(header), rule, *(fmt(line) for line in body)])


def _profile(case: core.Case, n: int) -> str:
    inputs = case.inputs(n)
    profiler = cProfile.Profile()
    profiler.enable()
    for x in inputs:
        case.service(x)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
    return out.getvalue()


def _sqlite_version(db: Database) -> str:
    with db.engine.connect() as connection:
        return str(connection.exec_driver_sql("SELECT sqlite_version()").scalar())


if __name__ == "__main__":
    sys.exit(main())
