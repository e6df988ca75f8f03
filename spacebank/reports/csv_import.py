"""Reading a CSV of bookings (the team's spreadsheets) into typed rows; no database here.

Accepts UTF-8 (with or without a BOM) and Windows-1252, quoted newlines and blank
lines. Columns are found by header name: DEFAULT_HEADERS lists the names each field
may go by, and a mapping {field: header} overrides them. A file that cannot be read
at all raises ImportFileError; a row that is wrong gets its own problem, so a dry run
can list them all.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from spacebank.domain.enums import HirerType, RateType
from spacebank.domain.errors import ValidationError

REQUIRED = ("hall", "date", "start", "end", "hirer", "purpose", "attendees")
DEFAULT_HEADERS: dict[str, tuple[str, ...]] = {
    "hall": ("hall", "room", "space"),
    "venue": ("venue", "site"),
    "date": ("date", "day"),
    "start": ("start", "start time", "from"),
    "end": ("end", "end time", "to", "until"),
    "hirer": ("hirer", "hirer name", "name", "contact"),
    "organisation": ("organisation", "organization", "group"),
    "hirer_type": ("hirer type", "type"),
    "email": ("email", "e-mail"),
    "phone": ("phone", "telephone", "tel"),
    "address": ("address",),
    "postcode": ("postcode", "post code"),
    "purpose": ("purpose", "event"),
    "attendees": ("attendees", "people", "numbers", "expected"),
    "rate_type": ("rate type", "rate"),
    "status": ("status",),
    "notes": ("notes",),
}
MAX_ROWS = 5000
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})")


class ImportFileError(ValidationError):
    """The file cannot be read as a bookings CSV; nothing was imported."""

    kind = "file"


@dataclass(frozen=True)
class RowProblem:
    kind: str
    message: str


@dataclass(frozen=True)
class ImportRow:
    """One data row: its line in the file and either its values or its problems."""

    line: int
    hall: str = ""
    venue: str = ""
    #: London wall-clock times (naive).
    start: datetime | None = None
    end: datetime | None = None
    hirer: str = ""
    organisation: str = ""
    hirer_type: HirerType = HirerType.RESIDENT
    email: str = ""
    phone: str = ""
    address: str = ""
    postcode: str = ""
    purpose: str = ""
    attendees: int = 0
    rate_type: RateType | None = None
    confirm: bool = True
    notes: str = ""
    problems: tuple[RowProblem, ...] = field(default=())


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (BOM or not), else Windows-1252 (Excel's "CSV" on Windows)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError(
            "The file is neither UTF-8 nor Windows-1252 text; save it from the spreadsheet "
            "as “CSV UTF-8” and try again."
        ) from None


def read_rows(data: bytes, mapping: Mapping[str, str] | None = None) -> list[ImportRow]:
    """Every non-blank data row of the file, parsed (row problems kept on the row)."""
    text = decode(data)
    if "\x00" in text:
        raise ImportFileError("The file is not a CSV (it contains binary data).")
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise ImportFileError(f"The file is not valid CSV: {exc}.") from None
    lines = _line_numbers(text)
    numbered = [(n, r) for n, r in zip(lines, records, strict=False) if any(c.strip() for c in r)]
    if not numbered:
        raise ImportFileError("The file is empty.")
    _, header = numbered[0]
    columns = _columns(header, mapping or {})
    if len(numbered) - 1 > MAX_ROWS:
        raise ImportFileError(f"The file has more than {MAX_ROWS:,} rows; split it.")
    return [_row(n, cells, columns, len(header)) for n, cells in numbered[1:]]


def _line_numbers(text: str) -> list[int]:
    """The line each CSV record starts on (records may span lines in quotes)."""
    starts: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    for _ in reader:
        starts.append(line)
        line = reader.line_num + 1
    return starts


def _columns(header: list[str], mapping: Mapping[str, str]) -> dict[str, int]:
    names = {cell.strip().casefold(): i for i, cell in enumerate(header)}
    unknown = sorted(set(mapping) - set(DEFAULT_HEADERS))
    if unknown:
        raise ImportFileError(f"Unknown field(s) in the column mapping: {', '.join(unknown)}.")
    columns: dict[str, int] = {}
    for name, aliases in DEFAULT_HEADERS.items():
        wanted = (mapping[name],) if name in mapping else aliases
        for alias in wanted:
            if alias.strip().casefold() in names:
                columns[name] = names[alias.strip().casefold()]
                break
    missing = [f for f in REQUIRED if f not in columns]
    if missing:
        shown = ", ".join(
            f"{f} ({' / '.join((mapping.get(f),) if f in mapping else DEFAULT_HEADERS[f])})"
            for f in missing
        )
        raise ImportFileError(f"The header row lacks the column(s): {shown}.")
    return columns


def _row(line: int, cells: list[str], columns: dict[str, int], width: int) -> ImportRow:
    if len(cells) > width:
        return ImportRow(
            line, problems=(RowProblem("file", f"has {len(cells)} cells; the header has {width}."),)
        )

    def get(name: str) -> str:
        i = columns.get(name)
        value = cells[i] if i is not None and i < len(cells) else ""
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()

    problems: list[RowProblem] = []
    values: dict[str, object] = {
        k: get(k)
        for k in (
            "hall",
            "venue",
            "hirer",
            "organisation",
            "email",
            "phone",
            "address",
            "postcode",
            "purpose",
            "notes",
        )
    }
    for name in ("hall", "hirer", "purpose"):
        if not values[name]:
            problems.append(RowProblem(name, f"The {name} is missing."))
    day = _date(get("date"), problems)
    start = _time(get("start"), "start", problems)
    end = _time(get("end"), "end", problems)
    if day and start is not None and end is not None:
        values["start"] = datetime.combine(day, time()) + start
        values["end"] = datetime.combine(day, time()) + end
    try:
        values["attendees"] = int(get("attendees"))
    except ValueError:
        problems.append(
            RowProblem("attendees", f"Attendees “{get('attendees')}” is not a whole number.")
        )
    _choice(get("hirer_type"), HirerType, "hirer_type", values, problems)
    _choice(get("rate_type"), RateType, "rate_type", values, problems)
    status = get("status").casefold()
    if status not in ("", "confirmed", "provisional"):
        problems.append(
            RowProblem("status", f"Status “{get('status')}” is not confirmed or provisional.")
        )
    values["confirm"] = status != "provisional"
    return ImportRow(line, **values, problems=tuple(problems))  # type: ignore[arg-type]


def _date(text: str, problems: list[RowProblem]) -> date | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"):
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    problems.append(
        RowProblem("date", f"Date “{text}” is not a date (use 2026-03-29 or 29/03/2026).")
    )
    return None


def _time(text: str, name: str, problems: list[RowProblem]) -> timedelta | None:
    """Minutes after midnight as a timedelta; "24:00" is the next midnight."""
    match = _TIME.fullmatch(text)
    if match:
        hours, minutes = int(match[1]), int(match[2])
        if (hours < 24 and minutes < 60) or (hours, minutes) == (24, 0):
            return timedelta(hours=hours, minutes=minutes)
    problems.append(RowProblem("time", f"The {name} time “{text}” is not a time like 18:30."))
    return None


def _choice(
    text: str, enum: type, name: str, values: dict[str, object], problems: list[RowProblem]
) -> None:
    if not text:
        return
    try:
        values[name] = enum(text.strip().casefold().replace(" ", "_"))
    except ValueError:
        allowed = ", ".join(m.value.replace("_", " ") for m in enum)
        problems.append(RowProblem(name, f"“{text}” is not one of: {allowed}."))
