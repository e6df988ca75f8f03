"""Which columns a view shows: halls on a day, or the days of a hall's or venue's week.

Pure (no Qt): works on the `HallSummary` rows the venue service lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacebank.services.venue_dto import HallSummary
from ui.calendar.layout import ColumnSpec


def families(halls: Sequence[HallSummary]) -> dict[int, frozenset[int]]:
    """Hall id -> the hall it is part of and its own parts (closures of one shut the other)."""
    related: dict[int, set[int]] = {h.id: set() for h in halls}
    for hall in halls:
        if hall.parent_id is not None:
            related[hall.id].add(hall.parent_id)
            related.setdefault(hall.parent_id, set()).add(hall.id)
    return {k: frozenset(v) for k, v in related.items()}


def shown_halls(halls: Sequence[HallSummary], venue_id: int | None,
                hall_id: int | None) -> list[HallSummary]:
    """The halls a filter keeps, grouped by venue name in the service's order."""
    kept = [h for h in halls
            if (venue_id is None or h.venue_id == venue_id)
            and (hall_id is None or h.id == hall_id)]
    order = {}
    for hall in kept:
        order.setdefault(hall.venue_id, (hall.venue_name.casefold(), len(order)))
    return sorted(kept, key=lambda h: order[h.venue_id])


def hall_tooltip(hall: HallSummary) -> str:
    parts = [f"{hall.name}, {hall.venue_name}", f"up to {hall.capacity} people"]
    if hall.parent_name:
        parts.append(f"part of {hall.parent_name}")
    if hall.setup_minutes or hall.cleanup_minutes:
        parts.append(f"set-up {hall.setup_minutes} min, clean-up {hall.cleanup_minutes} min")
    return " · ".join(parts)


def short_name(hall: HallSummary) -> str:
    """"Main Hall (north half)" -> "North half": a part named after its hall, for narrow
    columns; other names as they are."""
    parent = hall.parent_name or ""
    if parent and hall.name.startswith(parent) and len(hall.name) > len(parent):
        rest = hall.name[len(parent):].strip(" ()-–,")
        if rest:
            return rest[0].upper() + rest[1:]
    return hall.name


def _column(hall: HallSummary, day: date, title: str, group: str,
            related: dict[int, frozenset[int]]) -> ColumnSpec:
    return ColumnSpec(hall_id=hall.id, venue_id=hall.venue_id, day=day, title=title,
                      group=group, family=related.get(hall.id, frozenset()),
                      tooltip=hall_tooltip(hall), hall_name=hall.name,
                      venue_name=hall.venue_name)


def day_columns(halls: Sequence[HallSummary], day: date) -> list[ColumnSpec]:
    """A day: one column per hall, grouped under its venue."""
    related = families(halls)
    return [_column(h, day, h.name, h.venue_name, related) for h in halls]


def week_columns(halls: Sequence[HallSummary], days: Sequence[date]) -> list[ColumnSpec]:
    """A week: for one hall, a column per day under the hall's name; for several halls
    (one venue), each day spans a column per hall."""
    related = families(halls)
    if len(halls) == 1:
        hall = halls[0]
        group = f"{hall.name} — {hall.venue_name}"
        return [_column(hall, day, f"{day:%a} {day.day} {day:%b}", group, related)
                for day in days]
    return [_column(h, day, short_name(h), f"{day:%a} {day.day} {day:%b}", related)
            for day in days for h in halls]
