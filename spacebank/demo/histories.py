"""Believable histories for planned bookings: who took them and when, and what became
of them (completed, confirmed, a provisional hold, cancelled, expired)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from random import Random

from spacebank.demo import purposes as pp
from spacebank.demo.randomness import WallClock, randint
from spacebank.demo.records import BookingPlan, DemoBooking
from spacebank.domain.enums import BookingStatus
from spacebank.domain.policy import Policy
from spacebank.domain.rules import hold_expiry


class Histories:
    def __init__(self, rng: Random, *, now: datetime, policy: Policy, clock: WallClock) -> None:
        self.rng, self.now, self.policy, self.clock = rng, now, policy, clock

    def created_before(self, day: date, *, lead_days: int) -> datetime:
        """When a booking for `day` was taken: in office hours, never after now."""
        created = self.clock.office_time(
            day - timedelta(days=lead_days), randint(self.rng, 9 * 60, 17 * 60 - 1)
        )
        if created > self.now:
            created = self.now - timedelta(minutes=randint(self.rng, 30, 3 * 24 * 60))
        return created

    def settle(self, plan: BookingPlan) -> None:
        """Give every booking its history, then ids in the order they were taken."""
        for booking in plan.bookings:
            self.lifecycle(booking)
        # Ids in the order the bookings were taken, as the application would give them.
        plan.series.sort(key=lambda s: (s.created_at, s.hall.id, s.start_min))
        for n, series in enumerate(plan.series, 1):
            series.id = n
        plan.bookings.sort(
            key=lambda b: (b.created_at, b.series.id if b.series else 0, b.starts_at, b.hall.id)
        )
        for n, booking in enumerate(plan.bookings, 1):
            booking.id = n

    def lifecycle(self, b: DemoBooking) -> None:
        rng, now = self.rng, self.now
        if b.series is not None:
            b.created_at, b.created_by = b.series.created_at, b.series.created_by
        else:
            lead = min(1 + int(rng.expovariate(1 / 30)), 300)
            b.created_at, b.created_by = (
                self.created_before(b.day, lead_days=lead),
                rng.choice(pp.CLERKS),
            )
        created = b.created_at
        b.updated_at, b.updated_by = created, b.created_by
        r = rng.random()
        if b.ends_at <= now:
            if r < 0.06:
                self.cancel(b)
            elif r < 0.075 and b.series is None:
                self.expire(b)
            else:
                self.confirm(b)
                b.status = BookingStatus.COMPLETED
                b.updated_at, b.updated_by = b.ends_at, pp.SYSTEM
                b.version += 1
        elif b.starts_at <= now or r >= 0.13:
            self.confirm(b)
        elif r < 0.04:
            self.cancel(b)
        elif b.series is None:
            b.created_at = b.updated_at = now - timedelta(minutes=randint(rng, 60, 6 * 24 * 60))
            hold = hold_expiry(b.created_at, b.starts_at, self.policy)
            b.hold_expires_at = hold
            if hold > now:
                b.status = BookingStatus.PROVISIONAL
            else:
                b.status = BookingStatus.EXPIRED
                b.updated_at, b.updated_by, b.version = hold, pp.SYSTEM, 2
        else:
            self.confirm(b)

    def confirm(self, b: DemoBooking) -> None:
        assert b.created_at is not None
        latest = min(b.starts_at, self.now)
        b.status = BookingStatus.CONFIRMED
        b.confirmed_at = b.created_at
        if b.series is None and self.rng.random() < 0.4:
            room = (latest - b.created_at).total_seconds() / 60
            later = b.created_at + timedelta(minutes=self.rng.uniform(0, min(room, 7 * 1440)))
            if later > b.created_at:
                b.confirmed_at = later
                b.version += 1
        b.updated_at = b.confirmed_at
        first_start = b.starts_at
        if b.series is not None:
            first_start = self.clock(b.series.first_date, b.series.start_min)
        if first_start - b.confirmed_at < timedelta(days=self.policy.notice_days):
            b.short_notice_approved_by = pp.MANAGERS[b.hirer.id % len(pp.MANAGERS)]

    def cancel(self, b: DemoBooking) -> None:
        assert b.created_at is not None
        was_confirmed = self.rng.random() < 0.8
        if was_confirmed:
            self.confirm(b)
        since = (b.confirmed_at or b.created_at) + timedelta(minutes=10)
        until = min(b.starts_at, self.now)
        if until <= since:  # no time left to cancel in: it went ahead as booked
            if not was_confirmed:
                self.confirm(b)
            return
        b.status = BookingStatus.CANCELLED
        b.cancelled_at = since + (until - since) * self.rng.random()
        b.cancelled_by = self.rng.choice(pp.CLERKS)
        b.cancel_reason = self.rng.choice(pp.CANCEL_REASONS)
        b.updated_at, b.updated_by = b.cancelled_at, b.cancelled_by
        b.version += 1

    def expire(self, b: DemoBooking) -> None:
        assert b.created_at is not None
        hold = hold_expiry(b.created_at, b.starts_at, self.policy)
        b.status = BookingStatus.EXPIRED
        b.hold_expires_at = hold
        b.updated_at, b.updated_by = hold, pp.SYSTEM
        b.version = 2
