"""The fixed demo estate: twenty venues in south-east London, their halls and extras.

Invented venue names on real street names; phone numbers come from Ofcom's ranges
reserved for drama (020 7946 0xxx, 07700 900xxx), so no real line is ever printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from spacebank.domain.enums import Facility, RateType, TimeBand

F = Facility
_DAILY = 9 * 60, 23 * 60


@dataclass(frozen=True)
class HallSpec:
    name: str
    capacity: int
    facilities: frozenset[Facility] = frozenset()
    min_booking_minutes: int = 60
    setup_minutes: int = 15
    cleanup_minutes: int = 15
    deposit_pence: int = 15000
    #: Parts this hall divides into; booking the whole blocks every part and vice versa.
    parts: tuple[HallSpec, ...] = ()


@dataclass(frozen=True)
class VenueSpec:
    name: str
    street: str
    postcode: str
    access_notes: str
    on_the_day_phone: str
    facilities: frozenset[Facility]
    halls: tuple[HallSpec, ...]
    key_holders: tuple[tuple[str, str, str], ...]
    #: (opens, closes) in wall-clock minutes per weekday 0-6; None = closed all day.
    hours: tuple[tuple[int, int] | None, ...] = (_DAILY,) * 7
    open_on_bank_holidays: bool = False


@dataclass(frozen=True)
class ExtraSpec:
    name: str
    price_pence: int
    #: Offered only where the hall or its venue has this facility.
    needs: Facility | None = None


EXTRAS = (
    ExtraSpec("Kitchen", 2500, F.KITCHEN),
    ExtraSpec("PA system", 3000, F.PA_SYSTEM),
    ExtraSpec("Projector and screen", 2000, F.PROJECTOR),
    ExtraSpec("Tables and chairs set-up", 1500),
    ExtraSpec("Stage lighting", 4000, F.STAGE),
    ExtraSpec("Tea urn and crockery", 1000),
    ExtraSpec("Extra cleaning", 3500),
)

_CHURCH = ((9 * 60, 23 * 60),) * 6 + (None,)
_EARLY = ((8 * 60, 22 * 60),) * 7
_LIBRARY = ((9 * 60, 20 * 60),) * 6 + ((10 * 60, 17 * 60),)
_ACCESSIBLE = frozenset({F.STEP_FREE, F.ACCESSIBLE_TOILET})

VENUES: tuple[VenueSpec, ...] = (
    VenueSpec(
        "Bellenden Community Centre",
        "14 Bellenden Road",
        "SE15 4QL",
        "Main entrance on Bellenden Road is step-free. Key safe by the side gate; the "
        "caretaker gives the code on the day.",
        "020 7946 0101",
        _ACCESSIBLE | {F.KITCHEN, F.HEARING_LOOP, F.BABY_CHANGING, F.WIFI},
        (
            HallSpec(
                "Main Hall",
                150,
                frozenset({F.STAGE, F.PA_SYSTEM, F.PROJECTOR}),
                setup_minutes=30,
                cleanup_minutes=30,
                deposit_pence=25000,
                min_booking_minutes=120,
                parts=(
                    HallSpec("Main Hall (north half)", 70, deposit_pence=15000),
                    HallSpec(
                        "Main Hall (south half)", 70, frozenset({F.STAGE}), deposit_pence=15000
                    ),
                ),
            ),
            HallSpec("Meeting Room", 20, setup_minutes=0, cleanup_minutes=15, deposit_pence=10000),
        ),
        (
            ("Delroy Campbell", "07700 900101", "Caretaker"),
            ("Bellenden Residents' Association", "07700 900102", "Resident association key holder"),
        ),
        open_on_bank_holidays=True,
    ),
    VenueSpec(
        "Goose Green Church Hall",
        "2 Grove Vale",
        "SE22 8EF",
        "Enter through the church car park; the hall door is on the left. Used by the "
        "church on Sundays.",
        "020 7946 0102",
        frozenset({F.KITCHEN, F.PARKING, F.GARDEN}),
        (
            HallSpec("Church Hall", 80, frozenset({F.STAGE}), deposit_pence=15000),
            HallSpec("Parlour", 25, setup_minutes=0, cleanup_minutes=10, deposit_pence=10000),
        ),
        (("Revd. Ama Owusu", "07700 900103", "Parish office"),),
        hours=_CHURCH,
    ),
    VenueSpec(
        "Camberwell Library Hall",
        "48 Camberwell Green",
        "SE5 7AL",
        "Use the library entrance during library hours; after 18:00 ring the staff bell "
        "on Camberwell Church Street.",
        "020 7946 0103",
        _ACCESSIBLE | {F.HEARING_LOOP, F.WIFI, F.BABY_CHANGING},
        (
            HallSpec(
                "Learning Room",
                40,
                frozenset({F.PROJECTOR}),
                setup_minutes=0,
                cleanup_minutes=15,
                deposit_pence=10000,
            ),
            HallSpec("Study Room", 12, setup_minutes=0, cleanup_minutes=0, deposit_pence=10000),
        ),
        (("Library duty manager", "020 7946 0113", "Library staff"),),
        hours=_LIBRARY,
    ),
    VenueSpec(
        "Bermondsey Village Hall",
        "160 Jamaica Road",
        "SE16 4RT",
        "Step-free side entrance on Keetons Road. Keys from the caretaker's flat (no. 2).",
        "020 7946 0104",
        _ACCESSIBLE | {F.KITCHEN, F.PARKING, F.BABY_CHANGING},
        (
            HallSpec(
                "Main Hall",
                120,
                frozenset({F.STAGE, F.PA_SYSTEM}),
                setup_minutes=30,
                cleanup_minutes=30,
                deposit_pence=20000,
                parts=(
                    HallSpec("Main Hall (east half)", 60, deposit_pence=15000),
                    HallSpec("Main Hall (west half)", 60, deposit_pence=15000),
                ),
            ),
        ),
        (
            ("Patrick Walsh", "07700 900104", "Caretaker"),
            ("SecureKeys Ltd", "020 7946 0904", "Contractor (out of hours)"),
        ),
        open_on_bank_holidays=True,
    ),
    VenueSpec(
        "Walworth Tenants' Hall",
        "Congreve Street",
        "SE17 1TJ",
        "Hall is at the foot of Kinglake block; the TRA holds the keys.",
        "020 7946 0105",
        frozenset({F.KITCHEN, F.STEP_FREE}),
        (HallSpec("Tenants' Hall", 60, deposit_pence=15000),),
        (("Walworth TRA (Mrs Adeyemi)", "07700 900105", "Resident association key holder"),),
    ),
    VenueSpec(
        "Rye Lane Community Rooms",
        "101 Rye Lane",
        "SE15 4ST",
        "First floor; lift from the Rye Lane lobby. Buzz 'Community Rooms'.",
        "020 7946 0106",
        _ACCESSIBLE | {F.WIFI},
        (
            HallSpec(
                "Room 1",
                30,
                frozenset({F.PROJECTOR}),
                setup_minutes=0,
                cleanup_minutes=15,
                deposit_pence=10000,
            ),
            HallSpec("Room 2", 15, setup_minutes=0, cleanup_minutes=10, deposit_pence=10000),
        ),
        (("Concierge desk", "020 7946 0116", "Building concierge"),),
    ),
    VenueSpec(
        "Dulwich Park Pavilion",
        "College Road",
        "SE21 7BQ",
        "Inside the park: vehicle access by the College Road gate only before 10:00. The "
        "park locks at dusk; the pavilion has its own gate.",
        "020 7946 0107",
        frozenset({F.KITCHEN, F.GARDEN, F.PARKING, F.STEP_FREE}),
        (HallSpec("Pavilion Room", 50, deposit_pence=20000),),
        (("Parks team", "07700 900107", "Park keeper"),),
        hours=_EARLY,
    ),
    VenueSpec(
        "Nunhead Green Community Centre",
        "58 Nunhead Green",
        "SE15 3QF",
        "Level access from the green. Key safe code is sent with the confirmation letter.",
        "020 7946 0108",
        _ACCESSIBLE | {F.KITCHEN, F.GARDEN, F.BABY_CHANGING},
        (
            HallSpec("Green Hall", 90, frozenset({F.STAGE, F.PA_SYSTEM}), deposit_pence=20000),
            HallSpec(
                "Committee Room", 15, setup_minutes=0, cleanup_minutes=10, deposit_pence=10000
            ),
        ),
        (("Sunita Shah", "07700 900108", "Caretaker"),),
    ),
    VenueSpec(
        "Surrey Docks Community Hall",
        "Salter Road",
        "SE16 6LQ",
        "Free parking behind the hall after 18:00. Ring the caretaker on arrival.",
        "020 7946 0109",
        _ACCESSIBLE | {F.KITCHEN, F.PARKING, F.HEARING_LOOP},
        (
            HallSpec(
                "Dockside Hall",
                100,
                frozenset({F.STAGE, F.PROJECTOR}),
                setup_minutes=30,
                cleanup_minutes=30,
                min_booking_minutes=120,
                deposit_pence=20000,
            ),
            HallSpec(
                "Riverside Room", 30, setup_minutes=15, cleanup_minutes=15, deposit_pence=10000
            ),
        ),
        (("Kwame Mensah", "07700 900109", "Caretaker"),),
        open_on_bank_holidays=True,
    ),
    VenueSpec(
        "Elephant Community Hub",
        "21 Walworth Road",
        "SE1 6SP",
        "Reception on the ground floor signs hirers in and hands out lanyards.",
        "020 7946 0110",
        _ACCESSIBLE | {F.WIFI, F.HEARING_LOOP, F.PROJECTOR},
        (
            HallSpec("Studio", 40, frozenset({F.PA_SYSTEM}), deposit_pence=15000),
            HallSpec("Boardroom", 16, setup_minutes=0, cleanup_minutes=0, deposit_pence=10000),
        ),
        (("Hub reception", "020 7946 0120", "Reception"),),
        hours=_EARLY,
    ),
    VenueSpec(
        "Union Street Community Hall",
        "110 Union Street",
        "SE1 0NL",
        "Entrance through the courtyard gate; the hall is signed.",
        "020 7946 0111",
        frozenset({F.KITCHEN, F.STEP_FREE}),
        (HallSpec("Hall", 70, deposit_pence=15000),),
        (("Borough TRA", "07700 900111", "Resident association key holder"),),
    ),
    VenueSpec(
        "Manor Place Hall",
        "34 Manor Place",
        "SE17 3BD",
        "Steps at the front; ramp and step-free entrance at the rear (Penton Place).",
        "020 7946 0112",
        frozenset({F.KITCHEN, F.STAGE, F.STEP_FREE}),
        (HallSpec("Hall", 80, frozenset({F.STAGE}), setup_minutes=30, deposit_pence=20000),),
        (("Marek Kowalski", "07700 900112", "Caretaker"),),
    ),
    VenueSpec(
        "Peckham Rye Methodist Hall",
        "Rye Road",
        "SE15 3AR",
        "Hall door beside the church. Church services on Sundays, so closed to hirers.",
        "020 7946 0113",
        frozenset({F.KITCHEN, F.GARDEN}),
        (HallSpec("Methodist Hall", 60, deposit_pence=15000),),
        (("Church steward", "07700 900113", "Church"),),
        hours=_CHURCH,
    ),
    VenueSpec(
        "East Dulwich Community Centre",
        "46 Darrell Road",
        "SE22 9NL",
        "Step-free entrance on Darrell Road. Garden Room doors open on to the garden.",
        "020 7946 0114",
        _ACCESSIBLE | {F.KITCHEN, F.GARDEN, F.BABY_CHANGING, F.WIFI},
        (
            HallSpec(
                "Main Hall",
                110,
                frozenset({F.STAGE, F.PA_SYSTEM, F.PROJECTOR}),
                setup_minutes=30,
                cleanup_minutes=30,
                deposit_pence=20000,
            ),
            HallSpec("Garden Room", 25, setup_minutes=15, cleanup_minutes=15, deposit_pence=10000),
        ),
        (("Grace Okafor", "07700 900114", "Centre manager"),),
        open_on_bank_holidays=True,
    ),
    VenueSpec(
        "Brunswick Park Hall",
        "Benhill Road",
        "SE5 7PJ",
        "In the park, next to the play area. Key from the park office.",
        "020 7946 0115",
        frozenset({F.KITCHEN, F.GARDEN, F.STEP_FREE}),
        (HallSpec("Park Hall", 45, deposit_pence=15000),),
        (("Parks team", "07700 900115", "Park keeper"),),
        hours=_EARLY,
    ),
    VenueSpec(
        "Rotherhithe Youth and Community Centre",
        "Lower Road",
        "SE16 2XB",
        "Sports hall has a sprung floor: no stiletto heels or food on the court.",
        "020 7946 0116",
        _ACCESSIBLE | {F.PARKING, F.BABY_CHANGING},
        (
            HallSpec(
                "Sports Hall",
                150,
                frozenset({F.PA_SYSTEM}),
                setup_minutes=30,
                cleanup_minutes=30,
                min_booking_minutes=120,
                deposit_pence=25000,
            ),
            HallSpec("Activity Room", 35, frozenset({F.KITCHEN}), deposit_pence=10000),
        ),
        (("Youth service duty officer", "07700 900116", "Council staff"),),
    ),
    VenueSpec(
        "Tabard Gardens Hall",
        "Tabard Street",
        "SE1 4XZ",
        "On the estate, next to the gardens. Call the key holder 15 minutes before.",
        "020 7946 0117",
        frozenset({F.KITCHEN, F.STEP_FREE, F.GARDEN}),
        (HallSpec("Hall", 50, deposit_pence=15000),),
        (("Tabard Gardens TRA", "07700 900117", "Resident association key holder"),),
    ),
    VenueSpec(
        "Grove Lane Church Hall",
        "Grove Lane",
        "SE5 8SY",
        "Hall entrance in the side passage. Closed on Sundays for church use.",
        "020 7946 0118",
        frozenset({F.KITCHEN, F.STAGE}),
        (HallSpec("Hall", 70, frozenset({F.STAGE}), deposit_pence=15000),),
        (("Parish administrator", "07700 900118", "Parish office"),),
        hours=_CHURCH,
    ),
    VenueSpec(
        "Albion Street Library Room",
        "Albion Street",
        "SE16 7JQ",
        "Through the library; after closing use the side door on Albion Street.",
        "020 7946 0119",
        _ACCESSIBLE | {F.WIFI, F.HEARING_LOOP},
        (
            HallSpec(
                "Community Room",
                30,
                frozenset({F.PROJECTOR}),
                setup_minutes=0,
                cleanup_minutes=15,
                deposit_pence=10000,
            ),
        ),
        (("Library duty manager", "020 7946 0129", "Library staff"),),
        hours=_LIBRARY,
    ),
    VenueSpec(
        "Crampton Street Community Room",
        "Crampton Street",
        "SE17 3AE",
        "Ground floor of Crampton House; step-free from the street.",
        "020 7946 0120",
        _ACCESSIBLE | {F.KITCHEN},
        (
            HallSpec(
                "Community Room",
                25,
                setup_minutes=0,
                cleanup_minutes=15,
                min_booking_minutes=60,
                deposit_pence=10000,
            ),
        ),
        (("Crampton TRA", "07700 900120", "Resident association key holder"),),
    ),
)


def _rate(base: int, extra: int, size: int) -> int:
    """`base + extra * size / 150` pence, to the nearest 50p, in exact arithmetic."""
    return round(Fraction(base * 150 + extra * size, 150 * 50)) * 50


def hall_rates(capacity: int) -> dict[tuple[RateType, TimeBand], int]:
    """Hourly rates in pence rising with capacity (community £10-£18, private £30-£45,
    commercial £40-£60), evenings and weekends dearer than weekday daytime."""
    size = min(capacity, 150)
    community = _rate(1000, 600, size)
    private = _rate(3000, 1000, size)
    commercial = _rate(4000, 1500, size)
    return {
        (RateType.COMMUNITY, TimeBand.WEEKDAY_DAYTIME): community,
        (RateType.COMMUNITY, TimeBand.EVENING_WEEKEND): min(community + 200, 1800),
        (RateType.PRIVATE, TimeBand.WEEKDAY_DAYTIME): private,
        (RateType.PRIVATE, TimeBand.EVENING_WEEKEND): min(private + 500, 4500),
        (RateType.COMMERCIAL, TimeBand.WEEKDAY_DAYTIME): commercial,
        (RateType.COMMERCIAL, TimeBand.EVENING_WEEKEND): min(commercial + 500, 6000),
    }
