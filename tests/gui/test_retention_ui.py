"""Matter → Legal hold and retention…, Move to trash…, and the Trash view (restore, purge)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop_app.core.authorizations import ClockEvent, ClockEventKind
from desktop_app.core.retention import TriggerKind
from desktop_app.errors import NotFoundError
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.matter.retention_dialog import RetentionDialog
from desktop_app.gui.matter.retention_forms import HoldDialog, ReleaseDialog, TriggerDialog

CASE = "EC-2026-0002"
Yes = QMessageBox.StandardButton.Yes


class Said:
    """What the window said through QMessageBox (questions answered Yes)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.info: list[str] = []
        self.warnings: list[str] = []
        monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: self.info.append(text))
        monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: self.warnings.append(text))
        monkeypatch.setattr(QMessageBox, "question", lambda *a: Yes)


def _wait(qtbot: QtBot, window: MainWindow) -> None:
    worker = window.gateway.worker
    assert worker is not None
    qtbot.waitUntil(lambda: worker.pending == 0)


def _dialog(window: MainWindow, case: str = CASE) -> RetentionDialog:
    window.open_case(case)
    window.retention.open_dialog()
    dialog = window.retention.dialog
    assert dialog is not None
    assert dialog.isVisible()
    return dialog


def _docket_numbers(window: MainWindow) -> set[str]:
    model = window.docket.model
    return {model.rows()[r].matter.number for r in range(model.rowCount())}


def _place_hold(qtbot: QtBot, window: MainWindow, dialog: RetentionDialog) -> None:
    dialog.place_hold()
    form = dialog.form
    assert isinstance(form, HoldDialog)
    form.requested_by.widget.setText("BIS Office of Export Enforcement")
    form.save()
    _wait(qtbot, window)


def _add_trigger(qtbot: QtBot, window: MainWindow, dialog: RetentionDialog, day: str) -> None:
    dialog.add_trigger()
    form = dialog.form
    assert isinstance(form, TriggerDialog)
    form.kind.set_value(TriggerKind.EXPORT_DATE)
    form.occurred_on.setText(day)
    form.save()
    _wait(qtbot, window)


def test_hold_refuses_the_trash(
    qtbot: QtBot, sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = Said(monkeypatch)
    dialog = _dialog(sample_window)
    assert dialog.status.text().startswith("Retention end unknown")
    _place_hold(qtbot, sample_window, dialog)
    assert dialog.holds.model.rowCount() == 1
    assert "On legal hold (requested by BIS Office of Export Enforcement" in dialog.status.text()
    assert "On legal hold" in sample_window.workspace.overview.recordkeeping.text()
    sample_window.retention.move_to_trash()
    _wait(qtbot, sample_window)
    assert said.warnings
    assert "is under legal hold" in said.warnings[0]
    assert CASE in _docket_numbers(sample_window)
    assert sample_window.views.trash.table.model.rowCount() == 0


def test_release_a_hold(
    qtbot: QtBot, sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    Said(monkeypatch)
    dialog = _dialog(sample_window)
    _place_hold(qtbot, sample_window, dialog)
    dialog.release_hold(dialog.holds.model.rows()[0])
    form = dialog.form
    assert isinstance(form, ReleaseDialog)
    form.release_note.widget.setPlainText("OEE letter of release")
    form.save()
    _wait(qtbot, sample_window)
    hold = dialog.holds.model.rows()[0]
    assert hold.released_on is not None
    assert hold.release_note == "OEE letter of release"
    assert "On legal hold" not in dialog.status.text()


def test_removing_an_event_under_hold_is_refused(
    qtbot: QtBot, sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = Said(monkeypatch)
    dialog = _dialog(sample_window)
    _add_trigger(qtbot, sample_window, dialog, "2019-03-01")
    _place_hold(qtbot, sample_window, dialog)
    dialog.remove_trigger(dialog.triggers.model.rows()[0])
    _wait(qtbot, sample_window)
    assert said.warnings
    assert "no retention record may be removed" in said.warnings[0]
    assert dialog.triggers.model.rowCount() == 1


def test_the_apps_own_events_are_listed_and_kept(
    qtbot: QtBot, sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = Said(monkeypatch)
    dialog = _dialog(sample_window, "EC-2026-0001")
    event = dialog.triggers.model.rows()[0]
    assert event.by_app
    assert "last activity performed" in event.note
    assert "kept until 2031-06-29" in dialog.status.text().lower()
    dialog.remove_trigger(event)
    assert said.info
    assert "can only add to it" in said.info[0]
    assert dialog.triggers.model.rows() == [event]


def _decided(qtbot: QtBot, window: MainWindow) -> None:
    """BIS decides the sample application: nothing keeps the matter live any more."""
    matter_id = window.gateway.find_matter(CASE).id
    event = ClockEvent(matter_id, ClockEventKind.DECIDED, date(2026, 10, 1))
    window.gateway.decide(lambda service: service.add_clock_event(event), lambda _e: None)
    _wait(qtbot, window)


def test_trash_restore_and_purge(
    qtbot: QtBot, sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = Said(monkeypatch)
    window = sample_window
    _decided(qtbot, window)
    dialog = _dialog(window)
    _add_trigger(qtbot, window, dialog, "2019-03-01")
    assert dialog.status.text().startswith(
        "Kept until 2024-03-01 (ended; may be deleted once nothing keeps it live)"
    )
    assert "5 years from export (or service provision) on 2019-03-01" in dialog.status.text()
    dialog.close()
    assert window.workspace.overview.recordkeeping.text().startswith("Kept until 2024-03-01")
    window.retention.move_to_trash()
    _wait(qtbot, window)
    assert not said.warnings
    trash = window.views.trash
    assert CASE not in _docket_numbers(window)
    assert window.matter_id is None
    assert trash.table.model.rowCount() == 1
    assert "(1)" in window.views.tabText(window.views.indexOf(trash))

    window.views.show_trash()
    trash.select_matter(trash.table.model.rows()[0].matter.id)
    trash.restore_button.click()
    _wait(qtbot, window)
    assert CASE in _docket_numbers(window)
    assert trash.table.model.rowCount() == 0

    window.open_case(CASE)
    window.retention.move_to_trash()
    _wait(qtbot, window)
    trash.select_matter(trash.table.model.rows()[0].matter.id)
    typed: list[Any] = [("EC-2026-9999", True)]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a: typed[0])
    trash.purge_button.click()
    assert said.info == ["Not confirmed; EC-2026-0002 was not deleted."]
    assert trash.table.model.rowCount() == 1
    typed[0] = ("ec-2026-0002 ", True)
    trash.purge_button.click()
    _wait(qtbot, window)
    assert trash.table.model.rowCount() == 0
    assert CASE not in _docket_numbers(window)
    with pytest.raises(NotFoundError):
        window.gateway.find_matter(CASE)
    assert "Deleted EC-2026-0002 for good" in window.statusBar().currentMessage()


def test_trash_refused_while_the_application_is_pending(
    qtbot: QtBot, sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = Said(monkeypatch)
    sample_window.open_case(CASE)
    sample_window.retention.move_to_trash()
    _wait(qtbot, sample_window)
    assert said.warnings
    assert "is still live: the application registered 2026-08-06" in said.warnings[0]
    assert sample_window.matter_id is not None


def test_models_of_the_new_views(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    sample_window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    Said(monkeypatch)
    dialog = _dialog(sample_window)
    _add_trigger(qtbot, sample_window, dialog, "2019-03-01")
    _place_hold(qtbot, sample_window, dialog)
    qtmodeltester.check(dialog.holds.model)
    qtmodeltester.check(dialog.triggers.model)
    qtmodeltester.check(sample_window.views.trash.table.model)


def test_retention_menu_entries(sample_window: MainWindow) -> None:
    entries = {
        a.text().replace("&", ""): a.shortcut().toString()
        for menu in sample_window.menuBar().actions()
        for a in menu.menu().actions()  # type: ignore[attr-defined]
    }
    assert entries["Legal hold and retention…"] == "Ctrl+Shift+H"
    assert "Move to trash…" in entries
    assert entries["Trash"] == "Ctrl+Shift+T"
