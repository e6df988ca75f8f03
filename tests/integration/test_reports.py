"""Report figures on the fixed world (tests/report_world.py), checked by hand.

Bookings (London times; hall hire £30/h unless said):
  1 Main Hall, Sun 29 Mar 10:00–12:00 BST, private, Zoë, confirmed: 120 min, £60, deposit
  2 Main Hall, Tue 24 Mar 18:00–21:00 GMT, community, charity, completed: 180 min, £90
  3 Garden Room, Wed 1 Apr 14:30–16:00 BST, private, Zoë, confirmed: 90 min, £45
  4 Garden Room, Thu 26 Mar 19:00–21:00, cancelled ("Illness"): 120 min lost
  5 Main Hall north half, Sat 28 Mar 10:00–11:00, provisional: not counted anywhere
  6 Reading Room, Mon 23 Mar 09:00–10:00, community, charity, completed: 60 min,
    £30 less a £15 charity discount = £15
  7 Reading Room, Fri 27 Mar 12:00–14:00, expired hold: 120 min lost
  8 Main Hall, Tue 7 Apr: after the period
  9 Reading Room, Thu 2 Apr 10:00–12:00 BST, commercial, Acme Yoga (business),
    completed: 120 min, not invoiced
Open time per hall: 14 days less Good Friday = 13 × 840 = 10,920 min; the Garden Room
loses 240 min to its closure: 10,680.
Invoices: C (2 + 6, £105) issued 20 Dec 2025, credited £20 on 3 Apr 2026;
A (1, £60) 25 Mar, paid £25 on 30 Mar; B (3, £45) 2 Apr, unpaid.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from spacebank.reports.cancellations import cancellations_report
from spacebank.reports.figures import Split, Usage
from spacebank.reports.hirers import hirers_report
from spacebank.reports.income import income_report
from spacebank.reports.periods import Period
from spacebank.reports.scope import Scope
from spacebank.reports.utilisation import utilisation_report
from spacebank.services.context import ServiceContext
from tests.conftest import FrozenClock
from tests.report_world import PERIOD, ReportWorld, build_report_world


@pytest.fixture
def rw(ctx: ServiceContext, clock: FrozenClock) -> ReportWorld:
    return build_report_world(ctx, clock)


def test_utilisation_per_hall_venue_and_total(ctx: ServiceContext, rw: ReportWorld) -> None:
    report = utilisation_report(ctx.db, PERIOD)
    halls = {u.label: u for u in report.halls}
    assert halls["Main Hall"] == Usage("Main Hall", 10920, 120 + 180, 2, "Peckham Community Centre")
    assert halls["Garden Room"].open_minutes == 10920 - 240
    assert halls["Garden Room"].booked_minutes == 90
    assert halls["Main Hall (north half)"].booked_minutes == 0  # a hold is not use
    assert halls["Reading Room"].booked_minutes == 60 + 120
    # 300 / 10920 = 2.747…% -> 2.7%
    assert halls["Main Hall"].percent == Decimal("2.7")
    venues = {u.label: u for u in report.venues}
    # Peckham: 3 × 10920 + 10680 = 43440 open; 300 + 90 = 390 booked; 0.897…% -> 0.9%
    assert venues["Peckham Community Centre"] == Usage("Peckham Community Centre", 43440, 390, 3)
    assert venues["Peckham Community Centre"].percent == Decimal("0.9")
    # + Reading Room: 43440 + 10920 = 54360 open, 390 + 180 = 570 booked, 5 bookings
    assert report.total == Usage("Total", 54360, 570, 5)
    assert report.total.percent == Decimal("1.0")  # 1.0486…%


def test_utilisation_by_month_rate_and_hirer_type(ctx: ServiceContext, rw: ReportWorld) -> None:
    report = utilisation_report(ctx.db, PERIOD)
    # March 23–31: 9 days × 840 × 5 halls = 37800, less the 240-minute closure = 37560;
    # booked 120 + 180 + 60 = 360. April 1–5 less Good Friday: 4 × 840 × 5 = 16800;
    # booked 90 + 120 = 210.
    assert report.months == (Usage("2026-03", 37560, 360, 3), Usage("2026-04", 16800, 210, 2))
    assert set(report.by_rate_type) == {
        Split("Community", 2, 180 + 60),
        Split("Private", 2, 120 + 90),
        Split("Commercial", 1, 120),
    }
    assert set(report.by_hirer_type) == {
        Split("Charity", 2, 240),
        Split("Resident", 2, 210),
        Split("Business", 1, 120),
    }


def test_heat_map_uses_london_hours_across_the_clocks_change(
    ctx: ServiceContext, rw: ReportWorld
) -> None:
    heat = utilisation_report(ctx.db, PERIOD).heat_map
    expected = [[0] * 24 for _ in range(7)]
    expected[6][10] = expected[6][11] = 60  # 1: Sunday 10:00–12:00 BST (09:00 UTC)
    expected[1][18] = expected[1][19] = expected[1][20] = 60  # 2: Tuesday 18–21 GMT
    expected[2][14], expected[2][15] = 30, 60  # 3: Wednesday 14:30–16:00 BST
    expected[0][9] = 60  # 6: Monday 09:00–10:00 GMT
    expected[3][10] = expected[3][11] = 60  # 9: Thursday 10:00–12:00 BST
    assert [list(r) for r in heat] == expected
    assert sum(map(sum, heat)) == 570


def test_utilisation_of_one_hall_and_one_venue(ctx: ServiceContext, rw: ReportWorld) -> None:
    hall = utilisation_report(ctx.db, PERIOD, Scope(hall_id=rw.world.small_hall_id))
    assert hall.scope == "Garden Room, Peckham Community Centre"
    assert hall.total == Usage("Total", 10680, 90, 1)
    venue = utilisation_report(ctx.db, PERIOD, Scope(venue_id=rw.world.other_venue_id))
    assert venue.total == Usage("Total", 10920, 180, 2)
    assert sum(map(sum, venue.heat_map)) == 180


def test_income(ctx: ServiceContext, rw: ReportWorld) -> None:
    report = income_report(ctx.db, PERIOD)
    # Issued in the period: A £60 (March) and B £45 (April); C was issued in December.
    assert (report.invoices, report.invoiced_pence) == (2, 6000 + 4500)
    assert report.paid_pence == 2500
    assert report.credited_pence == 2000
    assert [
        (m.month, m.invoiced_pence, m.paid_pence, m.credited_pence) for m in report.by_month
    ] == [
        ("2026-03", 6000, 2500, 0),
        ("2026-04", 4500, 0, 2000),
    ]
    # Halls of several venues are named with their venue (three venues have a Main Hall).
    assert report.by_hall == (
        Split("Main Hall, Peckham Community Centre", 1, pence=6000),
        Split("Garden Room, Peckham Community Centre", 1, pence=4500),
    )
    assert report.by_rate_type == (Split("Private", 2, pence=10500),)
    # As of 5 Apr: A 6000 − 2500 = 3500 (11 days), B 4500 (3 days): 0–30 = 8000;
    # C 10500 − 2000 = 8500, issued 106 days before: over 90.
    assert report.ageing == (
        Split("0–30 days", 2, pence=8000),
        Split("31–60 days", 0, pence=0),
        Split("61–90 days", 0, pence=0),
        Split("Over 90 days", 1, pence=8500),
    )
    assert report.outstanding_pence == 16500
    assert report.credits == (Split("Goodwill: heating failed", 1, pence=2000),)
    assert report.forgone == (Split("Percent: Charity discount", 1, pence=1500),)
    assert report.forgone_pence == 1500
    assert report.deposits_held == Split("Deposits held", 1, pence=15000)


def test_income_ageing_as_of_an_earlier_date(ctx: ServiceContext, rw: ReportWorld) -> None:
    # 26 Mar: A was issued the day before, nothing paid yet (£60); B not issued; C (£105,
    # nothing credited yet) is 96 days old.
    report = income_report(ctx.db, PERIOD, as_of=date(2026, 3, 26))
    assert report.ageing[0] == Split("0–30 days", 1, pence=6000)
    assert report.ageing[3] == Split("Over 90 days", 1, pence=10500)


def test_income_for_one_hall(ctx: ServiceContext, rw: ReportWorld) -> None:
    report = income_report(ctx.db, PERIOD, Scope(hall_id=rw.world.small_hall_id))
    assert (report.invoices, report.invoiced_pence, report.paid_pence) == (1, 4500, 0)
    assert report.outstanding_pence == 4500
    assert report.deposits_held.count == 0


def test_hirers(ctx: ServiceContext, rw: ReportWorld) -> None:
    report = hirers_report(ctx.db, PERIOD)
    assert (report.hirers, report.bookings) == (3, 5)
    assert set(zip(report.by_type, report.bookings_by_type, strict=True)) == {
        (Split("Charity", 1, 240), 2),
        (Split("Resident", 1, 210), 2),
        (Split("Business", 1, 120), 1),
    }
    assert report.repeat == (Split("Repeat", 2, 450), Split("One-off", 1, 120))
    assert report.by_district == (Split("SE15", 2, 450), Split("SE22", 1, 120))
    assert report.top_hirers == (
        Split("Peckham Toddler Group", 2, 240),
        Split("Zoë O'Brien-Smith", 2, 210),
        Split("Acme Yoga Ltd", 1, 120),
    )


def test_cancellations(ctx: ServiceContext, rw: ReportWorld) -> None:
    report = cancellations_report(ctx.db, PERIOD)
    assert report.by_status == (Split("Cancelled", 1, 120), Split("Expired hold", 1, 120))
    assert report.reasons == (Split("Illness", 1, 120),)
    assert report.by_hall == (
        Split("Garden Room, Peckham Community Centre", 1, 120),
        Split("Reading Room, Dulwich Library Hall", 1, 120),
    )


@pytest.mark.parametrize(
    ("period", "booked", "cells"),
    [
        # Within BST and one month: 3 (Wed 14:30–16:00) and 9 (Thu 10:00–12:00).
        (
            Period(date(2026, 4, 1), date(2026, 4, 5)),
            90 + 120,
            {(2, 14): 30, (2, 15): 60, (3, 10): 60, (3, 11): 60},
        ),
        # Within GMT, Monday to Saturday: 6 (Mon 09:00–10:00) and 2 (Tue 18:00–21:00).
        (
            Period(date(2026, 3, 23), date(2026, 3, 28)),
            60 + 180,
            {(0, 9): 60, (1, 18): 60, (1, 19): 60, (1, 20): 60},
        ),
    ],
    ids=["bst-month", "gmt-week"],
)
def test_periods_without_a_clocks_change_or_month_end(
    ctx: ServiceContext,
    rw: ReportWorld,
    period: Period,
    booked: int,
    cells: dict[tuple[int, int], int],
) -> None:
    report = utilisation_report(ctx.db, period)
    assert report.total.booked_minutes == booked
    assert [m.booked_minutes for m in report.months] == [booked]
    heat = {(d, h): m for d, row in enumerate(report.heat_map) for h, m in enumerate(row) if m}
    assert heat == cells
