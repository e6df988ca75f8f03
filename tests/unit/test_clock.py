"""London wall-clock <-> UTC conversions, DST gaps and overlaps, financial years."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from spacebank.domain.clock import (
    financial_year,
    local_day,
    local_midnight_utc,
    local_minutes_utc,
    to_local,
    to_utc,
)
from spacebank.domain.errors import TimeError


@pytest.mark.parametrize(
    ("local", "utc"),
    [
        (datetime(2026, 12, 12, 14, 0), datetime(2026, 12, 12, 14, 0, tzinfo=UTC)),  # GMT
        (datetime(2027, 7, 6, 18, 0), datetime(2027, 7, 6, 17, 0, tzinfo=UTC)),  # BST
        # Either side of the spring change: 00:59 GMT, 02:00 is already BST.
        (datetime(2027, 3, 28, 0, 59), datetime(2027, 3, 28, 0, 59, tzinfo=UTC)),
        (datetime(2027, 3, 28, 2, 0), datetime(2027, 3, 28, 1, 0, tzinfo=UTC)),
        # Either side of the autumn change.
        (datetime(2027, 10, 31, 0, 59), datetime(2027, 10, 30, 23, 59, tzinfo=UTC)),
        (datetime(2027, 10, 31, 2, 0), datetime(2027, 10, 31, 2, 0, tzinfo=UTC)),
    ],
)
def test_to_utc_for_gmt_and_bst(local: datetime, utc: datetime) -> None:
    result = to_utc(local)
    assert result == utc
    assert result.utcoffset() == timedelta(0)
    assert to_local(result).replace(tzinfo=None) == local


@pytest.mark.parametrize("minute", [0, 30, 59])
def test_spring_forward_gap_refused(minute: int) -> None:
    with pytest.raises(TimeError) as err:
        to_utc(datetime(2027, 3, 28, 1, minute))
    assert "does not exist" in err.value.user_message
    assert err.value.field == "start"


def test_gap_error_names_the_field_asked_for() -> None:
    with pytest.raises(TimeError) as err:
        to_utc(datetime(2027, 3, 28, 1, 30), field="end_time")
    assert err.value.field == "end_time"
    assert "01:30 on 28 Mar 2027" in err.value.user_message


@pytest.mark.parametrize("minute", [0, 30, 59])
def test_autumn_repeated_hour_refused(minute: int) -> None:
    with pytest.raises(TimeError) as err:
        to_utc(datetime(2027, 10, 31, 1, minute), field="end")
    assert "happens twice" in err.value.user_message
    assert "does not exist" not in err.value.user_message
    assert err.value.field == "end"


@pytest.mark.parametrize(
    "aware",
    [
        datetime(2027, 3, 28, 1, 30, tzinfo=UTC),  # would be in the gap if naive
        datetime(2027, 10, 31, 1, 30, tzinfo=UTC),  # would be ambiguous if naive
        datetime(2027, 7, 6, 18, 0, tzinfo=timezone(timedelta(hours=5))),
    ],
)
def test_aware_datetimes_pass_through(aware: datetime) -> None:
    result = to_utc(aware)
    assert result == aware
    assert result.tzinfo is UTC


def test_to_local_treats_naive_as_utc() -> None:
    assert to_local(datetime(2027, 7, 6, 17, 0)).hour == 18
    assert str(to_local(datetime(2027, 7, 6, 17, 0)).tzinfo) == "Europe/London"


@pytest.mark.parametrize(
    ("day", "minutes", "utc"),
    [
        (date(2027, 3, 27), 0, datetime(2027, 3, 27, 0, 0, tzinfo=UTC)),
        (date(2027, 3, 27), 1440, datetime(2027, 3, 28, 0, 0, tzinfo=UTC)),
        # Spring-forward day: 09:00 is BST, and the day is only 23 hours long.
        (date(2027, 3, 28), 0, datetime(2027, 3, 28, 0, 0, tzinfo=UTC)),
        (date(2027, 3, 28), 9 * 60, datetime(2027, 3, 28, 8, 0, tzinfo=UTC)),
        (date(2027, 3, 28), 23 * 60, datetime(2027, 3, 28, 22, 0, tzinfo=UTC)),
        (date(2027, 3, 28), 1440, datetime(2027, 3, 28, 23, 0, tzinfo=UTC)),
        # Autumn day: starts in BST, ends in GMT, 25 hours long.
        (date(2027, 10, 31), 0, datetime(2027, 10, 30, 23, 0, tzinfo=UTC)),
        (date(2027, 10, 31), 9 * 60, datetime(2027, 10, 31, 9, 0, tzinfo=UTC)),
        (date(2027, 10, 31), 1440, datetime(2027, 11, 1, 0, 0, tzinfo=UTC)),
        (date(2027, 7, 6), 1440, datetime(2027, 7, 6, 23, 0, tzinfo=UTC)),
    ],
)
def test_local_minutes_utc(day: date, minutes: int, utc: datetime) -> None:
    assert local_minutes_utc(day, minutes) == utc


@pytest.mark.parametrize(
    ("day", "hours"), [(date(2027, 3, 28), 23), (date(2027, 10, 31), 25), (date(2027, 7, 6), 24)]
)
def test_length_of_a_local_day(day: date, hours: int) -> None:
    span = local_minutes_utc(day, 1440) - local_minutes_utc(day, 0)
    assert span == timedelta(hours=hours)
    assert local_midnight_utc(day) == local_minutes_utc(day, 0)
    assert local_midnight_utc(day + timedelta(days=1)) == local_minutes_utc(day, 1440)


def test_local_day_of_a_late_summer_evening() -> None:
    # 23:30 UTC in July is 00:30 the next day in London.
    assert local_day(datetime(2027, 7, 6, 23, 30, tzinfo=UTC)) == date(2027, 7, 7)
    assert local_day(datetime(2027, 1, 6, 23, 30, tzinfo=UTC)) == date(2027, 1, 6)


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2027, 3, 31), 2026),
        (date(2027, 4, 1), 2027),
        (date(2027, 1, 1), 2026),
        (date(2026, 12, 31), 2026),
        (date(2027, 4, 30), 2027),
    ],
)
def test_financial_year_starts_1_april(day: date, year: int) -> None:
    assert financial_year(day) == year
