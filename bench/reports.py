"""Report benchmarks: a financial year's utilisation and income on the demo database.

Each report is timed against a floor: the one raw GROUP BY over the same rows that a
hand-written report would start from, through the same raw DBAPI connection and
transaction as bench/core.py's floors. The report does more (open hours from the
catalogue, the heat map, ageing over every invoice ever issued), so the ratio is the
price of that, and the absolute time is what a manager waits for.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from bench.core import Benchmark, Case, Env, RawSession, Target, sql_time
from spacebank.domain.clock import local_day
from spacebank.reports.figures import USED
from spacebank.reports.income import income_report
from spacebank.reports.periods import Period, financial_year_period
from spacebank.reports.utilisation import utilisation_report

_USED = tuple(sorted(s.value for s in USED))
UTILISATION_FLOOR_SQL = (
    "SELECT b.hall_id, b.rate_type, h.hirer_type, count(*), "
    "sum(CAST(round((julianday(b.ends_at) - julianday(b.starts_at)) * 1440) AS INTEGER)) "
    "FROM bookings b JOIN hirers h ON h.id = b.hirer_id "
    f"WHERE b.status IN ({', '.join('?' * len(_USED))}) AND b.starts_at >= ? AND b.starts_at < ? "
    "GROUP BY b.hall_id, b.rate_type, h.hirer_type"
)
INCOME_FLOOR_SQL = (
    "SELECT b.hall_id, b.rate_type, count(DISTINCT l.invoice_id), "
    "sum(l.net_pence + l.vat_pence) FROM invoice_lines l "
    "JOIN invoices i ON i.id = l.invoice_id LEFT JOIN bookings b ON b.id = l.booking_id "
    "WHERE i.issued_on >= ? AND i.issued_on <= ? GROUP BY b.hall_id, b.rate_type"
)


def last_full_year(env: Env) -> Period:
    """The last financial year that ended before the dataset's fixed now."""
    this_year = financial_year_period(local_day(env.now))
    return financial_year_period(date(this_year.first_day.year - 1, 6, 1))


def _case(env: Env, service: Any, sql: str, params: tuple[object, ...]) -> Case:
    raw = RawSession(env.db)
    period = last_full_year(env)

    def run_floor(_: Period) -> object:
        cur = raw.cursor
        cur.execute("BEGIN")
        cur.execute(sql, params)
        rows = cur.fetchall()
        cur.execute("COMMIT")
        return rows

    return Case(lambda p: service(env.db, p), run_floor, lambda n: [period] * n, raw.close)


def year_utilisation(env: Env) -> Case:
    period = last_full_year(env)
    params = (*_USED, sql_time(period.start_utc), sql_time(period.end_utc))
    return _case(env, utilisation_report, UTILISATION_FLOOR_SQL, params)


def year_income(env: Env) -> Case:
    period = last_full_year(env)
    params = (period.first_day.isoformat(), period.last_day.isoformat())
    return _case(env, income_report, INCOME_FLOOR_SQL, params)


BENCHMARKS = (
    Benchmark(
        "report_utilisation",
        "utilisation_report: all halls, a financial year",
        Target(ratio=2, median_ms=500),
        year_utilisation,
        share=0.04,
    ),
    Benchmark(
        "report_income",
        "income_report: all halls, a financial year (ageing over all invoices)",
        Target(ratio=2, median_ms=500),
        year_income,
        share=0.04,
    ),
)
