"""Report periods and the London offset spans the SQLite queries shift by."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spacebank.domain.clock import LONDON
from spacebank.domain.errors import ValidationError
from spacebank.reports.periods import Period, financial_year_period, month, quarter, week
from spacebank.reports.sql import offset_spans


def test_week_month_quarter_and_financial_year() -> None:
    day = date(2026, 3, 29)  # a Sunday
    assert week(day) == Period(date(2026, 3, 23), date(2026, 3, 29))
    assert month(day) == Period(date(2026, 3, 1), date(2026, 3, 31))
    assert month(date(2028, 2, 10)).last_day == date(2028, 2, 29)
    assert quarter(day) == Period(date(2026, 1, 1), date(2026, 3, 31))
    assert quarter(date(2026, 12, 31)) == Period(date(2026, 10, 1), date(2026, 12, 31))
    # The UK financial year starts on 1 April: 31 March belongs to the year before.
    assert financial_year_period(day) == Period(date(2025, 4, 1), date(2026, 3, 31))
    assert financial_year_period(date(2026, 4, 1)) == Period(date(2026, 4, 1), date(2027, 3, 31))


def test_period_bounds_are_london_midnights_and_months_split_it() -> None:
    period = Period(date(2026, 3, 23), date(2026, 4, 5))
    assert period.start_utc == datetime(2026, 3, 23, 0, tzinfo=UTC)  # GMT
    assert period.end_utc == datetime(2026, 4, 5, 23, tzinfo=UTC)  # BST midnight
    assert [(m.first_day, m.last_day) for m in period.months()] == [
        (date(2026, 3, 23), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 4, 5)),
    ]
    assert period.days == 14


def test_reversed_period_is_refused() -> None:
    with pytest.raises(ValidationError):
        Period(date(2026, 4, 1), date(2026, 3, 1))


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2035, 1, 1)))
def test_offset_spans_agree_with_zoneinfo(moment: datetime) -> None:
    start = datetime(moment.year, 1, 1, tzinfo=UTC) - timedelta(days=1)
    spans = offset_spans(start, start + timedelta(days=400))
    instant = moment.replace(tzinfo=UTC)
    if not start <= instant < start + timedelta(days=400):
        return
    (offset,) = [o for a, b, o in spans if a <= instant < b]
    assert timedelta(minutes=offset) == instant.astimezone(LONDON).utcoffset()
