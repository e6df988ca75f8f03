"""Gapless document numbers ("SB-2026-000123"), one series per prefix and financial year.

The counter row is bumped by one atomic upsert in the caller's transaction. The row
stays locked until that transaction ends, so a second desk waits rather than taking
the same number, and a rollback hands the number back: no gaps, no repeats.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from spacebank.domain.invoice import NumberCounter, document_number

#: The counter's series column is String(20): "PREFIX-YYYY".
MAX_PREFIX_LENGTH = 10


def series_name(prefix: str, fy: int) -> str:
    if not (prefix.isascii() and prefix.isalpha() and prefix.isupper()):
        raise ValueError(f"document prefix must be upper-case letters, not {prefix!r}")
    if len(prefix) > MAX_PREFIX_LENGTH:
        raise ValueError(f"document prefix {prefix!r} is too long")
    if not 2000 <= fy <= 9999:
        raise ValueError(f"financial year {fy} is out of range")
    return f"{prefix}-{fy}"


def next_number(session: Session, prefix: str, fy: int) -> tuple[int, str]:
    """Take the next number of series `prefix-fy` in the caller's transaction.

    Returns:
        The sequence number (1, 2, ...) and the document number text.
    """
    series = series_name(prefix, fy)
    dialect = session.get_bind().dialect.name
    upsert: Any
    if dialect == "sqlite":
        upsert = sqlite.insert(NumberCounter)
    elif dialect == "postgresql":
        upsert = postgresql.insert(NumberCounter)
    else:  # pragma: no cover - only the two supported engines
        raise NotImplementedError(f"numbering is not implemented for {dialect}")
    statement = (
        upsert.values(series=series, last_value=1)
        .on_conflict_do_update(
            index_elements=[NumberCounter.series],
            set_={"last_value": NumberCounter.last_value + 1},
        )
        .returning(NumberCounter.last_value)
    )
    value = int(session.execute(statement).scalar_one())
    return value, document_number(prefix, fy, value)
