"""What is in a database, at a glance: counts, schema revision and where it lives.

Read-only; used by `spacebank info` and the start-up summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from spacebank.domain.booking import Booking, Series
from spacebank.domain.enums import BLOCKING_STATUSES, BookingStatus
from spacebank.domain.hirer import Hirer
from spacebank.domain.invoice import CreditNote, Deposit, Invoice, Payment
from spacebank.domain.venue import Hall, Venue
from spacebank.storage.database import Database
from spacebank.storage.migrate import current_revision, head_revision


@dataclass(frozen=True)
class DatabaseInfo:
    #: The database URL with any password hidden.
    url: str
    #: Alembic revision the database is at (None: no Spacebank schema yet).
    schema_revision: str | None
    head_revision: str
    venues: int
    halls: int
    hirers: int
    #: Bookings per status, every status present (zero if none).
    bookings_by_status: tuple[tuple[BookingStatus, int], ...]
    series: int
    invoices: int
    payments: int
    credit_notes: int
    deposits: int
    #: Bookings that hold a hall and start within `upcoming_days` of `now`.
    upcoming_bookings: int
    upcoming_days: int

    @property
    def bookings(self) -> int:
        return sum(n for _, n in self.bookings_by_status)

    @property
    def up_to_date(self) -> bool:
        return self.schema_revision == self.head_revision


def database_info(db: Database, *, now: datetime, upcoming_days: int = 7) -> DatabaseInfo:
    """Counts of the main records; the database must be at the current schema."""
    revision = current_revision(db)
    with db.read() as s:
        by_status: dict[BookingStatus, int] = dict(
            s.execute(select(Booking.status, func.count()).group_by(Booking.status)).all()
        )
        upcoming = _count(
            s,
            select(func.count())
            .select_from(Booking)
            .where(
                Booking.status.in_(BLOCKING_STATUSES),
                Booking.starts_at >= now,
                Booking.starts_at < now + timedelta(days=upcoming_days),
            ),
        )
        return DatabaseInfo(
            url=db.display_name,
            schema_revision=revision,
            head_revision=head_revision(),
            venues=_rows(s, Venue),
            halls=_rows(s, Hall),
            hirers=_rows(s, Hirer),
            bookings_by_status=tuple((st, int(by_status.get(st, 0))) for st in BookingStatus),
            series=_rows(s, Series),
            invoices=_rows(s, Invoice),
            payments=_rows(s, Payment),
            credit_notes=_rows(s, CreditNote),
            deposits=_rows(s, Deposit),
            upcoming_bookings=upcoming,
            upcoming_days=upcoming_days,
        )


def _rows(session: Session, entity: type) -> int:
    return _count(session, select(func.count()).select_from(entity))


def _count(session: Session, query: object) -> int:
    return int(session.execute(query).scalar_one())  # type: ignore[call-overload]
