"""Importing bookings from a CSV: a dry run listing every failing row, then all or nothing.

Both runs do the same work in one transaction, each row in a savepoint, through the
booking service's own steps (`booking_ops.insert_booking`), so every rule applies:
opening hours, closures, bank holidays, capacity, clashes — including with earlier
rows of the same file, which are already in the transaction. The dry run always
rolls back; the import commits only if no row failed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from spacebank.domain.booking import Booking, booking_reference
from spacebank.domain.clock import to_utc
from spacebank.domain.enums import BLOCKING_STATUSES
from spacebank.domain.errors import BookingClashError, DomainError, ValidationError
from spacebank.domain.hirer import Hirer, HirerSearchTerm
from spacebank.domain.hirer_terms import phone_terms
from spacebank.reports.csv_import import ImportRow
from spacebank.services import booking_ops as ops
from spacebank.services.booking_dto import BookingRequest
from spacebank.services.context import ServiceContext
from spacebank.services.hall_state import HallInfo, load_halls
from spacebank.services.hirer_dto import HirerInput
from spacebank.services.hirer_service import insert_hirer


@dataclass(frozen=True)
class RowOutcome:
    line: int
    ok: bool
    #: The booking made ("BK-000123, confirmed") or why the row fails.
    message: str
    #: Problem kind: hall, date, time, clash, capacity, closed, duplicate, hirer…
    kind: str = ""
    #: Which hirer the row is for: an existing one (and how it was matched) or a new one.
    hirer: str = ""
    #: The booking the row made (in a dry run it is rolled back and does not exist).
    booking_id: int | None = None


@dataclass(frozen=True)
class ImportResult:
    rows: tuple[RowOutcome, ...]
    committed: bool

    @property
    def problems(self) -> tuple[RowOutcome, ...]:
        return tuple(r for r in self.rows if not r.ok)

    @property
    def imported(self) -> int:
        return sum(r.ok for r in self.rows) if self.committed else 0


class ImportRefusedError(DomainError):
    """Some rows would fail, so nothing was imported; `result` lists them."""

    kind = "import"

    def __init__(self, result: ImportResult) -> None:
        count = len(result.problems)
        super().__init__(
            f"Nothing was imported: {count} row{'s' if count != 1 else ''} would fail "
            "(run a dry run to see them all)."
        )
        self.result = result


class _RollBack(Exception):
    """Leaves the import's transaction without committing, carrying what happened."""

    def __init__(self, outcomes: tuple[RowOutcome, ...]) -> None:
        super().__init__()
        self.outcomes = outcomes


class ImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def dry_run(self, rows: Sequence[ImportRow], *, approved_by: str = "") -> ImportResult:
        """What importing would do, row by row; the database is left as it was."""
        return ImportResult(self._run(rows, approved_by=approved_by, commit=False), False)

    def import_rows(self, rows: Sequence[ImportRow], *, approved_by: str = "") -> ImportResult:
        """Import every row in one transaction, or none if any row fails.

        Args:
            approved_by: the manager approving rows inside the notice period.

        Raises:
            ImportRefusedError: a row failed; nothing was saved.
        """
        outcomes = self._run(rows, approved_by=approved_by, commit=True)
        result = ImportResult(outcomes, committed=all(o.ok for o in outcomes))
        if not result.committed:
            raise ImportRefusedError(result)
        return result

    def _run(
        self, rows: Sequence[ImportRow], *, approved_by: str, commit: bool
    ) -> tuple[RowOutcome, ...]:
        try:
            with self._ctx.db.write() as s:
                made: dict[int, int] = {}  # booking id -> line of the file
                outcomes = tuple(self._one(s, row, approved_by, made) for row in rows)
                if not commit or not all(o.ok for o in outcomes):
                    raise _RollBack(outcomes)
                return outcomes
        except _RollBack as stop:
            return stop.outcomes

    def _one(
        self, s: Session, row: ImportRow, approved_by: str, made: dict[int, int]
    ) -> RowOutcome:
        if row.problems:
            first = row.problems[0]
            text = " ".join(p.message for p in row.problems)
            return RowOutcome(row.line, False, text, first.kind)
        try:
            with s.begin_nested():
                hall = _find_hall(s, row)
                hirer_id, hirer_note = self._hirer(s, row)
                _refuse_duplicate(s, row, hall, hirer_id, made)
                booking, _ = ops.insert_booking(
                    s,
                    self._ctx,
                    BookingRequest(
                        hall_id=hall.id,
                        hirer_id=hirer_id,
                        start=row.start,  # type: ignore[arg-type]
                        end=row.end,  # type: ignore[arg-type]
                        purpose=row.purpose,
                        attendees=row.attendees,
                        rate_type=row.rate_type,
                        notes=row.notes,
                    ),
                    confirm=row.confirm,
                    short_notice_approved_by=approved_by,
                )
        except BookingClashError as exc:
            if exc.booking_id in made:
                message = f"It clashes with line {made[exc.booking_id]} of this file ({hall.name})."
                return RowOutcome(row.line, False, message, "clash")
            return RowOutcome(row.line, False, exc.user_message, "clash")
        except _Duplicate as exc:
            return RowOutcome(row.line, False, str(exc), "duplicate")
        except DomainError as exc:
            return RowOutcome(row.line, False, exc.user_message, exc.kind)
        made[booking.id] = row.line
        status = booking.status.value
        return RowOutcome(
            row.line, True, f"{booking_reference(booking.id)}, {status}", hirer=hirer_note,
            booking_id=booking.id,
        )

    def _hirer(self, s: Session, row: ImportRow) -> tuple[int, str]:
        """An existing hirer matched by email, phone, or name and organisation; else a new one."""
        live = Hirer.anonymised_at.is_(None)
        tries = []
        if row.email:
            tries.append(
                (
                    "email",
                    select(Hirer.id).where(live, func.lower(Hirer.email) == row.email.casefold()),
                )
            )
        terms = phone_terms(row.phone)
        if terms:
            tries.append(
                (
                    "phone",
                    select(Hirer.id)
                    .join(HirerSearchTerm, HirerSearchTerm.hirer_id == Hirer.id)
                    .where(live, HirerSearchTerm.term.in_(sorted(terms))),
                )
            )
        tries.append(
            (
                "name",
                select(Hirer.id).where(
                    live,
                    func.lower(Hirer.name) == row.hirer.casefold(),
                    func.lower(Hirer.organisation) == row.organisation.casefold(),
                ),
            )
        )
        for how, query in tries:
            found = s.scalars(query.order_by(Hirer.id).limit(1)).first()
            if found is not None:
                return found, f"existing hirer #{found} (matched by {how})"
        details = HirerInput(
            hirer_type=row.hirer_type,
            name=row.hirer,
            organisation=row.organisation,
            phone=row.phone,
            email=row.email,
            address=row.address,
            postcode=row.postcode,
        )
        try:
            hirer = insert_hirer(s, self._ctx, details, now=self._ctx.now())
        except ValidationError as exc:
            raise _HirerProblem(f"New hirer “{row.hirer}”: {exc.user_message}") from exc
        return hirer.id, f"new hirer “{hirer.organisation or hirer.name}”"


class _Duplicate(DomainError):
    kind = "duplicate"


def _find_hall(s: Session, row: ImportRow) -> HallInfo:
    halls = [
        h
        for h in load_halls(s).values()
        if h.name.casefold() == row.hall.casefold()
        and (not row.venue or h.venue_name.casefold() == row.venue.casefold())
    ]
    if not halls:
        where = f" at {row.venue}" if row.venue else ""
        raise _HallProblem(f"There is no hall called “{row.hall}”{where}.")
    if len(halls) > 1:
        venues = ", ".join(sorted(h.venue_name for h in halls))
        raise _HallProblem(f"“{row.hall}” is at several venues ({venues}); add a venue column.")
    return halls[0]


class _HallProblem(DomainError):
    kind = "hall"


class _HirerProblem(DomainError):
    kind = "hirer"


def _refuse_duplicate(
    s: Session, row: ImportRow, hall: HallInfo, hirer_id: int, made: dict[int, int]
) -> None:
    """The same hall, times and hirer already booked (earlier in the file or before)."""
    start = to_utc(row.start, field="start")  # type: ignore[arg-type]
    end = to_utc(row.end, field="end")  # type: ignore[arg-type]
    found = s.scalars(
        select(Booking.id).where(
            Booking.hall_id == hall.id,
            Booking.hirer_id == hirer_id,
            Booking.starts_at == start,
            Booking.ends_at == end,
            Booking.status.in_(BLOCKING_STATUSES),
        )
    ).first()
    if found is None:
        return
    if found in made:
        raise _Duplicate(f"It repeats line {made[found]} of this file.")
    raise _Duplicate(f"It is already booked as {booking_reference(found)}.")
