"""The demo generator: every rule the booking services enforce holds in its data."""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from sqlalchemy import and_, func, or_, select, text
from sqlalchemy.orm import aliased

from spacebank.demo import DemoCancelled, generate_demo
from spacebank.demo.billing import booking_time
from spacebank.domain.audit import AuditEntry
from spacebank.domain.booking import Booking, BookingCharge, Series
from spacebank.domain.calendar import bank_holiday_name
from spacebank.domain.clock import local_minutes_utc, to_local
from spacebank.domain.enums import (
    BLOCKING_STATUSES,
    BookingStatus,
    DepositStatus,
    HirerType,
    PaymentMethod,
    RateType,
)
from spacebank.domain.errors import DomainError, ValidationError
from spacebank.domain.hirer import Hirer, HirerSearchTerm
from spacebank.domain.hirer_terms import hirer_search_terms
from spacebank.domain.invoice import (
    CreditNote,
    Deposit,
    Invoice,
    InvoiceLine,
    NumberCounter,
    Payment,
    document_number,
)
from spacebank.domain.models import Base
from spacebank.domain.money import vat_pence
from spacebank.domain.recurrence import occurrence_dates
from spacebank.domain.venue import Closure, Hall, OpeningHours, Rate, Venue
from spacebank.services.invoice_service import describe_booking_time
from spacebank.storage.database import Database
from spacebank.storage.migrate import upgrade
from tests.settlement import check_settled_on, owing_on

TODAY = date(2026, 11, 21)
NOW = local_minutes_utc(TODAY, 12 * 60)
#: A tenth of a year's volume: ~3,600 bookings, 200 hirers, every kind of record.
SCALE = 0.1


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def generated(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """One generation per engine, shared by the read-only checks below (like `db`)."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        database = Database(f"sqlite:///{path}")
    else:
        database = request.getfixturevalue("pg_database")
        _empty(database)
    summary = generate_demo(database, years=1, seed=3, today=TODAY, scale=SCALE)
    assert 3000 <= summary.bookings <= 4200
    yield database
    if request.param == "sqlite":
        database.dispose()


def _empty(db: Database) -> None:
    """Every row deleted and ids restarted, as the `db` fixture leaves PostgreSQL."""
    with db.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
        for name in (
            connection.execute(
                text(
                    "SELECT sequence_name FROM information_schema.sequences "
                    "WHERE sequence_schema = current_schema()"
                )
            )
            .scalars()
            .all()
        ):
            connection.execute(text(f"SELECT setval('{name}', 1, false)"))


def test_no_two_blocking_bookings_of_a_hall_overlap(generated: Database) -> None:
    a, b = aliased(Booking), aliased(Booking)
    with generated.read() as s:
        clashes = s.execute(
            select(a.id, b.id)
            .join(
                b,
                and_(
                    b.hall_id == a.hall_id,
                    b.id > a.id,
                    b.blocked_start < a.blocked_end,
                    b.blocked_end > a.blocked_start,
                ),
            )
            .where(a.status.in_(BLOCKING_STATUSES), b.status.in_(BLOCKING_STATUSES))
        ).all()
        assert clashes == []


def test_no_booking_overlaps_one_of_a_connected_hall(generated: Database) -> None:
    a, b = aliased(Booking), aliased(Booking)
    ha, hb = aliased(Hall), aliased(Hall)
    with generated.read() as s:
        assert (
            s.scalar(select(func.count()).select_from(Hall).where(Hall.parent_id.is_not(None))) >= 4
        )
        clashes = s.execute(
            select(a.id, b.id)
            .join(ha, ha.id == a.hall_id)
            .join(
                b,
                and_(
                    b.blocked_start < a.blocked_end, b.blocked_end > a.blocked_start, b.id != a.id
                ),
            )
            .join(hb, hb.id == b.hall_id)
            .where(
                or_(ha.parent_id == hb.id, hb.parent_id == ha.id),
                a.status.in_(BLOCKING_STATUSES),
                b.status.in_(BLOCKING_STATUSES),
            )
        ).all()
        assert clashes == []


def test_bookings_are_in_opening_hours_and_never_on_closures(generated: Database) -> None:
    with generated.read() as s:
        halls = {h.id: (h.venue_id, h.parent_id) for h in s.scalars(select(Hall))}
        open_on_holidays = dict(s.execute(select(Venue.id, Venue.open_on_bank_holidays)).all())
        hours = {
            (o.venue_id, o.weekday): (o.opens_min, o.closes_min)
            for o in s.scalars(select(OpeningHours))
        }
        closures = s.execute(
            select(Closure.venue_id, Closure.hall_id, Closure.starts_at, Closure.ends_at)
        ).all()
        rows = s.execute(
            select(
                Booking.id,
                Booking.hall_id,
                Booking.starts_at,
                Booking.ends_at,
                Booking.blocked_start,
                Booking.blocked_end,
            )
        ).all()
    assert closures, "some closures are expected"
    family = defaultdict(set)
    for hall_id, (_, parent_id) in halls.items():
        family[hall_id].add(hall_id)
        if parent_id is not None:
            family[hall_id].add(parent_id)
            family[parent_id].add(hall_id)
    problems = []
    for booking_id, hall_id, start, end, blocked_start, blocked_end in rows:
        venue_id = halls[hall_id][0]
        local_start, local_end = to_local(blocked_start), to_local(blocked_end)
        day = local_start.date()
        span = hours.get((venue_id, day.weekday()))
        minutes = (
            local_start.hour * 60 + local_start.minute,
            local_end.hour * 60 + local_end.minute,
        )
        if (
            span is None
            or local_end.date() != day
            or not (span[0] <= minutes[0] and minutes[1] <= span[1])
        ):
            problems.append((booking_id, "outside opening hours", local_start, local_end))
        if bank_holiday_name(day) and not open_on_holidays[venue_id]:
            problems.append((booking_id, "bank holiday", day))
        for closed_venue, closed_hall, closed_from, closed_to in closures:
            applies = closed_venue == venue_id and (
                closed_hall is None or closed_hall in family[hall_id]
            )
            if applies and closed_from < blocked_end and blocked_start < closed_to:
                problems.append((booking_id, "closure", closed_from))
        assert blocked_start <= start < end <= blocked_end
    assert problems == []


def test_series_keep_their_wall_clock_time_and_pattern(generated: Database) -> None:
    with generated.read() as s:
        series = {
            x.id: x
            for x in s.execute(
                select(
                    Series.id,
                    Series.hall_id,
                    Series.hirer_id,
                    Series.first_date,
                    Series.frequency,
                    Series.occurrence_count,
                    Series.start_min,
                    Series.end_min,
                )
            )
        }
        rows = s.execute(
            select(
                Booking.series_id,
                Booking.starts_at,
                Booking.ends_at,
                Booking.hall_id,
                Booking.hirer_id,
            ).where(Booking.series_id.is_not(None))
        ).all()
        total = s.scalar(select(func.count()).select_from(Booking))
    assert 0.25 <= len(rows) / total <= 0.45, "about a third of bookings are in series"
    dates = defaultdict(list)
    crosses_bst = 0
    for series_id, start, end, hall_id, hirer_id in rows:
        x = series[series_id]
        local_start, local_end = to_local(start), to_local(end)
        assert (local_start.hour * 60 + local_start.minute) == x.start_min
        assert (local_end.hour * 60 + local_end.minute) == x.end_min
        assert (hall_id, hirer_id) == (x.hall_id, x.hirer_id)
        dates[series_id].append(local_start.date())
    for series_id, days in dates.items():
        x = series[series_id]
        pattern = occurrence_dates(x.first_date, x.frequency, count=x.occurrence_count)
        assert set(days) <= set(pattern)
        offsets = {to_local(local_minutes_utc(d, x.start_min)).utcoffset() for d in days}
        crosses_bst += len(offsets) > 1
    assert crosses_bst > 0, "some series run across a change to or from summer time"


def test_statuses_prices_and_charges_are_consistent(generated: Database) -> None:
    with generated.read() as s:
        rows = s.execute(select(Booking, Hirer.hirer_type).join(Hirer)).all()
        charges = defaultdict(list)
        for c in s.scalars(select(BookingCharge)):
            charges[c.booking_id].append(c)
        capacity = dict(s.execute(select(Hall.id, Hall.capacity)).all())
        rates = {
            (r.hall_id, r.rate_type, r.band): r.pence_per_hour for r in s.scalars(select(Rate))
        }
        assert len(rates) == len(capacity) * 6
        by_status: dict[BookingStatus, int] = defaultdict(int)
        for booking, hirer_type in rows:
            by_status[booking.status] += 1
            assert booking.rate_type is hirer_type.default_rate_type
            assert 1 <= booking.attendees <= capacity[booking.hall_id]
            lines = sorted(charges[booking.id], key=lambda c: c.position)
            assert [c.position for c in lines] == list(range(1, len(lines) + 1))
            assert booking.total_pence == sum(
                c.amount_pence + vat_pence(c.amount_pence, c.vat_rate_bp) for c in lines
            )
            if booking.ends_at <= NOW:
                assert booking.status in (
                    BookingStatus.COMPLETED,
                    BookingStatus.CANCELLED,
                    BookingStatus.EXPIRED,
                )
            elif booking.starts_at > NOW:
                assert booking.status is not BookingStatus.COMPLETED
            if booking.status is BookingStatus.PROVISIONAL:
                assert booking.hold_expires_at is not None
                assert NOW < booking.hold_expires_at <= booking.starts_at
            if booking.status is BookingStatus.CANCELLED:
                assert booking.cancelled_at is not None and booking.cancelled_at <= NOW
                assert booking.cancelled_by and booking.cancel_reason
            if booking.discount_kind is not None:
                assert booking.discount_reason and booking.discount_approved_by
            assert booking.created_at <= booking.updated_at <= NOW
    total = sum(by_status.values())
    assert 0.03 <= by_status[BookingStatus.CANCELLED] / total <= 0.09
    assert by_status[BookingStatus.EXPIRED] > 0 and by_status[BookingStatus.PROVISIONAL] > 0


def test_invoice_numbers_are_gapless_per_financial_year(generated: Database) -> None:
    with generated.read() as s:
        invoices = s.execute(
            select(
                Invoice.financial_year, Invoice.sequence, Invoice.number, Invoice.issued_on
            ).order_by(Invoice.id)
        ).all()
        notes = s.execute(
            select(CreditNote.financial_year, CreditNote.sequence, CreditNote.number)
        ).all()
        counters = dict(s.execute(select(NumberCounter.series, NumberCounter.last_value)).all())
    assert invoices and notes
    for prefix, documents in (("SB", invoices), ("CN", notes)):
        by_year = defaultdict(list)
        for fy, sequence, number, *_ in documents:
            assert number == document_number(prefix, fy, sequence)
            by_year[fy].append(sequence)
        for fy, sequences in by_year.items():
            assert sorted(sequences) == list(range(1, len(sequences) + 1))
            assert counters[f"{prefix}-{fy}"] == len(sequences)
    # Numbers follow the order of issue within a year.
    for (fy1, seq1, _, day1), (fy2, seq2, _, day2) in pairwise(invoices):
        if fy1 == fy2:
            assert (day1, seq1) < (day2, seq2)
    assert all(day <= TODAY for *_, day in invoices)


def test_invoice_totals_lines_payments_and_credits_add_up(generated: Database) -> None:
    with generated.read() as s:
        invoices = s.execute(
            select(
                Invoice.id,
                Invoice.hirer_id,
                Invoice.net_pence,
                Invoice.vat_pence,
                Invoice.gross_pence,
                Invoice.issued_on,
                Invoice.due_on,
                Invoice.bill_to_name,
                Invoice.bill_to_postcode,
                Hirer.name,
                Hirer.organisation,
                Hirer.postcode,
            ).join(Hirer, Hirer.id == Invoice.hirer_id)
        ).all()
        lines = defaultdict(list)
        for row in s.execute(
            select(
                InvoiceLine.invoice_id,
                InvoiceLine.net_pence,
                InvoiceLine.vat_rate_bp,
                InvoiceLine.vat_pence,
                Booking.hirer_id,
            ).join(Booking)
        ):
            lines[row[0]].append(row[1:])
        paid: dict[int, int] = defaultdict(int)
        methods = set()
        for invoice_id, amount, method, cost_centre in s.execute(
            select(Payment.invoice_id, Payment.amount_pence, Payment.method, Payment.cost_centre)
        ):
            paid[invoice_id] += amount
            methods.add(method)
            if method is PaymentMethod.INTERNAL_RECHARGE:
                assert cost_centre.startswith("CC-")
        credited: dict[int, int] = defaultdict(int)
        credit_days = s.execute(
            select(CreditNote.invoice_id, CreditNote.gross_pence, CreditNote.issued_on)
        ).all()
    issued = {row.id: row.issued_on for row in invoices}
    for invoice_id, gross, issued_on in credit_days:
        credited[invoice_id] += gross
        assert issued_on >= issued[invoice_id]
    assert methods == set(PaymentMethod)
    states: dict[str, int] = defaultdict(int)
    for (
        invoice_id,
        hirer_id,
        net,
        vat,
        gross,
        issued_on,
        due_on,
        bill_to,
        bill_postcode,
        name,
        organisation,
        postcode,
    ) in invoices:
        mine = lines[invoice_id]
        assert net == sum(line_net for line_net, _, _, _ in mine)
        assert vat == sum(line_vat for _, _, line_vat, _ in mine)
        assert gross == net + vat > 0
        assert all(line_vat == vat_pence(line_net, rate) for line_net, rate, line_vat, _ in mine)
        assert {booked_by for *_, booked_by in mine} == {hirer_id}
        assert due_on == issued_on + timedelta(days=14)
        assert (bill_to, bill_postcode) == (organisation or name, postcode)
        outstanding = gross - credited[invoice_id] - paid[invoice_id]
        assert 0 <= credited[invoice_id] <= gross
        assert 0 <= outstanding <= gross
        states["paid" if outstanding == 0 else "unpaid" if paid[invoice_id] == 0 else "part"] += 1
    assert states["paid"] > states["unpaid"] > 0 and states["part"] > 0


def test_settled_on_never_hides_money_owed(generated: Database) -> None:
    """The generator sets settled_on by the services' rule: recomputed exactly as of a few
    days, every invoice owing then is among the income report's candidates."""
    with generated.read() as s:
        check_settled_on(s)
        for as_of in (TODAY - timedelta(days=300), TODAY - timedelta(days=45), TODAY):
            owing = owing_on(s, as_of)
            assert owing, as_of  # something to find, or the check proves nothing
            assert owing <= owing_on(s, as_of, candidates_only=True), as_of


def test_deposits_only_where_the_policy_asks_for_them(generated: Database) -> None:
    with generated.read() as s:
        rows = s.execute(
            select(
                Deposit.status,
                Deposit.amount_pence,
                Deposit.retained_pence,
                Deposit.retained_reason,
                Deposit.received_on,
                Deposit.settled_on,
                Booking.rate_type,
                Booking.deposit_pence,
                Booking.status,
            ).join(Booking)
        ).all()
        owing = s.scalar(
            select(func.count())
            .select_from(Booking)
            .where(Booking.deposit_pence > 0, Booking.rate_type == RateType.COMMUNITY)
        )
    assert owing == 0
    statuses: dict[DepositStatus, int] = defaultdict(int)
    for (
        status,
        amount,
        retained,
        retained_reason,
        received_on,
        settled_on,
        rate_type,
        booking_deposit,
        booking_status,
    ) in rows:
        statuses[status] += 1
        assert rate_type in (RateType.PRIVATE, RateType.COMMERCIAL)
        assert amount == booking_deposit > 0
        assert booking_status in (
            BookingStatus.CONFIRMED,
            BookingStatus.COMPLETED,
            BookingStatus.CANCELLED,
        )
        if booking_status is BookingStatus.CANCELLED:
            assert status is DepositStatus.REFUNDED
        if status is DepositStatus.RETAINED:
            assert 0 < retained <= amount and retained_reason
        if settled_on is not None:
            assert received_on is not None and received_on <= settled_on <= TODAY
    assert set(statuses) == set(DepositStatus)


def test_hirers_and_their_search_terms(generated: Database) -> None:
    with generated.read() as s:
        hirers = s.execute(
            select(
                Hirer.id,
                Hirer.hirer_type,
                Hirer.name,
                Hirer.organisation,
                Hirer.phone,
                Hirer.phone_alt,
                Hirer.email,
                Hirer.address,
                Hirer.postcode,
                Hirer.created_at,
            )
        ).all()
        terms = defaultdict(set)
        for hirer_id, term in s.execute(select(HirerSearchTerm.hirer_id, HirerSearchTerm.term)):
            terms[hirer_id].add(term)
        audit = s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "demo_generated")
        )
    assert len(hirers) == 200 and audit == 1
    assert {h.hirer_type for h in hirers} == set(HirerType)
    assert {"Łucja Żółć", "Zoë O'Brien-Smith", "Adébáyọ̀ Ògúnlẹ́sì"} <= {h.name for h in hirers}
    assert 0.2 <= sum(1 for h in hirers if not h.email) / len(hirers) <= 0.4
    for h in hirers:
        assert terms[h.id] == hirer_search_terms(
            h.name, h.organisation, h.phone, h.phone_alt, h.postcode
        )
        assert h.phone and h.postcode and h.address
        assert h.created_at <= NOW
    assert {"zolc", "lucja"} <= terms[1]


def test_same_seed_gives_the_same_data(generated: Database, tmp_path: Path) -> None:
    other = Database(f"sqlite:///{tmp_path / 'again.sqlite'}")
    try:
        upgrade(other)
        generate_demo(other, years=1, seed=3, today=TODAY, scale=SCALE)
        first_rows = []
        for database in (generated, other):
            with database.read() as s:
                count = s.scalar(select(func.count()).select_from(Booking))
                rows = [
                    tuple(r)
                    for r in s.execute(
                        select(*Booking.__table__.columns).order_by(Booking.id).limit(50)
                    )
                ]
                numbers = s.scalars(select(Invoice.number).order_by(Invoice.id).limit(50)).all()
            first_rows.append((count, rows, numbers))
        assert first_rows[0] == first_rows[1]
    finally:
        other.dispose()


def test_refuses_a_database_that_has_data(db: Database) -> None:
    generate_demo(db, years=1, seed=1, today=TODAY, scale=0.01)
    with pytest.raises(DomainError, match="already has data"):
        generate_demo(db, years=1, seed=2, today=TODAY, scale=0.01)


def test_cancelling_leaves_the_database_untouched(db: Database) -> None:
    stages = []

    def progress(stage: str, done: int, total: int) -> bool:
        stages.append(stage)
        return stage != "Bookings"

    with pytest.raises(DemoCancelled):
        generate_demo(db, years=1, seed=1, today=TODAY, scale=0.02, progress=progress)
    assert "Hirers" in stages
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Venue)) == 0
        assert s.scalar(select(func.count()).select_from(Hirer)) == 0


@pytest.mark.parametrize("years", [0, 16])
def test_years_out_of_range_are_refused(db: Database, years: int) -> None:
    with pytest.raises(ValidationError):
        generate_demo(db, years=years, today=TODAY)


def test_line_times_read_as_the_invoice_service_writes_them() -> None:
    for day, start, end in (
        (date(2026, 3, 29), 9 * 60, 11 * 60 + 30),
        (date(2026, 10, 25), 18 * 60, 23 * 60),
        (date(2027, 1, 5), 8 * 60, 9 * 60),
    ):
        expected = describe_booking_time(local_minutes_utc(day, start), local_minutes_utc(day, end))
        assert booking_time(day, start, end) == expected


def test_generated_ids_continue_after_the_demo(db: Database) -> None:
    """PostgreSQL sequences are moved past the explicit ids the generator wrote."""
    generate_demo(db, years=1, seed=1, today=TODAY, scale=0.01)
    with db.write() as s:
        top = s.scalar(select(func.max(Venue.id)))
        venue = Venue(name="New venue after the demo", address="1 Road", postcode="SE1 1AA")
        s.add(venue)
        s.flush()
        assert venue.id == top + 1
