"""The Correspondence tab: chronology with threads, previews, copies of originals, filing."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.core.documents import Direction, Document, DocumentKind, FileOutcome, Outcome
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.matter import TABS
from desktop_app.gui.matter.document_actions import import_summary
from desktop_app.gui.matter.document_dialog import DocumentDialog
from desktop_app.gui.screenshot import VIEWS
from desktop_app.gui.widgets.record_table import MAX_WIDTH

WriteWaiter = Callable[[MainWindow], None]


def _open(window: MainWindow) -> None:
    window.open_case("EC-2026-0001")
    window.show_tab("correspondence")


def _rows(window: MainWindow) -> list[tuple[int, str]]:
    model = window.workspace.correspondence.chronology.model
    return [(r.depth, r.document.filename) for r in model.rows()]


def test_threads_and_attachments_in_order(sample_window: MainWindow) -> None:
    _open(sample_window)
    rows = _rows(sample_window)
    names = [name for _depth, name in rows]
    assert names[0].startswith("2026-06-12-bis-letter")
    first_email = names.index("2026-06-26-email-annex-a-scope-from-outside-counsel.eml")
    assert rows[first_email][0] == 0
    assert rows[first_email + 1] == (1, "2026-06-26-bis-letter-lifting-requirement-annex-a.pdf")
    assert rows[first_email + 2][0] == 1
    assert rows[-1] == (2, "Annex A coverage check.csv")


def test_pdf_preview_and_email_headers(sample_window: MainWindow) -> None:
    _open(sample_window)
    tab = sample_window.workspace.correspondence
    tab.chronology.table.selectRow(0)
    assert tab.preview.pdf_document.status() == QPdfDocument.Status.Ready
    assert tab.preview.pdf_document.pageCount() == 2
    email = next(
        r.document for r in tab.chronology.model.rows() if r.document.kind.value == "email"
    )
    tab.select_document(email.id)
    assert tab.preview.headers["sender"].text() == email.sender
    assert "Annex A" in tab.preview.text.toPlainText()


def _first(window: MainWindow, predicate: Callable[[Document], bool]) -> Document:
    rows = window.workspace.correspondence.chronology.model.rows()
    return next(r.document for r in rows if predicate(r.document))


def test_save_original_writes_the_exact_bytes(
    sample_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open(sample_window)
    document = _first(
        sample_window, lambda d: d.filename.endswith(".msg") or d.kind.value == "email"
    )
    target = tmp_path / "copy.eml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    sample_window.workspace.save_original(document)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == document.sha256


def test_open_original_copies_privately_and_asks_for_risky_types(
    sample_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open(sample_window)
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    asked: list[str] = []

    def refuse(*args: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", refuse)
    pdf = _first(sample_window, lambda d: d.media_type == "application/pdf")
    sample_window.workspace.open_original(pdf)
    assert not asked
    [copy] = opened
    assert Path(copy).read_bytes()[:5] == b"%PDF-"
    assert oct(Path(copy).parent.stat().st_mode & 0o777) == "0o700"
    risky = Document(
        pdf.matter_id, pdf.sha256, "invoice\u202efdp.exe", pdf.media_type, pdf.size, id=pdf.id
    )
    sample_window.workspace.open_original(risky)
    assert len(asked) == 1
    assert len(opened) == 1
    sample_window.workspace.copies.clean()
    assert not Path(copy).exists()


def test_refiling_a_document_is_audited(
    sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    _open(sample_window)
    document = _first(sample_window, lambda d: d.kind is DocumentKind.LETTER)
    sample_window.workspace.edit_document(document)
    dialog = sample_window.workspace.dialog
    assert isinstance(dialog, DocumentDialog)
    dialog.kind.set_value(DocumentKind.LICENSE)
    dialog.direction.set_value(Direction.INTERNAL)
    dialog.note.widget.setPlainText("Filed as the license of record.")
    dialog.save()
    wait_writes(sample_window)
    changed = _first(sample_window, lambda d: d.id == document.id)
    assert (changed.kind, changed.direction, changed.sha256) == (
        DocumentKind.LICENSE,
        Direction.INTERNAL,
        document.sha256,
    )
    assert (
        sample_window.workspace.history.model.index(0, 3)
        .data()
        .startswith("Changed the document “BIS letter of June 12, 2026")
    )


def test_the_preview_shows_a_refiled_documents_new_values(
    sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    _open(sample_window)
    tab = sample_window.workspace.correspondence
    document = _first(sample_window, lambda d: d.kind is DocumentKind.LETTER)
    tab.select_document(document.id)
    assert tab.preview.headers["title"].text() == document.title
    sample_window.workspace.edit_document(document)
    dialog = sample_window.workspace.dialog
    assert isinstance(dialog, DocumentDialog)
    dialog.title.widget.setText("BIS letter of June 12, 2026 (as re-filed)")
    dialog.save()
    wait_writes(sample_window)
    assert tab.selected_document() is not None
    assert tab.preview.headers["title"].text() == "BIS letter of June 12, 2026 (as re-filed)"


def test_screenshot_views_are_the_tabs() -> None:
    assert ("agenda", "docket", "search", "trash", *TABS) == VIEWS


def test_dropped_files_are_filed_with_a_summary(
    sample_window: MainWindow,
    wait_writes: WriteWaiter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    sample_window.open_case("EC-2026-0003")
    note = tmp_path / "call note.txt"
    note.write_text("Called BIS about ACN Z604318 and ECCN 4E001.a.", encoding="utf-8")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(note)), QUrl.fromLocalFile(str(empty))])
    summaries: list[str] = []
    sample_window.workspace.import_finished.connect(summaries.append)
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    sample_window.workspace.dropEvent(drop)
    wait_writes(sample_window)
    assert summaries == ["1 filed, 0 already on file, 1 quarantined."]
    assert "empty.pdf: empty file: 0 bytes" in warnings[0]
    filed = _first(sample_window, lambda d: d.filename == "call note.txt")
    assert filed.found_refs == ("ACN Z604318", "ECCN 4E001.a")
    quarantine = sample_window.workspace.correspondence.quarantine
    assert quarantine.model.rowCount() == 1
    assert sample_window.workspace.tabs.currentWidget() is sample_window.workspace.correspondence


def test_files_attached_take_the_direction_chosen(
    sample_window: MainWindow, wait_writes: WriteWaiter, tmp_path: Path
) -> None:
    sample_window.open_case("EC-2026-0003")
    letter = tmp_path / "reply to BIS.txt"
    letter.write_text("Our reply to the request for information.", encoding="utf-8")
    chooser = sample_window.workspace.correspondence.direction
    assert chooser.value() is Direction.UNKNOWN  # nothing is assumed
    chooser.set_value(Direction.OUTGOING)
    sample_window.workspace.documents.import_paths([letter])
    wait_writes(sample_window)
    assert _first(sample_window, lambda d: d.filename == letter.name).direction is (
        Direction.OUTGOING
    )


def test_fitted_columns_show_their_text_whole(sample_window: MainWindow) -> None:
    """Each fitted column is as wide as Qt says its cells and header need (or at its cap)."""
    sample_window.open_case("EC-2026-0001")
    sample_window.show_tab("correspondence")
    chronology = sample_window.workspace.correspondence.chronology
    table, header = chronology.table, chronology.table.horizontalHeader()
    assert chronology.model.rowCount() > 0
    for column in range(chronology.model.columnCount() - 1):
        needed = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        cap = chronology.model.column(column).max_width or MAX_WIDTH
        assert table.columnWidth(column) >= min(needed, cap), column


def test_the_import_summary_counts_what_was_not_read() -> None:
    outcomes = [
        FileOutcome("/in/a.pdf", Outcome.IMPORTED, document_id=1),
        FileOutcome("/in/pipe", Outcome.NOT_READ, "a pipe (FIFO), not a file"),
        FileOutcome("/in/mistyped.pdf", Outcome.NOT_READ, "there is no such file or folder"),
    ]
    assert import_summary(outcomes) == ("1 filed, 0 already on file, 0 quarantined. 2 not read.")
