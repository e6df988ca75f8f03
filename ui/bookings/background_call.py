"""The latest of a stream of read-only service calls, run off the UI thread.

A series preview checks every date (a ten-year weekly series is 520 of them, ~0.4 s on
the demo database); run as the clerk types, it must not freeze the dialog. Each new
call supersedes the one before: a queued call is dropped, and the answer of one that
was already running is ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from spacebank.domain.errors import SpacebankError


class _Signals(QObject):
    done = Signal(int, object)  # generation, result or the exception raised


class _Job(QRunnable):
    def __init__(self, generation: int, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._generation, self._work, self._signals = generation, work, signals

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # handed to the UI thread, which decides
            result = error
        self._signals.done.emit(self._generation, result)


class BackgroundCall(QObject):
    """Emits `finished` with the latest call's result, or its SpacebankError."""

    finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals()
        self._signals.done.connect(self._on_done)
        self._generation = 0
        self._answered = 0

    def start(self, work: Callable[[], Any]) -> None:
        self._generation += 1
        self._pool.clear()  # calls not started yet are out of date
        self._pool.start(_Job(self._generation, work, self._signals))

    def cancel(self) -> None:
        """Ignore whatever is running or queued."""
        self._generation += 1
        self._answered = self._generation
        self._pool.clear()

    def busy(self) -> bool:
        return self._answered != self._generation

    def wait(self, msecs: int = 5000) -> bool:
        """Block until running calls end (before the database may go away)."""
        return self._pool.waitForDone(msecs)

    def _on_done(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return  # superseded while it ran
        self._answered = generation
        if isinstance(result, BaseException) and not isinstance(result, SpacebankError):
            raise result  # a bug: to the global error handler
        self.finished.emit(result)
