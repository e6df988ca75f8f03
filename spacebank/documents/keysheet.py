"""The key-holder sheet: what is booked at one venue, day by day, in time order.

The key holder opens up for set-up and locks up after clean-up, so those times come
first; the hirer's phone number is there for when someone does not turn up.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import groupby
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table

from spacebank.documents.data import KeysheetData, KeysheetEntry
from spacebank.documents.formatting import (
    clock_time,
    long_date,
    markup,
    para,
    short_date,
    time_range,
)
from spacebank.documents.parts import facts_table, text_cell, widths
from spacebank.documents.styles import BOLD, DocStyles, document_styles
from spacebank.documents.templates import CONTENT_WIDTH, PageSetup, build_pdf
from spacebank.domain.clock import to_local

#: Room a day's heading needs below it (the header row and a booking or two).
KEEP_WITH_HEADING = 45 * mm
#: Large-print column widths as shares of the page: times, hall, hirer, purpose.
LARGE_SHARES = (0.28, 0.16, 0.29, 0.27)


def render_keysheet(data: KeysheetData, out: BinaryIO, *, large_print: bool = False) -> None:
    styles = document_styles(large_print)
    span = (
        long_date(data.first_day)
        if data.first_day == data.last_day
        else f"{short_date(data.first_day)} – {short_date(data.last_day)}"
    )
    setup = PageSetup(
        letterhead=data.letterhead,
        title="Key-holder sheet",
        subject=f"{data.venue_name}, {span}",
        recipient=tuple(
            p for p in (data.venue_name, *data.venue_address.splitlines(), data.venue_postcode) if p
        ),
        details=(
            ("Dates", span),
            ("Bookings", str(len(data.entries))),
            ("Printed", short_date(data.printed_on)),
        ),
        posted=False,
        styles=styles,
    )
    facts = [
        (
            "Key holders",
            "\n".join(_holder(h.name, h.phone, h.role) for h in data.key_holders)
            or "None recorded",
        ),
    ]
    if data.on_the_day_phone:
        facts.append(("On-the-day phone", data.on_the_day_phone))
    if data.access_notes:
        facts.append(("Access", data.access_notes))
    story: list[Flowable] = [facts_table(facts, styles)]
    by_day = {
        day: list(entries)
        for day, entries in groupby(
            sorted(data.entries, key=lambda e: (e.start, e.hall_name)),
            key=lambda e: to_local(e.start).date(),
        )
    }
    day = data.first_day
    while day <= data.last_day:
        story += _day(day, by_day.get(day, []), styles)
        day += timedelta(days=1)
    build_pdf(setup, story, out)


def _holder(name: str, phone: str, role: str) -> str:
    return ", ".join(p for p in (name, role, phone) if p)


def _day(day: date, entries: list[KeysheetEntry], styles: DocStyles) -> list[Flowable]:
    heading = Paragraph(markup(long_date(day)), styles.heading)
    if not entries:
        return [KeepTogether([heading, para("No bookings.", styles.small)])]
    table = _large_table(entries, styles) if styles.large else _table(entries, styles)
    # A day's heading never sits alone at the foot of a page; a long day still splits.
    return [CondPageBreak(KEEP_WITH_HEADING), heading, table]


def _table(entries: list[KeysheetEntry], styles: DocStyles) -> Table:
    """One column per time, so a key holder scans down the opening and locking times."""
    purpose, opens, booked, locks, hall, hirer, people = widths(styles, 13, 22, 16, 22, 35, 16)
    columns = [opens, booked, locks, hall, hirer, people, purpose]
    rows: list[list[object]] = [
        ["Open", "Booked", "Lock up", "Hall", "Hirer", "People", "Purpose and notes"]
    ]
    for e in entries:
        rows.append(
            [
                clock_time(_opens(e)),
                text_cell(time_range(e.start, e.end), styles.cell, booked),
                clock_time(_closes(e)),
                text_cell(e.hall_name, styles.cell, hall),
                Paragraph(_hirer(e), styles.cell),
                str(e.attendees),
                Paragraph(_purpose(e), styles.cell),
            ]
        )
    times = [
        ("FONTNAME", (0, 1), (0, -1), BOLD),
        ("FONTNAME", (2, 1), (2, -1), BOLD),
        ("ALIGN", (5, 0), (5, -1), "RIGHT"),
    ]
    return Table(
        rows, colWidths=columns, repeatRows=1, style=styles.table(extra=times), hAlign="LEFT"
    )


def _large_table(entries: list[KeysheetEntry], styles: DocStyles) -> Table:
    """Large print: the times stacked in one column, people with the hirer."""
    columns = [CONTENT_WIDTH * share for share in LARGE_SHARES]
    rows: list[list[object]] = [["Times", "Hall", "Hirer", "Purpose"]]
    for e in entries:
        times = (
            f"<b>Open {clock_time(_opens(e))}</b><br/>{time_range(e.start, e.end)}"
            f"<br/><b>Lock up {clock_time(_closes(e))}</b>"
        )
        rows.append(
            [
                Paragraph(times, styles.cell),
                text_cell(e.hall_name, styles.cell, columns[1]),
                Paragraph(f"{_hirer(e)}<br/>{e.attendees} people", styles.cell),
                Paragraph(_purpose(e), styles.cell),
            ]
        )
    return Table(rows, colWidths=columns, repeatRows=1, style=styles.table(), hAlign="LEFT")


def _opens(e: KeysheetEntry) -> datetime:
    return e.start - timedelta(minutes=e.setup_minutes)


def _closes(e: KeysheetEntry) -> datetime:
    return e.end + timedelta(minutes=e.cleanup_minutes)


def _hirer(e: KeysheetEntry) -> str:
    return f"<b>{markup(e.hirer_name)}</b><br/>{markup(e.hirer_phone)}"


def _purpose(e: KeysheetEntry) -> str:
    text = markup(e.purpose)
    if e.status_note:
        text += f" <b>({markup(e.status_note)})</b>"
    if e.notes:
        text += f"<br/><i>{markup(e.notes)}</i>"
    return text + f"<br/>{markup(e.reference)}"
