"""File choosers open in the person's Documents folder, then where they last went for that use.

Before, every chooser opened in the process's working folder: for the installed app, the
program's own folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.gui import file_dialogs


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folder each chooser was opened in; a fresh session's memory of folders."""
    monkeypatch.setattr(file_dialogs, "_last", {})
    return []


def _answer(monkeypatch: pytest.MonkeyPatch, asked: list[str], answer: str) -> None:
    def save(_parent: Any, _title: str, where: str, _filters: str = "") -> tuple[str, str]:
        asked.append(where)
        return answer, ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)


def test_a_first_chooser_opens_in_documents_not_the_program_folder(
    qtbot: QtBot, asked: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    documents = Path.home() / "Documents"
    documents.mkdir()
    monkeypatch.chdir(tmp_path)  # the working folder: where Qt would open
    parent = QWidget()
    qtbot.addWidget(parent)
    _answer(monkeypatch, asked, "")
    assert file_dialogs.save_file(parent, "Save memo as", "memo", "memo.pdf") is None
    assert asked == [str(documents / "memo.pdf")]


def test_without_documents_it_opens_at_home(asked: list[str]) -> None:
    assert file_dialogs.start_folder("memo") == Path.home()


def test_the_next_chooser_for_that_use_opens_where_the_last_one_saved(
    qtbot: QtBot, asked: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    chosen = tmp_path / "filed" / "EC-2026-0001 memo.pdf"
    chosen.parent.mkdir()
    _answer(monkeypatch, asked, str(chosen))
    assert file_dialogs.save_file(parent, "Save memo as", "memo", "memo.pdf") == chosen
    _answer(monkeypatch, asked, "")  # cancelled: remembers the folder of the last choice
    file_dialogs.save_file(parent, "Save memo as", "memo", "memo v2.pdf")
    assert asked[-1] == str(chosen.parent / "memo v2.pdf")
    assert file_dialogs.start_folder("original") == Path.home()  # another use, its own folder


def test_a_remembered_folder_that_is_gone_is_not_offered(
    qtbot: QtBot, asked: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    gone = tmp_path / "usb"
    gone.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a: str(gone))
    parent = QWidget()
    qtbot.addWidget(parent)
    assert file_dialogs.folder(parent, "Back up", "backup") == gone
    gone.rmdir()  # the drive was taken out
    assert file_dialogs.start_folder("backup") == Path.home()
