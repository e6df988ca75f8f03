"""Plans closures, regular series and one-off bookings that never clash.

Times are chosen in London wall-clock minutes within a day's opening hours and turned
into UTC with `spacebank.domain.clock`; a booking's blocked time (set-up, booking,
clean-up) also stays within the opening hours, so two blocked intervals on one day
overlap exactly when their wall-clock minutes do.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from itertools import accumulate
from random import Random

from spacebank.demo import purposes as pp
from spacebank.demo.estate import DemoHall
from spacebank.demo.histories import Histories
from spacebank.demo.people import DemoHirer
from spacebank.demo.randomness import WallClock, choose, pick, randint
from spacebank.demo.records import BookingPlan, Cancelled, DemoBooking, DemoClosure, DemoSeries
from spacebank.domain.calendar import bank_holiday_name
from spacebank.domain.enums import Frequency, HirerType
from spacebank.domain.policy import Policy
from spacebank.domain.pricing import Discount, PricedExtra, price_booking
from spacebank.domain.recurrence import occurrence_dates

#: Tells the caller how far planning has got; returning False cancels.
Tick = Callable[[str, int, int], bool]

SERIES_SHARE = 1 / 3
#: Tries to fit one more booking into a day, and how much of a day's shortfall moves on.
ATTEMPTS = 8
CARRY = 1.0
WEEKDAY_WEIGHT = (1.0, 1.0, 1.0, 1.05, 1.1, 1.35, 0.8)
#: Hirer types of one-off bookings on weekdays and at weekends.
TYPE_MIX = {
    False: (
        (HirerType.RESIDENT, 0.12),
        (HirerType.PRIVATE, 0.08),
        (HirerType.CHARITY, 0.25),
        (HirerType.RESIDENT_ASSOCIATION, 0.10),
        (HirerType.BUSINESS, 0.30),
        (HirerType.COUNCIL, 0.15),
    ),
    True: (
        (HirerType.RESIDENT, 0.35),
        (HirerType.PRIVATE, 0.25),
        (HirerType.CHARITY, 0.15),
        (HirerType.RESIDENT_ASSOCIATION, 0.05),
        (HirerType.BUSINESS, 0.15),
        (HirerType.COUNCIL, 0.05),
    ),
}
REPAIRS = (
    "Floor resurfacing",
    "Roof repairs",
    "Heating system replacement",
    "Fire alarm upgrade",
    "Kitchen refit",
    "Redecoration",
    "Asbestos survey",
    "Electrical testing",
    "Toilet refurbishment",
    "Window replacement",
)
COUNCIL_USE = (
    "Council use: vaccination clinic",
    "Council use: ward forum",
    "Deep clean",
    "Council use: cost-of-living advice day",
    "Council use: staff training",
)
GENERAL_ELECTIONS = (date(2017, 6, 8), date(2019, 12, 12), date(2024, 7, 4))


class Planner:
    """Fills the halls' diaries day by day; deterministic for a given Random."""

    def __init__(
        self,
        rng: Random,
        halls: list[DemoHall],
        hirers: list[DemoHirer],
        *,
        first_day: date,
        last_day: date,
        today: date,
        now: datetime,
        target: int,
        tick: Tick,
    ) -> None:
        self.rng = rng
        self.halls = halls
        self.by_id = {h.id: h for h in halls}
        self.first_day, self.last_day = first_day, last_day
        self.now = now
        self.today = today
        self.target = target
        self.tick = tick
        self.policy = Policy()
        self.clock = WallClock()
        self.histories = Histories(rng, now=now, policy=self.policy, clock=self.clock)
        self.plan = BookingPlan()
        self.pools: dict[HirerType, list[DemoHirer]] = {t: [] for t in HirerType}
        for hirer in hirers:
            self.pools[hirer.hirer_type].append(hirer)
        self.holidays: dict[date, str] = {}
        day = first_day
        while day <= last_day:
            name = bank_holiday_name(day)
            if name:
                self.holidays[day] = name
            day += timedelta(days=1)
        self.venue_closed: set[tuple[int, date]] = set()
        self.hall_closed: set[tuple[int, date]] = set()
        #: (hall id, day) -> blocked wall-clock intervals already taken.
        self.taken: dict[tuple[int, date], list[tuple[int, int]]] = {}
        self._options: dict[tuple[int, HirerType, bool], tuple[list[pp.Purpose], list[float]]] = {}
        self.type_mix = {
            weekend: ([t for t, _ in mix], list(accumulate(w for _, w in mix)))
            for weekend, mix in TYPE_MIX.items()
        }

    # -- what is open and free -------------------------------------------------------

    def window(self, hall: DemoHall, day: date) -> tuple[int, int] | None:
        """Opening hours of the hall on `day`, or None if closed all day."""
        if (hall.venue_id, day) in self.venue_closed or (hall.id, day) in self.hall_closed:
            return None
        if day in self.holidays and not hall.open_on_bank_holidays:
            return None
        return hall.hours[day.weekday()]

    def free(self, hall: DemoHall, day: date, start: int, end: int) -> bool:
        lo, hi = start - hall.setup_minutes, end + hall.cleanup_minutes
        for member in hall.family:
            for taken_lo, taken_hi in self.taken.get((member, day), ()):
                if taken_lo < hi and lo < taken_hi:
                    return False
        return True

    def take(self, hall: DemoHall, day: date, start: int, end: int) -> None:
        interval = (start - hall.setup_minutes, end + hall.cleanup_minutes)
        self.taken.setdefault((hall.id, day), []).append(interval)

    def slot(
        self, hall: DemoHall, window: tuple[int, int], purpose: pp.Purpose, length: int
    ) -> int | None:
        """A random start on the half hour that fits the purpose and opening hours."""
        opens, closes = window
        lo = max(opens + hall.setup_minutes, purpose.starts[0])
        lo = -(-lo // 30) * 30
        hi = min(closes - hall.cleanup_minutes - length, purpose.starts[1])
        if hi < lo:
            return None
        return lo + 30 * randint(self.rng, 0, (hi - lo) // 30)

    # -- closures ----------------------------------------------------------------------

    def plan_closures(self) -> None:
        rng, venues = self.rng, sorted({h.venue_id for h in self.halls})
        closures = self.plan.closures

        def add(venue_id: int, hall_id: int | None, first: date, days: int, why: str) -> None:
            last = first + timedelta(days=days - 1)
            closures.append(DemoClosure(len(closures) + 1, venue_id, hall_id, first, last, why))

        for year in range(self.first_day.year, self.last_day.year + 1):
            may = date(year, 5, 1)
            polling = may + timedelta(days=(3 - may.weekday()) % 7)
            days = [(polling, "Polling station: local and mayoral elections")]
            days += [
                (d, "Polling station: general election")
                for d in GENERAL_ELECTIONS
                if d.year == year
            ]
            for day, why in days:
                if self.first_day <= day <= self.last_day:
                    for venue_id in sorted(rng.sample(venues, 3)):
                        add(venue_id, None, day, 1, why)
        span = (self.last_day - self.first_day).days
        for _ in range(max(1, round(span / 365 * 4))):
            hall = rng.choice(self.halls)
            first = self.first_day + timedelta(days=randint(rng, 0, span))
            add(hall.venue_id, hall.id, first, randint(rng, 2, 10), rng.choice(REPAIRS))
        for _ in range(max(1, round(span / 365 * 2))):
            first = self.first_day + timedelta(days=randint(rng, 0, span))
            add(rng.choice(venues), None, first, 1, rng.choice(COUNCIL_USE))
        for closure in closures:
            day = closure.first_day
            while day <= closure.last_day:
                if closure.hall_id is None:
                    self.venue_closed.add((closure.venue_id, day))
                else:
                    for member in self.by_id[closure.hall_id].family:
                        self.hall_closed.add((member, day))
                day += timedelta(days=1)

    # -- regular series --------------------------------------------------------------

    def plan_series(self, occurrences: int) -> None:
        rng, placed, attempts = self.rng, 0, 0
        span = (self.last_day - self.first_day).days
        while placed < occurrences and attempts < occurrences * 4:
            attempts += 1
            purpose = rng.choice(pp.REGULAR)
            hirer = self.pick_hirer(rng.choice(purpose.types))
            halls = [h for h in self.halls if h.capacity >= purpose.min_capacity]
            if hirer is None or not halls:
                continue
            hall = rng.choice(halls)
            weekday = rng.choice(purpose.days)
            hours = hall.hours[weekday]
            length = max(choose(rng, purpose.durations), hall.min_booking_minutes)
            start = self.slot(hall, hours, purpose, length) if hours else None
            if start is None:
                continue
            first = self.first_day + timedelta(days=randint(rng, 0, span))
            first += timedelta(days=(weekday - first.weekday()) % 7)
            weekly = rng.random() < 0.75
            frequency = Frequency.WEEKLY if weekly else Frequency.FORTNIGHTLY
            count = rng.choice((6, 8, 10, 12, 12, 12, 24, 36, 40) if weekly else (6, 8, 10, 12, 20))
            dates, kept = self.series_dates(hall, first, frequency, count, start, length)
            if len(kept) < 3:
                continue
            created = self.histories.created_before(first, lead_days=randint(rng, 7, 35))
            series = DemoSeries(
                id=0,
                hall=hall,
                hirer=hirer,
                frequency=frequency,
                first_date=first,
                start_min=start,
                end_min=start + length,
                occurrence_count=len(dates),
                purpose=purpose.label,
                created_at=created,
                created_by=rng.choice(pp.CLERKS),
            )
            self.plan.series.append(series)
            extras = self.pick_extras(hall, purpose)
            discount = pp.pick_discount(rng, hirer.hirer_type)
            attendees = self.attendees(hall, purpose)
            for day in kept:
                self.add(
                    hall,
                    hirer,
                    series,
                    day,
                    start,
                    start + length,
                    purpose.label,
                    attendees,
                    extras,
                    discount,
                )
            placed += len(kept)

    def series_dates(
        self, hall: DemoHall, first: date, frequency: Frequency, count: int, start: int, length: int
    ) -> tuple[list[date], list[date]]:
        """The series' dates and those booked: dates on a closure or bank holiday are
        skipped (as a clerk does when told); a clash or the end of the plan ends it."""
        dates = occurrence_dates(first, frequency, count=count)
        kept: list[date] = []
        for n, day in enumerate(dates):
            if day > self.last_day:
                return dates[:n], kept
            window = self.window(hall, day)
            if window is None:
                continue
            if start - hall.setup_minutes < window[0] or (
                start + length + hall.cleanup_minutes > window[1]
            ):
                return dates[:n], kept
            if not self.free(hall, day, start, start + length):
                return dates[:n], kept
            kept.append(day)
            self.take(hall, day, start, start + length)
        return dates, kept

    # -- one-off bookings -----------------------------------------------------------

    def plan_one_offs(self, total: int) -> None:
        rng = self.rng
        days = [
            self.first_day + timedelta(days=n)
            for n in range((self.last_day - self.first_day).days + 1)
        ]
        weights = [WEEKDAY_WEIGHT[d.weekday()] * self.taper(d) for d in days]
        scale = total / sum(weights)
        carry = 0.0
        for index, day in enumerate(days):
            if index % 30 == 0 and self.tick("Planning bookings", index, len(days)) is False:
                raise Cancelled
            wanted = weights[index] * scale + carry
            count = int(wanted) + (1 if rng.random() < wanted - int(wanted) else 0)
            placed = sum(self.place_one(day) for _ in range(count))
            carry = max(-2.0, min(wanted - placed, weights[index] * scale * CARRY))

    def taper(self, day: date) -> float:
        """Further ahead, fewer bookings have been taken yet."""
        ahead = (day - self.today).days
        return 1.0 if ahead <= 0 else 1.0 - 0.45 * ahead / 90

    def place_one(self, day: date) -> bool:
        rng = self.rng
        weekend = day.weekday() >= 5
        types, type_weights = self.type_mix[weekend]
        for _ in range(ATTEMPTS):
            hall = choose(rng, self.halls)
            window = self.window(hall, day)
            if window is None:
                continue
            hirer_type = pick(rng, types, type_weights)
            options, weights = self.options(hall, hirer_type, weekend)
            if not options:
                continue
            purpose = pick(rng, options, weights)
            length = max(choose(rng, purpose.durations), hall.min_booking_minutes)
            start = self.free_slot(hall, day, window, purpose, length)
            hirer = self.pick_hirer(hirer_type)
            if start is None or hirer is None:
                continue
            self.take(hall, day, start, start + length)
            self.add(
                hall,
                hirer,
                None,
                day,
                start,
                start + length,
                purpose.label,
                self.attendees(hall, purpose),
                self.pick_extras(hall, purpose),
                pp.pick_discount(rng, hirer_type),
                notes=rng.choice(pp.BOOKING_NOTES) if rng.random() < 0.15 else "",
            )
            return True
        return False

    def options(
        self, hall: DemoHall, hirer_type: HirerType, weekend: bool
    ) -> tuple[list[pp.Purpose], list[float]]:
        """One-off purposes that suit the hall and hirer, with cumulative weights."""
        key = (hall.id, hirer_type, weekend)
        found = self._options.get(key)
        if found is None:
            purposes = [
                p for p in pp.ONE_OFF if hirer_type in p.types and hall.capacity >= p.min_capacity
            ]
            found = (
                purposes,
                list(accumulate(p.weekend if weekend else p.weekday for p in purposes)),
            )
            self._options[key] = found
        return found

    def free_slot(
        self, hall: DemoHall, day: date, window: tuple[int, int], purpose: pp.Purpose, length: int
    ) -> int | None:
        """A random free start on the half hour that suits the purpose, or None."""
        opens, closes = window
        lo = max(opens + hall.setup_minutes, purpose.starts[0])
        lo = -(-lo // 30) * 30
        hi = min(closes - hall.cleanup_minutes - length, purpose.starts[1])
        if hi < lo:
            return None
        # Start s clashes with a busy interval [b, e) when b - after < s < e + before.
        before, after = hall.setup_minutes, length + hall.cleanup_minutes
        free = bytearray(b"\x01") * ((hi - lo) // 30 + 1)
        for member in hall.family:
            for busy_lo, busy_hi in self.taken.get((member, day), ()):
                first = max(0, (busy_lo - after - lo) // 30 + 1)
                last = min(len(free) - 1, -((lo - busy_hi - before) // 30) - 1)
                if first <= last:
                    free[first : last + 1] = bytes(last - first + 1)
        count = free.count(1)
        if not count:
            return None
        nth = int(self.rng.random() * count)
        index = -1
        for _ in range(nth + 1):
            index = free.index(1, index + 1)
        return lo + 30 * index

    # -- shared pieces -----------------------------------------------------------------

    def pick_hirer(self, hirer_type: HirerType) -> DemoHirer | None:
        """Repeat hirers are the norm: a tenth of each pool takes ~40% of bookings."""
        pool = self.pools[hirer_type]
        if not pool:
            return None
        return pool[int(len(pool) * self.rng.random() ** 2.5)]

    def attendees(self, hall: DemoHall, purpose: pp.Purpose) -> int:
        share = self.rng.uniform(*purpose.crowd)
        return max(1, min(hall.capacity, round(hall.capacity * share)))

    def pick_extras(self, hall: DemoHall, purpose: pp.Purpose) -> tuple[tuple[int, str, int], ...]:
        return tuple(e for e in hall.extras if e[1] in purpose.extras and self.rng.random() < 0.45)

    def add(
        self,
        hall: DemoHall,
        hirer: DemoHirer,
        series: DemoSeries | None,
        day: date,
        start: int,
        end: int,
        purpose: str,
        attendees: int,
        extras: tuple[tuple[int, str, int], ...],
        discount: Discount | None,
        notes: str = "",
    ) -> None:
        starts_at = self.clock(day, start)
        ends_at = self.clock(day, end)
        rate_type = hirer.hirer_type.default_rate_type
        quote = price_booking(
            start=starts_at,
            end=ends_at,
            rate_type=rate_type,
            rates=hall.rates[rate_type],
            bank_holiday=day in self.holidays,
            extras=[PricedExtra(name, price) for _, name, price in extras],
            discount=discount,
            hall_deposit_pence=hall.deposit_pence,
            policy=self.policy,
            hall_name=hall.name,
        )
        self.plan.bookings.append(
            DemoBooking(
                hall=hall,
                hirer=hirer,
                series=series,
                day=day,
                start_min=start,
                end_min=end,
                starts_at=starts_at,
                ends_at=ends_at,
                purpose=purpose,
                attendees=attendees,
                notes=notes,
                extras=extras,
                discount=discount,
                quote=quote,
                total_pence=quote.total_pence,
            )
        )


def plan_bookings(
    rng: Random,
    halls: list[DemoHall],
    hirers: list[DemoHirer],
    *,
    first_day: date,
    last_day: date,
    today: date,
    now: datetime,
    target: int,
    tick: Tick,
) -> BookingPlan:
    """Closures, series (about a third of bookings) and one-offs up to `target`."""
    planner = Planner(
        rng,
        halls,
        hirers,
        first_day=first_day,
        last_day=last_day,
        today=today,
        now=now,
        target=target,
        tick=tick,
    )
    planner.plan_closures()
    if tick("Planning series", 0, 1) is False:
        raise Cancelled
    planner.plan_series(round(target * SERIES_SHARE))
    in_series = len(planner.plan.bookings)
    planner.plan_one_offs(max(0, target - in_series))
    planner.histories.settle(planner.plan)
    return planner.plan
