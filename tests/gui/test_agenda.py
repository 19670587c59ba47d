"""The Agenda: the home view of what is overdue and due, each row opening its matter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QImage
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop_app.core.agenda import AgendaRow
from desktop_app.core.authorizations import ObligationKind
from desktop_app.gui.agenda.columns import AGENDA_COLUMNS, LATE_COLOUR, days_text, row_key
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.matter.condition_dialog import ConditionDialog
from desktop_app.gui.screenshot import SIZE, take_screenshot
from desktop_app.gui.widgets.table_model import RecordTableModel
from desktop_app.paths import LibraryPaths

YEAR_END = date(2026, 12, 31)
WriteWaiter = Callable[[MainWindow], None]


def _row(window: MainWindow, predicate: Callable[[AgendaRow], bool]) -> tuple[int, AgendaRow]:
    rows = window.agenda.rows()
    position = next(i for i, r in enumerate(rows) if predicate(r))
    return position, rows[position]


def test_agenda_is_home_and_the_docket_one_tab_away(sample_window: MainWindow) -> None:
    assert sample_window.views.currentWidget() is sample_window.agenda
    sample_window.views.show_docket()
    assert sample_window.views.currentWidget() is sample_window.docket
    sample_window.views.show_agenda()
    assert sample_window.views.currentWidget() is sample_window.agenda
    shortcuts = {a.text(): a.shortcut().toString() for a in sample_window.findChildren(QAction)}
    assert shortcuts["A&genda"] == "Ctrl+G"
    assert shortcuts["Doc&ket"] == "Ctrl+D"
    assert shortcuts["Conditions"] == "Ctrl+7"
    assert shortcuts["Screening"] == "Ctrl+0"


def test_year_end_agenda_lists_overdue_obligations(year_end_window: MainWindow) -> None:
    agenda = year_end_window.agenda
    assert agenda.as_of_date() == YEAR_END
    overdue = [r for r in agenda.rows() if r.kind == "obligation" and r.state == "overdue"]
    assert {r.matter_number for r in overdue} == {"EC-2026-0001"}
    assert {r.due for r in overdue} == {date(2026, 11, 30), date(2026, 12, 15)}
    assert all(r.days_left < 0 for r in overdue)
    kinds = {r.kind for r in agenda.rows()}
    assert {"obligation", "bis_clock"} <= kinds
    position, _late = _row(year_end_window, lambda r: r.due == date(2026, 12, 15))
    model = agenda.table.model
    assert model.index(position, 1).data() == "16 days late"
    assert model.index(position, 2).data() == "Overdue"
    colour = model.index(position, 4).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(colour, QColor)
    assert colour.name() == LATE_COLOUR
    on_time, _due = _row(year_end_window, lambda r: r.state in ("due", "waiting"))
    assert model.index(on_time, 4).data(Qt.ItemDataRole.ForegroundRole) is None
    assert "4 overdue or passed" in agenda.count_label.text()


def test_days_ahead_narrow_the_agenda(year_end_window: MainWindow) -> None:
    agenda = year_end_window.agenda
    wide = len(agenda.rows())
    agenda.days.setValue(0)
    assert all(r.due <= YEAR_END for r in agenda.rows())
    assert len(agenda.rows()) < wide
    agenda.set_as_of(date(2026, 6, 1))
    assert all(r.kind != "obligation" or r.state != "overdue" for r in agenda.rows())


def test_double_click_opens_the_matter_on_its_conditions(
    qtbot: QtBot, year_end_window: MainWindow
) -> None:
    window = year_end_window
    position, row = _row(window, lambda r: r.kind == "obligation" and r.state == "overdue")
    table = window.agenda.table.table
    rect = table.visualRect(window.agenda.table.proxy.index(position, 4))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    workspace = window.workspace
    assert workspace.record is not None
    assert workspace.record.matter.number == row.matter_number
    assert workspace.tabs.currentWidget() is workspace.conditions
    selected = workspace.conditions.selected()
    assert selected is not None
    assert selected.condition.id == row.ref_id


def test_enter_opens_a_clock_row_on_determinations(
    qtbot: QtBot, year_end_window: MainWindow
) -> None:
    window = year_end_window
    position, row = _row(window, lambda r: r.kind == "bis_clock")
    table = window.agenda.table.table
    table.setFocus()
    table.setCurrentIndex(window.agenda.table.proxy.index(position, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    workspace = window.workspace
    assert workspace.record is not None
    assert workspace.record.matter.id == row.matter_id
    assert workspace.tabs.currentWidget() is workspace.determinations
    assert "Registered" in workspace.determinations.clock.text()


def test_agenda_model(qtmodeltester: ModelTester, year_end_window: MainWindow) -> None:
    model: RecordTableModel[AgendaRow] = RecordTableModel(AGENDA_COLUMNS, key=row_key)
    model.set_rows(year_end_window.agenda.rows())
    qtmodeltester.check(model)
    assert model.rowCount() > 0
    assert [days_text(n) for n in (-2, -1, 0, 1, 5)] == [
        "2 days late",
        "1 day late",
        "today",
        "tomorrow",
        "in 5 days",
    ]


def test_screenshot_of_the_agenda(sample_paths: LibraryPaths, tmp_path: Path) -> None:
    out = tmp_path / "agenda.png"
    take_screenshot(sample_paths, out, case=None, view="agenda", today=YEAR_END)
    image = QImage(str(out))
    assert (image.width(), image.height()) == SIZE


def test_a_license_row_opens_the_license(qtbot: QtBot, year_end_window: MainWindow) -> None:
    window = year_end_window
    position, row = _row(window, lambda r: r.kind == "license")
    assert row.state == "expiring"
    window.agenda.table.table.setCurrentIndex(window.agenda.table.proxy.index(position, 0))
    qtbot.keyClick(window.agenda.table.table, Qt.Key.Key_Enter)
    tab = window.workspace.determinations
    assert window.workspace.tabs.currentWidget() is tab
    selected = tab.licenses.selected()
    assert selected is not None
    assert selected.license.id == row.ref_id


def test_the_agenda_follows_changes_to_the_library(
    year_end_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    window = year_end_window
    before = len(window.agenda.rows())
    window.open_case("EC-2026-0003")
    window.workspace.conditions.edit_condition(None)
    dialog = window.workspace.dialog
    assert dialog is not None
    assert isinstance(dialog, ConditionDialog)
    dialog.text.widget.setPlainText("Send the revised TCP to BIS.")
    dialog.obligation.set_value(ObligationKind.ONE_TIME)
    dialog.first_due.setText("2027-01-10")
    dialog.save()
    wait_writes(window)
    assert len(window.agenda.rows()) == before + 1
    added = next(r for r in window.agenda.rows() if r.title == "Send the revised TCP to BIS.")
    assert (added.due, added.matter_number, added.state) == (
        date(2027, 1, 10),
        "EC-2026-0003",
        "due",
    )
