"""The lists pane hides and comes back from the keys, and the window remembers it hidden."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.window_state import restore_state, save_state
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
    sample_window: MainWindow, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    sample_window.open_case("EC-2026-0001")
    sample_window.list_pane.set_shown(False)
    save_state(sample_window, sample_window.splitter, settings)
    sample_window.list_pane.set_shown(True)
    assert restore_state(sample_window, sample_window.splitter, settings)
    sample_window.list_pane.sync()
    assert sample_window.splitter.sizes()[0] == 0
    assert not sample_window.list_pane.action.isChecked()


def test_without_a_matter_open_the_lists_cannot_be_hidden(sample_window: MainWindow) -> None:
    assert not sample_window.list_pane.action.isEnabled()  # off, with the Matter menu
    sample_window.list_pane.set_shown(False)
    assert sample_window.splitter.sizes()[0] > 0
    sample_window.open_case("EC-2026-0001")
    sample_window.list_pane.set_shown(False)
    sample_window.leave_matter()
    assert sample_window.splitter.sizes()[0] > 0  # closing the matter shows them again
