"""Booking rules without a database: intervals, opening hours, holds, notice."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from spacebank.domain.clock import to_utc
from spacebank.domain.errors import CapacityError, ClosedError, TimeError, ValidationError
from spacebank.domain.policy import Policy
from spacebank.domain.rules import (
    check_attendees,
    check_interval,
    check_length,
    check_opening_hours,
    fmt_local,
    fmt_local_until,
    hold_expiry,
    opening_window,
    within_notice_period,
)

NOW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
POLICY = Policy()
NINE_TO_ELEVEN = {d: (9 * 60, 23 * 60) for d in range(7)}


def at(*args: int) -> datetime:
    """A London wall-clock time as aware UTC."""
    return to_utc(datetime(*args))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("start", "end", "field", "text"),
    [
        (at(2026, 12, 12, 14), at(2026, 12, 12, 14), "end", "after the start"),
        (at(2026, 12, 12, 14), at(2026, 12, 12, 13), "end", "after the start"),
        (at(2026, 12, 12, 9), at(2026, 12, 13, 9, 1), "end", "longer than 24 hours"),
        (NOW - timedelta(minutes=1), NOW + timedelta(hours=1), "start", "in the past"),
        (
            NOW + timedelta(days=730, minutes=1),
            NOW + timedelta(days=730, hours=2),
            "start",
            "730 days ahead",
        ),
    ],
)
def test_check_interval_refusals(start: datetime, end: datetime, field: str, text: str) -> None:
    with pytest.raises(TimeError) as err:
        check_interval(start, end, now=NOW, policy=POLICY)
    assert err.value.field == field
    assert text in err.value.user_message


def test_check_interval_messages_show_london_time() -> None:
    with pytest.raises(TimeError) as err:
        check_interval(at(2026, 7, 1, 14), at(2026, 7, 1, 15), now=NOW, policy=POLICY)
    assert "Wed 01 Jul 2026 14:00 is in the past" in err.value.user_message
    with pytest.raises(TimeError) as err:
        check_interval(
            NOW + timedelta(days=800),
            NOW + timedelta(days=800, hours=1),
            now=NOW,
            policy=Policy(max_advance_days=30),
        )
    assert "30 days ahead (until 21 Dec 2026)" in err.value.user_message


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (NOW, NOW + timedelta(hours=1)),  # starting right now
        (at(2026, 12, 12, 9), at(2026, 12, 13, 9)),  # exactly 24 hours
        (NOW + timedelta(days=730), NOW + timedelta(days=730, hours=1)),
    ],
)
def test_check_interval_accepts_the_limits(start: datetime, end: datetime) -> None:
    check_interval(start, end, now=NOW, policy=POLICY)


def test_opening_window_is_wall_clock() -> None:
    assert opening_window(date(2026, 12, 12), NINE_TO_ELEVEN) == (
        datetime(2026, 12, 12, 9, tzinfo=UTC),
        datetime(2026, 12, 12, 23, tzinfo=UTC),
    )
    assert opening_window(date(2027, 7, 3), NINE_TO_ELEVEN) == (
        datetime(2027, 7, 3, 8, tzinfo=UTC),
        datetime(2027, 7, 3, 22, tzinfo=UTC),
    )
    assert opening_window(date(2026, 12, 13), {5: (540, 1380)}) is None  # Sunday


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (at(2026, 12, 12, 9), at(2026, 12, 12, 23)),
        (at(2027, 7, 3, 9), at(2027, 7, 3, 10)),  # 08:00 UTC in summer
        (at(2027, 3, 28, 9), at(2027, 3, 28, 23)),  # the spring-forward Sunday
        (at(2027, 10, 31, 9), at(2027, 10, 31, 23)),  # the autumn Sunday
    ],
)
def test_inside_opening_hours(start: datetime, end: datetime) -> None:
    check_opening_hours(start, end, NINE_TO_ELEVEN, "Peckham Community Centre")


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (at(2026, 12, 12, 8, 30), at(2026, 12, 12, 10), "start"),
        (at(2026, 12, 12, 22), at(2026, 12, 12, 23, 15), "end"),
        (at(2027, 7, 3, 8, 30), at(2027, 7, 3, 10), "start"),  # 07:30 UTC but 08:30 BST
        (at(2026, 12, 12, 22), at(2026, 12, 13, 10), "end"),  # runs into the next day
    ],
)
def test_outside_opening_hours(start: datetime, end: datetime, field: str) -> None:
    with pytest.raises(ClosedError) as err:
        check_opening_hours(start, end, NINE_TO_ELEVEN, "Peckham Community Centre")
    assert err.value.field == field
    assert "Peckham Community Centre is open 09:00–23:00 on Saturdays" in err.value.user_message


def test_closed_weekday() -> None:
    weekdays_only = {d: (540, 1380) for d in range(5)}
    with pytest.raises(ClosedError) as err:
        check_opening_hours(at(2026, 12, 13, 10), at(2026, 12, 13, 12), weekdays_only, "Hall")
    assert err.value.user_message == "Hall is closed on Sundays."
    assert err.value.field == "start"


def test_venue_closing_at_midnight() -> None:
    late = {d: (18 * 60, 1440) for d in range(7)}
    check_opening_hours(at(2026, 12, 12, 21), at(2026, 12, 13, 0), late, "Club")
    # Midnight on the spring-forward night is 23:00 UTC: 22:00–24:00 is one real hour.
    check_opening_hours(at(2027, 3, 28, 22), at(2027, 3, 29, 0), late, "Club")
    with pytest.raises(ClosedError) as err:
        check_opening_hours(at(2026, 12, 12, 22), at(2026, 12, 13, 0, 30), late, "Club")
    assert err.value.field == "end"
    assert "18:00–00:00" in err.value.user_message


def test_hold_lasts_hold_days_when_the_event_is_far_off() -> None:
    start = NOW + timedelta(days=60)
    assert hold_expiry(NOW, start, POLICY) == NOW + timedelta(days=7)


def test_hold_ends_at_the_notice_deadline_when_that_is_sooner() -> None:
    start = NOW + timedelta(days=16)
    assert hold_expiry(NOW, start, POLICY) == start - timedelta(days=14)
    assert hold_expiry(NOW, start, Policy(hold_days=1)) == NOW + timedelta(days=1)


def test_hold_inside_the_notice_period_lasts_a_day_at_most() -> None:
    assert hold_expiry(NOW, NOW + timedelta(days=5), POLICY) == NOW + timedelta(days=1)
    soon = NOW + timedelta(hours=5)
    assert hold_expiry(NOW, soon, POLICY) == soon  # never past the start


def test_within_notice_period_boundary() -> None:
    assert within_notice_period(NOW, NOW + timedelta(days=14) - timedelta(minutes=1), POLICY)
    assert not within_notice_period(NOW, NOW + timedelta(days=14), POLICY)
    assert not within_notice_period(NOW, NOW + timedelta(days=3), Policy(notice_days=2))


@pytest.mark.parametrize(
    ("attendees", "text"), [(0, "at least 1"), (-3, "at least 1"), (61, "holds 60 people; 61")]
)
def test_check_attendees(attendees: int, text: str) -> None:
    with pytest.raises(CapacityError) as err:
        check_attendees(attendees, 60, "Main Hall (north half)")
    assert err.value.field == "attendees"
    assert text in err.value.user_message
    check_attendees(60, 60, "Main Hall (north half)")


def test_check_length() -> None:
    check_length(at(2026, 12, 12, 10), at(2026, 12, 12, 11), 60, "Garden Room")
    with pytest.raises(ValidationError) as err:
        check_length(at(2026, 12, 12, 10), at(2026, 12, 12, 10, 59), 60, "Garden Room")
    assert err.value.field == "end"
    assert "at least 60 minutes" in err.value.user_message


def test_fmt_local() -> None:
    assert fmt_local(datetime(2027, 7, 3, 13, 0, tzinfo=UTC)) == "Sat 03 Jul 2027 14:00"


def test_an_end_at_midnight_is_24_00_of_the_day_before() -> None:
    midnight_gmt = datetime(2026, 11, 30, 0, 0, tzinfo=UTC)  # London is on GMT
    assert fmt_local_until(midnight_gmt) == "Sun 29 Nov 2026 24:00"
    midnight_bst = datetime(2026, 7, 1, 23, 0, tzinfo=UTC)  # 00:00 BST on 2 July
    assert fmt_local_until(midnight_bst) == "Wed 01 Jul 2026 24:00"
    assert fmt_local_until(datetime(2026, 7, 1, 17, 30, tzinfo=UTC)) == \
        "Wed 01 Jul 2026 18:30"
