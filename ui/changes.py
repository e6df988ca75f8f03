"""One app-wide signal saying what changed, so each view refreshes only what it shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class Change:
    #: "booking", "series", "hirer", "venue", "hall", "closure", "invoice", "payment",
    #: "settings" or "all" (e.g. after demo data was loaded).
    kind: str
    ids: frozenset[int] = frozenset()
    #: The widget that made the change, so it can skip refreshing itself.
    initiator: object | None = None

    def concerns(self, *kinds: str) -> bool:
        return self.kind == "all" or self.kind in kinds


class ChangeBus(QObject):
    changed = Signal(object)  # Change

    def publish(self, kind: str, ids: Iterable[int] = (), initiator: object | None = None) -> None:
        self.changed.emit(Change(kind, frozenset(ids), initiator))
