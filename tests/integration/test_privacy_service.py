"""Subject access, retention and anonymisation of hirers' personal data."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from spacebank.domain.audit import AuditEntry
from spacebank.domain.enums import BookingStatus, PaymentMethod
from spacebank.domain.errors import StatusError, ValidationError
from spacebank.domain.hirer import Hirer, HirerSearchTerm
from spacebank.domain.invoice import Invoice
from spacebank.services.context import ServiceContext
from spacebank.services.invoice_dto import PaymentInput
from spacebank.services.invoice_service import InvoiceService
from spacebank.services.privacy_service import PrivacyService
from spacebank.storage.database import Database
from tests.conftest import FrozenClock
from tests.factories import World, add_booking

PAST = datetime(2026, 6, 6, 13, 0, tzinfo=UTC)


@pytest.fixture
def invoiced(db: Database, world: World, ctx: ServiceContext) -> int:
    """A completed booking of Zoë's in June 2026, invoiced; returns the invoice id."""
    with db.write() as s:
        booking = add_booking(
            s,
            hall_id=world.small_hall_id,
            hirer_id=world.hirer_id,
            start=PAST,
            end=PAST + timedelta(hours=2),
            status=BookingStatus.COMPLETED,
        )
        booking.notes = "Zoë's daughter's birthday"
        booking_id = booking.id
    return InvoiceService(ctx).issue([booking_id], issued_on=date(2026, 6, 10)).id


def test_subject_access_contains_everything(
    ctx: ServiceContext, world: World, invoiced: int
) -> None:
    export = PrivacyService(ctx).subject_access(world.hirer_id)
    data = json.loads(export.to_json())
    assert data["hirer"]["name"] == "Zoë O'Brien-Smith"
    assert data["bookings"][0]["notes"] == "Zoë's daughter's birthday"
    assert data["invoices"][0]["number"] == "SB-2026-000001"
    assert "Zoë" in export.to_json()  # not escaped: readable by the requester


def test_anonymise_keeps_figures_and_removes_person(
    ctx: ServiceContext, db: Database, world: World, invoiced: int, clock: FrozenClock
) -> None:
    service = PrivacyService(ctx)
    invoices = InvoiceService(ctx)
    with pytest.raises(StatusError, match="not settled"):
        service.anonymise(world.hirer_id, reason="Retention period over")
    invoice = invoices.get_invoice(invoiced)
    invoices.record_payment(
        invoiced, PaymentInput(invoice.gross_pence, PaymentMethod.BANK_TRANSFER, date(2026, 11, 20))
    )
    assert service.retention_due() == []
    clock.advance(timedelta(days=365 * 7))
    due = service.retention_due()
    assert world.hirer_id in [c.hirer_id for c in due]
    with pytest.raises(ValidationError):
        service.anonymise(world.hirer_id, reason="")
    service.anonymise(world.hirer_id, reason="Retention period over")
    with db.read() as s:
        hirer = s.get(Hirer, world.hirer_id)
        assert hirer is not None
        assert hirer.name == f"Anonymised hirer {world.hirer_id}"
        assert hirer.phone == hirer.address == hirer.postcode == hirer.email == ""
        assert hirer.anonymised_at is not None
        terms = s.scalars(
            select(HirerSearchTerm.term).where(HirerSearchTerm.hirer_id == world.hirer_id)
        ).all()
        assert terms == []
        stored = s.get(Invoice, invoiced)
        assert stored is not None and stored.gross_pence == invoice.gross_pence
        assert stored.bill_to_name.startswith("Anonymised") and stored.bill_to_address == ""
        trail = s.scalars(select(AuditEntry.after).where(AuditEntry.entity == "hirer")).all()
        assert not any("Zoë" in text for text in trail)
    export = PrivacyService(ctx).subject_access(world.hirer_id).to_json()
    assert "Zoë" not in export and "birthday" not in export
    with pytest.raises(StatusError, match="already"):
        service.anonymise(world.hirer_id, reason="again")


def test_upcoming_bookings_block_anonymising(
    ctx: ServiceContext, db: Database, world: World
) -> None:
    future = datetime(2027, 1, 9, 12, tzinfo=UTC)
    with db.write() as s:
        add_booking(
            s,
            hall_id=world.small_hall_id,
            hirer_id=world.charity_id,
            start=future,
            end=future + timedelta(hours=2),
        )
    with pytest.raises(StatusError, match="still to come"):
        PrivacyService(ctx).anonymise(world.charity_id, reason="Asked to be forgotten")
