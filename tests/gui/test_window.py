"""The window as a whole: screenshots, remembered geometry, read-only mode, shortcuts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop_app.errors import NotFoundError, ValidationError
from desktop_app.gui.app import Session, open_session
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.screenshot import SIZE, take_screenshot
from desktop_app.paths import LibraryPaths


def test_screenshot_of_a_matter_tab(sample_paths: LibraryPaths, tmp_path: Path) -> None:
    out = tmp_path / "parties.png"
    take_screenshot(sample_paths, out, case="ec-2026-0001", view="parties")
    image = QImage(str(out))
    assert (image.width(), image.height()) == SIZE


def test_screenshot_refuses_unknown_case_and_view(
    sample_paths: LibraryPaths, tmp_path: Path
) -> None:
    with pytest.raises(NotFoundError, match="EC-2026-0099"):
        take_screenshot(sample_paths, tmp_path / "x.png", case="EC-2026-0099", view="docket")
    with pytest.raises(ValidationError, match="Unknown view"):
        take_screenshot(sample_paths, tmp_path / "x.png", case=None, view="nowhere")
    assert not (tmp_path / "x.png").exists()


def test_geometry_is_remembered(qtbot: QtBot, sample_session: Session, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    first = MainWindow(sample_session.gateway, settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(720, 540)
    first.splitter.setSizes([300, 420])
    saved = (first.width(), first.height())
    left = first.splitter.sizes()[0]
    first.close()
    second = MainWindow(sample_session.gateway, settings)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == saved
    second.show()
    assert second.splitter.sizes()[0] == left


def test_read_only_session_disables_changes(qtbot: QtBot, sample_paths: LibraryPaths) -> None:
    session = open_session(sample_paths, "reader", write=False)
    try:
        window = MainWindow(session.gateway, settings=None)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.agenda_loaded)  # the lists fill after the first paint
        window.docket.table.selectRow(0)
        assert "read-only" in window.windowTitle()
        assert not window.workspace.parties.add_button.isEnabled()
        assert not window.workspace.overview.edit_button.isEnabled()
    finally:
        session.close()


def test_tab_shortcuts(sample_window: MainWindow) -> None:
    sample_window.open_case("EC-2026-0002")
    sample_window.show_tab("history")
    assert sample_window.workspace.tabs.currentWidget() is sample_window.workspace.history
    assert sample_window.workspace.history.model.rowCount() > 0
