"""Regular hirers: a series of weekly, fortnightly or monthly bookings.

Every date is a real Booking. Dates are checked one by one before anything is saved;
clashing dates are reported, and skipped only if the clerk says so.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from spacebank.domain import rules
from spacebank.domain.booking import Booking, Series
from spacebank.domain.clock import to_local, to_utc
from spacebank.domain.enums import BookingStatus
from spacebank.domain.errors import BookingClashError, DomainError, NotFoundError, StatusError
from spacebank.domain.policy import Policy
from spacebank.domain.recurrence import occurrence_dates
from spacebank.domain.text import clean_text
from spacebank.services import booking_ops as ops
from spacebank.services.audit import record
from spacebank.services.booking_dto import (
    OccurrenceCheck,
    SeriesPreview,
    SeriesRequest,
    SeriesResult,
)
from spacebank.services.context import ServiceContext
from spacebank.services.hall_state import (
    HallInfo,
    blocking_bookings,
    closures_overlapping,
    evaluate,
    load_hall,
    problem_from,
)


class SeriesService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def preview(self, request: SeriesRequest) -> SeriesPreview:
        """Every date with its problems (clashes, closures, bank holidays): saves nothing."""
        dates = self._dates(request)
        with self._ctx.db.read() as s:
            hall = load_hall(s, request.hall_id)
            policy = self._ctx.policy(s)
            checks = self._check_dates(s, hall, request, dates, policy, exclude_series=None)
            quote = None
            first_free = next((c for c in checks if c.free), None)
            if first_free is not None and first_free.start and first_free.end:
                rate_type = ops.hirer_rate_type(s, request.hirer_id, request.rate_type)
                quote = ops.quote_for(
                    s,
                    hall,
                    first_free.start,
                    first_free.end,
                    rate_type=rate_type,
                    extras=request.extras,
                    discount=request.discount,
                    policy=policy,
                )
        return SeriesPreview(tuple(checks), quote)

    def create(self, request: SeriesRequest, *, skip_clashes: bool = False) -> SeriesResult:
        """Save the series and one booking per free date, all or nothing.

        Raises BookingClashError listing the clashing dates unless `skip_clashes`.
        """
        dates = self._dates(request)
        purpose = ops.clean_purpose(request.purpose)
        notes = ops.clean_notes(request.notes)
        discount = request.discount.validated() if request.discount else None
        now = self._ctx.now()
        with self._ctx.db.write() as s:
            hall = load_hall(s, request.hall_id)
            policy = self._ctx.policy(s)
            self._ctx.db.lock_venue(s, hall.venue_id)
            rate_type = ops.hirer_rate_type(s, request.hirer_id, request.rate_type)
            checks = self._check_dates(s, hall, request, dates, policy, exclude_series=None)
            clashes = [c for c in checks if not c.free]
            if clashes and not skip_clashes:
                raise BookingClashError(_clash_summary(clashes, len(checks)), field="first_date")
            free = [c for c in checks if c.free]
            if not free:
                raise BookingClashError(
                    "None of the dates is free; nothing was saved.", field="first_date"
                )
            assert free[0].start is not None
            approver = ops.short_notice_approval(
                now,
                free[0].start,
                policy,
                request.short_notice_approved_by,
                needed=request.confirm,
                prepaid=False,
            )
            series = Series(
                hall_id=hall.id,
                hirer_id=request.hirer_id,
                frequency=request.frequency,
                first_date=request.first_date,
                start_min=_minutes(request.start_time),
                end_min=_minutes(request.end_time),
                occurrence_count=len(dates),
                purpose=purpose,
                created_at=now,
                created_by=self._ctx.actor,
            )
            s.add(series)
            s.flush()
            record(
                s,
                self._ctx,
                action="create",
                entity="series",
                entity_id=series.id,
                after={
                    "hall_id": hall.id,
                    "hirer_id": request.hirer_id,
                    "frequency": request.frequency,
                    "dates": len(free),
                    "skipped": [c.day.isoformat() for c in clashes],
                },
            )
            ids = []
            for check in free:
                assert check.start is not None and check.end is not None
                ops.expire_holds(s, self._ctx, self._lapsed(s, hall, check, policy))
                quote = ops.quote_for(
                    s,
                    hall,
                    check.start,
                    check.end,
                    rate_type=rate_type,
                    extras=request.extras,
                    discount=discount,
                    policy=policy,
                )
                blocked_start, blocked_end = hall.blocked(check.start, check.end)
                booking = Booking(
                    hall_id=hall.id,
                    hirer_id=request.hirer_id,
                    series_id=series.id,
                    starts_at=check.start,
                    ends_at=check.end,
                    setup_minutes=hall.setup_minutes,
                    cleanup_minutes=hall.cleanup_minutes,
                    blocked_start=blocked_start,
                    blocked_end=blocked_end,
                    status=BookingStatus.CONFIRMED
                    if request.confirm
                    else BookingStatus.PROVISIONAL,
                    purpose=purpose,
                    attendees=request.attendees,
                    notes=notes,
                    rate_type=rate_type,
                    hold_expires_at=None
                    if request.confirm
                    else rules.hold_expiry(now, check.start, policy),
                    short_notice_approved_by=approver,
                    confirmed_at=now if request.confirm else None,
                    created_at=now,
                    created_by=self._ctx.actor,
                    updated_at=now,
                    updated_by=self._ctx.actor,
                )
                ops.set_discount(booking, discount)
                ops.set_charges(booking, quote)
                ops.set_extras(booking, request.extras)
                s.add(booking)
                ops.audit_change(s, self._ctx, "create", booking, None)
                ids.append(booking.id)
            return SeriesResult(series.id, tuple(ids), tuple(clashes))

    def change_times(
        self, series_id: int, *, start_time: time, end_time: time, from_date: date
    ) -> SeriesResult:
        """Move every open date from `from_date` on to new wall-clock times.

        Cancelled and expired dates stay as they are: an edit never resurrects them.
        All dates are checked first; any clash stops the whole change.
        """
        with self._ctx.db.write() as s:
            series = self._load(s, series_id)
            hall = load_hall(s, series.hall_id)
            policy = self._ctx.policy(s)
            self._ctx.db.lock_venue(s, hall.venue_id)
            targets = self._open_occurrences(s, series_id, from_date)
            if not targets:
                raise StatusError("No open dates of that series from that day on.")
            problems: list[OccurrenceCheck] = []
            planned = []
            lapsed: set[int] = set()
            for booking in targets:
                day = to_local(booking.starts_at).date()
                start, end = _slot(day, start_time, end_time)
                result = evaluate(
                    hall,
                    start,
                    end,
                    attendees=booking.attendees,
                    now=self._ctx.now(),
                    policy=policy,
                    bookings=[
                        b
                        for b in self._near(s, hall, start, end)
                        if b.id not in {t.id for t in targets}
                    ],
                    closures=closures_overlapping(s, [hall.venue_id], start, end),
                )
                if result.errors:
                    problems.append(
                        OccurrenceCheck(
                            day,
                            to_local(start),
                            to_local(end),
                            tuple(problem_from(e) for e in result.errors),
                        )
                    )
                lapsed.update(result.lapsed_ids)
                planned.append((booking, start, end))
            if problems:
                raise BookingClashError(_clash_summary(problems, len(targets)), field="start_time")
            # Lapsed holds in the way no longer hold the hall, but the overlap guard
            # still sees them until they are marked expired.
            ops.expire_holds(s, self._ctx, sorted(lapsed))
            for booking, start, end in planned:
                before = ops.audit_snapshot(booking)
                booking.starts_at, booking.ends_at = start, end
                booking.blocked_start, booking.blocked_end = hall.blocked(start, end)
                extras = [(e.extra_id, e.quantity) for e in booking.extras]
                ops.set_charges(
                    booking,
                    ops.quote_for(
                        s,
                        hall,
                        start,
                        end,
                        rate_type=booking.rate_type,
                        extras=extras,
                        discount=ops.current_discount(booking),
                        policy=policy,
                    ),
                )
                booking.updated_at, booking.updated_by = self._ctx.now(), self._ctx.actor
                # Flush one at a time so the overlap guard sees each move in turn.
                s.flush()
                ops.audit_change(s, self._ctx, "move", booking, before)
            series.start_min, series.end_min = _minutes(start_time), _minutes(end_time)
            return SeriesResult(series.id, tuple(b.id for b, _, _ in planned), ())

    def cancel_from(self, series_id: int, *, from_date: date, reason: str) -> SeriesResult:
        """Cancel every open date of the series from `from_date` on."""
        reason = clean_text(reason, field="reason", label="Cancellation reason", max_length=400)
        with self._ctx.db.write() as s:
            self._load(s, series_id)
            targets = self._open_occurrences(s, series_id, from_date)
            for booking in targets:
                before = ops.audit_snapshot(booking)
                booking.status = BookingStatus.CANCELLED
                booking.cancelled_at = self._ctx.now()
                booking.cancelled_by = self._ctx.actor
                booking.cancel_reason = reason
                booking.hold_expires_at = None
                booking.updated_at, booking.updated_by = self._ctx.now(), self._ctx.actor
                ops.audit_change(s, self._ctx, "cancel", booking, before)
            return SeriesResult(series_id, tuple(b.id for b in targets), ())

    # -- helpers -----------------------------------------------------------------------

    def _dates(self, request: SeriesRequest) -> list[date]:
        return occurrence_dates(
            request.first_date, request.frequency, count=request.count, until=request.until
        )

    def _check_dates(
        self,
        s: Session,
        hall: HallInfo,
        request: SeriesRequest,
        dates: list[date],
        policy: Policy,
        exclude_series: int | None,
    ) -> list[OccurrenceCheck]:
        checks = []
        for day in dates:
            try:
                start, end = _slot(day, request.start_time, request.end_time)
            except DomainError as exc:
                checks.append(OccurrenceCheck(day, None, None, (problem_from(exc),)))
                continue
            result = evaluate(
                hall,
                start,
                end,
                attendees=request.attendees,
                now=self._ctx.now(),
                policy=policy,
                bookings=self._near(s, hall, start, end),
                closures=closures_overlapping(s, [hall.venue_id], start, end),
            )
            checks.append(
                OccurrenceCheck(day, start, end, tuple(problem_from(e) for e in result.errors))
            )
        return checks

    def _near(self, s: Session, hall: HallInfo, start: datetime, end: datetime) -> list:
        blocked_start, blocked_end = hall.blocked(start, end)
        return list(blocking_bookings(s, hall.family, blocked_start, blocked_end))

    def _lapsed(
        self, s: Session, hall: HallInfo, check: OccurrenceCheck, policy: Policy
    ) -> tuple[int, ...]:
        assert check.start is not None and check.end is not None
        return evaluate(
            hall,
            check.start,
            check.end,
            attendees=None,
            now=self._ctx.now(),
            policy=policy,
            bookings=self._near(s, hall, check.start, check.end),
            closures=(),
            check_time=False,
        ).lapsed_ids

    def _load(self, s: Session, series_id: int) -> Series:
        series = s.get(Series, series_id)
        if series is None:
            raise NotFoundError(f"Series {series_id} does not exist.")
        return series

    def _open_occurrences(self, s: Session, series_id: int, from_date: date) -> list[Booking]:
        start = to_utc(datetime.combine(from_date, time(0)))
        return list(
            s.scalars(
                select(Booking)
                .where(
                    Booking.series_id == series_id,
                    Booking.starts_at >= start,
                    Booking.status.in_((BookingStatus.PROVISIONAL, BookingStatus.CONFIRMED)),
                )
                .order_by(Booking.starts_at)
            )
        )


def _slot(day: date, start_time: time, end_time: time) -> tuple[datetime, datetime]:
    """UTC interval for wall-clock times on a London date (refuses DST-gap times)."""
    return (
        to_utc(datetime.combine(day, start_time), field="start_time"),
        to_utc(datetime.combine(day, end_time), field="end_time"),
    )


def _minutes(value: time) -> int:
    return value.hour * 60 + value.minute


def _clash_summary(clashes: list[OccurrenceCheck], total: int) -> str:
    shown = "; ".join(f"{c.day:%a %d %b %Y}: {c.problems[0].message}" for c in clashes[:5])
    more = f" (and {len(clashes) - 5} more)" if len(clashes) > 5 else ""
    return f"{len(clashes)} of {total} dates cannot be booked — {shown}{more}"
