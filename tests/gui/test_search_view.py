"""The Search view: typing searches off the GUI thread, filters narrow, results open records."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QImage
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop_app.core.search_query import SearchHit
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.screenshot import SIZE, take_screenshot
from desktop_app.gui.search.columns import KIND_COLUMN, SNIPPET_COLUMN, shown_snippet
from desktop_app.gui.search.model import SPANS_ROLE, HitsModel
from desktop_app.gui.search.table import ResultsTable
from desktop_app.gui.search.view import IDLE, SearchView
from desktop_app.paths import LibraryPaths
from desktop_app.storage import search as storage_search

QUERY = "quarterly report"


def _settled(qtbot: QtBot, window: MainWindow) -> SearchView:
    """Wait until the debounce fired and every search delivered."""
    view = window.search
    gateway = window.workspace._gateway
    qtbot.waitUntil(lambda: not view.timer.isActive() and gateway.builds_pending == 0)
    return view


def _type(qtbot: QtBot, window: MainWindow, text: str) -> SearchView:
    window.views.show_search()
    window.search.box.setText(text)
    return _settled(qtbot, window)


def _open(qtbot: QtBot, view: SearchView, hit: SearchHit) -> None:
    row = view.hits().index(hit)
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(row, 0))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)


def test_ctrl_k_focuses_the_search_box(qtbot: QtBot, sample_window: MainWindow) -> None:
    window = sample_window
    actions = {a.text(): a for a in window.findChildren(QAction)}
    assert actions["&Search…"].shortcut().toString() == "Ctrl+K"
    window.activateWindow()
    window.agenda.table.table.setFocus()
    qtbot.keyClick(window.agenda.table.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.views.currentWidget() is window.search
    qtbot.waitUntil(window.search.box.hasFocus)
    assert "phrase" in window.search.box.placeholderText()
    assert "OR" in window.search.box.placeholderText()
    assert window.search.status.text() == IDLE


def test_typing_shows_results_after_the_debounce_off_the_gui_thread(
    qtbot: QtBot, sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    real = storage_search.search

    def spy(*args: object, **kwargs: object) -> list[SearchHit]:
        threads.append(threading.current_thread())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(storage_search, "search", spy)
    view = sample_window.search
    sample_window.views.show_search()
    view.box.setText(QUERY)
    assert view.timer.isActive()
    assert view.model.rowCount() == 0  # nothing yet: the search waits for typing to pause
    qtbot.waitUntil(lambda: view.model.rowCount() > 0)
    assert threads
    assert threading.main_thread() not in threads
    assert view.status.text().startswith(f"{len(view.hits())} results")
    kinds = {h.entity for h in view.hits()}
    assert {"conditions", "documents"} <= kinds
    view.box.setText("zzzqqqnothing")
    qtbot.waitUntil(lambda: view.status.text() == "Nothing found")
    assert view.model.rowCount() == 0
    view.box.clear()
    qtbot.waitUntil(lambda: view.status.text() == IDLE)


def test_a_stale_reply_is_dropped(qtbot: QtBot, sample_window: MainWindow) -> None:
    view = sample_window.search
    view.box.setText("quarterly")
    view.search_now()
    view.box.setText("halcyon")
    view.search_now()
    _settled(qtbot, sample_window)
    assert view.runner.dropped == 1
    assert view.words() == ("halcyon",)
    expected = storage_search.search(
        sample_window.workspace._gateway.reader.db, view.query, limit=50
    )
    assert view.hits() == expected


def test_filters_narrow_the_results(qtbot: QtBot, sample_window: MainWindow) -> None:
    view = _type(qtbot, sample_window, "export")
    every = view.hits()
    filters = view.filters
    filters.kind.setCurrentIndex(filters.kind.findData("conditions"))
    _settled(qtbot, sample_window)
    assert view.hits()
    assert {h.entity for h in view.hits()} == {"conditions"}
    filters.kind.setCurrentIndex(0)
    other = next(h.matter_id for h in every if h.matter_id != every[0].matter_id)
    filters.matter.setCurrentIndex(filters.matter.findData(other))
    _settled(qtbot, sample_window)
    assert view.hits()
    assert {h.matter_id for h in view.hits()} == {other}
    filters.matter.setCurrentIndex(0)
    view.box.setText("uarterl")
    _settled(qtbot, sample_window)
    assert view.status.text() == "Nothing found"
    filters.literal.setChecked(True)
    _settled(qtbot, sample_window)
    assert view.hits()
    assert all("uarterl" in (h.snippet + h.title).casefold() for h in view.hits())


def test_dates_and_direction_narrow_and_a_bad_date_is_said_and_ignored(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    view = _type(qtbot, sample_window, QUERY)
    shown = view.hits()
    filters = view.filters
    filters.date_from.edit.setText("2026-13-45")
    _settled(qtbot, sample_window)
    assert filters.date_from.message.isVisibleTo(view)
    assert "not a date" in filters.date_from.message.text()
    assert view.hits() == shown
    filters.date_from.edit.setText("2026-06-27")
    _settled(qtbot, sample_window)
    assert not filters.date_from.message.isVisibleTo(view)
    assert view.hits()
    assert all(h.on_date >= "2026-06-27" for h in view.hits())
    filters.date_from.clear()
    filters.date_to.edit.setText("not a day")
    filters.direction.setCurrentIndex(filters.direction.findData("incoming"))
    _settled(qtbot, sample_window)
    assert filters.date_to.message.isVisibleTo(view)
    assert view.hits()
    assert {h.direction for h in view.hits()} == {"incoming"}


def test_opening_a_document_selects_it_and_highlights_the_words(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    view = _type(qtbot, sample_window, QUERY)
    reader = sample_window.workspace._gateway
    hit = next(
        h
        for h in view.hits()
        if h.entity == "documents" and reader.document_text(h.entity_id) and "pdf" not in h.title
    )
    _open(qtbot, view, hit)
    workspace = sample_window.workspace
    assert sample_window.matter_id == hit.matter_id
    assert workspace.tabs.currentWidget() is workspace.correspondence
    document = workspace.correspondence.selected_document()
    assert document is not None
    assert document.id == hit.entity_id
    preview = workspace.correspondence.preview
    marks = preview.text.extraSelections()
    assert marks
    found = {m.cursor.selectedText().casefold() for m in marks}
    assert found == {"quarterly", "report"}
    every = preview.text.toPlainText().casefold().count("quarterly")
    assert sum(1 for m in marks if m.cursor.selectedText().casefold() == "quarterly") == every


def test_opening_a_pdf_searches_its_pages(qtbot: QtBot, sample_window: MainWindow) -> None:
    view = _type(qtbot, sample_window, QUERY)
    hit = next(h for h in view.hits() if h.entity == "documents" and h.title.endswith(".pdf"))
    _open(qtbot, view, hit)
    preview = sample_window.workspace.correspondence.preview
    assert preview.body.currentWidget() is preview.pdf
    assert preview.pdf.searchModel() is preview.pdf_search
    assert preview.pdf_search.searchString() == "quarterly"  # "quarterly access report"
    qtbot.waitUntil(lambda: preview.pdf_search.count() > 0)
    sample_window.workspace.correspondence.chronology.table.selectRow(0)
    assert preview.pdf_search.searchString() == ""


def test_opening_a_condition_selects_it(qtbot: QtBot, sample_window: MainWindow) -> None:
    view = _type(qtbot, sample_window, QUERY)
    hit = next(h for h in view.hits() if h.entity == "conditions")
    _open(qtbot, view, hit)
    conditions = sample_window.workspace.conditions
    assert sample_window.workspace.tabs.currentWidget() is conditions
    selected = conditions.selected()
    assert selected is not None
    assert selected.condition.id == hit.entity_id


def test_results_model(qtmodeltester: ModelTester, qtbot: QtBot, sample_window: MainWindow) -> None:
    view = _type(qtbot, sample_window, QUERY)
    model = HitsModel()
    model.set_rows(view.hits())
    qtmodeltester.check(model)
    assert model.rowCount() == len(view.hits()) > 0
    for row in range(model.rowCount()):
        index = model.index(row, SNIPPET_COLUMN)
        text = index.data()
        spans = index.data(SPANS_ROLE)
        assert spans
        assert {text[a:b].casefold() for a, b in spans} <= {"quarterly", "report"}
    assert model.index(0, 0).data(SPANS_ROLE) is None


def test_text_is_shown_literally_and_spans_follow_escapes(qtbot: QtBot) -> None:
    hit = SearchHit(
        "notes", 1, 1, "EC-1", "m", "<b>x</b>", "a\u202eb <i>quarterly</i>", ((7, 16),), "", ""
    )
    text, spans = shown_snippet(hit)
    assert text == "a\\u202eb <i>quarterly</i>"
    assert [text[a:b] for a, b in spans] == ["quarterly"]
    model = HitsModel()
    model.set_rows([hit])
    assert model.index(0, 2).data() == "<b>x</b>"
    assert model.index(0, SNIPPET_COLUMN).data() == text
    table = ResultsTable(model)
    qtbot.addWidget(table)
    table.show()
    table.resize(1200, 200)
    assert not table.isColumnHidden(KIND_COLUMN)
    assert not table.grab().isNull()  # the highlighting delegate paints
    table.resize(400, 200)
    assert table.isColumnHidden(KIND_COLUMN)
    assert not table.isColumnHidden(SNIPPET_COLUMN)
    assert not table.grab().isNull()


def test_every_naughty_string_searches_without_error(
    sample_window: MainWindow, blns: list[str]
) -> None:
    view = sample_window.search
    view.runner.synchronous = True
    view.filters.literal.setChecked(False)
    for text in blns:
        view.box.setText(text)
        view.search_now()
        assert view.status.text()
    view.filters.literal.setChecked(True)
    for text in blns[::7]:
        view.box.setText(text)
        view.search_now()
        assert view.status.text()


def test_screenshot_of_search(sample_paths: LibraryPaths, tmp_path: Path) -> None:
    out = tmp_path / "search.png"
    take_screenshot(sample_paths, out, case=None, view="search", query=QUERY)
    image = QImage(str(out))
    assert (image.width(), image.height()) == SIZE


def test_match_offsets_are_counted_in_utf16_for_qt() -> None:
    from desktop_app.gui.search.delegate import utf16_spans

    text = "👨 report 𠀀 report"
    spans = [(2, 8), (11, 17)]
    assert [text[a:b] for a, b in spans] == ["report", "report"]
    shifted = utf16_spans(text, spans)
    units = text.encode("utf-16-le")
    assert [units[2 * a : 2 * b].decode("utf-16-le") for a, b in shifted] == ["report", "report"]
    assert utf16_spans("plain report", [(6, 12)]) == [(6, 12)]


def test_literal_keeps_quotes_and_a_leading_dash_as_typed(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    view = _type(qtbot, sample_window, "-2026-")  # an exclusion alone: it finds nothing
    assert not view.hits()
    view.filters.literal.setChecked(True)
    _settled(qtbot, sample_window)
    assert view.hits()
    assert all("-2026-" in (h.snippet + h.title) for h in view.hits())
    view.box.setText('"quarterly"')  # the quotes are characters to find, and no text has them
    _settled(qtbot, sample_window)
    assert view.status.text() == "Nothing found"
