"""Long work off the UI thread, with a progress dialog that can cancel it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from spacebank.domain.errors import SpacebankError

#: work(report) -> result; report(stage, done, total) returns False once cancelled.
Work = Callable[[Callable[[str, int, int], bool]], Any]


class _Signals(QObject):
    progress = Signal(str, int, int)
    finished = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Work, signals: _Signals, cancelled: threading.Event) -> None:
        super().__init__()
        self._work, self._signals, self._cancelled = work, signals, cancelled

    def run(self) -> None:
        def report(stage: str, done: int, total: int) -> bool:
            self._signals.progress.emit(stage, done, total)
            return not self._cancelled.is_set()

        try:
            result = self._work(report)
        except BaseException as error:  # handed to the UI thread, which decides
            self._signals.failed.emit(error)
            return
        self._signals.finished.emit(result)


class Task(QObject):
    """One background job; emit-only, so the UI thread stays responsive."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QWidget | None, title: str, work: Work) -> None:
        super().__init__(parent)
        self._cancelled = threading.Event()
        self._signals = _Signals()
        self._dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        self._dialog.setWindowTitle(title)
        self._dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._dialog.setMinimumDuration(300)
        self._dialog.setAutoClose(False)
        self._dialog.setAutoReset(False)
        self._dialog.canceled.connect(self._cancelled.set)
        self._signals.progress.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._runnable = _Runnable(work, self._signals, self._cancelled)

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def start(self) -> None:
        QThreadPool.globalInstance().start(self._runnable)

    def cancel(self) -> None:
        self._cancelled.set()

    def _on_progress(self, stage: str, done: int, total: int) -> None:
        self._dialog.setLabelText(stage)
        self._dialog.setMaximum(max(total, 0))
        self._dialog.setValue(min(done, total) if total else 0)

    def _on_finished(self, result: object) -> None:
        self._close_dialog()
        self.finished.emit(result)

    def _on_failed(self, error: object) -> None:
        self._close_dialog()
        if isinstance(error, SpacebankError):
            self.failed.emit(error)
        else:
            raise error  # type: ignore[misc]  # reaches the global error hook

    def _close_dialog(self) -> None:
        # Closing a QProgressDialog emits `canceled`; once the work is over that is not
        # the user cancelling, so it must not mark the task as cancelled.
        self._dialog.canceled.disconnect(self._cancelled.set)
        self._dialog.close()
