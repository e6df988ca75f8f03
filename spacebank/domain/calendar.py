"""Bank holidays of England and Wales, from the maintained `holidays` package."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays


@lru_cache(maxsize=1)
def _england_and_wales() -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG")


def bank_holiday_name(day: date) -> str | None:
    """The bank holiday's name if `day` is one in England and Wales, else None."""
    name = _england_and_wales().get(day)
    return str(name) if name else None
