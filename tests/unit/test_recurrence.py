"""Dates of a recurring series: weekly, fortnightly, monthly by weekday position."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spacebank.domain.enums import Frequency
from spacebank.domain.errors import ValidationError
from spacebank.domain.recurrence import MAX_OCCURRENCES, occurrence_dates

TUE = date(2027, 3, 2)


def test_weekly_by_count() -> None:
    assert occurrence_dates(TUE, Frequency.WEEKLY, count=4) == [
        date(2027, 3, 2),
        date(2027, 3, 9),
        date(2027, 3, 16),
        date(2027, 3, 23),
    ]


def test_weekly_until_is_inclusive() -> None:
    assert occurrence_dates(TUE, Frequency.WEEKLY, until=date(2027, 3, 23))[-1] == date(2027, 3, 23)
    assert occurrence_dates(TUE, Frequency.WEEKLY, until=date(2027, 3, 22)) == [
        date(2027, 3, 2),
        date(2027, 3, 9),
        date(2027, 3, 16),
    ]
    assert occurrence_dates(TUE, Frequency.WEEKLY, until=TUE) == [TUE]


def test_fortnightly_by_count_and_until() -> None:
    expected = [date(2027, 3, 2), date(2027, 3, 16), date(2027, 3, 30)]
    assert occurrence_dates(TUE, Frequency.FORTNIGHTLY, count=3) == expected
    assert occurrence_dates(TUE, Frequency.FORTNIGHTLY, until=date(2027, 4, 12)) == expected


def test_monthly_second_tuesday() -> None:
    assert occurrence_dates(date(2027, 1, 12), Frequency.MONTHLY_BY_WEEKDAY, count=4) == [
        date(2027, 1, 12),
        date(2027, 2, 9),
        date(2027, 3, 9),
        date(2027, 4, 13),
    ]


def test_monthly_crosses_the_year_end() -> None:
    # 1st Monday of each month.
    assert occurrence_dates(date(2026, 11, 2), Frequency.MONTHLY_BY_WEEKDAY, count=3) == [
        date(2026, 11, 2),
        date(2026, 12, 7),
        date(2027, 1, 4),
    ]


def test_monthly_from_a_fifth_weekday_takes_the_last_one() -> None:
    # 29 Dec 2026 is the 5th Tuesday; months without a 5th use their last Tuesday.
    assert occurrence_dates(date(2026, 12, 29), Frequency.MONTHLY_BY_WEEKDAY, count=4) == [
        date(2026, 12, 29),
        date(2027, 1, 26),
        date(2027, 2, 23),
        date(2027, 3, 30),
    ]
    # 29 Jan 2027 is the 5th Friday.
    assert occurrence_dates(date(2027, 1, 29), Frequency.MONTHLY_BY_WEEKDAY, count=3) == [
        date(2027, 1, 29),
        date(2027, 2, 26),
        date(2027, 3, 26),
    ]


def test_monthly_from_a_fourth_weekday_stays_fourth() -> None:
    # 22 Dec 2026 is the 4th Tuesday: March 2027 has five, and the 4th is the 23rd.
    assert occurrence_dates(date(2026, 12, 22), Frequency.MONTHLY_BY_WEEKDAY, count=4) == [
        date(2026, 12, 22),
        date(2027, 1, 26),
        date(2027, 2, 23),
        date(2027, 3, 23),
    ]


def test_monthly_until() -> None:
    assert occurrence_dates(
        date(2027, 1, 12), Frequency.MONTHLY_BY_WEEKDAY, until=date(2027, 4, 12)
    ) == [date(2027, 1, 12), date(2027, 2, 9), date(2027, 3, 9)]


def test_largest_count_allowed() -> None:
    dates = occurrence_dates(TUE, Frequency.WEEKLY, count=MAX_OCCURRENCES)
    assert len(dates) == MAX_OCCURRENCES == 520


@pytest.mark.parametrize("count", [0, -1, 521])
def test_count_out_of_range_refused(count: int) -> None:
    with pytest.raises(ValidationError) as err:
        occurrence_dates(TUE, Frequency.WEEKLY, count=count)
    assert err.value.field == "count"
    assert "between 1 and 520" in err.value.user_message


@pytest.mark.parametrize(("count", "until"), [(None, None), (4, date(2027, 6, 1))])
def test_exactly_one_of_count_and_until(count: int | None, until: date | None) -> None:
    with pytest.raises(ValidationError) as err:
        occurrence_dates(TUE, Frequency.WEEKLY, count=count, until=until)
    assert err.value.field == "count"
    assert "either" in err.value.user_message


def test_until_before_first_refused() -> None:
    with pytest.raises(ValidationError) as err:
        occurrence_dates(TUE, Frequency.WEEKLY, until=TUE - timedelta(days=1))
    assert err.value.field == "until"


def test_until_too_far_refused() -> None:
    with pytest.raises(ValidationError) as err:
        occurrence_dates(TUE, Frequency.WEEKLY, until=TUE + timedelta(weeks=520))
    assert err.value.field == "until"
    assert "more than 520" in err.value.user_message
    # 520 weekly dates end exactly 519 weeks on: that is still allowed.
    assert len(occurrence_dates(TUE, Frequency.WEEKLY, until=TUE + timedelta(weeks=519))) == 520


@settings(max_examples=150, deadline=None)
@given(
    first=st.dates(min_value=date(2026, 1, 1), max_value=date(2035, 12, 31)),
    frequency=st.sampled_from(list(Frequency)),
    count=st.integers(min_value=1, max_value=60),
)
def test_dates_increase_on_one_weekday(first: date, frequency: Frequency, count: int) -> None:
    dates = occurrence_dates(first, frequency, count=count)
    assert len(dates) == count
    assert dates[0] == first
    assert all(a < b for a, b in pairwise(dates))
    assert {d.weekday() for d in dates} == {first.weekday()}
    if frequency is Frequency.MONTHLY_BY_WEEKDAY:
        months = [(d.year, d.month) for d in dates]
        assert len(set(months)) == count  # one date in each month, none skipped
        assert all((b[0] * 12 + b[1]) - (a[0] * 12 + a[1]) == 1 for a, b in pairwise(months))
    else:
        step = 7 if frequency is Frequency.WEEKLY else 14
        assert all((b - a).days == step for a, b in pairwise(dates))


@settings(max_examples=100, deadline=None)
@given(
    first=st.dates(min_value=date(2026, 1, 1), max_value=date(2030, 12, 31)),
    frequency=st.sampled_from(list(Frequency)),
    days=st.integers(min_value=0, max_value=800),
)
def test_until_keeps_every_date_up_to_it(first: date, frequency: Frequency, days: int) -> None:
    until = first + timedelta(days=days)
    dates = occurrence_dates(first, frequency, until=until)
    assert dates[0] == first and dates[-1] <= until
    # The series by count gives the same dates plus the first one past `until`.
    longer = occurrence_dates(first, frequency, count=len(dates) + 1)
    assert longer[:-1] == dates
    assert longer[-1] > until
