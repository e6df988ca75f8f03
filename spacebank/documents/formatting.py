"""How dates, times, money and free text appear on paper (London time, £, escaped)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from spacebank.domain.clock import to_local
from spacebank.domain.money import format_pence
from spacebank.domain.pricing import format_percent

__all__ = ["format_pence", "format_percent"]


def long_date(day: date) -> str:
    """'Saturday 14 June 2026' (no %-d: it is not portable to Windows)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    """'14 Jun 2026'."""
    return f"{day.day} {day:%b %Y}"


def clock_time(value: datetime) -> str:
    """'14:00' in London time."""
    return f"{to_local(value):%H:%M}"


def time_range(start: datetime, end: datetime) -> str:
    """'14:00–18:00', with the end day spelt out if the booking runs past midnight."""
    s, e = to_local(start), to_local(end)
    if e.date() == s.date():
        return f"{s:%H:%M}–{e:%H:%M}"
    if e.date() == s.date() + timedelta(days=1) and (e.hour, e.minute) == (0, 0):
        return f"{s:%H:%M}–24:00"
    return f"{s:%H:%M} – {e:%a} {short_date(e.date())} {e:%H:%M}"


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: markup characters escaped, line breaks kept."""
    return Paragraph(markup(text), style)


def markup(text: str) -> str:
    """Plain text made safe to put inside Paragraph markup."""
    return escape(text).replace("\n", "<br/>")
