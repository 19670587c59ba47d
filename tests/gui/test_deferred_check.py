"""The window paints before the quick_check of its library; a library failing it goes read-only."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.session import Session, open_session
from desktop_app.paths import LibraryPaths
from desktop_app.storage import connection
from desktop_app.storage import library as library_module


@pytest.fixture
def opened(sample_paths: LibraryPaths) -> Iterator[Session]:
    session = open_session(sample_paths, "tester", check_later=True)
    try:
        yield session
    finally:
        session.close()


def _window(qtbot: QtBot, session: Session) -> MainWindow:
    window = MainWindow(session.gateway, settings=None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.agenda_loaded)
    return window


def test_a_sound_library_is_checked_after_the_first_paint_and_stays_writable(
    qtbot: QtBot, sample_paths: LibraryPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer and reader open without reading the whole file; the check runs once after."""
    checks: list[bool] = []
    real = connection.health_problem

    def counted(conn: object, *, quick_check: bool = True) -> str | None:
        checks.append(quick_check)
        return real(conn, quick_check=quick_check)  # type: ignore[arg-type]

    monkeypatch.setattr(library_module, "health_problem", counted)
    session = open_session(sample_paths, "tester", check_later=True)
    window = _window(qtbot, session)
    gateway = window._gateway
    qtbot.waitUntil(lambda: not gateway.unchecked and gateway.worker is not None)
    qtbot.waitUntil(lambda: checks.count(True) == 1)
    assert checks[:2] == [False, False]  # writer and reader opened without reading the file
    assert gateway.writable
    window.close()
    session.close()


def test_a_library_failing_the_deferred_check_turns_read_only_with_a_message(
    qtbot: QtBot, opened: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: told.append(text))

    def failing_check(self: library_module.Library) -> str:
        self.problem = "page 7"
        return "page 7"

    monkeypatch.setattr(library_module.Library, "check", failing_check)
    window = _window(qtbot, opened)
    qtbot.waitUntil(lambda: bool(told))
    assert "failed its integrity check (page 7)" in told[0]
    assert not window._gateway.writable
    assert window._gateway.worker is None
    window.close()
