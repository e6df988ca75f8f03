"""Invoices, credit notes, payments and refunds on a real database (both engines)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from spacebank.domain.audit import AuditEntry
from spacebank.domain.booking import Booking
from spacebank.domain.enums import BookingStatus, ChargeKind, PaymentMethod
from spacebank.domain.errors import (
    MoneyError,
    NotFoundError,
    StatusError,
    TimeError,
    ValidationError,
)
from spacebank.domain.hirer import Hirer
from spacebank.domain.invoice import (
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    NumberCounter,
    Payment,
)
from spacebank.domain.pricing import ChargeLine
from spacebank.services.context import ServiceContext
from spacebank.services.invoice_dto import PaymentInput
from spacebank.services.invoice_service import InvoiceService, describe_booking_time
from spacebank.services.numbering import next_number
from spacebank.storage.database import Database
from tests.conftest import FrozenClock
from tests.factories import World, add_booking

#: A Saturday afternoon in December (GMT, so UTC = London time).
SAT = datetime(2026, 12, 12, 14, 0, tzinfo=UTC)
TODAY = date(2026, 11, 21)  # the FrozenClock's London date

HIRE_ONLY = (ChargeLine(ChargeKind.HIRE, "Hall hire", "4 h", 3000, 12000, 0),)
#: £100 exempt hire plus £50 + 20% VAT of equipment: £160 gross.
WITH_VAT = (
    ChargeLine(ChargeKind.HIRE, "Hall hire, evening/weekend", "4 h", 2500, 10000, 0),
    ChargeLine(ChargeKind.EXTRA, "PA system", "1", 5000, 5000, 2000),
)


@pytest.fixture
def invoices(ctx: ServiceContext) -> InvoiceService:
    return InvoiceService(ctx)


def book(
    db: Database,
    world: World,
    start: datetime = SAT,
    *,
    hours: int = 4,
    hall_id: int | None = None,
    hirer_id: int | None = None,
    status: BookingStatus = BookingStatus.CONFIRMED,
    charges: tuple[ChargeLine, ...] | None = HIRE_ONLY,
) -> int:
    with db.write() as s:
        booking = add_booking(
            s,
            hall_id=hall_id or world.main_hall_id,
            hirer_id=hirer_id or world.hirer_id,
            start=start,
            end=start + timedelta(hours=hours),
            status=status,
            charges=charges,
        )
        return booking.id


def state(db: Database) -> dict[str, object]:
    """Everything an invoice action may change, to show a refused one changed nothing."""
    with db.read() as s:
        counts = {
            model.__name__: s.scalar(select(func.count()).select_from(model))
            for model in (Invoice, InvoiceLine, CreditNote, CreditNoteLine, Payment, AuditEntry)
        }
        counters = dict(s.execute(select(NumberCounter.series, NumberCounter.last_value)).all())
        return {**counts, "counters": counters}


def audit(db: Database, entity: str) -> list[tuple[str, int]]:
    with db.read() as s:
        return [
            (r.action, r.entity_id)
            for r in s.execute(
                select(AuditEntry.action, AuditEntry.entity_id)
                .where(AuditEntry.entity == entity)
                .order_by(AuditEntry.id)
            )
        ]


def pay(
    amount: int, method: PaymentMethod = PaymentMethod.CARD_BY_PHONE, **kw: object
) -> PaymentInput:
    values: dict[str, object] = {"received_on": TODAY, "reference": "", "cost_centre": ""}
    values.update(kw)
    return PaymentInput(amount, method, **values)  # type: ignore[arg-type]


# -- numbering --------------------------------------------------------------------------


def test_numbers_are_gapless_and_a_rollback_gives_them_back(db: Database) -> None:
    with db.write() as s:
        assert next_number(s, "SB", 2026) == (1, "SB-2026-000001")
        assert next_number(s, "SB", 2026) == (2, "SB-2026-000002")
        assert next_number(s, "CN", 2026) == (1, "CN-2026-000001")
    with pytest.raises(RuntimeError), db.write() as s:
        assert next_number(s, "SB", 2026) == (3, "SB-2026-000003")
        raise RuntimeError("the insert that followed failed")
    with db.write() as s:
        assert next_number(s, "SB", 2026) == (3, "SB-2026-000003")
        assert next_number(s, "SB", 2027) == (1, "SB-2027-000001")
    with pytest.raises(ValueError), db.write() as s:
        next_number(s, "sb; drop", 2026)


# -- issuing ---------------------------------------------------------------------------


def test_issue_copies_charges_and_bill_to(
    invoices: InvoiceService, world: World, db: Database
) -> None:
    booking_id = book(db, world)
    inv = invoices.issue([booking_id])
    assert inv.number == "SB-2026-000001"
    assert (inv.financial_year, inv.sequence) == (2026, 1)
    assert inv.payment_reference == inv.number
    assert inv.issued_on == TODAY
    assert inv.due_on == TODAY + timedelta(days=14)
    assert inv.issued_by == "test.clerk"
    assert str(inv.issued_at.tzinfo) == "Europe/London"
    assert (inv.bill_to_name, inv.bill_to_address, inv.bill_to_postcode) == (
        "Zoë O'Brien-Smith",
        "2 Test Street\nLondon",
        "SE15 5AB",
    )
    assert inv.booking_ids == (booking_id,)
    [line] = inv.lines
    assert line.description == "Main Hall, Sat 12 Dec 2026 14:00–18:00 — Hall hire"
    assert (line.booking_id, line.kind, line.quantity, line.unit_pence) == (
        booking_id,
        "hire",
        "4 h",
        3000,
    )
    assert (line.net_pence, line.vat_rate_bp, line.vat_pence) == (12000, 0, 0)
    assert (inv.net_pence, inv.vat_pence, inv.gross_pence) == (12000, 0, 12000)
    assert (inv.outstanding_pence, inv.state) == (12000, "unpaid")
    assert audit(db, "invoice") == [("issue", inv.id)]


def test_issue_several_bookings_sums_lines_with_vat(
    invoices: InvoiceService, world: World, db: Database
) -> None:
    later = book(db, world, SAT + timedelta(days=7), hirer_id=world.charity_id, charges=WITH_VAT)
    # 10:00 BST in June: the description shows London time, not UTC.
    summer = book(
        db,
        world,
        datetime(2026, 6, 6, 9, 0, tzinfo=UTC),
        hours=2,
        hall_id=world.small_hall_id,
        hirer_id=world.charity_id,
    )
    inv = invoices.issue([later, summer])
    assert inv.bill_to_name == "Peckham Toddler Group"  # the organisation, not the contact
    assert inv.booking_ids == (summer, later)  # in event order
    assert [ln.description for ln in inv.lines] == [
        "Garden Room, Sat 6 Jun 2026 10:00–12:00 — Hall hire",
        "Main Hall, Sat 19 Dec 2026 14:00–18:00 — Hall hire, evening/weekend",
        "Main Hall, Sat 19 Dec 2026 14:00–18:00 — PA system",
    ]
    assert [(ln.net_pence, ln.vat_rate_bp, ln.vat_pence) for ln in inv.lines] == [
        (12000, 0, 0),
        (10000, 0, 0),
        (5000, 2000, 1000),
    ]
    assert inv.net_pence == sum(ln.net_pence for ln in inv.lines) == 27000
    assert inv.vat_pence == sum(ln.vat_pence for ln in inv.lines) == 1000
    assert inv.gross_pence == sum(ln.gross_pence for ln in inv.lines) == 28000
    assert [(v.vat_rate_bp, v.net_pence, v.vat_pence) for v in inv.vat_breakdown] == [
        (0, 22000, 0),
        (2000, 5000, 1000),
    ]


def test_bill_to_is_frozen_at_issue(invoices: InvoiceService, world: World, db: Database) -> None:
    inv = invoices.issue([book(db, world)])
    with db.write() as s:
        s.execute(
            update(Hirer)
            .where(Hirer.id == world.hirer_id)
            .values(address="9 New Road\nLondon", postcode="SE1 1AA")
        )
    again = invoices.get_invoice(inv.id)
    assert (again.bill_to_address, again.bill_to_postcode) == ("2 Test Street\nLondon", "SE15 5AB")


def test_numbers_restart_each_financial_year(
    invoices: InvoiceService, world: World, db: Database, clock: FrozenClock
) -> None:
    ids = [book(db, world, SAT + timedelta(days=i)) for i in range(5)]
    clock.current = datetime(2026, 3, 31, 12, 0, tzinfo=UTC)
    numbers = [invoices.issue([ids[0]]).number, invoices.issue([ids[1]]).number]
    # 23:30 UTC on 31 March is 00:30 BST on 1 April: the London date decides the year.
    clock.current = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
    first_new = invoices.issue([ids[2]])
    numbers += [first_new.number, invoices.issue([ids[3]]).number]
    # An invoice dated back into the old year continues that year's series.
    numbers.append(invoices.issue([ids[4]], issued_on=date(2026, 3, 31)).number)
    assert numbers == [
        "SB-2025-000001",
        "SB-2025-000002",
        "SB-2026-000001",
        "SB-2026-000002",
        "SB-2025-000003",
    ]
    assert (first_new.issued_on, first_new.financial_year) == (date(2026, 4, 1), 2026)
    assert state(db)["counters"] == {"SB-2025": 3, "SB-2026": 2}


def test_invoice_date_must_not_be_future_or_absurd(
    invoices: InvoiceService, world: World, db: Database
) -> None:
    booking_id = book(db, world)
    before = state(db)
    with pytest.raises(TimeError, match="future") as err:
        invoices.issue([booking_id], issued_on=TODAY + timedelta(days=1))
    assert err.value.field == "issued_on"
    with pytest.raises(TimeError, match="2000"):
        invoices.issue([booking_id], issued_on=date(1999, 12, 31))
    assert state(db) == before


def test_failed_issue_takes_no_number(invoices: InvoiceService, world: World, db: Database) -> None:
    first = invoices.issue([book(db, world)])
    confirmed = book(db, world, SAT + timedelta(days=1))
    hold = book(db, world, SAT + timedelta(days=2), status=BookingStatus.PROVISIONAL)
    before = state(db)
    with pytest.raises(StatusError, match="confirm it first") as err:
        invoices.issue([confirmed, hold])
    assert err.value.field == "booking_ids"
    assert state(db) == before
    second = invoices.issue([confirmed])
    assert (first.sequence, second.sequence) == (1, 2)
    assert second.number == "SB-2026-000002"


def test_issue_refusals_change_nothing(
    invoices: InvoiceService, world: World, db: Database
) -> None:
    mine = book(db, world)
    theirs = book(db, world, SAT + timedelta(days=1), hirer_id=world.charity_id)
    cancelled = book(db, world, SAT + timedelta(days=2), status=BookingStatus.CANCELLED)
    before = state(db)
    with pytest.raises(ValidationError, match="at least one") as err:
        invoices.issue([])
    assert err.value.field == "booking_ids"
    with pytest.raises(NotFoundError, match="BK-009999"):
        invoices.issue([mine, 9999])
    with pytest.raises(ValidationError, match="different hirers"):
        invoices.issue([mine, theirs])
    with pytest.raises(StatusError, match="cancelled"):
        invoices.issue([cancelled])
    assert state(db) == before


def test_double_invoicing_refused_until_fully_credited(
    invoices: InvoiceService, world: World, db: Database
) -> None:
    booking_id = book(db, world)
    first = invoices.issue([booking_id])
    other = book(db, world, SAT + timedelta(days=1))
    before = state(db)
    with pytest.raises(StatusError, match=f"already on invoice {first.number}"):
        invoices.issue([other, booking_id])
    assert state(db) == before
    invoices.credit_note(first.id, amount_pence=2000, reason="Finished early")
    with pytest.raises(StatusError, match="already on invoice"):
        invoices.issue([booking_id])
    invoices.credit_note(first.id, reason="Wrong rate charged")
    again = invoices.issue([booking_id, other])
    assert again.number == "SB-2026-000002"
    assert again.booking_ids == (booking_id, other)


def test_zero_total_invoice_records_a_waiver(
    invoices: InvoiceService, world: World, db: Database
) -> None:
    waived = (
        ChargeLine(ChargeKind.HIRE, "Hall hire", "4 h", 3000, 12000, 0),
        ChargeLine(
            ChargeKind.DISCOUNT, "Waiver: civic event (approved by M. Lee)", "", 0, -12000, 0
        ),
    )
    booking_id = book(db, world, charges=waived)
    inv = invoices.issue([booking_id])
    assert (inv.gross_pence, len(inv.lines), inv.state) == (0, 2, "paid")
    with pytest.raises(StatusError, match="nothing to credit"):
        invoices.credit_note(inv.id, reason="Oops")
    with pytest.raises(MoneyError, match=r"£1\.00 is more than the £0\.00 still owed"):
        invoices.record_payment(inv.id, pay(100))
    with pytest.raises(StatusError, match="already on invoice"):
        invoices.issue([booking_id])


def test_booking_without_charges_still_gets_a_line(
    invoices: InvoiceService, world: World, db: Database
) -> None:
    booking_id = book(db, world, charges=())
    inv = invoices.issue([booking_id])
    assert [(ln.booking_id, ln.net_pence) for ln in inv.lines] == [(booking_id, 0)]
    assert inv.lines[0].description.endswith("— No charge")
    with pytest.raises(StatusError):
        invoices.issue([booking_id])


# -- credit notes ----------------------------------------------------------------------


def test_full_credit_mirrors_the_invoice(
    invoices: InvoiceService, world: World, db: Database
) -> None:
    inv = invoices.issue([book(db, world, charges=WITH_VAT)])
    note = invoices.credit_note(inv.id, reason="  Hall flooded; event moved  ")
    assert note.number == "CN-2026-000001"
    assert (note.invoice_id, note.invoice_number, note.reason) == (
        inv.id,
        inv.number,
        "Hall flooded; event moved",
    )
    assert note.bill_to_name == inv.bill_to_name
    assert note.issued_on == TODAY
    assert [(ln.description, ln.net_pence, ln.vat_rate_bp, ln.vat_pence) for ln in note.lines] == [
        (ln.description, ln.net_pence, ln.vat_rate_bp, ln.vat_pence) for ln in inv.lines
    ]
    assert (note.net_pence, note.vat_pence, note.gross_pence) == (15000, 1000, 16000)
    after = invoices.get_invoice(inv.number)
    assert (after.credited_pence, after.outstanding_pence, after.state) == (16000, 0, "credited")
    assert [c.number for c in after.credit_notes] == [note.number]
    assert invoices.get_credit_note(note.id) == note
    assert audit(db, "credit_note") == [("issue", note.id)]
    with pytest.raises(StatusError, match="already been credited in full"):
        invoices.credit_note(inv.id, reason="Again")


def test_partial_credits_split_by_vat_rate_and_add_up(
    invoices: InvoiceService, world: World, db: Database
) -> None:
    inv = invoices.issue([book(db, world, charges=WITH_VAT)])  # £100 @0% + £50+£10 VAT
    part = invoices.credit_note(inv.id, amount_pence=1001, reason="Late opening")
    assert part.gross_pence == 1001 == sum(ln.gross_pence for ln in part.lines)
    assert part.net_pence + part.vat_pence == 1001
    by_rate = {ln.vat_rate_bp: (ln.net_pence, ln.vat_pence) for ln in part.lines}
    # 1001 shared 10000:6000 -> 626 and 375; VAT in 375 at 20% is 375/6 = 62.5 -> 63.
    assert by_rate == {0: (626, 0), 2000: (312, 63)}
    assert part.lines[0].description == f"Credit against invoice {inv.number} (VAT 0%)"
    rest = invoices.credit_note(inv.id, reason="Event cancelled by us")
    assert rest.gross_pence == 16000 - 1001
    assert {ln.vat_rate_bp: (ln.net_pence, ln.vat_pence) for ln in rest.lines} == {
        0: (10000 - 626, 0),
        2000: (5000 - 312, 1000 - 63),
    }
    assert [part.number, rest.number] == ["CN-2026-000001", "CN-2026-000002"]
    assert invoices.invoice_balance(inv.id).outstanding_pence == 0


def test_over_credit_and_bad_input_refused(
    invoices: InvoiceService, world: World, db: Database
) -> None:
    inv = invoices.issue([book(db, world, charges=WITH_VAT)])
    invoices.credit_note(inv.id, amount_pence=6000, reason="Kitchen closed")
    before = state(db)
    with pytest.raises(MoneyError) as err:
        invoices.credit_note(inv.id, amount_pence=10001, reason="Too much")
    assert err.value.field == "amount_pence"
    assert err.value.user_message == (
        f"A credit of £100.01 is more than the £100.00 left to credit on invoice {inv.number} "
        "(invoiced £160.00, already credited £60.00)."
    )
    with pytest.raises(ValidationError, match="reason") as err2:
        invoices.credit_note(inv.id, amount_pence=100, reason="   ")
    assert err2.value.field == "reason"
    with pytest.raises(MoneyError, match="negative"):
        invoices.credit_note(inv.id, amount_pence=-100, reason="Negative")
    with pytest.raises(MoneyError, match="zero"):
        invoices.credit_note(inv.id, amount_pence=0, reason="Zero")
    with pytest.raises(NotFoundError):
        invoices.credit_note(9999, reason="No such invoice")
    assert state(db) == before
    assert invoices.credit_note(inv.id, amount_pence=10000, reason="Rest").number == (
        "CN-2026-000002"
    )


# -- payments and refunds --------------------------------------------------------------


def test_payments_reduce_the_balance_and_overpayment_is_refused(
    invoices: InvoiceService, world: World, db: Database
) -> None:
    inv = invoices.issue([book(db, world)])
    first = invoices.record_payment(inv.id, pay(5000, reference=" Card ****1234 "))
    assert (first.amount_pence, first.method, first.reference) == (
        5000,
        PaymentMethod.CARD_BY_PHONE,
        "Card ****1234",
    )
    assert (first.invoice_number, first.received_on, first.recorded_by) == (
        inv.number,
        TODAY,
        "test.clerk",
    )
    assert invoices.get_invoice(inv.id).state == "part paid"
    before = state(db)
    with pytest.raises(MoneyError) as err:
        invoices.record_payment(inv.id, pay(7001))
    assert err.value.user_message == (
        f"£70.01 is more than the £70.00 still owed on invoice {inv.number}."
    )
    assert err.value.field == "amount_pence"
    assert state(db) == before
    invoices.record_payment(inv.id, pay(7000, PaymentMethod.BANK_TRANSFER))
    paid = invoices.get_invoice(inv.id)
    assert (paid.paid_pence, paid.outstanding_pence, paid.state) == (12000, 0, "paid")
    assert [p.amount_pence for p in paid.payments] == [5000, 7000]
    with pytest.raises(MoneyError, match=r"£0\.00 still owed"):
        invoices.record_payment(inv.id, pay(1))
    assert [a for a, _ in audit(db, "payment")] == ["payment", "payment"]


def test_payment_input_is_checked(invoices: InvoiceService, world: World, db: Database) -> None:
    inv = invoices.issue([book(db, world)])
    before = state(db)
    cases: list[tuple[PaymentInput, type[Exception], str, str]] = [
        (pay(0), MoneyError, "amount_pence", "zero"),
        (pay(-500), MoneyError, "amount_pence", "negative"),
        (pay(500, PaymentMethod.INTERNAL_RECHARGE), ValidationError, "cost_centre", "cost-centre"),
        (
            pay(500, PaymentMethod.INTERNAL_RECHARGE, cost_centre="  "),
            ValidationError,
            "cost_centre",
            "cost-centre",
        ),
        (pay(500, received_on=TODAY + timedelta(days=1)), TimeError, "received_on", "future"),
        (pay(500, received_on=date(1999, 1, 1)), TimeError, "received_on", "2000"),
        (pay(500, "bitcoin"), ValidationError, "method", "way of paying"),  # type: ignore[arg-type]
    ]
    for payment, error, field, words in cases:
        with pytest.raises(error, match=words) as err:
            invoices.record_payment(inv.id, payment)
        assert err.value.field == field  # type: ignore[attr-defined]
    with pytest.raises(NotFoundError):
        invoices.record_payment(9999, pay(500))
    assert state(db) == before
    recharge = invoices.record_payment(
        inv.id, pay(500, PaymentMethod.INTERNAL_RECHARGE, cost_centre="CC-4410")
    )
    assert (recharge.method, recharge.cost_centre) == (PaymentMethod.INTERNAL_RECHARGE, "CC-4410")


def test_refunds_are_negative_payments_capped_at_what_was_paid(
    invoices: InvoiceService, world: World, db: Database
) -> None:
    inv = invoices.issue([book(db, world)])
    invoices.record_payment(inv.id, pay(12000))
    invoices.credit_note(inv.id, amount_pence=2000, reason="Heating failed")
    over = invoices.get_invoice(inv.id)
    assert (over.outstanding_pence, over.state) == (-2000, "overpaid")
    before = state(db)
    with pytest.raises(MoneyError) as err:
        invoices.record_refund(inv.id, 12001, PaymentMethod.BANK_TRANSFER, "Too much")
    assert err.value.user_message == (
        f"A refund of £120.01 is more than the £120.00 paid on invoice {inv.number}."
    )
    with pytest.raises(ValidationError, match="reason"):
        invoices.record_refund(inv.id, 2000, PaymentMethod.BANK_TRANSFER, "")
    with pytest.raises(ValidationError, match="cost-centre"):
        invoices.record_refund(inv.id, 2000, PaymentMethod.INTERNAL_RECHARGE, "Recharge back")
    assert state(db) == before
    refund = invoices.record_refund(
        inv.id, 2000, PaymentMethod.BANK_TRANSFER, "Credit for heating failure"
    )
    assert (refund.amount_pence, refund.is_refund, refund.reference) == (
        -2000,
        True,
        "Credit for heating failure",
    )
    settled = invoices.get_invoice(inv.id)
    assert (settled.paid_pence, settled.outstanding_pence) == (10000, 0)
    with pytest.raises(MoneyError, match=r"£100\.00 paid"):
        invoices.record_refund(inv.id, 10001, PaymentMethod.CASH, "More")
    assert audit(db, "payment")[-1] == ("refund", refund.id)


# -- balances and lists ----------------------------------------------------------------


def test_balances_and_lists(
    invoices: InvoiceService, world: World, db: Database, clock: FrozenClock
) -> None:
    a = invoices.issue([book(db, world)])  # £120, issued 21 Nov
    clock.advance(timedelta(days=3))
    b = invoices.issue([book(db, world, SAT + timedelta(days=1), charges=WITH_VAT)])  # £160
    c = invoices.issue([book(db, world, SAT + timedelta(days=2), hirer_id=world.charity_id)])
    invoices.record_payment(a.id, pay(12000))
    invoices.record_payment(b.id, pay(6000))
    invoices.credit_note(b.id, amount_pence=1000, reason="Goodwill")

    assert [s.number for s in invoices.list_invoices()] == [c.number, b.number, a.number]
    mine = invoices.list_invoices(hirer_id=world.hirer_id)
    assert [
        (s.number, s.gross_pence, s.credited_pence, s.paid_pence, s.outstanding_pence) for s in mine
    ] == [(b.number, 16000, 1000, 6000, 9000), (a.number, 12000, 0, 12000, 0)]
    assert [s.number for s in invoices.list_invoices(unpaid_only=True)] == [c.number, b.number]
    assert [s.number for s in invoices.list_invoices(to_date=TODAY)] == [a.number]
    assert [
        s.number for s in invoices.list_invoices(from_date=TODAY + timedelta(days=1), limit=1)
    ] == [c.number]
    assert mine[0].is_overdue(b.due_on + timedelta(days=1))
    assert not mine[1].is_overdue(a.due_on + timedelta(days=1))

    balance = invoices.hirer_balance(world.hirer_id)
    assert (
        balance.invoiced_pence,
        balance.credited_pence,
        balance.paid_pence,
        balance.outstanding_pence,
    ) == (28000, 1000, 18000, 9000)
    assert invoices.hirer_balance(world.charity_id).outstanding_pence == 12000
    assert invoices.invoice_balance(b.id).outstanding_pence == 9000
    assert invoices.get_invoice(f"  {b.number.lower()} ").id == b.id

    with pytest.raises(NotFoundError, match="SB-2030-000001"):
        invoices.get_invoice("SB-2030-000001")
    with pytest.raises(NotFoundError):
        invoices.hirer_balance(9999)
    with pytest.raises(ValidationError):
        invoices.list_invoices(from_date=TODAY, to_date=TODAY - timedelta(days=1))
    with pytest.raises(ValidationError):
        invoices.list_invoices(limit=0)


def test_audit_trail_of_money(invoices: InvoiceService, world: World, db: Database) -> None:
    inv = invoices.issue([book(db, world)])
    pay_row = invoices.record_payment(inv.id, pay(12000))
    note = invoices.credit_note(inv.id, amount_pence=500, reason="Goodwill")
    refund = invoices.record_refund(inv.id, 500, PaymentMethod.CASH, "Goodwill refund")
    with db.read() as s:
        rows = s.execute(
            select(
                AuditEntry.entity,
                AuditEntry.action,
                AuditEntry.entity_id,
                AuditEntry.actor,
                AuditEntry.after,
            ).order_by(AuditEntry.id)
        ).all()
    assert [(r.entity, r.action, r.entity_id) for r in rows] == [
        ("invoice", "issue", inv.id),
        ("payment", "payment", pay_row.id),
        ("credit_note", "issue", note.id),
        ("payment", "refund", refund.id),
    ]
    assert {r.actor for r in rows} == {"test.clerk"}
    assert inv.number in rows[0].after and '"gross_pence": 12000' in rows[0].after
    assert '"amount_pence": -500' in rows[3].after


def test_booking_time_descriptions() -> None:
    assert describe_booking_time(SAT, SAT + timedelta(hours=4)) == "Sat 12 Dec 2026 14:00–18:00"
    late = datetime(2026, 7, 4, 19, 0, tzinfo=UTC)  # 20:00 BST to midnight
    assert describe_booking_time(late, late + timedelta(hours=4)) == "Sat 4 Jul 2026 20:00–24:00"
    assert describe_booking_time(late, late + timedelta(hours=6)) == (
        "Sat 4 Jul 2026 20:00 – Sun 5 Jul 2026 02:00"
    )


def test_booking_rows_are_not_changed_by_invoicing(
    invoices: InvoiceService, world: World, db: Database
) -> None:
    booking_id = book(db, world)
    with db.read() as s:
        version = s.scalar(select(Booking.version).where(Booking.id == booking_id))
    invoices.issue([booking_id])
    with db.read() as s:
        assert s.scalar(select(Booking.version).where(Booking.id == booking_id)) == version
