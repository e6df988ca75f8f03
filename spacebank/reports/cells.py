"""Turning typed report cells into text or numbers, shared by the exporters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from spacebank.domain.money import format_pence
from spacebank.reports.figures import hours
from spacebank.reports.view import Cell, Kind

#: A leading character that makes Excel or LibreOffice read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe.

    Text already starting with an apostrophe gets one too, so `unescape_formula`
    always gives the original back.
    """
    if text.startswith((*FORMULA_STARTS, "'")):
        return "'" + text
    return text


def unescape_formula(text: str) -> str:
    return text[1:] if text.startswith("'") else text


def number(kind: Kind, value: Cell) -> Decimal | int | None:
    """The number a cell stands for in its display unit (pounds, hours, percent)."""
    if value is None:
        return None
    if kind is Kind.MONEY:
        return Decimal(int(value)) / 100  # type: ignore[call-overload]
    if kind is Kind.HOURS:
        return hours(int(value))  # type: ignore[call-overload]
    if kind is Kind.PERCENT:
        return Decimal(value)  # type: ignore[arg-type]
    if kind is Kind.COUNT:
        return int(value)  # type: ignore[call-overload]
    raise ValueError(f"{kind} is not a number")


def plain(kind: Kind, value: Cell) -> str:
    """A cell as plain text for CSV: numbers unformatted, so spreadsheets read them."""
    if value is None:
        return ""
    if kind is Kind.TEXT:
        return escape_formula(str(value))
    if kind is Kind.DATE:
        return value.isoformat() if isinstance(value, date) else str(value)
    if kind is Kind.MONEY:
        return f"{number(kind, value):.2f}"
    return str(number(kind, value))


def shown(kind: Kind, value: Cell) -> str:
    """A cell as a person reads it (PDF): £1,234.50, 12.50 h, 2.7%."""
    if value is None:
        return "–"
    if kind is Kind.MONEY:
        return format_pence(int(value))  # type: ignore[call-overload]
    if kind is Kind.HOURS:
        return f"{hours(int(value)):,}"  # type: ignore[call-overload]
    if kind is Kind.PERCENT:
        return f"{value}%"
    if kind is Kind.COUNT:
        return f"{int(value):,}"  # type: ignore[call-overload]
    if kind is Kind.DATE and isinstance(value, date):
        return f"{value.day} {value:%b %Y}"
    return str(value)
