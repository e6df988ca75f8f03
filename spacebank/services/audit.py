"""Writes the append-only audit log inside the caller's transaction."""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy.orm import Session

from spacebank.domain.audit import AuditEntry
from spacebank.services.context import ServiceContext


def snapshot(entity: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """The named attributes of an entity, as the audit log should show them."""
    return {name: getattr(entity, name) for name in names}


def record(
    session: Session,
    ctx: ServiceContext,
    *,
    action: str,
    entity: str,
    entity_id: int,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Add one audit row; only fields that changed are kept for updates."""
    if before is not None and after is not None:
        changed = [k for k in after if before.get(k) != after.get(k)]
        before = {k: before.get(k) for k in changed}
        after = {k: after[k] for k in changed}
    session.add(
        AuditEntry(
            at=ctx.now(),
            actor=ctx.actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=_dump(before),
            after=_dump(after),
        )
    )


def _dump(values: dict[str, Any] | None) -> str:
    if not values:
        return ""
    return json.dumps(values, default=_jsonable, ensure_ascii=False, sort_keys=True)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, frozenset | set | tuple):
        return sorted(str(v) for v in value)
    return str(value)
