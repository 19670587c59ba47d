"""The docket as counsel use it: filter as you type, filter by status and kind, empty library."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.core.enums import MatterKind, MatterStatus
from desktop_app.gui.main_window import MainWindow

WriteWaiter = Callable[[MainWindow], None]


def test_filter_as_you_type(qtbot: QtBot, sample_window: MainWindow) -> None:
    docket = sample_window.docket
    assert docket.proxy.rowCount() == 3
    qtbot.keyClicks(docket.filter_box, "halcyon annex")
    assert docket.proxy.rowCount() == 1
    assert docket.proxy.index(0, 0).data() == "EC-2026-0001"
    assert docket.count_label.text() == "1 of 3 matters"
    docket.filter_box.clear()
    assert docket.proxy.rowCount() == 3


def test_filter_by_status_and_kind(sample_window: MainWindow) -> None:
    docket = sample_window.docket
    docket.status_filter.set_value(MatterStatus.UNDER_REVIEW)
    assert [docket.proxy.index(r, 0).data() for r in range(docket.proxy.rowCount())] == [
        "EC-2026-0002",
        "EC-2026-0003",
    ]
    docket.status_filter.set_value(None)
    docket.kind_filter.set_value(MatterKind.CLASSIFICATION_REQUEST)
    assert docket.proxy.rowCount() == 1
    docket.kind_filter.set_value(MatterKind.INTERNAL_REVIEW)
    assert docket.proxy.rowCount() == 0


def test_selecting_a_matter_opens_its_workspace(sample_window: MainWindow) -> None:
    window = sample_window
    window.docket.table.selectRow(2)
    assert window.workspace.record is not None
    assert window.workspace.record.matter.number == "EC-2026-0003"
    assert "EC-2026-0003" in window.workspace.header.text()


def test_empty_library_offers_the_samples(window: MainWindow, wait_writes: WriteWaiter) -> None:
    assert window.docket.sample_button.isVisible()
    window.docket.sample_button.click()
    wait_writes(window)
    assert window.docket.model.rowCount() == 3
    assert not window.docket.sample_button.isVisible()
    assert window.docket.table.isVisible()


def test_sort_by_column(sample_window: MainWindow) -> None:
    sample_window.docket.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert sample_window.docket.proxy.index(0, 0).data() == "EC-2026-0003"


def test_the_next_deadline_column_shows_each_matters_first_agenda_entry(
    year_end_window: MainWindow,
) -> None:
    from desktop_app.gui.docket.model import DEADLINE_AT

    docket = year_end_window.docket
    rows = year_end_window.agenda.rows()
    assert rows  # the sample has overdue work at year end
    first: dict[str, tuple[str, str]] = {}
    for row in sorted(rows, key=lambda r: (r.due, r.title)):
        first.setdefault(row.matter_number, (row.due.isoformat(), row.state))
    assert docket.model.headerData(DEADLINE_AT, Qt.Orientation.Horizontal) == "Next deadline"
    for r in range(docket.proxy.rowCount()):
        number = docket.proxy.index(r, 0).data()
        cell = docket.proxy.index(r, DEADLINE_AT)
        due, state = first[number]
        assert cell.data() == f"{due} · {state}"
        late = state in ("overdue", "passed")
        assert (cell.data(Qt.ItemDataRole.ForegroundRole) is not None) == late
        assert cell.data(Qt.ItemDataRole.ToolTipRole).startswith(f"{due} {state}: ")
    docket.table.sortByColumn(DEADLINE_AT, Qt.SortOrder.AscendingOrder)
    shown = [docket.proxy.index(r, DEADLINE_AT).data() for r in range(docket.proxy.rowCount())]
    assert shown == sorted(shown)


def test_the_overview_shows_the_letters_and_the_next_deadlines(
    year_end_window: MainWindow,
) -> None:
    window = year_end_window
    window.open_case("EC-2026-0001")
    overview = window.workspace.overview
    assert overview.letters.text().splitlines() == [
        "2026-06-12 (IS-2026-0412): Imposes requirement",
        "2026-06-26 (IS-2026-0412): Removes requirement; Annex A: 7 rows, 6 confirmed",
    ]
    first = min(
        (r for r in window.agenda.rows() if r.matter_number == "EC-2026-0001"),
        key=lambda r: (r.due, r.title),
    )
    line = overview.deadlines.text().splitlines()[0]
    assert line.startswith(f"{first.due.isoformat()} {first.state}: ")


def test_tab_leaves_every_list_and_table_of_the_window(sample_window: MainWindow) -> None:
    # Under X11, Tab inside the docket walked its cells and, past the last, opened the next
    # matter; offscreen it does not, so the property itself is held here for every view.
    from PySide6.QtWidgets import QAbstractItemView

    sample_window.open_case("EC-2026-0001")
    views = sample_window.findChildren(QAbstractItemView)
    assert len(views) > 10
    walking = [v.objectName() or type(v.parent()).__name__ for v in views if v.tabKeyNavigation()]
    assert walking == []


def test_the_next_deadline_is_for_today_whatever_day_the_agenda_shows(
    qtbot: QtBot, year_end_window: MainWindow
) -> None:
    from datetime import date

    window = year_end_window
    window.agenda.set_as_of(date(2030, 1, 1))
    window.refresh()
    qtbot.waitUntil(lambda: window.gateway.builds_pending == 0, timeout=30_000)
    shown = window.docket.model._deadlines
    assert shown.as_of == window.today()  # 2026-12-31, not the agenda's 2030-01-01
