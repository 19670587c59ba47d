"""Withdrawing a record from its table with keys only: Delete, the reason, Ctrl+Enter, Ctrl+Z."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.core.authorizations import Condition
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.matter.withdraw_dialog import WithdrawDialog
from desktop_app.gui.widgets.record_table import RecordTable
from tests.gui.conftest import LOADED_WAIT as WAIT
from tests.gui.conftest import WriteWaiter

CTRL = Qt.KeyboardModifier.ControlModifier


def _select(qtbot: QtBot, window: MainWindow, table: RecordTable[object], wanted: object) -> None:
    """Select ``wanted``'s row and put the focus in the table, as arrow keys would."""
    source = table.model.index(table.model.rows().index(wanted), 0)
    table.table.selectRow(table.proxy.mapFromSource(source).row())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)  # shortcuts reach the active window
    table.table.setFocus()


def _condition(window: MainWindow, number: str) -> Condition:
    record = window.gateway.record(window.workspace.record.matter.id)  # type: ignore[union-attr]
    return next(c for c in record.decisions.conditions if c.number == number)


def _open_dialog(qtbot: QtBot, window: MainWindow, table: RecordTable[object]) -> WithdrawDialog:
    qtbot.waitUntil(table.table.hasFocus, timeout=WAIT)
    QTest.keyClick(table.table, Qt.Key.Key_Delete)
    dialog = window.workspace.dialog
    assert isinstance(dialog, WithdrawDialog)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.reason.widget, timeout=WAIT)
    return dialog


def test_a_condition_is_withdrawn_with_a_reason_marked_in_its_row_and_undone_by_ctrl_z(
    qtbot: QtBot, sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    sample_window.open_case("EC-2026-0001")
    sample_window.show_tab("conditions")
    table = sample_window.workspace.conditions.register
    row = next(r for r in table.model.rows() if r.condition.number == "Rider 1")
    _select(qtbot, sample_window, table, row)  # type: ignore[arg-type]
    assert table.remove_button.text() == "Withdraw…"
    dialog = _open_dialog(qtbot, sample_window, table)  # type: ignore[arg-type]
    assert "Withdraw the condition “Rider 1”" in dialog.intro.text()

    QTest.keyClick(dialog.reason.widget, Qt.Key.Key_Return, CTRL)  # no reason: refused
    qtbot.waitUntil(lambda: bool(dialog.error_text("reason")), timeout=WAIT)
    assert "Say why" in dialog.error_text("reason")
    assert sample_window.workspace.dialog is dialog

    QTest.keyClicks(dialog.reason.widget, "Recorded twice")
    QTest.keyClick(dialog.reason.widget, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: sample_window.workspace.dialog is None, timeout=WAIT)
    wait_writes(sample_window)
    gone = _condition(sample_window, "Rider 1")
    assert gone.withdrawn_reason == "Recorded twice"
    shown = next(r for r in table.model.rows() if r.condition.id == gone.id)
    withdrawn_column = table.model.columnCount() - 1
    position = table.model.rows().index(shown)
    assert table.model.index(position, withdrawn_column).data().endswith(": Recorded twice")
    _select(qtbot, sample_window, table, shown)  # type: ignore[arg-type]
    assert table.remove_button.text() == "Put back in force"
    history = sample_window.workspace.history.model
    assert history.index(0, 3).data() == "Withdrew the condition “Rider 1”"

    sample_window.activateWindow()
    qtbot.waitUntil(sample_window.isActiveWindow, timeout=WAIT)
    QTest.keyClick(sample_window, Qt.Key.Key_Z, CTRL)
    wait_writes(sample_window)
    assert _condition(sample_window, "Rider 1").withdrawn_on is None


def test_a_license_conditions_rest_on_is_refused_naming_them_and_the_reason_is_kept(
    qtbot: QtBot, sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    sample_window.open_case("EC-2026-0001")
    sample_window.show_tab("determinations")
    table = sample_window.workspace.determinations.licenses
    _select(qtbot, sample_window, table, table.model.rows()[0])  # type: ignore[arg-type]
    dialog = _open_dialog(qtbot, sample_window, table)  # type: ignore[arg-type]
    QTest.keyClicks(dialog.reason.widget, "Wrong matter")
    QTest.keyClick(dialog.reason.widget, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: dialog.general_error.isVisibleTo(dialog), timeout=WAIT)
    assert "rests on the license" in dialog.general_error.text()
    assert dialog.reason.value() == "Wrong matter"  # what was typed is not lost
    assert (
        sample_window.gateway.record(table.model.rows()[0].license.matter_id)
        .decisions.licenses[0]
        .withdrawn_on
        is None
    )
    dialog.reason.widget.setPlainText("")  # unchanged again, so closing does not ask
    dialog.reject()
    qtbot.waitUntil(lambda: sample_window.workspace.dialog is None, timeout=WAIT)
