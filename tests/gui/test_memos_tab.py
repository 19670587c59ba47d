"""The Memos tab: draft versions, preview off the GUI thread, save as, print, issue."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.core.chronology_limit import ChronologyLimit
from desktop_app.core.documents import Direction, DocumentKind
from desktop_app.core.drafts import MemoDraft
from desktop_app.core.memos import MemoService
from desktop_app.errors import UserError
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.matter.chronology_dialog import ChronologyDialog
from desktop_app.gui.matter.memo_print import paint_pages
from desktop_app.gui.matter.memos import MemosTab

WriteWaiter = Callable[[MainWindow], None]
NO_DRAFT = "EC-2026-0003"
NAUGHTY = (
    "<b>x</b>",
    '<img src="file:///etc/passwd"/>',
    "\u05e9\u05dc\u05d5\u05dd \u202eabc\u202c مرحبا",
    "**bold** *it* - not a bullet\n- a bullet\n\n\tindented  two  spaces ",
    "Ω≈ç√ 田中さんにあげて下さい 👨‍👩‍👧",
    "NUL\x00inside",
)


def _tab(window: MainWindow, number: str = NO_DRAFT) -> MemosTab:
    window.open_case(number)
    window.show_tab("memos")
    return window.workspace.memos


def _versions(window: MainWindow, tab: MemosTab) -> list[int]:
    assert tab.matter is not None
    return [d.version for d in window.workspace._gateway.memo_drafts(tab.matter.id)]


def _wait_built(qtbot: QtBot, tab: MemosTab) -> None:
    qtbot.waitUntil(lambda: tab.preview.built is not None and tab.outputs.building is None)


def test_saving_makes_versions_only_when_something_changed(
    sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    tab = _tab(sample_window)
    assert _versions(sample_window, tab) == []
    tab.form.parts["facts"].setPlainText("First facts.")
    assert tab.form.is_dirty()
    tab.save_draft()
    wait_writes(sample_window)
    assert _versions(sample_window, tab) == [1]
    assert tab.status.text() == "Saved as version 1."
    assert not tab.form.is_dirty()
    tab.save_draft()
    wait_writes(sample_window)
    assert _versions(sample_window, tab) == [1]
    assert tab.status.text() == "No changes since version 1."
    tab.form.parts["facts"].setPlainText("Second facts.")
    tab.form.lines["to"].setText("General Counsel")
    tab.save_draft()
    wait_writes(sample_window)
    assert _versions(sample_window, tab) == [1, 2]
    assert tab.versions.currentText().startswith("Version 2 — saved ")
    tab.versions.chosen.emit(1)
    assert tab.form.parts["facts"].toPlainText() == "First facts."
    assert tab.form.lines["to"].text() == "File"
    assert tab.form.loaded.version == 1
    assert not tab.form.is_dirty()


def test_unsaved_edits_are_asked_about(
    sample_window: MainWindow, wait_writes: WriteWaiter, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = _tab(sample_window)
    tab.form.parts["facts"].setPlainText("Kept.")
    tab.save_draft()
    wait_writes(sample_window)
    tab.form.parts["facts"].setPlainText("Unsaved.")
    answers = [QMessageBox.StandardButton.Cancel]
    asked: list[str] = []

    def answer(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[1]))
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", answer)
    other = sample_window.workspace._gateway.find_matter("EC-2026-0002")
    assert not sample_window.open_matter(other.id)
    assert tab.matter is not None
    assert tab.matter.number == NO_DRAFT
    assert tab.form.parts["facts"].toPlainText() == "Unsaved."
    answers.append(QMessageBox.StandardButton.Save)
    assert not sample_window.open_matter(other.id)
    wait_writes(sample_window)
    assert tab.matter.number == "EC-2026-0002"
    sample_window.open_case(NO_DRAFT)
    assert _versions(sample_window, tab) == [1, 2]
    assert tab.form.parts["facts"].toPlainText() == "Unsaved."
    tab.form.parts["facts"].setPlainText("Thrown away.")
    answers.append(QMessageBox.StandardButton.Discard)
    tab.versions.chosen.emit(1)
    assert tab.form.parts["facts"].toPlainText() == "Kept."
    assert len(asked) == 3
    assert _versions(sample_window, tab) == [1, 2]


@pytest.mark.parametrize("text", NAUGHTY)
def test_strange_text_round_trips_exactly(
    sample_window: MainWindow, wait_writes: WriteWaiter, text: str
) -> None:
    tab = _tab(sample_window)
    tab.form.parts["analysis"].setPlainText(text)
    tab.form.lines["re"].setText(text.replace("\n", " "))
    tab.save_draft()
    wait_writes(sample_window)
    [draft] = sample_window.workspace._gateway.memo_drafts(tab.matter.id if tab.matter else 0)
    assert draft.analysis == text
    assert draft.re == text.replace("\n", " ")
    tab.form.load(draft)
    assert tab.form.parts["analysis"].toPlainText() == text
    assert tab.form.draft() == draft


def test_a_refused_save_loses_nothing(
    sample_window: MainWindow, wait_writes: WriteWaiter, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    tab = _tab(sample_window)

    def full(_service: MemoService, _draft: MemoDraft) -> MemoDraft:
        raise UserError("The disk is full.")

    monkeypatch.setattr(MemoService, "save_draft", full)
    kept = "Facts that must survive."
    tab.form.parts["facts"].setPlainText(kept)
    tab.save_draft()
    wait_writes(sample_window)
    assert warnings == ["The disk is full."]
    assert _versions(sample_window, tab) == []
    assert tab.form.parts["facts"].toPlainText() == kept
    assert tab.form.is_dirty()
    assert tab.save_button.isEnabled()
    tab.form.load(tab.form.loaded)  # leave nothing unsaved for the window's close


def test_preview_save_as_and_print(
    qtbot: QtBot, sample_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = _tab(sample_window, "EC-2026-0001")
    tab.show_preview()
    assert tab.outputs.building is not None  # the GUI thread did not wait for the build
    _wait_built(qtbot, tab)
    built = tab.preview.built
    assert built is not None
    assert built.key == tab.current_key()
    pages = tab.preview.document.pageCount()
    assert pages > 0
    assert "out of date" not in tab.preview.caption.text()
    target = tmp_path / "memo.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    tab.save_as_button.click()
    assert target.read_bytes() == built.data
    printed = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    assert paint_pages(tab.preview.document, printer) == pages
    copy = QPdfDocument()
    copy.load(str(printed))
    assert copy.pageCount() == pages
    some = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    some.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    some.setOutputFileName(str(tmp_path / "two.pdf"))
    some.setPrintRange(QPrinter.PrintRange.PageRange)
    some.setFromTo(2, 3)
    assert paint_pages(tab.preview.document, some) == 2


def test_changing_the_kind_makes_the_preview_out_of_date(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    tab = _tab(sample_window, "EC-2026-0001")
    tab.show_preview()
    _wait_built(qtbot, tab)
    tab.kind.setCurrentIndex(1)
    assert "out of date" in tab.preview.caption.text()
    tab.show_preview()
    _wait_built(qtbot, tab)
    assert tab.preview.built is not None
    assert tab.preview.built.key.kind == "conditions"


def test_the_chronology_is_limited_from_the_keyboard(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    tab = _tab(sample_window, "EC-2026-0001")
    tab.choose_limit()
    dialog = tab.dialog
    assert isinstance(dialog, ChronologyDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.dated_from
    QTest.keyClicks(dialog.dated_from, "2026-06-26")
    QTest.keyClick(dialog.dated_from, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.dated_to
    QTest.keyClick(dialog.dated_to, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.kinds
    dialog.kinds.setCurrentIndex(dialog.kinds.choices.index(0))
    QTest.keyClick(dialog.kinds, Qt.Key.Key_Space)  # ticks Email
    QTest.keyClick(dialog.kinds, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert tab.dialog is None
    assert tab.limit == ChronologyLimit(date(2026, 6, 26), None, (DocumentKind.EMAIL,))
    tab.show_preview()
    _wait_built(qtbot, tab)
    assert tab.preview.built is not None
    assert "chronology: emails dated on or after 2026-06-26" in tab.preview.caption.text()
    text = " ".join(
        " ".join(
            p.extract_text() for p in PdfReader(io.BytesIO(tab.preview.built.data)).pages
        ).split()
    )
    assert (
        "Limited by counsel to emails dated on or after 2026-06-26: 5 of the 7 documents" in text
    )  # with attachments
    sample_window.open_case("EC-2026-0002")
    assert tab.limit == ChronologyLimit()  # another matter's memo starts unlimited


def test_paper_is_a_library_setting(sample_window: MainWindow, wait_writes: WriteWaiter) -> None:
    from desktop_app.core.drafts import Paper

    tab = _tab(sample_window, "EC-2026-0001")
    tab.paper.set_value(Paper.A4)
    wait_writes(sample_window)
    assert sample_window.workspace._gateway.paper() is Paper.A4
    assert tab.paper.value() is Paper.A4


def test_issue_files_an_outgoing_memo(
    qtbot: QtBot,
    sample_window: MainWindow,
    wait_writes: WriteWaiter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def yes(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    tab = _tab(sample_window, "EC-2026-0001")
    tab.issue()
    wait_writes(sample_window)
    assert "issuing again makes a new version" in asked[0]
    gateway = sample_window.workspace._gateway
    assert tab.matter is not None
    memos = [
        d
        for d in gateway.record(tab.matter.id).documents
        if d.kind is DocumentKind.MEMO and d.direction is Direction.OUTGOING
    ]
    assert [d.filename for d in memos] == ["EC-2026-0001-memo.pdf"]
    rows = sample_window.workspace.correspondence.chronology.model.rows()
    assert memos[0].id in {r.document.id for r in rows}
    assert "Issued" in tab.status.text()
    assert tab.preview.built is not None
    pages = PdfReader(io.BytesIO(tab.preview.built.data)).pages
    assert all("ISSUED " in page.extract_text() for page in pages)  # the pages filed


def test_read_only_library_forbids_saving_and_issuing(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    tab = _tab(sample_window, "EC-2026-0001")
    sample_window.workspace.set_editable(False)
    assert not tab.save_button.isEnabled()
    assert not tab.issue_button.isEnabled()
    assert "read-only" in tab.save_button.toolTip()
    assert tab.form.parts["facts"].isReadOnly()
    tab.show_preview()
    _wait_built(qtbot, tab)
    assert tab.preview.document.pageCount() > 0


def test_a_cancelled_preview_is_not_shown(qtbot: QtBot, sample_window: MainWindow) -> None:
    tab = _tab(sample_window, "EC-2026-0001")
    tab.show_preview()
    assert tab.outputs.task is not None
    tab.outputs.task.relay.dialog.canceled.emit()  # what its Cancel button does
    qtbot.waitUntil(lambda: tab.outputs.building is None)
    assert tab.preview.built is None
    assert tab.status.text() in ("Preview cancelled.", "Cancelled; nothing was built or filed.")


def test_a_failed_build_says_why(
    qtbot: QtBot, sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.reports import make

    def broken(*_args: object, **_kwargs: object) -> tuple[str, bytes]:
        raise UserError("The font file is missing.")

    monkeypatch.setattr(make, "matter_memo_pdf", broken)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    tab = _tab(sample_window, "EC-2026-0001")
    tab.show_preview()
    qtbot.waitUntil(lambda: tab.outputs.building is None)
    assert warnings == ["The font file is missing."]
    assert tab.preview.built is None


def test_save_as_builds_first_when_there_is_no_preview(
    qtbot: QtBot,
    sample_window: MainWindow,
    wait_writes: WriteWaiter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "memo.pdf"
    target.write_bytes(b"an older file")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    tab = _tab(sample_window)
    tab.form.parts["facts"].setPlainText("Unsaved facts are saved before the build.")
    tab.save_as_button.click()
    qtbot.waitUntil(lambda: target.read_bytes() != b"an older file")
    wait_writes(sample_window)
    built = tab.preview.built
    assert built is not None
    assert built.key.version == 1
    assert target.read_bytes() == built.data
    assert not list(tmp_path.glob(".*.part"))


def test_print_asks_then_prints_the_previewed_pages(
    qtbot: QtBot, sample_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    printed = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))
        return int(QPrintDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    tab = _tab(sample_window, "EC-2026-0001")
    tab.print_button.click()
    qtbot.waitUntil(printed.exists)
    copy = QPdfDocument()
    copy.load(str(printed))
    assert copy.pageCount() == tab.preview.document.pageCount() > 0
    assert tab.status.text().startswith("Sent ")


def test_text_typed_while_a_save_waits_stays_an_unsaved_edit(
    sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    import threading

    tab = _tab(sample_window)
    tab.form.parts["facts"].setPlainText("First facts.")
    gate = threading.Event()
    worker = sample_window.workspace._gateway.worker  # e.g. an import holds the writer
    assert worker is not None
    worker.run_op(lambda _library: gate.wait(10), lambda _result: None, lambda _error: None)
    tab.save_draft()
    tab.form.parts["facts"].setPlainText("First facts. And a later sentence.")
    gate.set()
    wait_writes(sample_window)
    assert tab.form.is_dirty()
    assert tab.form.draft().facts == "First facts. And a later sentence."
    tab.save_draft()
    wait_writes(sample_window)
    stored = sample_window.workspace._gateway.memo_drafts(tab.matter.id)  # type: ignore[union-attr]
    assert [d.facts for d in stored] == ["First facts.", "First facts. And a later sentence."]
