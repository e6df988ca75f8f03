"""`python -m bench.ui`: the desktop app's start-up, week switch and memory on the demo data.

- Start-up: spawn `bench.ui_start app` (the real `ui.app.start` on a copy of the
  dataset, showing the calendar) and `bench.ui_start bare` (a QApplication and an empty
  QMainWindow), alternately, and time spawn → "ready". Both pay for Python and Qt.
- Week switch: in this process, offscreen, move the calendar's week view of the busiest
  venue on by a week (one service call, grid layout, a full paint via `grab()`), against
  the floor of the same week's rows fetched with raw SQL into a QStandardItemModel shown
  in a bare QTableView of the same cell count, also painted with `grab()`.
- Memory: the app process's RSS when ready and after every page has been shown once.

Times are reported, never asserted.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from bench.dataset import ensure_dataset, remove_scratch, scratch_copy, sqlite_url
from bench.timing import Timing, measure_pair

STARTUP_TARGET_S, STARTUP_RATIO = 1.5, 1.5
WEEK_TARGET_MS, WEEK_RATIO = 30.0, 3.0
RSS_TARGET_MB = 250


def _child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    for name, sub in (("HOME", ""), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                      ("XDG_CACHE_HOME", "cache")):
        env[name] = str(home / sub)
    env.pop("SPACEBANK_DB", None)
    return env


def _spawn(args: Sequence[str], env: dict[str, str]) -> tuple[float, dict[str, int]]:
    """Seconds from spawn to the child's "ready" line, and the figures it printed."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "bench.ui_start", *args], env=env,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    seconds = float("nan")
    figures: dict[str, int] = {}
    for line in child.stdout:
        if line.strip() == "ready":
            seconds = time.perf_counter() - started
        elif line.startswith("rss-"):
            name, value = line.split()
            figures[name] = int(value)
    if child.wait() != 0:
        raise RuntimeError(f"bench.ui_start {' '.join(args)} exited with {child.returncode}")
    return seconds, figures


def startup(url: str, runs: int) -> tuple[Timing, Timing, dict[str, int]]:
    with tempfile.TemporaryDirectory(prefix="spacebank-bench-home-") as home:
        env = _child_env(Path(home))
        _spawn(["app", url], env)  # untimed: warms the page cache, settles lapsed holds
        _spawn(["bare"], env)
        app_ns: list[int] = []
        bare_ns: list[int] = []
        figures: dict[str, int] = {}
        for _ in range(runs):
            seconds, figures = _spawn(["app", url], env)
            app_ns.append(round(seconds * 1e9))
            bare_ns.append(round(_spawn(["bare"], env)[0] * 1e9))
    return Timing(tuple(app_ns)), Timing(tuple(bare_ns)), figures


def week_switch(url: str, reps: int) -> tuple[Timing, Timing, str]:
    """Time moving the calendar's week on, against filling a bare table with the same rows."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTableView

    from spacebank.domain.clock import local_midnight_utc
    from spacebank.domain.enums import BLOCKING_STATUSES
    from spacebank.services.container import Services
    from spacebank.services.context import ServiceContext
    from spacebank.storage.database import Database
    from ui.app import create_application
    from ui.calendar.calendar_page import CalendarPage
    from ui.calendar.period import ViewMode
    from ui.changes import ChangeBus

    create_application()
    db = Database(url)
    services = Services.build(ServiceContext(db, actor="bench"))
    venue = max(services.venues.list_venues(),
                key=lambda v: len(services.venues.list_halls(venue_id=v.id)))
    page = CalendarPage(services, ChangeBus())
    page.resize(1440, 820)
    page.show()
    page.set_venue(venue.id)
    first_monday = date(2026, 1, 5)
    page.show_period(ViewMode.WEEK, first_monday)
    grid = page.grid_view.grid()
    rows = (grid.axis.last_minute - grid.axis.first_minute) // grid.axis.slot_minutes
    columns = len(grid.columns)
    hall_ids = sorted({c.hall_id for c in grid.columns})
    weeks = [first_monday + timedelta(weeks=k % 40) for k in range(10_000)]

    def the_app(monday: date) -> None:
        page.show_period(ViewMode.WEEK, monday)
        page.grid_view.grab()

    model = QStandardItemModel(rows, columns)
    table = QTableView()
    table.setModel(model)
    table.resize(page.grid_view.size())
    table.show()
    statuses = tuple(sorted(s.value for s in BLOCKING_STATUSES))
    sql = ("SELECT hall_id, starts_at, ends_at, purpose FROM bookings WHERE hall_id IN ("
           + ",".join("?" * len(hall_ids)) + ") AND status IN ("
           + ",".join("?" * len(statuses)) + ") AND starts_at >= ? AND starts_at < ? "
           "ORDER BY starts_at")
    raw = db.engine.raw_connection()

    def the_floor(monday: date) -> None:
        start = local_midnight_utc(monday).replace(tzinfo=None)
        end = local_midnight_utc(monday + timedelta(days=7)).replace(tzinfo=None)
        cursor = raw.cursor()
        cursor.execute(sql, (*hall_ids, *statuses, str(start), str(end)))
        model.clear()
        model.setRowCount(rows)
        model.setColumnCount(columns)
        for index, (hall_id, starts_at, ends_at, purpose) in enumerate(cursor.fetchall()):
            model.setItem(index % rows, hall_ids.index(hall_id) % columns,
                          QStandardItem(f"{starts_at}–{ends_at} {purpose}"))
        table.grab()

    try:
        app_timing, floor_timing = measure_pair(the_app, the_floor, iter(weeks), iter(weeks),
                                                warmup=5)
        app_timing = Timing(app_timing.samples_ns[:reps])
        floor_timing = Timing(floor_timing.samples_ns[:reps])
    finally:
        raw.close()
        db.dispose()
    return app_timing, floor_timing, f"{venue.name}: {columns} columns × {rows} slots"


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISS"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ui", description=__doc__)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5, help="start-ups of each kind")
    parser.add_argument("--reps", type=int, default=60, help="week switches")
    args = parser.parse_args(argv)
    path = ensure_dataset(args.years, args.seed)
    copy = scratch_copy(path)  # start-up settles lapsed holds, which writes
    try:
        url = sqlite_url(copy)
        app_start, bare_start, rss = startup(url, args.runs)
        week, week_floor, shape = week_switch(url, args.reps)
    finally:
        remove_scratch(copy)
    start_ratio = app_start.median_ms / bare_start.median_ms
    week_ratio = week.median_ms / week_floor.median_ms
    rss_mb = max(rss.values(), default=0) / 1024
    start_ok = app_start.median_ms <= STARTUP_TARGET_S * 1000 and start_ratio <= STARTUP_RATIO
    lines = [
        f"{'benchmark':<34}{'median':>10}{'p95':>10}{'floor med':>11}{'ratio':>8}  "
        f"{'target':<20}verdict",
        f"{'cold start to calendar (s)':<34}{app_start.median_ms / 1000:>10.2f}"
        f"{app_start.p95_ms / 1000:>10.2f}{bare_start.median_ms / 1000:>11.2f}"
        f"{start_ratio:>8.2f}  {'≤1.5 s and ≤1.5×':<20}"
        f"{_verdict(start_ok)}",
        f"{'week switch (ms)':<34}{week.median_ms:>10.1f}{week.p95_ms:>10.1f}"
        f"{week_floor.median_ms:>11.1f}{week_ratio:>8.2f}  {'≤30 ms and ≤3×':<20}"
        f"{_verdict(week.median_ms <= WEEK_TARGET_MS and week_ratio <= WEEK_RATIO)}",
        f"{'RSS, calendar up (MB)':<34}{rss.get('rss-ready', 0) / 1024:>10.0f}{'':>10}"
        f"{'':>11}{'':>8}  {'≤250 MB':<20}{_verdict(rss_mb <= RSS_TARGET_MB)}",
        f"{'RSS, every page shown (MB)':<34}{rss.get('rss-pages', 0) / 1024:>10.0f}",
    ]
    print(f"dataset {path.name}; {args.runs} start-ups of each kind; {args.reps} week switches "
          f"({shape}); QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', 'offscreen')}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
