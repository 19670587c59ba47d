"""The lists pane hides and comes back from the keys, and the window remembers it hidden.

Also: a matter opened in error is voided from the Matter menu and leaves the docket.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop_app.gui.app import Session
from desktop_app.gui.main_window import MainWindow
from tests.gui.conftest import LOADED_WAIT as WAIT

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_ctrl_shift_l_hides_the_lists_and_a_list_shortcut_brings_them_back(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    window = sample_window
    window.open_case("EC-2026-0001")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
    qtbot.waitUntil(lambda: window.splitter.sizes()[1] > 0, timeout=WAIT)  # laid out
    width = window.splitter.sizes()[0]
    assert width > 0
    assert window.list_pane.action.isChecked()
    QTest.keyClick(window, Qt.Key.Key_L, CTRL_SHIFT)
    assert window.splitter.sizes()[0] == 0
    assert not window.list_pane.action.isChecked()
    QTest.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.splitter.sizes()[0] == width  # back at the width it had
    assert window.views.currentWidget() is window.docket
    assert window.list_pane.action.isChecked()


def test_a_hidden_pane_stays_hidden_when_the_window_opens_again(
    qtbot: QtBot, sample_session: Session, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    first = MainWindow(sample_session.gateway, settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitUntil(lambda: first.agenda_loaded, timeout=WAIT)
    first.open_case("EC-2026-0001")
    first.list_pane.choose(False)  # as Ctrl+Shift+L does
    assert first.splitter.sizes()[0] == 0
    first.close()
    again = MainWindow(sample_session.gateway, settings)  # the next run, on the same settings
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.agenda_loaded, timeout=WAIT)
    assert again.splitter.sizes()[0] > 0  # no matter open: the lists are all there is
    again.open_case("EC-2026-0001")
    assert again.splitter.sizes()[0] == 0  # beside a matter, hidden as it was left
    again.views.show_docket()
    again.list_pane.ask_lists()  # Ctrl+D: the lists come back, and stay
    assert again.splitter.sizes()[0] > 0
    assert settings.value("window/lists_hidden") in (False, "false")


def test_without_a_matter_open_the_lists_cannot_be_hidden(sample_window: MainWindow) -> None:
    assert not sample_window.list_pane.action.isEnabled()  # off, with the Matter menu
    sample_window.list_pane.set_shown(False)
    assert sample_window.splitter.sizes()[0] > 0
    sample_window.open_case("EC-2026-0001")
    sample_window.list_pane.set_shown(False)
    sample_window.leave_matter()
    assert sample_window.splitter.sizes()[0] > 0  # closing the matter shows them again


def test_a_matter_opened_in_error_is_voided_from_the_matter_menu(
    qtbot: QtBot, sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from desktop_app.core.enums import MatterKind
    from desktop_app.core.models import Matter
    from desktop_app.core.services import MatterService

    window = sample_window
    saved: list[Matter] = []
    window.gateway.run(
        lambda library: (
            MatterService(library, "tester")
            .create_matter(Matter("Opened twice", MatterKind.INTERNAL_REVIEW))
            .record
        ),
        saved.append,
        lambda error: pytest.fail(str(error)),
    )
    qtbot.waitUntil(lambda: bool(saved), timeout=WAIT)
    number = saved[0].number
    qtbot.waitUntil(lambda: number in _numbers(window), timeout=WAIT)
    window.open_case(number)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("opened twice", True))
    window.retention.void_matter()
    qtbot.waitUntil(lambda: number not in _numbers(window), timeout=WAIT)
    assert window.matter_id is None
    assert "Voided" in window.statusBar().currentMessage()


def _numbers(window: MainWindow) -> set[str]:
    return {s.matter.number for s in window.docket.model.rows()}
