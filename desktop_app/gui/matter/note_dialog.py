"""Adding a note to a matter, or correcting one."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from desktop_app.core.models import Note
from desktop_app.gui.widgets.form import FormDialog, Submit, TextBinding
from desktop_app.i18n import _


class NoteDialog(FormDialog[Note]):
    """One note's text."""

    def __init__(self, note: Note, submit: Submit[Note], parent: QWidget | None = None) -> None:
        super().__init__(_("Edit note") if note.id else _("Add note"), submit, parent)
        self._note = note
        self.text = TextBinding(QPlainTextEdit(), note.text)
        self.add_row("text", _("Note"), self.text.widget)
        self.resize(520, 320)

    def build(self) -> Note:
        """The note as typed."""
        return replace(self._note, text=self.text.value())
