"""Only the latest background call answers; business errors come back, bugs are raised."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from spacebank.domain.errors import ValidationError
from ui.bookings.background_call import BackgroundCall


def test_a_newer_call_supersedes_an_older_one(qtbot: QtBot) -> None:
    call = BackgroundCall()
    release = threading.Event()
    answers: list[object] = []
    call.finished.connect(answers.append)

    def slow() -> str:
        release.wait(5)
        return "old"

    call.start(slow)
    call.start(lambda: "queued, never run")
    call.start(lambda: "new")
    assert call.busy()
    release.set()
    qtbot.waitUntil(lambda: not call.busy())
    assert call.wait()
    assert answers == ["new"]


def test_errors_and_cancel(qtbot: QtBot) -> None:
    call = BackgroundCall()
    answers: list[object] = []
    call.finished.connect(answers.append)

    def refuse() -> None:
        raise ValidationError("No.", field="count")

    with qtbot.waitSignal(call.finished):
        call.start(refuse)
    assert isinstance(answers[0], ValidationError)

    call.start(lambda: "ignored")
    call.cancel()
    assert not call.busy()
    call.wait()
    qtbot.wait(10)
    assert len(answers) == 1


def test_a_bug_is_raised_on_the_ui_thread(qtbot: QtBot) -> None:
    call = BackgroundCall()
    with qtbot.captureExceptions() as raised:
        call.start(lambda: 1 / 0)
        qtbot.waitUntil(lambda: not call.busy())
    assert [type(error) for _, error, _ in raised] == [ZeroDivisionError]
