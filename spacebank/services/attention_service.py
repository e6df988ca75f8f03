"""What needs a clerk's attention soon: holds about to lapse and short-notice loose ends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row, and_, not_, or_
from sqlalchemy.orm import Session

from spacebank.domain.booking import Booking
from spacebank.domain.clock import to_local
from spacebank.domain.enums import BookingStatus
from spacebank.domain.money import format_pence
from spacebank.services.booking_dto import BookingSummary
from spacebank.services.context import ServiceContext
from spacebank.services.outstanding import (
    deposit_received_column,
    live_invoice_number_column,
    on_live_invoice,
    owed_column,
    owed_on_live_invoice,
)
from spacebank.services.summaries import summary_columns, to_summary

#: Holds lapsing within this look-ahead are listed.
HOLD_LOOKAHEAD = timedelta(hours=48)
#: Each of the two lists is cut at this many rows (the panel is a to-do list, not a report).
MAX_ITEMS = 500


@dataclass(frozen=True)
class AttentionItem:
    booking: BookingSummary
    #: Why, as a clerk would say it: "Hold lapses Sun 22 Nov 10:00; deposit £150.00 not received".
    reason: str
    #: When it must be dealt with by (aware Europe/London): the hold's expiry or the event.
    due: datetime
    #: A provisional hold lapsing within `HOLD_LOOKAHEAD`.
    hold_expiring: bool
    #: Inside the notice period with money or a deposit outstanding.
    short_notice: bool


class AttentionService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def needs_attention(self) -> list[AttentionItem]:
        """Expiring holds and short-notice bookings with something outstanding, by due time.

        A booking is short-notice when it starts within the policy's notice period; it is
        outstanding when it has a charge but no live invoice, a balance on its live
        invoice, or a priced deposit that has not been received. Both lists are read
        through indexed, time-bounded queries.
        """
        now = self._ctx.now()
        with self._ctx.db.read() as s:
            notice_end = now + timedelta(days=self._ctx.policy(s).notice_days)
            holds = self._rows(s, and_(
                Booking.status == BookingStatus.PROVISIONAL,
                Booking.hold_expires_at > now,
                Booking.hold_expires_at <= now + HOLD_LOOKAHEAD,
            ), Booking.hold_expires_at)
            short = self._rows(s, and_(
                Booking.starts_at >= now,
                Booking.starts_at < notice_end,
                or_(
                    Booking.status == BookingStatus.CONFIRMED,
                    and_(Booking.status == BookingStatus.PROVISIONAL,
                         Booking.hold_expires_at > now),
                ),
                or_(
                    and_(Booking.total_pence > 0, not_(on_live_invoice())),
                    owed_on_live_invoice(),
                    and_(Booking.deposit_pence > 0, not_(deposit_received_column())),
                ),
            ), Booking.starts_at)
        expiring = {r[0] for r in holds}
        in_notice = {r[0] for r in short}
        rows = {r[0]: r for r in (*holds, *short)}
        items = [
            _item(row, now, hold=booking_id in expiring, notice=booking_id in in_notice)
            for booking_id, row in rows.items()
        ]
        return sorted(items, key=lambda i: (i.due, i.booking.start, i.booking.id))

    def _rows(self, s: Session, where: Any, order: Any) -> list[Row]:
        query = (
            summary_columns()
            .add_columns(
                Booking.deposit_pence,
                owed_column(),
                live_invoice_number_column(),
                deposit_received_column(),
            )
            .where(where)
            .order_by(order, Booking.id)
            .limit(MAX_ITEMS)
        )
        return list(s.execute(query))


def _item(row: Row, now: datetime, *, hold: bool, notice: bool) -> AttentionItem:
    summary = to_summary(row)
    deposit, owed, number, deposit_in = row[17], row[18], row[19], bool(row[20])
    reasons: list[str] = []
    due = summary.start
    if hold and summary.hold_expires_at is not None:
        reasons.append(f"Hold lapses {_when(summary.hold_expires_at)}")
        due = min(due, summary.hold_expires_at)
    if notice:
        owing: list[str] = []
        if number is None and summary.total_pence > 0:
            owing.append(
                f"not confirmed or invoiced ({format_pence(summary.total_pence)})"
                if summary.status is BookingStatus.PROVISIONAL
                else f"not invoiced ({format_pence(summary.total_pence)})"
            )
        if number is not None and owed is not None and owed > 0:
            owing.append(f"{format_pence(int(owed))} unpaid on {number}")
        if deposit > 0 and not deposit_in:
            owing.append(f"deposit {format_pence(deposit)} not received")
        if owing:
            reasons.append(f"{_lead_time(summary.start, now)}: " + "; ".join(owing))
    return AttentionItem(
        booking=summary,
        reason="; ".join(reasons),
        due=due,
        hold_expiring=hold,
        short_notice=notice,
    )


def _when(value: datetime) -> str:
    local = to_local(value)
    return f"{local:%a} {local.day} {local:%b %H:%M}"


def _lead_time(start: datetime, now: datetime) -> str:
    days = (to_local(start).date() - to_local(now).date()).days
    if days <= 0:
        return "Event today"
    if days == 1:
        return "Event tomorrow"
    return f"Event in {days} days"
