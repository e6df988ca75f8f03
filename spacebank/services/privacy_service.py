"""UK GDPR duties for hirers' personal data: subject access, retention, anonymisation.

Financial records are kept for `RETENTION_YEARS` after a hirer's last activity; after
that the person is anonymised while invoices, payments and totals stay intact.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update

from spacebank.domain.audit import AuditEntry
from spacebank.domain.booking import Booking, booking_reference
from spacebank.domain.clock import to_local
from spacebank.domain.enums import BookingStatus
from spacebank.domain.errors import NotFoundError, StatusError
from spacebank.domain.hirer import Hirer, HirerSearchTerm
from spacebank.domain.invoice import Invoice, Payment
from spacebank.domain.money import format_pence
from spacebank.domain.text import clean_text
from spacebank.domain.venue import Hall
from spacebank.services.audit import record
from spacebank.services.context import ServiceContext
from spacebank.services.invoice_sums import credited_column, paid_column

RETENTION_YEARS = 6
ANONYMISED_NAME = "Anonymised hirer"


@dataclass(frozen=True)
class RetentionCandidate:
    hirer_id: int
    display_name: str
    last_activity: date


@dataclass(frozen=True)
class SubjectAccessExport:
    """Everything held about one hirer, ready to save as JSON for the requester."""

    hirer_id: int
    generated_at: datetime
    content: dict[str, Any]

    def to_json(self) -> str:
        return json.dumps(self.content, ensure_ascii=False, indent=2, default=str)


class PrivacyService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def subject_access(self, hirer_id: int) -> SubjectAccessExport:
        """The hirer's record, bookings, invoices, payments and the audit trail about them."""
        with self._ctx.db.read() as s:
            hirer = s.get(Hirer, hirer_id)
            if hirer is None:
                raise NotFoundError(f"Hirer {hirer_id} does not exist.")
            bookings = s.execute(
                select(
                    Booking.id,
                    Hall.name,
                    Booking.starts_at,
                    Booking.ends_at,
                    Booking.status,
                    Booking.purpose,
                    Booking.attendees,
                    Booking.notes,
                    Booking.total_pence,
                    Booking.cancel_reason,
                )
                .join(Hall, Hall.id == Booking.hall_id)
                .where(Booking.hirer_id == hirer_id)
                .order_by(Booking.starts_at)
            ).all()
            invoices = s.execute(
                select(
                    Invoice.id,
                    Invoice.number,
                    Invoice.issued_on,
                    Invoice.gross_pence,
                    Invoice.bill_to_name,
                    Invoice.bill_to_address,
                    Invoice.bill_to_postcode,
                )
                .where(Invoice.hirer_id == hirer_id)
                .order_by(Invoice.issued_on)
            ).all()
            payments = s.execute(
                select(
                    Invoice.number,
                    Payment.received_on,
                    Payment.amount_pence,
                    Payment.method,
                    Payment.reference,
                )
                .join(Invoice, Invoice.id == Payment.invoice_id)
                .where(Invoice.hirer_id == hirer_id)
                .order_by(Payment.received_on)
            ).all()
            audit = s.execute(
                select(
                    AuditEntry.at,
                    AuditEntry.actor,
                    AuditEntry.action,
                    AuditEntry.before,
                    AuditEntry.after,
                )
                .where(AuditEntry.entity == "hirer", AuditEntry.entity_id == hirer_id)
                .order_by(AuditEntry.id)
            ).all()
            content = {
                "hirer": {
                    "id": hirer.id,
                    "type": hirer.hirer_type.value,
                    "name": hirer.name,
                    "organisation": hirer.organisation,
                    "phone": hirer.phone,
                    "phone_alt": hirer.phone_alt,
                    "email": hirer.email,
                    "address": hirer.address,
                    "postcode": hirer.postcode,
                    "notes": hirer.notes,
                    "created_at": hirer.created_at.isoformat(),
                    "updated_at": hirer.updated_at.isoformat(),
                },
                "bookings": [
                    {
                        "reference": booking_reference(b[0]),
                        "hall": b[1],
                        "start": to_local(b[2]).isoformat(),
                        "end": to_local(b[3]).isoformat(),
                        "status": b[4].value,
                        "purpose": b[5],
                        "attendees": b[6],
                        "notes": b[7],
                        "total_pence": b[8],
                        "cancel_reason": b[9],
                    }
                    for b in bookings
                ],
                "invoices": [
                    {
                        "number": i[1],
                        "issued_on": i[2].isoformat(),
                        "gross_pence": i[3],
                        "bill_to_name": i[4],
                        "bill_to_address": i[5],
                        "bill_to_postcode": i[6],
                    }
                    for i in invoices
                ],
                "payments": [
                    {
                        "invoice": p[0],
                        "received_on": p[1].isoformat(),
                        "amount_pence": p[2],
                        "method": p[3].value,
                        "reference": p[4],
                    }
                    for p in payments
                ],
                "changes": [
                    {
                        "at": a[0].isoformat(),
                        "by": a[1],
                        "action": a[2],
                        "before": a[3],
                        "after": a[4],
                    }
                    for a in audit
                ],
            }
            return SubjectAccessExport(hirer_id, self._ctx.now(), content)

    def retention_due(
        self, *, years: int = RETENTION_YEARS, limit: int = 500
    ) -> list[RetentionCandidate]:
        """Hirers with no booking, invoice, payment or edit for `years` years."""
        cutoff = self._ctx.now() - timedelta(days=365 * years + years // 4)
        last_booking = (
            select(Booking.hirer_id, func.max(Booking.ends_at).label("at"))
            .group_by(Booking.hirer_id)
            .subquery()
        )
        with self._ctx.db.read() as s:
            rows = s.execute(
                select(
                    Hirer.id, Hirer.name, Hirer.organisation, Hirer.updated_at, last_booking.c.at
                )
                .outerjoin(last_booking, last_booking.c.hirer_id == Hirer.id)
                .where(Hirer.anonymised_at.is_(None), Hirer.updated_at < cutoff)
                .where((last_booking.c.at.is_(None)) | (last_booking.c.at < cutoff))
                .order_by(Hirer.updated_at)
                .limit(limit)
            ).all()
        return [
            RetentionCandidate(r[0], r[2] or r[1], to_local(max(r[3], r[4] or r[3])).date())
            for r in rows
        ]

    def anonymise(self, hirer_id: int, *, reason: str) -> None:
        """Remove a hirer's personal data for good, keeping the financial records' figures.

        Refused while the hirer has bookings to come or money outstanding either way.
        """
        reason = clean_text(reason, field="reason", label="Reason", max_length=400)
        now = self._ctx.now()
        with self._ctx.db.write() as s:
            hirer = s.get(Hirer, hirer_id)
            if hirer is None:
                raise NotFoundError(f"Hirer {hirer_id} does not exist.")
            if hirer.anonymised_at is not None:
                raise StatusError("That hirer has already been anonymised.")
            upcoming = (
                s.scalar(
                    select(func.count())
                    .select_from(Booking)
                    .where(
                        Booking.hirer_id == hirer_id,
                        Booking.ends_at > now,
                        Booking.status.in_((BookingStatus.PROVISIONAL, BookingStatus.CONFIRMED)),
                    )
                )
                or 0
            )
            if upcoming:
                raise StatusError(
                    f"{hirer.display_name} has {upcoming} booking(s) still to come; cancel "
                    "or complete them before anonymising."
                )
            balance = int(
                s.scalar(
                    select(
                        func.coalesce(
                            func.sum(Invoice.gross_pence - credited_column() - paid_column()), 0
                        )
                    ).where(Invoice.hirer_id == hirer_id)
                )
                or 0
            )
            if balance:
                raise StatusError(
                    f"The hirer's invoices are not settled ({format_pence(balance)} "
                    "either way); settle, refund or credit them before anonymising."
                )
            label = f"{ANONYMISED_NAME} {hirer.id}"
            hirer.name, hirer.organisation, hirer.sort_key = label, "", label.casefold()
            hirer.phone = hirer.phone_alt = hirer.email = hirer.address = hirer.notes = ""
            hirer.postcode = ""
            hirer.anonymised_at = hirer.updated_at = now
            s.execute(delete(HirerSearchTerm).where(HirerSearchTerm.hirer_id == hirer_id))
            s.execute(
                update(Booking)
                .where(Booking.hirer_id == hirer_id)
                .values(notes="", purpose="(anonymised)")
                .execution_options(synchronize_session=False)
            )
            s.execute(
                update(Invoice)
                .where(Invoice.hirer_id == hirer_id)
                .values(bill_to_name=label, bill_to_address="", bill_to_postcode="")
                .execution_options(synchronize_session=False)
            )
            # Earlier audit rows about this person hold their details: keep the rows
            # (who changed what, when) but not the personal values.
            s.execute(
                update(AuditEntry)
                .where(AuditEntry.entity == "hirer", AuditEntry.entity_id == hirer_id)
                .values(before="", after="")
                .execution_options(synchronize_session=False)
            )
            record(
                s,
                self._ctx,
                action="anonymise",
                entity="hirer",
                entity_id=hirer_id,
                after={"reason": reason},
            )
