"""How the console writes days, times and facilities for a clerk."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from spacebank.domain.enums import Facility


def day_text(day: date, today: date | None = None) -> str:
    """'Sat 21 Nov 2026', with '(today)' or '(tomorrow)' when it is."""
    text = f"{day:%a} {day.day} {day:%b %Y}"
    if today is not None:
        offset = (day - today).days
        if offset == 0:
            text += " (today)"
        elif offset == 1:
            text += " (tomorrow)"
    return text


def short_day_text(day: date) -> str:
    """'Sat 21 Nov'."""
    return f"{day:%a} {day.day} {day:%b}"


def clock_text(moment: datetime | time) -> str:
    return f"{moment:%H:%M}"


def span_text(start: datetime | time, end: datetime | time) -> str:
    """'14:00–18:00'."""
    return f"{clock_text(start)}–{clock_text(end)}"


def length_text(minutes: int) -> str:
    """'4 h', '1 h 30 min', '45 min'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" if not rest else f"{hours} h {rest} min"


#: How a clerk says each facility (the enum's own label reads "Pa system", "Wifi").
FACILITY_LABELS: dict[Facility, str] = {
    Facility.KITCHEN: "Kitchen",
    Facility.STEP_FREE: "Step-free",
    Facility.ACCESSIBLE_TOILET: "Accessible toilet",
    Facility.HEARING_LOOP: "Hearing loop",
    Facility.PARKING: "Parking",
    Facility.STAGE: "Stage",
    Facility.GARDEN: "Garden",
    Facility.PROJECTOR: "Projector",
    Facility.PA_SYSTEM: "PA system",
    Facility.WIFI: "Wi-Fi",
    Facility.BABY_CHANGING: "Baby changing",
}


def facility_label(facility: Facility) -> str:
    return FACILITY_LABELS.get(facility, facility.label)


def facilities_text(facilities: Iterable[Facility]) -> str:
    """Facility labels in the enum's order: 'Kitchen, Parking, Stage'."""
    chosen = set(facilities)
    return ", ".join(facility_label(f) for f in Facility if f in chosen)


def people_text(attendees: int) -> str:
    return "1 person" if attendees == 1 else f"{attendees} people"
