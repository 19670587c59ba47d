"""The docket filter as a model: rows shown, selections that follow their matter, reloads."""

from __future__ import annotations

import random
from dataclasses import replace

from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from desktop_app.core.enums import MatterStatus
from desktop_app.core.models import MatterSummary
from desktop_app.gui.app import Session
from desktop_app.gui.docket.model import DocketFilter, docket_model
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.widgets.table_model import ROW_ROLE

WORDS = ("granite", "halcyon", "annex", "deemed", "export", "model", "license", "zephyr")


def many_matters(seed: MatterSummary, count: int) -> list[MatterSummary]:
    """``count`` matters made from one, with titles drawn from a few words."""
    rng = random.Random(7)
    statuses = list(MatterStatus)
    rows = []
    for n in range(count):
        title = " ".join(rng.sample(WORDS, 3))
        matter = replace(
            seed.matter,
            id=1000 + n,
            number=f"EC-2031-{n:04d}",
            title=title,
            status=statuses[n % len(statuses)],
            counsel="",
            acn="",
            license_number="",
            summary="",
            tags=(),
        )
        rows.append(replace(seed, matter=matter))
    return rows


def shown_numbers(proxy: DocketFilter) -> list[str]:
    """The matter numbers the filter shows, top to bottom."""
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def expected(rows: list[MatterSummary], text: str, status: MatterStatus | None) -> list[str]:
    """What a filter should show, worked out the plain way."""
    words = text.casefold().split()
    return sorted(
        s.matter.number
        for s in rows
        if (status is None or s.matter.status is status)
        and all(w in f"{s.matter.number}\n{s.matter.title}".casefold() for w in words)
    )


def test_typing_and_deleting_shows_what_a_fresh_filter_shows(
    qtmodeltester: ModelTester, sample_session: Session
) -> None:
    rows = many_matters(sample_session.gateway.docket()[0], 300)
    model = docket_model()
    model.set_rows(rows)
    proxy = DocketFilter()
    proxy.setSourceModel(model)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(proxy)  # keeps watching every change below
    typed = "granite hal"
    for text in [typed[:i] for i in range(len(typed) + 1)] + [typed[:i] for i in range(10, -1, -1)]:
        proxy.set_text(text)
        assert shown_numbers(proxy) == expected(rows, text, None), text
    proxy.set_status(MatterStatus.UNDER_REVIEW)
    proxy.set_text("MODEL  Export")
    assert shown_numbers(proxy) == expected(rows, "model export", MatterStatus.UNDER_REVIEW)
    assert 0 < proxy.rowCount() < 300


def test_a_selection_follows_its_matter_and_goes_when_hidden(
    qtmodeltester: ModelTester, sample_session: Session
) -> None:
    rows = many_matters(sample_session.gateway.docket()[0], 50)
    model = docket_model()
    model.set_rows(rows)
    proxy = DocketFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    target = next(s for s in rows if "zephyr" in s.matter.title)
    position = model.position_of(target.matter.id)
    assert position is not None
    held = QPersistentModelIndex(proxy.mapFromSource(model.index(position, 2)))
    proxy.set_text("zephyr")
    assert held.isValid()
    assert held.column() == 2
    assert held.data(ROW_ROLE) == target
    model.sort(2, Qt.SortOrder.DescendingOrder)
    assert held.data(ROW_ROLE) == target
    proxy.set_text("zephyr " + target.matter.number)
    assert proxy.rowCount() == 1
    assert held.row() == 0
    proxy.set_text("no such words")
    assert not held.isValid()


def test_a_reload_is_filtered_too(qtmodeltester: ModelTester, sample_session: Session) -> None:
    rows = list(sample_session.gateway.docket())
    model = docket_model()
    model.set_rows(rows)
    proxy = DocketFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_text("renamed")
    assert proxy.rowCount() == 0
    renamed = replace(rows[1], matter=replace(rows[1].matter, title="Renamed matter"))
    model.set_rows([rows[0], renamed, rows[2]])  # same matters: values change in place
    assert shown_numbers(proxy) == [rows[1].matter.number]
    model.set_rows([rows[0], rows[2]])  # a matter went: the rows are replaced
    assert proxy.rowCount() == 0
    proxy.set_text("")
    assert proxy.rowCount() == 2


def test_the_selected_row_stays_selected_while_typing(sample_window: MainWindow) -> None:
    docket = sample_window.docket
    docket.select_matter(sample_window.gateway.docket()[1].matter.id)
    chosen = docket.table.selectionModel().selectedRows()
    assert [i.data() for i in chosen] == ["EC-2026-0002"]
    docket.filter_box.setText("EC-2026-000")
    assert [i.data() for i in docket.table.selectionModel().selectedRows()] == ["EC-2026-0002"]
    docket.filter_box.setText("EC-2026-0001")
    assert docket.table.selectionModel().selectedRows() == []
    assert docket.count_label.text() == "1 of 3 matters"
