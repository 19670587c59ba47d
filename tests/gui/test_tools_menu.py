"""Tools → Verify library…, File → Back up… and Restore…, the daily backup and open warnings."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.core.enums import MatterKind
from desktop_app.core.models import Matter
from desktop_app.core.services import MatterService
from desktop_app.gui.app import Session, open_session
from desktop_app.gui.main_window import MainWindow
from desktop_app.paths import LibraryPaths
from desktop_app.storage.backup import create_backup
from desktop_app.storage.library import Library
from desktop_app.storage.rotation import generations

Yes = QMessageBox.StandardButton.Yes


class Said:
    """Captures what the window says through QMessageBox's static functions."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: Any = Yes) -> None:
        self.info: list[str] = []
        self.warnings: list[str] = []
        self.questions: list[str] = []
        monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: self.info.append(text))
        monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: self.warnings.append(text))
        monkeypatch.setattr(
            QMessageBox, "critical", lambda _p, _t, text: self.warnings.append(text)
        )

        def question(_p: object, _t: str, text: str, *_a: object) -> Any:
            self.questions.append(text)
            return answer

        monkeypatch.setattr(QMessageBox, "question", question)


def _choose_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))


def _window(qtbot: QtBot, session: Session, **options: Any) -> MainWindow:
    window = MainWindow(session.gateway, settings=None, **options)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.agenda_loaded)
    return window


# -- verify -----------------------------------------------------------------------------------


def test_verify_shows_a_clean_result(qtbot: QtBot, sample_window: MainWindow) -> None:
    sample_window.check.verify()
    qtbot.waitUntil(lambda: sample_window.check.dialog is not None, timeout=30_000)
    dialog = sample_window.check.dialog
    assert dialog is not None
    assert dialog.report.ok
    assert dialog.summary.text().startswith("Library verified: ")
    assert dialog.summary.text().endswith(" 0 problems")
    assert dialog.windowTitle() == "Library verified"
    assert sample_window.check.task is None  # the progress dialog is gone


def test_verify_lists_a_tampered_audit_row_and_saves_the_report(
    qtbot: QtBot, sample_paths: LibraryPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = sqlite3.connect(sample_paths.database)
    with conn:
        conn.execute("UPDATE audit SET actor = 'mallory' WHERE seq = 3")
    conn.close()
    session = open_session(sample_paths, "tester")
    try:
        window = _window(qtbot, session)
        window.check.verify()
        qtbot.waitUntil(lambda: window.check.dialog is not None, timeout=30_000)
        dialog = window.check.dialog
        assert dialog is not None
        assert not dialog.report.ok
        listed = dialog.text.toPlainText()
        assert "audit chain: " in listed
        assert "entry 3" in listed
        assert dialog.windowTitle() == "Library problems found"
        target = tmp_path / "report.txt"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
        dialog.save_report()
        saved = target.read_text(encoding="utf-8")
        assert saved == dialog.report_text()
        assert "entry 3" in saved
        assert saved.splitlines()[-1].startswith("Library verified: ")
        window.close()
    finally:
        session.close()


def test_verify_cancel_shows_nothing(qtbot: QtBot, sample_window: MainWindow) -> None:
    check = sample_window.check
    check.verify()
    assert check.task is not None
    check.task.relay.dialog.canceled.emit()
    with qtbot.waitSignal(check.finished, timeout=30_000) as blocker:
        pass
    assert blocker.args == [None]
    assert check.dialog is None


# -- back up and restore ----------------------------------------------------------------------


def test_back_up_into_an_empty_folder(
    qtbot: QtBot, sample_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = Said(monkeypatch)
    out = tmp_path / "backup"
    out.mkdir()
    _choose_folder(monkeypatch, out)
    with qtbot.waitSignal(sample_window.backups.finished, timeout=30000):
        sample_window.backups.back_up()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["matters"] == 3
    assert said.info
    assert "3 matters" in said.info[0]
    assert str(out) in said.info[0]


def test_back_up_into_a_folder_with_files_makes_a_new_folder_inside(
    qtbot: QtBot, sample_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Said(monkeypatch)
    (tmp_path / "other.txt").write_text("x")
    _choose_folder(monkeypatch, tmp_path)
    with qtbot.waitSignal(sample_window.backups.finished, timeout=30000):
        sample_window.backups.back_up()
    [made] = [p for p in tmp_path.iterdir() if p.name.startswith("Compliance Desk backup")]
    assert (made / "manifest.json").is_file()


@pytest.fixture
def backup_then_more(sample_paths: LibraryPaths, tmp_path: Path) -> Path:
    """A backup of the sample library, made before a fourth matter was added to it."""
    out = tmp_path / "backup"
    create_backup(sample_paths, out)
    library = Library.open(sample_paths, write=True)
    try:
        MatterService(library, "test").create_matter(
            Matter(title="Added after the backup", kind=MatterKind.LICENSE_APPLICATION)
        )
    finally:
        library.close()
    return out


def test_restore_keeps_the_library_with_data_aside(
    qtbot: QtBot,
    sample_paths: LibraryPaths,
    backup_then_more: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    said = Said(monkeypatch)
    _choose_folder(monkeypatch, backup_then_more)
    session = open_session(sample_paths, "tester")
    try:
        window = _window(qtbot, session)
        window.open_case("EC-2026-0001")
        assert window.docket.model.rowCount() == 4
        with qtbot.waitSignal(window.backups.finished, timeout=60000):
            window.backups.restore()
        assert "3 matters" in said.questions[0]  # the backup's manifest, before anything
        assert "holds 4 matters" in said.questions[1]
        assert "Keep the current library aside as " in said.questions[1]
        [aside] = [p for p in sample_paths.root.parent.iterdir() if ".before-restore-" in p.name]
        assert str(aside) in said.info[-1]
        assert str(aside) in said.questions[1]  # the folder the question named is the one used
        assert (aside / "library.db").is_file()
        assert window.docket.model.rowCount() == 3  # the restored library, in the same window
        assert window.gateway.writable
        assert window.matter_id is None
        assert not said.warnings
        window.close()
    finally:
        session.close()


def _open_matter(window: MainWindow) -> int | None:
    return window.matter_id


def test_the_matter_open_before_a_restore_opens_again_from_the_docket(
    qtbot: QtBot, sample_paths: LibraryPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Said(monkeypatch)
    backup = tmp_path / "backup"
    create_backup(sample_paths, backup)  # the same three matters as the library
    _choose_folder(monkeypatch, backup)
    session = open_session(sample_paths, "tester")
    try:
        window = _window(qtbot, session)
        window.docket.table.selectRow(0)  # chosen on the docket: the row stays selected
        chosen = _open_matter(window)
        assert chosen is not None
        with qtbot.waitSignal(window.backups.finished, timeout=60000):
            window.backups.restore()
        assert _open_matter(window) is None
        window.docket.table.selectRow(0)  # the same row again
        assert _open_matter(window) == chosen
        window.close()
    finally:
        session.close()


def test_restore_declined_keeps_everything(
    qtbot: QtBot,
    sample_paths: LibraryPaths,
    backup_then_more: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    said = Said(monkeypatch)
    answers = iter([Yes, QMessageBox.StandardButton.No])
    monkeypatch.setattr(QMessageBox, "question", lambda *a: next(answers))
    _choose_folder(monkeypatch, backup_then_more)
    session = open_session(sample_paths, "tester")
    try:
        window = _window(qtbot, session)
        with qtbot.waitSignal(window.backups.finished, timeout=60000):
            window.backups.restore()
        assert not [p for p in sample_paths.root.parent.iterdir() if "before-restore" in p.name]
        assert window.docket.model.rowCount() == 4
        assert window.gateway.writable
        assert not said.info
        assert not said.warnings
        window.close()
    finally:
        session.close()


def test_a_damaged_backup_is_refused_and_changes_nothing(
    qtbot: QtBot, sample_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = Said(monkeypatch)
    out = tmp_path / "backup"
    create_backup(sample_window.library_paths, out)
    with (out / "library.db").open("r+b") as db:
        db.seek(5000)
        db.write(b"\x00garbage\x00")
    _choose_folder(monkeypatch, out)
    with qtbot.waitSignal(sample_window.backups.finished, timeout=60000):
        sample_window.backups.restore()
    assert said.warnings
    assert "nothing" in said.warnings[0].lower()
    assert sample_window.docket.model.rowCount() == 3
    assert sample_window.gateway.writable


def test_a_folder_that_is_no_backup_is_refused(
    sample_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = Said(monkeypatch)
    _choose_folder(monkeypatch, tmp_path)
    sample_window.backups.restore()
    assert said.warnings
    assert "manifest.json" in said.warnings[0]
    assert not said.questions


# -- the daily backup on exit, and warnings at open ------------------------------------------


def test_daily_backup_made_when_the_window_closes(
    qtbot: QtBot, sample_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = Said(monkeypatch)
    window = _window(qtbot, sample_session, daily_backup=True)
    paths = window.library_paths
    assert generations(paths) == []
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30000)
    assert [g.name.endswith("-daily") for g in generations(paths)] == [True]
    assert not said.warnings


def test_daily_backup_warning_is_shown(
    qtbot: QtBot, sample_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = Said(monkeypatch)
    monkeypatch.setattr(Library, "daily_backup", lambda self: "The daily backup failed: full.")
    window = _window(qtbot, sample_session, daily_backup=True)
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30000)
    assert said.warnings == ["The daily backup failed: full."]


def test_no_daily_backup_without_the_option(sample_window: MainWindow) -> None:
    sample_window.close()
    assert not sample_window.isVisible()
    assert generations(sample_window.library_paths) == []


def test_location_warning_shown_after_the_first_paint(
    qtbot: QtBot, sample_paths: LibraryPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "The library is on a network share; SQLite can lose data there."
    monkeypatch.setattr(Library, "warning", property(lambda self: text))
    session = open_session(sample_paths, "tester")
    try:
        window = _window(qtbot, session)
        qtbot.waitUntil(window.banner.isVisible)
        assert window.banner.label.text() == text  # said once, though writer and reader saw it
        window.banner.dismiss.click()
        assert not window.banner.isVisible()
        window.close()
    finally:
        session.close()


def test_no_banner_without_warnings(sample_window: MainWindow) -> None:
    assert not sample_window.banner.isVisible()


def test_tools_and_file_menus(sample_window: MainWindow) -> None:
    entries = {
        a.text().replace("&", ""): a.shortcut().toString()
        for menu in sample_window.menuBar().actions()
        for a in menu.menu().actions()  # type: ignore[attr-defined]
    }
    assert entries["Verify library…"] == "Ctrl+Shift+V"
    assert entries["Back up…"] == "Ctrl+Shift+B"
    assert "Restore from a backup…" in entries
