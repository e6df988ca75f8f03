"""Regular hirers' series: BST, clashes date by date, skipping, editing, cancelling."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from spacebank.domain.audit import AuditEntry
from spacebank.domain.booking import Booking, Series
from spacebank.domain.enums import BookingStatus, Frequency
from spacebank.domain.errors import ApprovalRequiredError, BookingClashError, StatusError
from spacebank.services.booking_dto import BookingDetails, BookingRequest, SeriesRequest
from spacebank.services.booking_service import BookingService
from spacebank.services.context import ServiceContext
from spacebank.services.series_service import SeriesService
from spacebank.storage.database import Database
from tests.conftest import FrozenClock
from tests.factories import World

#: Tuesdays 2 Mar – 18 May 2027; British Summer Time starts on Sunday 28 March.
FIRST_TUE = date(2027, 3, 2)
TUESDAYS = [FIRST_TUE + timedelta(weeks=n) for n in range(12)]


@pytest.fixture
def series(ctx: ServiceContext) -> SeriesService:
    return SeriesService(ctx)


def weekly(world: World, **overrides: object) -> SeriesRequest:
    values: dict[str, object] = {
        "hall_id": world.half_a_id,
        "hirer_id": world.charity_id,
        "frequency": Frequency.WEEKLY,
        "first_date": FIRST_TUE,
        "start_time": time(18, 0),
        "end_time": time(20, 0),
        "purpose": "Toddler group",
        "attendees": 25,
        "count": 12,
    }
    values.update(overrides)
    return SeriesRequest(**values)  # type: ignore[arg-type]


def one_off(world: World, start: datetime, end: datetime, **overrides: object) -> BookingRequest:
    values: dict[str, object] = {
        "hall_id": world.half_a_id,
        "hirer_id": world.hirer_id,
        "start": start,
        "end": end,
        "purpose": "Birthday party",
        "attendees": 20,
    }
    values.update(overrides)
    return BookingRequest(**values)  # type: ignore[arg-type]


def counts(db: Database) -> tuple[int, int, int]:
    with db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Booking)) or 0,
            s.scalar(select(func.count()).select_from(Series)) or 0,
            s.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


def occurrences(bookings: BookingService, ids: tuple[int, ...]) -> list[BookingDetails]:
    return [bookings.get(i) for i in ids]


def by_day(found: list[BookingDetails]) -> dict[date, BookingDetails]:
    return {b.start.date(): b for b in found}


def test_weekly_series_keeps_wall_clock_across_bst(
    series: SeriesService, bookings: BookingService, world: World, db: Database
) -> None:
    result = series.create(weekly(world))
    assert result.skipped == ()
    found = occurrences(bookings, result.booking_ids)
    assert [b.start.date() for b in found] == TUESDAYS
    assert {(b.start.time(), b.end.time()) for b in found} == {(time(18), time(20))}
    utc_hours = [b.start.astimezone(UTC).hour for b in found]
    assert utc_hours == [18] * 4 + [17] * 8  # 30 March is the first date in BST
    assert {b.series_id for b in found} == {result.series_id}
    assert {b.status for b in found} == {BookingStatus.CONFIRMED}
    assert {b.total_pence for b in found} == {2 * 1500}  # community evening rate
    assert {b.hold_expires_at for b in found} == {None}
    with db.read() as s:
        row = s.get(Series, result.series_id)
        assert row is not None
        assert (row.start_min, row.end_min, row.occurrence_count) == (18 * 60, 20 * 60, 12)


def test_preview_reports_clashes_date_by_date_and_saves_nothing(
    series: SeriesService, bookings: BookingService, world: World, db: Database
) -> None:
    taken = bookings.book(
        one_off(world, datetime(2027, 3, 16, 18, 30), datetime(2027, 3, 16, 19, 30))
    )
    # The whole hall's clean-up after 17:00 on 6 April runs to 18:30: it clashes too.
    bookings.book(
        one_off(
            world, datetime(2027, 4, 6, 16), datetime(2027, 4, 6, 18), hall_id=world.main_hall_id
        )
    )
    before = counts(db)
    preview = series.preview(weekly(world))
    assert counts(db) == before
    assert [o.day for o in preview.occurrences] == TUESDAYS
    assert [o.day for o in preview.clashes] == [date(2027, 3, 16), date(2027, 4, 6)]
    assert taken.reference in preview.clashes[0].problems[0].message
    assert "connected part" in preview.clashes[1].problems[0].message
    free = [o for o in preview.occurrences if o.free]
    assert len(free) == 10 and all(o.start is not None for o in free)
    assert preview.quote_per_date is not None
    assert preview.quote_per_date.total_pence == 3000


def test_preview_reports_bank_holidays(series: SeriesService, world: World, db: Database) -> None:
    # Mondays 22 Mar – 31 May 2027: Easter Monday, the May Day and spring bank holidays.
    preview = series.preview(
        weekly(world, first_date=date(2027, 3, 22), count=None, until=date(2027, 5, 31))
    )
    assert len(preview.occurrences) == 11
    assert [o.day for o in preview.clashes] == [
        date(2027, 3, 29),
        date(2027, 5, 3),
        date(2027, 5, 31),
    ]
    assert all("bank holidays" in o.problems[0].message for o in preview.clashes)
    assert "Easter Monday" in preview.clashes[0].problems[0].message
    assert counts(db) == (0, 0, 0)


def test_create_refuses_clashes_and_changes_nothing(
    series: SeriesService, bookings: BookingService, world: World, db: Database
) -> None:
    bookings.book(one_off(world, datetime(2027, 3, 16, 19), datetime(2027, 3, 16, 21)))
    bookings.book(one_off(world, datetime(2027, 5, 11, 17), datetime(2027, 5, 11, 18, 30)))
    before = counts(db)
    with pytest.raises(BookingClashError) as err:
        series.create(weekly(world))
    message = err.value.user_message
    assert message.startswith("2 of 12 dates cannot be booked")
    assert "Tue 16 Mar 2027" in message and "Tue 11 May 2027" in message
    assert "23 Mar" not in message
    assert counts(db) == before


def test_create_skipping_clashes(
    series: SeriesService, bookings: BookingService, world: World, db: Database
) -> None:
    bookings.book(one_off(world, datetime(2027, 3, 16, 19), datetime(2027, 3, 16, 21)))
    result = series.create(weekly(world), skip_clashes=True)
    assert [c.day for c in result.skipped] == [date(2027, 3, 16)]
    assert result.skipped[0].problems
    found = occurrences(bookings, result.booking_ids)
    assert [b.start.date() for b in found] == [d for d in TUESDAYS if d != date(2027, 3, 16)]
    assert counts(db)[:2] == (1 + 11, 1)


def test_cancelling_one_date_leaves_the_others(
    series: SeriesService, bookings: BookingService, world: World
) -> None:
    result = series.create(weekly(world, count=4))
    cancelled = bookings.cancel(result.booking_ids[1], reason="Half term")
    assert cancelled.status is BookingStatus.CANCELLED
    others = occurrences(bookings, result.booking_ids[:1] + result.booking_ids[2:])
    assert {b.status for b in others} == {BookingStatus.CONFIRMED}
    assert {b.version for b in others} == {1}
    # The cancelled date is free for someone else.
    bookings.book(one_off(world, datetime(2027, 3, 9, 18), datetime(2027, 3, 9, 20)))


def test_change_times_never_resurrects_a_cancelled_date(
    series: SeriesService, bookings: BookingService, world: World, db: Database
) -> None:
    result = series.create(weekly(world))
    ids = dict(zip(TUESDAYS, result.booking_ids, strict=True))
    bookings.cancel(ids[date(2027, 4, 6)], reason="Room needed for an election")
    changed = series.change_times(
        result.series_id, start_time=time(19), end_time=time(21), from_date=date(2027, 3, 30)
    )
    moved_days = [d for d in TUESDAYS if d >= date(2027, 3, 30) and d != date(2027, 4, 6)]
    assert list(changed.booking_ids) == [ids[d] for d in moved_days]
    found = by_day(occurrences(bookings, result.booking_ids))
    for day, booking in found.items():
        if day == date(2027, 4, 6):
            assert booking.status is BookingStatus.CANCELLED
            assert (booking.start.hour, booking.end.hour) == (18, 20)  # its old time
        elif day < date(2027, 3, 30):
            assert (booking.start.hour, booking.end.hour) == (18, 20)
            assert booking.status is BookingStatus.CONFIRMED
        else:
            assert (booking.start.hour, booking.end.hour) == (19, 21)
            assert booking.start.astimezone(UTC).hour == 18
            assert booking.status is BookingStatus.CONFIRMED
    with db.read() as s:
        row = s.get(Series, result.series_id)
        assert row is not None and (row.start_min, row.end_min) == (19 * 60, 21 * 60)
    # The old 18:00 slot on a moved date is free again; the new one is not.
    bookings.book(one_off(world, datetime(2027, 4, 13, 17), datetime(2027, 4, 13, 19)))
    with pytest.raises(BookingClashError):
        bookings.book(one_off(world, datetime(2027, 4, 13, 20), datetime(2027, 4, 13, 22)))


def test_change_times_clash_on_any_date_aborts_everything(
    series: SeriesService, bookings: BookingService, world: World, db: Database
) -> None:
    result = series.create(weekly(world))
    bookings.book(one_off(world, datetime(2027, 4, 20, 20, 30), datetime(2027, 4, 20, 21, 30)))
    before = counts(db)
    with pytest.raises(BookingClashError) as err:
        series.change_times(
            result.series_id, start_time=time(19), end_time=time(21), from_date=date(2027, 3, 2)
        )
    assert "20 Apr 2027" in err.value.user_message
    assert err.value.user_message.startswith("1 of 12 dates")
    assert counts(db) == before
    found = occurrences(bookings, result.booking_ids)
    assert {(b.start.hour, b.version) for b in found} == {(18, 1)}
    with db.read() as s:
        row = s.get(Series, result.series_id)
        assert row is not None and row.start_min == 18 * 60


def test_change_times_expires_a_lapsed_hold_in_the_way(
    series: SeriesService, bookings: BookingService, world: World, clock: FrozenClock
) -> None:
    result = series.create(weekly(world, count=4))
    hold = bookings.hold(one_off(world, datetime(2027, 3, 16, 20), datetime(2027, 3, 16, 22)))
    with pytest.raises(BookingClashError):
        series.change_times(
            result.series_id, start_time=time(19), end_time=time(21), from_date=FIRST_TUE
        )
    clock.advance(timedelta(days=8))  # the hold has lapsed
    series.change_times(
        result.series_id, start_time=time(19), end_time=time(21), from_date=FIRST_TUE
    )
    assert bookings.get(hold.id).status is BookingStatus.EXPIRED
    assert {b.start.hour for b in occurrences(bookings, result.booking_ids)} == {19}


def test_cancel_from_a_day(series: SeriesService, bookings: BookingService, world: World) -> None:
    result = series.create(weekly(world))
    ids = dict(zip(TUESDAYS, result.booking_ids, strict=True))
    bookings.cancel(ids[date(2027, 5, 4)], reason="Bank holiday week")
    cancelled = series.cancel_from(
        result.series_id, from_date=date(2027, 4, 20), reason="Group moving to a new venue"
    )
    expected = [date(2027, 4, 20), date(2027, 4, 27), date(2027, 5, 11), date(2027, 5, 18)]
    assert list(cancelled.booking_ids) == [ids[d] for d in expected]
    for day, booking in by_day(occurrences(bookings, result.booking_ids)).items():
        if day < date(2027, 4, 20):
            assert booking.status is BookingStatus.CONFIRMED
        else:
            assert booking.status is BookingStatus.CANCELLED
            reason = (
                "Bank holiday week" if day == date(2027, 5, 4) else "Group moving to a new venue"
            )
            assert booking.cancel_reason == reason
    # Nothing is left open from that day, so there is nothing to move.
    with pytest.raises(StatusError):
        series.change_times(
            result.series_id, start_time=time(19), end_time=time(21), from_date=date(2027, 4, 20)
        )


def test_monthly_series(series: SeriesService, bookings: BookingService, world: World) -> None:
    result = series.create(
        weekly(world, frequency=Frequency.MONTHLY_BY_WEEKDAY, first_date=date(2027, 1, 12), count=4)
    )
    found = occurrences(bookings, result.booking_ids)
    assert [b.start.date() for b in found] == [
        date(2027, 1, 12),
        date(2027, 2, 9),
        date(2027, 3, 9),
        date(2027, 4, 13),
    ]
    assert {b.start.hour for b in found} == {18}
    assert [b.start.astimezone(UTC).hour for b in found] == [18, 18, 18, 17]


def test_unconfirmed_series_makes_holds(
    series: SeriesService, bookings: BookingService, world: World, clock: FrozenClock
) -> None:
    result = series.create(weekly(world, count=3, confirm=False))
    found = occurrences(bookings, result.booking_ids)
    assert {b.status for b in found} == {BookingStatus.PROVISIONAL}
    assert {b.hold_expires_at for b in found} == {clock() + timedelta(days=7)}


def test_short_notice_series_needs_approval(
    series: SeriesService,
    bookings: BookingService,
    world: World,
    db: Database,
    clock: FrozenClock,
) -> None:
    soon = weekly(world, first_date=date(2026, 12, 1), count=3)  # 10 days away
    with pytest.raises(ApprovalRequiredError) as err:
        series.create(soon)
    assert err.value.field == "short_notice_approved_by"
    assert counts(db) == (0, 0, 0)
    result = series.create(
        weekly(world, first_date=date(2026, 12, 1), count=3, short_notice_approved_by="A. Manager")
    )
    found = occurrences(bookings, result.booking_ids)
    assert {b.short_notice_approved_by for b in found} == {"A. Manager"}
    assert {b.status for b in found} == {BookingStatus.CONFIRMED}
    # Holds need no approval: inside the notice period they last a day at most.
    held = series.create(
        weekly(world, first_date=date(2026, 12, 1), count=2, confirm=False, hall_id=world.half_b_id)
    )
    first, second = occurrences(bookings, held.booking_ids)
    assert first.status is second.status is BookingStatus.PROVISIONAL
    assert first.hold_expires_at == clock() + timedelta(days=1)
    assert second.hold_expires_at == second.start - timedelta(days=14)  # notice deadline
