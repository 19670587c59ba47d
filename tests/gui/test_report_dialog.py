"""File → Docket report… typed through from the keyboard: header lines, day, file, Ctrl+Enter."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.report_dialog import ReportDialog
from tests.gui.conftest import LOADED_WAIT as WAIT


def _open(qtbot: QtBot, window: MainWindow) -> ReportDialog:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
    QTest.keyClick(
        window,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.reports.dialog
    assert isinstance(dialog, ReportDialog)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT)
    return dialog


def _text(pdf: Path) -> str:
    pages = PdfReader(io.BytesIO(pdf.read_bytes())).pages
    return " ".join(" ".join(p.extract_text() for p in pages).split())


def test_docket_report_takes_to_from_cc_and_writes_the_file(
    qtbot: QtBot, sample_window: MainWindow, tmp_path: Path
) -> None:
    dialog = _open(qtbot, sample_window)
    assert QApplication.focusWidget() is dialog.to.widget  # typing starts in To
    dialog.to.widget.selectAll()
    QTest.keyClicks(dialog.to.widget, "Audit Committee")
    QTest.keyClick(dialog.to.widget, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.from_line.widget
    dialog.from_line.widget.selectAll()
    QTest.keyClicks(dialog.from_line.widget, "Jane Doe")
    QTest.keyClick(dialog.from_line.widget, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.cc.widget
    dialog.cc.widget.selectAll()
    QTest.keyClicks(dialog.cc.widget, "Chief Compliance Officer")
    QTest.keyClick(dialog.cc.widget, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.as_of
    QTest.keyClick(dialog.as_of, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.target
    target = tmp_path / "docket.pdf"
    dialog.target.setText(str(target))
    QTest.keyClick(dialog.target, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: sample_window.reports.dialog is None, timeout=WAIT)
    assert str(target) in sample_window.statusBar().currentMessage()
    text = _text(target)
    assert "To: Audit Committee" in text
    assert "From: Jane Doe" in text
    assert "CC: Chief Compliance Officer" in text
    assert "EC-2026-0001" in text


def test_a_missing_folder_is_named_beside_the_field_and_nothing_is_written(
    qtbot: QtBot, sample_window: MainWindow, tmp_path: Path
) -> None:
    dialog = _open(qtbot, sample_window)
    dialog.to.widget.clear()
    dialog.target.setText(str(tmp_path / "no-such-folder" / "docket.pdf"))
    QTest.keyClick(dialog.target, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert "no-such-folder" in dialog.error_text("target")
    assert dialog.error_text("to") == "To is required: the report's header names it"
    assert not (tmp_path / "no-such-folder").exists()


def test_a_file_already_there_is_replaced_only_when_counsel_say_so(
    qtbot: QtBot, sample_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "docket.pdf"
    target.write_bytes(b"counsel's own file")
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def answer(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog = _open(qtbot, sample_window)
    dialog.target.setText(str(target))
    QTest.keyClick(dialog.target, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert target.read_bytes() == b"counsel's own file"
    QTest.keyClick(dialog.target, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: sample_window.reports.dialog is None, timeout=WAIT)
    assert target.read_bytes().startswith(b"%PDF-")
    assert asked == [f"docket.pdf already exists in {tmp_path}. Replace it?"] * 2
