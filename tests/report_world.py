"""A small fixed world for report tests: two weeks around the 2026 clocks change.

Period 23 Mar – 5 Apr 2026: British Summer Time starts on Sunday 29 March and Good
Friday (3 April) is a bank holiday on which both venues close. Every venue opens
09:00–23:00 (840 minutes) every day. The expected figures are worked out by hand in
tests/integration/test_reports.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from spacebank.domain.booking import Booking
from spacebank.domain.clock import to_utc
from spacebank.domain.enums import (
    BookingStatus,
    ChargeKind,
    DiscountKind,
    HirerType,
    PaymentMethod,
    RateType,
)
from spacebank.domain.pricing import ChargeLine
from spacebank.domain.venue import Closure
from spacebank.reports.periods import Period
from spacebank.services.context import ServiceContext
from spacebank.services.deposit_service import DepositService
from spacebank.services.invoice_dto import PaymentInput
from spacebank.services.invoice_service import InvoiceService
from tests.conftest import FrozenClock
from tests.factories import World, add_booking, add_hirer, build_world

PERIOD = Period(date(2026, 3, 23), date(2026, 4, 5))


@dataclass(frozen=True)
class ReportWorld:
    world: World
    business_id: int
    #: Booking ids by their number in the module docstring of test_reports.
    bookings: dict[int, int]
    invoice_ids: dict[str, int]


def local(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return to_utc(datetime(y, mo, d, h, mi))


def build_report_world(ctx: ServiceContext, clock: FrozenClock) -> ReportWorld:
    world = build_world(ctx.db)
    zoe, charity = world.hirer_id, world.charity_id
    plan = {
        # n: (hall, hirer, local start, local end, status, rate type)
        1: (world.main_hall_id, zoe, (2026, 3, 29, 10), (2026, 3, 29, 12), "confirmed", "private"),
        2: (
            world.main_hall_id,
            charity,
            (2026, 3, 24, 18),
            (2026, 3, 24, 21),
            "completed",
            "community",
        ),
        3: (
            world.small_hall_id,
            zoe,
            (2026, 4, 1, 14, 30),
            (2026, 4, 1, 16),
            "confirmed",
            "private",
        ),
        4: (world.small_hall_id, zoe, (2026, 3, 26, 19), (2026, 3, 26, 21), "cancelled", "private"),
        5: (world.half_a_id, zoe, (2026, 3, 28, 10), (2026, 3, 28, 11), "provisional", "private"),
        6: (
            world.other_hall_id,
            charity,
            (2026, 3, 23, 9),
            (2026, 3, 23, 10),
            "completed",
            "community",
        ),
        7: (world.other_hall_id, zoe, (2026, 3, 27, 12), (2026, 3, 27, 14), "expired", "private"),
        8: (world.main_hall_id, zoe, (2026, 4, 7, 10), (2026, 4, 7, 11), "confirmed", "private"),
        9: (
            world.other_hall_id,
            None,
            (2026, 4, 2, 10),
            (2026, 4, 2, 12),
            "completed",
            "commercial",
        ),
    }
    with ctx.db.write() as s:
        business = add_hirer(
            s,
            "Ada Lovelace",
            hirer_type=HirerType.BUSINESS,
            organisation="Acme Yoga Ltd",
            phone="020 7946 0555",
            postcode="SE22 8HJ",
        )
        ids: dict[int, int] = {}
        for n, (hall, hirer, start, end, status, rate) in plan.items():
            charges = None
            if n == 6:  # £30 hire, half waived for a charity: £15 forgone
                charges = (
                    ChargeLine(ChargeKind.HIRE, "Hall hire", "1 h", 3000, 3000, 0),
                    ChargeLine(ChargeKind.DISCOUNT, "Charity discount", "", 0, -1500, 0),
                )
            booking: Booking = add_booking(
                s,
                hall_id=hall,
                hirer_id=hirer or business.id,
                start=local(*start),
                end=local(*end),
                status=BookingStatus(status),
                rate_type=RateType(rate),
                charges=charges,
            )
            if n == 1:  # the Main Hall's 30-minute buffers, which utilisation ignores
                booking.deposit_pence = 15000
                booking.setup_minutes = booking.cleanup_minutes = 30
                booking.blocked_start -= timedelta(minutes=30)
                booking.blocked_end += timedelta(minutes=30)
            if n == 4:
                booking.cancel_reason = "Illness"
            if n == 6:
                booking.discount_kind = DiscountKind.PERCENT
                booking.discount_value = 5000
                booking.discount_reason = "Charity discount"
                booking.discount_approved_by = "manager"
            ids[n] = booking.id
        # The Garden Room shuts for a morning of repairs (09:00–13:00 BST, 240 minutes).
        s.add(
            Closure(
                venue_id=world.venue_id,
                hall_id=world.small_hall_id,
                starts_at=local(2026, 3, 30, 9),
                ends_at=local(2026, 3, 30, 13),
                reason="Boiler repair",
            )
        )
    invoices = InvoiceService(ctx)
    deposits = DepositService(ctx)
    clock.current = datetime(2026, 4, 3, 12, tzinfo=UTC)
    inv_c = invoices.issue([ids[2], ids[6]], issued_on=date(2025, 12, 20)).id
    inv_a = invoices.issue([ids[1]], issued_on=date(2026, 3, 25)).id
    inv_b = invoices.issue([ids[3]], issued_on=date(2026, 4, 2)).id
    invoices.record_payment(
        inv_a, PaymentInput(2500, PaymentMethod.CASH, date(2026, 3, 30))
    )  # partial payment
    invoices.credit_note(inv_c, amount_pence=2000, reason="Goodwill: heating failed")
    deposits.require(ids[1])
    deposits.mark_received(ids[1], PaymentMethod.CARD_BY_PHONE, date(2026, 3, 26))
    return ReportWorld(world, business.id, ids, {"A": inv_a, "B": inv_b, "C": inv_c})
