"""Keeps the hall catalogue and the policy in memory until another desk changes them.

Every availability question needs all halls with their hours, rates and facilities,
and the policy: four queries that rarely change. A version token in `settings`
changes in the same transaction as any change to them (caught at flush), so each
service call costs one small query to know its cached copy is current, on every desk.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from itertools import chain
from typing import Any, TypeVar

from sqlalchemy import event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import ORMExecuteState, Session

from spacebank.domain.audit import Setting
from spacebank.domain.venue import Extra, Hall, KeyHolder, OpeningHours, Rate, Venue

VERSION_KEY = "catalogue.version"
CACHE_INFO_KEY = "catalogue_cache"
_WATCHED = (Venue, Hall, Rate, OpeningHours, Extra, KeyHolder, Setting)

T = TypeVar("T")


def bump(session: Session) -> None:
    """Mark the catalogue changed (the hooks below call it; so may bulk loaders)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    token = uuid.uuid4().hex
    # On the connection, not the session: no ORM events, so no recursion into the hooks.
    session.connection().execute(
        dialect.insert(Setting)
        .values(key=VERSION_KEY, value=token)
        .on_conflict_do_update(index_elements=[Setting.key], set_={"value": token})
    )


def cached(session: Session, name: str, load: Callable[[Session], T]) -> T:
    """`load(session)` once per catalogue version, shared by every session of the database."""
    cache: dict[str, Any] | None = session.info.get(CACHE_INFO_KEY)
    if cache is None:
        return load(session)
    version = session.scalar(select(Setting.value).where(Setting.key == VERSION_KEY)) or ""
    if cache.get("version") != version:
        cache.clear()
        cache["version"] = version
    if name not in cache:
        cache[name] = load(session)
    return cache[name]  # type: ignore[no-any-return]


@event.listens_for(Session, "do_orm_execute")
def _bump_on_catalogue_statement(state: ORMExecuteState) -> None:
    """Bulk UPDATE/DELETE/INSERT statements on catalogue tables change it too."""
    if state.is_update or state.is_delete or state.is_insert:
        mapper = state.bind_mapper
        if mapper is not None and issubclass(mapper.class_, _WATCHED):
            bump(state.session)


@event.listens_for(Session, "before_flush")
def _bump_on_catalogue_change(session: Session, _context: Any, _instances: Any) -> None:
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, _WATCHED) and not (isinstance(obj, Setting) and obj.key == VERSION_KEY):
            bump(session)
            return
