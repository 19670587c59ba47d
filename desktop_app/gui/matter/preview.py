"""The preview beside the chronology: an email's headers and body, a PDF's pages, or text.

Opened from a search result, it highlights the words searched for (`highlight`).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.documents import Document
from desktop_app.core.text import visible
from desktop_app.gui.matter.highlight import mark_words, pdf_search_string
from desktop_app.gui.widgets.zoom import Zoom
from desktop_app.i18n import _

PDF = "application/pdf"
HEADER_FIELDS = (
    ("From", "sender"),
    ("To", "recipients"),
    ("Cc", "cc"),
    ("Date", "doc_date"),
    ("Subject", "title"),
    ("Message-ID", "message_id"),
)


class DocumentPreview(QWidget):
    """Shows one document: headers (for email), then its body, pages or text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers: dict[str, QLabel] = {}
        self.form = form = QFormLayout()
        for label, name in HEADER_FIELDS:
            value = _plain_label()
            self.headers[name] = value
            form.addRow(f"{label}:", value)
        self.fixity = _plain_label()
        form.addRow(_("Original:"), self.fixity)
        self.sha = _plain_label()
        self.sha.setWordWrap(False)
        form.addRow(_("SHA-256:"), self.sha)
        self.refs = _plain_label()
        form.addRow(_("References found:"), self.refs)
        self.reading = _plain_label()
        form.addRow(_("When read:"), self.reading)
        self.text = QPlainTextEdit(readOnly=True)
        self.pdf_document = QPdfDocument(self)
        self.pdf = pdf_view(self.pdf_document)
        self.pdf_search = QPdfSearchModel(self)
        self.pdf_search.setDocument(self.pdf_document)
        self.pdf.setSearchModel(self.pdf_search)
        self.pdf_search.countChanged.connect(self._first_pdf_result)
        self._text = ""
        self.body = QStackedWidget()
        self.body.addWidget(self.text)
        self.body.addWidget(self.pdf)
        self._buffer: QBuffer | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.zoom = Zoom(self.pdf, self)
        self.zoom.bar.hide()  # shown with a PDF's pages
        self.body.currentChanged.connect(
            lambda _index: self.zoom.bar.setVisible(self.body.currentWidget() is self.pdf)
        )
        layout.addLayout(form)
        layout.addWidget(self.zoom.bar, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.body, 1)

    def show_document(self, document: Document, text: str, data: bytes | None) -> None:
        """Show ``document``; ``data`` is its original bytes when a PDF view needs them."""
        self._text = text
        self.highlight(())
        for name, label in self.headers.items():
            value = getattr(document, name)
            shown = ", ".join(value) if isinstance(value, tuple) else str(value)
            label.setText(visible(shown))
            self.form.setRowVisible(label, bool(shown) or name == "title")
        self.fixity.setText(
            f"{visible(document.filename) or _('(unnamed)')} · {document.size:,} bytes"
        )
        self.sha.setText(document.sha256)
        self.refs.setText(", ".join(document.found_refs) or "—")
        self.reading.setText("; ".join(visible(n) for n in document.reader_notes))
        self.form.setRowVisible(self.reading, bool(document.reader_notes))
        if document.media_type == PDF and data is not None and self._load_pdf(data):
            self.body.setCurrentWidget(self.pdf)
            return
        self.text.setPlainText(
            text
            or _(
                "No text could be read from this file; the original "
                "is kept as it came. Use Open or Save original as."
            )
        )
        self.body.setCurrentWidget(self.text)

    def highlight(self, words: tuple[str, ...]) -> None:
        """Mark ``words`` in the document shown; empty ``words`` removes the marks.

        Text gets every occurrence of each word; a PDF (its view searches one string) the words
        together where they stand so, else the longest.
        """
        mark_words(self.text, words if self.body.currentWidget() is self.text else ())
        self.pdf.setCurrentSearchResultIndex(-1)
        self.pdf_search.setSearchString(pdf_search_string(self._text, words))

    def _first_pdf_result(self) -> None:
        """Go to the first place the PDF search found (the view marks but does not scroll)."""
        if self.pdf_search.count() and self.pdf.currentSearchResultIndex() < 0:
            self.pdf.setCurrentSearchResultIndex(0)
            self.pdf.pageNavigator().jump(self.pdf_search.resultAtIndex(0))

    def _load_pdf(self, data: bytes) -> bool:
        self._buffer = load_pdf(self.pdf_document, data, self._buffer)
        return self.pdf_document.status() == QPdfDocument.Status.Ready

    def clear(self) -> None:
        """Show nothing."""
        for label in (*self.headers.values(), self.fixity, self.sha, self.refs):
            label.clear()
        self.text.clear()
        self._text = ""
        self.highlight(())
        self.body.setCurrentWidget(self.text)


def pdf_view(document: QPdfDocument) -> QPdfView:
    """A view showing ``document`` page after page, fitted to its width."""
    view = QPdfView()
    view.setDocument(document)
    view.setPageMode(QPdfView.PageMode.MultiPage)
    view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
    return view


def load_pdf(document: QPdfDocument, data: bytes, previous: QBuffer | None) -> QBuffer:
    """Load PDF ``data`` into ``document``; return the buffer it reads (keep it alive).

    The buffer that held the previous bytes is released once the document no longer reads it.
    """
    document.close()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if previous is not None:
        previous.deleteLater()
    return buffer


def _plain_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label
