"""Changing how a document is filed: kind, direction, date, title and a note.

The original bytes, their hash and the document's family are never edited here; the references
found in its text are shown as suggestions to copy into the matter.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from desktop_app.core.documents import Direction, Document, DocumentKind
from desktop_app.core.text import visible
from desktop_app.core.validation import text_errors
from desktop_app.gui.widgets.enum_combo import EnumCombo
from desktop_app.gui.widgets.form import FormDialog, Submit, TextBinding
from desktop_app.i18n import _


class DocumentDialog(FormDialog[Document]):
    """The filing fields of one document."""

    def __init__(
        self, document: Document, submit: Submit[Document], parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Filing of a document"), submit, parent, check=text_errors)
        self._document = document
        self.kind: EnumCombo[DocumentKind] = EnumCombo(DocumentKind)
        self.kind.set_value(document.kind)
        self.direction: EnumCombo[Direction] = EnumCombo(Direction)
        self.direction.set_value(document.direction)
        self.date = TextBinding(QLineEdit(), document.doc_date)
        self.title = TextBinding(QLineEdit(), document.title)
        self.note = TextBinding(QPlainTextEdit(), document.note)
        original = QLabel(
            f"{visible(document.filename) or _('(unnamed)')}\n"
            f"{document.size:,} bytes · SHA-256 {document.sha256}"
        )
        original.setTextFormat(Qt.TextFormat.PlainText)
        original.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        found = QLabel(", ".join(document.found_refs) or "—")
        found.setTextFormat(Qt.TextFormat.PlainText)
        found.setWordWrap(True)
        self.add_row("original", _("Original"), original)
        self.add_row("kind", _("Kind"), self.kind)
        self.add_row("direction", _("Direction"), self.direction)
        self.add_row(
            "doc_date",
            _("Date"),
            self.date.widget,
            _("As written in the document, e.g. 2026-06-26 or 2026-06-26T09:15-04:00."),
        )
        self.add_row("title", _("Subject or title"), self.title.widget)
        self.add_row(
            "found_refs",
            _("References found"),
            found,
            _("Application control numbers, license numbers and ECCNs seen in the text."),
        )
        self.add_row("note", _("Note"), self.note.widget)
        self.resize(640, 520)

    def build(self) -> Document:
        """The document with the filing fields as typed."""
        return replace(
            self._document,
            kind=self.kind.value() or self._document.kind,
            direction=self.direction.value() or self._document.direction,
            doc_date=self.date.value(),
            title=self.title.value(),
            note=self.note.value(),
        )
