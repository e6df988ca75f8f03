"""The booking confirmation letter, posted to hirers who have no email.

A series lists every date, cancelled ones marked as such, so the letter is the
hirer's diary. Set-up and clean-up time are shown apart from the hired hours
because they are not charged.
"""

from __future__ import annotations

from datetime import timedelta
from typing import BinaryIO

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from spacebank.documents.data import ConfirmationData, Occurrence
from spacebank.documents.formatting import (
    clock_time,
    format_pence,
    long_date,
    markup,
    para,
    short_date,
    time_range,
)
from spacebank.documents.parts import (
    facts_table,
    how_to_pay,
    lines_table,
    text_cell,
    totals_table,
    widths,
)
from spacebank.documents.styles import BOLD, MUTED, DocStyles, document_styles
from spacebank.documents.templates import PageSetup, build_pdf
from spacebank.domain.clock import to_local


def render_confirmation(
    data: ConfirmationData, out: BinaryIO, *, large_print: bool = False
) -> None:
    styles = document_styles(large_print)
    setup = PageSetup(
        letterhead=data.letterhead,
        title="Booking confirmation",
        subject=f"Booking confirmation {data.reference}",
        recipient=data.recipient.lines,
        details=(
            ("Booking reference", data.reference),
            ("Date of letter", short_date(data.letter_date)),
            ("Status", data.status),
        ),
        styles=styles,
    )
    story: list[Flowable] = [
        para(f"Dear {data.contact_name},", styles.body),
        para(_opening(data), styles.body),
        Paragraph("Your booking", styles.heading),
        facts_table(_facts(data), styles),
        KeepTogether(
            [
                Paragraph("On the day", styles.heading),
                *([para(data.access_notes, styles.body)] if data.access_notes else []),
                para(_phone_line(data), styles.body),
            ]
        ),
    ]
    if data.is_series:
        story += [Paragraph("Your dates", styles.heading), _dates_table(data.occurrences, styles)]
    story += _price(data, styles)
    ending: list[Flowable] = []
    if data.letterhead.cancellation_terms:
        ending += [
            Paragraph("If you need to cancel", styles.heading),
            para(data.letterhead.cancellation_terms, styles.body),
        ]
    # The sign-off never stands alone on a last page.
    ending += [
        para("Yours sincerely,", styles.body),
        para(f"Community Halls Team\n{data.letterhead.name}", styles.body),
    ]
    story.append(KeepTogether(ending))
    build_pdf(setup, story, out)


def _opening(data: ConfirmationData) -> str:
    where = f"{data.hall_name} at {data.venue_name}"
    live = data.live_occurrences
    if not live:
        return f"This letter confirms that your booking of {where} has been cancelled."
    if not data.is_series:
        day = long_date(to_local(live[0].start).date())
        return (
            f"Thank you for booking with us. This letter confirms your booking of {where} on {day}."
        )
    first, last = to_local(live[0].start).date(), to_local(live[-1].start).date()
    return (
        f"Thank you for booking with us. This letter confirms your regular booking of {where}: "
        f"{len(live)} dates from {long_date(first)} to {long_date(last)}, all listed below."
    )


def _facts(data: ConfirmationData) -> list[tuple[str, str]]:
    first = (data.live_occurrences or data.occurrences)[0]
    address = ", ".join(
        p.strip() for p in (*data.venue_address.splitlines(), data.venue_postcode) if p.strip()
    )
    facts = [("Hall", f"{data.hall_name}, {data.venue_name}"), ("Address", address)]
    if not data.is_series:
        facts.append(("Date", long_date(to_local(first.start).date())))
    facts.append(("Time", time_range(first.start, first.end)))
    if data.setup_minutes:
        arrive = clock_time(first.start - timedelta(minutes=data.setup_minutes))
        facts.append(
            (
                "Setting up",
                f"You can get in from {arrive} ({data.setup_minutes} minutes before "
                "your start) to set up. Setting-up time is not charged.",
            )
        )
    if data.cleanup_minutes:
        leave = clock_time(first.end + timedelta(minutes=data.cleanup_minutes))
        facts.append(("Clearing up", f"Please leave the hall clean and tidy by {leave}."))
    facts.append(("Purpose", data.purpose))
    facts.append(("People", f"Up to {data.attendees}"))
    if data.included:
        facts.append(("Included", ", ".join(data.included)))
    return facts


def _phone_line(data: ConfirmationData) -> str:
    if data.on_the_day_phone:
        return f"If anything goes wrong on the day, ring {data.on_the_day_phone}."
    return f"If anything goes wrong on the day, ring us on {data.letterhead.phone}."


def _dates_table(occurrences: tuple[Occurrence, ...], styles: DocStyles) -> Table:
    columns = widths(styles, 28, 26, 25)
    rows: list[list[object]] = [["Date", "Time", "Reference", "Status"]]
    marks: list[tuple] = []
    for i, o in enumerate(occurrences, start=1):
        rows.append(
            [
                text_cell(long_date(to_local(o.start).date()), styles.cell, columns[0]),
                text_cell(time_range(o.start, o.end), styles.cell, columns[1]),
                o.reference,
                "Cancelled" if o.cancelled else "Booked",
            ]
        )
        if o.cancelled:
            marks += [
                ("BACKGROUND", (0, i), (-1, i), MUTED.clone(alpha=0.15)),
                ("FONTNAME", (3, i), (3, i), BOLD),
            ]
    return Table(
        rows,
        colWidths=columns,
        repeatRows=1,
        style=styles.table(extra=marks),
        hAlign="LEFT",
    )


def _price(data: ConfirmationData, styles: DocStyles) -> list[Flowable]:
    each = sum(c.gross_pence for c in data.charges)
    vat = sum(c.vat_pence for c in data.charges)
    count = len(data.live_occurrences)
    heading = "Price for each date" if data.is_series else "Price"
    totals: list[tuple[str, int, bool]] = [("VAT", vat, False)] if vat else []
    totals.append(("Each date" if data.is_series else "Total", each, not data.is_series))
    if data.is_series:
        totals.append(
            (f"Total for {count} date{'s' if count != 1 else ''}", data.total_pence, True)
        )
    parts: list[Flowable] = [
        KeepTogether(
            [
                Paragraph(heading, styles.heading),
                lines_table(data.charges, styles),
                Spacer(1, 4),
                totals_table(totals, styles),
                Spacer(1, styles.body.fontSize * 0.6),
            ]
        )
    ]
    if data.deposit_pence:
        parts.append(
            para(
                f"A refundable deposit of {format_pence(data.deposit_pence)} is also due. It is "
                "kept apart from the hire fee and returned after your booking if there is no "
                "damage.",
                styles.body,
            )
        )
    owed = data.total_pence + data.deposit_pence
    if data.payment_due_on is not None and owed > 0:
        intro = f"Please pay {format_pence(owed)} by {long_date(data.payment_due_on)}."
        parts.append(
            how_to_pay(data.letterhead, data.payment_reference, styles, intro=intro, terms=False)
        )
    elif owed > 0:
        parts.append(
            Paragraph(markup("We will send you an invoice for the hire fee."), styles.body)
        )
    return parts
