"""What every service needs: the database, who is acting, and the time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from spacebank.domain.audit import Setting
from spacebank.domain.base import utc_now
from spacebank.domain.policy import Policy
from spacebank.services.catalogue_cache import cached
from spacebank.storage.database import Database


@dataclass(frozen=True)
class ServiceContext:
    db: Database
    #: Name recorded in the audit log and on documents ("j.smith").
    actor: str
    #: Injected so tests (and the demo generator) control "now". Returns aware UTC.
    clock: Callable[[], datetime] = field(default=utc_now)

    def now(self) -> datetime:
        return self.clock()

    def policy(self, session: Session) -> Policy:
        return cached(session, "policy", _load_policy)


def _load_policy(session: Session) -> Policy:
    rows = session.execute(select(Setting.key, Setting.value).where(Setting.key.like("policy.%")))
    return Policy.from_settings({key: value for key, value in rows})
