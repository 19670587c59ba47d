"""The three coverage answers in the window: their looks, the Why pane, and the review counts."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QImage
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop_app.core.coverage import activity_coverage, matter_coverage
from desktop_app.core.coverage_facts import MatterFacts
from desktop_app.core.coverage_model import Answer, Coverage, Factor, Outcome
from desktop_app.core.models import MatterRecord
from desktop_app.gui.agenda.columns import tab_for
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.matter import TABS
from desktop_app.gui.matter.coverage_style import coverage_column
from desktop_app.gui.matter.why_pane import Why, WhyPane, explanation, ordered
from desktop_app.gui.review import MatterReview
from desktop_app.gui.widgets.table_model import Column, RecordTableModel
from desktop_app.reference.country_groups import groups_of

YEAR_END = date(2026, 12, 31)
DISPLAY = Qt.ItemDataRole.DisplayRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
DECORATION = Qt.ItemDataRole.DecorationRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole

FACTORS = (
    Factor("transaction type", Outcome.PASS, "deemed export is within the letter", "letter: §2"),
    Factor("employment", Outcome.UNKNOWN, "start date not recorded", "letter: §3", "start date"),
    Factor("nationality", Outcome.FAIL, "a national of Cuba", "15 CFR 746.2(a)"),
    Factor("item", Outcome.PASS, "the weights are named", "letter: items"),
)
ANSWERS = {
    Answer.COVERED: Coverage(
        Answer.COVERED, YEAR_END, "covered: letter of 2026-06-26, Annex A row 1", "letter"
    ),
    Answer.NOT_COVERED: Coverage(
        Answer.NOT_COVERED, YEAR_END, "not covered: a national of Cuba", factors=FACTORS
    ),
    Answer.NEEDS_REVIEW: Coverage(
        Answer.NEEDS_REVIEW,
        YEAR_END,
        "needs review: start date",
        factors=FACTORS[:2],
        caveats=("screening is not recorded",),
    ),
}


def _core_answers(record: MatterRecord, day: date) -> list[Coverage]:
    """What the coverage engine answers for the rows the two tabs show."""
    facts = MatterFacts.of(record)
    return [
        *matter_coverage(facts, day, group_of=groups_of).values(),
        *(activity_coverage(a, facts, as_of=day, group_of=groups_of) for a in record.activities),
    ]


def _review_counts(window: MainWindow) -> dict[str, tuple[int, int]]:
    """Each matter number's (answers that need review, answers), as the engine gives them."""
    counts = {}
    for summary in window.gateway.docket():
        record = window.gateway.record(summary.matter.id)
        answers = _core_answers(record, YEAR_END)
        counts[summary.matter.number] = (
            sum(1 for a in answers if a.answer is Answer.NEEDS_REVIEW),
            len(answers),
        )
    return counts


def _image(icon_cell: object) -> QImage:
    assert isinstance(icon_cell, QIcon)
    return icon_cell.pixmap(16, 16).toImage()


def test_the_three_answers_differ_in_word_shape_and_colour(qtmodeltester: ModelTester) -> None:
    column: Column[Answer] = coverage_column("Coverage", ANSWERS.get, lambda _a: "today")
    model: RecordTableModel[Answer] = RecordTableModel([column], key=lambda a: a)
    model.set_rows(list(ANSWERS))
    qtmodeltester.check(model)
    cells = [model.index(row, 0) for row in range(3)]
    assert [c.data(DISPLAY) for c in cells] == [
        "Covered — letter of 2026-06-26, Annex A row 1",
        "Not covered — a national of Cuba",
        "Needs review — start date",
    ]
    assert len({c.data(FOREGROUND).name() for c in cells}) == 3
    shapes = [_image(c.data(DECORATION)) for c in cells]
    grey = [s.convertToFormat(QImage.Format.Format_Grayscale8) for s in shapes]
    assert grey[0] != grey[1] != grey[2] != grey[0]  # distinct even printed in grey
    assert "as of 2026-12-31 (today)" in cells[0].data(TOOLTIP)


def test_the_why_pane_lists_failures_first_then_the_facts_and_caveats(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    pane = WhyPane()
    qtbot.addWidget(pane)
    why = Why("Zhao Mingyu", ANSWERS[Answer.NEEDS_REVIEW], "today")
    pane.show_why(Why("Zhao Mingyu", ANSWERS[Answer.NOT_COVERED], "today"))
    qtmodeltester.check(pane.model)
    outcomes = [pane.model.index(r, 0).data() for r in range(pane.model.rowCount())]
    assert outcomes == ["Fail", "Unknown", "Pass", "Pass"]
    assert pane.model.index(0, 3).data() == "15 CFR 746.2(a)"
    pane.show_why(why)
    assert "Needs review as of 2026-12-31 (today) — Zhao Mingyu" in pane.heading.text()
    notes = pane.notes.toPlainText()
    assert "Facts needed:\n• start date" in notes
    assert "Caveats:\n• screening is not recorded" in notes
    pane.copy()
    copied = QGuiApplication.clipboard().text()
    assert copied == explanation(why)
    assert "? Unknown · employment: start date not recorded [letter: §3]" in copied
    pane.show_why(None)
    assert pane.model.rowCount() == 0
    assert not pane.copy_button.isEnabled()


def test_parties_and_activities_show_the_engines_answers(year_end_window: MainWindow) -> None:
    year_end_window.open_case("EC-2026-0001")
    workspace = year_end_window.workspace
    record = workspace.record
    assert record is not None
    facts = MatterFacts.of(record)
    parties = matter_coverage(facts, YEAR_END, group_of=groups_of)
    table = workspace.parties.model
    column = _column(table, "Coverage")
    for row, party in enumerate(table.rows()):
        text = table.index(row, column).data()
        assert text.startswith(parties[party.id].answer.label + " — ")
        assert "as of 2026-12-31 (today)" in table.index(row, column).data(TOOLTIP)
    activities = workspace.activities.model
    column = _column(activities, "Coverage (as of its date)")
    for row, activity in enumerate(activities.rows()):
        answer = activity_coverage(activity, facts, as_of=YEAR_END, group_of=groups_of)
        assert activities.index(row, column).data().startswith(answer.answer.label + " — ")
    assert len({c.answer for c in _core_answers(record, YEAR_END)}) > 1


def test_the_why_pane_follows_the_current_row_and_f6_reaches_it(
    qtbot: QtBot, year_end_window: MainWindow
) -> None:
    year_end_window.open_case("EC-2026-0001")
    year_end_window.show_tab("parties")
    workspace = year_end_window.workspace
    page, view = workspace.coverage.parties_page, workspace.parties.table
    year_end_window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=30_000)
    view.selectRow(0)
    for _step in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Down)
        party = workspace.parties.selected()
        assert party is not None
        assert page.why.why is not None
        assert page.why.why.subject == party.name
        assert page.why.model.rows() == ordered(workspace.coverage.party_answers[party.id].factors)
    qtbot.keyClick(view, Qt.Key.Key_F6)
    qtbot.waitUntil(page.why.factors.hasFocus, timeout=30_000)
    qtbot.keyClick(page.why.factors, Qt.Key.Key_F6)
    qtbot.waitUntil(view.hasFocus, timeout=30_000)


def test_the_docket_counts_the_answers_that_need_review(year_end_window: MainWindow) -> None:
    expected = _review_counts(year_end_window)
    docket = year_end_window.docket
    column = _column(docket.model, "Needs review")
    shown = {}
    for row in range(docket.proxy.rowCount()):
        number = docket.proxy.index(row, 0).data()
        cell = docket.proxy.index(row, column)
        shown[number] = cell.data()
        if cell.data():
            review, answers = expected[number]
            tip = f"{review} of {answers} coverage answers need review, as of 2026-12-31"
            assert cell.data(TOOLTIP) == tip
    assert shown == {n: str(review) for n, (review, _answers) in expected.items()}
    assert any(review for review, _answers in expected.values())


def test_the_agenda_lists_matters_to_review_and_opens_one(
    qtbot: QtBot, year_end_window: MainWindow
) -> None:
    expected = _review_counts(year_end_window)
    review = year_end_window.agenda.review
    listed: list[MatterReview] = review.rows()
    assert {m.number: (m.needs_review, m.answers) for m in listed} == {
        n: counts for n, counts in expected.items() if counts[0]
    }
    assert review.isVisible()
    view = review.table.table
    opened: list[object] = []
    year_end_window.agenda.row_opened.connect(opened.append)
    view.selectRow(0)
    view.activated.emit(view.currentIndex())
    assert len(opened) == 1
    row = opened[0]
    assert tab_for(row) == "parties"  # type: ignore[arg-type]
    workspace = year_end_window.workspace
    assert workspace.record is not None
    assert workspace.record.matter.number == listed[0].number
    pane = workspace.coverage.activities_page.why
    if TABS[workspace.tabs.currentIndex()] == "parties":
        pane = workspace.coverage.parties_page.why
    assert pane.why is not None
    assert pane.why.coverage.answer is Answer.NEEDS_REVIEW


@pytest.mark.parametrize("view", ["parties", "activities"])
def test_the_pane_follows_another_matter(year_end_window: MainWindow, view: str) -> None:
    year_end_window.open_case("EC-2026-0001")
    year_end_window.show_tab(view)
    coverage = year_end_window.workspace.coverage
    page = coverage.parties_page if view == "parties" else coverage.activities_page
    page.table.table.selectRow(1)
    assert page.why.why is not None
    year_end_window.open_case("EC-2026-0002")  # other rows: the pane explains the current one
    current = page.table.table.currentIndex()
    assert (page.why.why is None) == (not current.isValid())


def _column(model: QAbstractItemModel, header: str) -> int:
    headers = [
        model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(model.columnCount(QModelIndex()))
    ]
    return headers.index(header)
