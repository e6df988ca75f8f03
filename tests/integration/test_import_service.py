"""CSV import of bookings: dry run lists each failing row and why; all or nothing."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from spacebank.domain.booking import Booking
from spacebank.domain.enums import BookingStatus
from spacebank.domain.hirer import Hirer
from spacebank.reports.csv_import import ImportFileError, read_rows
from spacebank.services.booking_dto import BookingRequest
from spacebank.services.booking_service import BookingService
from spacebank.services.context import ServiceContext
from spacebank.services.import_service import ImportRefusedError, ImportService
from tests.factories import World
from tests.import_samples import BAD_FILE_OUTCOMES, GOOD, HEADER


@pytest.fixture
def imports(ctx: ServiceContext) -> ImportService:
    return ImportService(ctx)


def _counts(ctx: ServiceContext) -> tuple[int, int]:
    with ctx.db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Booking)),
            s.scalar(select(func.count()).select_from(Hirer)),
        )


def test_good_file_imports_exactly(
    ctx: ServiceContext, world: World, imports: ImportService
) -> None:
    rows = read_rows(GOOD.encode("utf-8"))
    assert [r.line for r in rows] == [2, 5]  # a quoted newline, then a blank line
    dry = imports.dry_run(rows)
    assert [r.ok for r in dry.rows] == [True, True] and not dry.committed
    assert dry.rows[0].hirer == f"existing hirer #{world.hirer_id} (matched by phone)"
    assert dry.rows[1].hirer == "new hirer “Amal Hussein”"
    assert _counts(ctx) == (0, 2)  # the dry run changed nothing

    result = imports.import_rows(rows)
    assert result.imported == 2
    with ctx.db.read() as s:
        booked = s.execute(
            select(Booking.hall_id, Booking.starts_at, Booking.status, Booking.notes, Hirer.name)
            .join(Hirer, Hirer.id == Booking.hirer_id)
            .order_by(Booking.id)
        ).all()
    assert [(b.hall_id, b.status, b.name) for b in booked] == [
        (world.small_hall_id, BookingStatus.CONFIRMED, "Zoë O'Brien-Smith"),
        (world.other_hall_id, BookingStatus.PROVISIONAL, "Amal Hussein"),
    ]
    assert booked[0].starts_at.isoformat() == "2027-01-12T10:00:00+00:00"  # GMT
    assert booked[0].notes == "Needs chairs\nand a table"
    assert _counts(ctx) == (2, 3)


def test_every_kind_of_bad_row_is_reported_and_nothing_changes(
    ctx: ServiceContext, world: World, imports: ImportService
) -> None:
    BookingService(ctx).book(
        BookingRequest(
            world.small_hall_id,
            world.hirer_id,
            datetime(2027, 1, 12, 10),
            datetime(2027, 1, 12, 12),
            "Yoga",
            10,
        )
    )
    before = _counts(ctx)
    rows = HEADER + "".join(
        f"{hall},,{day},{start},{end},{hirer},,private,07700 90{n:04d},,,Party,{people},,\r\n"
        for n, (hall, day, start, end, hirer, people) in enumerate(
            [
                ("Ballroom", "2027-01-13", "10:00", "11:00", "A", 5),  # 2 unknown hall
                ("Garden Room", "31/02/2027", "10:00", "11:00", "B", 5),  # 3 bad date
                ("Garden Room", "2027-01-12", "11:00", "12:00", "C", 5),  # 4 clash (existing)
                ("Reading Room", "2027-01-20", "10:00", "12:00", "D", 5),  # 5 fine
                ("Reading Room", "2027-01-20", "11:00", "13:00", "E", 5),  # 6 clash with 5
                ("Garden Room", "2027-01-14", "10:00", "11:00", "F", 25),  # 7 over capacity
                ("Garden Room", "2027-01-15", "10:00", "11:00", "G", 5),  # 8 fine
                ("Garden Room", "2027-01-15", "10:00", "11:00", "G", 5),  # 9 duplicate of 8
                ("Garden Room", "2026-12-25", "10:00", "11:00", "H", 5),  # 10 bank holiday
                ("Garden Room", "2027-01-16", "10:00", "9:00", "I", 5),  # 11 end before start
            ]
        )
    )
    parsed = read_rows(rows.encode("utf-8"))
    dry = imports.dry_run(parsed)
    kinds = {r.line: (r.ok, r.kind) for r in dry.rows}
    assert kinds == BAD_FILE_OUTCOMES
    messages = {r.line: r.message for r in dry.rows}
    assert "no hall called “Ballroom”" in messages[2]
    assert "31/02/2027" in messages[3]
    assert "BK-000001" in messages[4]
    assert "clashes with line 5 of this file" in messages[6]
    assert "repeats line 8 of this file" in messages[9]
    assert "bank holiday" in messages[10]
    with pytest.raises(ImportRefusedError) as refused:
        imports.import_rows(parsed)
    assert len(refused.value.result.problems) == 8
    assert _counts(ctx) == before  # all or nothing: not even rows 5 and 8, nor new hirers


def test_a_new_hirer_who_cannot_be_reached_is_a_hirer_problem(
    ctx: ServiceContext, world: World, imports: ImportService
) -> None:
    text = HEADER + "Garden Room,,2027-01-12,10:00,11:00,Nobody Known,,,,,,Quiz,8,,\r\n"
    (row,) = imports.dry_run(read_rows(text.encode())).rows
    assert (row.ok, row.kind) == (False, "hirer")
    assert row.message.startswith("New hirer “Nobody Known”: Give a phone number")


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "cp1252"], ids=["utf8", "utf8-bom", "windows-1252"]
)
def test_encodings(
    ctx: ServiceContext, world: World, imports: ImportService, encoding: str
) -> None:
    rows = read_rows(GOOD.encode(encoding))
    assert rows[0].hall == "Garden Room" and rows[0].hirer == "Zoë O'Brien-Smith"
    assert imports.import_rows(rows).imported == 2


def test_column_mapping_override(ctx: ServiceContext, world: World) -> None:
    text = (
        "Room name,When,From,To,Who,What,Headcount\r\n"
        "Garden Room,2027-01-12,10:00,11:00,Bo,Quiz,8\r\n"
    )
    with pytest.raises(ImportFileError, match="lacks the column"):
        read_rows(text.encode())
    mapping = {
        "hall": "Room name",
        "date": "When",
        "hirer": "Who",
        "purpose": "What",
        "attendees": "Headcount",
    }
    (row,) = read_rows(text.encode(), mapping)
    assert (row.hall, row.start, row.attendees) == ("Garden Room", datetime(2027, 1, 12, 10), 8)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\x81\x8d\x90 not text", "neither UTF-8 nor Windows-1252"),
        (b"Hall,Date\r\nx,y\r\n", "lacks the column"),
        (HEADER.encode() + b'Garden Room,,2027-01-12,10:00,11:00,"unclosed\r\n', "not valid CSV"),
        (b"a\x00b", "binary"),
    ],
)
def test_malformed_files_raise_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(ImportFileError, match=message):
        read_rows(data)
