"""The background Task: results and errors reach the UI thread; cancel is only a cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from spacebank.domain.errors import ValidationError
from ui.tasks import Task


def test_a_task_that_finishes_normally_is_not_cancelled(qtbot: QtBot) -> None:
    seen: list[tuple[str, int, int]] = []

    def work(report):  # type: ignore[no-untyped-def]
        for done in range(3):
            report("Counting", done, 3)
        return "done"

    task = Task(None, "Counting", work)
    task.progressed.connect(lambda *args: seen.append(args))
    with qtbot.waitSignal(task.finished, timeout=5000) as finished:
        task.start()
    assert finished.args == ["done"]
    assert not task.cancelled
    assert seen == [("Counting", 0, 3), ("Counting", 1, 3), ("Counting", 2, 3)]


def test_cancel_is_seen_by_the_work_at_its_next_report(qtbot: QtBot) -> None:
    started, go_on = threading.Event(), threading.Event()
    answers: list[bool] = []

    def work(report):  # type: ignore[no-untyped-def]
        started.set()
        go_on.wait(5)
        answers.append(report("Working", 1, 2))
        return len(answers)

    task = Task(None, "Working", work)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
        assert started.wait(5)
        task.cancel()
        go_on.set()
    assert answers == [False] and task.cancelled


def test_a_service_refusal_is_reported_not_raised(qtbot: QtBot) -> None:
    def work(report):  # type: ignore[no-untyped-def]
        raise ValidationError("The file has no header row.")

    task = Task(None, "Importing", work)
    with qtbot.waitSignal(task.failed, timeout=5000) as failed:
        task.start()
    assert failed.args[0].user_message == "The file has no header row."
    assert not task.cancelled


def test_the_cancel_button_stops_the_work_at_its_next_report(qtbot: QtBot) -> None:
    started, release = threading.Event(), threading.Event()

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
    with qtbot.waitSignal(task.finished, timeout=5000) as finished:
        task.start()
        assert started.wait(5)
        dialog = parent.findChild(QProgressDialog)
        assert dialog is not None
        button = dialog.findChild(QPushButton)
        assert button is not None
        button.click()
        release.set()
    assert task.cancelled and finished.args[0] == [1]
