"""Which halls a report covers: all, one venue's, or one hall."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from spacebank.domain.errors import NotFoundError
from spacebank.services.hall_state import HallInfo, load_halls
from spacebank.storage.database import Database


@dataclass(frozen=True)
class Scope:
    """A report filter; both None means every hall."""

    venue_id: int | None = None
    hall_id: int | None = None

    @property
    def is_all(self) -> bool:
        return self.venue_id is None and self.hall_id is None

    def halls(self, session: Session) -> list[HallInfo]:
        """The halls in scope, by venue then hall name (from the small cached catalogue)."""
        every = load_halls(session).values()
        chosen = [
            h
            for h in every
            if (self.hall_id is None or h.id == self.hall_id)
            and (self.venue_id is None or h.venue_id == self.venue_id)
        ]
        if self.hall_id is not None and not chosen:
            raise NotFoundError(f"Hall {self.hall_id} does not exist.", field="hall")
        return sorted(chosen, key=lambda h: (h.venue_name, h.name, h.id))

    def label(self, halls: list[HallInfo]) -> str:
        if self.hall_id is not None and halls:
            return f"{halls[0].name}, {halls[0].venue_name}"
        if self.venue_id is not None:
            return halls[0].venue_name if halls else "No halls"
        return "All venues"


def hall_labels(halls: list[HallInfo]) -> dict[int, str]:
    """Names to show per hall id: "Main Hall, Bellenden Community Centre" when the halls
    span venues (several venues have a "Main Hall"), else just the hall's name."""
    several = len({h.venue_id for h in halls}) > 1
    return {h.id: f"{h.name}, {h.venue_name}" if several else h.name for h in halls}


#: Every hall of every venue.
ALL_HALLS = Scope()


def scope_choices(db: Database) -> list[tuple[str, Scope]]:
    """What a Reports screen offers: all venues, then each venue, then each hall."""
    with db.read() as s:
        halls = sorted(load_halls(s).values(), key=lambda h: (h.venue_name, h.name, h.id))
    venues = dict.fromkeys((h.venue_name, h.venue_id) for h in halls)
    return [
        ("All venues", ALL_HALLS),
        *((name, Scope(venue_id=venue_id)) for name, venue_id in venues),
        *((f"{h.name}, {h.venue_name}", Scope(hall_id=h.id)) for h in halls),
    ]


def find_scope(session: Session, *, hall: str | None = None, venue: str | None = None) -> Scope:
    """A scope from names typed on the command line (case-insensitive, exact)."""
    every = list(load_halls(session).values())
    if hall:
        matches = [h for h in every if h.name.casefold() == hall.strip().casefold()]
        if venue:
            matches = [h for h in matches if h.venue_name.casefold() == venue.strip().casefold()]
        if not matches:
            raise NotFoundError(f"There is no hall called “{hall}”.", field="hall")
        if len(matches) > 1:
            names = ", ".join(sorted(h.venue_name for h in matches))
            raise NotFoundError(
                f"Several venues have a hall called “{hall}” ({names}); add --venue.",
                field="hall",
            )
        return Scope(hall_id=matches[0].id)
    if venue:
        venue_ids = {
            h.venue_id for h in every if h.venue_name.casefold() == venue.strip().casefold()
        }
        if not venue_ids:
            raise NotFoundError(f"There is no venue called “{venue}” with halls.", field="venue")
        return Scope(venue_id=venue_ids.pop())
    return Scope()
