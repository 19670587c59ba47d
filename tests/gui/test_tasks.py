"""The one helper for long tasks: progress, Cancel, and the default failure handler.

A failure the person can act on (a full disk) is said in a dialog under the task's title; a bug
is re-raised for the crash handler; Cancel stops the work between steps and nothing is shown;
an import keeps what it filed before Cancel; work that cannot stop has no Cancel button.
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.gui.tasks import LongTask, TaskCancelledError, report_failure
from desktop_app.gui.worker import Detached


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    """A shown widget the progress dialogs belong to."""
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The (title, text) of every warning dialog shown."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: shown.append((title, text)))
    return shown


def _on(detached: Detached, work: Callable[[], Any]) -> Callable[..., None]:
    return lambda done, failed: detached.run(work, done, failed)


def test_a_full_disk_is_said_under_the_task_title(
    qtbot: QtBot, parent: QWidget, warnings: list[tuple[str, str]]
) -> None:
    detached = Detached(parent)
    task = LongTask(parent, "Backing up…", "Not backed up", None, cancellable=False)
    results: list[object] = []

    def work() -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    task.start(_on(detached, work), results.append)
    qtbot.waitUntil(lambda: not task.running, timeout=30_000)
    assert results == []
    assert [title for title, _text in warnings] == ["Not backed up"]
    assert "disk is full" in warnings[0][1]
    assert not task.relay.dialog.isVisible()


def test_a_bug_is_raised_for_the_crash_handler(parent: QWidget) -> None:
    with pytest.raises(KeyError):
        report_failure(parent, "Not verified", KeyError("no such column"), None)


def test_cancel_stops_the_work_between_steps_and_shows_nothing(
    qtbot: QtBot, parent: QWidget, warnings: list[tuple[str, str]]
) -> None:
    detached = Detached(parent)
    task = LongTask(parent, "Verifying…", "Not verified", None)
    pressed = threading.Event()
    steps: list[int] = []
    outcome: list[str] = []

    def work() -> str:
        for step in range(1000):
            if step == 3:
                pressed.wait(30)  # Cancel is pressed while the work is at step 3
            task.progress(step, 1000)
            steps.append(step)
        return "done"

    task.start(
        _on(detached, work), outcome.append, on_cancelled=lambda: outcome.append("cancelled")
    )
    qtbot.waitUntil(lambda: len(steps) == 3, timeout=30_000)
    task.relay.dialog.canceled.emit()  # what its Cancel button does
    pressed.set()
    qtbot.waitUntil(lambda: not task.running, timeout=30_000)
    assert outcome == ["cancelled"]
    assert steps == [0, 1, 2]
    assert warnings == []


def test_an_import_keeps_what_it_filed_before_cancel(qtbot: QtBot, parent: QWidget) -> None:
    detached = Detached(parent)
    task = LongTask(parent, "Filing documents…", "Documents not filed", None)
    task.relay.dialog.canceled.emit()
    filed: list[list[str]] = []

    def work() -> list[str]:
        return ["a.eml"] if task.cancelled else ["a.eml", "b.eml"]

    task.start(_on(detached, work), filed.append, keep_cancelled=True)
    qtbot.waitUntil(lambda: not task.running, timeout=30_000)
    assert filed == [["a.eml"]]


def test_work_that_cannot_stop_has_no_cancel_button(parent: QWidget) -> None:
    stoppable = LongTask(parent, "Verifying…", "Not verified", None)
    unstoppable = LongTask(parent, "Restoring…", "Not restored", None, cancellable=False)
    assert stoppable.relay.dialog.findChild(QPushButton) is not None
    assert unstoppable.relay.dialog.findChild(QPushButton) is None
    stoppable.relay.finish()
    unstoppable.relay.finish()


def test_the_cancelled_error_stops_a_worker_at_its_next_check(parent: QWidget) -> None:
    task = LongTask(parent, "Building the memo…", "Memo not built", None)
    task.check()  # not cancelled: goes on
    task.relay.dialog.canceled.emit()
    with pytest.raises(TaskCancelledError):
        task.check()
    task.relay.finish()
