"""Annex A of a letter: reading pasted or loaded tables, and the dialog that replaces one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.annex_parse import parse_annex
from desktop_app.core.authorizations import AnnexRow, AuthorizationLetter
from desktop_app.core.models import Party
from desktop_app.errors import ValidationError
from desktop_app.gui.file_dialogs import open_file
from desktop_app.gui.matter.annex_preview import AnnexPreview
from desktop_app.gui.widgets.form import FormDialog, Submit, TextBinding
from desktop_app.i18n import _
from desktop_app.ingest.text import decode_text

ANNEX_HINT = _(
    "Paste the table as written: a numbered list as copied from the letter (“1. Name (GB)”), "
    "or one row per line, CSV or tab-separated — row, name, address, country (a header line "
    "is fine)."
)


@dataclass(frozen=True)
class AnnexDraft:
    """The new Annex A text of a stored letter."""

    letter_id: int
    annex_text: str


def annex_errors(text: str) -> dict[str, str]:
    """{"annex": why} when pasted Annex A text cannot be read; empty text is no table."""
    if not text.strip():
        return {}
    try:
        parse_annex(text)
    except ValidationError as exc:
        return exc.fields
    return {}


def annex_as_text(rows: list[AnnexRow]) -> str:
    """Annex A rows back as tab-separated text, ready to be corrected and pasted again."""
    return "\n".join(
        "\t".join((str(r.row_no), r.name_as_written, r.address_as_written, r.country)) for r in rows
    )


class AnnexDialog(FormDialog[AnnexDraft]):
    """Replace a stored letter's Annex A with corrected or newly pasted rows."""

    def __init__(
        self,
        letter: AuthorizationLetter,
        rows: list[AnnexRow],
        submit: Submit[AnnexDraft],
        parent: QWidget | None = None,
        parties: Sequence[Party] = (),
    ) -> None:
        title = _("Annex A of the letter of {day}").format(day=letter.dated.isoformat())
        super().__init__(title, submit, parent, check=lambda d: _required_annex(d.annex_text))
        self._letter_id = letter.id
        self.annex = TextBinding(QPlainTextEdit(), annex_as_text(rows))
        box = annex_with_loader(self.annex.widget, parties)
        self.add_row("annex", _("Annex A"), box, ANNEX_HINT)
        self.resize(760, 560)

    def build(self) -> AnnexDraft:
        """The letter's id and the Annex A text."""
        return AnnexDraft(self._letter_id, self.annex.value())


def _required_annex(text: str) -> dict[str, str]:
    if not text.strip():
        return {"annex": _("The Annex A table is empty.")}
    return annex_errors(text)


def annex_with_loader(editor: QPlainTextEdit, parties: Sequence[Party] = ()) -> QWidget:
    """The Annex A text box, a button that loads a CSV or text file, and the rows as read."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(editor)
    load = QPushButton(_("Load from a CSV file…"))
    load.clicked.connect(lambda: load_annex_file(editor))
    layout.addWidget(load)
    layout.addWidget(AnnexPreview(editor, parties))
    return box


def load_annex_file(editor: QPlainTextEdit, path: Path | None = None) -> None:
    """Put the text of a CSV/TSV file (any common encoding) into the Annex A box."""
    if path is None:
        chosen = open_file(
            editor, _("Load Annex A"), "annex", _("Tables (*.csv *.tsv *.txt);;All files (*)")
        )
        if chosen is None:
            return
        path = chosen
    try:
        data = path.read_bytes()
    except OSError as exc:
        editor.setPlainText("")
        editor.setPlaceholderText(
            _("Could not read {name}: {why}").format(name=path.name, why=exc.strerror)
        )
        return
    editor.setPlainText(decode_text(data)[0])
