"""Background tasks: finishing is not cancelling; the Cancel button is."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from ui.tasks import Task


def cancel_button(parent: QWidget) -> QPushButton:
    dialog = parent.findChild(QProgressDialog)
    assert dialog is not None
    button = dialog.findChild(QPushButton)
    assert button is not None
    return button


def test_a_task_that_finishes_is_not_cancelled(qtbot: QtBot) -> None:
    task = Task(None, "Working…", lambda report: report("step", 1, 1) and "done")
    with qtbot.waitSignal(task.finished) as finished:
        task.start()
    assert finished.args == ["done"]
    assert not task.cancelled


def test_cancel_stops_the_work_at_its_next_report(qtbot: QtBot) -> None:
    started = threading.Event()
    release = threading.Event()

    def work(report: Callable[[str, int, int], bool]) -> list[int]:
        done: list[int] = []
        for i in range(1, 100):
            if not report("step", i, 100):
                break
            done.append(i)
            started.set()
            release.wait(5)
        return done

    parent = QWidget()
    qtbot.addWidget(parent)
    task = Task(parent, "Working…", work)
    with qtbot.waitSignal(task.finished) as finished:
        task.start()
        assert started.wait(5)
        cancel_button(parent).click()
        release.set()
    assert task.cancelled
    assert finished.args[0] == [1]
