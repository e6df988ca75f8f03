"""Invoices and credit notes for the planned bookings, then their payments and deposits.

Lines and credit notes are shaped as `InvoiceService` writes them; numbers are gapless
per financial year in the order documents were issued.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from functools import lru_cache
from random import Random
from typing import cast

from spacebank.demo.payments import plan_deposits, plan_payments
from spacebank.demo.randomness import WallClock, randint
from spacebank.demo.records import Billing, DemoBooking, DemoCreditNote, DemoInvoice, fit
from spacebank.domain.clock import financial_year, local_day
from spacebank.domain.enums import BookingStatus, HirerType
from spacebank.domain.invoice import CREDIT_NOTE_PREFIX, INVOICE_PREFIX, settled_from
from spacebank.domain.money import vat_pence
from spacebank.domain.pricing import format_percent


def plan_billing(
    rng: Random, bookings: list[DemoBooking], *, today: date, now: datetime
) -> Billing:
    clock = WallClock()
    invoices = _invoices(rng, bookings, today=today, now=now, clock=clock)
    invoices.sort(key=lambda i: (i.issued_at, i.bookings[0].id))
    counters: dict[str, int] = defaultdict(int)
    for n, invoice in enumerate(invoices, 1):
        invoice.id = n
        counters[f"{INVOICE_PREFIX}-{invoice.fy}"] += 1
        invoice.sequence = counters[f"{INVOICE_PREFIX}-{invoice.fy}"]
        _add_lines(invoice)
    notes = [note for invoice in invoices for note in _credit_notes(invoice, now)]
    notes.sort(key=lambda c: (c.issued_at, c.invoice.id, c.booking.id))
    for n, note in enumerate(notes, 1):
        note.id = n
        key = f"{CREDIT_NOTE_PREFIX}-{financial_year(note.issued_on)}"
        counters[key] += 1
        note.sequence = counters[key]
    payments: list[dict[str, object]] = []
    for invoice in invoices:
        mine = plan_payments(rng, invoice, today=today, now=now, clock=clock)
        invoice.settled_on = settled_from(
            invoice.issued_on,
            invoice.net + invoice.vat,
            [(c.issued_on, c.gross) for c in invoice.credit_notes]
            + [(cast(date, p["received_on"]), cast(int, p["amount_pence"])) for p in mine],
        )
        payments.extend(mine)
    for n, payment in enumerate(payments, 1):
        payment["id"] = n
    return Billing(
        invoices=invoices,
        credit_notes=notes,
        payments=payments,
        deposits=plan_deposits(rng, bookings, today=today),
        counters=[{"series": k, "last_value": v} for k, v in sorted(counters.items())],
    )


def _issued_at(
    rng: Random, day: date, after: datetime, now: datetime, clock: WallClock
) -> datetime | None:
    """An office-hours instant on `day` after `after`, or None if that is not yet past."""
    at = max(
        clock.office_time(day, randint(rng, 9 * 60, 17 * 60 - 1)), after + timedelta(minutes=5)
    )
    return at if at <= now else None


def _invoices(
    rng: Random, bookings: list[DemoBooking], *, today: date, now: datetime, clock: WallClock
) -> list[DemoInvoice]:
    invoices: list[DemoInvoice] = []
    months: dict[tuple[int, int, int], list[DemoBooking]] = defaultdict(list)
    for b in bookings:
        if b.series is not None:
            months[(b.series.id, b.day.year, b.day.month)].append(b)
            continue
        if b.total_pence <= 0 or b.confirmed_at is None:
            continue
        if b.status is BookingStatus.COMPLETED and rng.random() < 0.06:
            continue  # never invoiced: an oversight the reports should show
        if b.hirer.hirer_type in (HirerType.BUSINESS, HirerType.COUNCIL) and rng.random() < 0.5:
            day = b.day + timedelta(days=randint(rng, 1, 5))  # invoiced after the event
        else:
            day = min(local_day(b.confirmed_at) + timedelta(days=randint(rng, 0, 2)), b.day)
        at = _issued_at(rng, day, b.confirmed_at, now, clock) if day <= today else None
        if at is None or (b.cancelled_at is not None and b.cancelled_at <= at):
            continue
        invoices.append(DemoInvoice([b], local_day(at), at))
    for (_, year, month), group in sorted(months.items()):
        series = group[0].series
        assert series is not None
        day = max(date(year, month, 1) - timedelta(days=5), local_day(series.created_at))
        if day > today or rng.random() < 0.05:
            continue
        at = _issued_at(rng, day, series.created_at, now, clock)
        if at is None:
            continue
        billed = [
            b
            for b in group
            if b.total_pence > 0
            and (
                b.status in (BookingStatus.COMPLETED, BookingStatus.CONFIRMED)
                or (
                    b.status is BookingStatus.CANCELLED
                    and b.cancelled_at is not None
                    and b.cancelled_at > at
                )
            )
        ]
        if billed:
            invoices.append(DemoInvoice(billed, local_day(at), at))
    return invoices


def _add_lines(invoice: DemoInvoice) -> None:
    for b in invoice.bookings:
        prefix = f"{b.hall.name}, {booking_time(b.day, b.start_min, b.end_min)}"
        for charge in b.quote.lines:
            vat = vat_pence(charge.amount_pence, charge.vat_rate_bp)
            invoice.lines.append(
                {
                    "invoice_id": invoice.id,
                    "position": len(invoice.lines) + 1,
                    "booking_id": b.id,
                    "kind": charge.kind.value,
                    "description": fit(f"{prefix} — {charge.description}"),
                    "quantity": charge.quantity,
                    "unit_pence": charge.unit_pence,
                    "net_pence": charge.amount_pence,
                    "vat_rate_bp": charge.vat_rate_bp,
                    "vat_pence": vat,
                }
            )
            invoice.net += charge.amount_pence
            invoice.vat += vat


def _credit_notes(invoice: DemoInvoice, now: datetime) -> list[DemoCreditNote]:
    """A credit note for each booking cancelled after it was invoiced.

    A booking alone on its invoice gets the invoice's lines back; one of several gets
    a line per VAT rate, as `InvoiceService.credit_note` does for a part credit.
    """
    notes: list[DemoCreditNote] = []
    for b in invoice.bookings:
        if b.status is not BookingStatus.CANCELLED or b.cancelled_at is None:
            continue
        at = min(b.cancelled_at + timedelta(minutes=10), now)
        note = DemoCreditNote(invoice, b, at)
        mine = [ln for ln in invoice.lines if ln["booking_id"] == b.id]
        if len(invoice.bookings) == 1:
            note.lines = [
                {
                    "position": ln["position"],
                    "description": ln["description"],
                    "net_pence": ln["net_pence"],
                    "vat_rate_bp": ln["vat_rate_bp"],
                    "vat_pence": ln["vat_pence"],
                }
                for ln in mine
            ]
        else:
            by_rate: dict[int, list[int]] = defaultdict(lambda: [0, 0])
            for ln in mine:
                by_rate[int(ln["vat_rate_bp"])][0] += int(ln["net_pence"])  # type: ignore[call-overload]
                by_rate[int(ln["vat_rate_bp"])][1] += int(ln["vat_pence"])  # type: ignore[call-overload]
            note.lines = [
                {
                    "position": n,
                    "description": (
                        f"Credit against invoice {invoice.number} (VAT {format_percent(rate)})"
                    ),
                    "net_pence": net,
                    "vat_rate_bp": rate,
                    "vat_pence": vat,
                }
                for n, (rate, (net, vat)) in enumerate(sorted(by_rate.items()), 1)
            ]
        if note.gross > 0:
            invoice.credit_notes.append(note)
            notes.append(note)
    return notes


def booking_time(day: date, start_min: int, end_min: int) -> str:
    """'Sat 12 Dec 2026 14:00–18:00', exactly as `InvoiceService` describes a booking
    within one day (tests compare the two), without a time-zone conversion per line."""
    return (
        f"{_day_label(day)} {start_min // 60:02d}:{start_min % 60:02d}–"
        f"{end_min // 60:02d}:{end_min % 60:02d}"
    )


@lru_cache(maxsize=8192)
def _day_label(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"
