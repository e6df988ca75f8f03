"""What the clerk types in the date and time boxes."""

from __future__ import annotations

from datetime import date, time

import pytest

from spacebank.domain.errors import ValidationError
from spacebank.domain.typed_dates import parse_day, parse_time

SATURDAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sat", date(2026, 11, 21)),
        ("Saturday", date(2026, 11, 21)),
        ("sun", date(2026, 11, 22)),
        ("tue", date(2026, 11, 24)),
        ("next tue", date(2026, 12, 1)),
        ("next sat", date(2026, 11, 28)),
        ("today", SATURDAY),
        ("tomorrow", date(2026, 11, 22)),
        ("+10", date(2026, 12, 1)),
        ("12/4", date(2027, 4, 12)),
        ("21/11", date(2026, 11, 21)),
        ("20/11", date(2027, 11, 20)),
        ("4/12/26", date(2026, 12, 4)),
        ("04.12.2026", date(2026, 12, 4)),
        ("2026-12-04", date(2026, 12, 4)),
        ("4 dec", date(2026, 12, 4)),
        ("4th December 2027", date(2027, 12, 4)),
        ("29/2", date(2028, 2, 29)),
    ],
)
def test_days(text: str, expected: date) -> None:
    assert parse_day(text, SATURDAY) == expected


@pytest.mark.parametrize(
    "text", ["", "someday", "31/2", "32/1", "next", "next week", "2026-13-01", "4 smarch"]
)
def test_bad_days(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_day(text, SATURDAY)
    assert err.value.field == "date"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14", time(14)),
        ("1400", time(14)),
        ("14:30", time(14, 30)),
        ("14.30", time(14, 30)),
        ("2pm", time(14)),
        ("2.30pm", time(14, 30)),
        ("12pm", time(12)),
        ("12am", time(0)),
        ("9", time(9)),
        ("7", time(19)),
        ("7am", time(7)),
        ("09:00", time(9)),
        ("0", time(0)),
        ("23:59", time(23, 59)),
    ],
)
def test_times(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["", "25", "14:60", "13pm", "noonish", "24:00", "2:3"])
def test_bad_times(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_time(text)
