"""Document data from a real database (both engines): matches the books, reprints stay put."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import func, inspect, select, update

from spacebank.documents.render import render_bytes
from spacebank.domain.booking import Series
from spacebank.domain.enums import BookingStatus, Frequency, PaymentMethod
from spacebank.domain.errors import NotFoundError, StatusError, ValidationError
from spacebank.domain.hirer import Hirer
from spacebank.domain.invoice import NumberCounter
from spacebank.domain.venue import KeyHolder
from spacebank.services.context import ServiceContext
from spacebank.services.document_service import DRAFT_NUMBER, DocumentService
from spacebank.services.invoice_service import InvoiceService
from spacebank.services.settings_service import OrganisationDetails, SettingsService
from spacebank.storage.database import Database
from spacebank.storage.migrate import alembic_config, upgrade
from tests.conftest import FrozenClock
from tests.factories import World, add_booking
from tests.integration.test_invoice_service import SAT, TODAY, WITH_VAT, book, pay
from tests.pdf_text import pdf_text


@pytest.fixture
def docs(ctx: ServiceContext) -> DocumentService:
    return DocumentService(ctx)


@pytest.fixture
def invoices(ctx: ServiceContext) -> InvoiceService:
    return InvoiceService(ctx)


def counters(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.coalesce(func.sum(NumberCounter.last_value), 0))) or 0


def test_invoice_data_matches_the_books(
    docs: DocumentService, invoices: InvoiceService, world: World, db: Database
) -> None:
    issued = invoices.issue([book(db, world, charges=WITH_VAT)])
    invoices.record_payment(issued.id, pay(5000))
    data = docs.invoice_data(issued.number)
    assert data == docs.invoice_data(issued.id)
    assert data.number == issued.number == "SB-2026-000001"
    assert (data.net_pence, data.vat_pence, data.gross_pence) == (15000, 1000, 16000)
    assert [ln.net_pence for ln in data.lines] == [10000, 5000]
    assert [(v.vat_rate_bp, v.net_pence, v.vat_pence) for v in data.vat_breakdown] == [
        (0, 10000, 0),
        (2000, 5000, 1000),
    ]
    assert data.paid_pence == 5000 and data.balance_pence == 11000
    assert data.bill_to.name == "Zoë O'Brien-Smith"
    assert data.letterhead.name == OrganisationDetails().name
    text = pdf_text(render_bytes(data))
    assert "SB-2026-000001" in text and "Zoë O'Brien-Smith" in text


def test_reprint_is_identical_after_settings_and_address_change(
    docs: DocumentService, invoices: InvoiceService, ctx: ServiceContext, world: World, db: Database
) -> None:
    issued = invoices.issue([book(db, world)])
    note = invoices.credit_note(issued.id, amount_pence=1000, reason="Late start")
    # A credit note changes what the invoice shows as owed, so it comes first here.
    first = render_bytes(docs.invoice_data(issued.number))
    first_credit = render_bytes(docs.credit_note_data(note.id))
    SettingsService(ctx).update_organisation(
        replace(
            OrganisationDetails(),
            name="Lewisham Halls",
            vat_number="GB987654321",
            sort_code="11-22-33",
            account_number="87654321",
        )
    )
    with db.write() as s:
        s.execute(update(Hirer).where(Hirer.id == world.hirer_id).values(address="9 New Road"))
    assert render_bytes(docs.invoice_data(issued.number)) == first
    assert render_bytes(docs.credit_note_data(note.id)) == first_credit
    later = invoices.issue([book(db, world, SAT + timedelta(days=7))])
    text = pdf_text(render_bytes(docs.invoice_data(later.number)))
    assert "Lewisham Halls" in text and "GB987654321" in text and "9 New Road" in text


def test_preview_takes_no_number(
    docs: DocumentService, invoices: InvoiceService, world: World, db: Database
) -> None:
    booking_id = book(db, world, charges=WITH_VAT)
    preview = docs.invoice_preview([booking_id])
    assert preview.is_draft and preview.number == DRAFT_NUMBER
    assert preview.gross_pence == 16000 and preview.issued_on == TODAY
    assert "Draft invoice" in pdf_text(render_bytes(preview))
    assert counters(db) == 0
    assert invoices.issue([booking_id]).number == "SB-2026-000001"
    with pytest.raises(StatusError):
        docs.invoice_preview([booking_id])  # already invoiced: same checks as issue


def test_credit_note_and_receipt_data(
    docs: DocumentService,
    invoices: InvoiceService,
    world: World,
    db: Database,
    clock: FrozenClock,
) -> None:
    issued = invoices.issue([book(db, world, charges=WITH_VAT)])
    first = invoices.record_payment(issued.id, pay(6000, reference="Auth 1"))
    clock.advance(timedelta(minutes=5))
    note = invoices.credit_note(issued.id, amount_pence=1600, reason="Kitchen closed")
    clock.advance(timedelta(minutes=5))
    second = invoices.record_payment(issued.id, pay(2000, PaymentMethod.CASH))
    credit = docs.credit_note_data(note.id)
    assert credit.invoice_number == issued.number and credit.reason == "Kitchen closed"
    assert credit.gross_pence == 1600 == sum(ln.gross_pence for ln in credit.lines)
    assert credit.bill_to.name == "Zoë O'Brien-Smith"
    r1, r2 = docs.receipt_data(first.id), docs.receipt_data(second.id)
    assert (r1.amount_pence, r1.balance_after_pence, r1.method) == (6000, 10000, "Card by phone")
    assert (r2.amount_pence, r2.balance_after_pence, r2.method) == (2000, 6400, "Cash")
    assert r1.number == f"RC-{first.id:06d}"
    with pytest.raises(NotFoundError):
        docs.receipt_data(9999)


def add_series(db: Database, world: World, starts: list[datetime], cancelled: int) -> list[int]:
    with db.write() as s:
        series = Series(
            hall_id=world.main_hall_id,
            hirer_id=world.charity_id,
            frequency=Frequency.WEEKLY,
            first_date=starts[0].date(),
            start_min=18 * 60,
            end_min=20 * 60,
            occurrence_count=len(starts),
            purpose="Choir",
            created_at=starts[0],
            created_by="test",
        )
        s.add(series)
        s.flush()
        ids = []
        for i, start in enumerate(starts):
            b = add_booking(
                s,
                hall_id=world.main_hall_id,
                hirer_id=world.charity_id,
                start=start,
                end=start + timedelta(hours=2),
                status=BookingStatus.CANCELLED if i == cancelled else BookingStatus.CONFIRMED,
            )
            b.series_id = series.id
            b.setup_minutes = 30
            b.deposit_pence = 1000
            ids.append(b.id)
        return ids


def test_confirmation_of_a_series_across_the_clock_change(
    docs: DocumentService, world: World, db: Database
) -> None:
    # 18:00 London each Tuesday: 17:00 UTC in BST (20 Oct 2026), 18:00 UTC in GMT.
    starts = [
        datetime(2026, 10, 20, 17, tzinfo=UTC),
        datetime(2026, 10, 27, 18, tzinfo=UTC),
        datetime(2026, 11, 3, 18, tzinfo=UTC),
    ]
    ids = add_series(db, world, starts, cancelled=1)
    data = docs.confirmation_data(f"BK-{ids[2]:06d}")
    assert data == docs.confirmation_data(ids[2])
    assert [o.start.hour for o in data.occurrences] == [18, 18, 18]
    assert [o.cancelled for o in data.occurrences] == [False, True, False]
    assert data.total_pence == 2 * 6000 and data.deposit_pence == 2000
    assert data.recipient.lines[:2] == ("Łucja Żółć", "Peckham Toddler Group")
    assert data.contact_name == "Łucja Żółć"
    assert data.venue_name == "Peckham Community Centre"
    assert data.access_notes == "Key safe by the side door"
    assert data.setup_minutes == 30
    assert "Kitchen" in data.included and "Parking" in data.included
    assert data.payment_reference == data.reference
    with pytest.raises(ValidationError):
        docs.confirmation_data("not a reference")


def test_confirmation_quotes_the_invoice_once_invoiced(
    docs: DocumentService, invoices: InvoiceService, world: World, db: Database
) -> None:
    booking_id = book(db, world)
    issued = invoices.issue([booking_id])
    data = docs.confirmation_data(booking_id)
    assert (data.payment_reference, data.payment_due_on) == (issued.number, issued.due_on)
    assert not data.is_series and data.status == "Confirmed"


def test_keysheet_lists_a_venues_week_in_time_order(
    docs: DocumentService, world: World, db: Database
) -> None:
    monday = date(2026, 12, 7)
    with db.write() as s:
        s.add(KeyHolder(venue_id=world.venue_id, name="Şükrü Çağlar", phone="07700 900456"))

    def at(day: int, hour: int) -> datetime:
        return datetime(2026, 12, day, hour, tzinfo=UTC)

    late = book(db, world, at(9, 18), hours=2)
    early = book(db, world, at(9, 10), hours=2, hall_id=world.small_hall_id)
    hold = book(db, world, at(13, 10), hours=2, status=BookingStatus.PROVISIONAL)
    book(db, world, at(8, 10), hours=2, status=BookingStatus.CANCELLED)
    book(db, world, at(14, 10), hours=2)  # the next Monday
    book(db, world, at(9, 10), hours=2, hall_id=world.other_hall_id)  # another venue
    sheet = docs.keysheet_data(world.venue_id, monday, 7)
    assert [e.reference for e in sheet.entries] == [f"BK-{i:06d}" for i in (early, late, hold)]
    assert [e.status_note for e in sheet.entries] == ["", "", "provisional"]
    assert sheet.entries[0].hirer_phone == "07700 900123"
    assert sheet.key_holders[0].name == "Şükrü Çağlar"
    assert sheet.last_day == date(2026, 12, 13)
    with pytest.raises(ValidationError):
        docs.keysheet_data(world.venue_id, monday, 0)
    assert docs.venue_id("peckham community centre") == world.venue_id
    assert docs.venue_ids() == sorted(
        [world.venue_id, world.other_venue_id],
        key=lambda v: {world.venue_id: "P", world.other_venue_id: "D"}[v],
    )


def test_batch_lists(
    docs: DocumentService, invoices: InvoiceService, world: World, db: Database
) -> None:
    first = book(db, world)
    second = book(db, world, SAT + timedelta(days=1))
    issued = invoices.issue([first])
    assert docs.invoice_ids(TODAY, TODAY) == [issued.id]
    assert docs.invoice_ids(TODAY + timedelta(days=1), TODAY + timedelta(days=2)) == []
    assert docs.booking_ids(SAT.date(), SAT.date() + timedelta(days=1)) == [first, second]


def test_migration_0002_downgrades_and_upgrades(db: Database) -> None:
    config = alembic_config()
    try:
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")
        with db.engine.connect() as connection:
            columns = {c["name"] for c in inspect(connection).get_columns("invoices")}
        assert "letterhead_json" not in columns
    finally:
        upgrade(db)
    with db.engine.connect() as connection:
        columns = {c["name"] for c in inspect(connection).get_columns("credit_notes")}
    assert "letterhead_json" in columns
