"""The dialogs that record the facts coverage needs (issue 14), driven as counsel would.

Typing starts in the first field, Ctrl+Enter saves from any field, Esc asks before throwing
changes away; the new fields reach the library exactly.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop_app.core.models import MatterRecord
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.matter.activity_dialog import ActivityDialog
from desktop_app.gui.matter.condition_dialog import ConditionDialog
from desktop_app.gui.matter.determination_dialog import DeterminationDialog
from desktop_app.gui.matter.letter_dialog import LetterDialog
from desktop_app.gui.matter.party_dialog import PartyDialog
from desktop_app.gui.widgets.form import FormDialog

WriteWaiter = Callable[[MainWindow], None]
CASE = "EC-2026-0001"
WAIT = 30_000
D = TypeVar("D", bound=FormDialog[Any])


def _record(window: MainWindow) -> MatterRecord:
    record = window.workspace.record
    assert record is not None
    return record


def _dialog(window: MainWindow, kind: type[D]) -> D:
    dialog = window.workspace.dialog
    assert isinstance(dialog, kind)
    return dialog


def _save_by_keys(qtbot: QtBot, window: MainWindow, field: QWidget) -> None:
    """Ctrl+Enter in ``field`` of the dialog (shortcuts reach the active window only)."""
    qtbot.waitUntil(field.window().isActiveWindow, timeout=WAIT)
    qtbot.keyClick(field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.workspace.dialog is None, timeout=WAIT)


def _person(window: MainWindow, name: str) -> int:
    return next(p.id for p in _record(window).parties if p.name == name)


def test_party_employment_is_saved_with_ctrl_enter(
    qtbot: QtBot, sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    sample_window.open_case(CASE)
    ananya = next(p for p in _record(sample_window).parties if p.name == "Ananya Raghunathan")
    sample_window.workspace.edit_party(ananya)
    dialog = _dialog(sample_window, PartyDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name.widget, timeout=WAIT)
    dialog.employed_since.setText("2024-02-01")
    dialog.employed_until.setText("2024-01-31")
    dialog.regular_employee.set_value(True)
    dialog.save()
    qtbot.waitUntil(lambda: bool(dialog.error_text("employed_until")), timeout=WAIT)
    assert dialog.error_text("employed_until") == "Employment cannot end before it began."
    dialog.employed_until.setText("")
    _save_by_keys(qtbot, sample_window, dialog.regular_employee)
    wait_writes(sample_window)
    stored = next(p for p in _record(sample_window).parties if p.id == ananya.id)
    assert (stored.employed_since, stored.employed_until, stored.regular_employee) == (
        date(2024, 2, 1),
        None,
        True,
    )


def test_activity_date_and_address_are_saved(
    qtbot: QtBot, sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    sample_window.open_case(CASE)
    export = next(a for a in _record(sample_window).activities if a.party_id == 2)
    sample_window.workspace.edit_activity(export)
    dialog = _dialog(sample_window, ActivityDialog)
    dialog.on.setText("2026-07-15")
    dialog.to_address.widget.setPlainText("27 Cobbler's Row, London EC2A 4NX")
    _save_by_keys(qtbot, sample_window, dialog.to_address.widget)
    wait_writes(sample_window)
    stored = next(a for a in _record(sample_window).activities if a.id == export.id)
    assert (stored.on, stored.to_address) == (
        date(2026, 7, 15),
        "27 Cobbler's Row, London EC2A 4NX",
    )


def test_letter_links_exclusions_and_revocation_are_saved(
    qtbot: QtBot, sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    sample_window.open_case(CASE)
    first, second = _record(sample_window).decisions.letters
    sample_window.workspace.determinations.edit_letter(second)
    dialog = _dialog(sample_window, LetterDialog)
    assert [
        dialog.supersedes_letter.itemData(i) for i in range(dialog.supersedes_letter.count())
    ] == [
        None,
        first.id,
    ]
    dialog.excluded.widget.setText("cn, D:9")
    dialog.save()
    qtbot.waitUntil(lambda: bool(dialog.error_text("excluded_destinations")), timeout=WAIT)
    assert "'D:9' is neither" in dialog.error_text("excluded_destinations")
    dialog.excluded.widget.setText("cn, D:5")
    dialog.addressee.set_value(_person(sample_window, "Halcyon Reasoning Labs, Inc."))
    dialog.modifies_letter.set_value(first.id)
    dialog.revoked_on.setText("2026-12-01")
    _save_by_keys(qtbot, sample_window, dialog.excluded.widget)
    wait_writes(sample_window)
    stored = _record(sample_window).decisions.letters[1]
    assert stored.excluded_destinations == ("CN", "D:5")
    assert (stored.addressee_id, stored.modifies_letter_id, stored.supersedes_letter_id) == (
        _person(sample_window, "Halcyon Reasoning Labs, Inc."),
        first.id,
        None,
    )
    assert stored.revoked_on == date(2026, 12, 1)


def test_condition_before_release_is_saved(
    qtbot: QtBot, sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    sample_window.open_case(CASE)
    condition = _record(sample_window).decisions.conditions[0]
    sample_window.workspace.conditions.edit_condition(condition)
    dialog = _dialog(sample_window, ConditionDialog)
    dialog.before_release.set_value(True)
    _save_by_keys(qtbot, sample_window, dialog.before_release)
    wait_writes(sample_window)
    stored = _record(sample_window).decisions.conditions[0]
    assert stored.before_release is True


def test_determination_names_its_items_and_activities(
    qtbot: QtBot, sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    sample_window.open_case(CASE)
    record = _record(sample_window)
    sample_window.workspace.determinations.edit_determination(None)
    dialog = _dialog(sample_window, DeterminationDialog)
    dialog.items.choices.set_ticked([record.items[1].id])
    dialog.activities.choices.set_ticked([record.activities[0].id])
    assert dialog.changed()
    _save_by_keys(qtbot, sample_window, dialog.activities)
    wait_writes(sample_window)
    stored = _record(sample_window).decisions.determinations[-1]
    assert (stored.item_ids, stored.activity_ids) == (
        (record.items[1].id,),
        (record.activities[0].id,),
    )


@pytest.mark.parametrize(
    "answer", [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
)
def test_esc_with_changes_asks_first(
    qtbot: QtBot,
    sample_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    answer: QMessageBox.StandardButton,
) -> None:
    asked: list[tuple[str, str]] = []

    def ask(box: QMessageBox) -> int:
        kept = box.button(QMessageBox.StandardButton.Cancel)
        asked.append((box.windowTitle(), kept.text()))
        return answer.value

    monkeypatch.setattr(QMessageBox, "exec", ask)
    sample_window.open_case(CASE)
    sample_window.workspace.edit_party(_record(sample_window).parties[9])
    dialog = _dialog(sample_window, PartyDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    dialog.employed_since.setText("2025-01-01")
    qtbot.keyClick(dialog.employed_since, Qt.Key.Key_Escape)
    assert asked == [("Discard changes?", "&Keep editing")]
    assert dialog.isVisible() is (answer == QMessageBox.StandardButton.Cancel)


def test_esc_without_changes_closes_at_once(
    qtbot: QtBot, sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "exec", lambda *_a: pytest.fail("asked"))
    sample_window.open_case(CASE)
    sample_window.workspace.edit_activity(None)
    dialog = _dialog(sample_window, ActivityDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: sample_window.workspace.dialog is None, timeout=WAIT)


def test_a_new_foreign_national_is_a_person_without_choosing_the_kind(
    sample_window: MainWindow,
) -> None:
    from desktop_app.core.enums import PartyKind, PartyRole
    from desktop_app.gui.matter.party_dialog import PartyDialog

    sample_window.open_case("EC-2026-0001")
    sample_window.workspace.edit_party(None)
    dialog = _dialog(sample_window, PartyDialog)
    assert dialog.kind.value() is PartyKind.ENTITY
    dialog.role.set_value(PartyRole.FOREIGN_NATIONAL)
    assert dialog.kind.value() is PartyKind.INDIVIDUAL
    dialog.done(0)  # closed unsaved, without the question Esc asks
    entity = next(p for p in _record(sample_window).parties if p.kind is PartyKind.ENTITY)
    sample_window.workspace.edit_party(entity)
    stored = _dialog(sample_window, PartyDialog)
    stored.role.set_value(PartyRole.FOREIGN_NATIONAL)
    assert stored.kind.value() is PartyKind.ENTITY  # a stored party's kind is counsel's to change
    stored.done(0)


def test_choosing_the_party_fills_an_empty_destination_and_keeps_a_typed_one(
    sample_window: MainWindow,
) -> None:
    from desktop_app.core.models import Activity

    sample_window.open_case(CASE)
    record = _record(sample_window)
    party = next(p for p in record.parties if p.country and p.country != "US" and p.address)
    sample_window.workspace.edit_activity(None)
    dialog = _dialog(sample_window, ActivityDialog)
    assert (dialog.to_country.value(), dialog.to_address.value()) == ("", "")
    dialog.party.setCurrentIndex(dialog.party.findData(party.id))
    assert dialog.to_country.value() == party.country
    assert dialog.to_address.value() == party.address
    other = next(p for p in record.parties if p.country and p.country != party.country)
    dialog.to_country.edit.setText("CA")  # typed by counsel: another party does not change it
    dialog.party.setCurrentIndex(dialog.party.findData(other.id))
    assert dialog.to_country.value() == "CA"
    assert dialog.to_address.value() == party.address
    assert isinstance(dialog.build(), Activity)
    dialog.done(0)  # closed unsaved, without the question Esc asks on a changed form
