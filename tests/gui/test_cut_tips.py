"""A cell cut short shows its whole text as a tooltip; a whole one shows none."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from desktop_app.gui.widgets.cut_tips import CutTips
from desktop_app.gui.widgets.record_table import RecordTable
from desktop_app.gui.widgets.table_model import Column

LONG = "Brennwald Sicherheitsforschungs-GmbH, Kranichsteg 17, 10969 Berlin, Germany"


def _hover(table: RecordTable[str], column: int) -> str:
    view = table.table
    rect = view.visualRect(view.model().index(0, column))
    spot = rect.center()
    event = QHelpEvent(QEvent.Type.ToolTip, spot, view.viewport().mapToGlobal(spot))
    QToolTip.hideText()
    QApplication.sendEvent(view.viewport(), event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_a_cut_cell_shows_its_whole_text_and_a_whole_cell_nothing(qtbot: QtBot) -> None:
    columns = [Column("Short", lambda s: "GB"), Column("Long", lambda s: s)]
    table: RecordTable[str] = RecordTable("Parties", columns, key=lambda s: s)
    qtbot.addWidget(table)
    table.set_rows([LONG])
    table.resize(600, 300)
    table.show()
    qtbot.waitExposed(table)
    view = table.table
    view.horizontalHeader().setStretchLastSection(False)
    view.setColumnWidth(0, 80)
    view.setColumnWidth(1, 120)
    tips = view.findChild(CutTips)
    assert tips is not None
    assert tips.is_cut(0, 1)
    assert not tips.is_cut(0, 0)
    assert _hover(table, 1) == LONG
    view.setColumnWidth(1, 900)
    assert not tips.is_cut(0, 1)


def test_a_width_the_person_set_is_kept_when_other_rows_come(qtbot: QtBot) -> None:
    columns = [Column("Name", lambda s: s), Column("Note", lambda s: "—")]
    table: RecordTable[str] = RecordTable("Parties", columns, key=lambda s: s)
    qtbot.addWidget(table)
    table.show()
    qtbot.waitExposed(table)
    table.set_rows(["A"])
    fitted = table.table.columnWidth(0)
    table.set_rows(["B", LONG])
    assert table.table.columnWidth(0) > fitted  # fitted to the new rows while untouched
    table.table.horizontalHeader().resizeSection(0, 95)  # as a drag does
    table.set_rows(["C"])
    assert table.table.columnWidth(0) == 95
    assert table.widths_set
