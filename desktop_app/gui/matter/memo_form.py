"""The memo draft editor: the header lines, the legends and the four parts counsel write.

The form shows one draft (a saved version, or the defaults of a matter with none) and gives back
the draft its fields describe. A field left untouched gives back the stored value exactly,
whatever Qt does to the text it shows; `is_dirty` says whether anything differs from the draft
the form was loaded with.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.drafts import MemoDraft, same_content
from desktop_app.i18n import _

LINES = (
    ("to", _("To:")),
    ("sender", _("From:")),
    ("cc", _("CC:")),
    ("re", _("Re:")),
    ("legend", _("Privilege &legend:")),
    ("marking", _("Export-control marking:")),
)
"""The one-line fields: the draft's attribute and its label."""

PARTS = (
    ("facts", _("Facts")),
    ("analysis", _("Anal&ysis")),
    ("recommendation", _("Recommendation")),
    ("open_questions", _("Open &questions")),
)
"""The four parts counsel write: the draft's attribute and its label."""

MARKUP_HELP = _(
    "A blank line starts a new paragraph; a line starting “- ” is a bullet; "
    "**bold**, *italic*. Anything else prints exactly as typed."
)


class MemoForm(QWidget):
    """Edit one memo draft."""

    edited = Signal()
    """The person changed a field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = {name: QLineEdit() for name, _label in LINES}
        self.parts = {name: _part_editor() for name, _label in PARTS}
        self._loaded = MemoDraft(matter_id=0)
        self._shown: dict[str, str] = {}
        self._filling = False
        self._lay_out()
        for line in self.lines.values():
            line.textEdited.connect(lambda _text: self.edited.emit())
        for part in self.parts.values():
            part.textChanged.connect(self._part_changed)

    def _lay_out(self) -> None:
        header = QGridLayout()
        header.setColumnStretch(1, 1)
        header.setColumnStretch(3, 1)
        for index, (name, label) in enumerate(LINES):
            row, column = (index // 2, 2 * (index % 2)) if index < 4 else (index - 2, 0)
            title = QLabel(label)
            title.setBuddy(self.lines[name])
            header.addWidget(title, row, column)
            header.addWidget(self.lines[name], row, column + 1, 1, 1 if index < 4 else 3)
        grid = QGridLayout()
        grid.setVerticalSpacing(2)
        for index, (name, label) in enumerate(PARTS):
            title = QLabel(label)
            title.setBuddy(self.parts[name])
            title.setStyleSheet("font-weight: 600;")
            grid.addWidget(title, 2 * index, 0)
            grid.addWidget(self.parts[name], 2 * index + 1, 0)
            grid.setRowStretch(2 * index + 1, 1)
        self.help = QLabel(MARKUP_HELP)
        self.help.setWordWrap(True)
        self.help.setStyleSheet("color: #555555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addLayout(grid, 1)
        layout.addWidget(self.help)

    def load(self, draft: MemoDraft) -> None:
        """Show ``draft``; it becomes what `is_dirty` compares with."""
        self._filling = True
        try:
            for name, line in self.lines.items():
                line.setText(getattr(draft, name))
                line.setCursorPosition(0)
            for name, part in self.parts.items():
                part.setPlainText(getattr(draft, name))
        finally:
            self._filling = False
        self.rebase(draft)

    def snapshot(self) -> dict[str, str]:
        """What every field shows now (to pass to `rebase` once a save of it is stored)."""
        return {name: self._text(name) for name in self._names()}

    def rebase(self, draft: MemoDraft, shown: dict[str, str] | None = None) -> None:
        """Take ``draft`` as the loaded draft, leaving the text.

        ``shown`` is what the fields showed when ``draft`` was taken from them (default: now);
        anything typed since then still counts as an unsaved edit.
        """
        self._loaded = draft
        self._shown = shown if shown is not None else self.snapshot()

    @property
    def loaded(self) -> MemoDraft:
        """The draft the form was loaded with (or last saved)."""
        return self._loaded

    def draft(self) -> MemoDraft:
        """The draft the fields describe (the loaded draft's version, matter and id)."""
        values: dict[str, Any] = {name: self._value(name) for name in self._names()}
        return replace(self._loaded, **values)

    def is_dirty(self) -> bool:
        """Whether the fields say something other than the loaded draft."""
        return not same_content(self.draft(), self._loaded)

    def set_read_only(self, read_only: bool) -> None:
        """Allow or forbid editing."""
        for line in self.lines.values():
            line.setReadOnly(read_only)
        for part in self.parts.values():
            part.setReadOnly(read_only)

    def _names(self) -> list[str]:
        return [*self.lines, *self.parts]

    def _text(self, name: str) -> str:
        if name in self.lines:
            return self.lines[name].text()
        return self.parts[name].toPlainText()

    def _value(self, name: str) -> str:
        current = self._text(name)
        if current == self._shown.get(name):
            return str(getattr(self._loaded, name))
        return current

    def _part_changed(self) -> None:
        if not self._filling:
            self.edited.emit()


def _part_editor() -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setTabChangesFocus(True)
    editor.setMinimumHeight(64)
    return editor
