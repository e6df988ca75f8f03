"""Any report as titled tables and chart data: what every exporter (and a screen) shows.

Cells keep their types (pence, minutes, Decimal percentages, dates); each exporter
formats them its own way, so CSV, Excel and PDF always agree on the figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import singledispatch

from spacebank.domain.money import format_pence
from spacebank.reports.cancellations import CancellationsReport
from spacebank.reports.figures import Split, Usage, hours
from spacebank.reports.hirers import HirersReport
from spacebank.reports.income import IncomeReport
from spacebank.reports.periods import Period, month_label
from spacebank.reports.utilisation import UtilisationReport

Cell = object


class Kind(StrEnum):
    TEXT = "text"
    COUNT = "count"
    #: Integer pence, shown as pounds.
    MONEY = "money"
    #: Integer minutes, shown as hours.
    HOURS = "hours"
    #: Decimal percent (2.7 = 2.7%) or None when there is nothing to divide by.
    PERCENT = "percent"
    DATE = "date"


@dataclass(frozen=True)
class Column:
    title: str
    kind: Kind = Kind.TEXT


@dataclass(frozen=True)
class Section:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Chart:
    """Data for one chart: 'bar' or 'line' over labels, or a 'heat' grid (rows × labels)."""

    kind: str
    title: str
    labels: tuple[str, ...]
    #: (series name, values) for bar/line; one series per heat-map row.
    series: tuple[tuple[str, tuple[float, ...]], ...]
    unit: str = ""


@dataclass(frozen=True)
class ReportView:
    title: str
    subtitle: str
    summary: str
    sections: tuple[Section, ...]
    charts: tuple[Chart, ...] = ()
    #: Labelled dates the figures depend on (period, "as of"), for the exports' headers.
    dates: tuple[tuple[str, date], ...] = ()


def _period_dates(period: Period) -> tuple[tuple[str, date], ...]:
    return (("From", period.first_day), ("To", period.last_day))


def _period_view(
    title: str,
    scope: str,
    period: Period,
    summary: str,
    sections: tuple[Section, ...],
    charts: tuple[Chart, ...],
) -> ReportView:
    """A view whose heading is just the halls and the period."""
    return ReportView(
        title, f"{scope} · {period.label}", summary, sections, charts, _period_dates(period)
    )


USAGE_COLUMNS = (
    Column("Open hours", Kind.HOURS),
    Column("Booked hours", Kind.HOURS),
    Column("Bookings", Kind.COUNT),
    Column("Utilisation", Kind.PERCENT),
)
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@singledispatch
def report_view(report: object) -> ReportView:
    raise TypeError(f"no view for {type(report).__name__}")


def _usage(u: Usage) -> tuple[Cell, ...]:
    return (u.open_minutes, u.booked_minutes, u.bookings, u.percent)


def _split_rows(
    splits: tuple[Split, ...], *, minutes: bool = True, pence: bool = False
) -> tuple[tuple[Cell, ...], ...]:
    return tuple(
        (s.label, s.count, *((s.minutes,) if minutes else ()), *((s.pence,) if pence else ()))
        for s in splits
    )


def _hall_label(u: Usage, with_venue: bool) -> str:
    return f"{u.label}, {u.venue}" if with_venue else u.label


@report_view.register
def _(r: UtilisationReport) -> ReportView:
    pct = r.total.percent
    busiest = max(r.halls, key=lambda u: u.percent or 0, default=None)
    summary = (
        f"Across {r.scope.lower() if r.scope == 'All venues' else r.scope}, halls were open for "
        f"{r.total.open_minutes / 60:,.0f} hours from {r.period.label} and booked for "
        f"{r.total.booked_minutes / 60:,.0f} hours ({r.total.bookings:,} bookings): "
        f"{'no open time' if pct is None else f'{pct}% utilisation'}."
    )
    if busiest is not None and busiest.percent is not None:
        summary += f" The busiest hall was {busiest.label} at {busiest.percent}%."
    peak = max(
        ((d, h) for d in range(7) for h in range(24)), key=lambda dh: r.heat_map[dh[0]][dh[1]]
    )
    if r.heat_map[peak[0]][peak[1]]:
        summary += f" The busiest hour of the week was {WEEKDAY_NAMES[peak[0]]} {peak[1]:02d}:00."
    split_cols = (Column("Bookings", Kind.COUNT), Column("Booked hours", Kind.HOURS))
    hours_of_day = tuple(f"{h:02d}" for h in range(24))
    return _period_view(
        "Hall utilisation",
        r.scope,
        r.period,
        summary,
        (
            Section(
                "By hall",
                (Column("Hall"), Column("Venue"), *USAGE_COLUMNS),
                tuple((u.label, u.venue, *_usage(u)) for u in r.halls),
            ),
            Section(
                "By venue",
                (Column("Venue"), *USAGE_COLUMNS),
                tuple((u.label, *_usage(u)) for u in (*r.venues, r.total)),
            ),
            Section(
                "By month",
                (Column("Month"), *USAGE_COLUMNS),
                tuple((u.label, *_usage(u)) for u in r.months),
            ),
            Section(
                "By rate type", (Column("Rate type"), *split_cols), _split_rows(r.by_rate_type)
            ),
            Section(
                "By hirer type", (Column("Hirer type"), *split_cols), _split_rows(r.by_hirer_type)
            ),
            Section(
                "Booked hours by weekday and hour",
                (Column("Day"), *(Column(h, Kind.HOURS) for h in hours_of_day)),
                tuple((WEEKDAY_NAMES[d], *r.heat_map[d]) for d in range(7)),
            ),
        ),
        (
            Chart(
                "line",
                "Utilisation by month (%)",
                tuple(month_label(u.label) for u in r.months),
                (("Utilisation", tuple(float(u.percent or 0) for u in r.months)),),
                "%",
            ),
            Chart(
                "heat",
                "Booked hours by weekday and hour (London time)",
                hours_of_day,
                tuple((WEEKDAY_NAMES[d], tuple(m / 60 for m in r.heat_map[d])) for d in range(7)),
                "h",
            ),
            Chart(
                "bar",
                "Utilisation by hall (%)",
                tuple(_hall_label(u, len(r.venues) > 1) for u in r.halls),
                (("Utilisation", tuple(float(u.percent or 0) for u in r.halls)),),
                "%",
            ),
        ),
    )


def _money_section(title: str, label: str, counted: str, splits: tuple[Split, ...]) -> Section:
    columns = (Column(label), Column(counted, Kind.COUNT), Column("Amount", Kind.MONEY))
    return Section(title, columns, _split_rows(splits, minutes=False, pence=True))


@report_view.register
def _(r: IncomeReport) -> ReportView:
    summary = (
        f"From {r.period.label}, {r.invoices:,} invoices were issued for "
        f"{format_pence(r.invoiced_pence)}; {format_pence(r.paid_pence)} was received and "
        f"{format_pence(r.credited_pence)} credited. On {r.as_of:%d %b %Y}, "
        f"{format_pence(r.outstanding_pence)} was outstanding. Discounts and waivers came to "
        f"{format_pence(r.forgone_pence)}; deposits held: "
        f"{format_pence(r.deposits_held.pence)} ({r.deposits_held.count:,})."
    )
    totals = (
        ("Invoiced", r.invoices, r.invoiced_pence),
        ("Paid (less refunds)", None, r.paid_pence),
        ("Credited", None, r.credited_pence),
        ("Outstanding", sum(a.count for a in r.ageing), r.outstanding_pence),
        ("Discounts and waivers", sum(f.count for f in r.forgone), r.forgone_pence),
        ("Deposits held", r.deposits_held.count, r.deposits_held.pence),
    )
    return ReportView(
        title="Income",
        subtitle=f"{r.scope} · {r.period.label} · outstanding as of {r.as_of:%d %b %Y}",
        dates=(*_period_dates(r.period), ("Outstanding as of", r.as_of)),
        summary=summary,
        sections=(
            Section(
                "Totals",
                (Column("Figure"), Column("Count", Kind.COUNT), Column("Amount", Kind.MONEY)),
                totals,
            ),
            Section(
                "By month",
                (
                    Column("Month"),
                    Column("Invoiced", Kind.MONEY),
                    Column("Paid", Kind.MONEY),
                    Column("Credited", Kind.MONEY),
                ),
                tuple(
                    (m.month, m.invoiced_pence, m.paid_pence, m.credited_pence) for m in r.by_month
                ),
            ),
            _money_section("Invoiced by hall", "Hall", "Invoices", r.by_hall),
            _money_section("Invoiced by rate type", "Rate type", "Invoices", r.by_rate_type),
            _money_section("Outstanding by age", "Age", "Invoices", r.ageing),
            _money_section("Credit notes by reason", "Reason", "Credit notes", r.credits),
            _money_section(
                "Income forgone (discounts and waivers)", "Kind and reason", "Bookings", r.forgone
            ),
        ),
        charts=(
            Chart(
                "bar",
                "Invoiced and paid by month (£)",
                tuple(month_label(m.month) for m in r.by_month),
                (
                    ("Invoiced", tuple(m.invoiced_pence / 100 for m in r.by_month)),
                    ("Paid", tuple(m.paid_pence / 100 for m in r.by_month)),
                ),
                "£",
            ),
            Chart(
                "bar",
                "Outstanding by age (£)",
                tuple(a.label for a in r.ageing),
                (("Outstanding", tuple(a.pence / 100 for a in r.ageing)),),
                "£",
            ),
        ),
    )


@report_view.register
def _(r: HirersReport) -> ReportView:
    repeat = next((s.count for s in r.repeat if s.label == "Repeat"), 0)
    summary = (
        f"From {r.period.label}, {r.hirers:,} hirers made {r.bookings:,} bookings; "
        f"{repeat:,} of them booked more than once."
    )
    hirer_cols = (Column("Hirers", Kind.COUNT), Column("Booked hours", Kind.HOURS))
    return _period_view(
        "Hirers",
        r.scope,
        r.period,
        summary,
        (
            Section(
                "By hirer type",
                (Column("Hirer type"), *hirer_cols, Column("Bookings", Kind.COUNT)),
                tuple(
                    (s.label, s.count, s.minutes, b)
                    for s, b in zip(r.by_type, r.bookings_by_type, strict=True)
                ),
            ),
            Section(
                "Repeat and one-off",
                (Column("Hirers who booked"), *hirer_cols),
                _split_rows(r.repeat),
            ),
            Section(
                "By postcode district",
                (Column("District"), *hirer_cols),
                _split_rows(r.by_district),
            ),
            Section(
                "Top regular hirers",
                (
                    Column("Hirer"),
                    Column("Bookings", Kind.COUNT),
                    Column("Booked hours", Kind.HOURS),
                ),
                _split_rows(r.top_hirers),
            ),
        ),
        (
            Chart(
                "bar",
                "Hirers by type",
                tuple(s.label for s in r.by_type),
                (("Hirers", tuple(float(s.count) for s in r.by_type)),),
            ),
        ),
    )


@report_view.register
def _(r: CancellationsReport) -> ReportView:
    counts = {s.label: s for s in r.by_status}
    cancelled, expired = counts["Cancelled"], counts["Expired hold"]
    summary = (
        f"From {r.period.label}, {cancelled.count:,} bookings were cancelled "
        f"({hours(cancelled.minutes):,} hours) and {expired.count:,} holds expired "
        f"({hours(expired.minutes):,} hours)."
    )
    cols = (Column("Count", Kind.COUNT), Column("Lost hours", Kind.HOURS))
    return _period_view(
        "Cancellations and expired holds",
        r.scope,
        r.period,
        summary,
        (
            Section("By outcome", (Column("Outcome"), *cols), _split_rows(r.by_status)),
            Section("Cancellation reasons", (Column("Reason"), *cols), _split_rows(r.reasons)),
            Section("By hall", (Column("Hall"), *cols), _split_rows(r.by_hall)),
        ),
        (
            Chart(
                "bar",
                "Lost hours by hall",
                tuple(s.label for s in r.by_hall),
                (("Lost hours", tuple(s.minutes / 60 for s in r.by_hall)),),
                "h",
            ),
        ),
    )
