"""What demo hirers book halls for, when, for how long and how many come.

Also the words clerks and managers use: cancellation reasons, discounts, notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from spacebank.domain.enums import DiscountKind, HirerType
from spacebank.domain.pricing import Discount

R, P, C, A, B, K = (
    HirerType.RESIDENT,
    HirerType.PRIVATE,
    HirerType.CHARITY,
    HirerType.RESIDENT_ASSOCIATION,
    HirerType.BUSINESS,
    HirerType.COUNCIL,
)
WEEKDAYS = (0, 1, 2, 3, 4)
ALL_DAYS = (0, 1, 2, 3, 4, 5, 6)
H = 60


@dataclass(frozen=True)
class Purpose:
    label: str
    types: tuple[HirerType, ...]
    #: Lengths in minutes to choose from (raised to the hall's minimum).
    durations: tuple[int, ...]
    #: Earliest and latest wall-clock start, minutes after midnight.
    starts: tuple[int, int]
    #: Share of the hall's capacity that comes (low, high).
    crowd: tuple[float, float]
    #: Only booked in halls at least this big.
    min_capacity: int = 0
    #: Relative likelihood on a weekday and at the weekend.
    weekday: float = 1.0
    weekend: float = 1.0
    #: Extras often asked for (each offered extra is taken with some probability).
    extras: tuple[str, ...] = ()
    #: Weekdays a regular series meets on.
    days: tuple[int, ...] = ALL_DAYS


KITCHEN, PA, PROJECTOR, TABLES, LIGHTS, URN, CLEANING = (
    "Kitchen",
    "PA system",
    "Projector and screen",
    "Tables and chairs set-up",
    "Stage lighting",
    "Tea urn and crockery",
    "Extra cleaning",
)

ONE_OFF = (
    Purpose(
        "Birthday party",
        (R, P),
        (180, 240, 300),
        (12 * H, 19 * H),
        (0.4, 1.0),
        30,
        0.5,
        3.0,
        (KITCHEN, TABLES, PA, CLEANING),
    ),
    Purpose(
        "Children's party",
        (R, P),
        (120, 150, 180),
        (10 * H, 16 * H),
        (0.3, 0.8),
        25,
        0.3,
        3.0,
        (KITCHEN, TABLES),
    ),
    Purpose(
        "Christening celebration",
        (R, P),
        (180, 240),
        (12 * H, 16 * H),
        (0.4, 0.9),
        40,
        0.1,
        1.5,
        (KITCHEN, TABLES, URN),
    ),
    Purpose(
        "Wedding reception",
        (P, R),
        (360, 420, 480),
        (13 * H, 16 * H),
        (0.6, 1.0),
        70,
        0.05,
        1.5,
        (KITCHEN, TABLES, PA, LIGHTS, CLEANING),
    ),
    Purpose(
        "Baby shower", (R, P), (180,), (12 * H, 17 * H), (0.3, 0.7), 20, 0.3, 1.5, (KITCHEN, TABLES)
    ),
    Purpose(
        "Wake",
        (R, P),
        (180, 240),
        (11 * H, 15 * H),
        (0.4, 0.9),
        30,
        1.0,
        0.4,
        (KITCHEN, URN, TABLES),
    ),
    Purpose(
        "Family celebration",
        (R, P),
        (240, 300),
        (12 * H, 18 * H),
        (0.5, 1.0),
        40,
        0.4,
        2.0,
        (KITCHEN, TABLES, PA),
    ),
    Purpose(
        "Small family gathering",
        (R, P),
        (120, 180),
        (10 * H, 18 * H),
        (0.5, 1.0),
        0,
        0.6,
        1.0,
        (URN,),
    ),
    Purpose(
        "Community meeting",
        (A, C),
        (90, 120, 150),
        (18 * H, 19 * H + 30),
        (0.2, 0.7),
        0,
        1.5,
        0.3,
        (URN, PROJECTOR),
    ),
    Purpose(
        "Annual general meeting",
        (C, A),
        (120, 150),
        (18 * H, 19 * H),
        (0.3, 0.8),
        20,
        1.0,
        0.4,
        (URN, PROJECTOR, PA),
    ),
    Purpose(
        "Fundraising quiz night",
        (C,),
        (180, 210),
        (18 * H + 30, 19 * H + 30),
        (0.5, 1.0),
        40,
        0.8,
        1.5,
        (KITCHEN, PA, TABLES),
    ),
    Purpose(
        "Jumble sale", (C, A), (240,), (9 * H + 30, 11 * H), (0.3, 0.8), 40, 0.3, 2.0, (TABLES, URN)
    ),
    Purpose(
        "Community lunch",
        (A, C),
        (180,),
        (11 * H, 12 * H + 30),
        (0.4, 0.9),
        30,
        1.0,
        1.0,
        (KITCHEN, TABLES),
    ),
    Purpose(
        "Volunteer training",
        (C,),
        (120, 180),
        (10 * H, 18 * H),
        (0.2, 0.6),
        0,
        1.2,
        0.5,
        (PROJECTOR, URN),
    ),
    Purpose(
        "Training course",
        (B, K),
        (360, 420, 480),
        (9 * H, 10 * H),
        (0.3, 0.8),
        0,
        0.6,
        0.1,
        (PROJECTOR, TABLES, URN),
    ),
    Purpose(
        "Workshop",
        (B, C),
        (120, 180, 240),
        (10 * H, 18 * H),
        (0.3, 0.8),
        0,
        1.0,
        0.8,
        (PROJECTOR, TABLES),
    ),
    Purpose(
        "First aid course", (B,), (360,), (9 * H, 9 * H + 30), (0.3, 0.7), 0, 0.5, 0.3, (PROJECTOR,)
    ),
    Purpose("Photo shoot", (B,), (180, 240), (10 * H, 14 * H), (0.05, 0.2), 0, 1.0, 0.8),
    Purpose(
        "Staff away day",
        (B, K),
        (420, 480),
        (9 * H, 9 * H + 30),
        (0.3, 0.8),
        0,
        0.4,
        0.05,
        (PROJECTOR, URN, KITCHEN),
    ),
    Purpose(
        "Meeting",
        (C, A, B, K),
        (60, 90, 120),
        (9 * H, 20 * H),
        (0.2, 0.7),
        0,
        2.5,
        0.6,
        (URN, PROJECTOR),
    ),
    Purpose("Taster class", (B,), (60, 90), (9 * H + 30, 20 * H), (0.2, 0.7), 0, 1.5, 1.5),
    Purpose(
        "Faith group meeting", (C,), (90, 120), (10 * H, 20 * H), (0.3, 0.8), 0, 1.0, 1.5, (URN,)
    ),
    Purpose("Interviews", (B, K), (180, 240), (9 * H, 13 * H), (0.05, 0.2), 0, 1.0, 0.1),
    Purpose("Book club", (R, P), (90, 120), (10 * H, 20 * H), (0.3, 0.9), 0, 1.0, 0.6, (URN,)),
    Purpose("Children's playdate", (R, P), (120,), (10 * H, 16 * H), (0.3, 0.7), 0, 0.6, 1.0),
    Purpose(
        "Film screening",
        (C, B),
        (150, 180),
        (18 * H, 19 * H + 30),
        (0.4, 0.9),
        30,
        0.6,
        1.0,
        (PROJECTOR, PA),
    ),
    Purpose("Rehearsal", (C, R, B), (120, 180), (18 * H, 19 * H + 30), (0.2, 0.6), 30, 1.0, 0.8),
    Purpose(
        "Consultation drop-in",
        (K,),
        (180, 240),
        (10 * H, 16 * H),
        (0.2, 0.5),
        0,
        1.0,
        0.3,
        (TABLES, PROJECTOR),
    ),
    Purpose(
        "Ward forum", (K,), (120,), (18 * H + 30, 19 * H), (0.3, 0.8), 30, 1.0, 0.1, (PA, PROJECTOR)
    ),
    Purpose("Health check clinic", (K,), (240, 300), (9 * H + 30, 13 * H), (0.1, 0.3), 0, 1.0, 0.2),
    Purpose("Housing advice surgery", (K,), (180,), (10 * H, 14 * H), (0.1, 0.3), 0, 1.0, 0.2),
)

REGULAR = (
    Purpose(
        "Toddler group",
        (C,),
        (120,),
        (9 * H + 30, 10 * H),
        (0.3, 0.7),
        20,
        extras=(URN,),
        days=WEEKDAYS,
    ),
    Purpose(
        "Lunch club",
        (C,),
        (180,),
        (11 * H, 12 * H),
        (0.4, 0.8),
        25,
        extras=(KITCHEN,),
        days=WEEKDAYS,
    ),
    Purpose(
        "Coffee morning",
        (C, A),
        (120,),
        (10 * H, 10 * H + 30),
        (0.2, 0.6),
        extras=(URN,),
        days=WEEKDAYS,
    ),
    Purpose("Yoga class", (B,), (60, 90), (9 * H + 30, 19 * H + 30), (0.3, 0.8)),
    Purpose("Pilates class", (B,), (60,), (9 * H, 20 * H), (0.3, 0.8)),
    Purpose("Zumba class", (B,), (60,), (18 * H, 20 * H), (0.4, 0.9), 30, days=WEEKDAYS),
    Purpose(
        "Children's dance class",
        (B,),
        (60, 90),
        (16 * H, 17 * H + 30),
        (0.3, 0.8),
        20,
        days=WEEKDAYS,
    ),
    Purpose("Martial arts class", (B,), (90, 120), (17 * H, 19 * H), (0.3, 0.8), 25),
    Purpose(
        "Choir rehearsal", (C, R), (120,), (19 * H, 19 * H + 30), (0.3, 0.8), 25, extras=(URN,)
    ),
    Purpose("Youth club", (C,), (180,), (18 * H, 18 * H + 30), (0.3, 0.8), 30, days=WEEKDAYS),
    Purpose(
        "Saturday school",
        (C, B),
        (180,),
        (9 * H + 30, 10 * H),
        (0.4, 0.9),
        20,
        extras=(PROJECTOR,),
        days=(5,),
    ),
    Purpose(
        "Tenants' association meeting",
        (A,),
        (120,),
        (18 * H + 30, 19 * H),
        (0.2, 0.6),
        extras=(URN,),
        days=WEEKDAYS,
    ),
    Purpose(
        "Councillor surgery", (K,), (120,), (10 * H, 18 * H), (0.05, 0.2), days=(0, 1, 2, 3, 4, 5)
    ),
    Purpose("Slimming group", (B,), (90,), (18 * H, 19 * H), (0.3, 0.8), days=WEEKDAYS),
    Purpose("Parent and baby group", (C,), (120,), (10 * H, 13 * H), (0.2, 0.6), days=WEEKDAYS),
    Purpose("Over-60s exercise", (K, C), (60,), (10 * H, 14 * H), (0.2, 0.6), days=WEEKDAYS),
    Purpose("Bingo afternoon", (C, A), (150,), (13 * H, 14 * H), (0.4, 0.9), 30, extras=(URN,)),
    Purpose("Tutoring", (B,), (120,), (16 * H, 17 * H), (0.3, 0.9)),
    Purpose(
        "Adult learning class",
        (K,),
        (120,),
        (10 * H, 19 * H),
        (0.3, 0.8),
        extras=(PROJECTOR,),
        days=WEEKDAYS,
    ),
    Purpose("Bridge club", (C, R), (180,), (13 * H, 19 * H), (0.3, 0.7)),
)

CLERKS = ("a.okafor", "j.smith", "m.kowalska", "s.begum", "t.nguyen")
MANAGERS = ("r.patel", "d.mensah")
SYSTEM = "system"

CANCEL_REASONS = (
    "Hirer cancelled: event postponed",
    "Hirer cancelled: illness in the family",
    "Hirer cancelled: found another venue",
    "Hirer cancelled: too few tickets sold",
    "Group not meeting that week",
    "Hirer cancelled: weather",
    "Booked in error",
    "Hall needed for emergency council use",
    "Hirer did not pay in time",
)
BOOKING_NOTES = (
    "Caretaker to open 15 minutes early.",
    "Hirer bringing own tables.",
    "Step-free access needed for two guests.",
    "Keys from the key holder at 17:30.",
    "No amplified music after 22:00 (neighbours).",
    "Caterer arriving at the start time.",
    "Hirer asked for the heating to be on.",
    "Balloons only, no confetti.",
    "Insurance certificate received.",
    "Risk assessment received.",
)
RETAINED_REASONS = (
    "Damage to the stage curtain",
    "Extra cleaning needed after the event",
    "Left after the booked time; caretaker overtime",
    "Broken chairs (3)",
    "Fire door wedged open; alarm call-out",
)


def pick_discount(rng: Random, hirer_type: HirerType) -> Discount | None:
    """A discount or waiver under the written policy, for a few bookings."""
    manager = rng.choice(MANAGERS)
    r = rng.random()
    if hirer_type in (C, A):
        if r < 0.03:
            return Discount(
                DiscountKind.WAIVER, 0, "Free use for a voluntary group (policy 4.2)", manager
            )
        if r < 0.08:
            return Discount(
                DiscountKind.PERCENT, 5000, "Voluntary group concession (policy 4.1)", manager
            )
    elif hirer_type is K:
        if r < 0.05:
            return Discount(
                DiscountKind.WAIVER, 0, "Council service: no charge (policy 4.4)", manager
            )
    elif hirer_type is R:
        if r < 0.04:
            return Discount(
                DiscountKind.PERCENT, 1000, "Resident priority discount (policy 3.2)", manager
            )
    elif hirer_type is P:
        if r < 0.01:
            return Discount(
                DiscountKind.AMOUNT, 1500, "Goodwill: heating fault at previous booking", manager
            )
    elif r < 0.02:
        return Discount(
            DiscountKind.AMOUNT, 2000, "Goodwill: room moved at short notice last time", manager
        )
    return None
