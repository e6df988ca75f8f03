"""Random sequences of desk actions keep the books and the calendar consistent.

A hypothesis state machine takes holds, bookings and weekly series, moves, confirms,
cancels and edits them (a series' times and remaining dates too), invoices confirmed
bookings, credits and pays the invoices, and moves the clock on so that holds lapse and
events finish. Refusals (clashes, closed
hours, bank holidays, short notice, over-crediting...) are expected; what must hold
after every step is checked in SQL:

- no two blocking bookings of one hall, or of a hall and one of its parts, overlap;
- an invoice's gross is its net plus VAT, and each is the sum of its lines;
- invoice and credit-note numbers run 1..N in each financial year, as do the counters;
- an invoice owing money at the end of any day is not settled by then (settled_on), and
  it is unsettled exactly while something is owed, payments and refunds back-dated too;
- a successful action leaves at least one audit row, a refused one changes nothing;
- no booking is ever lost.

Each example starts from a fresh database: a copy of the migrated SQLite template, or
the session's PostgreSQL schema emptied.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, aliased

from spacebank.domain.audit import AuditEntry
from spacebank.domain.booking import Booking, Series
from spacebank.domain.clock import local_day
from spacebank.domain.enums import BLOCKING_STATUSES, BookingStatus, Frequency, PaymentMethod
from spacebank.domain.errors import DomainError
from spacebank.domain.invoice import (
    CREDIT_NOTE_PREFIX,
    INVOICE_PREFIX,
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    NumberCounter,
    Payment,
    document_number,
)
from spacebank.domain.models import Base
from spacebank.domain.venue import Hall
from spacebank.services.booking_dto import BookingChange, BookingRequest, SeriesRequest
from spacebank.services.booking_service import BookingService
from spacebank.services.context import ServiceContext
from spacebank.services.invoice_dto import PaymentInput
from spacebank.services.invoice_service import INVOICEABLE, InvoiceService
from spacebank.services.invoice_sums import live_invoice
from spacebank.services.numbering import series_name
from spacebank.services.series_service import SeriesService
from spacebank.storage.database import Database
from tests.conftest import FrozenClock
from tests.factories import build_world
from tests.settlement import check_settled_on

pytestmark = pytest.mark.slow

T = TypeVar("T")
#: Opens a fresh, migrated, empty database; returns it and how to close it.
DatabaseOpener = Callable[[], tuple[Database, Callable[[], None]]]

MACHINE_SETTINGS = settings(
    max_examples=20,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

HALLS = ("main_hall_id", "half_a_id", "half_b_id", "small_hall_id", "other_hall_id")
#: December to February: bank holidays, the short-notice period (the clock starts on
#: 21 November) and no change of clocks. Half the draws land on three January Tuesdays,
#: so that bookings, holds and weekly series meet often enough to clash.
BUSY_TUESDAYS = (date(2027, 1, 5), date(2027, 1, 12), date(2027, 1, 19))
days = st.one_of(st.sampled_from(BUSY_TUESDAYS), st.dates(date(2026, 12, 1), date(2027, 2, 28)))
#: Indexes into HALLS, often the main hall or one of its halves (they block each other).
halls = st.one_of(st.sampled_from([0, 1]), st.integers(0, len(HALLS) - 1))
#: Often 10:00 or 14:00, so that bookings meet; otherwise 08:00–21:00, so that some fall
#: outside the 09:00–23:00 opening hours.
start_hours = st.one_of(st.sampled_from([10, 14]), st.integers(8, 21))
series_hours = st.one_of(st.sampled_from([10, 14]), st.integers(9, 20))
lengths = st.integers(1, 3)
#: Mostly a group that fits every hall; sometimes one too big for some.
attendee_counts = st.one_of(st.integers(1, 20), st.integers(1, 130))
#: Bookings that can still be moved, changed, confirmed or cancelled.
OPEN = (BookingStatus.PROVISIONAL, BookingStatus.CONFIRMED)
#: A short-notice confirmation needs a manager's name; the clerk may not have one.
approvers = st.sampled_from(["", "m.manager"])


class BookingLifeMachine(RuleBasedStateMachine):
    """One desk doing anything a clerk can do, in any order."""

    open_database: DatabaseOpener  # set by machine_for()

    def __init__(self) -> None:
        super().__init__()
        self.db, self._close = type(self).open_database()
        self.clock = FrozenClock()
        ctx = ServiceContext(db=self.db, actor="machine.clerk", clock=self.clock)
        self.bookings = BookingService(ctx)
        self.series = SeriesService(ctx)
        self.invoices = InvoiceService(ctx)
        self.world = build_world(self.db)
        self.hall_ids = [getattr(self.world, name) for name in HALLS]
        self.hirer_ids = [self.world.hirer_id, self.world.charity_id]
        self.booking_ids: set[int] = set()
        self.invoice_ids: list[int] = []
        self.series_ids: list[int] = []
        self.most_bookings = 0

    def teardown(self) -> None:
        self._close()

    # -- how every action is run ---------------------------------------------------------

    def act(
        self, action: Callable[[], T], changed_nothing: Callable[[T], bool] = lambda _: False
    ) -> T | None:
        """Run one user action; a refusal must change nothing, a success must be audited.

        `changed_nothing(result)` says when a success was legitimately a no-op.
        """
        before = self.fingerprint()
        try:
            result = action()
        except DomainError as exc:
            # One desk alone: every refusal comes from the services' own checks, with a
            # message naming the reason; the database's backstops never fire.
            assert not isinstance(exc.__cause__, SQLAlchemyError), (
                f"refused by the database, not the service: {exc.user_message}"
            )
            assert self.fingerprint() == before, f"refused ({exc!r}) but the data changed"
            return None
        after = self.fingerprint()
        if changed_nothing(result):
            assert after == before, "a no-op changed the data"
        else:
            assert after["audit"] > before["audit"], "succeeded without an audit row"
        return result

    def fingerprint(self) -> dict[str, int]:
        """Counts and sums that any change to bookings or money would move."""
        with self.db.read() as s:
            row = s.execute(FINGERPRINT).one()
        return {name: int(value) for name, value in zip(FINGERPRINT_NAMES, row, strict=True)}

    def request(
        self, hall: int, day: date, hour: int, hours: int, attendees: int, hirer: int
    ) -> BookingRequest:
        start = datetime.combine(day, time(hour))
        return BookingRequest(
            hall_id=self.hall_ids[hall],
            hirer_id=self.hirer_ids[hirer],
            start=start,
            end=start + timedelta(hours=hours),
            purpose="Community event",
            attendees=attendees,
        )

    def draw_booking(self, data: st.DataObject, *likely: Any) -> int:
        """Usually a booking meeting `likely` (if any does), else any booking at all."""
        fitting = self.ids_where(*likely)
        if fitting and data.draw(st.integers(0, 3), label="any") < 3:
            return data.draw(st.sampled_from(fitting), label="booking")
        return data.draw(st.sampled_from(sorted(self.booking_ids)), label="booking")

    def ids_where(self, *conditions: Any) -> list[int]:
        with self.db.read() as s:
            return list(s.scalars(select(Booking.id).where(*conditions).order_by(Booking.id)))

    # -- taking bookings -------------------------------------------------------------

    @initialize(
        first=st.dates(date(2027, 1, 4), date(2027, 1, 29)),
        count=st.integers(1, 3),
        hour=st.integers(9, 18),
    )
    def open_the_books(self, first: date, count: int, hour: int) -> None:
        """A few confirmed January bookings and one invoice: every rule below has
        something to work on from the first step."""
        for n in range(count):
            start = datetime.combine(first + timedelta(days=n), time(hour))
            request = BookingRequest(
                hall_id=self.world.small_hall_id,
                hirer_id=self.world.hirer_id,
                start=start,
                end=start + timedelta(hours=2),
                purpose="Yoga class",
                attendees=15,
            )
            booked = self.act(partial(self.bookings.book, request))
            assert booked is not None
            self.booking_ids.add(booked.id)
        issued = self.act(lambda: self.invoices.issue(sorted(self.booking_ids)[:1]))
        assert issued is not None
        self.invoice_ids.append(issued.id)

    @rule(
        hall=halls,
        day=days,
        hour=start_hours,
        hours=lengths,
        attendees=attendee_counts,
        hirer=st.integers(0, 1),
        confirm=st.booleans(),
        approver=approvers,
    )
    def take_booking(
        self,
        hall: int,
        day: date,
        hour: int,
        hours: int,
        attendees: int,
        hirer: int,
        confirm: bool,
        approver: str,
    ) -> None:
        request = self.request(hall, day, hour, hours, attendees, hirer)
        if confirm:
            taken = self.act(lambda: self.bookings.book(request, short_notice_approved_by=approver))
        else:
            taken = self.act(lambda: self.bookings.hold(request))
        if taken is not None:
            self.booking_ids.add(taken.id)

    @rule(
        hall=halls,
        first=days,
        hour=series_hours,
        hours=lengths,
        count=st.integers(2, 4),
        skip_clashes=st.booleans(),
        confirm=st.booleans(),
        approver=approvers,
        attendees=attendee_counts,
    )
    def create_series(
        self,
        hall: int,
        first: date,
        hour: int,
        hours: int,
        count: int,
        skip_clashes: bool,
        confirm: bool,
        approver: str,
        attendees: int,
    ) -> None:
        request = SeriesRequest(
            hall_id=self.hall_ids[hall],
            hirer_id=self.world.charity_id,
            frequency=Frequency.WEEKLY,
            first_date=first,
            start_time=time(hour),
            end_time=time(hour + hours),
            purpose="Weekly class",
            attendees=attendees,
            count=count,
            confirm=confirm,
            short_notice_approved_by=approver,
        )
        made = self.act(lambda: self.series.create(request, skip_clashes=skip_clashes))
        if made is not None:
            assert 1 <= len(made.booking_ids) <= count
            assert len(made.booking_ids) + len(made.skipped) == count
            assert skip_clashes or not made.skipped
            self.booking_ids.update(made.booking_ids)
            self.series_ids.append(made.series_id)

    def has_series(self) -> bool:
        return bool(self.series_ids)

    @precondition(has_series)
    @rule(data=st.data(), hour=series_hours, hours=lengths, from_day=days)
    def change_series_times(
        self, data: st.DataObject, hour: int, hours: int, from_day: date
    ) -> None:
        series_id = data.draw(st.sampled_from(self.series_ids), label="series")
        self.act(
            lambda: self.series.change_times(
                series_id, start_time=time(hour), end_time=time(hour + hours), from_date=from_day
            )
        )

    @precondition(has_series)
    @rule(data=st.data(), from_day=days)
    def cancel_series_from(self, data: st.DataObject, from_day: date) -> None:
        series_id = data.draw(st.sampled_from(self.series_ids), label="series")
        self.act(
            lambda: self.series.cancel_from(
                series_id, from_date=from_day, reason="Group has folded"
            ),
            changed_nothing=lambda result: not result.booking_ids,
        )

    # -- changing bookings -----------------------------------------------------------

    @rule(
        data=st.data(), hall=st.one_of(st.none(), halls), day=days, hour=start_hours, hours=lengths
    )
    def move(self, data: st.DataObject, hall: int | None, day: date, hour: int, hours: int) -> None:
        booking_id = self.draw_booking(data, Booking.status.in_(OPEN))
        start = datetime.combine(day, time(hour))
        self.act(
            lambda: self.bookings.move(
                booking_id,
                start=start,
                end=start + timedelta(hours=hours),
                hall_id=None if hall is None else self.hall_ids[hall],
            )
        )

    @rule(data=st.data())
    def cancel(self, data: st.DataObject) -> None:
        booking_id = self.draw_booking(data, Booking.status.in_(OPEN))
        self.act(lambda: self.bookings.cancel(booking_id, reason="Hirer changed plans"))

    @rule(data=st.data(), approver=approvers)
    def confirm(self, data: st.DataObject, approver: str) -> None:
        booking_id = self.draw_booking(data, Booking.status == BookingStatus.PROVISIONAL)
        self.act(lambda: self.bookings.confirm(booking_id, short_notice_approved_by=approver))

    @rule(data=st.data(), attendees=attendee_counts)
    def change_attendees(self, data: st.DataObject, attendees: int) -> None:
        booking_id = self.draw_booking(data, Booking.status.in_(OPEN))
        self.act(lambda: self.bookings.change(booking_id, BookingChange(attendees=attendees)))

    # -- money -------------------------------------------------------------------------

    @rule(data=st.data(), two=st.booleans())
    def issue_invoice(self, data: st.DataObject, two: bool) -> None:
        chosen = [self.draw_booking(data, Booking.status.in_(INVOICEABLE))]
        if two:
            chosen.append(self.draw_booking(data, Booking.status.in_(INVOICEABLE)))
        issued = self.act(lambda: self.invoices.issue(chosen))
        if issued is not None:
            assert set(issued.booking_ids) == set(chosen)
            assert issued.issued_on == self.today()
            self.invoice_ids.append(issued.id)

    @rule(data=st.data(), amount=st.one_of(st.none(), st.integers(1, 20_000)))
    def credit_note(self, data: st.DataObject, amount: int | None) -> None:
        invoice_id = data.draw(st.sampled_from(self.invoice_ids), label="invoice")
        note = self.act(
            lambda: self.invoices.credit_note(
                invoice_id, amount_pence=amount, reason="Hirer finished early"
            )
        )
        if note is not None and amount is not None:
            assert note.gross_pence == amount

    @rule(
        data=st.data(),
        percent=st.integers(1, 100),
        method=st.sampled_from(sorted(PaymentMethod)),
        back=st.integers(0, 20),
    )
    def record_payment(
        self, data: st.DataObject, percent: int, method: PaymentMethod, back: int
    ) -> None:
        invoice_id = data.draw(st.sampled_from(self.invoice_ids), label="invoice")
        owed = self.invoices.invoice_balance(invoice_id).outstanding_pence
        # Nothing owed: the smallest payment is already too much, and must be refused.
        amount = max(1, owed * percent // 100)
        payment = PaymentInput(
            amount_pence=amount,
            method=method,
            received_on=self.today() - timedelta(days=back),
            cost_centre="CC-1042" if method is PaymentMethod.INTERNAL_RECHARGE else "",
        )
        paid = self.act(lambda: self.invoices.record_payment(invoice_id, payment))
        assert (paid is not None) == (amount <= owed)

    @rule(data=st.data(), percent=st.integers(1, 100), back=st.integers(0, 20))
    def record_refund(self, data: st.DataObject, percent: int, back: int) -> None:
        invoice_id = data.draw(st.sampled_from(self.invoice_ids), label="invoice")
        paid = self.invoices.invoice_balance(invoice_id).paid_pence
        amount = max(1, paid * percent // 100)
        refund = self.act(
            lambda: self.invoices.record_refund(
                invoice_id,
                amount,
                PaymentMethod.BANK_TRANSFER,
                "Overpaid",
                refunded_on=self.today() - timedelta(days=back),
            )
        )
        assert (refund is not None) == (amount <= paid)

    # -- time passing ----------------------------------------------------------------

    @rule(
        hours=st.integers(0, 72),
        days_=st.integers(0, 14),
        expire=st.booleans(),
        complete=st.booleans(),
    )
    def time_passes(self, hours: int, days_: int, expire: bool, complete: bool) -> None:
        """The clock moves on; the nightly jobs may run (each is its own action)."""
        self.clock.advance(timedelta(days=days_, hours=hours))
        if expire:
            before = self.fingerprint()
            expired = self.bookings.expire_lapsed_holds()
            assert self.fingerprint()["audit"] == before["audit"] + expired
            assert not self.ids_where(
                Booking.status == BookingStatus.PROVISIONAL, Booking.hold_expires_at <= self.clock()
            )
        if complete:
            before = self.fingerprint()
            completed = self.bookings.complete_finished()
            assert self.fingerprint()["audit"] == before["audit"] + completed
            assert not self.ids_where(
                Booking.status == BookingStatus.CONFIRMED, Booking.ends_at <= self.clock()
            )

    def today(self) -> date:
        return local_day(self.clock())

    # -- what must always hold -------------------------------------------------------

    @invariant()
    def consistent(self) -> None:
        with self.db.read() as s:
            ids = set(s.scalars(select(Booking.id)))
            assert self.booking_ids <= ids, "a booking disappeared"
            assert len(ids) >= self.most_bookings, "a booking disappeared"
            self.most_bookings = len(ids)
            check_no_overlaps(s)
            check_documents_add_up(s)
            check_numbers_have_no_gaps(s)
            check_settled_on(s)


# -- the invariants, in SQL (statements built once: they run after every step) --------------


def _count(model: Any) -> Any:
    return select(func.count()).select_from(model).scalar_subquery()


def _total(column: Any) -> Any:
    return select(func.coalesce(func.sum(column), 0)).scalar_subquery()


_FINGERPRINT_COLUMNS = {
    "bookings": _count(Booking),
    "audit": _count(AuditEntry),
    "series": _count(Series),
    "invoices": _count(Invoice),
    "credit_notes": _count(CreditNote),
    "payments": _count(Payment),
    "booking_versions": _total(Booking.version),
    "numbers_taken": _total(NumberCounter.last_value),
}
FINGERPRINT_NAMES = tuple(_FINGERPRINT_COLUMNS)
FINGERPRINT = select(*_FINGERPRINT_COLUMNS.values())


def _overlaps() -> Any:
    """Pairs of blocking bookings of one hall, or of a hall and its part, that overlap."""
    a, b = aliased(Booking), aliased(Booking)
    hall_a, hall_b = aliased(Hall), aliased(Hall)
    return (
        select(a.id, b.id)
        .join(hall_a, hall_a.id == a.hall_id)
        .join(b, b.id > a.id)
        .join(hall_b, hall_b.id == b.hall_id)
        .where(
            a.status.in_(BLOCKING_STATUSES),
            b.status.in_(BLOCKING_STATUSES),
            (a.hall_id == b.hall_id)
            | (hall_a.parent_id == b.hall_id)
            | (hall_b.parent_id == a.hall_id),
            a.blocked_start < b.blocked_end,
            b.blocked_start < a.blocked_end,
        )
    )


def _against_lines(document: Any, line: Any, key: Any) -> Any:
    """Each document's totals beside the sums of its lines."""
    sums = (
        select(
            key.label("doc"),
            func.sum(line.net_pence).label("net"),
            func.sum(line.vat_pence).label("vat"),
            func.count().label("n"),
        )
        .group_by(key)
        .subquery()
    )
    return select(
        document.number,
        document.net_pence,
        document.vat_pence,
        document.gross_pence,
        sums.c.net,
        sums.c.vat,
        sums.c.n,
    ).outerjoin(sums, sums.c.doc == document.id)


OVERLAPS = _overlaps()
DOCUMENTS_AGAINST_LINES = (
    _against_lines(Invoice, InvoiceLine, InvoiceLine.invoice_id),
    _against_lines(CreditNote, CreditNoteLine, CreditNoteLine.credit_note_id),
)
INVOICE_MONEY = select(
    Invoice.number,
    Invoice.gross_pence,
    select(func.coalesce(func.sum(CreditNote.gross_pence), 0))
    .where(CreditNote.invoice_id == Invoice.id)
    .scalar_subquery(),
    select(func.coalesce(func.sum(Payment.amount_pence), 0))
    .where(Payment.invoice_id == Invoice.id)
    .scalar_subquery(),
)
ON_TWO_LIVE_INVOICES = (
    select(InvoiceLine.booking_id)
    .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
    .where(InvoiceLine.booking_id.is_not(None), live_invoice())
    .group_by(InvoiceLine.booking_id)
    .having(func.count(func.distinct(Invoice.id)) > 1)
)
NUMBERED = (
    (INVOICE_PREFIX, select(Invoice.financial_year, Invoice.sequence, Invoice.number)),
    (CREDIT_NOTE_PREFIX, select(CreditNote.financial_year, CreditNote.sequence, CreditNote.number)),
)
COUNTERS = select(NumberCounter.series, NumberCounter.last_value)


def check_no_overlaps(s: Session) -> None:
    clashes = s.execute(OVERLAPS).all()
    assert not clashes, f"overlapping blocking bookings: {clashes}"


def check_documents_add_up(s: Session) -> None:
    """Gross = net + VAT = the lines; never credited or paid beyond the invoice."""
    for query in DOCUMENTS_AGAINST_LINES:
        for number, net, vat, gross, line_net, line_vat, lines in s.execute(query):
            assert lines, f"{number} has no lines"
            assert gross == net + vat, number
            assert (net, vat) == (line_net, line_vat), number
    for number, gross, credited, paid in s.execute(INVOICE_MONEY):
        assert 0 <= credited <= gross, number
        assert 0 <= paid <= gross, number
    twice = s.execute(ON_TWO_LIVE_INVOICES).all()
    assert not twice, f"bookings on two live invoices: {twice}"


def check_numbers_have_no_gaps(s: Session) -> None:
    """Each prefix and financial year runs 1..N, and its counter stands at N."""
    expected: dict[str, int] = {}
    for prefix, query in NUMBERED:
        by_year: dict[int, list[int]] = defaultdict(list)
        for fy, sequence, number in s.execute(query):
            assert number == document_number(prefix, fy, sequence)
            by_year[fy].append(sequence)
        for fy, sequences in by_year.items():
            assert sorted(sequences) == list(range(1, len(sequences) + 1)), (
                f"{prefix} {fy}: {sorted(sequences)}"
            )
            expected[series_name(prefix, fy)] = len(sequences)
    assert dict(s.execute(COUNTERS).all()) == expected


def empty(db: Database) -> None:
    """Delete every row: on tables this small ~20 times quicker than TRUNCATE."""
    with db.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())


def machine_for(open_database: DatabaseOpener) -> type[BookingLifeMachine]:
    return type(
        "BookingLifeOnThisEngine",
        (BookingLifeMachine,),
        {"open_database": staticmethod(open_database)},
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DatabaseOpener]:
    """A way to get a fresh database per example, on each engine."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "machine.sqlite"
        # One Database object over a file replaced for each example: a new engine per
        # example would compile every statement afresh, tripling the run time.
        db = Database(f"sqlite:///{path}")

        def open_sqlite() -> tuple[Database, Callable[[], None]]:
            db.dispose()
            for stale in (
                path,
                path.with_name(f"{path.name}-wal"),
                path.with_name(f"{path.name}-shm"),
            ):
                stale.unlink(missing_ok=True)
            shutil.copyfile(template, path)
            return db, db.dispose

        yield open_sqlite
        db.dispose()
    else:
        shared: Database = request.getfixturevalue("pg_database")

        def open_postgresql() -> tuple[Database, Callable[[], None]]:
            empty(shared)
            return shared, lambda: None

        yield open_postgresql


def test_desk_actions_keep_calendar_and_books_consistent(
    fresh_databases: DatabaseOpener,
) -> None:
    run_state_machine_as_test(machine_for(fresh_databases), settings=MACHINE_SETTINGS)
