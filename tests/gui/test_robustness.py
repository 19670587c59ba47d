"""The window when things go wrong: damaged or busy libraries, impatient people, odd numbers."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.gui import app as gui_app
from desktop_app.gui.app import Session, open_session
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.matter.item_dialog import ItemDialog
from desktop_app.gui.matter.matter_dialog import MatterDialog
from desktop_app.gui.matter.party_dialog import PartyDialog
from desktop_app.gui.widgets import form
from desktop_app.paths import LibraryPaths
from desktop_app.storage.library import Library

WriteWaiter = Callable[[MainWindow], None]


def _damage_an_index(paths: LibraryPaths) -> None:
    """Corrupt one page of an index so quick_check fails while the tables still read."""
    conn = sqlite3.connect(paths.database)
    root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'idx_activities_item_id'"
    ).fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with paths.database.open("r+b") as handle:
        handle.seek((root - 1) * page_size + 8)
        handle.write(b"\xff" * 16)


def test_a_damaged_library_opens_read_only_with_a_message(
    qtbot: QtBot, sample_paths: LibraryPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _damage_an_index(sample_paths)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    session = open_session(sample_paths, "tester")
    try:
        assert session.worker is None
        window = MainWindow(session.gateway, settings=None)
        qtbot.addWidget(window)
        gui_app._warn_if_damaged(window, session)
        assert "read-only" in window.windowTitle()
        assert not window._actions.writes[0].isEnabled()
        assert shown
        assert "failed its integrity check" in shown[0]
    finally:
        session.close()


def test_a_library_in_use_can_be_opened_read_only(
    qtbot: QtBot, sample_paths: LibraryPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    holder = Library.open(sample_paths, write=True)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    try:
        session = gui_app._open_or_explain(sample_paths)
        assert session is not None
        assert not session.gateway.writable
        session.close()
    finally:
        holder.close()


def test_a_too_new_library_is_explained(
    sample_paths: LibraryPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = sqlite3.connect(sample_paths.database)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('compliance_desk', '9999_from_the_future', 'x')"
    )
    conn.commit()
    conn.close()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    assert gui_app._open_or_explain(sample_paths) is None
    assert "newer version of Compliance Desk" in shown[0]


def test_a_dialog_cannot_be_closed_while_saving(
    sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    sample_window.docket.table.selectRow(0)
    sample_window.workspace.edit_matter()
    dialog = sample_window.workspace.dialog
    assert isinstance(dialog, MatterDialog)
    dialog.counsel.widget.setText("Someone Else")
    dialog.save()
    dialog.reject()
    assert dialog.isVisible()
    wait_writes(sample_window)
    assert sample_window.workspace.dialog is None
    record = sample_window.workspace.record
    assert record is not None
    assert record.matter.counsel == "Someone Else"


def test_the_docket_filter_follows_an_edit(
    sample_window: MainWindow, sample_session: Session, wait_writes: WriteWaiter
) -> None:
    docket = sample_window.docket
    docket.filter_box.setText("classification")
    assert docket.proxy.rowCount() == 1
    matter = sample_session.gateway.find_matter("EC-2026-0002")
    renamed = replace(matter, title="Tern Clinical 1 question", tags=(), summary="")
    sample_session.gateway.write(lambda service: service.update_matter(renamed))
    wait_writes(sample_window)
    docket.filter_box.setText("classification")
    assert docket.proxy.rowCount() == 0
    docket.filter_box.setText("tern clinical")
    assert docket.proxy.rowCount() == 1


def test_odd_numbers_get_messages_not_crashes(
    sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []

    def discard(dialog: object) -> bool:
        asked.append(dialog)
        return True

    monkeypatch.setattr(form, "ask_discard", discard)
    sample_window.docket.table.selectRow(0)
    workspace = sample_window.workspace
    workspace.edit_party(None)
    party = workspace.dialog
    assert isinstance(party, PartyDialog)
    party.name.widget.setText("Row test")
    for typed in ("²", "٣", "9" * 30, "-1"):
        party.annex_row.setText(typed)
        party.save()
        assert party.error_text("annex_row"), typed
    party.reject()
    assert asked == [party]
    workspace.edit_item(None)
    item = workspace.dialog
    assert isinstance(item, ItemDialog)
    item.name.widget.setText("Weights")
    for typed in ("1e999", "lots", "-5"):
        item.training_ops.setText(typed)
        item.save()
        assert item.error_text("training_ops"), typed
