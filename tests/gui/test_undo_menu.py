"""Edit → Undo and Redo from the keyboard, and the person's name from Preferences in the History."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.core.authorizations import License
from desktop_app.core.decisions import DecisionService
from desktop_app.core.undo import Step
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.matter.license_dialog import LicenseDialog
from desktop_app.gui.matter.note_dialog import NoteDialog
from desktop_app.gui.preferences import PreferencesDialog
from tests.gui.conftest import LOADED_WAIT as WAIT
from tests.gui.conftest import WriteWaiter


def _open_licensed_matter(window: MainWindow) -> License:
    for row, summary in enumerate(window.gateway.docket()):
        licenses = window.gateway.record(summary.matter.id).decisions.licenses
        if licenses:
            window.docket.table.selectRow(row)
            return licenses[0]
    raise AssertionError("the sample has a license")


def _stored(window: MainWindow, license_: License) -> License:
    record = window.gateway.record(license_.matter_id)
    return next(x for x in record.decisions.licenses if x.id == license_.id)


def _name_myself(qtbot: QtBot, window: MainWindow, wait_writes: WriteWaiter) -> None:
    window.edits.preferences_action.trigger()
    dialog = window.edits.dialog
    assert isinstance(dialog, PreferencesDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name.widget, timeout=WAIT)
    QTest.keyClicks(dialog.name.widget, "Jane Doe")
    QTest.keyClick(dialog.name.widget, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.title_field.widget  # Tab went to the title
    QTest.keyClicks(dialog.title_field.widget, "Senior Counsel")
    QTest.keyClick(
        dialog.title_field.widget, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: window.edits.dialog is None, timeout=WAIT)
    wait_writes(window)
    assert window.gateway.people()["tester"].title == "Senior Counsel"


def test_a_corrected_license_date_shows_by_name_and_ctrl_z_undoes_it(
    qtbot: QtBot, sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    _name_myself(qtbot, sample_window, wait_writes)
    license_ = _open_licensed_matter(sample_window)
    sample_window.workspace.determinations.edit_license(license_)
    dialog = sample_window.workspace.dialog
    assert isinstance(dialog, LicenseDialog)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT)  # shortcuts reach the active window
    dialog.validated_on.setText("2026-08-17")
    QTest.keyClick(dialog.validated_on, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: sample_window.workspace.dialog is None, timeout=WAIT)
    wait_writes(sample_window)
    assert _stored(sample_window, license_).validated_on == date(2026, 8, 17)
    history = sample_window.workspace.history.model
    assert history.index(0, 2).data() == "Jane Doe (tester)"
    assert history.index(0, 3).data() == f"Changed the license “{license_.number}”"
    assert "validated on: 2026-08-14 → 2026-08-17" in history.index(0, 4).data()
    assert (
        sample_window.edits.undo_action.text() == f"&Undo Changed the license “{license_.number}”"
    )

    sample_window.activateWindow()
    qtbot.waitUntil(sample_window.isActiveWindow, timeout=WAIT)
    QTest.keyClick(sample_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    wait_writes(sample_window)
    assert _stored(sample_window, license_) == license_
    assert sample_window.statusBar().currentMessage().startswith("Undone: Changed the license")
    history = sample_window.workspace.history.model  # read again: the undo is a new change
    assert "validated on: 2026-08-17 → 2026-08-14" in history.index(0, 4).data()
    assert history.index(0, 2).data() == "Jane Doe (tester)"

    shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(sample_window, Qt.Key.Key_Z, shift)
    wait_writes(sample_window)
    assert _stored(sample_window, license_).validated_on == date(2026, 8, 17)
    assert not sample_window.edits.redo_action.isEnabled()  # nothing left to redo


def test_undo_refused_when_the_record_changed_since_changes_nothing(
    qtbot: QtBot,
    sample_window: MainWindow,
    wait_writes: WriteWaiter,
) -> None:
    license_ = _open_licensed_matter(sample_window)
    gateway = sample_window.gateway
    gateway.decide(lambda s: s.update_license(replace(license_, validated_on=date(2026, 8, 17))))
    wait_writes(sample_window)
    later = replace(license_, validated_on=date(2026, 8, 18))
    assert gateway.worker is not None
    # A change the window did not make (another window's save): not on the Undo list.
    gateway.worker.run_op(
        lambda library: DecisionService(library, "other").update_license(later),
        lambda _r: None,
        lambda _e: None,
    )
    wait_writes(sample_window)
    refused: list[BaseException] = []
    gateway.undo(on_error=refused.append)
    qtbot.waitUntil(lambda: bool(refused), timeout=WAIT)
    assert "changed again" in str(refused[0])
    assert _stored(sample_window, license_).validated_on == date(2026, 8, 18)
    assert gateway.steps.next_undo is None  # it can never be undone, so it is off the list
    assert not sample_window.edits.undo_action.isEnabled()


def test_a_step_that_cannot_be_undone_stops_undo_with_the_reason(sample_window: MainWindow) -> None:
    steps = sample_window.gateway.steps
    steps.did(Step(1, 2, "Added the note “a”"))
    steps.did(Step(3, 9, "Added the document “letter.pdf”", blocked="It changed documents."))
    action = sample_window.edits.undo_action
    assert not action.isEnabled()
    assert action.toolTip() == "It changed documents."
    assert action.text() == "&Undo Added the document “letter.pdf”"


def test_a_note_is_corrected_from_the_overview(
    qtbot: QtBot, sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    sample_window.docket.table.selectRow(0)
    notes = sample_window.workspace.overview.notes
    notes.table.selectRow(0)
    note = notes.selected()
    assert note is not None
    assert notes.edit_button.isVisible()
    notes.edit_button.click()
    dialog = sample_window.workspace.dialog
    assert isinstance(dialog, NoteDialog)
    assert dialog.windowTitle() == "Edit note"
    dialog.text.widget.setPlainText(note.text + " (corrected)")
    dialog.save()
    qtbot.waitUntil(lambda: sample_window.workspace.dialog is None, timeout=WAIT)
    wait_writes(sample_window)
    stored = next(n for n in sample_window.workspace.record.notes if n.id == note.id)  # type: ignore[union-attr]
    assert (stored.text, stored.author) == (note.text + " (corrected)", note.author)
